"""The AlphaStreet family: seed 001 and our own demo page."""

from __future__ import annotations

import pytest

from reviewer.core.ingest import alphastreet, detect_format, parse_file
from reviewer.core.ingest.text import read_source
from tests.conftest import DEMO, DEMO_ROSTER, assert_offsets_valid, seed_path

DEMO_PAGE = DEMO / "altamira_q4_fy2023_alphastreet.txt"

# Every header of seed 001 (lines 19..220), name part as written.
SEED_LABELS = [
    "Operator", "Victoria Hyde-Dunn", "Vik Verma", "Steven Gatoff", "Operator",
    "Matthew VanVliet", "Vik Verma", "Matthew VanVliet", "Steven Gatoff", "Vik Verma",
    "Matthew VanVliet", "Steven Gatoff", "Operator", "Ryan MacWilliams", "Steven Gatoff",
    "Ryan MacWilliams", "Steven Gatoff", "Vik Verma", "Ryan MacWilliams", "Operator",
    "Michael Turrin", "Vik Verma", "Steven Gatoff", "Michael Turrin", "Steven Gatoff",
    "Vik Verma", "Michael Turrin", "Vik Verma", "Steven Gatoff", "Operator", "Timothy Horan",
    "Vik Verma", "Timothy Horan", "Operator", "William Power", "Steven Gatoff", "William Power",
    "Steven Gatoff", "Vik Verma", "William Power", "Vik Verma", "William Power", "Steven Gatoff",
    "William Power", "Steven Gatoff", "Operator", "Richard Valera", "Vik Verma",
    "Richard Valera", "Vik Verma", "Richard Valera", "Steven Gatoff", "Richard Valera",
    "Steven Gatoff", "Richard Valera", "Steven Gatoff", "Operator", "Catharine Trebnick",
    "Vik Verma", "Catharine Trebnick", "Vik Verma", "Operator", "James Breen", "Steven Gatoff",
    "James Breen", "Vik Verma", "James Breen", "Operator",
]

SEED_PARTICIPANTS = [
    ("Victoria Hyde-Dunn", "ir", "Head of Investor Relations"),
    ("Vik Verma", "ceo", "Chief Executive Officer"),
    ("Steven Gatoff", "cfo", "Chief Financial Officer"),
    ("Matthew VanVliet", "analyst", "BTIG LLC"),
    ("Ryan MacWilliams", "analyst", "Stephens Inc."),
    ("Michael Turrin", "analyst", "Wells Fargo Securities"),
    ("Timothy Horan", "analyst", "Oppenheimer & Co. Inc."),
    ("William Power", "analyst", "Robert W. Baird & Co. Incorporated"),
    ("Richard Valera", "analyst", "Needham & Company"),
    ("Catharine Trebnick", "analyst", "Dougherty & Company"),
    ("James Breen", "analyst", "William Blair & Company"),
]

DEMO_LABELS = [
    "Operator", "Priya Raman", "Dana Whitfield", "Marcus Oyelaran", "Operator", "Tom Becker",
    "Dana Whitfield", "Tom Becker", "Marcus Oyelaran", "Tom Becker", "Operator",
    "Elena Sokolova", "Marcus Oyelaran", "Elena Sokolova", "Operator", "Jun Park",
    "Dana Whitfield", "Jun Park", "Marcus Oyelaran", "Jun Park", "Operator", "Sofia Alvarez",
    "Marcus Oyelaran", "Dana Whitfield", "Sofia Alvarez", "Operator",
]


_ROLE = {"Operator": "operator", "Victoria Hyde-Dunn": "ir", "Vik Verma": "ceo",
         "Steven Gatoff": "cfo", "Priya Raman": "ir", "Dana Whitfield": "ceo",
         "Marcus Oyelaran": "cfo"}


def _participants(parsed):
    return [(p.name, p.role, p.affiliation) for p in parsed.participants]


def _first_qa(parsed):
    return next(t.index for t in parsed.turns if t.section == "qa")


def _body(parsed, turn):
    return parsed.text[turn.start:turn.end]


# --- seed 001 -------------------------------------------------------------------------------

def test_seed_001_is_detected_as_alphastreet():
    text = read_source(seed_path("001"))
    assert detect_format(text) == "alphastreet"
    assert alphastreet.detect(text) >= 0.9


def test_seed_001_turns_labels_roles_speakers():
    parsed = parse_file(seed_path("001"))
    assert parsed.format == "alphastreet"
    assert parsed.warnings == []
    assert len(parsed.turns) == 68
    assert [t.label for t in parsed.turns] == SEED_LABELS
    for t in parsed.turns:
        assert t.role == _ROLE.get(t.label, "analyst")
        assert t.speaker == (None if t.label == "Operator" else t.label)
    assert {p.lang for t in parsed.turns for p in t.paragraphs} == {"en"}
    assert_offsets_valid(parsed)


def test_seed_001_multi_paragraph_turns():
    parsed = parse_file(seed_path("001"))
    turns = parsed.turns
    assert [len(t.paragraphs) for t in turns[:4]] == [2, 4, 32, 22]
    assert _body(parsed, turns[2]).startswith("Thank you, Victoria. Good afternoon, everyone")
    assert _body(parsed, turns[3]).endswith("open the call to any questions. Operator?")
    # The operator's two lines between Tim Horan's exchange and Will Power's question.
    assert len(turns[33].paragraphs) == 2
    # Body text with " — " is not a header: it stays inside Steven Gatoff's answer.
    assert _body(parsed, turns[51]) == "It will be less — will be improved. Less cash will be used."
    assert turns[51].label == "Steven Gatoff"
    assert _body(parsed, turns[-1]) == "[Operator Closing Remarks]"


