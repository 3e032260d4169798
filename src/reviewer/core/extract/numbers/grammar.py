"""The number grammar: every quantity stated in a paragraph, with its normalized value.

``find_quantities(text)`` returns the quantities of a paragraph in order, non-overlapping, with
offsets into the string given (``text[q.start:q.end]`` is the surface). ``parse_value(s)`` reads
what a reviewer types in a value field. Pure Python (compiled regexes, one pass; cn2an is loaded
only for Chinese numerals).

Normalization (DESIGN.md, ``reviewer extract --json``): money in currency units with an ISO
code ("$129.1 million" = 129100000 USD); percentages as the percent number, negative for
"minus"/"negative"/"(3.2)%" (unit "percent"; "percentage points" too); "bps"; "count" for
counted things; a unit word such as "petabytes" otherwise. A range has ``value`` None and
``low``/``high``; scale and currency carry across it both ways ("$132 to $133 million",
"519 to $522 million", "6.85億美元至7億美元").

Decisions:

- The surface covers sign, currency, parentheses, scale, unit and "per …" ("$9.99 per month",
  "minus 27.7%", "129.1 million dollars", "45,000 business customers"); approximation words
  ("approximately", "over", "nearly", "约", "حوالي") set ``approx`` but stay outside, as do
  "between" and "from".
- Bare numbers (no currency, percent, bps, unit, scale or counted noun) are not quantities when
  below 1,000 ("we have 3 priorities", "star 1", "top 10", "version 3.1"). From 1,000 up they are
  a count with confidence 0.5 ("more than 2,000"), except years 1900–2100 and phone-like
  "555-1234". A scale without a unit is a count with confidence 0.7 ("20 million", "a hundred
  and twenty million"); a scale word without a number ("several million users", "tens of
  thousands") is nothing.
- Counts: a number followed (within two modifier words, "-plus" allowed) by a noun of a short
  list (customers, seats, users, deals, employees, partners, countries, logos, locations,
  carriers, agents, subscribers, accounts, wins, shares…), or a Chinese classifier (家 個 名 位
  股) or an Arabic counted noun. "2,200 seat", "5,000-plus seat", "250-seat".
- Never quantities: years, quarter names ("Q2", "Q4 2020", "second quarter"), dates ("May 12",
  "2022 年 9 月"), versions ("9.12" after "version", "3.1.2"), "8x8"/"8×8", ordinals ("18th",
  "第 3"), "[12]", "(12)" outside money, times ("9:00 pm"), "seven-figure", "five-year".
- "(0.12)" is negative after a currency ("$(0.12)"), before "%" ("(3.2)%"), with "per share",
  or within 80 characters after EPS/"per share" wording (then USD, confidence 0.7); "($0.05)"
  only in that EPS context. "(10%)" and "($5 million)" elsewhere are asides, not negatives.
- Spelled English numbers count only with a scale or a unit word ("eight million", "one
  hundred and five million dollars", "twenty-five percent", "fifteen basis points"): "three
  customers", "nine of our top 10", "star then the number one" are not quantities. They are
  found from those anchor words (str.find), which keeps the scan cheap. Fractions "half",
  "a third", "two-thirds", "one-quarter" are percents with ``spelled=True`` and confidence 0.6
  ("half" not after first/second/the, "a third" only before "of" or punctuation, so "a third
  sequential quarter" and "the second half" are skipped). Chinese numerals (cn2an) count
  after 百分之 or before a currency, or with a scale before a classifier.
- Speech-recognition slips: a bare number below 1,000 between a growth word and
  "year-over-year"/"sequentially" ("an increase of 18 year-over-year") is a percent with
  confidence 0.5.
- "m"/"M"/"MM"/"k"/"K"/"b"/"bn" attached to digits are scales ("$450k", "12,000K", "$1.2B").
- "from A to B" is a change, not a range; "between A and B", "A to B", "A-B", "A至B", "A إلى B"
  are ranges when at least one side names a unit or scale and low ≤ high.

Known gaps: Arabic spelled numbers, European "1.234,5" notation (Arabic "90.000٪" reads as 90),
"a quarter of", spelled counts without a scale, multipliers ("3x"), Chinese per-share order
("每股 0.08 美元" has no ``per``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from reviewer.core.extract.numbers import lexicon as lx
from reviewer.core.extract.numbers.piece import Piece
from reviewer.core.extract.numbers.prefix import match_before
from reviewer.core.extract.numbers.scan import scan

__all__ = ["Quantity", "find_quantities", "parse_value"]


@dataclass(frozen=True)
class Quantity:
    """One quantity stated in a text; ``text[start:end]`` is its surface."""

    start: int
    end: int
    value: float | None  # None for a range
    low: float | None
    high: float | None
    unit: str  # ISO currency, "percent", "bps", "count", a unit word; "" when none was typed
    per: str | None = None  # "share", "month", "seat"… for "$0.11 per share"
    approx: bool = False  # "nearly", "about", "approximately", "over", "more than", "~"
    confidence: float = 1.0  # lower for inferred cases (a lost "%", a fraction, a bare count)
    spelled: bool = False  # written in words ("twenty million dollars", "百分之六十點九")
    counted: str | None = None  # what a count counts ("carriers"), lower-cased as written
    vague: bool = False  # "seven-figure", "double-digit": a range read from words, not digits
    whole: bool = False  # "nine of our top 10 deals", "3 or 4 platforms": one figure

    @property
    def is_range(self) -> bool:
        return self.value is None


# Paragraph and language -> its quantities, while ``shared_quantities`` is on.
_SHARED: ContextVar[dict[tuple[str, str | None], tuple[Quantity, ...]] | None] = ContextVar(
    "shared_quantities", default=None)


@contextmanager
def shared_quantities() -> Iterator[None]:
    """Within the block, ``find_quantities`` reads each paragraph (in one language) only once.

    One transcript's extraction reads every original paragraph for its mentions and again for
    the translation checks; the memo lives for that one extraction only, so that repeated runs
    (and benchmarks) still read the text.
    """
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def find_quantities(text: str, lang: str | None = None) -> list[Quantity]:
    """Every quantity in a paragraph, non-overlapping, in order of position.

    ``lang`` ("en", "zh", "ar"…) only narrows which grammars run; None runs them all.
    """
    if not text:
        return []
    shared = _SHARED.get()
    if shared is None:
        return _find_quantities(text, lang)
    key = (text, lang)
    if key not in shared:
        shared[key] = tuple(_find_quantities(text, lang))
    return list(shared[key])


def _find_quantities(text: str, lang: str | None) -> list[Quantity]:
    out = []
    for item in _join_ranges(text, scan(text, lang)):
        q = _quantity(item, permissive=False)
        if q is not None:
            out.append(q)
    return out


_LEADING_APPROX = re.compile(
    r"\s*(?:(?:approximately|approx\.?|about|around|roughly|nearly|almost|over|under|some"
    r"|more\s+than|less\s+than|up\s+to|at\s+least|between|c(?:irc)?a\.?)\s+|[~≈]\s*"
    r"|(?:約|约|近|超過|超过|逾)\s*)?",
    re.IGNORECASE,
)


def parse_value(s: str) -> Quantity | None:
    """Parse a value typed by a reviewer: "$1.2bn", "12%", "90 bps", "$120-125m", "(0.12)",
    "2.5 億美元", "minus 3%", "twenty million dollars". None unless the whole string is one
    quantity. Offsets are into ``s``; ``unit`` is "" when the text names none (the caller keeps
    the metric's unit), and a bare number or a year is accepted as typed.
    """
    if not s or not s.strip():
        return None
    items = _join_ranges(s, scan(s, None, permissive=True))
    if len(items) != 1:
        return None
    item = items[0]
    first = item[0]
    last = item[-1]
    lead = _LEADING_APPROX.match(s, 0, first.start)
    if lead is None or lead.end() != first.start or s[last.end:].strip(" \t\n.;,") != "":
        return None
    return _quantity(item, permissive=True)


# --- ranges -----------------------------------------------------------------------------
def _join_ranges(text: str, pieces: list[Piece]) -> list[tuple[Piece, ...]]:
    """Group pieces into singles and (low, high) pairs."""
    out: list[tuple[Piece, ...]] = []
    i = 0
    while i < len(pieces):
        a = pieces[i]
        if i + 1 < len(pieces) and _range_bounds(text, a, pieces[i + 1]) is not None:
            out.append((a, pieces[i + 1]))
            i += 2
        else:
            out.append((a,))
            i += 1
    return out


def _range_bounds(text: str, a: Piece, b: Piece) -> tuple[Decimal, Decimal] | None:
    """(low, high) when ``a`` and ``b`` form a range, else None."""
    sep = text[a.end:b.start]
    if len(sep) > 12:
        return None
    if lx.RANGE_SEP_RE.fullmatch(sep):
        ok = True
    else:
        ok = bool(lx.BETWEEN_SEP_RE.fullmatch(sep)) and bool(
            match_before(lx.BETWEEN_BEFORE_RE, text, a.prefix_start, 30))
    if not ok:
        return None
    if match_before(lx.FROM_BEFORE_RE, text, a.prefix_start, 30):
        return None  # "from $290 million to $330 million" is a change, not a range
    if a.kind and b.kind and a.kind != b.kind:
        return None
    if a.kind is None and b.kind is None and a.scale is None and b.scale is None:
        return None
    if a.per and b.per and a.per != b.per:
        return None
    lo, hi = _bounds(a, b)
    if hi > 3 * lo and match_before(lx.BY_BEFORE_RE, text, a.prefix_start, 30):
        return None  # "grew by about 120 to 2,850 employees": a change, then the level
    return (lo, hi) if lo <= hi else None


def _bounds(a: Piece, b: Piece) -> tuple[Decimal, Decimal]:
    """Low and high of a range; a scale written on one side only carries to the other when
    the result stays ordered ("$132 to $133 million", "$1.5 million to 2")."""
    lo, hi = a.scaled, b.scaled
    if a.scale is None and b.scale and a.value * b.scale <= hi:
        lo = a.value * b.scale
    if b.scale is None and a.scale and lo <= b.value * a.scale:
        hi = b.value * a.scale
    lo = -lo if a.negative else lo
    hi = -hi if b.negative else hi
    if a.negative and b.negative:
        lo, hi = min(lo, hi), max(lo, hi)  # "minus 3 to minus 5%"
    return lo, hi


def _quantity(item: tuple[Piece, ...], permissive: bool) -> Quantity | None:
    if len(item) == 1:
        return _single(item[0], permissive)
    first, last = item  # the two ends of a range
    kind = first.kind or last.kind
    confidence = min(first.confidence, last.confidence)
    if kind is None:
        if permissive:
            kind = ""
        elif first.scale is not None or last.scale is not None:
            kind, confidence = "count", min(confidence, 0.7)
        else:
            return None
    lo, hi = _bounds(first, last)
    return Quantity(first.start, last.end, None, float(lo), float(hi), kind,
                    first.per or last.per, bool(first.approx or last.approx), confidence,
                    bool(first.spelled or last.spelled), first.counted or last.counted)


def _single(p: Piece, permissive: bool) -> Quantity | None:
    """``_quantity`` of one piece (most are): a bare number is a count from 1,000 up."""
    kind = p.currency or p.unit
    confidence = p.confidence
    if kind is None:
        if permissive:
            kind = ""
        elif p.scale is not None:
            kind, confidence = "count", min(confidence, 0.7)
        elif p.value >= 1000 and not p.phone_like:
            kind, confidence = "count", min(confidence, 0.5)
        else:
            return None
    value = p.value * p.scale if p.scale else p.value  # Piece.scaled
    return Quantity(p.start, p.end, float(-value if p.negative else value), None, None,
                    kind, p.per, bool(p.approx), confidence, bool(p.spelled), p.counted)
