"""Issue 10's measures in words, written for these tests: size thresholds and deal sizes,
vague sizes, fractions, ratios, durations that measure the business, percentage points, and
the industry metrics of the taxonomy. Every expected value is read off the phrase itself.
"""

from __future__ import annotations

import pytest

from tests.core.test_extract_counts import mentions, the

THRESHOLDS = [
    ("We closed 48 deals over $100,000 in ARR.", "$100,000", 100_000, "size_threshold"),
    ("We have 670 customers with ARR greater than $100,000.", "$100,000", 100_000,
     "size_threshold"),
    ("Customers above $1 million in annual spend grew to 212.", "$1 million", 1e6,
     "size_threshold"),
    ("We signed 31 contracts worth more than $5 million each.", "$5 million", 5e6,
     "size_threshold"),
    ("We closed 42 new deals with ARR greater than 100000 دولار أمريكي.",
     "100000 دولار أمريكي", 100_000, "size_threshold"),
    ("We signed a $12,000K deal with a retailer.", "$12,000K", 12e6, "deal_size"),
    ("We won a $3.5 million TCV deal in Germany.", "$3.5 million", 3.5e6, "deal_size"),
    ("It was a $40 million contract with the state.", "$40 million", 40e6, "deal_size"),
    ("The bank closed a $250 million win in the public sector.", "$250 million", 250e6,
     "deal_size"),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "metric"), THRESHOLDS)
def test_thresholds_and_deal_sizes(sentence, surface, value, metric) -> None:
    m = the(sentence, surface)
    assert (m.value, m.unit, m.metric) == (pytest.approx(value), "USD", metric)


def test_a_threshold_does_not_stop_a_parallel_count() -> None:
    # "48 … over $100,000, up from 30 deals a year ago": both counts are of big deals.
    got = {m.text: m for m in mentions(
        "We closed 48 new deals with ARR greater than $100,000, up from 30 deals a year ago.")}
    assert got["48 new deals"].metric == got["30 deals"].metric == "deals_over_threshold"


VAGUE = [
    ("We won a seven-figure TCV deal.", "seven-figure", 1e6, 9_999_999, "USD"),
    ("We signed several eight-figure deals.", "eight-figure", 10e6, 99_999_999, "USD"),
    ("It was a 6-figure win.", "6-figure", 100_000, 999_999, "USD"),
    ("قاد شريك صفقة مكونة من 7 أرقام.", "7 أرقام", 1e6, 9_999_999, "USD"),
    ("We delivered double-digit revenue growth.", "double-digit", 10, 99, "percent"),
    ("Operating margin should reach double digits.", "double digits", 10, 99, "percent"),
    ("We expect high single-digit growth.", "high single-digit", 7, 9, "percent"),
    ("Pricing rose a low single-digit percentage.", "low single-digit", 1, 3, "percent"),
    ("Loans grew mid-single digits.", "mid-single digits", 4, 6, "percent"),
    ("Comparable sales grew in the mid-teens.", "mid-teens", 14, 16, "percent"),
    ("The pipeline is up triple digits.", "triple digits", 100, 999, "percent"),
    ("We closed double-digit wins in Europe.", "double-digit", 10, 99, "count"),
]


@pytest.mark.parametrize(("sentence", "surface", "low", "high", "unit"), VAGUE)
def test_vague_sizes_are_ranges_at_low_confidence(sentence, surface, low, high, unit) -> None:
    lang = "ar" if any("\u0600" <= c <= "\u06ff" for c in sentence) else "en"
    m = the(sentence, surface, lang)
    assert m.value is None
    assert (m.low, m.high, m.unit) == (pytest.approx(low), pytest.approx(high), unit)
    assert m.confidence <= 0.3
    assert m.extra["vague"] is True


FRACTIONS = [
    ("Voice made up three quarters of all AI interactions.", "three quarters of", 75),
    ("Roughly three-quarters of new stores are in the South.", "three-quarters", 75),
    ("About half of our customers use two products.", "half", 50),
    ("A third of the loan book is commercial real estate.", "A third", 33.33),
    ("Two-thirds of prescriptions were refills.", "Two-thirds", 66.67),
]


@pytest.mark.parametrize(("sentence", "surface", "value"), FRACTIONS)
def test_fractions_in_words(sentence, surface, value) -> None:
    m = the(sentence, surface)
    assert (m.value, m.unit) == (pytest.approx(value), "percent")
    assert m.extra["spelled"] is True


def test_a_vague_number_of_things_is_a_count() -> None:
    m = the("We have a triple-digit number of migrations underway.", "triple-digit")
    assert (m.low, m.high, m.unit, m.extra["counted"]) == (100, 999, "count", "migrations")


def test_an_amount_right_before_deal_is_a_deal_size_whatever_the_sentence_says() -> None:
    m = the("ARR grew, and we signed our first seven-figure deal in Japan.", "seven-figure")
    assert (m.metric, m.low, m.high) == ("deal_size", 1e6, 9_999_999)


