"""Speakers by keyboard: F to the next flagged turn, S accepts and moves on, Ctrl+3 puts the
focus in the speaker box, "every turn labelled X" shows its turns first; two spellings of
one roster name are not a mismatch."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.conftest import rows
from tests.gui.test_speakers import gold

# The fixture's run suggests Marcus Oyelaran for turn 3 (labelled "Priya"); the demo call's
# turn 16 is labelled "Meridian Partners", a firm, which names no one on the roster.
FLAGGED = [3, 16]


def test_f_walks_the_flagged_turns_and_s_accepts_and_moves_on(window, project_db,
                                                              qtbot) -> None:
    path, tid = project_db
    assert window.flagged_turns() == FLAGGED
    qtbot.keyClick(window.view, Qt.Key.Key_F)
    assert window.current_turn == 3 and window.speakers.turn_idx == 3
    assert "Marcus Oyelaran" in window.speakers.suggestion.text()
    qtbot.keyClick(window.view, Qt.Key.Key_S)
    assert gold(path, tid)[3] == ("Marcus Oyelaran", "corrected")
    assert window.current_turn == 16  # moved on to the next flagged turn
    assert window.flagged_turns() == [16]
    qtbot.keyClick(window.view, Qt.Key.Key_F)  # wraps around to what is left
    assert window.current_turn == 16


def test_ctrl_3_then_keys_fix_every_turn_of_one_label(window, project_db, qtbot) -> None:
    path, tid = project_db
    priya = [t.idx for t in window.controller.turns if t.label == "Priya"]
    qtbot.keyClick(window.view, Qt.Key.Key_F)  # turn 3, labelled "Priya"
    qtbot.keyClick(window.view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    combo = window.speakers.speaker
    assert window.focusWidget() in (combo, combo.lineEdit())
    qtbot.keyClicks(combo, "mar")  # completes a roster name
    assert window.speakers.chosen_name() == "Marcus Oyelaran"
    qtbot.keyClick(combo, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    box = window.speakers.preview
    qtbot.waitUntil(box.isVisible)
    # The preview lists every turn it will change, before anything changes.
    listed = box.informativeText()
    assert all(f"turn {i}:" in listed for i in priya)
    assert f"{len(priya)} turn(s)" in box.text()
    assert rows(path, "SELECT count(*) FROM decisions") == [(0,)]
    qtbot.keyClick(box, Qt.Key.Key_Return)
    g = gold(path, tid)
    assert all(g[i][0] == "Marcus Oyelaran" for i in priya)
    assert rows(path, "SELECT action FROM decisions") == [("relabel_all",)]


def test_escape_in_the_preview_changes_nothing(window, project_db, qtbot) -> None:
    path, _ = project_db
    qtbot.keyClick(window.view, Qt.Key.Key_F)
    qtbot.keyClick(window.view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    combo = window.speakers.speaker
    qtbot.keyClick(combo, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    box = window.speakers.preview
    qtbot.waitUntil(box.isVisible)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert rows(path, "SELECT count(*) FROM decisions") == [(0,)]


def test_a_latin_and_an_arabic_spelling_of_one_name_are_not_a_mismatch(qtbot) -> None:
    from reviewer.core.model import Paragraph, ParsedTranscript, Participant, Turn
    from reviewer.gui.theme import Theme
    from reviewer.gui.transcript_view import TranscriptView
    from tests.gui.test_layout import states

    arabic = "\u0641\u064a\u0643\u0631\u0627\u0645 \u0641\u064a\u0631\u0645\u0627"
    one, two = "Revenue grew 30% year over year.", "Margins were stable."
    text = f"{arabic}\n{one}\nVik\n{two}\n"
    a, b = text.index(one), text.index(two)
    turn = Turn(0, arabic, "Vikram Verma", "ceo", "prepared", a, a + len(one),
                [Paragraph(a, a + len(one), "en")])
    other = Turn(1, "Vik", "Vikram Verma", "ceo", "prepared", b, b + len(two),
                 [Paragraph(b, b + len(two), "en")])
    roster = [Participant("Vikram Verma", "ceo", None, [arabic])]
    parsed = ParsedTranscript("streetevents", text, participants=roster, turns=[turn, other])
    view = TranscriptView(Theme(False))
    qtbot.addWidget(view)
    view.show_transcript(parsed, states(parsed), {}, [])
    lay = view.layout_
    first = lay.lines[lay.header_line[0]]
    assert "label \u201c" not in first and f"written \u201c{arabic}\u201d" in first
    styles = {sp.style for sp in lay.header_spans[lay.header_line[0]]}
    assert "label" not in styles  # shown quietly, not in the mismatch colour
    # A label that is not one of its spellings still shows as a mismatch.
    assert "label \u201cVik\u201d" in lay.lines[lay.header_line[1]]
