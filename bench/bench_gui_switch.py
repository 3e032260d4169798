"""Bench: what the reviewer waits for in the FULL main window — switching to a big
transcript (list selection -> text, mentions table and speakers panel painted) against
``setPlainText`` of the same text in a bare QPlainTextEdit, in the same run; and the A key
(accept -> saved, table and text repainted).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_gui_switch.py [--seed 003] [-n 9]

Uses seed 003 (the largest, bilingual) when ../shared/seeds exists, else the largest of our
demo transcripts. Budgets (issue 11): switch <= 3x plain text; key A <= 16 ms median.
Prints ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"

from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402

import reviewer.gui  # noqa: E402, F401 - before any Qt call: PySide6 6.12 workaround


def big_file(seed: str) -> Path:
    found = sorted(SEEDS.glob(f"{seed}_*.txt"))
    if found:
        return found[0]
    from reviewer.core.demo import demo_files

    return max(demo_files(), key=lambda p: p.stat().st_size)


def build(tmp: Path, big: Path) -> tuple[Path, int, int]:
    """A project with the big transcript and a small demo one, run and pre-annotated."""
    from reviewer.core.demo import demo_files
    from reviewer.core.extract.runner import run_on_project
    from reviewer.core.importer import import_paths
    from reviewer.core.review import preannotate_run
    from reviewer.core.store import open_project

    small = min(demo_files(), key=lambda p: p.stat().st_size)
    db = tmp / "switch.db"
    project = open_project(db)
    import_paths(project, [small, big])
    ids = {Path(r.name).name: r.id for r in project.list_transcripts()}
    preannotate_run(project, run_on_project(project))
    project.close()
    return db, ids[small.name], ids[big.name]


def median_ms(fn, n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", default="003")
    ap.add_argument("-n", type=int, default=9)
    ap.add_argument("--keys", type=int, default=60, help="A presses timed")
    args = ap.parse_args()
    app = QApplication([])
    tmp = Path(tempfile.mkdtemp())
    os.environ.setdefault("XDG_CONFIG_HOME", str(tmp / "config"))
    big = big_file(args.seed)
    db, small_id, big_id = build(tmp, big)

    from reviewer.core.store import open_project
    from reviewer.gui.main_window import MainWindow
    from reviewer.gui.settings import AppSettings

    w = MainWindow(open_project(db), AppSettings(tmp / "gui.ini"))
    w.resize(1440, 900)
    w.show()
    app.processEvents()
    text = w.project.load_transcript(big_id).text
    plain = QPlainTextEdit()
    plain.setReadOnly(True)
    plain.resize(w.view.size())
    plain.show()
    app.processEvents()

    # Both sides are timed to the same point: the call, then the event loop until it is idle
    # (layout and paint of every widget that changed, into the window's backing store).
    def show_plain():
        plain.setPlainText(text)
        app.processEvents()

    def switch():  # the reviewer picks the big one in the list: everything is painted
        w.open_transcript(small_id)
        app.processEvents()
        t0 = time.perf_counter()
        w.transcripts.transcriptActivated.emit(big_id)
        app.processEvents()
        return time.perf_counter() - t0

    show_plain()
    switch()  # warm up fonts and caches
    plains, times = [], []
    for _ in range(args.n):  # interleaved: a load spike on the machine hits both sides
        t0 = time.perf_counter()
        show_plain()
        plains.append(time.perf_counter() - t0)
        times.append(switch())
    p, s = statistics.median(plains) * 1000, statistics.median(times) * 1000
    n_anns = len(w.controller.annotations)
    print(f"{big.name}: {len(text):,} chars, {n_anns} mentions, window 1440x900")
    print(f"setPlainText + paint, bare widget : {p:7.1f} ms (median of {args.n})")
    print(f"switch in the full window         : {s:7.1f} ms   ratio {s / p:4.2f}x (budget 3x)")

    keys = []
    for _ in range(args.keys):
        if w.current_mention() is None:
            break
        t0 = time.perf_counter()
        w.accept()  # the A key: command, commit, table + text refresh, move on
        app.processEvents()  # ... and painted
        keys.append(time.perf_counter() - t0)
    keys.sort()
    if keys:
        print(f"key A -> saved and repainted      : median {statistics.median(keys) * 1000:.2f}"
              f" ms, p95 {keys[int(len(keys) * .95)] * 1000:.2f} ms over {len(keys)} "
              "(budget 16 ms median)")
    w.close()
    sys.exit(0)


if __name__ == "__main__":
    main()
