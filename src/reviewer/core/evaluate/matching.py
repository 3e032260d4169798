"""One-to-one matching of predicted mentions to gold mentions, and the SemEval-2013 modes.

The four modes of SemEval-2013 task 9.1 (as in the nervaluate package), the type being the
metric:

- strict:  the boundaries are exact and the metric is the same;
- exact:   the boundaries are exact, whatever the metric;
- partial: exact boundaries score 1, overlapping ones 0.5 (COR + 0.5 * PAR);
- type:    the spans overlap and the metric is the same.

Unlike nervaluate, one gold mention is matched by at most one prediction and the other way
round: a second prediction over an already matched gold mention is spurious. Pairs are chosen
greedily, best first (exact boundaries, then same metric, then longest overlap, then earliest),
so the result does not depend on input order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Protocol

MODES = ("strict", "exact", "partial", "type")
COR, INC, PAR = "COR", "INC", "PAR"
CREDIT = {COR: 1.0, PAR: 0.5, INC: 0.0}


class SpanLike(Protocol):
    start: int
    end: int
    metric: str | None


@dataclass(frozen=True)
class Alignment:
    """Matched pairs ``(gold index, predicted index)``, missed gold, spurious predictions."""

    pairs: list[tuple[int, int]]
    missed: list[int]
    spurious: list[int]


def overlap(a: SpanLike, b: SpanLike) -> int:
    """How many characters two spans share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def align(gold: Sequence[SpanLike], pred: Sequence[SpanLike]) -> Alignment:
    """Pair overlapping gold and predicted mentions one-to-one, best pairs first."""
    # Predictions sorted by start: each gold mention only looks at those that can reach it.
    order = sorted(range(len(pred)), key=lambda i: pred[i].start)
    starts = [pred[i].start for i in order]
    longest = max((p.end - p.start for p in pred), default=0)
    candidates = []
    for gi, g in enumerate(gold):
        lo = bisect_left(starts, g.start - longest)
        hi = bisect_left(starts, g.end)
        for pi in order[lo:hi]:
            p = pred[pi]
            shared = overlap(g, p)
            if shared <= 0:
                continue
            exact = g.start == p.start and g.end == p.end
            same = g.metric == p.metric
            # Sort key: best first; ties broken by position, then by what the prediction
            # says (two predictions over the same span pair the same way in any input order).
            candidates.append(((not exact, not same, -shared, _distance(g, p), g.start,
                                p.start, _content(p), gi, pi), gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _key, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    pairs.sort()
    return Alignment(pairs,
                     [i for i in range(len(gold)) if i not in used_g],
                     [i for i in range(len(pred)) if i not in used_p])


def _number(x: object, name: str) -> float | None:
    v = getattr(x, name, None)
    return float(v) if isinstance(v, int | float) else None


def _distance(g: SpanLike, p: SpanLike) -> float:
    """How far a prediction's value is from the gold's (0 when equal, inf when unknown):
    of two predictions over one gold mention, the one with its value pairs."""
    total = 0.0
    for name in ("value", "low", "high"):
        a, b = _number(g, name), _number(p, name)
        if a is None and b is None:
            continue
        if a is None or b is None:
            return float("inf")
        total += abs(a - b) / max(abs(a), abs(b), 1e-12)
    return total


def _content(p: SpanLike) -> tuple:
    """An order on what a prediction says, independent of where it sits in the input."""
    return (p.end, p.metric or "",
            *(("" if v is None else repr(v)) for v in (
                _number(p, "value"), _number(p, "low"), _number(p, "high"),
                getattr(p, "unit", None), getattr(p, "period", None),
                getattr(p, "kind", None))))


def outcome(g: SpanLike, p: SpanLike, mode: str) -> str:
    """COR, INC or PAR for one matched (overlapping) pair in one mode."""
    exact = g.start == p.start and g.end == p.end
    same = g.metric == p.metric
    if mode == "strict":
        return COR if exact and same else INC
    if mode == "exact":
        return COR if exact else INC
    if mode == "partial":
        return COR if exact else PAR
    if mode == "type":
        return COR if same else INC
    raise ValueError(f"unknown matching mode {mode!r} (one of {', '.join(MODES)})")


def add_counts(into: object, other: object, names: Sequence[str] | None = None) -> None:
    """Add ``other``'s numeric dataclass fields (all of them, or ``names``) into ``into``."""
    for k in names or [f.name for f in fields(into)]:
        setattr(into, k, getattr(into, k) + getattr(other, k))


@dataclass
class Tally:
    """Counts for one mode over some mentions.

    ``hit_p`` is the credit on the predicted side, ``hit_r`` on the gold side: they differ
    only inside a group (one metric, one slice) when a pair's two mentions fall in different
    groups. Precision is ``hit_p / act``, recall ``hit_r / pos``; both 0 when undefined.
    """

    cor: int = 0
    inc: int = 0
    par: int = 0
    mis: int = 0
    spu: int = 0
    pos: int = 0
    act: int = 0
    hit_p: float = 0.0
    hit_r: float = 0.0

    def add(self, other: Tally) -> None:
        add_counts(self, other)

    @property
    def precision(self) -> float:
        return self.hit_p / self.act if self.act else 0.0

    @property
    def recall(self) -> float:
        return self.hit_r / self.pos if self.pos else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def as_dict(self) -> dict[str, float]:
        return {"cor": self.cor, "inc": self.inc, "par": self.par, "mis": self.mis,
                "spu": self.spu, "possible": self.pos, "actual": self.act,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


def f1(p: float, r: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


def prf(hit_p: float, act: float, hit_r: float, pos: float) -> tuple[float, float, float]:
    """(precision, recall, F1) from credits and counts."""
    p = hit_p / act if act else 0.0
    r = hit_r / pos if pos else 0.0
    return p, r, f1(p, r)
