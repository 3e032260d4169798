"""Bench: opening the largest seed with every highlight, against showing its plain text, and
the time per saved review decision.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_gui_open.py [--seed 003] [-n 9]

Budgets (DESIGN.md): open + highlight <= 3x plain display in the same widget class; a saved
decision takes a few milliseconds. Prints ratios; asserts nothing.
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
from reviewer.core.importer import import_paths  # noqa: E402
from reviewer.core.review import Accept, ReviewSession  # noqa: E402
from reviewer.core.store import open_project  # noqa: E402
from reviewer.core.store import review as store  # noqa: E402


def seed_file(key: str) -> Path:
    found = sorted(SEEDS.glob(f"{key}_*.txt"))
    if not found:
        sys.exit(f"no seed {key} in {SEEDS}")
    return found[0]


def mention_rows(project, tid: int) -> list[dict]:
    """Mentions on the seed: the extractor's number grammar over every original paragraph
    (what the extractor proposes), as pending annotations."""
    from reviewer.core.extract.numbers import find_quantities

    parsed = project.load_transcript(tid)
    out = []
    for turn in parsed.turns:
        for p in turn.paragraphs:
            if p.translation_of is not None:
                continue
            for q in find_quantities(parsed.text[p.start:p.end], p.lang):
                out.append({"transcript_id": tid, "prediction_id": None,
                            "start": p.start + q.start, "end": p.start + q.end,
                            "metric": ("total_revenue", "gross_margin", "arr_growth",
                                       "eps", "customer_count")[len(out) % 5],
                            "value": q.value, "low": q.low, "high": q.high,
                            "unit": q.unit or "count", "status": "pending"})
    return out


def timed(fn, n: int) -> list[float]:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def bench_open(project, tid: int, n: int) -> None:
    from reviewer.gui.theme import apply_theme
    from reviewer.gui.transcript_view import TranscriptView

    app = QApplication.instance()
    theme = apply_theme(app, "light")
    session = ReviewSession(project, tid, "bench")
    parsed = session.transcript
    anns, turns = session.annotations(), session.turns()
    plain = QPlainTextEdit()
    plain.setReadOnly(True)
    view = TranscriptView(theme)
    for w in (plain, view):
        w.resize(900, 1000)
        w.show()
    app.processEvents()

    def show_plain():
        plain.setPlainText(parsed.text)
        plain.grab()  # lay out and paint what is visible

    def show_highlighted():
        view.show_transcript(parsed, turns, {}, anns)
        view.grab()

    def open_from_db():  # what opening a transcript costs: read the review state, then show
        s = ReviewSession(project, tid, "bench")
        view.show_transcript(s.transcript, s.turns(), s.suggestions(), s.annotations(),
                             s.translation_checks())
        view.grab()

    show_plain(), show_highlighted()  # warm up fonts and caches
    p = statistics.median(timed(show_plain, n))
    h = statistics.median(timed(show_highlighted, n))
    full = statistics.median(timed(open_from_db, n))
    marks = sum(len(v) for v in view.highlighter.marks.values())
    print(f"text: {len(parsed.text):,} chars, {len(parsed.text.encode()):,} bytes, "
          f"{view.document().blockCount()} blocks, {len(anns)} mentions ({marks} pieces shown)")
    print(f"plain text, same widget class : {p * 1000:7.1f} ms (median of {n})")
    print(f"open + highlight (view)       : {h * 1000:7.1f} ms   ratio {h / p:4.2f}x  "
          "(budget 3x)")
    print(f"open from the project (+DB)   : {full * 1000:7.1f} ms   ratio {full / p:4.2f}x")

    def rehighlight_one():
        a = anns[len(anns) // 2]
        view.update_annotations([x if x.id != a.id else
                                 type(a)(**{**a.__dict__, "status": "accepted"})
                                 for x in anns])
        view.update_annotations(anns)

    one = statistics.median(timed(rehighlight_one, n)) / 2
    print(f"re-highlight after a decision : {one * 1000:7.2f} ms")

    # Stress: a highlight on every 6th word of every shown paragraph, translations included.
    import re

    from reviewer.core.review import Annotation

    dense = list(anns)
    for i, m in enumerate(re.finditer(r"\w+", parsed.text)):
        if i % 6 == 0:
            dense.append(Annotation(10**6 + i, tid, None, m.start(), m.end(),
                                    metric="eps", status=("pending", "accepted")[i % 2]))

    def show_dense():
        view.show_transcript(parsed, turns, {}, dense)
        view.grab()

    d = statistics.median(timed(show_dense, n))
    shown = sum(len(v) for v in view.highlighter.marks.values())
    print(f"stress: {len(dense)} highlights ({shown} shown): {d * 1000:7.1f} ms   ratio "
          f"{d / p:4.2f}x")


def bench_decisions(project, tid: int, count: int) -> None:
    session = ReviewSession(project, tid, "bench")
    ids = [a.id for a in session.annotations()][:count]
    times = timed_each(lambda aid: session.do(Accept(aid)), ids)
    times.sort()
    print(f"saved decision (core, file DB, WAL, one transaction + audit row): median "
          f"{statistics.median(times) * 1000:.2f} ms, p95 {times[int(len(times) * .95)] * 1000:.2f}"
          f" ms over {len(times)} accepts")
    t0 = time.perf_counter()
    while session.undo() is not None:
        pass
    undo = (time.perf_counter() - t0) / max(len(times), 1)
    print(f"undo (core)                   : {undo * 1000:.2f} ms per decision")


def bench_gui_decisions(db: Path, tid: int, count: int) -> None:
    from reviewer.gui.main_window import MainWindow
    from reviewer.gui.settings import AppSettings

    w = MainWindow(open_project(db), AppSettings(Path(tempfile.mkdtemp()) / "gui.ini"))
    w.resize(1500, 950)
    w.show()
    QApplication.instance().processEvents()
    w.open_transcript(tid)
    times = []
    for _ in range(count):
        aid = w.current_mention()
        if aid is None:
            break
        t0 = time.perf_counter()
        w.accept()  # the A key: command, commit, table + text refresh, move on
        QApplication.instance().processEvents()
        times.append(time.perf_counter() - t0)
    times.sort()
    if times:
        print(f"saved decision (GUI, key A -> saved and redrawn): median "
              f"{statistics.median(times) * 1000:.2f} ms, p95 "
              f"{times[int(len(times) * .95)] * 1000:.2f} ms over {len(times)}")
    w.close()


def timed_each(fn, items) -> list[float]:
    out = []
    for it in items:
        t0 = time.perf_counter()
        fn(it)
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", default="003")
    ap.add_argument("-n", type=int, default=9, help="repetitions of each timing")
    ap.add_argument("--decisions", type=int, default=200)
    args = ap.parse_args()
    QApplication([])
    tmp = Path(tempfile.mkdtemp())
    os.environ.setdefault("XDG_CONFIG_HOME", str(tmp / "config"))
    db = tmp / "bench.db"
    project = open_project(db)
    report = import_paths(project, [seed_file(args.seed)])
    tid = report.added[0][1]
    rows = mention_rows(project, tid)
    store.insert_annotations(project.db, rows)
    print(f"seed {args.seed}: {seed_file(args.seed).name}")
    bench_open(project, tid, args.n)
    bench_decisions(project, tid, args.decisions)
    project.close()
    bench_gui_decisions(db, tid, min(args.decisions, 100))


if __name__ == "__main__":
    main()
