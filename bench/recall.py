"""Recall and precision of an extractor against hand-written answer keys.

A key (``tests/fixtures/<name>.key.json``, written by reading the text) lists every definite
figure of a transcript, in text order: its surface ``text`` and its ``value`` or
``low``/``high`` and ``unit``. A figure is *found* when a proposal overlaps its span, and
*found with the right value* when the proposal's value (or both bounds) equals the key's
within 0.5% (a vague figure, value null in the key, needs only the span). A proposal is
*correct* when it overlaps some key figure.

    python bench/recall.py [--extractor NAME] [FIXTURE.txt ...]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


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


def run(paths: list[Path], extractor: str) -> dict[str, Score]:
    """Scores per fixture, and their sum under "all"."""
    from reviewer.core.extract.registry import get_extractor
    from reviewer.core.ingest import parse_file

    ex = get_extractor(extractor)
    out: dict[str, Score] = {}
    total = Score()
    for p in paths:
        key = json.loads(key_path(p).read_text(encoding="utf-8"))
        parsed = parse_file(p)
        mentions = ex.extract(parsed).to_json()["mentions"]
        s = score(parsed.text, key["figures"], mentions)
        out[p.name] = s
        total.add(s)
    out["all"] = total
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("fixtures", nargs="*", type=Path)
    ap.add_argument("--extractor", default="builtin")
    args = ap.parse_args(argv)
    paths = args.fixtures or fixture_paths()
    print(f"{'fixture':28} {'figures':>7} {'recall':>7} {'value':>7} {'precision':>9}")
    for name, s in run(paths, args.extractor).items():
        print(f"{name:28} {s.figures:7} {s.recall:7.3f} {s.value_recall:7.3f} "
              f"{s.precision:9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
