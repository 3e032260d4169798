"""Issue 10's figure families, in sentences written for these tests (banks, retailers,
pharma, SaaS, chipmakers, Arabic): counts of business things with what they count, streaks,
"N of our top M", counts whose noun the sentence already named, and the non-figures that
must stay out (measures in words are in ``test_extract_measures``). Every expected value is
read off the phrase itself.
"""

from __future__ import annotations

import pytest

from reviewer.core.extract.annotate import CallState, TurnState, annotate_paragraph
from reviewer.core.extract.metrics.fiscal import parse_fiscal_period
from reviewer.core.extract.metrics.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy(include_user=False)


def mentions(text: str, lang: str = "en", role: str = "cfo") -> list:
    """The mentions of one paragraph spoken by ``role`` in fiscal Q1 2026."""
    call = CallState(parse_fiscal_period("FY2026Q1"), fy_end_month=3)
    return annotate_paragraph(text, 0, len(text), lang, 1, call, TurnState(role=role),
                              TAXONOMY)


def the(text: str, surface: str, lang: str = "en"):
    """The one mention of ``text`` whose surface is ``surface``."""
    found = [m for m in mentions(text, lang) if m.text == surface]
    assert len(found) == 1, [m.text for m in mentions(text, lang)]
    return found[0]


# (sentence, surface, value, metric, counted noun)
COUNTS = [
    # SaaS
    ("We ended the quarter with 1,420 enterprise customers.", "1,420 enterprise customers",
     1420, "customer_count", "customers"),
    ("We added 22 upsell and cross-sell deals in the quarter.",
     "22 upsell and cross-sell deals", 22, "deal_count", "deals"),
    ("The bank bought 13,000 voice for Microsoft Teams seats.",
     "13,000 voice for Microsoft Teams seats", 13000, "active_users", "seats"),
    ("It was a 250-seat deployment.", "250-seat", 250, "active_users", "seat"),
    ("This is a 2,000-plus-seat contact center deal.", "2,000-plus-seat", 2000,
     "active_users", "seat"),
    ("We now work with more than 160 carriers worldwide.", "160 carriers", 160,
     "partner_count", "carriers"),
    ("Our network has 1,169 active channel partners.", "1,169 active channel partners", 1169,
     "partner_count", "partners"),
    ("We serve organizations in 42 countries.", "42 countries", 42, "country_count",
     "countries"),
    ("The platform counts 3,400 developers building on our APIs.", "3,400 developers", 3400,
     "partner_count", "developers"),
    ("We signed 85 new logos this quarter.", "85 new logos", 85, "customer_count", "logos"),
    ("Paid subscribers reached 2.4 million subscribers.", "2.4 million subscribers", 2.4e6,
     "active_users", "subscribers"),
    ("We now offer 14 products on one platform.", "14 products", 14, "product_count",
     "products"),
    ("Our team grew to 3,150 employees.", "3,150 employees", 3150, "employee_count",
     "employees"),
    ("Our agents handled calls for 600 contact center agents.", "600 contact center agents",
     600, "count", "agents"),
    # a bank
    ("We originated 12,400 loans in the quarter.", "12,400 loans", 12400, "count", "loans"),
    ("We closed 18 branches and opened 4 branches.", "18 branches", 18, "location_count",
     "branches"),
    ("We closed 18 branches and opened 4 branches.", "4 branches", 4, "location_count",
     "branches"),
    ("Digital banking now serves 1.9 million users.", "1.9 million users", 1.9e6,
     "active_users", "users"),
    ("We added 35,000 net new checking accounts.", "35,000 net new checking accounts", 35000,
     "customer_count", "accounts"),
    # a retailer
    ("We opened 27 new stores and ended with 1,312 stores.", "27 new stores", 27,
     "location_count", "stores"),
    ("We opened 27 new stores and ended with 1,312 stores.", "1,312 stores", 1312,
     "location_count", "stores"),
    ("The loyalty program passed 41 million members.", "41 million members", 41e6,
     "active_users", "members"),
    ("We operate 9 distribution warehouses.", "9 distribution warehouses", 9,
     "location_count", "warehouses"),
    ("We now sell through 3 online marketplaces in 12 markets.", "12 markets", 12,
     "country_count", "markets"),
    # pharma
    ("Total prescriptions reached 480,000 prescriptions.", "480,000 prescriptions", 480000,
     "count", "prescriptions"),
    ("More than 9,000 patients are now on therapy.", "9,000 patients", 9000, "count",
     "patients"),
    ("We are enrolling 320 patients in the phase 3 trial.", "320 patients", 320, "count",
     "patients"),
    ("Our field force covers 2,100 physicians.", "2,100 physicians", 2100, "count",
     "physicians"),
    ("The study runs at 48 clinics.", "48 clinics", 48, "location_count", "clinics"),
    # a chipmaker
    ("We shipped 3.2 million units in the quarter.", "3.2 million units", 3.2e6,
     "unit_count", "units"),
    ("Design wins reached 140 wins.", "140 wins", 140, "deal_count", "wins"),
    ("We shipped 650,000 devices.", "650,000 devices", 650000, "unit_count", "devices"),
    # spelled and compound
    ("We closed two very large wins.", "two very large wins", 2, "deal_count", "wins"),
    ("We closed our first seven-product customer.", "seven-product", 7, "product_count",
     "products"),
    ("We added twelve new distributors.", "twelve new distributors", 12, "partner_count",
     "distributors"),
    ("We opened thirty-five stores.", "thirty-five stores", 35, "location_count", "stores"),
    ("The bank now runs sixty branches.", "sixty branches", 60, "location_count", "branches"),
    ("Our top 400 customers renewed.", "400 customers", 400, "customer_count", "customers"),
    ("We collected 10 customer signatures.", "10 customer signatures", 10, "count",
     "signatures"),
    ("We shipped 5,000-plus units.", "5,000-plus units", 5000, "unit_count", "units"),
    # Arabic
    ("لدينا أكثر من 1000 شريك قنوات مسجلة.", "1000 شريك", 1000, "partner_count", "شريك"),
    ("أغلقنا 42 صفقة جديدة.", "42 صفقة", 42, "deal_count", "صفقة"),
    ("شملت الصفقة أكثر من 5،500 مقعدًا.", "5،500 مقعدًا", 5500, "active_users", "مقعدًا"),
    ("نخدم أكثر من 50000 شركة.", "50000 شركة", 50000, "customer_count", "شركة"),
    ("وصلنا إلى 20 مليون مستخدم نشط شهريًا.", "20 مليون مستخدم", 20e6, "active_users",
     "مستخدم"),
    ("افتتحنا 12 فرع جديد.", "12 فرع", 12, "location_count", "فرع"),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "metric", "counted"), COUNTS)
