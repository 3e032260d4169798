"""Trust: decisions survive closing and reopening (undo included), a second window sees the
first one's decisions, bad or locked databases give a clear message and change nothing."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import rows


def test_close_and_reopen_shows_everything_and_undo_still_works(open_window, project_db,
                                                                 qtbot) -> None:
    path, tid = project_db
    w = open_window(path)
    anns = w.controller.annotations
    qtbot.keyClick(w.view, Qt.Key.Key_A)
    qtbot.keyClick(w.view, Qt.Key.Key_R)
    assert w.mentions_model.setData(w.mentions_model.index(2, 2), "$1.2bn")
    text = w.controller.session.text
    start = text.index("1,184")
    w.view.select_source(start, start + 5)
    qtbot.keyClick(w.view, Qt.Key.Key_M)
    qtbot.keyClick(w.metric_chooser.edit, Qt.Key.Key_Escape)  # keep the guessed metric
    w.view.go_to_turn(3)
    qtbot.keyClick(w.view, Qt.Key.Key_S)
    w.close()

    w2 = open_window(path, reviewer="bo")
    assert w2.controller.session.transcript_id == tid  # the last transcript is reopened
    got = {a.id: a for a in w2.controller.annotations}
    assert got[anns[0].id].status == "accepted" and got[anns[1].id].status == "rejected"
    assert got[anns[2].id].value == 1.2e9
    assert any(a.status == "added" and text[a.start:a.end] == "1,184" for a in got.values())
    assert w2.controller.turn(3).current_speaker == "Marcus Oyelaran"
    assert "Marcus Oyelaran" in w2.view.layout_.lines[w2.view.layout_.header_line[3]]
    # Undo reaches back into the previous session, decision by decision.
    qtbot.keyClick(w2.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w2.controller.turn(3).current_speaker == "Priya Raman"
    qtbot.keyClick(w2.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(w2.controller.annotations) == len(anns)
    assert rows(path, "SELECT reviewer FROM decisions ORDER BY id") == [("ana",)] * 5


def test_a_decision_is_durable_before_the_window_closes(window, project_db, qtbot) -> None:
    # As if the app crashed right after the key press: another connection already sees it.
    path, _ = project_db
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM annotations WHERE status = 'accepted'"
                       ).fetchone() == (1,)
    assert con.execute("SELECT count(*) FROM decisions").fetchone() == (1,)
    con.close()


def test_not_a_database_gives_a_message_and_keeps_the_current_project(window, project_db,
                                                                      tmp_path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"this is not a database" * 20)
    assert not window.open_project_path(bad)
    box = window.last_error
    assert box.isVisible() and "not a Transcript Reviewer project" in box.text()
    assert bad.read_bytes() == b"this is not a database" * 20
    assert window.project.path == project_db[0]  # still on the good project
    box.close()


def test_a_locked_database_refuses_the_decision_and_loses_nothing(window, project_db,
                                                                   qtbot) -> None:
    path, _ = project_db
    window.project.db.execute("PRAGMA busy_timeout = 100")
    before = rows(path, "SELECT * FROM annotations ORDER BY id")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: getattr(window, "last_error", None) is not None)
    assert "locked by another program" in window.last_error.text()
    window.last_error.close()
    other.execute("ROLLBACK")
    other.close()
    assert rows(path, "SELECT * FROM annotations ORDER BY id") == before
    assert all(a.status == "pending" for a in window.controller.annotations)
    first = window.controller.annotations[0].id
    window.go_to_mention(first)
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # once free again, it works
    assert rows(path, "SELECT status FROM annotations WHERE id = ?", (first,)) == [
        ("accepted",)]


def test_a_second_window_is_told_and_sees_the_other_ones_decisions(open_window, project_db,
                                                                    qtbot) -> None:
    path, _ = project_db
    w1 = open_window(path)
    w2 = open_window(path, reviewer="bo")
    assert w2.notice_bar.isVisible() and "also open" in w2.notice_bar.label.text()
    aid = w1.controller.annotations[0].id
    w1.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w1)
    w1.view.setFocus()
    qtbot.keyClick(w1.view, Qt.Key.Key_A)
    w2._check_external()  # what the window's timer does every 2 s
    assert w2.controller.annotation(aid).status == "accepted"
    status = w2.mentions_model.index(0, 7)
    assert status.data() == "\u2713" and "accepted" in status.data(Qt.ItemDataRole.ToolTipRole)


def test_a_read_only_project_is_flagged_and_refuses_decisions(open_window, project_db, qtbot,
                                                               monkeypatch) -> None:
    import os

    from reviewer.core.review.preannotate import preannotate
    from reviewer.core.store import open_project

    path, tid = project_db
    project = open_project(path)
    preannotate(project, tid)  # proposals exist before the project turns read-only
    project.close()
    # As root the file mode would not stop writes: the kernel's answer is replaced (the real
    # file-mode case runs without CAP_DAC_OVERRIDE in tests/faults).
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False)
    w = open_window(path)
    monkeypatch.setattr(os, "access", real_access)
    assert w.project.read_only
    assert w.notice_bar.isVisible() and "read-only" in w.notice_bar.label.text()
    before = rows(path, "SELECT * FROM annotations ORDER BY id")
    qtbot.keyClick(w.view, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: getattr(w, "last_error", None) is not None)
    assert "read-only" in w.last_error.text()
    w.last_error.close()
    assert rows(path, "SELECT * FROM annotations ORDER BY id") == before
    assert rows(path, "SELECT count(*) FROM decisions") == [(0,)]
