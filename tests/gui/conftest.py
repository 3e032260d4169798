"""GUI test fixtures: offscreen Qt, an isolated home (settings, data), and the real main window
on a file project holding the demo transcript with a fake extractor run."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite3
from pathlib import Path

import pytest

import reviewer.gui  # noqa: F401 - before any Qt call: PySide6 6.12 workaround
from tests.core.test_review_fixtures import demo_project, fake_run

SUGGEST = [(3, "Priya", "Marcus Oyelaran", "speaks about the results after the hand-over")]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("REVIEWER_GUI_QUIT_AFTER_LOAD", raising=False)
    return home


@pytest.fixture
def project_db(tmp_path) -> tuple[Path, int]:
    """A project file with the demo transcript, pre-annotated by a fake run."""
    path = tmp_path / "project.db"
    from reviewer.core.review import preannotate_run

    project, tid = demo_project(path)
    preannotate_run(project, fake_run(project, tid, SUGGEST))  # as `extract --db` does
    project.close()
    return path, tid


@pytest.fixture
def open_window(qtbot):
    """Open the real main window on a project file (closed at teardown)."""
    from PySide6.QtWidgets import QApplication

    from reviewer.core.store import open_project
    from reviewer.gui.main_window import MainWindow
    from reviewer.gui.settings import AppSettings

    windows = []

    def opener(path: Path, reviewer: str = "ana"):
        settings = AppSettings()
        settings.reviewer = reviewer
        w = MainWindow(open_project(path), settings)
        qtbot.addWidget(w)
        w.resize(1400, 900)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()  # window-wide shortcuts fire only in the active window
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
        w.view.setFocus()
        windows.append(w)
        return w

    yield opener
    for w in windows:
        if w.isVisible():
            w.close()


@pytest.fixture
def window(open_window, project_db):
    return open_window(project_db[0])


def rows(path: Path, sql: str, args=()) -> list[tuple]:
    """Read the project with a separate connection: what is durable, not what a widget shows."""
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()
