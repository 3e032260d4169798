"""A number as the scanner reads it, with what was read around it (``numbers.scan`` fills
it, ``numbers.prefix`` reads its prefix into it, ``numbers.grammar`` turns it into a Quantity).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(slots=True)
class Piece:
    """A number with what was read around it; ``unit`` None means nothing names one yet."""

    start: int  # surface start: sign, currency or "(" included, approximation words not
    end: int
    value: Decimal  # unsigned, unscaled
    negative: bool = False
    scale: int | None = None
    currency: str | None = None
    unit: str | None = None  # "percent", "bps", "count" (a counted noun), "petabytes"…
    per: str | None = None
    approx: bool = False
    confidence: float = 1.0
    spelled: bool = False
    prefix_start: int = 0  # where the words read before it begin (approximation included)
    integer: bool = False  # written without decimals or separators ("2021")
    phone_like: bool = False  # touches "-digit": a phone number or a reference
    counted: str | None = None  # the counted noun ("carriers" of "160 carriers")

    @property
    def kind(self) -> str | None:
        return self.currency or self.unit

    @property
    def scaled(self) -> Decimal:
        return self.value * self.scale if self.scale else self.value
