"""The number grammar: a table of surface forms, parse_value, offsets, whole sentences."""

from __future__ import annotations

import itertools
import math

import pytest

from reviewer.core.extract.numbers import Quantity, find_quantities, parse_value

M = 1_000_000
B = 1_000_000_000


def q(surface: str, value, unit: str, **attrs):
    """An expected quantity: ``value`` is a number or a (low, high) pair for a range.

    ``attrs`` checks Quantity fields (per, approx, spelled, confidence); ``max_conf`` checks
    that the confidence is at most that much.
    """
    return surface, value, unit, attrs


# (text, expected quantities in order); an empty list means "not a quantity".
CASES: list[tuple[str, list]] = [
    # --- money, English ------------------------------------------------------------------
    ("$129.1 million", [q("$129.1 million", 129.1 * M, "USD")]),
    ("129.1 million dollars", [q("129.1 million dollars", 129.1 * M, "USD")]),
    ("revenue of $120.9 million, up", [q("$120.9 million", 120.9 * M, "USD")]),
    ("$11.14 billion", [q("$11.14 billion", 11.14 * B, "USD")]),
    ("$1.2B", [q("$1.2B", 1.2 * B, "USD")]),
    ("$1.2bn", [q("$1.2bn", 1.2 * B, "USD")]),
    ("$1.2 bn", [q("$1.2 bn", 1.2 * B, "USD")]),
    ("$450k", [q("$450k", 450_000, "USD")]),
    ("$5M", [q("$5M", 5 * M, "USD")]),
    ("$3MM", [q("$3MM", 3 * M, "USD")]),
    ("$12,000K", [q("$12,000K", 12 * M, "USD")]),
    ("$12,000", [q("$12,000", 12_000, "USD")]),
    ("$100,000", [q("$100,000", 100_000, "USD")]),
    ("$1,234,567.89", [q("$1,234,567.89", 1_234_567.89, "USD")]),
    ("US$5 million", [q("US$5 million", 5 * M, "USD")]),
    ("USD 5 million", [q("USD 5 million", 5 * M, "USD")]),
    ("5 million U.S. dollars", [q("5 million U.S. dollars", 5 * M, "USD")]),
    ("€5 million", [q("€5 million", 5 * M, "EUR")]),
    ("EUR 5 million", [q("EUR 5 million", 5 * M, "EUR")]),
    ("5 million euros", [q("5 million euros", 5 * M, "EUR")]),
    ("£3.2 million", [q("£3.2 million", 3.2 * M, "GBP")]),
    ("GBP 3.2m", [q("GBP 3.2m", 3.2 * M, "GBP")]),
    ("HK$8 million", [q("HK$8 million", 8 * M, "HKD")]),
    ("C$2.5 billion", [q("C$2.5 billion", 2.5 * B, "CAD")]),
    ("¥300 million", [q("¥300 million", 300 * M, "JPY")]),
    ("RMB 40 million", [q("RMB 40 million", 40 * M, "CNY")]),
    ("$1.5-million deal", [q("$1.5-million", 1.5 * M, "USD")]),
    ("$(0.12)", [q("$(0.12)", -0.12, "USD")]),
    ("a loss of $(1.2) million", [q("$(1.2) million", -1.2 * M, "USD")]),
    ("-$5 million", [q("-$5 million", -5 * M, "USD")]),
    ("$-5 million", [q("$-5 million", -5 * M, "USD")]),
    ("negative $3 million", [q("negative $3 million", -3 * M, "USD")]),
    ("approximately $1.7 million", [q("$1.7 million", 1.7 * M, "USD", approx=True)]),
    ("over $135 million", [q("$135 million", 135 * M, "USD", approx=True)]),
    ("more than $17 million", [q("$17 million", 17 * M, "USD", approx=True)]),
    ("roughly $3 billion", [q("$3 billion", 3 * B, "USD", approx=True)]),
    ("~$5M", [q("$5M", 5 * M, "USD", approx=True)]),
    ("about $2.3 million", [q("$2.3 million", 2.3 * M, "USD", approx=True)]),
    ("$100 million or more", [q("$100 million", 100 * M, "USD", approx=True)]),
    ("$9.99 per month", [q("$9.99 per month", 9.99, "USD", per="month")]),
    ("$0.11 per share", [q("$0.11 per share", 0.11, "USD", per="share")]),
    ("$0.08 per diluted share", [q("$0.08 per diluted share", 0.08, "USD", per="share")]),
    ("$18.31 an hour", [q("$18.31 an hour", 18.31, "USD", per="hour")]),
    ("$25 per seat per month", [q("$25 per seat", 25, "USD", per="seat")]),
    ("$5/month", [q("$5/month", 5, "USD", per="month")]),
    ("$250 million a year", [q("$250 million a year", 250 * M, "USD", per="year")]),
    ("$5 million a year ago", [q("$5 million", 5 * M, "USD", per=None)]),
    ("EPS of (0.12) for the quarter", [q("(0.12)", -0.12, "USD", max_conf=0.7)]),
    ("(0.12) per share", [q("(0.12) per share", -0.12, "USD", per="share")]),
    ("($0.05) per share", [q("($0.05) per share", -0.05, "USD", per="share")]),
    ("diluted EPS was ($0.05)", [q("($0.05)", -0.05, "USD")]),
    ("grew 10% ($5 million)", [q("10%", 10, "percent"), q("$5 million", 5 * M, "USD")]),
    ("EUR5m", [q("EUR5m", 5 * M, "EUR")]),
    ("$5 million USD", [q("$5 million USD", 5 * M, "USD")]),
    # --- spelled numbers ----------------------------------------------------------------
    ("eight million dollars", [q("eight million dollars", 8 * M, "USD", spelled=True)]),
    ("twenty million dollars", [q("twenty million dollars", 20 * M, "USD", spelled=True)]),
    ("one hundred and five million dollars",
     [q("one hundred and five million dollars", 105 * M, "USD", spelled=True)]),
    ("a hundred and twenty million", [q("a hundred and twenty million", 120 * M, "count")]),
    ("Eight million dollars were used", [q("Eight million dollars", 8 * M, "USD")]),
    ("twenty-five percent", [q("twenty-five percent", 25, "percent", spelled=True)]),
    ("twenty per cent", [q("twenty per cent", 20, "percent")]),
    ("fifteen basis points", [q("fifteen basis points", 15, "bps", spelled=True)]),
    ("one and a half million dollars", [q("one and a half million dollars", 1.5 * M, "USD")]),
    ("one point five billion dollars", [q("one point five billion dollars", 1.5 * B, "USD")]),
    ("half a million users", [q("half a million users", 500_000, "count")]),
    ("two and a half percent", [q("two and a half percent", 2.5, "percent")]),
    ("forty dollars", [q("forty dollars", 40, "USD")]),
    ("minus five percent", [q("minus five percent", -5, "percent")]),
    ("about a million times a day", [q("a million", M, "count", approx=True)]),
    ("twenty million monthly active users",
     [q("twenty million monthly active users", 20 * M, "count")]),
    # --- fractions ----------------------------------------------------------------------
    ("nearly a third of the ARR",
     [q("a third", 33.33, "percent", spelled=True, approx=True, max_conf=0.6)]),
    ("one-third of revenue", [q("one-third", 33.33, "percent", max_conf=0.6)]),
    ("one third of revenue", [q("one third", 33.33, "percent")]),
    ("two-thirds of bookings", [q("two-thirds", 66.67, "percent")]),
    ("half of our bookings", [q("half", 50, "percent", spelled=True, max_conf=0.6)]),
    ("Half of new logos", [q("Half", 50, "percent")]),
    ("three-quarters of deals", [q("three-quarters", 75, "percent")]),
    ("now represents a third.", [q("a third", 33.33, "percent")]),
    # --- percent -------------------------------------------------------------------------
    ("60.9%", [q("60.9%", 60.9, "percent")]),
    ("60.9 %", [q("60.9 %", 60.9, "percent")]),
    ("62 percent", [q("62 percent", 62, "percent")]),
    ("12 per cent", [q("12 per cent", 12, "percent")]),
    ("minus 27.7%", [q("minus 27.7%", -27.7, "percent")]),
    ("negative 5%", [q("negative 5%", -5, "percent")]),
    ("-5%", [q("-5%", -5, "percent")]),
    ("−3.5%", [q("−3.5%", -3.5, "percent")]),
    ("(3.2)%", [q("(3.2)%", -3.2, "percent")]),
    ("nearly 50%", [q("50%", 50, "percent", approx=True)]),
    ("about 30% less", [q("30%", 30, "percent", approx=True)]),
    ("up 2 percentage points", [q("2 percentage points", 2, "percent")]),
    ("17%, 18%", [q("17%", 17, "percent"), q("18%", 18, "percent")]),
    ("30% and 20%", [q("30%", 30, "percent"), q("20%", 20, "percent")]),
    ("grew 28% to $426.5 million",
     [q("28%", 28, "percent"), q("$426.5 million", 426.5 * M, "USD")]),
    ("(10% of revenue)", [q("10%", 10, "percent")]),
    ("[26%]", [q("26%", 26, "percent")]),
    # --- basis points -------------------------------------------------------------------
    ("90 basis points", [q("90 basis points", 90, "bps")]),
    ("50 bps", [q("50 bps", 50, "bps")]),
    ("25bps", [q("25bps", 25, "bps")]),
    ("a 140 basis point improvement", [q("140 basis point", 140, "bps")]),
    # --- ranges -------------------------------------------------------------------------
    ("$125.5 to 126.5 million dollar guidance",
     [q("$125.5 to 126.5 million dollar", (125.5 * M, 126.5 * M), "USD")]),
    ("$132 to $133 million", [q("$132 to $133 million", (132 * M, 133 * M), "USD")]),
    ("519 to $522 million", [q("519 to $522 million", (519 * M, 522 * M), "USD")]),
    ("$120 million to $125 million",
     [q("$120 million to $125 million", (120 * M, 125 * M), "USD")]),
    ("between $66 and $68 million", [q("$66 and $68 million", (66 * M, 68 * M), "USD")]),
    ("between 66% and 68%", [q("66% and 68%", (66, 68), "percent")]),
    ("11 to 12%", [q("11 to 12%", (11, 12), "percent")]),
    ("11% to 12%", [q("11% to 12%", (11, 12), "percent")]),
    ("11-12%", [q("11-12%", (11, 12), "percent")]),
    ("11–12%", [q("11–12%", (11, 12), "percent")]),
    ("$120-125m", [q("$120-125m", (120 * M, 125 * M), "USD")]),
    ("$1.5-2.0 billion", [q("$1.5-2.0 billion", (1.5 * B, 2 * B), "USD")]),
    ("$1.5 million to 2", [q("$1.5 million to 2", (1.5 * M, 2 * M), "USD")]),
    ("-5% to -3%", [q("-5% to -3%", (-5, -3), "percent")]),
    ("$0.06 to $0.08 per share",
     [q("$0.06 to $0.08 per share", (0.06, 0.08), "USD", per="share")]),
    ("50 to 60 basis points", [q("50 to 60 basis points", (50, 60), "bps")]),
    ("approximately $35 million to $36 million",
     [q("$35 million to $36 million", (35 * M, 36 * M), "USD", approx=True)]),
    ("eleven to twelve percent", [q("eleven to twelve percent", (11, 12), "percent")]),
    ("up from $290 million to $330 million",
     [q("$290 million", 290 * M, "USD"), q("$330 million", 330 * M, "USD")]),
    ("from 18% to 12%", [q("18%", 18, "percent"), q("12%", 12, "percent")]),
    ("in the range from $1 to $2 million", [q("$1 to $2 million", (M, 2 * M), "USD")]),
    ("12% to $5 million", [q("12%", 12, "percent"), q("$5 million", 5 * M, "USD")]),
    ("20 percent to 25 percent", [q("20 percent to 25 percent", (20, 25), "percent")]),
    ("5 to 6 million users", [q("5 to 6 million users", (5 * M, 6 * M), "count")]),
    ("12.5%-13.5%", [q("12.5%-13.5%", (12.5, 13.5), "percent")]),
    ("$2.5 billion to $3 billion", [q("$2.5 billion to $3 billion", (2.5 * B, 3 * B), "USD")]),
    # --- counts and units ---------------------------------------------------------------
    ("a 2,200 seat deal", [q("2,200 seat", 2200, "count")]),
    ("a 5,000-plus seat win", [q("5,000-plus seat", 5000, "count", approx=True)]),
    ("45,000 business customers", [q("45,000 business customers", 45_000, "count")]),
    ("670 customers", [q("670 customers", 670, "count")]),
    ("48 new deals", [q("48 new deals", 48, "count")]),
    ("1,300 contact center seats", [q("1,300 contact center seats", 1300, "count")]),
    ("a 250-seat contact center", [q("250-seat", 250, "count")]),
    ("4,000 plus bundled seats", [q("4,000 plus bundled seats", 4000, "count", approx=True)]),
    ("42 countries", [q("42 countries", 42, "count")]),
    ("7,000 employees", [q("7,000 employees", 7000, "count")]),
    ("125 million shares", [q("125 million shares", 125 * M, "count")]),
    ("20 million users", [q("20 million users", 20 * M, "count")]),
    ("1.5 petabytes", [q("1.5 petabytes", 1.5, "petabytes")]),
    ("1.5 petabytes of data", [q("1.5 petabytes", 1.5, "petabytes")]),
    ("2 PB", [q("2 PB", 2, "petabytes")]),
    ("3 million hours", [q("3 million hours", 3 * M, "hours")]),
    ("1 billion minutes", [q("1 billion minutes", B, "minutes")]),
    ("24 hours", []),
    ("1.2 million", [q("1.2 million", 1.2 * M, "count", max_conf=0.7)]),
    ("more than 2,000", [q("2,000", 2000, "count", approx=True, max_conf=0.5)]),
    ("10 billion photos", [q("10 billion", 10 * B, "count", max_conf=0.7)]),
    # --- speech-recognition slips ---------------------------------------------------------
    ("an increase of 18 year-over-year",
     [q("18", 18, "percent", max_conf=0.6)]),
    ("grew 18 year over year", [q("18", 18, "percent", max_conf=0.6)]),
    ("up 37 sequentially", [q("37", 37, "percent", max_conf=0.6)]),
    # --- Arabic ---------------------------------------------------------------------------
    ("١٢٣٫٤", []),
    ("١٢٣٫٤٪", [q("١٢٣٫٤٪", 123.4, "percent")]),
    ("30٪", [q("30٪", 30, "percent")]),
    ("54 ٪", [q("54 ٪", 54, "percent")]),
    ("١٬٢٣٤ مليون دولار", [q("١٬٢٣٤ مليون دولار", 1234 * M, "USD")]),
    ("١،٥٠٠ دولار", [q("١،٥٠٠ دولار", 1500, "USD")]),
    ("121.5 مليون دولار", [q("121.5 مليون دولار", 121.5 * M, "USD")]),
    ("2.5 مليار دولار", [q("2.5 مليار دولار", 2.5 * B, "USD")]),
    ("100000 دولار أمريكي", [q("100000 دولار أمريكي", 100_000, "USD")]),
    ("ارتفعت بنسبة 35٪ على التوالي", [q("35٪", 35, "percent")]),
    ("حوالي 12.7 مليون دولار", [q("12.7 مليون دولار", 12.7 * M, "USD", approx=True)]),
    ("30٪ و 20٪", [q("30٪", 30, "percent"), q("20٪", 20, "percent")]),
    ("بين 24٪ و 25٪", [q("24٪ و 25٪", (24, 25), "percent")]),
    ("سالب 5٪", [q("سالب 5٪", -5, "percent")]),
    ("20 مليون مستخدم", [q("20 مليون مستخدم", 20 * M, "count")]),
    ("9.99 دولارًا أمريكيًا في الشهر",
     [q("9.99 دولارًا أمريكيًا في الشهر", 9.99, "USD", per="month")]),
    # --- Chinese --------------------------------------------------------------------------
    ("1,750 萬美元", [q("1,750 萬美元", 17.5 * M, "USD")]),
    ("2.5 億美元", [q("2.5 億美元", 250 * M, "USD")]),
    ("6.85億美元至7億美元", [q("6.85億美元至7億美元", (685 * M, 700 * M), "USD")]),
    ("1.8 億至 1.86 億美元", [q("1.8 億至 1.86 億美元", (180 * M, 186 * M), "USD")]),
    ("3500 萬至 3600 萬美元", [q("3500 萬至 3600 萬美元", (35 * M, 36 * M), "USD")]),
    ("百分之六十點九", [q("百分之六十點九", 60.9, "percent", spelled=True)]),
    ("毛利率為百分之六十點九。", [q("百分之六十點九", 60.9, "percent")]),
    ("營收成長 60.9%。", [q("60.9%", 60.9, "percent")]),
    ("20% 到 25%", [q("20% 到 25%", (20, 25), "percent")]),
    ("約 1.5 億美元", [q("1.5 億美元", 150 * M, "USD", approx=True)]),
    ("增加至約1,700 萬美元", [q("1,700 萬美元", 17 * M, "USD", approx=True)]),
    ("300 多萬美元", [q("300 多萬美元", 3 * M, "USD", approx=True)]),
    ("三百萬美元", [q("三百萬美元", 3 * M, "USD", spelled=True)]),
    ("二點五億美元", [q("二點五億美元", 250 * M, "USD")]),
    ("500 万元", [q("500 万元", 5 * M, "CNY")]),
    ("1,250 家企業客戶", [q("1,250 家", 1250, "count")]),
    ("1.25 億股", [q("1.25 億股", 125 * M, "count")]),
    ("年增140個基點", [q("140個基點", 140, "bps")]),
    ("負 3.5%", [q("負 3.5%", -3.5, "percent")]),
    ("0.08美元", [q("0.08美元", 0.08, "USD")]),
    # --- not quantities -------------------------------------------------------------------
    ("2021", []),
    ("fiscal 2021", []),
    ("in 2023", []),
    ("Q2", []),
    ("Q4 2020", []),
    ("Q2 '24", []),
    ("fiscal '26", []),
    ("FY2021", []),
    ("2Q21", []),
    ("H1 2021", []),
    ("the second quarter", []),
    ("May 12, 2020", []),
    ("June 30", []),
    ("30 June 2020", []),
    ("September 30th", []),
    ("12/31/2020", []),
    ("version 3.1", []),
    ("contact center version 9.12", []),
    ("release 3.1.2", []),
    ("press star then the number one", []),
    ("star 1", []),
    ("press *1 on your keypad", []),
    ("8x8", []),
    ("8×8", []),
    ("welcome to 8x8's call", []),
    ("18th consecutive quarter", []),
    ("the first quarter", []),
    ("[12]", []),
    ("Sam Wilson, CFO [4]", []),
    ("9:00 pm", []),
    ("at 5:00 p.m. Eastern", []),
    ("we have 3 priorities", []),
    ("several million users", []),
    ("tens of thousands of seats", []),
    ("hundreds of millions of seats", []),
    ("nine of our top 10 deals", []),
    ("a seven-figure TCV win", []),
    ("a five-year deal", []),
    ("the second half of the year", []),
    ("a third sequential quarter", []),
    ("third-party apps", []),
    ("on behalf of the company", []),
    ("3D printing and 5G", []),
    ("a 10x return", []),
    ("Form 10-K", []),
    ("call 1-800-555-1234", []),
    ("(12) see note", []),
    ("between 5 and 6", []),
    ("$20-odd million people", []),
    ("截至 2022 年 9 月 30 日", []),
    ("過去 4 個季度", []),
    ("第 3 季", []),
    ("26 財年", []),
    ("兩位數成長", []),
    ("數百萬美元", []),
    ("一致", []),
    ("2020 to 2021", []),
    ("COVID-19", []),
    ("24/7 support", []),
    ("a Rule 10b5-1 plan", []),
    ("three customers", []),
    ("thousands of customers", []),
    ("Windows 11", []),
    ("", []),
]


