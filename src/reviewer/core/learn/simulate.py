"""Evaluating a review order with a simulated reviewer who answers from a hidden gold.

The pending work is a list of proposals (spans); the reviewer takes them in the given order
and answers each from the hidden gold: a proposal that is a gold mention (same boundaries) is
accepted, any other is rejected. Before a decision a proposal counts as it stands (the
pre-annotation is the dataset until someone says otherwise). After ``k`` decisions the
dataset has ``TP`` correct proposals, ``FP_k`` wrong ones not yet rejected and ``FN`` gold
mentions no proposal found, and scores F1 = 2TP / (2TP + FP_k + FN). An order is better when
it reaches a given F1 with fewer decisions.
"""

from __future__ import annotations

from collections.abc import Sequence

Span = tuple[int, int]


def review_curve(order: Sequence[tuple[str, Span]], gold: dict[str, set[Span]]
                 ) -> list[float]:
    """F1 of the dataset after 0, 1, … ``len(order)`` decisions; ``order`` lists every
    pending proposal once as ``(transcript key, span)``, ``gold`` the hidden gold spans."""
    correct = [span in gold.get(key, set()) for key, span in order]
    tp = sum(correct)
    fn = sum(len(v) for v in gold.values()) - tp
    fp = len(order) - tp
    curve = [_f1(tp, fp, fn)]
    for ok in correct:
        if not ok:
            fp -= 1
        curve.append(_f1(tp, fp, fn))
    return curve


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def decisions_to_reach(curve: Sequence[float], target: float) -> int | None:
    """The fewest decisions after which the F1 is at least ``target`` (None: never)."""
    return next((k for k, f in enumerate(curve) if f >= target - 1e-12), None)


def area(curve: Sequence[float]) -> float:
    """The mean F1 over the review (higher: good data sooner)."""
    return sum(curve) / len(curve) if curve else 0.0