def test_counts_of_business_things(sentence, surface, value, metric, counted) -> None:
    lang = "ar" if any("\u0600" <= c <= "\u06ff" for c in sentence) else "en"
    m = the(sentence, surface, lang)
    assert (m.value, m.unit, m.metric) == (pytest.approx(value), "count", metric)
    assert m.extra["counted"] == counted
    assert m.confidence > 0.3


STREAKS = [
    ("Revenue grew for the 11 consecutive quarters ending in March.", "11 consecutive quarters",
     11),
    ("Q1 marked our 18th consecutive quarter of positive cash flow.",
     "18th consecutive quarter", 18),
    ("This was our 21st consecutive quarter of growth.", "21st consecutive quarter", 21),
    ("We grew comparable sales for the 3rd straight year.", "3rd straight year", 3),
    ("It was the fifth consecutive year of dividend increases.", "fifth consecutive year", 5),
    ("We returned to growth for the first time in nine quarters.", "nine quarters", 9),
    ("We returned to growth for the first time in 6 quarters.", "6 quarters", 6),
    ("Margins expanded for seven quarters in a row.", "seven quarters in a row", 7),
    ("Net interest income rose for 4 quarters in a row.", "4 quarters in a row", 4),
    ("That makes nine quarters of growth.", "nine quarters", 9),
    ("We have had twelve quarters of improving margins.", "twelve quarters", 12),
    ("We achieved a third sequential quarter of improved profitability.",
     "third sequential quarter", 3),
    ("It was our third quarter of acceleration.", "third quarter", 3),
    ("Same-store sales were positive for twenty-two consecutive months.",
     "twenty-two consecutive months", 22),
    ("It was our 2nd consecutive quarter of record bookings.", "2nd consecutive quarter", 2),
]


