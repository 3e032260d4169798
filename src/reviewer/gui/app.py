"""Starting the desktop app: ``reviewer-gui [--db FILE]`` / ``reviewer gui``.

With no ``--db`` it reopens the last project, or the demo project (created on first run in the
user's data folder). ``--quit-after-load`` (or REVIEWER_GUI_QUIT_AFTER_LOAD=1) opens the
project and the window, prints ``opened <path>: N transcripts`` and exits 0 — for packaging
checks and scripts.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reviewer import __version__


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="reviewer-gui", description="Transcript Reviewer")
    p.add_argument("--db", type=Path, help="the project file to open (created when missing)")
    p.add_argument("--demo", action="store_true", help="open the built-in demo project")
    p.add_argument("--reviewer", help="your name, recorded with each decision (remembered)")
    p.add_argument("--theme", choices=("system", "light", "dark"),
                   help="colours (default: as last chosen, else follow the system)")
    p.add_argument("--quit-after-load", action="store_true",
                   help="open the project, print a summary line and exit")
    p.add_argument("--version", action="version", version=f"reviewer-gui {__version__}")
    args, _qt = p.parse_known_args(argv)
    return args


def _initial_project(args: argparse.Namespace, settings):
    from reviewer.core.demo import open_demo_project
    from reviewer.core.store import open_project

    if args.db is not None:
        return open_project(args.db)
    if not args.demo:
        for recent in settings.recent():
            if Path(recent).is_file():
                return open_project(recent)
    return open_demo_project()


def main(argv: list[str] | None = None) -> int:
    """Run the app; returns the exit status."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from reviewer.core.demo import is_fresh_demo
    from reviewer.core.errors import ReviewerError
    from reviewer.gui.main_window import MainWindow
    from reviewer.gui.settings import APPLICATION, ORGANIZATION, AppSettings
    from reviewer.gui.theme import apply_theme

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QGuiApplication.setDesktopFileName("transcript-reviewer")
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "reviewer"])
    app.setApplicationDisplayName("Transcript Reviewer")
    quit_after = args.quit_after_load or os.environ.get("REVIEWER_GUI_QUIT_AFTER_LOAD") == "1"
    settings = AppSettings()
    if args.reviewer:
        settings.reviewer = args.reviewer
    if args.theme:
        settings.theme = args.theme
    theme = apply_theme(app, settings.theme)
    try:
        project = _initial_project(args, settings)
    except ReviewerError as exc:
        if quit_after:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        QMessageBox.critical(None, "Cannot open the project", str(exc))
        project = None
    window = MainWindow(project, settings, theme)
    if quit_after:
        app.processEvents()
        n = project.count() if project is not None else 0
        print(f"opened {project.path if project else '-'}: {n} transcripts", flush=True)
        window.close()
        return 0
    window.show()
    if project is not None and is_fresh_demo(project):
        # First run on the demo: let the extractor propose mentions to review right away.
        QTimer.singleShot(0, lambda: window.run_extractor(quiet=True))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
