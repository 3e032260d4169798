"""The bilingual English / Traditional-Chinese family (seeds 003, 004 and our demo file)."""

from __future__ import annotations

import pytest

from reviewer.core.ingest import bilingual, parse_file, parse_text
from reviewer.core.ingest.text import read_source
from tests.conftest import DEMO, DEMO_ROSTER, SEEDS, assert_offsets_valid, seed_path

DEMO_FILE = DEMO / "altamira_q4_fy2024_bilingual.txt"


def _first_qa(parsed) -> int | None:
    return next((t.index for t in parsed.turns if t.section == "qa"), None)


def _paragraphs(parsed):
    return [(t, i, p) for t in parsed.turns for i, p in enumerate(t.paragraphs)]


def _para_text(parsed, p) -> str:
    return parsed.text[p.start:p.end]


# --- seed 003: 8x8 Q2 2024 ---------------------------------------------------------------

@pytest.fixture(scope="module")
def seed003():
    return parse_file(seed_path("003"))


def test_003_format_turns_and_labels(seed003):
    p = seed003
    assert p.format == "bilingual_zh"
    assert_offsets_valid(p)
    assert len(p.turns) == 67  # 67 doubled headers, each one turn
    assert [t.label for t in p.turns[:8]] == [
        "Operator", "Kate Patterson", "Samuel C. Wilson", "Lisa Martin", "Kevin Kraus",
        "Operator", "Meta A. Marshall", "Samuel C. Wilson",
    ]
    assert p.turns[20].label == "Michael Joshua Nichols"
    assert p.turns[33].label == "Michael H. Berg"
    assert p.turns[62].label == "Matthew David VanVliet"
    assert p.turns[-1].label == "Operator"
    # A header line never leaks into a body; "Operator, we are ready for questions." is body.
    assert all(t.label not in p.text[t.start:t.end].splitlines()[0] for t in p.turns[1:5])
    kevin = p.turns[4]
    assert _para_text(p, kevin.paragraphs[-2]) == "Operator, we are ready for questions."


def test_003_roles_speakers_sections(seed003):
    p = seed003
    assert [t.role for t in p.turns[:7]] == [
        "operator", "ir", "ceo", "executive", "cfo", "operator", "analyst"]
    assert p.turns[0].speaker is None  # the operator is no participant
    assert p.turns[6].speaker == "Meta A. Marshall"
    assert _first_qa(p) == 5
    assert {t.section for t in p.turns[:5]} == {"prepared"}
    assert {t.section for t in p.turns[5:]} == {"qa"}
    assert sum(1 for t in p.turns if t.role == "analyst") == 18


def test_003_participants(seed003):
    by_name = {x.name: x for x in seed003.participants}
    assert len(by_name) == 15
    assert (by_name["Kate Patterson"].role, by_name["Kate Patterson"].affiliation) == (
        "ir", "VP of IR")
    assert (by_name["Samuel C. Wilson"].role, by_name["Samuel C. Wilson"].affiliation) == (
        "ceo", "CEO & Director")
    assert (by_name["Lisa Martin"].role, by_name["Lisa Martin"].affiliation) == (
        "executive", "Chief Revenue Officer")
    assert by_name["Kevin Kraus"].role == "cfo"
    # "Meta A. Marshall - VP" is an analyst: the operator introduced her with her bank.
    assert (by_name["Meta A. Marshall"].role, by_name["Meta A. Marshall"].affiliation) == (
        "analyst", "Morgan Stanley")
    nichols = by_name["Michael Joshua Nichols"]
    assert (nichols.affiliation, nichols.aliases) == ("B. Riley", ["Josh Nichols"])
    # "This is Michael Berg on for Michael Turrin": Turrin's firm, but no alias.
    assert (by_name["Michael H. Berg"].affiliation, by_name["Michael H. Berg"].aliases) == (
        "Wells Fargo", [])
    assert by_name["Ryan Boyer Koontz"].affiliation == "Needham & Company"
    assert by_name["Matthew David VanVliet"].affiliation == "BTIG"
    assert all(x.role == "analyst" for x in seed003.participants[4:])


