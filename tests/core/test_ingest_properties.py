"""Property tests: parsing never raises on arbitrary text, and offsets always round-trip."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.core.errors import InputError
from reviewer.core.ingest import parse_text
from tests.conftest import assert_offsets_valid

# Lines that look like the headers and rules of the real layouts, mixed with free text.
_PIECES = st.sampled_from([
    "Operator", "Operator [1]", "Vik Verma — Chief Executive Officer", "Questions and Answers:",
    "Presentation:", "Corporate Participants:", "Analysts:", "Jane Doe - CFO", "Jane Doe - CFO",
    "=" * 40, "-" * 40, "——————————————————————————–", "Disclaimer", "Most Popular",
    " * Jane Doe", "  Acme Corp - CFO", "John Roe, Acme Corp – Analyst [3]", "使用警語:譯文",
    "營收為 1,750 萬美元。", "عظيم. Revenue grew 12%.", "Executives", "Question-and-Answer Session",
    "", " ", "\t", "Revenue was $129.1 million, up 12%.",
])
_LINES = st.lists(st.one_of(_PIECES, st.text(max_size=80)), max_size=40)
_BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=_LINES, brk=_BREAKS)
def test_parse_never_raises_and_offsets_stay_inside(lines: list[str], brk: str) -> None:
    text = brk.join(lines)
    try:
        parsed = parse_text(text)
    except InputError:
        assert not text.strip()
        return
    # The contract: the text as Path.read_text(encoding="utf-8-sig") reads it (universal
    # newlines), here from an in-memory file so Python's own reader is the oracle.
    text = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8-sig").read()
    assert parsed.text == text
    assert_offsets_valid(parsed)
    # Every turn's span and every paragraph's span is exact surface text of the source.
    for t in parsed.turns:
        for p in t.paragraphs:
            assert text[p.start:p.end].strip() == text[p.start:p.end]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    try:
        parsed = parse_text(text)
    except InputError:
        assert not text.strip()
        return
    assert_offsets_valid(parsed)
