"""The app around the review: starting it, projects, import with progress and cancel, the
extractor, find, help overlay, settings, palettes, the transcript list."""

from __future__ import annotations

import threading

import pytest
from click.testing import CliRunner
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QPushButton

from reviewer.cli import cli
from reviewer.gui.app import main
from reviewer.gui.settings import AppSettings
from reviewer.gui.workers import extractor_available
from tests.conftest import DEMO
from tests.gui.conftest import rows


def test_app_quit_after_load_prints_the_project(project_db, capsys, qapp) -> None:
    path, _ = project_db
    assert main(["--db", str(path), "--quit-after-load"]) == 0
    assert capsys.readouterr().out.strip() == f"opened {path}: 1 transcripts"


def test_app_on_a_bad_database_says_so(tmp_path, capsys, qapp) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 100)
    assert main(["--db", str(bad), "--quit-after-load"]) == 1
    assert "not a Transcript Reviewer project" in capsys.readouterr().err
    assert bad.read_bytes() == b"garbage" * 100


def test_app_on_a_bad_database_shows_an_empty_window(tmp_path, monkeypatch, qapp) -> None:
    # Without --quit-after-load: a dialog says why, then the window opens with no project
    # (File > Open... from there) instead of a traceback.
    from PySide6.QtWidgets import QMessageBox

    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 100)
    said, shown = [], []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text: said.append(text))
    monkeypatch.setattr(QApplication, "exec", lambda self: shown.extend(
        w for w in self.topLevelWidgets() if w.objectName() == "mainWindow" and w.isVisible())
        or 0)
    assert main(["--db", str(bad)]) == 0
    assert len(said) == 1 and "not a Transcript Reviewer project" in said[0]
    assert shown and shown[0].project is None
    shown[0].close()
    assert bad.read_bytes() == b"garbage" * 100


def test_reviewer_gui_command_and_demo_by_default(isolated_home, qapp) -> None:
    out = CliRunner().invoke(cli, ["gui", "--quit-after-load"])
    assert out.exit_code == 0, out.output
    assert "demo.db: " in out.output
    n = len(list(DEMO.glob("*.txt")))
    assert out.output.strip().endswith(f"{n} transcripts")


def test_plain_reviewer_prints_the_demo_without_a_display(monkeypatch, isolated_home) -> None:
    for var in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    out = CliRunner().invoke(cli, [])
    assert out.exit_code == 0, out.output
    assert "Demo project:" in out.output and "transcript(s)" in out.output


def test_find_with_ctrl_f(window, qtbot) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible() and window.find_edit.hasFocus()
    qtbot.keyClicks(window.find_edit, "Japan")  # found while typing, letter by letter
    assert window.view.textCursor().selectedText() == "Japan"
    first = window.view.textCursor().selectionStart()
    qtbot.keyClick(window.find_edit, Qt.Key.Key_Return)  # Enter: the next one
    assert window.view.textCursor().selectionStart() != first
    assert window.view.textCursor().selectedText() == "Japan"
    qtbot.keyClick(window.find_edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


def test_help_overlay_lists_the_shortcuts(window, qtbot) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    overlay = window.help_overlay
    assert overlay.isVisible()
    html = overlay.sheet.toPlainText()
    for words in ("Accept mention", "Reject mention", "Undo", "Mark reviewed",
                  "suggested speaker", "Add mention from the selection"):
        assert words in html
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert not overlay.isVisible()


def test_transcript_list_filters_and_shows_progress(window, qtbot) -> None:
    panel = window.transcripts
    assert panel.proxy.rowCount() == 1
    assert panel.model.index(0, 3).data() == "0/6"
    qtbot.keyClicks(panel.search, "altamira")
    assert panel.proxy.rowCount() == 1
    panel.search.setText("no such company")
    assert panel.proxy.rowCount() == 0
    panel.search.clear()
    panel.status.setCurrentIndex(panel.status.findData("reviewed"))
    assert panel.proxy.rowCount() == 0


def test_import_shows_a_summary_of_what_was_skipped(window, tmp_path, qtbot) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.txt").write_text("Revenue grew 12% to $40 million.\n\nThanks.\n")
    job = window.import_paths([str(folder)])
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    qtbot.waitUntil(lambda: getattr(window, "last_import", None) is not None)
    report = window.last_import
    assert len(report.added) == 1 and len(report.skipped) == 1
    assert "empty.txt" in window.last_info.text() and "the file is empty" in window.last_info.text()
    assert window.transcripts.model.rowCount() == 2


def test_import_can_be_cancelled_and_keeps_what_was_done(window, tmp_path, qtbot,
                                                         monkeypatch) -> None:
    import reviewer.core.importer as importer

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(5):
        (folder / f"t{i}.txt").write_text(f"Call {i}.\n\nRevenue was ${i + 1} million.\n")
    calls, gate = [], threading.Event()
    real = importer.parse_file

    def slow_parse(path, encoding=None):  # the second file waits for the user's Cancel
        calls.append(path)
        if len(calls) == 2:
            gate.wait(10)
        return real(path, encoding)

    monkeypatch.setattr(importer, "parse_file", slow_parse)
    job = window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: len(calls) == 2)
    window.progress_dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    gate.set()
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    qtbot.waitUntil(lambda: getattr(window, "last_import", None) is not None)
    assert window.last_import.cancelled and len(window.last_import.added) == 2
    assert window.transcripts.model.rowCount() == 3