def test_003_translations(seed003):
    p = seed003
    paras = _paragraphs(p)
    assert len(paras) == 350
    zh = [(t, i, x) for t, i, x in paras if x.lang == "zh"]
    assert len(zh) == 174
    assert all(x.translation_of == i - 1 and t.paragraphs[i - 1].lang == "en" for t, i, x in zh)
    # Line 129 repeats line 128 in English (translation failed): a translation all the same.
    kevin = p.turns[4]
    dup = [i for i, x in enumerate(kevin.paragraphs)
           if _para_text(p, x).startswith("As we have said on prior calls")]
    assert len(dup) == 2
    copy = kevin.paragraphs[dup[1]]
    assert (copy.lang, copy.translation_of) == ("en", dup[0])
    assert sum(1 for _, _, x in paras if x.translation_of is not None) == 175
    unpaired = [x for t, i, x in paras if x.lang == "en" and x.translation_of is None
                and not any(q.translation_of == i for q in t.paragraphs)]
    assert unpaired == []
    assert p.warnings == ["line 129: the translation is an untranslated copy of the English"]


def test_003_boilerplate_and_metadata(seed003):
    p = seed003
    assert len(p.boilerplate) == 1
    s, e = p.boilerplate[0]
    assert p.text[s:e].startswith("使用警語:中文譯文來源為 Google 翻譯")
    assert p.text[s:e] == p.text.splitlines()[0]
    md = p.metadata
    assert (md.company, md.fiscal_period, md.event) == ("8x8 Inc", "FY2024Q2",
                                                        "Q2 2024 Earnings Call")
    assert md.ticker is None and md.date is None


# --- seed 004: 8x8 Q1 2026 ---------------------------------------------------------------

@pytest.fixture(scope="module")
def seed004():
    return parse_file(seed_path("004"))


def test_004_turns_roles_sections(seed004):
    p = seed004
    assert p.format == "bilingual_zh"
    assert_offsets_valid(p)
    assert len(p.turns) == 32
    assert [t.label for t in p.turns[:6]] == [
        "Operator", "Kate Patterson", "Samuel Wilson", "Kevin Kraus", "Operator", "Josh Nichols"]
    assert [t.role for t in p.turns[:6]] == ["operator", "ir", "ceo", "cfo", "operator",
                                           "analyst"]
    assert _first_qa(p) == 4
    unidentified = [t for t in p.turns if t.label == "Unidentified Participant"]
    assert [t.index for t in unidentified] == [16, 18, 20, 22]
    # Introduced by the operator as Michael Turrin's stand-in: an analyst with no name.
    assert all(t.role == "analyst" and t.speaker is None for t in unidentified)
    assert p.turns[24].label == "Jamie Reynolds"
    assert p.warnings == []


def test_004_participants_and_metadata(seed004):
    p = seed004
    got = [(x.name, x.role, x.affiliation) for x in p.participants]
    assert got == [
        # "Vice President, Finance", but she reads the safe harbor: the call's IR host.
        ("Kate Patterson", "ir", "Vice President, Finance"),
        ("Samuel Wilson", "ceo", "Chief Executive Officer, Director"),
        ("Kevin Kraus", "cfo", "Chief Financial Officer"),
        ("Josh Nichols", "analyst", "B. Riley"),
        ("Andrew King", "analyst", "Rosenblatt Securities"),
        ("Jamie Reynolds", "analyst", "Morgan Stanley"),
    ]
    md = p.metadata
    assert (md.company, md.fiscal_period, md.event) == ("8x8 Inc", "FY2026Q1",
                                                        "Q1 2026 Earnings Call")
    s, e = p.boilerplate[0]
    assert p.boilerplate == [(0, e)] and p.text[s:e].startswith("使用警語")


def test_004_every_english_paragraph_is_translated(seed004):
    paras = _paragraphs(seed004)
    assert len(paras) == 224
    assert sum(1 for _, _, x in paras if x.lang == "en") == 112
    assert all(x.translation_of == i - 1 for t, i, x in paras if x.lang == "zh")
    assert sum(1 for _, _, x in paras if x.translation_of is not None) == 112


def test_detection_on_all_seeds():
    assert bilingual.detect(read_source(seed_path("003"))) >= 0.9
    assert bilingual.detect(read_source(seed_path("004"))) >= 0.9
    for key in ("000", "001", "002"):
        assert bilingual.detect(read_source(seed_path(key))) < 0.5, key


