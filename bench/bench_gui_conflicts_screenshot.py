"""Not a timing bench: takes docs/screenshots/conflicts.png (run it under Xvfb).

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python \
        bench/bench_gui_conflicts_screenshot.py [OUT.png]

Merges two reviewers' projects of the tests' small call (alice and bob disagree on six
things), opens the merged project at 1440x900, shows Review > Merge conflicts and opens the
first mention conflict, as an adjudicator would.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from tests.gui.test_conflicts import merged_db

    import reviewer.gui  # noqa: F401 - before any Qt call (PySide6 workaround)
    from reviewer.core.store import open_project
    from reviewer.gui.main_window import MainWindow
    from reviewer.gui.settings import AppSettings

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs/screenshots/conflicts.png"
    app = QApplication([])
    settings = AppSettings()
    settings.reviewer = "judge"
    window = MainWindow(open_project(merged_db(Path(tempfile.mkdtemp()))), settings)
    window.resize(1440, 900)
    window.show()

    def adjudicate() -> None:
        QTest.keyClick(window.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)
        view = window.conflicts
        view.select(next(c for c in view.model.rows if c.kind == "mention").id)
        QTest.keyClick(view.table, Qt.Key.Key_Return)
        QTimer.singleShot(800, snap)

    def snap() -> None:
        window.grab().save(str(out))
        print(f"wrote {out}")
        app.quit()

    QTimer.singleShot(800, adjudicate)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
