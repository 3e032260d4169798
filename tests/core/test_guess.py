"""The fields of a hand-added mention, guessed by the extractor's own rules for that span."""

from __future__ import annotations

from reviewer.core.ingest import parse_file
from reviewer.core.review import guess_fields
from tests.conftest import DEMO
from tests.core.test_review_fixtures import DEMO_FILE


def span(text: str, surface: str, after: str = "") -> tuple[int, int]:
    start = text.index(surface, text.index(after) if after else 0)
    return start, start + len(surface)


def test_a_margin_in_an_actual_sentence() -> None:
    parsed = parse_file(DEMO_FILE)  # the Q3 FY2024 call
    # "Non-GAAP gross margin was 72.6%, up 110 basis points from a year ago"
    assert guess_fields(parsed, *span(parsed.text, "72.6%")) == {
        "metric": "gross_margin", "period": "FY2024Q3", "kind": "actual", "basis": "non_gaap"}


def test_a_guided_range_for_the_next_quarter() -> None:
    parsed = parse_file(DEMO_FILE)
    # "For the fourth quarter, we expect total revenue in the range of $218 million to ..."
    got = guess_fields(parsed, *span(parsed.text, "$218 million to $222 million"))
    assert (got["metric"], got["kind"], got["period"]) == ("total_revenue", "guidance",
                                                           "FY2024Q4")


def test_a_selection_inside_a_number_reads_the_whole_sentence() -> None:
    parsed = parse_file(DEMO_FILE)
    # Only "$0.31" of "Non-GAAP net income per share was $0.31, compared with $0.19 ..."
    got = guess_fields(parsed, *span(parsed.text, "$0.31"))
    assert got["metric"] == "eps" and got["basis"] == "non_gaap"


def test_nothing_to_guess_gives_nothing_and_never_raises() -> None:
    parsed = parse_file(DEMO_FILE)
    text = parsed.text
    assert guess_fields(parsed, *span(text, "Total revenue")) == {}  # words, not a number
    assert guess_fields(parsed, 0, 1) in ({}, {"period": "FY2024Q3"})  # the header area


def test_a_bilingual_original_paragraph() -> None:
    parsed = parse_file(DEMO / "altamira_q4_fy2024_bilingual.txt")
    # "Total revenue for the fourth quarter was $210 million, up 12% year-over-year"
    got = guess_fields(parsed, *span(parsed.text, "$210 million"))
    assert got["metric"] == "total_revenue" and got["period"] == "FY2024Q4"