@pytest.mark.parametrize(("sentence", "surface", "value"), STREAKS)
def test_streaks(sentence, surface, value) -> None:
    m = the(sentence, surface)
    assert (m.value, m.unit, m.metric) == (value, "count", "consecutive_periods")
    assert m.extra["counted"].startswith("consecutive ")
    assert (m.period, m.kind) == ("FY2026Q1", "actual")


TOP = [
    ("Our channel drove nine of our top 10 deals.", "nine of our top 10 deals", 9, "deals"),
    ("Nine out of the top 10 deals were bundles.", "Nine out of the top 10 deals", 9, "deals"),
    ("Partners sourced 7 of our top 20 customers.", "7 of our top 20 customers", 7,
     "customers"),
    ("Five of the top 25 wins came from the channel.", "Five of the top 25 wins", 5, "wins"),
    ("Three of our top 10 products are new.", "Three of our top 10 products", 3, "products"),
    ("و 5 من أفضل 10 انتصارات كانت استبدالًا.", "5 من أفضل 10 انتصارات", 5, "انتصارات"),
    ("بما في ذلك 8 من أفضل 10 صفقات.", "8 من أفضل 10 صفقات", 8, "صفقات"),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "counted"), TOP)
def test_n_of_our_top_m(sentence, surface, value, counted) -> None:
    lang = "ar" if any("\u0600" <= c <= "\u06ff" for c in sentence) else "en"
    m = the(sentence, surface, lang)
    assert (m.value, m.unit, m.extra["counted"]) == (value, "count", counted)
    assert not any(x.text.startswith(("10", "20", "25")) for x in mentions(sentence, lang))


# Sentences and the surfaces that must not be proposed as figures.
NOT_FIGURES = [
    ("In 2023 large enterprise customers moved to the cloud.", "2023"),
    ("On May 12, 2025, we closed the acquisition.", "12"),
    ("Revenue for Q4 2025 was strong.", "4"),
    ("We met at 9:30 with customers.", "9"),
    ("Please press star 1 to ask a question.", "1"),
    ("To ask a question, press 1 on your keypad.", "1"),
    ("We released version 9.12 to customers.", "9.12"),
    ("Welcome to the 8x8 Inc earnings call.", "8"),
    ("Our 8x8 team served 300 customers.", "8"),
    ("It is one of the largest customers in Europe.", "one"),
    ("One customer told us the platform is simpler.", "One"),
    ("First, customers want one vendor.", "one"),
    ("We see three pillars for customers.", "three"),
    ("That is a top five partner worldwide.", "five"),
    ("All of our top 10 deals included contact center.", "10"),
    ("It was a tale of two halves for retail.", "two"),
    ("He has 20 years of experience with customers.", "20"),
    ("We signed a five-year deal.", "five"),
    ("[12] See the appendix for customers.", "12"),
    ("The third quarter of fiscal 2018 was a record.", "third"),
    ("We expect growth in the second half.", "half"),
    ("Our Fortune 500 customers renewed.", "500"),
    ("Over the last three quarters of fiscal 2025 we grew.", "three"),
    ("COVID-19 affected customers.", "19"),
    ("The phase 3 trial enrolled patients.", "3"),
    ("It is number 1 in customers' minds.", "1"),
]


