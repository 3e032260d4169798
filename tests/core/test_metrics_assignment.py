"""Metric, period, kind and basis of numbers in sentences written for these tests."""

from __future__ import annotations

import pytest

from reviewer.core.extract.annotate import CallState, TurnState, annotate_paragraph
from reviewer.core.extract.metrics.fiscal import parse_fiscal_period
from reviewer.core.extract.metrics.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy(include_user=False)


def annotate(text: str, period: str = "FY2026Q1", role: str = "cfo", paragraphs=None):
    """Mentions of ``text`` (paragraphs separated by blank lines share one turn)."""
    call = CallState(parse_fiscal_period(period), fy_end_month=3)
    state = TurnState(role=role)
    out, pos = [], 0
    for para in text.split("\n\n"):
        start = text.index(para, pos)
        out += annotate_paragraph(text, start, start + len(para), "en", 1, call, state,
                                  TAXONOMY)
        pos = start + len(para)
    return {m.text: m for m in out}


@pytest.mark.parametrize(("sentence", "surface", "metric"), [
    ("Service revenue was $176.3 million, up 5% year over year.", "$176.3 million",
     "service_revenue"),
    ("Service revenue was $176.3 million, up 5% year over year.", "5%",
     "service_revenue_growth"),
    ("Gross margin was 67.8%, down 40 basis points.", "40 basis points", "gross_margin"),
    ("Sales and marketing expense was 33.1% of revenue.", "33.1%",
     "sales_marketing_expense_pct_revenue"),
    ("G&A as a percentage of revenue was 10.4%.", "10.4%", "ga_expense_pct_revenue"),
    ("International revenue was 26% of total revenue.", "26%", "revenue_mix"),
    ("Enterprise customers accounted for 58% of total ARR.", "58%", "arr_mix"),
    ("We made a $15 million term loan prepayment.", "$15 million", "debt_repayment"),
    ("We ended the quarter with $82.2 million in cash, cash equivalents, and restricted cash.",
     "$82.2 million", "cash_and_investments"),
    ("Our non-GAAP pre-tax loss was $3.3 million.", "$3.3 million", "pretax_loss"),
    ("Non-GAAP net income per share was $0.18.", "$0.18", "eps"),
    ("EPS guidance is $0.06 to $0.08 per share.", "$0.06 to $0.08 per share", "eps"),
    ("We ended the quarter with approximately 1,250 enterprise customers.",
     "1,250 enterprise customers", "customer_count"),
    ("We closed 48 new deals with ARR greater than $100,000.", "48 new deals",
     "deals_over_threshold"),
    ("Channel partners drove 46% of new bookings.", "46%", "channel_share"),
    ("Net dollar retention was 112%.", "112%", "net_dollar_retention"),
    ("RPO was $780 million, increasing $65 million year-over-year.", "$65 million",
     "rpo_growth"),
    ("Free cash flow was $31.2 million, or 14.7% of revenue.", "14.7%",
     "free_cash_flow_pct_revenue"),
    # The subject of a long sentence, not the names inside it.
    ("Total non-GAAP spending as measured by R&D, plus sales and marketing plus G&A, was down "
     "approximately $17 million.", "$17 million", "operating_expenses_growth"),
])
def test_metric_from_the_sentence(sentence, surface, metric) -> None:
    assert annotate(sentence)[surface].metric == metric


def test_subject_carries_to_the_next_sentence() -> None:
    got = annotate("Our non-GAAP pre-tax loss was $3.3 million. This was better than the "
                   "$7.5 million guidance, thanks to better than expected total revenue.")
    assert (got["$7.5 million"].metric, got["$7.5 million"].kind) == ("pretax_loss",
                                                                    "comparison")


def test_thresholds_and_counted_nouns_are_mentions_bare_numbers_are_not() -> None:
    # Issue 10: the size that defines a group ("deals over $100,000") and a count of a
    # business thing ("42 countries") are figures; a bare "42" is not.
    got = annotate("We closed 48 new deals with ARR greater than $100,000 in 42 countries.")
    assert got["$100,000"].metric == "size_threshold"
    assert got["48 new deals"].metric == "deals_over_threshold"
    assert (got["42 countries"].value, got["42 countries"].metric) == (42, "country_count")
    assert not annotate("We ranked 42 on the list and had 3 priorities.")


