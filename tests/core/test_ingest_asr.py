"""The speech-recognition family (EarningsCall layout): seed 000 and our own demo transcript."""

from __future__ import annotations

import json

import pytest

from reviewer.core.ingest import asr, detect_format, parse_file, parse_text
from reviewer.core.ingest.text import read_source
from tests.conftest import DEMO, DEMO_ROSTER, assert_offsets_valid, seed_path

DEMO_ASR = DEMO / "altamira_q3_fy2024_asr.txt"

# Every label of seed 000 as written (even lines 2..166 of the file), wrong ones included.
SEED_LABELS = [
    "Operator", "Simon", "Vic Burma", "Victoria", "Operator", "Ryan McWilliams", "Vic Burma",
    "Ryan McWilliams", "Vic Burma", "Operator", "Needham", "Victoria", "Operator",
    "Michael Turin", "Vic Burma", "Michael Turin", "Victoria", "Michael Turin", "Operator",
    "Matt VanVleet", "Victoria", "Vic Burma", "Matt VanVleet", "Vic Burma", "Matt VanVleet",
    "Operator", "Medout Marshall", "Victoria", "Vic Burma", "Medout Marshall", "Operator",
    "Matt VanVleet", "Vic Burma", "Victoria", "Vic Burma", "Matt VanVleet", "Vic Burma",
    "Operator", "Mike Lattimore", "Victoria", "Vic Burma", "Mike Lattimore", "Victoria",
    "Ryan McWilliams", "Victoria", "Operator", "James Breen", "Vic Burma", "James Breen",
    "Victoria", "Vic", "Operator", "Steve Seeger", "Vic Burma", "Steve Seeger", "Vic Burma",
    "Steve Seeger", "Victoria", "Operator", "Andrew King", "Vic Burma", "Operator", "Vic",
    "Victoria", "Vic", "Operator", "Jonathan Keys", "Vic Burma", "Jonathan Keys", "Operator",
    "Jonathan Keys", "Operator", "Ryan Kuntz", "Victoria", "Vic Burma", "Ryan Kuntz",
    "Andrew King", "Operator", "George Sutton", "Victoria", "George Sutton", "Victoria",
    "Operator",
]

SEED_PARTICIPANTS = [
    ("Simon", "operator", None),
    ("Victoria Hyde-Dunn", "ir", "Head of Investor Relations"),
    ("Vic Burma", "ceo", "Chief Executive Officer"),
    ("Samuel Wilson", "cfo", "Chief Financial Officer"),
    ("Ryan McWilliams", "analyst", "Stevens Inc."),
    ("Rich Valera", "analyst", "Needham"),
    ("Michael Turin", "analyst", "Wells Fargo Securities"),
    ("Matt VanVleet", "analyst", "VTIG"),
    ("Medout Marshall", "analyst", "Morgan Stanley"),
    ("Peter Levine", "analyst", "Evercore"),
    ("Mike Lattimore", "analyst", "Northland Capital Management"),
    ("James Breen", "analyst", "William Blair"),
    ("City Pentegrati", "analyst", "Mizzou"),
    ("Andrew King", "analyst", "Collier Securities"),
    ("Will Power", "analyst", "Baird"),
    ("Jonathan Keys", "analyst", "Summit Insights Group"),
    ("Ryan Kuntz", "analyst", "Rosenblatt Securities"),
    ("George Sutton", "analyst", "Craig Hallam"),
]

DEMO_LABELS = [
    "Operator", "Priya Raman", "Dana Whitfield", "Priya", "Operator", "Tom Becker",
    "Dana Whitfield", "Tom Becker", "Priya", "Tom Becker", "Operator", "Elena Sokolova", "Priya",
    "Dana Whitfield", "Elena Sokolova", "Operator", "Meridian Partners", "Dana Whitfield",
    "Priya", "Operator", "Jun Park", "Marcus Oyelaran", "Jun Park", "Dana Whitfield", "Operator",
    "Dana Whitfield", "Operator",
]

DEMO_PARTICIPANTS = [
    ("Jenna", "operator", None),
    *DEMO_ROSTER,
]


def _participants(parsed):
    return [(p.name, p.role, p.affiliation) for p in parsed.participants]


def _first_qa(parsed):
    return next(t.index for t in parsed.turns if t.section == "qa")


# --- seed 000 -------------------------------------------------------------------------------

