"""Properties of the number grammar on arbitrary text, and a pass over the seed transcripts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.extract.numbers import find_quantities, parse_value
from tests.conftest import SEED_FILES, seed_path

# Fragments that exercise the grammar's edges far more often than random characters would.
FRAGMENTS = [
    "$", "US$", "€", "£", "¥", "(", ")", "-", "−", "–", "~", "%", "٪", "٫", "٬", "،", ",", ".",
    " ", "  ", "\n", "\t", "1", "12", "129.1", "2,200", "12,000", "0.12", "2021", "١٢٣", "٤",
    "９", "million", "billion", "bn", "k", "K", "M", "B", "mm", "thousand", "percent",
    "per cent", "basis points", "bps", "dollars", "dollar", "euros", "per", "share", "month",
    "a", "an", "and", "to", "between", "from", "minus", "negative", "approximately", "over",
    "more than", "one", "twenty", "eight", "hundred", "half", "third", "thirds", "-quarter",
    "point", "five", "customers", "seats", "-plus", "plus", "seat", "year-over-year", "grew",
    "Q", "FY", "fiscal", "May", "version", "star", "th", "x", "×", ":", "/", "'", "[", "]",
    "萬", "億", "万", "亿", "美元", "元", "至", "到", "百分之", "六十", "點", "九", "三百", "多",
    "約", "負", "個", "家", "基點", "年", "第", "مليون", "مليار", "دولار", "أمريكي", "حوالي",
    "سالب", "بين", "و", "إلى", "EPS", "EUR", "USD",
]

texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=30).map(
        " ".join),
)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_find_quantities_never_raises_and_stays_inside(text: str) -> None:
    found = find_quantities(text)
    previous_end = 0
    for f in found:
        assert 0 <= f.start < f.end <= len(text)
        assert f.start >= previous_end
        previous_end = f.end
        assert f.unit
        if f.value is None:
            assert f.low is not None and f.high is not None and f.low <= f.high
        else:
            assert f.low is None and f.high is None
        assert 0.0 < f.confidence <= 1.0


@settings(max_examples=300, deadline=None)
@given(texts)
def test_parse_value_never_raises(text: str) -> None:
    parsed = parse_value(text)
    if parsed is not None:
        assert 0 <= parsed.start < parsed.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_offsets_shift_with_surrounding_text(before: str, after: str) -> None:
    text = before + " $129.1 million " + after
    dollar = len(before) + 1
    covering = [f for f in find_quantities(text) if f.start <= dollar < f.end]
    # whatever surrounds it, the amount is found (perhaps inside a range) at its own place
    assert len(covering) == 1
    assert covering[0].unit == "USD"
    if covering[0].value is not None:
        assert abs(covering[0].value) == 129_100_000


@pytest.mark.seeds
@pytest.mark.parametrize("key", sorted(SEED_FILES))
def test_seed_transcripts(key: str) -> None:
    text = seed_path(key).read_text(encoding="utf-8-sig")
    total = 0
    for line in text.splitlines():
        found = find_quantities(line)
        total += len(found)
        for f in found:
            assert 0 <= f.start < f.end <= len(line)
    assert total > 50


@pytest.mark.seeds
def test_seed_guidance_ranges_are_read() -> None:
    text = seed_path("000").read_text(encoding="utf-8-sig")
    ranges = {
        (f.low, f.high, f.unit)
        for line in text.splitlines()
        for f in find_quantities(line)
        if f.value is None
    }
    assert (519e6, 522e6, "USD") in ranges
    assert (125.5e6, 126.5e6, "USD") in ranges
    assert (11.0, 12.0, "percent") in ranges
