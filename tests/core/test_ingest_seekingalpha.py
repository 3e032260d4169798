"""The Seeking Alpha family (our fixture, our demo file, a Motley Fool-like page)."""

from __future__ import annotations

import pytest

from reviewer.core.ingest import parse_file, parse_text, seekingalpha
from reviewer.core.ingest.text import read_source
from tests.conftest import DEMO, DEMO_ROSTER, FIXTURES, assert_offsets_valid, seed_path

SAMPLE = FIXTURES / "seekingalpha_sample.txt"
DEMO_FILE = DEMO / "altamira_q2_fy2024_seekingalpha.txt"

MOTLEY = """\
Image source: The Motley Fool.
Halvorsen Logistics Software (HLSW) Q3 2023 Earnings Call Transcript
HLSW earnings call for the period ending September 30, 2023.
Nov 8, 2023, 4:30 p.m. ET

Contents:
Prepared Remarks
Questions and Answers
Call Participants

Prepared Remarks:

Operator

Good afternoon, and welcome to the Halvorsen Logistics Software third quarter 2023 call.

Ingrid Solberg -- Vice President, Investor Relations

Thank you. With me today is Erik Halvorsen, our Chief Executive Officer.

Erik Halvorsen -- Chief Executive Officer

Thanks, Ingrid. Total revenue was $48.6 million, up 14% year over year.

Questions & Answers:

Operator

Our first question comes from Daniel Price with Northgate Capital.

Daniel Price -- Northgate Capital -- Analyst

How should we think about net revenue retention in Q4?

Erik Halvorsen -- Chief Executive Officer

We expect it to stabilize around 112%.

Operator

This concludes today's call.

Duration: 31 minutes

Call participants:

Ingrid Solberg -- Vice President, Investor Relations

Erik Halvorsen -- Chief Executive Officer

Daniel Price -- Northgate Capital -- Analyst

More HLSW analysis

All earnings call transcripts
"""


def _first_qa(parsed) -> int | None:
    return next((t.index for t in parsed.turns if t.section == "qa"), None)


def _boiler_texts(parsed) -> list[str]:
    return [parsed.text[s:e] for s, e in parsed.boilerplate]


@pytest.fixture(scope="module")
def sample():
    return parse_file(SAMPLE)


def test_sample_turns(sample):
    p = sample
    assert p.format == "seekingalpha"
    assert_offsets_valid(p)
    assert len(p.turns) == 16
    assert [t.label for t in p.turns[:8]] == [
        "Operator", "Ingrid Solberg", "Erik Halvorsen", "Maya Okafor",
        "Operator", "Daniel Price", "Erik Halvorsen", "Daniel Price",
    ]
    assert [t.label for t in p.turns[9:14]] == [
        "Operator", "Rachel Lindqvist", "Erik Halvorsen", "Operator", "Omar Haddad"]
    assert [t.role for t in p.turns[:6]] == ["operator", "ir", "ceo", "cfo", "operator",
                                           "analyst"]
    assert p.turns[5].speaker == "Daniel Price"  # header "Daniel Price - Northgate Capital"
    assert p.turns[0].speaker is None
    assert _first_qa(p) == 4
    assert {t.section for t in p.turns[:4]} == {"prepared"}
    assert [len(t.paragraphs) for t in p.turns[:4]] == [1, 3, 4, 4]
    assert all(x.lang == "en" and x.translation_of is None
               for t in p.turns for x in t.paragraphs)
    assert p.warnings == []


def test_sample_roster_and_metadata(sample):
    assert [(x.name, x.role, x.affiliation) for x in sample.participants] == [
        ("Ingrid Solberg", "ir", "Vice President, Investor Relations"),
        ("Erik Halvorsen", "ceo", "Chief Executive Officer"),
        ("Maya Okafor", "cfo", "Chief Financial Officer"),
        ("Daniel Price", "analyst", "Northgate Capital"),
        ("Rachel Lindqvist", "analyst", "Pemberton & Hale"),
        ("Omar Haddad", "analyst", "Sterling Ridge Securities"),
    ]
    md = sample.metadata
    assert (md.company, md.ticker, md.event, md.fiscal_period, md.date) == (
        "Halvorsen Logistics Software Inc", "HLSW", "Q3 2023 Earnings Call", "FY2023Q3",
        "2023-11-08")


