"""Not a timing bench: takes the README screenshots of the real app (run it under Xvfb).

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python bench/bench_gui_screenshots.py \
        [docs/screenshots] [scene ...]

Builds the demo project in a temporary home, runs the built-in extractor on it, opens the main
window at 1440x900 and saves one PNG per scene: main_window (reviewing mentions), laptop (the
same at 1280x720), speakers (a speaker fixed from the extractor's suggestion, the roster),
dark (dark palette, a bilingual transcript with its translations), help (the shortcut
overlay).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENES = ("main_window", "laptop", "speakers", "dark", "help")
SIZES = {"laptop": (1280, 720)}
DEFAULT_SIZE = (1440, 900)


def take(scene: str, out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from reviewer.core.demo import open_demo_project
    from reviewer.gui.main_window import MainWindow
    from reviewer.gui.settings import AppSettings
    from reviewer.gui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    settings = AppSettings()
    settings.reviewer = "Ana Reviewer"
    settings.theme = "dark" if scene == "dark" else "light"
    theme = apply_theme(app, settings.theme)
    window = MainWindow(open_demo_project(), settings, theme)
    window.resize(*SIZES.get(scene, DEFAULT_SIZE))
    window.show()
    app.processEvents()
    rows = window.transcripts.model.rows
    want = "bilingual" if scene == "dark" else "asr"
    window.open_transcript(next(r.id for r in rows if want in r.name))
    app.processEvents()
    if scene in ("main_window", "laptop"):
        for _ in range(4):
            window.accept()
        window.reject()
        window.next()
    elif scene == "speakers":
        c = window.controller
        wrong = sorted(i for i, s in c.suggestions.items()
                       if s.suggested != c.turn(i).current_speaker)
        window.view.go_to_turn(wrong[0] if wrong else 0)
        window.show_speakers()
        window.accept_suggestion()
    elif scene == "help":
        window.help_overlay.toggle()
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(out / f"{scene}.png"))
    window.close()
    print(f"saved {out / f'{scene}.png'}")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp())
    os.environ.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"),
                      XDG_CONFIG_HOME=str(home / "config"))
    from reviewer.core.demo import open_demo_project
    from reviewer.core.extract.runner import run_on_project
    from reviewer.core.review import preannotate_run

    project = open_demo_project()
    preannotate_run(project, run_on_project(project))
    project.close()
    for scene in sys.argv[2:] or SCENES:
        # A fresh settings file per scene: no window layout carried over between shots.
        (home / "config" / "transcript-reviewer" / "gui.ini").unlink(missing_ok=True)
        take(scene, out)


if __name__ == "__main__":
    main()