def test_seed_000_is_detected_as_asr():
    path = seed_path("000")
    assert detect_format(read_source(path)) == "earningscall_asr"
    assert asr.detect(read_source(path)) >= 0.9


def test_seed_000_turns_and_labels_as_written():
    parsed = parse_file(seed_path("000"))
    assert parsed.format == "earningscall_asr"
    assert parsed.warnings == []
    assert len(parsed.turns) == 83
    assert [t.label for t in parsed.turns] == SEED_LABELS
    assert_offsets_valid(parsed)
    # One long text line per turn, all English; the body is exactly the line after the label.
    assert all(len(t.paragraphs) == 1 for t in parsed.turns)
    assert {p.lang for t in parsed.turns for p in t.paragraphs} == {"en"}
    assert parsed.text[parsed.turns[1].start:parsed.turns[1].end].startswith(
        "Thank you. Good afternoon and welcome to 8x8's second quarter fiscal 2021")
    assert parsed.text[parsed.turns[-1].start:parsed.turns[-1].end].startswith(
        "Ladies and gentlemen, this concludes the Q&A portion")


def test_seed_000_roster_from_the_text():
    parsed = parse_file(seed_path("000"))
    assert _participants(parsed) == SEED_PARTICIPANTS
    assert all(p.aliases == [] for p in parsed.participants)


def test_seed_000_speakers_and_roles_follow_the_labels():
    parsed = parse_file(seed_path("000"))
    turns = parsed.turns
    assert (turns[0].speaker, turns[0].role) == (None, "operator")
    assert (turns[1].speaker, turns[1].role) == ("Simon", "operator")  # wrong label, kept
    assert (turns[2].speaker, turns[2].role) == ("Vic Burma", "ceo")
    # The CFO's prepared remarks carry the IR head's first name.
    assert (turns[3].label, turns[3].speaker, turns[3].role) == (
        "Victoria", "Victoria Hyde-Dunn", "ir")
    # A firm as a label identifies nobody.
    assert (turns[10].label, turns[10].speaker, turns[10].role) == ("Needham", None, "unknown")
    # Peter Levine's question carries the previous analyst's name.
    assert (turns[31].label, turns[31].speaker, turns[31].role) == (
        "Matt VanVleet", "Matt VanVleet", "analyst")
    assert (turns[50].label, turns[50].speaker, turns[50].role) == ("Vic", "Vic Burma", "ceo")
    assert (turns[52].label, turns[52].speaker, turns[52].role) == (
        "Steve Seeger", None, "unknown")
    assert all(t.role == "operator" for t in turns if t.label == "Operator")
    assert all(t.speaker is None for t in turns if t.label == "Operator")


def test_seed_000_sections_open_qa_at_the_operator_instructions():
    parsed = parse_file(seed_path("000"))
    assert _first_qa(parsed) == 4
    assert [t.section for t in parsed.turns[:4]] == ["prepared"] * 4
    assert all(t.section == "qa" for t in parsed.turns[4:])


def test_seed_000_boilerplate_is_the_disclaimer_and_the_trailing_heading():
    parsed = parse_file(seed_path("000"))
    text = parsed.text
    assert len(parsed.boilerplate) == 2
    (s0, e0), (s1, e1) = parsed.boilerplate
    assert s0 == 0
    assert text[s0:e0].startswith("This conference call transcript was computer generated")
    assert text[s0:e0].endswith("the information provided by the transcript.")
    assert text[s1:e1] == "Disclaimer"
    assert e1 == len(text.rstrip())
    assert all(not (s <= t.start < e) for s, e in parsed.boilerplate for t in parsed.turns)


def test_seed_000_metadata():
    md = parse_file(seed_path("000")).metadata
    assert md.company == "8x8 Inc."
    assert md.event == "Fiscal Second Quarter 2021 Earnings Conference Call"
    assert md.fiscal_period == "FY2021Q2"
    assert md.ticker is None
    assert md.date is None


def test_seed_000_json_contract():
    data = json.loads(json.dumps(parse_file(seed_path("000")).to_json()))
    assert data["format"] == "earningscall_asr"
    assert data["turns"][3]["label"] == "Victoria"
    assert data["turns"][3]["speaker"] == "Victoria Hyde-Dunn"
    assert data["turns"][3]["section"] == "prepared"


# --- our demo transcript --------------------------------------------------------------------