@pytest.mark.parametrize(("sentence", "digits"), NOT_FIGURES)
def test_non_figures_stay_out(sentence, digits) -> None:
    for m in mentions(sentence):
        assert not m.text.startswith(digits), m.text


WEAK = [
    ("There were 10 people on the call.", "10 people", 10),
    ("We had 1 person on leave.", "1 person", 1),
    ("We have a 1,600 person company.", "1,600 person", 1600),
]


@pytest.mark.parametrize(("sentence", "surface", "value"), WEAK)
def test_counts_of_non_business_things_are_low_confidence(sentence, surface, value) -> None:
    m = the(sentence, surface)
    assert (m.value, m.metric) == (value, "count")
    assert m.confidence <= 0.3


def test_three_or_four_of_them_is_no_figure() -> None:
    assert not any(m.confidence > 0.3 for m in mentions("We saw 3 or 4 of them last week."))


def test_analysts_counts_stay_marked_as_quoted() -> None:
    text = "You added 160 carriers and 42 countries, right?"
    got = mentions(text, role="analyst")
    assert {m.text for m in got} == {"160 carriers", "42 countries"}
    assert all(m.extra["quoted"] == "analyst" for m in got)


# The grammar alone: the counted noun a count carries, and where a count stops.
GRAMMAR_COUNTED = [
    ("45,000 business customers", "45,000 business customers", 45000, "customers"),
    ("1,300 contact center seats", "1,300 contact center seats", 1300, "seats"),
    ("5,000-plus seat win", "5,000-plus seat", 5000, "seat"),
    ("400 customers and partners", "400 customers", 400, "customers"),
    ("20 million paid users", "20 million paid users", 20e6, "users"),
    ("127 active channel partners", "127 active channel partners", 127, "partners"),
    ("more than 15 vendors", "15 vendors", 15, "vendors"),
    ("2,300 retail branches", "2,300 retail branches", 2300, "branches"),
    ("780 stores", "780 stores", 780, "stores"),
    ("1.1 million prescriptions", "1.1 million prescriptions", 1.1e6, "prescriptions"),
    ("64 clinical trials", "64 clinical trials", 64, "trials"),
    ("3 products", "3 products", 3, "products"),
    ("30،000 عميل", "30،000 عميل", 30000, "عميل"),
    ("2200 مقعد", "2200 مقعد", 2200, "مقعد"),
    ("1600 شخص", "1600 شخص", 1600, "شخص"),
    ("800 家門市", "800 家", 800, "家"),
    ("我們銷售 2 種產品", "2 種", 2, "種"),
]


@pytest.mark.parametrize(("text", "surface", "value", "counted"), GRAMMAR_COUNTED)
def test_the_grammar_reads_what_a_count_counts(text, surface, value, counted) -> None:
    from reviewer.core.extract.numbers import find_quantities

    lang = ("ar" if any("\u0600" <= c <= "\u06ff" for c in text)
            else "zh" if any("\u4e00" <= c <= "\u9fff" for c in text) else "en")
    q = next(q for q in find_quantities(text, lang) if q.counted)
    assert (text[q.start:q.end], q.value, q.unit, q.counted) == (
        surface, pytest.approx(value), "count", counted)


GRAMMAR_NOT_COUNTS = [
    "in 2021 enterprise customers",  # a year before a noun phrase
    "since 2019 our customers",
    "3 of them",
    "press 1 for customers",
    "all of our top 10 deals",
    "in 12 months customers",
    "version 3 customers",
    "COVID-19 customers",
    "the Russell 2000 companies",
    "an S&P 500 companies index",
]


@pytest.mark.parametrize("text", GRAMMAR_NOT_COUNTS)
def test_the_grammar_reads_no_count_here(text) -> None:
    from reviewer.core.extract.numbers import find_quantities

    assert [text[q.start:q.end] for q in find_quantities(text, "en") if q.unit == "count"] == []


