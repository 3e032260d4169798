"""Reading what a reviewer types in the value field ("$1.2bn", "60.9%", "10-12%", "25 bps"),
with the extractor's own number grammar, so the reviewer and the extractor read alike."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.core.errors import ReviewerError
from reviewer.core.extract.numbers import parse_value as _grammar_parse


class InvalidDecision(ReviewerError):
    """A review decision that cannot be made as asked (bad value, span, field): nothing changed."""


@dataclass(frozen=True)
class ParsedValue:
    """A quantity: one ``value`` or a ``low``/``high`` range, and its unit (``None`` when the
    text names none: the caller keeps the mention's unit)."""

    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None

    def fields(self) -> dict:
        return {"value": self.value, "low": self.low, "high": self.high, "unit": self.unit}


def parse_value(text: str) -> ParsedValue:
    """Read a typed quantity; raises ``InvalidDecision`` with a reason when it is not one."""
    if not text or not text.strip():
        raise InvalidDecision("the value is empty; type a number such as 1.2bn, $450k or 12%")
    q = _grammar_parse(text.strip())
    if q is None:
        raise InvalidDecision(
            f"{text.strip()!r} is not a value; type a number such as 1.2bn, $450k, 12% or 10-12%")
    return ParsedValue(q.value, q.low, q.high, q.unit or None)


def try_parse_value(text: str) -> ParsedValue | None:
    """Like ``parse_value`` but ``None`` instead of an error (pre-filling an added mention)."""
    try:
        return parse_value(text)
    except InvalidDecision:
        return None