def _check(text: str, found: list[Quantity], expected: list) -> None:
    got = [(text[f.start:f.end], f) for f in found]
    assert len(found) == len(expected), f"{text!r}: got {[g[0] for g in got]}"
    for (surface, value, unit, attrs), (got_surface, f) in zip(expected, got, strict=True):
        assert got_surface == surface, text
        if isinstance(value, tuple):
            assert f.value is None
            assert math.isclose(f.low, value[0], rel_tol=1e-9, abs_tol=1e-9), f
            assert math.isclose(f.high, value[1], rel_tol=1e-9, abs_tol=1e-9), f
        else:
            assert f.low is None and f.high is None
            assert math.isclose(f.value, value, rel_tol=1e-9, abs_tol=1e-9), f
        assert f.unit == unit, f
        for name, want in attrs.items():
            if name == "max_conf":
                assert f.confidence <= want, f
            else:
                assert getattr(f, name) == want, (name, f)


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] or "empty" for c in CASES])
def test_find_quantities_table(text: str, expected: list) -> None:
    _check(text, find_quantities(text), expected)


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 120


def test_exact_money_values_have_no_float_noise() -> None:
    (found,) = find_quantities("$129.1 million")
    assert found.value == 129100000
    (found,) = find_quantities("1,750 萬美元")
    assert found.value == 17500000


