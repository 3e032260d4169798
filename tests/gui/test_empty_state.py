"""Nothing to review: after a failed open the window says so and offers a way out, and the
review commands stay disabled until a project (with a transcript) is open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from reviewer.gui.app import main
from reviewer.gui.empty_state import NEEDS_PROJECT, NEEDS_TRANSCRIPT, NEEDS_TRANSCRIPTS
from tests.conftest import DEMO


def enabled(w, names) -> dict[str, bool]:
    return {n: w.actions_[n].isEnabled() for n in names}


def shows_empty_state(w, title: str, buttons: set[str]) -> bool:
    e = w.empty_state
    return (w.central_stack.currentWidget() is e and e.isVisible()
            and e.title.text() == title
            and {k for k, b in e.buttons.items() if b.isVisible()} == buttons)


def test_a_corrupt_database_leaves_an_empty_state_until_a_project_opens(
        tmp_path, monkeypatch, qapp, qtbot, project_db) -> None:
    bad = tmp_path / "corrupt.db"
    bad.write_bytes(b"garbage" * 100)
    monkeypatch.setattr(QMessageBox, "critical", lambda *_a: None)
    shown = []
    monkeypatch.setattr(QApplication, "exec", lambda self: shown.extend(
        w for w in self.topLevelWidgets() if w.objectName() == "mainWindow" and w.isVisible())
        or 0)
    assert main(["--db", str(bad)]) == 0
    w = shown[0]
    qtbot.addWidget(w)
    assert w.project is None
    assert shows_empty_state(w, "No project open", {"new", "open", "demo"})
    assert "Ctrl+N" in w.empty_state.hint.text() and "Ctrl+O" in w.empty_state.hint.text()
    assert not any(enabled(w, NEEDS_PROJECT + NEEDS_TRANSCRIPTS + NEEDS_TRANSCRIPT).values())
    assert w.actions_["open_project"].isEnabled() and w.actions_["new_project"].isEnabled()

    # File > Open project... from the empty state's button.
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_a, **_k: (str(project_db[0]), ""))
    qtbot.mouseClick(w.empty_state.buttons["open"], Qt.MouseButton.LeftButton)
    assert w.project is not None and w.controller.session is not None
    assert w.central_stack.currentWidget() is w.view and not w.empty_state.isVisible()
    assert all(enabled(w, NEEDS_PROJECT + NEEDS_TRANSCRIPTS).values())
    assert all(v for n, v in enabled(w, NEEDS_TRANSCRIPT).items() if n not in ("undo", "redo"))
    assert not w.actions_["undo"].isEnabled()  # nothing done yet
    w.actions_["accept"].trigger()
    assert w.actions_["undo"].isEnabled()
    w.controller.open_transcript(None)  # (a transcript that failed to open, say)
    assert shows_empty_state(w, "No transcript open", set())
    assert not any(enabled(w, NEEDS_TRANSCRIPT).values())
    assert all(enabled(w, NEEDS_TRANSCRIPTS).values())
    w.close()


def test_a_project_without_transcripts_hints_at_import(open_window, tmp_path, qtbot,
                                                       monkeypatch) -> None:
    w = open_window(tmp_path / "empty.db")
    assert shows_empty_state(w, "This project has no transcripts yet",
                             {"import", "import_folder"})
    assert "Ctrl+I" in w.empty_state.hint.text()
    assert all(enabled(w, NEEDS_PROJECT).values())
    assert not any(enabled(w, NEEDS_TRANSCRIPTS + NEEDS_TRANSCRIPT).values())

    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *_a, **_k: ([str(DEMO / "altamira_q3_fy2024_asr.txt")], ""))
    qtbot.mouseClick(w.empty_state.buttons["import"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.controller.session is not None and not w.jobs, timeout=30000)
    assert w.central_stack.currentWidget() is w.view
    assert w.actions_["mark_reviewed"].isEnabled() and w.actions_["open_find"].isEnabled()


def test_the_demo_button_opens_the_demo_project(qtbot) -> None:
    from reviewer.core.paths import demo_project_path
    from reviewer.gui.main_window import MainWindow
    from reviewer.gui.settings import AppSettings

    w = MainWindow(None, AppSettings())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert shows_empty_state(w, "No project open", {"new", "open", "demo"})
    qtbot.mouseClick(w.empty_state.buttons["demo"], Qt.MouseButton.LeftButton)
    assert w.project is not None and w.project.path == demo_project_path()
    qtbot.waitUntil(lambda: not w.jobs, timeout=60000)  # its first run pre-annotates it
    assert w.central_stack.currentWidget() is w.view
    assert w.actions_["accept"].isEnabled()
    w.close()