@pytest.mark.skipif(not extractor_available(), reason="the extractor runner is not there yet")
def test_run_the_extractor_from_the_app(open_window, tmp_path, qtbot) -> None:
    from tests.core.test_review_fixtures import demo_project

    project, _tid = demo_project(tmp_path / "fresh.db")
    project.close()
    w = open_window(tmp_path / "fresh.db")
    assert w.controller.annotations == []
    job = w.run_extractor()
    with qtbot.waitSignal(job.finished, timeout=120000):
        pass
    qtbot.waitUntil(lambda: len(w.controller.annotations) > 0, timeout=10000)
    assert rows(tmp_path / "fresh.db", "SELECT count(*) FROM runs")[0][0] == 1
    assert w.mentions_model.rowCount() == len(w.controller.annotations)
    # The run pre-annotated the project, as `extract --db` does, and says so.
    preds = rows(tmp_path / "fresh.db", "SELECT count(*) FROM predictions")[0][0]
    assert rows(tmp_path / "fresh.db", "SELECT count(*) FROM annotations"
                " WHERE status = 'pending'")[0][0] == preds
    qtbot.waitUntil(lambda: getattr(w, "last_info", None) is not None)
    assert f"{preds} pending mention(s) added" in w.last_info.text()


def test_layout_recent_projects_and_view_options_are_remembered(open_window, project_db,
                                                                 qtbot) -> None:
    path, _ = project_db
    w = open_window(path)
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # outside
    assert w.view.outside
    w.close()
    s = AppSettings()
    assert s.recent()[0] == str(path.resolve())
    assert s.geometry()[0] is not None and s.flag("outside", False)
    w2 = open_window(path)
    assert w2.actions_["outside"].isChecked() and w2.view.outside


def test_dark_palette_and_back(window) -> None:
    window.set_theme("dark")
    app = QApplication.instance()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 100
    assert window.view.theme.dark
    window.set_theme("light")
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 150
    assert AppSettings().theme == "light"


def test_a_location_opens_its_mention_or_selects_the_span(window) -> None:
    tid = window.controller.session.transcript_id
    a = window.controller.annotations[3]
    window.show_location(tid, a.start, a.end)
    assert window.mentions.current_id() == a.id and window.view.current_mention() == a.id
    text = window.controller.session.text
    start = text.index("1,184")
    window.show_location(tid, start, start + 5)
    assert window.view.selection_span() == (start, start + 5)


def test_evaluate_from_the_app_lists_errors_that_open_their_place(window, qtbot) -> None:
    pytest.importorskip("reviewer.core.evaluate.report")
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # some gold: one accepted mention, reviewed
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pending_box.isVisible())
    qtbot.keyClick(window.pending_box, Qt.Key.Key_L)  # the button's mnemonic
    qtbot.waitUntil(lambda: window.controller.info().get("status") == "reviewed")
    window.evaluate()
    view = window.evaluation
    assert window.evaluation_dock.isVisible()
    with qtbot.waitSignals([view.evaluationFinished], timeout=60000,
                           raising=False) as blocker:
        pass
    assert blocker.signal_triggered or view.report is not None
    view.locationRequested.emit(window.controller.session.transcript_id,
                                window.controller.annotations[0].start,
                                window.controller.annotations[0].end)
    assert window.view.current_mention() == window.controller.annotations[0].id


def test_plain_reviewer_starts_the_app_on_the_demo(monkeypatch, isolated_home, qapp) -> None:
    monkeypatch.setenv("REVIEWER_GUI_QUIT_AFTER_LOAD", "1")  # the app's test-friendly exit
    out = CliRunner().invoke(cli, [])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("opened ") and "demo.db" in out.output


def test_typing_in_a_search_box_is_not_a_decision(window, project_db, qtbot) -> None:
    path, _ = project_db
    window.focus_list()
    qtbot.keyClicks(window.transcripts.search, "artex")  # a, r, t, e, x are review keys
    assert window.transcripts.search.text() == "artex"
    assert rows(path, "SELECT count(*) FROM decisions") == [(0,)]


def test_the_demo_is_pre_annotated_on_its_first_run_only(isolated_home) -> None:
    from reviewer.core.demo import is_fresh_demo, open_demo_project
    from tests.core.test_review_fixtures import fake_run

    project = open_demo_project()
    assert is_fresh_demo(project)
    fake_run(project, next(t.id for t in project.list_transcripts() if "asr" in t.name))
    assert not is_fresh_demo(project)
    project.close()


def test_many_qt_calls_cannot_free_none(qapp) -> None:
    # PySide6 6.12.0 drops a reference to None on every void call (and to True on every
    # signal emit) on Python < 3.12; reviewer.gui makes them immortal, as 3.12 does.
    import sys

    from PySide6.QtWidgets import QPlainTextEdit

    edit = QPlainTextEdit()
    before = sys.getrefcount(None)
    for _ in range(20000):  # more than None's whole natural reference count
        edit.setReadOnly(True)
    assert sys.getrefcount(None) > 1 << 30 or sys.getrefcount(None) >= before - 10
