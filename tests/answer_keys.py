"""Scoring an extractor against hand-written answer keys (tests/fixtures/NAME.key.json).

A key lists every definite figure of a transcript, in text order, written by reading the text:
its surface ``text`` and its ``value`` or ``low``/``high`` and ``unit``. A figure is *found*
when a proposal overlaps its span, and *found with the right value* when the proposal's value
(or both bounds) equals the key's within 0.5% (a vague figure, value null in the key, needs
only the span). A proposal is *correct* when it overlaps some key figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Score:
    """Counts of one transcript (or a sum of several)."""

    figures: int = 0
    found: int = 0
    right_value: int = 0
    proposals: int = 0
    correct: int = 0

    def add(self, other: Score) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def recall(self) -> float:
        return self.found / self.figures if self.figures else 0.0

    @property
    def value_recall(self) -> float:
        return self.right_value / self.figures if self.figures else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.proposals if self.proposals else 0.0


def key_spans(text: str, figures: list[dict]) -> list[tuple[int, int, dict]]:
    """Each key figure's span, found in order in the text."""
    spans, pos = [], 0
    for f in figures:
        at = text.find(f["text"], pos)
        if at < 0:
            raise ValueError(f"key figure {f['text']!r} not found after offset {pos}")
        spans.append((at, at + len(f["text"]), f))
        pos = at + 1
    return spans


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a == b or math.isclose(a, b, rel_tol=0.005)


def value_right(key: dict, m: dict) -> bool:
    """Whether a proposal states the key figure's quantity."""
    if key.get("value") is None and key.get("low") is None and key.get("high") is None:
        return True  # vague ("seven-figure"): the span is what counts
    if key.get("value") is not None:
        return _close(key["value"], m.get("value"))
    return _close(key.get("low"), m.get("low")) and _close(key.get("high"), m.get("high"))


def score(text: str, figures: list[dict], mentions: list[dict]) -> Score:
    """Match proposals to key figures (a proposal serves one figure)."""
    spans = key_spans(text, figures)
    s = Score(figures=len(spans), proposals=len(mentions))
    used: set[int] = set()
    for start, end, key in spans:
        overlapping = [i for i, m in enumerate(mentions)
                       if m["start"] < end and start < m["end"] and i not in used]
        if not overlapping:
            continue
        best = next((i for i in overlapping if value_right(key, mentions[i])), overlapping[0])
        used.add(best)
        s.found += 1
        s.right_value += value_right(key, mentions[best])
    s.correct = sum(1 for m in mentions
                    if any(m["start"] < e and st < m["end"] for st, e, _ in spans))
    return s


def key_path(p: Path) -> Path:
    """The answer key of a fixture: NAME.txt -> NAME.key.json."""
    return p.with_name(p.name.removesuffix(".txt") + ".key.json")


def fixture_paths() -> list[Path]:
    """Every fixture that has an answer key."""
    return sorted(FIXTURES / (k.name.removesuffix(".key.json") + ".txt")
                  for k in FIXTURES.glob("*.key.json"))


