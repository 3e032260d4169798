"""Period expressions and their resolution against the call's fiscal period."""

from __future__ import annotations

import pytest

from reviewer.core.extract.metrics.fiscal import (
    FiscalPeriod,
    infer_fy_end_month,
    parse_fiscal_period,
    resolve,
)
from reviewer.core.extract.metrics.periods import find_periods

Q1_26 = parse_fiscal_period("FY2026Q1")
Q2_21 = parse_fiscal_period("FY2021Q2")
Q4_20 = parse_fiscal_period("FY2020Q4")


def _one(text: str, call: FiscalPeriod | None, guidance: bool = False, lang: str = "en",
         fy_end: int | None = 3) -> str | None:
    exprs = find_periods(text, lang)
    assert len(exprs) == 1, [text[e.start:e.end] for e in exprs]
    p = resolve(exprs[0], call, guidance=guidance, fy_end_month=fy_end)
    return str(p) if p else None


@pytest.mark.parametrize(("text", "call", "guidance", "expected"), [
    ("total revenue for the quarter", Q1_26, False, "FY2026Q1"),
    ("revenue in Q1", Q1_26, False, "FY2026Q1"),
    ("For Q1'26, total revenue", Q1_26, False, "FY2026Q1"),
    ("for the full year", Q1_26, True, "FY2026"),
    ("for fiscal 2026", Q1_26, True, "FY2026"),
    ("next quarter", Q1_26, True, "FY2026Q2"),
    ("For fiscal Q2 '26, we expect", Q1_26, True, "FY2026Q2"),
    ("compared to 12% in Q1 '25", Q1_26, False, "FY2025Q1"),
    ("a year ago", Q1_26, False, "FY2025Q1"),
    ("in the year-ago period", Q2_21, False, "FY2020Q2"),
    ("guidance for the third quarter", Q2_21, True, "FY2021Q3"),
    ("cash used in the fourth quarter of fiscal 2020", Q2_21, False, "FY2020Q4"),
    ("the fourth quarter", Q2_21, False, "FY2020Q4"),  # an actual: the latest fourth quarter
    ("the first quarter", Q4_20, True, "FY2021Q1"),  # guided in a Q4 call: next year's
    ("the first quarter", Q4_20, False, "FY2020Q1"),
    ("witnessed in fiscal 20.", Q2_21, False, "FY2020"),
    ("full fiscal 2020 year", Q4_20, False, "FY2020"),
    ("in 3Q", Q2_21, True, "FY2021Q3"),
    ("the December quarter", Q2_21, True, "FY2021Q3"),  # fiscal year ending in March
    ("the March 2021 quarter", Q2_21, False, "FY2021Q4"),
    ("since the August 2022 peak", Q1_26, False, "FY2023Q2"),
    ("in the third quarter of last year", parse_fiscal_period("FY2024Q3"), False, "FY2023Q3"),
    ("the second half of the year", Q2_21, True, "FY2021"),
    ("over the last 4 quarters", Q2_21, False, None),  # trailing: no single period
    ("第三季", Q2_21, True, "FY2021Q3"),
    ("للربع الرابع من العام المالي 2020", Q4_20, False, "FY2020Q4"),
])
def test_resolution(text, call, guidance, expected) -> None:
    lang = "zh" if text.startswith("第") else "ar" if text.startswith("لل") else "en"
    assert _one(text, call, guidance, lang) == expected


def test_relative_periods_need_the_calls_period() -> None:
    assert _one("the quarter", None) is None
    assert _one("fiscal 2024", None) == "FY2024"


@pytest.mark.parametrize(("text", "base"), [
    ("2.1% lower than last quarter", True),
    ("up 20% year-over-year", True),
    ("grew sequentially", True),
    ("versus 11.8% last quarter", False),  # the period of the number before it
])
def test_comparison_bases_are_marked(text, base) -> None:
    assert find_periods(text)[0].base is base


@pytest.mark.parametrize(("text", "call", "month"), [
    ("guidance for Q3 fiscal 2021 ending December 31, 2020 as follows", Q2_21, 3),
    ("for full year fiscal 2021 ending march 31 2021", Q2_21, 3),
    ("for the quarter ending September 30th", Q2_21, 3),
    ("the quarter", Q2_21, None),
])
def test_fiscal_calendar_is_learnt_from_the_text(text, call, month) -> None:
    assert infer_fy_end_month(find_periods(text), call) == month


def test_fiscal_period_arithmetic() -> None:
    assert str(FiscalPeriod(2026, 1).shift(-1)) == "FY2025Q4"
    assert str(FiscalPeriod(2025, 4).shift(1)) == "FY2026Q1"
    assert FiscalPeriod(2025, 4).compare(FiscalPeriod(2026, 1)) == -1
    assert FiscalPeriod(2026).compare(FiscalPeriod(2026, 3)) == 0
    assert parse_fiscal_period("fy2021q2") == FiscalPeriod(2021, 2)
    assert parse_fiscal_period("Q2 2021") is None


def test_shifted_moves_only_the_offsets_and_keeps_every_field():
    """``PeriodExpr.shifted`` (a fast dataclasses.replace) must carry every field: give each
    field a non-default value, so a field added without updating ``shifted`` fails here."""
    import dataclasses

    from reviewer.core.extract.metrics.periods import PeriodExpr

    values = {"start": 3, "end": 9, "rel": "q", "quarter": 2, "year": 2021, "month": 6,
              "base": True, "ends_month": 12, "year_offset": -1}
    assert set(values) == {f.name for f in dataclasses.fields(PeriodExpr)}
    p = PeriodExpr(**values)
    moved = p.shifted(40)
    assert moved == dataclasses.replace(p, start=43, end=49)
    assert (moved.start, moved.end, moved.year_offset, moved.ends_month) == (43, 49, -1, 12)


def test_every_english_expression_opens_with_a_listed_word() -> None:
    """The grammar is tried only where the text opens with one of ``_EN_OPENINGS``: no
    expression of the demo transcripts (nor of the phrases below) may open otherwise."""
    from importlib import resources

    from reviewer.core.extract.metrics.periods import _EN_LOWER, _EN_OPENINGS

    demo = resources.files("reviewer") / "resources" / "demo"
    texts = [f.read_text("utf-8") for f in demo.iterdir() if f.name.endswith(".txt")]
    texts.append("; ".join((
        "q3 fy21", "2q", "fiscal year 2021", "calendar 3rd quarter", "full fiscal 2020 year",
        "full-year fy22", "the march 2021 quarter", "trailing twelve months", "ltm", "ttm",
        "a year ago", "the prior year period", "previous year", "year earlier",
        "same period of last year", "y/y", "yoy", "annually", "next fiscal year",
        "coming year", "following year", "upcoming year", "back half", "front half",
        "this fiscal year", "current year", "year-end", "preceding quarter",
        "sequentially", "quarter over quarter", "q/q", "qoq", "next quarter",
        "that quarter", "quarter-end", "end of december 2020", "june 2021")))
    assert texts[0]
    for text in texts:
        low = text.lower()
        opened = [low[p:p + 20] for p in range(len(low)) if _EN_LOWER.match(low, p)
                  and not low.startswith(_EN_OPENINGS, p)]
        assert not opened