@pytest.mark.parametrize(("sentence", "surface", "kind", "period"), [
    ("Total revenue for the quarter was $181.4 million.", "$181.4 million", "actual",
     "FY2026Q1"),
    ("We anticipate total revenue to be in a range of $175 million to $180 million for next "
     "quarter.", "$175 million to $180 million", "guidance", "FY2026Q2"),
    ("For the full year, service revenue is expected to be between $685 million and $700 "
     "million.", "$685 million and $700 million", "guidance", "FY2026"),
    ("RPO was $330 million, up from $290 million in the prior quarter.", "$290 million",
     "comparison", "FY2025Q4"),
    ("Usage was 17% of service revenue compared to approximately 12% in Q1 '25.", "12%",
     "comparison", "FY2025Q1"),
    ("Other revenue margin was minus 27.7%, an improvement from minus 58.9% a year ago.",
     "minus 58.9%", "comparison", "FY2025Q1"),
    ("R&D was 15.2% of revenue, in line with our 15% target.", "15%", "target", None),
    ("Our long-term target operating margin is 20%.", "20%", "target", None),
    ("Total revenue was $185 million, above our $180 million guidance.", "$180 million",
     "comparison", "FY2026Q1"),
    ("We used $48 million of cash in the fourth quarter of fiscal 2025.", "$48 million",
     "comparison", "FY2025Q4"),
])
def test_kind_and_period(sentence, surface, kind, period) -> None:
    m = annotate(sentence)[surface]
    assert (m.kind, m.period) == (kind, period)


def test_guided_period_carries_through_the_guidance_section() -> None:
    got = annotate("Turning to guidance. For fiscal Q2 '26, we are providing the following "
                   "guidance.\n\nService revenue is expected to be between $170 million and "
                   "$175 million. We anticipate gross margin between 66% and 68%.\n\nFor full "
                   "fiscal year 2026, we are updating our guidance as follows. We expect EPS "
                   "of $0.28 to $0.33 per share.")
    assert got["$170 million and $175 million"].period == "FY2026Q2"
    assert got["66% and 68%"].period == "FY2026Q2"
    assert got["$0.28 to $0.33 per share"].period == "FY2026"


@pytest.mark.parametrize(("text", "surface", "basis"), [
    ("Non-GAAP gross margin was 60.9%.", "60.9%", "non_gaap"),
    ("GAAP operating margin was 2.1%.", "2.1%", "gaap"),
    ("Adjusted EBITDA was $30.5 million.", "$30.5 million", "non_gaap"),
    ("Service revenue was $176.3 million.", "$176.3 million", None),
    ("Unless otherwise noted, all figures are non-GAAP.\n\nGross margin was 67.8%.", "67.8%",
     "non_gaap"),
    ("All figures are non-GAAP unless otherwise noted.\n\nTurning to GAAP metrics. Operating "
     "margin was 3.5%.", "3.5%", "gaap"),
])
def test_basis(text, surface, basis) -> None:
    assert annotate(text)[surface].basis == basis


def test_analysts_numbers_are_kept_with_lower_confidence() -> None:
    text = "Service revenue was $176.3 million."
    cfo = annotate(text)["$176.3 million"]
    analyst = annotate(text, role="analyst")["$176.3 million"]
    assert analyst.metric == cfo.metric == "service_revenue"
    assert analyst.confidence == pytest.approx(cfo.confidence / 2, abs=0.001)
    assert analyst.extra["quoted"] == "analyst" and "quoted" not in cfo.extra


def test_unknown_fiscal_period_leaves_relative_periods_empty() -> None:
    m = annotate("Total revenue for the quarter was $181.4 million.", period="")[
        "$181.4 million"]
    assert m.period is None and m.metric == "total_revenue"