# Industry metrics the taxonomy names (a bank, a retailer, a chipmaker).
@pytest.mark.parametrize(("sentence", "surface", "metric"), [
    ("Net interest margin was 3.41%, up 6 basis points.", "3.41%", "net_interest_margin"),
    ("Our CET1 ratio ended the quarter at 11.8%.", "11.8%", "cet1_ratio"),
    ("Total loans grew to $18.4 billion.", "$18.4 billion", "loans"),
    ("Total deposits were $22.1 billion.", "$22.1 billion", "deposits"),
    ("Net interest income was $412 million.", "$412 million", "net_interest_income"),
    ("Comparable sales rose 4.2% in the quarter.", "4.2%", "comparable_sales_growth"),
    ("Traffic was up 1.8%.", "1.8%", "traffic_growth"),
    ("ASP was $412, up from $388.", "$412", "asp"),
    ("The efficiency ratio improved to 54.2%.", "54.2%", "efficiency_ratio"),
    ("We originated 2,350 mortgages.", "2,350 mortgages", "count"),
])
def test_industry_metrics(sentence, surface, metric) -> None:
    assert the(sentence, surface).metric == metric


@pytest.mark.parametrize(("sentence", "surface", "value"), [
    ("Those customers spend roughly 1.5 times more per year.", "1.5 times", 1.5),
    ("These accounts expand at roughly twice the rate of the base.", "twice", 2),
    ("Voice interactions grew more than 7x year over year.", "7x", 7),
    ("Churn rose to about 2x the industry average.", "2x", 2),
    ("We have grown the partner base almost 10x.", "10x", 10),
])
def test_ratios(sentence, surface, value) -> None:
    m = the(sentence, surface)
    assert (m.value, m.unit) == (value, "ratio")


@pytest.mark.parametrize("sentence", [
    "We met 3 times last year.", "The 8×8 X Series platform scaled.", "Welcome to 8x8.",
    "Press 1 twice."])
def test_no_ratio_here(sentence) -> None:
    assert not [m.text for m in mentions(sentence) if m.unit == "ratio"]


@pytest.mark.parametrize(("sentence", "surface", "low", "high"), [
    ("Fab utilization was in the low 80s, up from 74%.", "low 80s", 80, 83),
    ("If we get back to the high 80s next year, margins follow.", "high 80s", 86, 89),
    ("Retention is in the mid-90s.", "mid-90s", 94, 96),
])
def test_vague_decades(sentence, surface, low, high) -> None:
    m = the(sentence, surface)
    assert (m.value, m.low, m.high, m.unit) == (None, low, high, "percent")
    assert m.confidence <= 0.3


def test_plus_or_minus_is_a_tolerance_not_a_loss() -> None:
    got = {m.text: m for m in mentions(
        "We expect revenue of $1.78 billion plus or minus $50 million.")}
    assert got["$50 million"].value == 50e6
    assert got["$1.78 billion"].value == 1.78e9


@pytest.mark.parametrize(("sentence", "surface", "value", "unit"), [
    ("Channel inventory is at about 11 weeks.", "11 weeks", 11, "weeks"),
    ("Inventory stood at $287 million, or about 7 months of supply.", "7 months", 7, "months"),
    ("We completed enrolment two months ahead of plan.", "two months", 2, "months"),
    ("Days sales outstanding were 52 days.", "52 days", 52, "days"),
    ("Lead times are back to 12 to 16 weeks.", "12 to 16 weeks", (12, 16), "weeks"),
])
def test_durations_that_measure_the_business(sentence, surface, value, unit) -> None:
    m = the(sentence, surface)
    got = (m.low, m.high) if isinstance(value, tuple) else m.value
    assert (got, m.unit) == (value, unit)


@pytest.mark.parametrize("sentence", [
    "Over the next 12 months we will grow.", "In 6 weeks we launch the product.",
    "We have 30 days to respond to the notice."])
def test_spans_of_time_are_not_figures(sentence) -> None:
    assert not [m.text for m in mentions(sentence) if m.unit in ("weeks", "months", "days")]


@pytest.mark.parametrize(("sentence", "surface", "value"), [
    ("Every 5 points of utilization is worth 100 basis points of margin.", "5 points", 5),
    ("Pricing added about 2 points.", "2 points", 2),
])
def test_points_are_percentage_points(sentence, surface, value) -> None:
    m = the(sentence, surface)
    assert (m.value, m.unit) == (value, "percent")


def test_three_points_to_make_are_no_figure() -> None:
    assert not mentions("I have 3 points I want to make.")


def test_by_a_to_b_far_apart_is_a_change_then_a_level() -> None:
    got = {m.text: m for m in mentions("Headcount grew by about 120 to 2,850 employees.")}
    assert got["2,850 employees"].value == 2850
    assert all(m.value is not None for m in got.values())
    m = the("We expect revenue to grow by 5% to 7%.", "5% to 7%")
    assert (m.low, m.high) == (5, 7)
