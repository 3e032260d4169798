"""Reviewing mentions through the real main window, by keyboard: accept, reject, edit (with
"$1.2bn"), add from a selection, resize, accept a turn, undo/redo."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import rows


def status_of(path, aid):
    return rows(path, "SELECT status FROM annotations WHERE id = ?", (aid,))[0][0]


def test_opening_highlights_every_mention_and_selects_the_first(window, project_db) -> None:
    _path, _tid = project_db
    anns = window.controller.annotations
    assert len(anns) == 6 and window.mentions_model.rowCount() == 6
    marked = sum(len(v) for v in window.view.highlighter.marks.values())
    assert marked == 6
    # The format really is on the text: the block of the first mention carries it.
    a = anns[0]
    line, col, n = window.view.layout_.pieces(a.start, a.end)[0]
    block = window.view.document().findBlockByNumber(line)
    ranges = block.layout().formats()
    assert any(r.start == col and r.length == n for r in ranges)
    assert window.mentions.current_id() == a.id
    assert window.view.layout_.lines[line][col:col + n] == "$212.4 million"


def test_accept_and_reject_with_single_keys(window, project_db, qtbot) -> None:
    path, _ = project_db
    first, second = (a.id for a in window.controller.annotations[:2])
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    assert status_of(path, first) == "accepted"  # durable at once, seen by another connection
    assert window.mentions.current_id() == second  # moved on to the next pending one
    qtbot.keyClick(window.view, Qt.Key.Key_R)
    assert status_of(path, second) == "rejected"
    qtbot.keyClick(window.mentions.table, Qt.Key.Key_X)  # X rejects too, from the table
    third = window.controller.annotations[2].id
    assert status_of(path, third) == "rejected"
    assert rows(path, "SELECT reviewer FROM decisions") == [("ana",)] * 3
    assert window.transcript_bar.value() == 3
    assert "3/6" in window.transcripts.model.index(0, 3).data()


def test_next_previous_keep_text_and_table_in_sync(window, qtbot) -> None:
    anns = window.controller.annotations
    for key in (Qt.Key.Key_N, Qt.Key.Key_J):
        qtbot.keyClick(window.view, key)
    assert window.mentions.current_id() == anns[2].id
    assert window.view.current_mention() == anns[2].id
    qtbot.keyClick(window.view, Qt.Key.Key_K)
    assert window.view.current_mention() == anns[1].id
    # Clicking a row in the table moves the text.
    idx = window.mentions.proxy.index(4, 0)
    window.mentions.table.setCurrentIndex(idx)
    assert window.view.current_mention() == anns[4].id


def test_edit_value_by_typing_dollar_bn(window, project_db, qtbot) -> None:
    path, _ = project_db
    aid = window.controller.annotations[1].id  # "18%"
    window.go_to_mention(aid)
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: window.mentions.table.state()
                    == window.mentions.table.State.EditingState)
    editor = window.mentions.table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "$1.2bn")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop turn
    qtbot.waitUntil(lambda: window.controller.annotation(aid).status == "corrected")
    got = rows(path, "SELECT value, unit, status FROM annotations WHERE id = ?", (aid,))[0]
    assert got == (1.2e9, "USD", "corrected")
    assert window.mentions_model.index(1, 2).data() == "$1.2bn"


def test_an_unreadable_value_is_refused_and_nothing_changes(window, project_db, qtbot) -> None:
    path, _ = project_db
    before = rows(path, "SELECT * FROM annotations ORDER BY id")
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: window.mentions.table.state()
                    == window.mentions.table.State.EditingState)
    editor = window.mentions.table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "lots")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the validator keeps the editor open
    QCoreApplication.processEvents()  # a (wrong) queued commit would run here
    assert window.mentions.table.state() == window.mentions.table.State.EditingState
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    # Setting a bad period directly through the model is refused with a message.
    assert not window.mentions_model.setData(window.mentions_model.index(0, 4), "2024")
    assert "not a period" in window.statusBar().currentMessage()
    assert rows(path, "SELECT * FROM annotations ORDER BY id") == before
    assert rows(path, "SELECT count(*) FROM decisions") == [(0,)]


def test_edit_metric_kind_and_basis_in_place(window, project_db) -> None:
    path, _ = project_db
    m = window.mentions_model
    assert m.setData(m.index(0, 1), "adjusted_ebitda")
    assert m.setData(m.index(0, 5), "guidance")
    assert m.setData(m.index(0, 6), "non_gaap")
    got = rows(path, "SELECT metric, kind, basis, status FROM annotations ORDER BY start")[0]
    assert got == ("adjusted_ebitda", "guidance", "non_gaap", "corrected")


def test_add_a_missed_mention_from_a_selection(window, project_db, qtbot) -> None:
    path, _ = project_db
    text = window.controller.session.text
    start = text.index("1,184")
    window.view.select_source(start, start + len("1,184"))
    assert window.view.selection_span() == (start, start + 5)
    qtbot.keyClick(window.view, Qt.Key.Key_M)
    got = rows(path, 'SELECT start, "end", value, unit, status FROM annotations'
                     " WHERE status = 'added'")
    assert got == [(start, start + 5, 1184.0, "count", "added")]
    assert window.mentions_model.rowCount() == 7
    new_id = window.mentions.current_id()
    assert window.controller.annotation(new_id).status == "added"


def test_resize_to_selection_and_by_nudges(window, project_db, qtbot) -> None:
    path, _ = project_db
    a = window.controller.annotations[0]  # "$212.4 million"
    window.view.select_source(a.start, a.start + len("$212.4"))
    qtbot.keyClick(window.view, Qt.Key.Key_Z)
    assert rows(path, 'SELECT start, "end", status FROM annotations WHERE id = ?', (a.id,)) \
        == [(a.start, a.start + 6, "corrected")]
    qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Left,
                   Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    (s, e), = rows(path, 'SELECT start, "end" FROM annotations WHERE id = ?', (a.id,))
    assert window.controller.session.text[s:e] == "s $212.4 m"  # spaces are stepped over


def test_accept_every_pending_mention_of_the_turn(window, project_db, qtbot) -> None:
    path, _ = project_db
    qtbot.keyClick(window.view, Qt.Key.Key_T)
    turn = next(t for t in window.controller.turns if t.idx == 2)
    inside = rows(path, "SELECT status FROM annotations WHERE start >= ? AND start < ?",
                  (turn.start, turn.end))
    assert inside and all(s == ("accepted",) for s in inside)
    assert rows(path, "SELECT count(*) FROM decisions") == [(1,)]


def test_undo_and_redo_with_the_keyboard(window, project_db, qtbot) -> None:
    path, _ = project_db
    aid = window.controller.annotations[0].id
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    qtbot.keyClick(window.view, Qt.Key.Key_R)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_of(path, aid) == "pending"
    assert window.mentions.current_id() == aid  # the undone mention is shown
    assert not window.actions_["undo"].isEnabled()
    qtbot.keyClick(window.view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert status_of(path, aid) == "accepted"
    assert "Redone" in window.statusBar().currentMessage()
    fmt_status = window.controller.annotation(aid).status
    assert fmt_status == "accepted"


def test_mark_reviewed_and_reopen(window, project_db, qtbot) -> None:
    path, tid = project_db
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pending_box.isVisible())  # 6 pending: it asks first
    qtbot.keyClick(window.pending_box, Qt.Key.Key_L)  # the button's mnemonic
    qtbot.waitUntil(lambda: window.controller.info().get("status") == "reviewed")
    assert rows(path, "SELECT status, reviewed_by FROM transcripts WHERE id = ?", (tid,)) \
        == [("reviewed", "ana")]
    assert "6 pending mention(s) left out" in window.statusBar().currentMessage()
    assert "reviewed" in window.windowTitle()
    qtbot.waitUntil(lambda: not window.pending_box.isVisible()
                    and QApplication.activeWindow() is window)  # the question has gone
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert rows(path, "SELECT status FROM transcripts WHERE id = ?", (tid,)) \
        == [("in_progress",)]


def test_reviewing_with_the_pending_filter_keeps_it(window, project_db, qtbot) -> None:
    path, _ = project_db
    panel = window.mentions
    panel.filter.setCurrentText("Pending")
    first = window.controller.annotations[0].id
    window.go_to_mention(first)
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    assert panel.filter.currentText() == "Pending"
    assert panel.proxy.rowCount() == 5
    assert window.mentions.current_id() == window.controller.annotations[1].id
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    assert status_of(path, window.controller.annotations[1].id) == "accepted"
    assert panel.proxy.rowCount() == 4
