"""Bench: the transcript list of a 10,000-transcript project (load, filter, open one).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_gui_list.py [-n 10000]

Budget (DESIGN.md): list, filter and open in well under a second. Prints times only.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

import reviewer.gui  # noqa: F401 - before any Qt call: PySide6 6.12 workaround
from reviewer.core.importer import import_paths
from reviewer.core.store import open_project

DEMO = Path(__file__).resolve().parents[1] / "src" / "reviewer" / "resources" / "demo"


def grow(project, n: int) -> None:
    """Clone the demo transcripts (new hashes, their turns and annotations) up to ``n``."""
    import_paths(project, sorted(DEMO.glob("*.txt")))
    db = project.db
    with db.conn:
        while project.count() < n:
            k = min(project.count(), n - project.count())
            base = db.execute("SELECT max(id) FROM transcripts").fetchone()[0]
            db.conn.execute(
                "INSERT INTO transcripts (hash, name, source_path, format, company, ticker,"
                " event, fiscal_period, date, text, boilerplate, warnings, status, imported_at)"
                " SELECT hash || '-' || (id + ?), 'copy ' || (id + ?) || ' ' || name,"
                " source_path, format, company || ' ' || (id + ?), ticker, event,"
                " fiscal_period, date, text, boilerplate, warnings, status, imported_at"
                " FROM transcripts ORDER BY id LIMIT ?", (base, base, base, k))
            db.conn.execute(
                'INSERT INTO turns (transcript_id, idx, label, speaker, role, section, start,'
                ' "end") SELECT t.id, u.idx, u.label, u.speaker, u.role, u.section, u.start,'
                ' u."end" FROM transcripts t JOIN turns u ON u.transcript_id = t.id - ?'
                " WHERE t.id > ?", (base, base))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=10000)
    args = ap.parse_args()
    app = QApplication([])
    tmp = Path(tempfile.mkdtemp())
    os.environ.setdefault("XDG_CONFIG_HOME", str(tmp / "config"))
    project = open_project(tmp / "big.db")
    grow(project, args.n)
    from reviewer.gui.main_window import MainWindow
    from reviewer.gui.settings import AppSettings

    t0 = time.perf_counter()
    w = MainWindow(project, AppSettings(tmp / "gui.ini"))
    w.resize(1500, 950)
    w.show()
    app.processEvents()
    t1 = time.perf_counter()
    print(f"{project.count():,} transcripts")
    print(f"open the window (list + first transcript): {(t1 - t0) * 1000:7.1f} ms")
    t0 = time.perf_counter()
    w.reload_list()
    app.processEvents()
    print(f"reload the list                         : {(time.perf_counter() - t0) * 1000:7.1f} ms")
    t0 = time.perf_counter()
    w.transcripts.search.setText("copy 77")
    app.processEvents()
    shown = w.transcripts.proxy.rowCount()
    print(f"filter ('copy 77', {shown} shown)          : "
          f"{(time.perf_counter() - t0) * 1000:7.1f} ms")
    w.transcripts.search.clear()
    t0 = time.perf_counter()
    w.open_transcript(project.count() - 3)
    app.processEvents()
    print(f"open a transcript                       : {(time.perf_counter() - t0) * 1000:7.1f} ms")
    w.close()


if __name__ == "__main__":
    main()