@pytest.mark.parametrize(("sentence", "surface", "low", "high", "counted"), [
    ("We offer 3 or 4 different agent assist platforms.",
     "3 or 4 different agent assist platforms", 3, 4, "platforms"),
    ("We expect 10 or 12 new stores next year.", "10 or 12 new stores", 10, 12, "stores"),
])
def test_n_or_m_things_is_a_range(sentence, surface, low, high, counted) -> None:
    m = the(sentence, surface)
    assert (m.value, m.low, m.high, m.unit, m.extra["counted"]) == (
        None, low, high, "count", counted)


def test_n_or_m_without_a_counted_noun_is_no_range() -> None:
    assert not any(m.low == 3 for m in mentions("Pick 3 or 4 of them, or press 1 or 2."))


def test_a_noun_before_the_counted_noun_is_a_modifier() -> None:
    # "customer" is a counted noun of its own, but here it qualifies the interactions.
    m = the("The platform handled 1.4 billion customer interactions.",
            "1.4 billion customer interactions")
    assert (m.value, m.metric, m.extra["counted"]) == (1.4e9, "count", "interactions")


@pytest.mark.parametrize(("sentence", "surface", "value", "counted"), [
    ("Two of our 3 largest customers expanded.", "Two of our 3 largest customers", 2,
     "customers"),
    ("4 of our five biggest markets grew.", "4 of our five biggest markets", 4, "markets"),
])
def test_n_of_our_m_largest(sentence, surface, value, counted) -> None:
    m = the(sentence, surface)
    assert (m.value, m.unit, m.extra["counted"]) == (value, "count", counted)


# A count whose noun is left out, because its sentence already said it.
ELIDED = [
    ("We opened 3 branches in Ohio and consolidated 14 others.", "14", 14, "branches"),
    ("We have 486 branches today and plan to close another 25 by the end of 2027.", "25", 25,
     "branches"),
    ("We opened 17 new stores and closed 4, ending with 1,046 stores.", "4", 4, "stores"),
    ("About 19,400 patients were on therapy, compared with 15,200 a year ago.", "15,200",
     15200, "patients"),
    ("More than 6,400 physicians now prescribe it, up from 5,100 at year-end.", "5,100", 5100,
     "physicians"),
    ("Total prescriptions grew 9% sequentially to about 118,000.", "118,000", 118000,
     "prescriptions"),
    ("Loyalty members now number 14.2 million.", "14.2 million", 14.2e6, "members"),
    ("Enrolment reached 1,020 of a planned 1,200 patients.", "1,020", 1020, "patients"),
    ("The study has enrolled 96 of 150 patients.", "96", 96, "patients"),
    ("It is 143 of the Fortune 500, up from 121 a year ago.", "143", 143, "companies"),
    ("It is 143 of the Fortune 500, up from 121 a year ago.", "121", 121, "companies"),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "counted"), ELIDED)
def test_counts_whose_noun_the_sentence_already_said(sentence, surface, value, counted) -> None:
    m = the(sentence, surface)
    assert (m.value, m.unit, m.extra["counted"]) == (pytest.approx(value), "count", counted)


@pytest.mark.parametrize("sentence", [
    "We met 12 of them in Boston.",  # no counted noun anywhere
    "Revenue was up 12, compared with 9 last year.",  # no count before
    "We signed 40 customers in March, and met them all on May 12.",  # a date
    "The equivalent of 10 billion uploads a day.",
    "Please turn to slide 12, and then page 4.",
])
def test_bare_numbers_without_a_named_count_stay_out(sentence) -> None:
    """(But "We signed 40 customers, and 12 more are in the pipeline" counts 12 customers.)"""
    got = [m.text for m in mentions(sentence) if m.unit == "count"]
    assert not any(t in ("12", "9", "10 billion", "4") for t in got), got


def test_more_stands_between_a_count_and_its_noun() -> None:
    m = the("We expect reimbursement in 4 more European markets.", "4 more European markets")
    assert (m.value, m.extra["counted"]) == (4, "markets")
