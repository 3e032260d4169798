"""Reading what a reviewer types in the value field ("$1.2bn", "60.9%", "10-12%", "25 bps").

The extractor's number grammar (``reviewer.core.extract.numbers.parse_value``) is used when it
is installed; a small parser of our own covers the common forms otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.core.errors import ReviewerError


class InvalidDecision(ReviewerError):
    """A review decision that cannot be made as asked (bad value, span, field): nothing changed."""


@dataclass(frozen=True)
class ParsedValue:
    """A quantity: one ``value`` or a ``low``/``high`` range, and its unit."""

    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None

    def fields(self) -> dict:
        return {"value": self.value, "low": self.low, "high": self.high, "unit": self.unit}


_CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "JPY", "jpy": "JPY", "c$": "CAD", "cad": "CAD", "a$": "AUD", "aud": "AUD",
    "hk$": "HKD", "hkd": "HKD", "nt$": "TWD", "twd": "TWD", "rmb": "CNY", "cny": "CNY",
    "₹": "INR", "inr": "INR", "chf": "CHF", "美元": "USD", "dollars": "USD", "dollar": "USD",
    "euros": "EUR", "euro": "EUR",
}
_SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6,
    "b": 1e9, "bn": 1e9, "bln": 1e9, "billion": 1e9, "t": 1e12, "tn": 1e12, "trillion": 1e12,
    "千": 1e3, "萬": 1e4, "万": 1e4, "百萬": 1e6, "百万": 1e6, "億": 1e8, "亿": 1e8,
}
_CUR_RE = (r"(?P<cur>us\$|hk\$|nt\$|c\$|a\$|[$€£¥₹]"
           r"|usd|eur|gbp|jpy|cad|aud|hkd|twd|rmb|cny|inr|chf)?")
_NUM_RE = r"(?P<num>\d+(?:[,٬]\d{3})*(?:[.٫]\d+)?|[.٫]\d+)"
_SCALE_RE = (r"(?P<scale>(?:thousand|million|billion|trillion|mln|bln|bn|mn|mm|tn|[kmbt])"
             r"(?![a-z])|百萬|百万|千|萬|万|億|亿)?(?![a-z])")
_AFTER_RE = (r"(?P<after>%|٪|percent|per cent|pct|bps|basis points?|美元|dollars?|euros?"
             r"|usd|eur|gbp|jpy|x|times)?")
_ONE = re.compile(rf"\s*(?P<neg>-|−|–|minus\s|negative\s|\()?\s*{_CUR_RE}\s*{_NUM_RE}\s*"
                  rf"{_SCALE_RE}\s*{_AFTER_RE}\s*\)?", re.IGNORECASE)
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|~|between|and)\s*", re.IGNORECASE)


def _one(text: str) -> tuple[float, str | None, bool, int] | None:
    """(number, unit or None, had an explicit scale, end) of the quantity at the start."""
    m = _ONE.match(text)
    if not m:
        return None
    num = float(m["num"].replace(",", "").replace("٬", "").replace("٫", "."))
    scale = (m["scale"] or "").lower()
    num *= _SCALES.get(scale, 1.0)
    if m["neg"]:
        num = -num
    after = (m["after"] or "").lower()
    unit = None
    if after in ("%", "٪", "percent", "per cent", "pct"):
        unit = "percent"
    elif after.startswith(("bps", "basis")):
        unit = "bps"
    elif after in ("x", "times"):
        unit = "ratio"
    elif m["cur"]:
        unit = _CURRENCIES.get(m["cur"].lower())
    elif after:
        unit = _CURRENCIES.get(after)
    return num, unit, bool(scale), m.end()


def _own_parse(text: str) -> ParsedValue | None:
    s = text.strip().replace("\u00a0", " ")
    if s.lower().startswith("between "):
        s = s[8:]
    first = _one(s)
    if first is None:
        return None
    v1, u1, _, end = first
    rest = s[end:]
    sep = _RANGE_SEP.match(rest)
    if sep and rest[sep.end():]:
        second = _one(rest[sep.end():])
        if second and not rest[sep.end() + second[3]:].strip():
            v2, u2, scaled2, _ = second
            # "1.2 to 1.4 billion": the scale and unit of the second bound apply to the first.
            if scaled2 and not first[2]:
                v1 *= _scale_of(rest[sep.end():])
            unit = u1 or u2
            return ParsedValue(None, min(v1, v2), max(v1, v2), unit or "count")
    if s[end:].strip():
        return None
    return ParsedValue(v1, None, None, u1 or "count")


def _scale_of(text: str) -> float:
    m = _ONE.match(text)
    return _SCALES.get((m["scale"] or "").lower(), 1.0) if m else 1.0


def _extractor_parse(text: str) -> ParsedValue | bool | None:
    """The extractor's reading, ``None`` when it finds no number, ``False`` when absent."""
    try:
        from reviewer.core.extract.numbers import parse_value
    except ImportError:
        return False
    try:
        got = parse_value(text)
    except (ValueError, TypeError):
        return None
    if got is None:
        return None
    if isinstance(got, dict):
        get = got.get
    else:
        def get(k, _g=got):
            return getattr(_g, k, None)
    value, low, high, unit = get("value"), get("low"), get("high"), get("unit")
    if value is None and (low is None or high is None):
        return None
    return ParsedValue(value, low, high, unit)


def parse_value(text: str) -> ParsedValue:
    """Read a typed quantity; raises ``InvalidDecision`` with a reason when it is not one."""
    if not text or not text.strip():
        raise InvalidDecision("the value is empty; type a number such as 1.2bn, $450k or 12%")
    got = _extractor_parse(text)
    if got is False or got is None:
        got = _own_parse(text)
    if got is None:
        raise InvalidDecision(
            f"{text.strip()!r} is not a value; type a number such as 1.2bn, $450k, 12% or 10-12%")
    return got


def try_parse_value(text: str) -> ParsedValue | None:
    """Like ``parse_value`` but ``None`` instead of an error (pre-filling an added mention)."""
    try:
        return parse_value(text)
    except InvalidDecision:
        return None
