"""Fixing speakers through the real window: one turn, every turn with a label, the extractor's
suggestion (S), and the roster (add, rename, merge, set role)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.conftest import rows


def gold(path, tid):
    return {idx: (gs, st) for idx, gs, st in rows(
        path, "SELECT idx, gold_speaker, speaker_status FROM turns WHERE transcript_id = ?",
        (tid,))}


def test_accept_the_suggested_speaker_with_s(window, project_db, qtbot) -> None:
    path, tid = project_db
    window.view.go_to_turn(3)
    assert window.current_turn == 3
    assert "Marcus Oyelaran" in window.speakers.suggestion.text()
    assert "hand-over" in window.speakers.suggestion.text()  # the reason is shown
    header = window.view.layout_.header_line[3]
    assert "\u2691 Marcus Oyelaran?" in window.view.layout_.lines[header]
    qtbot.keyClick(window.view, Qt.Key.Key_S)
    assert gold(path, tid)[3] == ("Marcus Oyelaran", "corrected")
    # The header now names the corrected speaker, and the text did not move.
    line = window.view.document().findBlockByNumber(header).text()
    assert line.startswith("\u258d Marcus Oyelaran") and "label \u201cPriya\u201d" in line
    a = window.controller.annotations[0]
    piece = window.view.layout_.pieces(a.start, a.end)[0]
    block = window.view.document().findBlockByNumber(piece[0]).text()
    assert block[piece[1]:piece[1] + piece[2]] == "$212.4 million"


def test_change_one_turn_then_every_turn_with_the_same_label(window, project_db, qtbot) -> None:
    path, tid = project_db
    priya_turns = [t.idx for t in window.controller.turns if t.label == "Priya"]
    assert len(priya_turns) > 1
    window.view.go_to_turn(priya_turns[0])
    window.show_speakers()
    panel = window.speakers
    panel.speaker.setCurrentText("Marcus Oyelaran")
    qtbot.mouseClick(panel.set_one, Qt.MouseButton.LeftButton)
    g = gold(path, tid)
    assert g[priya_turns[0]] == ("Marcus Oyelaran", "corrected")
    assert g[priya_turns[1]] == (None, None)
    panel.speaker.setCurrentText("Priya Raman")
    assert "Priya" in panel.set_all.text()
    qtbot.mouseClick(panel.set_all, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.preview.isVisible)  # the turns it will change, shown first
    qtbot.keyClick(panel.preview, Qt.Key.Key_Return)
    g = gold(path, tid)
    assert all(g[i] == ("Priya Raman", "confirmed") or g[i][0] == "Priya Raman"
               for i in priya_turns)
    assert rows(path, "SELECT action FROM decisions ORDER BY id") == [
        ("set_speaker",), ("relabel_all",)]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gold(path, tid)[priya_turns[1]] == (None, None)
    assert gold(path, tid)[priya_turns[0]] == ("Marcus Oyelaran", "corrected")


def test_roster_add_rename_merge_and_role(window, project_db) -> None:
    path, _tid = project_db
    panel = window.speakers
    m = panel.roster_model
    assert panel.add_participant("Chris Lee", "analyst", "Harlow Securities")
    names = [p.name for p in window.controller.roster]
    assert "Chris Lee" in names and m.rowCount() == len(names)
    row = names.index("Chris Lee")
    assert m.setData(m.index(row, 0), "Christopher Lee")  # rename in place
    assert m.setData(m.index(row, 1), "executive")  # role in place
    assert rows(path, "SELECT role FROM participants WHERE name = 'Christopher Lee'") == [
        ("executive",)]
    assert panel.merge("Christopher Lee", "Tom Becker")
    assert "Christopher Lee" not in [p.name for p in window.controller.roster]
    aliases = rows(path, "SELECT aliases FROM participants WHERE name = 'Tom Becker'")[0][0]
    assert "Christopher Lee" in aliases and "Chris Lee" in aliases
    assert panel.speaker.findText("Christopher Lee") == -1  # the combo follows the roster
    # A duplicate name is refused with a message, nothing changes.
    before = rows(path, "SELECT * FROM participants ORDER BY id")
    assert not panel.add_participant("Tom Becker", "analyst")
    assert "already in the roster" in window.statusBar().currentMessage()
    assert rows(path, "SELECT * FROM participants ORDER BY id") == before


def test_jump_between_turns_with_brackets(window, qtbot) -> None:
    window.view.go_to_turn(2)
    qtbot.keyClick(window.view, Qt.Key.Key_BracketRight)
    assert window.current_turn == 3 and window.speakers.turn_idx == 3
    qtbot.keyClick(window.view, Qt.Key.Key_BracketRight)
    qtbot.keyClick(window.view, Qt.Key.Key_BracketLeft)
    assert window.current_turn == 3
    assert "Turn 3" in window.speakers.title.text()