def test_demo_asr_parses_as_asr():
    parsed = parse_file(DEMO_ASR)
    assert parsed.format == "earningscall_asr"
    assert detect_format(parsed.text) == "earningscall_asr"
    assert parsed.warnings == []
    assert len(parsed.turns) == 27
    assert [t.label for t in parsed.turns] == DEMO_LABELS
    assert_offsets_valid(parsed)
    assert {p.lang for t in parsed.turns for p in t.paragraphs} == {"en"}
    assert 8_000 <= DEMO_ASR.stat().st_size <= 15_000


def test_demo_asr_roster_speakers_and_sections():
    parsed = parse_file(DEMO_ASR)
    assert _participants(parsed) == DEMO_PARTICIPANTS
    turns = parsed.turns
    # The CFO labelled with the IR head's first name.
    assert (turns[3].speaker, turns[3].role) == ("Priya Raman", "ir")
    assert parsed.text[turns[3].start:turns[3].end].startswith("Thank you, Dana. Total revenue")
    # A firm as a label; an analyst carrying the previous analyst's name.
    assert (turns[16].speaker, turns[16].role) == (None, "unknown")
    assert (turns[20].speaker, turns[20].role) == ("Jun Park", "analyst")
    assert (turns[21].speaker, turns[21].role) == ("Marcus Oyelaran", "cfo")
    assert _first_qa(parsed) == 4
    assert [t.section for t in turns[:4]] == ["prepared"] * 4


def test_demo_asr_boilerplate_and_metadata():
    parsed = parse_file(DEMO_ASR)
    text = parsed.text
    assert [text[s:e].split()[0] for s, e in parsed.boilerplate] == ["Automatically", "Disclaimer"]
    assert text[slice(*parsed.boilerplate[1])] == "Disclaimer"
    md = parsed.metadata
    assert md.company == "Altamira Networks, Inc."
    assert md.event == "Third Quarter Fiscal 2024 Earnings Conference Call"
    assert md.fiscal_period == "FY2024Q3"
    assert (md.ticker, md.date) == (None, None)


# --- layout handling ------------------------------------------------------------------------

def _alternating(n: int = 6) -> str:
    body = ("We grew revenue by a good margin this quarter, and we expect more of the same "
            "next year as the new products ramp.")
    rows = []
    for i in range(n):
        rows += ["Operator" if i % 3 == 0 else ("Jane Roe" if i % 3 == 1 else "John Doe"), body]
    return "\n".join(rows) + "\n"


def test_alternation_without_disclaimer_is_detected():
    text = _alternating()
    assert asr.detect(text) == pytest.approx(0.75)
    parsed = asr.parse(text)
    assert [t.label for t in parsed.turns] == ["Operator", "Jane Roe", "John Doe"] * 2
    assert parsed.boilerplate == []
    assert_offsets_valid(parsed)


def test_stray_text_line_stays_with_the_previous_turn():
    text = ("Jane Roe\nFirst part of a long answer about revenue growth.\n"
            "Second part, which the recogniser split off onto a line of its own, continues.\n"
            "John Doe\nThanks.\n")
    parsed = asr.parse(text)
    assert [t.label for t in parsed.turns] == ["Jane Roe", "John Doe"]
    assert len(parsed.turns[0].paragraphs) == 2
    assert parsed.warnings and "kept with the turn before" in parsed.warnings[0]
    assert_offsets_valid(parsed)


def test_trailing_label_without_text_is_not_a_turn():
    parsed = asr.parse("Jane Roe\nHello there, everyone.\nOperator\n")
    assert [t.label for t in parsed.turns] == ["Jane Roe"]
    assert parsed.text[slice(*parsed.boilerplate[0])] == "Operator"
    assert parsed.warnings


@pytest.mark.parametrize("text", [
    " ", "Operator", "Disclaimer\n", "a\nb\nc\n", "\r\n\r\nJane Roe\r\nHi.\r\n",
    "— — —", "Joining me today are , and .", "welcome to the ", "9" * 500,
    "question comes from the line of Jane Roe with Acme Co.",
])
def test_odd_input_never_raises(text):
    asr.detect(text)
    parsed = asr.parse(text)
    assert_offsets_valid(parsed)


def test_other_families_are_not_claimed():
    for key in ("001", "002", "003", "004"):
        assert asr.detect(read_source(seed_path(key))) < 0.5


def test_plain_fallback_is_not_needed_for_the_demo():
    parsed = parse_text(read_source(DEMO_ASR))
    assert not any("failed" in w for w in parsed.warnings)
