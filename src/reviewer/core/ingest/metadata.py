"""Recovering the call's metadata (company, ticker, fiscal period, date) from its text."""

from __future__ import annotations

import re
from datetime import date

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4}
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}

_Q_YEAR = re.compile(r"\bQ([1-4])\s*(?:FY\s*)?'?(\d{4}|\d{2})\b", re.I)
_FY_Q = re.compile(r"\b(?:FY|fiscal(?: year)?)\s*'?(\d{4}|\d{2})\s*Q([1-4])\b", re.I)
_WORD_Q = re.compile(
    r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter"
    r"(?:\s+(?:of\s+)?(?:fiscal\s+(?:year\s+)?)?|\s+fiscal\s+(?:year\s+)?)'?(\d{4})\b",
    re.I,
)
_FISCAL_WORD_Q = re.compile(
    r"\bfiscal\s+(?:year\s+)?(first|second|third|fourth)\s+quarter\s+(?:of\s+)?(\d{4})\b", re.I
)
_FISCAL_YEAR_WORD_Q = re.compile(
    r"\bfiscal\s+(\d{4})\s+(first|second|third|fourth)[- ]quarter\b", re.I
)
# Month names as written or in capitals ("JULY 18, 2024 / 12:30PM GMT" in StreetEvents titles).
_DATE_MDY = re.compile(
    r"\b((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*|"
    r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*)\.?\s+(\d{1,2}),?\s+(\d{4})\b"
)
# "04/29/2025 08:30 PM GMT": a US month-first date with a clock time, as title lines print it.
_DATE_NUMERIC_TIMED = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\s+\d{1,2}:\d{2}")
_DATE_DMY = re.compile(
    r"\b(\d{1,2})[- ](Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*[- ](\d{4}|\d{2})\b"
)
_TICKER = re.compile(
    r"\((?:(?:NYSE|NASDAQ|Nasdaq|NYSEAMERICAN|AMEX|LSE|TSX|OTC)\s*:\s*)?([A-Z]{1,5}(?:\.[A-Z])?)\)"
)


def _year(y: str) -> int:
    n = int(y)
    return n + 2000 if n < 100 else n


def fiscal_period(text: str) -> str | None:
    """The first fiscal quarter named in ``text`` as ``FY2021Q2``, or ``None``."""
    found: list[tuple[int, str]] = []
    for m in _Q_YEAR.finditer(text):
        found.append((m.start(), f"FY{_year(m.group(2))}Q{m.group(1)}"))
    for m in _FY_Q.finditer(text):
        found.append((m.start(), f"FY{_year(m.group(1))}Q{m.group(2)}"))
    for m in _WORD_Q.finditer(text):
        found.append((m.start(), f"FY{m.group(2)}Q{_ORDINALS[m.group(1).lower()]}"))
    for m in _FISCAL_WORD_Q.finditer(text):
        found.append((m.start(), f"FY{m.group(2)}Q{_ORDINALS[m.group(1).lower()]}"))
    for m in _FISCAL_YEAR_WORD_Q.finditer(text):
        found.append((m.start(), f"FY{m.group(1)}Q{_ORDINALS[m.group(2).lower()]}"))
    return min(found)[1] if found else None


def call_date(text: str) -> str | None:
    """The first calendar date in ``text`` as an ISO string, or ``None``."""
    found: list[tuple[int, str]] = []
    for m in _DATE_MDY.finditer(text):
        d = _safe_date(int(m.group(3)), _MONTHS[m.group(1)[:3].lower()], int(m.group(2)))
        if d:
            found.append((m.start(), d))
    for m in _DATE_DMY.finditer(text):
        d = _safe_date(_year(m.group(3)), _MONTHS[m.group(2)[:3].lower()], int(m.group(1)))
        if d:
            found.append((m.start(), d))
    return min(found)[1] if found else None


def timed_numeric_date(text: str) -> str | None:
    """The first month-first numeric date followed by a clock time ("04/29/2025 08:30 PM"),
    as an ISO string; ``None`` when there is none. Only a title line uses it: a bare
    "4/5/2025" in prose is ambiguous."""
    for m in _DATE_NUMERIC_TIMED.finditer(text):
        d = _safe_date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
        if d:
            return d
    return None


def _safe_date(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def ticker(text: str) -> str | None:
    """A ticker written as ``(NYSE: EGHT)`` or ``(EGHT)``, or ``None``."""
    m = _TICKER.search(text)
    return m.group(1) if m else None
