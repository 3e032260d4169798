"""The Thomson StreetEvents family: the Arabic-translated seed 002, an English fixture, the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.core.ingest import parse_file, streetevents
from reviewer.core.ingest.streetevents_layout import split_affiliation, split_header
from tests.conftest import DEMO, FIXTURES, assert_offsets_valid, seed_path

ENGLISH = FIXTURES / "streetevents_english.txt"
DEMO_FILE = DEMO / "altamira_q1_fy2024_streetevents.txt"


def _line_no(text: str, offset: int) -> int:
    """1-based source line number of an offset (the seed was read line by line with awk)."""
    return text.count("\n", 0, offset) + 1


# --- seed 002: StreetEvents machine-translated partly into Arabic ----------------------------

@pytest.fixture(scope="module")
def seed002():
    return parse_file(seed_path("002"))


def test_seed_is_detected_and_offsets_valid(seed002) -> None:
    assert seed002.format == "streetevents"
    assert streetevents.detect(seed002.text) == 1.0
    assert_offsets_valid(seed002)


def test_seed_turns_sections_and_labels(seed002) -> None:
    turns = seed002.turns
    assert len(turns) == 52  # headerless opening + [2]..[4] prepared, [1]..[48] in Q&A
    first_qa = next(t.index for t in turns if t.section == "qa")
    assert first_qa == 4
    assert all(t.section == "prepared" for t in turns[:4])
    assert all(t.section == "qa" for t in turns[4:])
    # The operator's welcome (source line 67) has no header: no label, operator role.
    opening = turns[0]
    assert (opening.label, opening.speaker, opening.role) == (None, None, "operator")
    assert _line_no(seed002.text, opening.start) == 67
    # Labels are the names as written, in either script; speakers are canonical names.
    assert [(t.label, t.speaker, t.role) for t in turns[1:4]] == [
        ("فيكتوريا هايد دان", "فيكتوريا هايد دان", "ir"),
        ("فيكرام فيرما", "Vikram Verma", "ceo"),
        ("Steven H. Gatoff", "Steven H. Gatoff", "cfo"),
    ]
    assert (turns[4].label, turns[4].speaker, turns[4].role) == ("Operator", None, "operator")
    assert (turns[5].label, turns[5].speaker, turns[5].role) == (
        "Matthew David VanVliet", "Matthew David VanVliet", "analyst")
    assert turns[6].label == turns[6].speaker == "Vikram Verma"
    assert turns[-1].label == "Operator"
    assert seed002.text[turns[-1].start:turns[-1].end].startswith("Ladies and gentlemen")
    assert sum(t.label == "Operator" for t in turns) == 9
    assert {t.role for t in turns} == {"operator", "ir", "ceo", "cfo", "analyst"}


def test_seed_turn_bodies_exclude_headers_and_rules(seed002) -> None:
    text = seed002.text
    assert [len(t.paragraphs) for t in seed002.turns[:4]] == [1, 3, 20, 12]
    for t in seed002.turns:
        body = text[t.start:t.end]
        assert "[" not in body.splitlines()[-1][-5:]  # no header line swallowed at the end
        for p in t.paragraphs:
            assert "————" not in text[p.start:p.end] and "=====" not in text[p.start:p.end]
    assert "Questions and Answers" not in "".join(
        text[t.start:t.end] for t in seed002.turns)


def test_seed_paragraph_languages(seed002) -> None:
    text, turns = seed002.text, seed002.turns
    assert turns[0].paragraphs[0].lang == "ar"
    assert [p.lang for p in turns[2].paragraphs] == ["ar"] * 20
    # Steven's prepared remarks switch to the untranslated English at source line 141.
    steven = turns[3].paragraphs
    assert [p.lang for p in steven] == ["ar"] * 8 + ["en"] * 4
    assert _line_no(text, steven[8].start) == 141
    # "عظيم. And then…": an Arabic word, then English -> English dominates.
    q = turns[7].paragraphs[0]
    assert text[q.start:q.end].startswith("عظيم. And then")
    assert q.lang == "en"
    assert turns[29].paragraphs[0].lang == "en"  # "26%? حسنا. Got you. …"
    assert all(p.translation_of is None for t in turns for p in t.paragraphs)


def test_seed_boilerplate(seed002) -> None:
    text = seed002.text
    (s1, e1), (s2, e2) = seed002.boilerplate
    assert s1 == 0 and text[s1:e1].startswith("ذات صلة")
    assert text[s1:e1].endswith("recrutement.far.ma...")  # source line 43, the last web link
    assert _line_no(text, e1) == 43
    assert text[s2:e2] == "المصدر : finance.yahoo.com"
    assert e2 == len(text.rstrip())
    assert all(t.end <= s2 and t.start >= e1 for t in seed002.turns)


def test_seed_participants(seed002) -> None:
    got = [(p.name, p.role, p.affiliation, p.aliases) for p in seed002.participants]
    assert got == [
        ("Steven H. Gatoff", "cfo", "CFO & Principal Accounting Officer", ["ستيفن هـ. جاتوف"]),
        ("فيكتوريا هايد دان", "ir", "IR", []),
        ("Vikram Verma", "ceo", "CEO & Director", ["فيكرام فيرما"]),
        ("Matthew David VanVliet", "analyst", "BTIG, LLC", []),
        ("Ryan Patrick MacWilliams", "analyst", "Stephens Inc.", []),
        ("Michael James Turrin", "analyst", "Wells Fargo Securities, LLC", []),
        ("Timothy Kelly Horan", "analyst", "Oppenheimer & Co. Inc.", []),
        ("William Verity Power", "analyst", "Robert W. Baird & Co. Incorporated", []),
        ("Richard Frank Valera", "analyst", "Needham & Company, LLC", []),
        ("Catharine Anne Trebnick", "analyst", "Dougherty & Company LLC", []),
        ("James Dennis Breen", "analyst", "William Blair & Company L.L.C.", []),
    ]


def test_seed_metadata_and_warnings(seed002) -> None:
    md = seed002.metadata
    assert (md.company, md.ticker, md.date, md.fiscal_period) == (
        "8×8, Inc.", "EGHT", "2020-05-12", "FY2020Q4")
    assert md.event.startswith("نسخة معدلة") and "EGHT 12-May-20" in md.event
    assert seed002.warnings == [
        "the call's opening has no speaker header; taken as the operator's turn [1]",
        "the participants list has 6 entries without a name; they were skipped",
        "names written in two scripts taken as one participant (same company and role): "
        "ستيفن هـ. جاتوف = Steven H. Gatoff; فيكرام فيرما = Vikram Verma",
    ]


@pytest.mark.parametrize("key", ["000", "001", "003", "004"])
def test_other_seeds_are_not_claimed(key: str) -> None:
    path = seed_path(key)
    assert streetevents.detect(path.read_text(encoding="utf-8-sig")) < 0.5
    assert parse_file(path).format != "streetevents"


# --- the English StreetEvents layout (our own fixture) ---------------------------------------

@pytest.fixture(scope="module")
def english():
    return parse_file(ENGLISH)


def test_english_fixture(english) -> None:
    assert english.format == "streetevents"
    assert_offsets_valid(english)
    md = english.metadata
    assert (md.company, md.ticker, md.event, md.fiscal_period, md.date) == (
        "Halvorsen Logistics Software Inc.", "HLVS",
        "Q4 2023 Halvorsen Logistics Software Inc Earnings Call", "FY2023Q4", "2024-02-06")
    assert [(p.name, p.role, p.affiliation) for p in english.participants] == [
        ("Ingrid Halvorsen", "ceo", "Co-Founder, President & CEO"),
        ("Peter Lindqvist", "cfo", "CFO & Treasurer"),
        ("Rachel Osei", "ir", "VP of IR"),
        ("Daniel Fitzgerald", "analyst", "Northbridge Securities LLC"),
        ("Mei Lin Tan", "analyst", "Cobalt Street Partners LLC"),
        ("Omar Haddad", "analyst", "Granite Peak Capital Management, LP"),  # listed as analyst
    ]
    assert [(t.label, t.role, t.section) for t in english.turns] == [
        ("Operator", "operator", "prepared"),
        ("Rachel Osei", "ir", "prepared"),
        ("Ingrid Halvorsen", "ceo", "prepared"),
        ("Peter Lindqvist", "cfo", "prepared"),
        ("Operator", "operator", "qa"),
        ("Daniel Fitzgerald", "analyst", "qa"),
        ("Ingrid Halvorsen", "ceo", "qa"),
        ("Operator", "operator", "qa"),
        ("Mei Lin Tan", "analyst", "qa"),
        ("Peter Lindqvist", "cfo", "qa"),
        ("Unidentified Analyst", "analyst", "qa"),
        ("Ingrid Halvorsen", "ceo", "qa"),
        ("Operator", "operator", "qa"),
    ]
    assert english.turns[10].speaker is None
    assert [len(t.paragraphs) for t in english.turns[:4]] == [1, 2, 3, 3]
    assert all(p.lang == "en" for t in english.turns for p in t.paragraphs)
    assert english.warnings == []


def test_english_boilerplate_is_the_closing_block(english) -> None:
    text = english.text
    [(s, e)] = english.boilerplate
    assert text[s:e].lstrip("-\n").startswith("Definitions")
    assert "Disclaimer" in text[s:e] and "Copyright" in text[s:e]
    assert e == len(text.rstrip())
    assert english.turns[-1].end < s
    # Title, participants list and section headings belong to no turn.
    covered = "".join(text[t.start:t.end] for t in english.turns)
    for outside in ("Edited Transcript", "Corporate Participants", " * Omar Haddad",
                    "Questions and Answers", "[2]"):
        assert outside not in covered


# --- the shipped demo transcript --------------------------------------------------------------

def test_demo_transcript() -> None:
    assert 8_000 <= DEMO_FILE.stat().st_size <= 15_000
    demo = parse_file(DEMO_FILE)
    assert demo.format == "streetevents"
    assert_offsets_valid(demo)
    md = demo.metadata
    assert (md.company, md.ticker, md.fiscal_period, md.date) == (
        "Altamira Networks, Inc.", "ALTN", "FY2024Q1", "2024-05-08")
    roles = {p.name: (p.role, p.affiliation) for p in demo.participants}
    assert roles == {
        "Dana Whitfield": ("ceo", "CEO & Director"),
        "Marcus Oyelaran": ("cfo", "CFO"),
        "Priya Raman": ("ir", "Head of Investor Relations"),
        "Elena Sokolova": ("analyst", "Brightwater Capital"),
        "Jun Park": ("analyst", "Meridian Partners"),
        "Sofia Alvarez": ("analyst", "Kestrel & Co."),
        "Tom Becker": ("analyst", "Harlow Securities"),
    }
    assert len(demo.turns) == 22
    assert next(t.index for t in demo.turns if t.section == "qa") == 4
    assert all(t.speaker is not None for t in demo.turns if t.label != "Operator")
    assert "$198.7 million" in demo.text[demo.turns[2].start:demo.turns[2].end]
    assert "$0.11" in demo.text[demo.turns[3].start:demo.turns[3].end]
    assert demo.warnings == []
    [(s, _)] = demo.boilerplate
    assert demo.turns[-1].end < s


def test_other_demo_files_are_not_claimed() -> None:
    for path in sorted(Path(DEMO).glob("*.txt")):
        if path != DEMO_FILE:
            assert streetevents.detect(path.read_text(encoding="utf-8-sig")) < 0.5, path.name


# --- layout helpers and odd input --------------------------------------------------------------

def test_split_header_and_affiliation() -> None:
    assert split_header("Steven H. Gatoff، 8×8، Inc. – المدير المالي") == (
        "Steven H. Gatoff", "8×8، Inc.", "المدير المالي")
    assert split_header("Victoria Hyde-Dunn,  8x8, Inc. - IR") == (
        "Victoria Hyde-Dunn", "8x8, Inc.", "IR")
    assert split_header("Operator") == ("Operator", None, None)
    assert split_affiliation("Dougherty & Company LLC ، قسم الأبحاث – محلل") == (
        "Dougherty & Company LLC ، قسم الأبحاث", "محلل")


def test_headerless_text_without_operator_cues_is_unlabelled() -> None:
    text = ("Edited Transcript of ABC earnings conference call or presentation "
            "1-Feb-24 9:00pm GMT\n\nSome text that nobody introduced.\n\n"
            "Jane Roe, Abc Corp - CFO [3]\n\nRevenue was $10 million.\n")
    parsed = streetevents.parse(text)
    assert_offsets_valid(parsed)
    assert [(t.label, t.role) for t in parsed.turns] == [(None, "unknown"), ("Jane Roe", "cfo")]
    assert parsed.warnings[0] == "the call's opening has no speaker header; imported as an " \
        "unlabelled turn"
    assert any("[1] expected, [3] found" in w for w in parsed.warnings)


_PIECES = st.sampled_from([
    "Operator [1]", "Jane Roe, Acme – CFO [2]", "* Jane Roe", "Acme Inc. - CFO", "=" * 20,
    "-" * 20, "——————————", "Questions and Answers", "Presentation", "Definitions",
    "Corporate Participants", "المصدر : finance.yahoo.com", "عظيم. And then", "",
    "Edited Transcript of X earnings conference call 1-May-20 9:00pm GMT",
])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.one_of(_PIECES, st.text(max_size=40)), max_size=30),
       brk=st.sampled_from(["\n", "\r\n", "\r", "\n\n"]))
def test_parser_itself_never_raises(lines: list[str], brk: str) -> None:
    text = brk.join(lines)
    streetevents.detect(text)
    assert_offsets_valid(streetevents.parse(text))



def test_lost_qa_heading_is_found_where_numbering_restarts() -> None:
    text = ENGLISH.read_text(encoding="utf-8-sig").replace("Questions and Answers\n", "\n")
    parsed = streetevents.parse(text)
    assert_offsets_valid(parsed)
    assert [t.section for t in parsed.turns] == ["prepared"] * 4 + ["qa"] * 9
    assert parsed.warnings == [
        "no Questions and Answers heading; Q&A taken to start where the speaker numbering "
        "restarts at [1]"]


def test_text_above_a_late_title_is_kept() -> None:
    # A stray "earnings call" line is no title: nothing above it becomes boilerplate.
    text = "Some intro.\nOur Q1 Earnings Call\n\nJane Roe, Acme Inc. - CFO [1]\nRevenue grew.\n"
    parsed = streetevents.parse(text)
    assert parsed.boilerplate == []
    assert parsed.text[parsed.turns[0].start:].startswith("Some intro.")
    assert_offsets_valid(parsed)
