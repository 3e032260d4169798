"""What a matched mention says: its value (exact, within tolerance, kind of error), its
period and kind, and the facts ``(metric, value, unit, period, kind)`` a transcript states.

Values are compared after normalization: units are canonical ("%" -> percent, "bp" -> bps,
currency codes upper-case), numbers are floats in base units (129100000 for $129.1 million).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.core.store.gold_records import MentionRecord

# Relative tolerance: 0.5% absorbs rounding ("$129.1 million" vs 129,140,000 in a table;
# "1.2 billion" vs 1,230,000,000) but not a wrong digit in the first three.
DEFAULT_TOLERANCE = 0.005
ERRORS = ("missing", "scale", "sign", "currency", "unit", "percent_bps", "range_bounds",
          "other")
_ALIASES = {
    "%": "percent", "٪": "percent", "pct": "percent", "percentage": "percent",
    "per cent": "percent", "bp": "bps", "basis point": "bps", "basis points": "bps",
    "$": "USD", "dollars": "USD", "€": "EUR", "£": "GBP", "times": "ratio", "x": "ratio",
}


def normalize_unit(unit: str | None) -> str | None:
    """The canonical spelling of a unit ("%" -> "percent", "usd" -> "USD")."""
    if unit is None:
        return None
    u = unit.strip()
    if not u:
        return None
    low = u.lower()
    if low in _ALIASES:
        return _ALIASES[low]
    if len(u) == 3 and u.isalpha() and low not in ("bps",):
        return u.upper()
    return low


def is_currency(unit: str | None) -> bool:
    """ISO 4217-looking codes are currencies."""
    return bool(unit) and len(unit) == 3 and unit.isalpha() and unit.isupper()


def unit_family(unit: str | None) -> str:
    """money (any currency), percent (percent and bps), count, ratio, other, or none."""
    u = normalize_unit(unit)
    if u is None:
        return "none"
    if is_currency(u):
        return "money"
    if u in ("percent", "bps"):
        return "percent"
    if u in ("count", "ratio"):
        return u
    return "other"


def close(a: float, b: float, tol: float) -> bool:
    """Equal within a relative tolerance (an open bound, infinite, equals only itself)."""
    if math.isinf(a) or math.isinf(b):
        return a == b
    return a == b or abs(a - b) <= tol * max(abs(a), abs(b))


def equal(a: float, b: float) -> bool:
    """Equal up to float noise (the two numbers were normalized by different code)."""
    return close(a, b, 1e-9)


def quantity(m: MentionRecord) -> tuple[float, ...] | None:
    """``(value,)`` for a point, ``(low, high)`` for a range, ``None`` without a number.

    An open range keeps its direction: the missing bound is infinite, so "more than
    $5 million" (5e6, inf) never equals "up to $5 million" (-inf, 5e6)."""
    if m.value is not None:
        return (float(m.value),)
    if m.low is not None or m.high is not None:
        lo = float(m.low) if m.low is not None else -math.inf
        hi = float(m.high) if m.high is not None else math.inf
        return (lo, hi)
    return None


@dataclass(frozen=True)
class ValueCheck:
    """The comparison of one matched pair's values. ``compared`` is False when the gold
    mention has no value (nothing to score); ``factor`` names a scale error ("1e3")."""

    compared: bool
    exact: bool = False
    within: bool = False
    error: str | None = None
    factor: str | None = None


def check_value(gold: MentionRecord, pred: MentionRecord,
                tol: float = DEFAULT_TOLERANCE) -> ValueCheck:
    """Compare the values of a matched pair and name the error when they differ."""
    gq, pq = quantity(gold), quantity(pred)
    if gq is None:
        return ValueCheck(False)
    if pq is None:
        return ValueCheck(True, error="missing")
    gu, pu = normalize_unit(gold.unit), normalize_unit(pred.unit)
    if gu == pu and len(gq) == len(pq):
        exact = all(equal(a, b) for a, b in zip(gq, pq, strict=True))
        if all(close(a, b, tol) for a, b in zip(gq, pq, strict=True)):
            return ValueCheck(True, exact=exact, within=True)
    if gu != pu:
        if {gu, pu} == {"percent", "bps"}:
            return ValueCheck(True, error="percent_bps")
        return ValueCheck(True, error="currency" if is_currency(gu) and is_currency(pu)
                          else "unit")
    if len(gq) != len(pq):
        return ValueCheck(True, error="range_bounds")
    if len(gq) == 2:
        # Both bounds off by the same factor is a scale error; anything else a bounds error.
        err, factor = _number_error(gq[0], pq[0], gu, tol)
        err2, factor2 = _number_error(gq[1], pq[1], gu, tol)
        if err == err2 and factor == factor2 and err in ("scale", "sign", "percent_bps"):
            return ValueCheck(True, error=err, factor=factor)
        return ValueCheck(True, error="range_bounds")
    err, factor = _number_error(gq[0], pq[0], gu, tol)
    return ValueCheck(True, error=err, factor=factor)


def _number_error(g: float, p: float, unit: str | None, tol: float) -> tuple[str, str | None]:
    if close(g, p, tol):
        return "ok", None
    if g == 0 or p == 0 or math.isinf(g) or math.isinf(p):
        return "other", None
    if close(g, -p, tol):
        return "sign", None
    ratio = p / g
    if ratio < 0:
        return "other", None
    if unit in ("percent", "bps") and (close(ratio, 100, tol) or close(ratio, 0.01, tol)):
        return "percent_bps", None
    for k in range(1, 13):
        if close(ratio, 10.0 ** k, tol):
            return "scale", f"1e{k}"
        if close(ratio, 10.0 ** -k, tol):
            return "scale", f"1e-{k}"
    return "other", None


def same_text(a: str | None, b: str | None) -> bool:
    """Period / kind equality, ignoring case and surrounding spaces."""
    return (a or "").strip().lower() == (b or "").strip().lower()


# -- facts ----------------------------------------------------------------------------------

Fact = tuple[str | None, str | None, str | None, str | None, tuple[float, ...]]


def facts(mentions: Sequence[MentionRecord]) -> list[Fact]:
    """The distinct facts ``(metric, unit, period, kind, value)`` stated by some mentions
    (a fact said twice counts once); mentions without a number state no fact."""
    out: list[Fact] = []
    seen: set[tuple] = set()
    for m in mentions:
        q = quantity(m)
        if q is None:
            continue
        fact = (m.metric, normalize_unit(m.unit), (m.period or "").strip().upper() or None,
                (m.kind or "").strip().lower() or None, q)
        key = (*fact[:4], tuple(round(v, 6) for v in q))
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return sorted(out, key=lambda f: tuple("" if x is None else str(x) for x in f))


def match_facts(gold: Sequence[Fact], pred: Sequence[Fact], tol: float) -> int:
    """How many predicted facts match a distinct gold fact (same metric, unit, period, kind;
    values within tolerance), one-to-one."""
    used: set[int] = set()
    hits = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i in used or p[:4] != g[:4] or len(p[4]) != len(g[4]):
                continue
            if all(close(a, b, tol) for a, b in zip(g[4], p[4], strict=True)):
                used.add(i)
                hits += 1
                break
    return hits