def test_lang_hint_narrows_grammars() -> None:
    text = "eight million dollars and 三百萬美元"
    assert [f.unit for f in find_quantities(text)] == ["USD", "USD"]
    assert len(find_quantities(text, lang="en")) == 1
    assert len(find_quantities(text, lang="zh")) == 1


# --- whole sentences ------------------------------------------------------------------------
SENTENCES = [
    (
        "Total revenue for the quarter was $212.4 million, up 14% year-over-year, and above "
        "our guidance of $205 to $208 million.",
        [q("$212.4 million", 212.4 * M, "USD"), q("14%", 14, "percent"),
         q("$205 to $208 million", (205 * M, 208 * M), "USD")],
    ),
    (
        "For fiscal 2025, we now expect service revenue of between $810 million and $820 "
        "million, representing growth of 9 to 10%.",
        [q("$810 million and $820 million", (810 * M, 820 * M), "USD"),
         q("9 to 10%", (9, 10), "percent")],
    ),
    (
        "Gross margin was 71.5%, up 140 basis points from the second quarter of 2023, while "
        "operating margin came in at minus 1.8%.",
        [q("71.5%", 71.5, "percent"), q("140 basis points", 140, "bps"),
         q("minus 1.8%", -1.8, "percent")],
    ),
    (
        "We ended Q3 with approximately 1,250 enterprise customers and more than 45,000 "
        "business customers in 160 countries.",
        [q("1,250 enterprise customers", 1250, "count", approx=True),
         q("45,000 business customers", 45_000, "count", approx=True),
         q("160 countries", 160, "count")],
    ),
    (
        "Non-GAAP net loss per share was $(0.03), compared with $0.05 per share a year ago.",
        [q("$(0.03)", -0.03, "USD"), q("$0.05 per share", 0.05, "USD", per="share")],
    ),
    (
        "Cash usage was twenty million dollars in the first quarter of fiscal 2021 and eight "
        "million dollars in the second quarter.",
        [q("twenty million dollars", 20 * M, "USD", spelled=True),
         q("eight million dollars", 8 * M, "USD", spelled=True)],
    ),
    (
        "Ladies and gentlemen, to ask a question, please press star then the number one on "
        "your telephone keypad. Our first question comes at 9:00 pm from Jane Doe.",
        [],
    ),
    (
        "On May 12, 2020, 8x8 reported its 18th consecutive quarter of growth, with version "
        "3.1 of the platform and 3 new priorities.",
        [],
    ),
    (
        "We anticipate total revenue in the range of 519 to $522 million, representing 16 to "
        "17% year-over-year growth, and a pre-tax loss of approximately $16 million.",
        [q("519 to $522 million", (519 * M, 522 * M), "USD"),
         q("16 to 17%", (16, 17), "percent"),
         q("$16 million", 16 * M, "USD", approx=True)],
    ),
    (
        "本季總收入為 1.85 億美元,服務收入為 1.778 億美元,毛利率為 71.5%,年增 140 個基點。",
        [q("1.85 億美元", 185 * M, "USD"), q("1.778 億美元", 177.8 * M, "USD"),
         q("71.5%", 71.5, "percent"), q("140 個基點", 140, "bps")],
    ),
    (
        "بلغت الإيرادات 121.5 مليون دولار بزيادة 30٪ على أساس سنوي في الربع الرابع من عام 2020.",
        [q("121.5 مليون دولار", 121.5 * M, "USD"), q("30٪", 30, "percent")],
    ),
    (
        "Our standalone product costs $9.99 per month, and nearly a third of new bookings "
        "came from the channel, about 1.5 petabytes of meetings a day.",
        [q("$9.99 per month", 9.99, "USD", per="month"),
         q("a third", 33.33, "percent", approx=True),
         q("1.5 petabytes", 1.5, "petabytes", approx=True)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES, ids=[s[0][:30] for s in SENTENCES])
def test_sentences(text: str, expected: list) -> None:
    _check(text, find_quantities(text), expected)


# --- offsets and ordering -------------------------------------------------------------------
def test_offsets_point_into_the_text_given() -> None:
    prefix = "Intro paragraph. " * 3
    text = prefix + "Revenue was $129.1 million, up 18%."
    found = find_quantities(text)
    assert [text[f.start:f.end] for f in found] == ["$129.1 million", "18%"]
    assert found[0].start == len(prefix) + len("Revenue was ")


@pytest.mark.parametrize(("text", "_expected"), CASES + SENTENCES,
                         ids=[c[0][:40] or "empty" for c in CASES + SENTENCES])
def test_quantities_are_ordered_and_disjoint(text: str, _expected: list) -> None:
    found = find_quantities(text)
    for f in found:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == text[f.start:f.end].strip()
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


# --- parse_value ----------------------------------------------------------------------------
PARSE_CASES = [
    ("$1.2bn", 1.2 * B, "USD"),
    ("12%", 12, "percent"),
    ("12 %", 12, "percent"),
    ("90 bps", 90, "bps"),
    ("90 basis points", 90, "bps"),
    ("$120-125m", (120 * M, 125 * M), "USD"),
    ("(0.12)", -0.12, ""),
    ("$(0.12)", -0.12, "USD"),
    ("(3.2)%", -3.2, "percent"),
    ("2.5 億美元", 250 * M, "USD"),
    ("1,750 萬美元", 17.5 * M, "USD"),
    ("-5%", -5, "percent"),
    ("minus 27.7%", -27.7, "percent"),
    ("129100000", 129_100_000, ""),
    ("12", 12, ""),
    ("2021", 2021, ""),
    ("1.2m", 1.2 * M, ""),
    ("twenty million dollars", 20 * M, "USD"),
    ("EUR 5 million", 5 * M, "EUR"),
    ("  $450k  ", 450_000, "USD"),
    ("approximately $1.7 million", 1.7 * M, "USD"),
    ("11 to 12%", (11, 12), "percent"),
    ("45,000 customers", 45_000, "count"),
    ("١٢٣٫٤٪", 123.4, "percent"),
    ("60.9%.", 60.9, "percent"),
]


@pytest.mark.parametrize(("typed", "value", "unit"), PARSE_CASES, ids=[c[0] for c in PARSE_CASES])
def test_parse_value(typed: str, value, unit: str) -> None:
    parsed = parse_value(typed)
    assert parsed is not None
    assert typed[parsed.start:parsed.end] == typed[parsed.start:parsed.end].strip()
    if isinstance(value, tuple):
        assert parsed.value is None
        assert math.isclose(parsed.low, value[0]) and math.isclose(parsed.high, value[1])
    else:
        assert math.isclose(parsed.value, value, abs_tol=1e-12)
    assert parsed.unit == unit


@pytest.mark.parametrize("typed", ["", "   ", "abc", "5% and 6%", "$5 million in cash",
                                   "revenue", "12 apples and 13 pears", "Q2"])
def test_parse_value_rejects(typed: str) -> None:
    assert parse_value(typed) is None


def test_parse_value_marks_approximation() -> None:
    parsed = parse_value("~$5M")
    assert parsed is not None and parsed.approx and parsed.value == 5 * M