# --- our demo file ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo():
    return parse_file(DEMO_FILE)


def test_demo_structure(demo):
    p = demo
    assert p.format == "bilingual_zh"
    assert_offsets_valid(p)
    assert len(p.turns) == 19
    assert [t.label for t in p.turns[:6]] == [
        "Operator", "Priya Raman", "Dana Whitfield", "Marcus Oyelaran", "Operator", "Tom Becker"]
    assert [t.role for t in p.turns[:6]] == ["operator", "ir", "ceo", "cfo", "operator",
                                           "analyst"]
    assert _first_qa(p) == 4
    assert [(x.name, x.role, x.affiliation) for x in p.participants] == DEMO_ROSTER
    md = p.metadata
    assert (md.company, md.ticker, md.fiscal_period, md.date, md.event) == (
        "Altamira Networks Inc", "ALTN", "FY2024Q4", "2025-02-20", "Q4 2024 Earnings Call")
    assert [p.text[s:e][:5] for s, e in p.boilerplate] == ["免責聲明:"]


def test_demo_translations(demo):
    p = demo
    assert p.warnings == ["1 English paragraph(s) have no Chinese translation"]
    pairs = [(_para_text(p, t.paragraphs[x.translation_of]), _para_text(p, x))
             for t, _, x in _paragraphs(p) if x.translation_of is not None]
    assert len(pairs) == 30  # the 30 Chinese lines below the disclaimer
    unpaired = [_para_text(p, x) for t, i, x in _paragraphs(p) if x.lang == "en"
                and x.translation_of is None and not any(q.translation_of == i
                                                         for q in t.paragraphs)]
    assert len(unpaired) == 1 and "1.4 billion" in unpaired[0]
    revenue = next(v for k, v in pairs if "$210 million" in k)
    assert "2.1 億美元" in revenue
    # The deliberate machine-translation slip: $12.5 million rendered as 125 萬 ($1.25 million).
    fcf = next(v for k, v in pairs if "$12.5 million" in k)
    assert "125 萬美元" in fcf and "1,250 萬" not in fcf
    # A Chinese line full of Latin names still counts as the translation of its original.
    elena = p.turns[7]
    assert [(x.lang, x.translation_of) for x in elena.paragraphs] == [("en", None), ("zh", 0)]


def test_demo_holds_no_seed_text():
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is absent")
    seed_lines = {ln.strip() for f in SEEDS.glob("*.txt")
                  for ln in f.read_text(encoding="utf-8-sig").splitlines() if len(ln) > 25}
    demo_lines = {ln.strip() for ln in DEMO_FILE.read_text(encoding="utf-8").splitlines()}
    assert not demo_lines & seed_lines


# --- odd input -----------------------------------------------------------------------------

def test_crlf_and_bom_keep_offsets():
    text = DEMO_FILE.read_text(encoding="utf-8")
    crlf = "\ufeff" + text.replace("\n", "\r\n")
    p = bilingual.parse(crlf)
    assert_offsets_valid(p)
    assert len(p.turns) == 19
    assert all("\r" not in p.text[x.start:x.end] for _, _, x in _paragraphs(p))


@pytest.mark.parametrize("text", [
    "", "\n", "Operator\nOperator\n", "Operator\nOperator\nHello.\n你好。",
    "Kate Patterson - VP of IR\nKate Patterson - VP of IR\n",
    "just one line of English", "中文\n中文\n中文",
])
def test_odd_input_never_raises(text):
    bilingual.detect(text)
    p = bilingual.parse(text)
    assert_offsets_valid(p)


def test_single_header_copy_is_still_a_header():
    text = ("Operator\nOperator\nWelcome to the call.\n歡迎參加電話會議。\n"
            "Jane Roe - CFO\nJane Roe - CFO\nRevenue grew.\n營收成長。\n"
            "Operator\nThank you.\n謝謝。\n")
    p = parse_text(text)
    assert [t.label for t in p.turns] == ["Operator", "Jane Roe", "Operator"]


def test_not_claimed_without_doubled_headers():
    text = "\n".join(["Revenue was $5 million.", "營收為 500 萬美元。"] * 10)
    assert bilingual.detect(text) < 0.5