def test_sample_boilerplate(sample):
    p = sample
    texts = _boiler_texts(p)
    assert texts[0] == "Seeking Alpha\nHome | Markets | Earnings | Transcripts"
    assert texts[1].startswith("By: SA Transcripts") and texts[1].endswith("Play Earnings Call")
    assert texts[2] == "Advertisement"
    assert texts[3].startswith("Copyright policy:") and texts[3].endswith("Sort by Newest")
    assert len(texts) == 4
    # The ad sits inside Erik's turn but in none of its paragraphs.
    erik = p.turns[2]
    ad = p.boilerplate[2]
    assert erik.start < ad[0] < erik.end
    assert all(not (x.start <= ad[0] < x.end) for x in erik.paragraphs)
    # The last turn stops before the page's trailer.
    assert p.text[p.turns[-1].start:p.turns[-1].end].endswith("You may now disconnect.")


def test_demo_file():
    p = parse_file(DEMO_FILE)
    assert p.format == "seekingalpha"
    assert_offsets_valid(p)
    assert len(p.turns) == 23
    assert _first_qa(p) == 4
    assert [t.label for t in p.turns[4:6]] == ["Operator", "Tom Becker"]
    assert [(x.name, x.role, x.affiliation) for x in p.participants] == DEMO_ROSTER
    md = p.metadata
    assert (md.company, md.ticker, md.fiscal_period, md.date, md.event) == (
        "Altamira Networks Inc", "ALTN", "FY2024Q2", "2024-08-08", "Q2 2024 Earnings Call")
    assert p.warnings == []
    assert _boiler_texts(p)[-1].endswith("Comments (0)")


def test_motley_fool_variant():
    p = parse_text(MOTLEY)
    assert p.format == "seekingalpha"
    assert_offsets_valid(p)
    assert [t.label for t in p.turns] == [
        "Operator", "Ingrid Solberg", "Erik Halvorsen", "Operator", "Daniel Price",
        "Erik Halvorsen", "Operator"]
    assert [t.section for t in p.turns] == ["prepared"] * 3 + ["qa"] * 4
    assert [(x.name, x.role, x.affiliation) for x in p.participants] == [
        ("Ingrid Solberg", "ir", "Vice President, Investor Relations"),
        ("Erik Halvorsen", "ceo", "Chief Executive Officer"),
        ("Daniel Price", "analyst", "Northgate Capital"),
    ]
    # The call's date line, not the fiscal period's end.
    assert p.metadata.date == "2023-11-08"
    texts = _boiler_texts(p)
    assert texts[0] == "Image source: The Motley Fool."
    assert texts[1].startswith("Contents:")  # the table of contents opens no section
    assert "Duration: 31 minutes" in texts
    assert texts[-1].startswith("More HLSW analysis")


def test_unlisted_speaker_is_kept_with_a_warning():
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "Omar Haddad\n\nHi. Could", "Priyanka Sethi\n\nHi. Could")
    p = seekingalpha.parse(text)
    assert p.turns[13].label == "Priyanka Sethi"
    assert p.turns[13].role == "unknown"
    assert p.warnings == ["speaker 'Priyanka Sethi' is not in the participant lists"]


def test_detection():
    assert seekingalpha.detect(SAMPLE.read_text(encoding="utf-8")) >= 0.9
    assert seekingalpha.detect(DEMO_FILE.read_text(encoding="utf-8")) >= 0.9
    assert seekingalpha.detect(MOTLEY) >= 0.9
    for other in DEMO.glob("*.txt"):
        if other != DEMO_FILE:
            assert seekingalpha.detect(other.read_text(encoding="utf-8")) < 0.5, other.name


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_not_claimed_on_seeds(key):
    assert seekingalpha.detect(read_source(seed_path(key))) < 0.5


def test_crlf_keeps_offsets():
    p = seekingalpha.parse(SAMPLE.read_text(encoding="utf-8").replace("\n", "\r\n"))
    assert_offsets_valid(p)
    assert len(p.turns) == 16
    assert all("\r" not in p.text[x.start:x.end] for t in p.turns for x in t.paragraphs)


@pytest.mark.parametrize("text", [
    "", "\n\n", "Operator", "Question-and-Answer Session\n", "Executives\n\nAnalysts\n",
    "Executives\nJane Roe - CEO\n\nOperator\n\nHello.\n\nQuestion-and-Answer Session\n",
    "Copyright policy: nothing else", "Operator\n\nQuestions & Answers:\n\nCall participants:\n",
])
def test_odd_input_never_raises(text):
    seekingalpha.detect(text)
    assert_offsets_valid(seekingalpha.parse(text))
