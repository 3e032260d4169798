"""Layouts and industries the parsers were not written against: our own fixtures, checked
against answer keys written by reading the fixture text (tests/fixtures/<name>.key.json).

Each fixture is an invented company in one source layout: original-English StreetEvents (a
bank, a pharma), S&P Capital IQ (a bank), Motley Fool (a retailer), AlphaStreet (a SaaS),
EarningsCall ASR (a chipmaker) and an unknown layout (a pharma CFO commentary). The keys'
"figures" part lists every definite figure for the extractor's recall; here it is checked
only for consistency with the text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.core.ingest import capitaliq, parse_file, parse_text, streetevents
from reviewer.core.ingest.streetevents_layout import heading_kind
from tests.conftest import DEMO, FIXTURES, assert_offsets_valid, seed_path

# fixture -> (format, roster as listed in the file: name -> role)
CASES: dict[str, tuple[str, dict[str, str]]] = {
    "bank_streetevents": ("streetevents", {
        "Helen Marchetti": "ceo", "Raymond Osterhout": "cfo", "Tanya Ellery": "ir",
        "Gideon Faulk": "executive", "Lucas Brenner": "analyst", "Priya Natarajan": "analyst",
        "Connor Walsh": "analyst"}),
    "pharma_streetevents": ("streetevents", {
        "Nadia Kerrigan": "ir", "Thomas Abernathy": "ceo", "Samuel Achterberg": "executive",
        "Louisa Ferreira-Kahn": "cfo", "Mara Lindgren": "analyst",
        "Benedikt Oyelowo": "analyst"}),
    "bank_capitaliq": ("capitaliq", {
        "Andrea Kovalenko": "ceo", "Martin Oduya": "cfo", "Sheila Brandt": "ir",
        "Rafael Mendes": "analyst", "Yvonne Takahashi": "analyst"}),
    "retailer_motleyfool": ("seekingalpha", {
        "Caleb Nguyen": "ir", "Marisol Dunbar": "ceo", "Oren Whitlock": "cfo",
        "Hannah Oyelaran": "analyst", "Felix Marchand": "analyst"}),
    "saas_alphastreet": ("alphastreet", {
        "Jonas Petrakis": "ir", "Amara Lindqvist": "ceo", "Owen Kask": "executive",
        "Delia Moreau": "cfo", "Trevor Halloran": "analyst", "Shruti Venkatesan": "analyst"}),
    "chipmaker_asr": ("earningscall_asr", {
        "Joanna": "operator", "Lena Fischer": "ir", "Tobias Wren": "ceo",
        "Keiko Arnault": "cfo", "Rohan Kapadia": "analyst", "Bettina Horvath": "analyst"}),
    "pharma_plain": ("plain", {}),
}


def _key(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.key.json").read_text(encoding="utf-8"))


def _covered(parsed) -> str:
    return "\n".join(parsed.text[t.start:t.end] for t in parsed.turns)


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    name = request.param
    return name, parse_file(FIXTURES / f"{name}.txt"), _key(name)


def test_fixture_size_and_key_figures_are_in_the_text(case) -> None:
    name, parsed, key = case
    assert 3_000 <= (FIXTURES / f"{name}.txt").stat().st_size <= 8_192
    # Every figure of the key is a surface string of the text, in order, standing alone.
    pos = 0
    for fig in key["figures"]:
        found = re.compile(r"(?<![\w.$,\-])" + re.escape(fig["text"]) + r"(?![\w%]|[.,]\d)")
        m = found.search(parsed.text, pos)
        assert m is not None, f"{name}: {fig['text']!r} not found after offset {pos}"
        pos = m.end()
        assert (fig["value"] is None) == (fig["low"] is not None), fig
        assert fig["unit"] and fig["metric_hint"], fig
    assert len(key["figures"]) >= 25


def test_format_turns_and_offsets_match_the_key(case) -> None:
    name, parsed, key = case
    assert parsed.format == CASES[name][0]
    assert_offsets_valid(parsed)
    got = [{"label": t.label, "role": t.role, "section": t.section} for t in parsed.turns]
    assert got == key["turns"]


def test_roles_come_from_the_list_a_participant_is_in(case) -> None:
    name, parsed, _ = case
    assert {p.name: p.role for p in parsed.participants} == CASES[name][1]
    # Every labelled turn of a listed person resolves to that person and role.
    roster = CASES[name][1]
    for t in parsed.turns:
        if t.speaker in roster:
            assert t.role == roster[t.speaker], (t.label, t.role)


def test_every_key_figure_lies_in_a_turn_not_in_boilerplate(case) -> None:
    name, parsed, key = case
    spans = [(p.start, p.end) for t in parsed.turns for p in t.paragraphs]
    pos = 0
    for fig in key["figures"]:
        at = parsed.text.index(fig["text"], pos)
        pos = at + len(fig["text"])
        assert any(s <= at and pos <= e for s, e in spans), f"{name}: {fig['text']!r}"
        assert not any(s <= at < e for s, e in parsed.boilerplate), f"{name}: {fig['text']!r}"


# --- original-English StreetEvents: title block, misspelled headings, listed roles -------------

@pytest.mark.parametrize("name, outside", [
    ("bank_streetevents", ["THOMSON REUTERS", "E D I T E D", "EVENT DATE/TIME",
                           "Brackwater Bancorp Inc Earnings Call", "Participiants", " * Lucas"]),
    ("pharma_streetevents", ["Earnings Conference Call", "04/29/2025", "Participiants",
                             "Particpants", " * Mara"]),
])
def test_title_block_and_lists_are_no_turn(name: str, outside: list[str]) -> None:
    parsed = parse_file(FIXTURES / f"{name}.txt")
    covered = _covered(parsed)
    for s in outside:
        assert s not in covered
    # Only an operator paragraph may be headerless (the pharma call's unannounced welcome).
    headerless = [t for t in parsed.turns if t.label is None]
    assert all(t.role == "operator" for t in headerless)
    assert len(headerless) == (1 if name == "pharma_streetevents" else 0)
    if headerless:
        assert parsed.text[headerless[0].start:].startswith("Good afternoon, ladies")


def test_streetevents_metadata_from_the_title_block() -> None:
    bank = parse_file(FIXTURES / "bank_streetevents.txt").metadata
    assert (bank.company, bank.ticker, bank.event, bank.fiscal_period, bank.date) == (
        "Brackwater Bancorp Inc", "BWBK", "Q2 2024 Brackwater Bancorp Inc Earnings Call",
        "FY2024Q2", "2024-07-18")
    pharma = parse_file(FIXTURES / "pharma_streetevents.txt").metadata
    assert (pharma.company, pharma.ticker, pharma.fiscal_period, pharma.date) == (
        "Veridane Therapeutics Inc", None, "FY2025Q1", "2025-04-29")


def test_header_spelling_variant_is_the_listed_person() -> None:
    parsed = parse_file(FIXTURES / "pharma_streetevents.txt")
    louisa = [t for t in parsed.turns if t.label == "Louisa Ferrera-Kahn"]
    assert len(louisa) == 2
    assert all(t.speaker == "Louisa Ferreira-Kahn" and t.role == "cfo" for t in louisa)
    [p] = [p for p in parsed.participants if p.name == "Louisa Ferreira-Kahn"]
    assert p.aliases == ["Louisa Ferrera-Kahn"]
    assert any("'Louisa Ferrera-Kahn' taken as listed participant" in w for w in parsed.warnings)


@pytest.mark.parametrize("heading", [
    "Conference Call Participants", "Conference Call Participiants",
    "Conference Call Particpants", "CONFERENCE CALL PARTICIPANTS", "Conference Call Participant",
    "Conferance Call Participants",
])
def test_analysts_list_heading_with_spelling_slips(heading: str) -> None:
    text = (FIXTURES / "bank_streetevents.txt").read_text(encoding="utf-8")
    parsed = parse_text(text.replace("Conference Call Participiants", heading))
    roles = {p.name: p.role for p in parsed.participants}
    # Lucas is listed with the title "Director", Connor with "MD": the list makes analysts.
    assert roles["Lucas Brenner"] == roles["Connor Walsh"] == "analyst"
    assert roles["Gideon Faulk"] == "executive"


@pytest.mark.parametrize("heading", ["Corporate Participants", "Corporate Participiants",
                                     "Corporate Particpants", "Coporate Participants"])
def test_corporate_list_heading_with_spelling_slips(heading: str) -> None:
    text = (FIXTURES / "pharma_streetevents.txt").read_text(encoding="utf-8")
    parsed = parse_text(text.replace("Corporate Participiants", heading))
    # "Chief Scientific Officer & Head of Research" reads like research; the list says staff.
    assert {p.name: p.role for p in parsed.participants}["Samuel Achterberg"] == "executive"


@pytest.mark.parametrize("line, kind", [
    ("Corporate Participants", "corporate"), ("Corporate Participiants", "corporate"),
    ("Conference Call Participiants", "call"), ("Conference Call Particpants", "call"),
    ("Presentation", "presentation"), ("Presentaton", "presentation"),
    ("Questions and Answers", "qa"), ("Question and Answer", "qa"),
    ("Questions and Anwsers", "qa"), ("Q&A", "qa"),
    ("Participation", None), ("Conference Call", None), ("Corporate Presentation", None),
    ("Thank you.", None), ("Questions", None), ("Definitions", None), ("Disclaimer", None),
    ("Good morning, and welcome to the Presentation of our results", None),
])
def test_heading_kind(line: str, kind: str | None) -> None:
    assert heading_kind(line) == kind


def test_misspelled_presentation_in_prose_is_not_a_heading() -> None:
    # Spelling slack applies only next to a rule: a short body line stays text.
    text = (FIXTURES / "bank_streetevents.txt").read_text(encoding="utf-8")
    text = text.replace(" Sure. Office commercial", " Presentaton\n\n Sure. Office commercial")
    parsed = parse_text(text)
    gideon = next(t for t in parsed.turns if t.label == "Gideon Faulk")
    assert parsed.text[gideon.start:gideon.end].startswith("Presentaton")
    assert gideon.section == "qa"


_BODY = """
================================================================================
Corporate Participants
================================================================================

 * Jane Roe
   Acme Widgets Inc - CFO

