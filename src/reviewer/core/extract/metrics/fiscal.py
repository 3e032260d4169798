"""The fiscal calendar: fiscal periods, written like the call metadata (``FY2026Q1`` a quarter,
``FY2026`` a fiscal year), the month a company's fiscal year ends, and the period a period
expression (``metrics.periods``) names relative to the call's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.core.extract.anchored import AnchoredPattern
from reviewer.core.extract.metrics.periods import _MONTH_RE, PeriodExpr, find_periods


@dataclass(frozen=True)
class FiscalPeriod:
    """A fiscal quarter (``quarter`` 1–4) or a whole fiscal year (``quarter`` None)."""

    year: int
    quarter: int | None = None

    def __str__(self) -> str:
        return f"FY{self.year}" + (f"Q{self.quarter}" if self.quarter else "")

    def shift(self, quarters: int) -> FiscalPeriod:
        """The quarter ``quarters`` later (earlier when negative); a year shifts by years."""
        if self.quarter is None:
            return FiscalPeriod(self.year + quarters // 4)
        n = self.year * 4 + self.quarter - 1 + quarters
        return FiscalPeriod(n // 4, n % 4 + 1)

    def compare(self, other: FiscalPeriod) -> int:
        """-1, 0 or 1 as this period lies before, within/around or after ``other``."""
        if self.quarter is None or other.quarter is None:
            return (self.year > other.year) - (self.year < other.year)
        a, b = (self.year, self.quarter), (other.year, other.quarter)
        return (a > b) - (a < b)


_FP_RE = re.compile(r"^FY(\d{4})(?:Q([1-4]))?$")


def parse_fiscal_period(value: str | None) -> FiscalPeriod | None:
    """``"FY2021Q2"`` → FiscalPeriod(2021, 2); None for anything else."""
    m = _FP_RE.match((value or "").strip().upper())
    if not m:
        return None
    return FiscalPeriod(int(m.group(1)), int(m.group(2)) if m.group(2) else None)


def infer_fy_end_month(exprs: list[PeriodExpr], call: FiscalPeriod | None) -> int | None:
    """The calendar month that ends the company's fiscal year, learnt from phrases such as
    "Q3 fiscal 2021 ending December 31" or "fiscal 2021 ending March 31" (None when the
    text never says)."""
    for e in exprs:
        if e.ends_month is None:
            continue
        if e.rel == "fy":
            return e.ends_month
        quarter = e.quarter if e.rel == "q" else (call.quarter if call and e.rel == "cur_q"
                                                  else None)
        if quarter:
            return (e.ends_month + 3 * (4 - quarter) - 1) % 12 + 1
    return None


# Looked for only where "end" is (see ``anchored``): it runs over the whole transcript.
_ENDING_RE = AnchoredPattern(
    re.compile(rf"\b(?:ending|ended|ends)\s+(?:on\s+)?(?:{_MONTH_RE})\b", re.IGNORECASE),
    lower=("end",))


def fiscal_year_end_month(text: str, call: FiscalPeriod | None) -> int | None:
    """``infer_fy_end_month`` over a whole transcript, cheaply: the period grammar only runs
    just before each "ending/ended <Month>" phrase."""
    for m in _ENDING_RE.finditer(text):
        window = text[max(0, m.start() - 80):m.end() + 30]
        month = infer_fy_end_month(find_periods(window), call)
        if month:
            return month
    return None


def resolve(expr: PeriodExpr, call: FiscalPeriod | None, *, guidance: bool = False,
            fy_end_month: int | None = None, year_scope: bool = False) -> FiscalPeriod | None:
    """The fiscal period an expression names, relative to the call's period.

    A quarter without a year is the latest such quarter for an actual figure, the next one
    for guidance ("third quarter" in a Q2 call: this year; "first quarter" guided in a Q4
    call: next year). ``year_scope``: the sentence talks about whole years, so "a year ago"
    is the previous fiscal year rather than the same quarter a year earlier.
    """
    rel = expr.rel
    if rel == "month_q" or (rel == "month" and expr.year):
        if fy_end_month is None:
            return None
        year = expr.year
        fy = (year + (1 if expr.month > fy_end_month else 0)) if year else None
        quarter = ((expr.month - fy_end_month - 1) % 12) // 3 + 1
        if fy is not None:
            return FiscalPeriod(fy, quarter)
        return _quarter_no_year(quarter, call, guidance) if rel == "month_q" else None
    if rel == "q":
        if expr.year:
            return FiscalPeriod(expr.year, expr.quarter)
        if expr.year_offset and call is not None:
            return FiscalPeriod(call.year + expr.year_offset, expr.quarter)
        return _quarter_no_year(expr.quarter, call, guidance)
    if rel == "fy":
        if expr.year:
            return FiscalPeriod(expr.year)
        return FiscalPeriod(call.year) if call else None
    if call is None or rel == "ttm":
        return None
    if rel == "cur_q":
        return call if call.quarter else None
    if rel == "prev_q":
        return call.shift(-1) if call.quarter else None
    if rel == "next_q":
        return call.shift(1) if call.quarter else None
    if rel == "year_ago":
        if year_scope or call.quarter is None:
            return FiscalPeriod(call.year - 1)
        return FiscalPeriod(call.year - 1, call.quarter)
    if rel == "next_fy":
        return FiscalPeriod(call.year + 1)
    return None


def _quarter_no_year(quarter: int, call: FiscalPeriod | None,
                     guidance: bool) -> FiscalPeriod | None:
    if call is None or call.quarter is None:
        return None
    if guidance:
        return FiscalPeriod(call.year + (1 if quarter <= call.quarter else 0), quarter)
    return FiscalPeriod(call.year - (1 if quarter > call.quarter else 0), quarter)
