"""The reading layout: every shown character maps back to its exact source offset; headers,
sections and translations; hiding translations keeps the mapping exact."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reviewer.core.ingest import parse_file, parse_text
from reviewer.core.review.records import Suggestion, TurnState
from reviewer.gui.doc_builder import HEADER, SECTION, TRANSLATION, build_layout
from tests.conftest import seed_path

SAMPLE = ("Operator\nWelcome to the call. Revenue was $12 million.\n"
          "Jane Doe\nThanks. Margin was 61% \U0001f600 and EPS $0.12.\n\nMore text.\n")


def states(parsed):
    return [TurnState(i, t.index, t.label, t.speaker, t.role, t.section, t.start, t.end)
            for i, t in enumerate(parsed.turns)]


def check_roundtrip(parsed, lay) -> int:
    """Every displayed source character maps to itself and back; returns how many."""
    n = 0
    for s, e, line, col in lay.segments:
        shown = lay.lines[line][col:col + (e - s)]
        assert shown == parsed.text[s:e].replace("\u2029", " ")
        for off in (s, (s + e) // 2, e - 1) if e > s else ():
            (ln, c16, _), = lay.pieces(off, off + 1)
            assert lay.to_source(ln, c16) == off
            n += 1
    return n


def test_sample_round_trip_with_an_emoji() -> None:
    parsed = parse_text(SAMPLE)
    lay = build_layout(parsed, states(parsed), {})
    assert check_roundtrip(parsed, lay) > 0
    start = SAMPLE.index("EPS $0.12")
    (line, c16, n16), = lay.pieces(start, start + 9)
    # The emoji before it counts two UTF-16 units (what Qt counts), one Python character.
    assert n16 == 9 and c16 == lay.lines[line].index("EPS") + 1
    text = lay.lines[line]
    assert text.encode("utf-16-le")[2 * c16:2 * (c16 + n16)].decode("utf-16-le") == "EPS $0.12"
    assert lay.span_to_source((line, c16), (line, c16 + n16)) == (start, start + 9)
    assert lay.kinds.count(HEADER) == len(parsed.turns)


def test_headers_show_speaker_label_and_suggestion() -> None:
    parsed = parse_text(SAMPLE)
    turns = states(parsed)
    sug = {1: Suggestion(1, "Jane Doe", "Jane Smith", "voice", 0.7)}
    lay = build_layout(parsed, turns, sug)
    header = lay.lines[lay.header_line[1]]
    assert "\u2691 Jane Smith? (S)" in header


@pytest.mark.seeds
def test_bilingual_seed_translations_shown_and_hidden() -> None:
    parsed = parse_file(seed_path("003"))
    turns = states(parsed)
    full = build_layout(parsed, turns, {})
    assert TRANSLATION in full.kinds
    assert check_roundtrip(parsed, full) > 1000
    bare = build_layout(parsed, turns, {}, translations=False)
    assert TRANSLATION not in bare.kinds
    check_roundtrip(parsed, bare)
    # The Q&A is separated from the prepared remarks.
    titles = [full.lines[i] for i, k in enumerate(full.kinds) if k == SECTION]
    assert any("PREPARED" in t for t in titles) and any("QUESTIONS" in t for t in titles)
    shown_everything = build_layout(parsed, turns, {}, outside=True)
    check_roundtrip(parsed, shown_everything)
    assert len(shown_everything.segments) > len(full.segments)


@pytest.mark.seeds
def test_the_window_toggles_translations_on_the_largest_seed(open_window, tmp_path,
                                                             qtbot) -> None:
    from reviewer.core.importer import import_paths
    from reviewer.core.store import open_project

    project = open_project(tmp_path / "seed.db")
    import_paths(project, [seed_path("003")])
    project.close()
    w = open_window(tmp_path / "seed.db")
    before = w.view.document().blockCount()
    qtbot.keyClick(w.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert not w.view.translations
    assert w.view.document().blockCount() < before
    text = w.view.toPlainText()
    assert "Kevin Kraus" in text and "\u8b1d\u8b1d" not in text  # no "謝謝" once hidden


def _missing_glyphs(view) -> list[str]:
    """The lines of the shown document with a character drawn as an empty box (glyph 0)."""
    doc = view.document()
    bad = []
    block = doc.begin()
    while block.isValid():
        doc.documentLayout().blockBoundingRect(block)  # lays the block out, with its formats
        lay = block.layout()
        runs = [r for i in range(lay.lineCount()) for r in lay.lineAt(i).glyphRuns()]
        if any(0 in r.glyphIndexes() for r in runs):
            bad.append(block.text())
        block = block.next()
    return bad


def test_arabic_label_and_corrected_arabic_mention_show_every_glyph(qtbot) -> None:
    # Italic marks a label that differs from the speaker and a corrected mention; DejaVu Sans
    # Oblique (the italic face we ship) has no Arabic: that text must not become boxes.
    from reviewer.core.model import Paragraph, ParsedTranscript, Turn
    from reviewer.core.review.records import Annotation
    from reviewer.gui.theme import Theme
    from reviewer.gui.transcript_view import TranscriptView

    body = "نمت إيرادات الخدمات بنسبة 30٪ على أساس سنوي"
    text = "فيكرام فيرما\n" + body + "\nفيكتوريا هايد دان\nشكرا لك.\n"
    start, thanks = text.index(body), text.index("شكرا")
    turn = Turn(0, "فيكرام فيرما", "Vikram Verma", "ceo", "prepared", start,
                start + len(body), [Paragraph(start, start + len(body), "ar")])
    ir = Turn(1, "فيكتوريا هايد دان", "فيكتوريا هايد دان", "ir", "prepared", thanks,
              thanks + 8, [Paragraph(thanks, thanks + 8, "ar")])
    parsed = ParsedTranscript("streetevents", text, turns=[turn, ir])
    s = text.index("30٪")
    mentions = [Annotation(1, 1, None, s, s + 3, "revenue_growth", 30, unit="percent",
                           status="corrected"),
                Annotation(2, 1, None, start, start + 4, "revenue", status="corrected")]
    view = TranscriptView(Theme(False))
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show_transcript(parsed, states(parsed), {}, mentions)
    header = view.document().findBlockByNumber(view.layout_.header_line[0]).text()
    assert "label \u201c" in header  # the label is shown beside the speaker
    assert _missing_glyphs(view) == []
    # A header naming its speaker in Arabic reads like the others: bar and name on the left;
    # the Arabic body stays right to left.
    doc = view.document()
    for turn_index in (0, 1):
        header = doc.findBlockByNumber(view.layout_.header_line[turn_index])
        doc.documentLayout().blockBoundingRect(header)
        bar = header.text().index("\u258d")
        assert header.layout().lineAt(0).cursorToX(bar)[0] < 40  # at the left margin
    body = doc.findBlockByNumber(view.layout_.header_line[1]).next()
    assert body.textDirection() == Qt.LayoutDirection.RightToLeft