def test_seed_001_roster_from_the_participant_list():
    parsed = parse_file(seed_path("001"))
    assert _participants(parsed) == SEED_PARTICIPANTS


def test_seed_001_sections_from_the_markers():
    parsed = parse_file(seed_path("001"))
    assert _first_qa(parsed) == 4
    assert [t.section for t in parsed.turns[:4]] == ["prepared"] * 4
    assert all(t.section == "qa" for t in parsed.turns[4:])


def test_seed_001_boilerplate_covers_the_page_furniture():
    parsed = parse_file(seed_path("001"))
    text = parsed.text
    assert len(parsed.boilerplate) == 2
    (s0, e0), (s1, e1) = parsed.boilerplate
    assert text[s0:e0] == "Categories Earnings Call Transcripts, Technology"
    tail = text[s1:e1]
    assert tail.startswith("Disclaimer\nThis transcript is produced by AlphaStreet, Inc.")
    assert "© COPYRIGHT 2021, AlphaStreet, Inc." in tail
    assert "Most Popular" in tail and "Lowe’s Companies" in tail
    assert e1 == len(text.rstrip())
    assert parsed.turns[-1].end < s1
    assert not any("Deere" in _body(parsed, t) for t in parsed.turns)


def test_seed_001_metadata():
    md = parse_file(seed_path("001")).metadata
    assert md.company == "8X8 Inc"
    assert md.ticker == "EGHT"
    assert md.event == "Q4 2020 Earnings Call"
    assert md.fiscal_period == "FY2020Q4"
    assert md.date == "2020-05-12"


# --- our demo page --------------------------------------------------------------------------

def test_demo_page_parses_as_alphastreet():
    parsed = parse_file(DEMO_PAGE)
    assert parsed.format == "alphastreet"
    assert detect_format(parsed.text) == "alphastreet"
    assert parsed.warnings == []
    assert len(parsed.turns) == 26
    assert [t.label for t in parsed.turns] == DEMO_LABELS
    assert [len(t.paragraphs) for t in parsed.turns[:4]] == [2, 3, 7, 5]
    assert _participants(parsed) == DEMO_ROSTER
    for t in parsed.turns:
        assert t.role == _ROLE.get(t.label, "analyst")
    assert _first_qa(parsed) == 4
    assert {p.lang for t in parsed.turns for p in t.paragraphs} == {"en"}
    assert_offsets_valid(parsed)
    assert 8_000 <= DEMO_PAGE.stat().st_size <= 15_000


def test_demo_page_dash_sentence_is_body_text():
    parsed = parse_file(DEMO_PAGE)
    turn = parsed.turns[12]
    assert turn.label == "Marcus Oyelaran"
    assert _body(parsed, turn).endswith("Sorry — that renewal is about 1% of revenue, not more.")
    assert len(turn.paragraphs) == 2


def test_demo_page_boilerplate_and_metadata():
    parsed = parse_file(DEMO_PAGE)
    text = parsed.text
    (s0, e0), (s1, e1) = parsed.boilerplate
    assert text[s0:e0] == "Categories Earnings Call Transcripts, Technology"
    assert text[s1:e1].startswith("Disclaimer\nThis transcript is sample content")
    assert text[s1:e1].endswith("lifted its quarterly dividend by 8%.")
    assert "Most Popular" in text[s1:e1]
    md = parsed.metadata
    assert (md.company, md.ticker, md.event) == (
        "Altamira Networks Inc", "ALTN", "Q4 2023 Earnings Call")
    assert (md.fiscal_period, md.date) == ("FY2023Q4", "2024-02-21")


# --- layout handling ------------------------------------------------------------------------

_SMALL = """Corporate Participants:
Jane Roe — Chief Executive Officer
Analysts:
Sam Poe — Acme Capital — Analyst
Presentation:
Operator
Welcome to the call.
Jane Roe — Chief Executive Officer
Revenue grew 10% — a record.
Questions and Answers:
Sam Poe — Acme Capital — Analyst
What about margins?
Max Moe — Chief Technology Officer
Margins rose.
Disclaimer
Some legal text.
"""


def test_unlisted_speaker_with_a_title_joins_the_roster():
    parsed = alphastreet.parse(_SMALL)
    assert [t.label for t in parsed.turns] == ["Operator", "Jane Roe", "Sam Poe", "Max Moe"]
    assert [t.section for t in parsed.turns] == ["prepared", "prepared", "qa", "qa"]
    assert _participants(parsed)[-1] == ("Max Moe", "executive", "Chief Technology Officer")
    assert parsed.turns[3].role == "executive"
    assert _body(parsed, parsed.turns[1]) == "Revenue grew 10% — a record."
    assert_offsets_valid(parsed)


@pytest.mark.parametrize("text", [
    " ", "Operator", "Disclaimer", "Presentation:\n", "Corporate Participants:\nAnalysts:\n",
    "x — y — Analyst", "A — B — C — D — Analyst\nhello", "Most Popular\nnews",
    "Presentation:\nOperator\nQuestions and Answers:\n", "\ufeff(NYSE: X) Transcript",
])
def test_odd_input_never_raises(text):
    alphastreet.detect(text)
    parsed = alphastreet.parse(text)
    assert_offsets_valid(parsed)


def test_other_families_are_not_claimed():
    for key in ("000", "002", "003", "004"):
        assert alphastreet.detect(read_source(seed_path(key))) < 0.5
