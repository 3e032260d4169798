"""Translation checks: each number of an original paragraph against its translation.

Seeds 003 and 004 print every English paragraph followed by its Traditional-Chinese machine
translation. Reading every pair whose numbers differ as written (digits, 萬/億 scales) shows
no real inconsistency in either file: the differences are years ("fiscal 2025" / "2025 財年"),
quarters ("Q1" / "第一季"), months ("September 30" / "9 月 30 日") and fractions
("one-third" / "三分之一", "half" / "一半"). Our bilingual demo file has one planted error.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.extract.translation import TranslationCheck, check_translations
from reviewer.core.ingest import parse_file
from reviewer.core.model import Paragraph, ParsedTranscript, Turn
from tests.conftest import DEMO, seed_path


def _surface(parsed: ParsedTranscript, check: TranslationCheck) -> tuple[str, str | None]:
    s, e = check.source
    src = parsed.text[s:e]
    if check.translation is None:
        return src, None
    s, e = check.translation
    return src, parsed.text[s:e]


def _pair(en: str, zh: str) -> ParsedTranscript:
    """One turn: an English paragraph and its Chinese translation on the next line."""
    text = f"{en}\n{zh}"
    paras = [Paragraph(0, len(en), "en"), Paragraph(len(en) + 1, len(text), "zh", 0)]
    turn = Turn(0, "Jane Roe", None, "cfo", "prepared", 0, len(text), paras)
    return ParsedTranscript(format="bilingual_zh", text=text, turns=[turn])


# Counts of products, signatures, platforms, vendors… joined the grammar in issue 10 ("We
# sell 2 products … 3 products, 4 more products" = "銷售 2 種產品 … 3 種產品 … 另外 4 種產品",
# "15 vendors" = "15家供應商").
@pytest.mark.parametrize(("key", "count"), [("003", 113), ("004", 74)])
def test_bilingual_seeds_are_consistent(key, count) -> None:
    parsed = parse_file(seed_path(key))
    checks = check_translations(parsed)
    assert len(checks) == count
    assert [c for c in checks if not c.consistent] == []
    for c in checks:
        assert c.translation is not None
        # Both spans are numbers of the same turn, the source before its translation.
        assert c.source[1] <= c.translation[0]


def test_design_examples_are_found_in_seed_003() -> None:
    parsed = parse_file(seed_path("003"))
    pairs = [(_surface(parsed, c), c) for c in check_translations(parsed)]
    million_17_5 = [c for (src, tgt), c in pairs if (src, tgt) == ("$17.5 million", "1,750 萬美元")]
    million_250 = [c for (src, tgt), c in pairs if (src, tgt) == ("$250 million", "2.5 億美元")]
    assert len(million_17_5) == 2 and len(million_250) == 4
    assert all(c.consistent for c in million_17_5 + million_250)
    assert million_17_5[0].source_value == million_17_5[0].translation_value == 17_500_000
    assert million_250[0].translation_value == 250_000_000
    surfaces = {src_tgt for src_tgt, _ in pairs}
    # Ranges with the scale written once or twice, negatives, basis points, counts.
    assert ("$701 million to $711 million", "7.01 億美元至 7.11 億美元") in surfaces
    assert ("negative 3.5%", "負 3.5%") in surfaces
    assert ("140 basis points", "140個基點") in surfaces
    assert ("125 million shares", "1.25 億股") in surfaces
    # A paragraph left untranslated (English copied under the English) is still compared.
    assert ("$63 million", "$63 million") in surfaces


def test_reordered_numbers_and_fractions_in_seed_004() -> None:
    parsed = parse_file(seed_path("004"))
    checks = check_translations(parsed)
    pairs = {_surface(parsed, c): c for c in checks}
    # The translation moves "40%" after "$548 million"; each still meets its own.
    assert pairs[("40%", "40%")].consistent
    assert pairs[("$548 million", "5.48億美元")].consistent
    assert pairs[("one-third", "三分之一")].translation_value == 33.33
    assert pairs[("$3 million", "300 多萬美元")].consistent
    halves = [c for c in checks if _surface(parsed, c) == ("half", "一半")]
    assert len(halves) == 2 and all(c.consistent for c in halves)


@pytest.mark.parametrize("key", ["000", "001", "002"])
def test_files_without_translations_have_no_checks(key) -> None:
    # 002 mixes Arabic and English, but its Arabic paragraphs have no English original here.
    assert check_translations(parse_file(seed_path(key))) == []


def test_demo_bilingual_file_has_one_dropped_digit() -> None:
    parsed = parse_file(DEMO / "altamira_q4_fy2024_bilingual.txt")
    checks = check_translations(parsed)
    bad = [c for c in checks if not c.consistent]
    assert len(checks) == 39
    assert [_surface(parsed, c) for c in bad] == [("$12.5 million", "125 萬美元")]
    assert (bad[0].source_value, bad[0].translation_value) == (12_500_000, 1_250_000)
    surfaces = {_surface(parsed, c) for c in checks}
    # "94 家年度…": a numeral the grammar does not take as a quantity is still found.
    assert ("94 customers", "94") in surfaces
    assert ("a third", "三分之一") in surfaces


@pytest.mark.parametrize(("en", "zh", "expected"), [
    ("Revenue was $17.5 million.", "營收為 1,750 萬美元。", [("1,750 萬美元", True)]),
    ("We returned $250 million.", "我們返還了 2.5 億美元。", [("2.5 億美元", True)]),
    ("Gross margin was 60.9%.", "毛利率為百分之六十點九。", [("百分之六十點九", True)]),
    # A dropped scale word, a misplaced digit: paired with the wrong number, inconsistent.
    ("We returned $250 million.", "我們返還了 250 美元。", [("250 美元", False)]),
    ("Revenue was $17.5 million.", "營收為 1,570 萬美元。", [("1,570 萬美元", False)]),
    # A number the translation lost.
    ("Revenue was $17.5 million, up 12%.", "營收為 1,750 萬美元。",
     [("1,750 萬美元", True), (None, False)]),
    # Reordered: each number meets its own.
    ("Up 12% to $17.5 million.", "達到 1,750 萬美元,增長 12%。",
     [("12%", True), ("1,750 萬美元", True)]),
    ("Revenue of $132 to $133 million.", "營收為 1.32 億至 1.33 億美元。",
     [("1.32 億至 1.33 億美元", True)]),
    ("No numbers here.", "這裡沒有數字 12%。", []),
])
def test_pairs(en, zh, expected) -> None:
    parsed = _pair(en, zh)
    checks = check_translations(parsed)
    assert [(_surface(parsed, c)[1], c.consistent) for c in checks] == expected


def test_values_and_json_shape() -> None:
    parsed = _pair("Revenue was $17.5 million, up 12%, in a range of $132 to $133 million.",
                   "營收為 1,750 萬美元,範圍為 1.32 億至 1.33 億美元。")
    checks = check_translations(parsed)
    assert [(c.source_value, c.translation_value) for c in checks] == [
        (17_500_000, 17_500_000), (12.0, None), (None, None)]  # a range has no single value
    lost = checks[1].to_json()
    assert lost == {"source": list(checks[1].source), "translation": None,
                    "source_value": 12.0, "translation_value": None, "consistent": False}
    assert checks[0].to_json()["translation"] == list(checks[0].translation)


_EN = st.sampled_from(["Revenue was $17.5 million, up 12%.", "We returned $250 million.",
                       "Margin was 60.9%, about a third of it", "Q2 2024", "", "1,250 seats",
                       "$132 to $133 million"])
_ZH = st.sampled_from(["營收為 1,750 萬美元,增長 12%。", "2.5 億美元", "三分之一", "百分之六十點九",
                       "一半", "94 家", "", "2024 年 9 月",
                       "1.32 億至 1.34 億美元"])


@settings(max_examples=200, deadline=None)
@given(en=st.one_of(_EN, st.text(max_size=40)), zh=st.one_of(_ZH, st.text(max_size=40)))
def test_checks_never_fail_and_spans_stay_in_their_paragraph(en: str, zh: str) -> None:
    parsed = _pair(en, zh)
    for c in check_translations(parsed):
        assert 0 <= c.source[0] < c.source[1] <= len(en)
        if c.translation is not None:
            assert len(en) + 1 <= c.translation[0] < c.translation[1] <= len(parsed.text)
        if c.source_value is not None:  # a range's bounds are compared, not shown here
            assert c.consistent == (c.translation is not None and (
                c.source_value == c.translation_value))