================================================================================
Conference Call Participiants
================================================================================

 * John Doe
   Kestrel Bank - Director

================================================================================
Presentation
--------------------------------------------------------------------------------
Operator    [1]
--------------------------------------------------------------------------------
 Welcome to the call.

--------------------------------------------------------------------------------
Jane Roe,  Acme Widgets Inc - CFO    [2]
--------------------------------------------------------------------------------
 Revenue was $10 million.

================================================================================
Questions and Answers
--------------------------------------------------------------------------------
John Doe,  Kestrel Bank - Director    [1]
--------------------------------------------------------------------------------
 What about margins?
"""


@pytest.mark.parametrize("title, date", [
    ("Thomson Reuters StreetEvents Event Transcript\nE D I T E D   V E R S I O N\n\n"
     "Q1 2013 Acme Widgets Inc Earnings Call\nAPRIL 17, 2013 / 12:30PM GMT\n", "2013-04-17"),
    ("Q1 2013 Acme Widgets Inc Earnings Conference Call\n04/17/2013 08:30 AM GMT\n",
     "2013-04-17"),
    ("Event Transcript\nACME - Q1 2013 Acme Widgets Inc Earnings Call\n"
     "EVENT DATE/TIME: APRIL 17, 2013 / 12:30PM GMT\n", "2013-04-17"),
    ("Edited Transcript of ACME earnings conference call or presentation 17-Apr-13 12:30pm GMT\n\n"
     "Q1 2013 Acme Widgets Inc Earnings Call\n", "2013-04-17"),
])
def test_title_variants_are_not_turns(title: str, date: str) -> None:
    parsed = parse_text(title + _BODY)
    assert parsed.format == "streetevents"
    assert_offsets_valid(parsed)
    assert [(t.label, t.role, t.section) for t in parsed.turns] == [
        ("Operator", "operator", "prepared"), ("Jane Roe", "cfo", "prepared"),
        ("John Doe", "analyst", "qa")]
    assert parsed.metadata.date == date
    assert parsed.metadata.fiscal_period == "FY2013Q1"
    assert parsed.warnings == []


def test_unlisted_speaker_of_the_host_company_is_no_analyst() -> None:
    text = _BODY.replace("What about margins?", "What about margins?\n\n"
                         "-" * 80 + "\nMax Poe,  Acme Widgets Inc - Head of Research    [2]\n"
                         + "-" * 80 + "\n Margins were 40%.")
    parsed = parse_text("Q1 2013 Acme Widgets Inc Earnings Call\n" + text)
    assert (parsed.turns[-1].label, parsed.turns[-1].role) == ("Max Poe", "executive")


# --- S&P Capital IQ exports ------------------------------------------------------------------

@pytest.fixture(scope="module")
def ciq():
    return parse_file(FIXTURES / "bank_capitaliq.txt")


def test_capitaliq_metadata_and_boilerplate(ciq) -> None:
    md = ciq.metadata
    assert (md.company, md.ticker, md.event, md.fiscal_period, md.date) == (
        "Larkspur Financial Corp.", "LKSF", "FQ3 2024 Earnings Call", "FY2024Q3", "2024-10-17")
    text = ciq.text
    pieces = [text[s:e] for s, e in ciq.boilerplate]
    assert pieces[0].startswith("S&P Global Market Intelligence Estimates")
    assert pieces[0].rstrip().endswith("5")  # the contents end with "Question and Answer ... 5"
    # The page break inside the CFO's remarks is boilerplate and in no paragraph.
    for furniture in ("spglobal.com/marketintelligence 4",
                      "LARKSPUR FINANCIAL CORP. FQ3 2024 EARNINGS CALL | OCT 17, 2024"):
        assert furniture in pieces
    paragraphs = "\n".join(text[p.start:p.end] for t in ciq.turns for p in t.paragraphs)
    assert "6.12 %" not in paragraphs and "Copyright" not in paragraphs
    assert pieces[-1].startswith("Copyright © 2024 by S&P") and pieces[-1].endswith("permission.")
    cfo = ciq.turns[3]
    assert [text[p.start:p.end][:20] for p in cfo.paragraphs] == [
        "Thank you, Andrea. N", "Net charge-offs were", "For the fourth quart"]
    # The title line printed under a speaker's name is part of the header, not the text.
    assert "Executive VP & CFO" not in _covered(ciq)
    assert ciq.warnings == []


def test_capitaliq_crlf_copy_parses_alike(ciq) -> None:
    crlf = parse_text(ciq.text.replace("\n", "\r\n"))
    assert crlf.format == "capitaliq"
    assert_offsets_valid(crlf)
    assert [(t.label, t.role, t.section, len(t.paragraphs)) for t in crlf.turns] == [
        (t.label, t.role, t.section, len(t.paragraphs)) for t in ciq.turns]


def test_capitaliq_without_its_list_still_imports(ciq) -> None:
    text = ciq.text
    cut = text[:text.index("Call Participants\nEXECUTIVES")] + text[text.index("Presentation\nOp"):]
    parsed = parse_text(cut)
    assert_offsets_valid(parsed)
    assert parsed.turns  # never a crash, never an empty import
    assert parsed.warnings


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_capitaliq_does_not_claim_the_seeds(key: str) -> None:
    assert capitaliq.detect(seed_path(key).read_text(encoding="utf-8-sig")) < 0.5


def test_capitaliq_does_not_claim_other_fixtures_or_demos() -> None:
    paths = [p for p in sorted(FIXTURES.glob("*.txt")) if p.name != "bank_capitaliq.txt"]
    paths += sorted(Path(DEMO).glob("*.txt"))
    for path in paths:
        assert capitaliq.detect(path.read_text(encoding="utf-8-sig")) < 0.5, path.name


def test_streetevents_does_not_claim_the_new_fixtures() -> None:
    for name in CASES:
        if not name.endswith("streetevents"):
            text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
            assert streetevents.detect(text) < 0.5, name


def test_unknown_layout_imports_as_paragraphs_with_a_warning() -> None:
    parsed = parse_file(FIXTURES / "pharma_plain.txt")
    assert parsed.warnings == ["unknown layout: imported as one unlabelled turn per paragraph; "
                               "speaker labels and sections must be set by hand"]
    assert parsed.text[parsed.turns[2].start:].startswith("Revenue. Total revenue")
    assert parsed.metadata.ticker == "HLCY" and parsed.metadata.date == "2024-07-30"


def test_list_entry_with_only_a_firm_is_no_turn() -> None:
    # Real lists print some entries as a name and a bare firm line, with no " - Title".
    text = (FIXTURES / "bank_streetevents.txt").read_text(encoding="utf-8")
    parsed = parse_text(text.replace("   Ridgemont Partners - MD", "   Ridgemont Partners"))
    assert parsed.turns[0].label == "Operator"
    assert parsed.warnings == []
    [connor] = [p for p in parsed.participants if p.name == "Connor Walsh"]
    assert (connor.role, connor.affiliation) == ("analyst", "Ridgemont Partners")


_CIQ_PIECES = st.sampled_from([
    "Call Participants", "EXECUTIVES", "ANALYSTS", "Presentation", "Question and Answer",
    "Operator", "Jane Roe", "Chief Financial Officer", "Kestrel Bank, Research Division",
    "Copyright © 2024 S&P Global Market Intelligence", "spglobal.com/marketintelligence 4",
    "ACME CORP FQ3 2024 EARNINGS CALL | OCT 17, 2024", "Acme Corp NYSE:ACME",
    "FQ3 2024 Earnings Call Transcripts", "Revenue was $10 million.", "", "7",
])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.one_of(_CIQ_PIECES, st.text(max_size=30)), max_size=30),
       brk=st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_capitaliq_parser_itself_never_raises(lines: list[str], brk: str) -> None:
    text = brk.join(lines)
    capitaliq.detect(text)
    assert_offsets_valid(capitaliq.parse(text))


def test_capitaliq_name_without_title_line(ciq) -> None:
    text = ciq.text.replace("Aldgate Brothers & Co., Research Division\n\nPresentation",
                            "\nPresentation", 1)
    text = text.replace("Yvonne Takahashi\n\n", "Yvonne Takahashi\n")
    text = text.replace("Yvonne Takahashi\nAldgate Brothers & Co., Research Division\nAndrea",
                        "Yvonne Takahashi\nAndrea")
    assert "Yvonne Takahashi\nPresentation\n" in text and "Takahashi\nAndrea, you" in text
    parsed = parse_text(text)
    [yvonne] = [p for p in parsed.participants if p.name == "Yvonne Takahashi"]
    assert (yvonne.role, yvonne.affiliation) == ("analyst", None)
    assert [(t.label, t.section) for t in parsed.turns] == [
        (t.label, t.section) for t in ciq.turns]
    assert_offsets_valid(parsed)


@pytest.mark.parametrize("label, role", [
    ("Unidentified Company Representative", "executive"),
    ("Unidentified Corporate Participant", "executive"),
    ("Unidentified Analyst", "analyst"),
    ("Unidentified Participant", "unknown"),
])
def test_unidentified_speakers(label: str, role: str) -> None:
    rule = "-" * 80
    text = _BODY + f"\n{rule}\n{label}    [2]\n{rule}\n Margins were 40%.\n"
    parsed = parse_text("Q1 2013 Acme Widgets Inc Earnings Call\n" + text)
    assert (parsed.turns[-1].label, parsed.turns[-1].role) == (label, role)
