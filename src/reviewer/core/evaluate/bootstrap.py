"""Percentile bootstrap intervals over transcripts.

Transcripts, not mentions, are resampled (with replacement): mentions of one call are not
independent, and a gold set grows one transcript at a time. Resampling uses
``random.Random(seed)`` so a report is reproducible; the sums use numpy (a spaCy dependency)
because 1,000 resamples of 10,000 transcripts is too slow in pure Python.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

import numpy as np

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 20130614  # any fixed number: the same gold gives the same intervals
CONFIDENCE = 0.95

Stats = Callable[[Sequence[float]], dict[str, float]]


def resample_weights(n: int, resamples: int, seed: int) -> np.ndarray:
    """``resamples`` x ``n`` counts: how often each transcript is drawn in each resample."""
    rng = random.Random(seed)
    # Counts fit a byte (a transcript drawn 256 times out of n is beyond any real chance):
    # 1,000 resamples of 10,000 transcripts take 10 MB instead of 80.
    weights = np.zeros((resamples, n), dtype=np.uint8)
    for r in range(resamples):
        draws = rng.choices(range(n), k=n)
        weights[r] = np.minimum(np.bincount(draws, minlength=n), 255)
    return weights


def _sums(weights: np.ndarray, vectors: Sequence[Sequence[float]]) -> np.ndarray:
    """Per-resample sums of the vectors, a block of resamples at a time (bounded memory)."""
    v = np.asarray(vectors, dtype=np.float64)
    return np.vstack([weights[i:i + 100].astype(np.float64) @ v
                      for i in range(0, len(weights), 100)])


def intervals(vectors: Sequence[Sequence[float]], stats: Stats, weights: np.ndarray,
              confidence: float = CONFIDENCE) -> dict[str, tuple[float, float]]:
    """Percentile interval of every statistic ``stats`` computes from summed vectors."""
    if not len(vectors) or not len(weights):
        return {}
    sums = _sums(weights, vectors)
    samples = [stats(row) for row in sums]
    return _percentiles(samples, confidence)


def paired_intervals(a: Sequence[Sequence[float]], b: Sequence[Sequence[float]],
                     stats: Stats, weights: np.ndarray,
                     confidence: float = CONFIDENCE) -> dict[str, tuple[float, float]]:
    """Interval of ``stats(b) - stats(a)`` with both systems resampled on the same
    transcripts (a paired bootstrap: the difference is what varies, not each score)."""
    if not len(a) or not len(weights):
        return {}
    sa, sb = _sums(weights, a), _sums(weights, b)
    samples = []
    for ra, rb in zip(sa, sb, strict=True):
        x, y = stats(ra), stats(rb)
        samples.append({k: y[k] - x[k] for k in x})
    return _percentiles(samples, confidence)


def _percentiles(samples: list[dict[str, float]],
                 confidence: float) -> dict[str, tuple[float, float]]:
    lo_q, hi_q = (1 - confidence) / 2 * 100, (1 + confidence) / 2 * 100
    out = {}
    for k in samples[0]:
        col = np.array([s[k] for s in samples])
        out[k] = (float(np.percentile(col, lo_q)), float(np.percentile(col, hi_q)))
    return out
