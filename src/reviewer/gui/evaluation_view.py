"""The evaluation view: the numbers and charts of ``reviewer evaluate`` inside the app.

A self-contained widget. ``set_report`` shows a report (the dict of
``reviewer.core.evaluate.report.evaluate``); ``start_evaluation`` computes one off the GUI
thread (its own database connection, progress, cancel). Activating a false positive, false
negative or value error emits ``locationRequested(transcript_id, start, end)`` so the main
window can open that place in the transcript. The charts are the HTML report's own SVG.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reviewer.gui import evaluation_pages as pages

PROBLEM_KINDS = ("all", "FP", "FN", "boundary", "metric", "value")
# Running jobs are kept here, not by the view: a QThread destroyed while it runs aborts the
# process, and the view may be closed before its evaluation ends.
_RUNNING: set = set()
LOCATION_ROLE = Qt.ItemDataRole.UserRole + 1


def _text(v: object) -> str:
    if v is None:
        return "\u2013"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def _numeric(v: object) -> bool:
    t = str(v)
    return isinstance(v, int | float) or t[:1].isdigit() or t[:2] in ("+0", "-0") or (
        t[:1] in "+-" and t[1:2].isdigit()) or t.startswith("too few")


def _fill(table: QTableWidget, headers: Sequence[str], rows: Sequence[Sequence[object]], *,
          group: bool = False, words: Sequence[int] = ()) -> None:
    """Fill a table; with ``group`` the first column (the system) is written once per block."""
    table.setSortingEnabled(False)
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            repeat = group and c == 0 and r and rows[r - 1][0] == v
            item = QTableWidgetItem("" if repeat else _text(v))
            if c and c not in words and _numeric(v):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


def _table() -> QTableWidget:
    t = QTableWidget()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return t


class _Page(QScrollArea):
    """A scrollable tab holding charts and tables, rebuilt for every report."""

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.body = QWidget()
        self.box = QVBoxLayout(self.body)
        self.setWidget(self.body)

    def reset(self) -> None:
        while self.box.count():
            w = self.box.takeAt(0).widget()
            if w is not None:
                w.deleteLater()

    chart_width = 0  # set by the view from its tabs' width (a hidden page has none yet)

    def width_for_charts(self) -> int:
        """The page's width: charts are drawn to use it."""
        return max(640, self.chart_width or self.viewport().width() - 24)

    def chart(self, svg: str) -> None:
        w = QSvgWidget()
        w.load(QByteArray(svg.encode("utf-8")))
        w.setFixedSize(w.renderer().defaultSize())
        self.box.addWidget(w)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[object]], *,
              group: bool = True) -> QTableWidget:
        t = _table()
        _fill(t, headers, rows, group=group)
        # Tall enough for every row (up to a limit): the page scrolls, not each table.
        t.setFixedHeight(min(480, t.horizontalHeader().sizeHint().height() + 4
                             + sum(t.rowHeight(r) for r in range(len(rows)))
                             + (0 if rows else 24)))
        self.box.addWidget(t)
        return t

    def note(self, text: str, name: str = "") -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.RichText)  # callers escape what they pass
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if name:
            label.setObjectName(name)
        self.box.addWidget(label)
        return label


class EvaluationView(QWidget):
    """Numbers, charts and the list of errors of an evaluation report."""

    locationRequested = Signal(int, int, int)  # transcript id, start, end
    evaluationFinished = Signal(object)  # the report dict
    evaluationFailed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: dict | None = None
        self._job = None
        self.summary = QLabel("No evaluation yet.")
        self.summary.setWordWrap(True)
        self.system = QComboBox()
        self.system.currentIndexChanged.connect(self._show_system)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel("System:"))
        top.addWidget(self.system)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        self.tabs = QTabWidget()
        self.pages = {name: _Page() for name in
                      ("Verdict", "Mentions", "Per metric", "Values", "Speakers", "Slices")}
        for name, page in self.pages.items():
            self.tabs.addTab(page, name)
        self.problem_filter = QComboBox()
        self.problem_filter.addItems(PROBLEM_KINDS)
        self.problem_filter.currentIndexChanged.connect(self._show_problems)
        self.problems = _table()
        self.problems.itemActivated.connect(self._activated)
        errors = QWidget()
        lay = QVBoxLayout(errors)
        row = QHBoxLayout()
        row.addWidget(QLabel("Show:"))
        row.addWidget(self.problem_filter)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addWidget(QLabel("Double-click (or Enter) opens the place in the transcript."))
        lay.addWidget(self.problems)
        self.tabs.addTab(errors, "Errors")
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(self.tabs, 1)

    # -- computing a report off the GUI thread ----------------------------------------------

    def start_evaluation(self, db_path: Path, run_ids: Sequence[int] = (),
                         prediction_files: Sequence[Path] = (), *, tolerance: float = 0.005,
                         resamples: int = 1000) -> None:
        """Evaluate runs (default: the newest) and outside JSONL files in a worker thread."""
        from reviewer.gui.workers import Job

        def work(project, progress, cancelled):
            from reviewer.core.evaluate.external import read_predictions
            from reviewer.core.evaluate.report import evaluate, system_from_run
            from reviewer.core.store.gold import iter_transcripts, list_runs

            ids = list(run_ids) or [r.id for r in list_runs(project)][-1:]
            systems = [system_from_run(project, i) for i in ids]
            notes: list[str] = []
            for f in prediction_files:
                s, w = read_predictions(project, f)
                systems.append(s)
                notes += w
            total = project.db.execute(
                "SELECT count(*) FROM transcripts WHERE status = 'reviewed'").fetchone()[0]
            report = evaluate(iter_transcripts(project), systems, tolerance=tolerance,
                              resamples=resamples,
                              progress=lambda done, name: progress(done, total, name),
                              cancelled=cancelled)
            report["warnings"] = notes + report["warnings"]
            return report

        self.cancel()
        job = Job(Path(db_path), "Evaluating", work)
        _RUNNING.add(job)
        job.finished.connect(lambda: _RUNNING.discard(job))
        self._job = job
        self._job.progress.connect(self._on_progress)
        self._job.succeeded.connect(self._on_done)
        self._job.failed.connect(self._on_failed)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.summary.setText("Evaluating…")
        self._job.start()

    def cancel(self) -> None:
        """Stop a running evaluation (what was scored so far is still reported)."""
        if self._job is not None and self._job.isRunning():
            self._job.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the running evaluation (if any) has ended; False on timeout."""
        return self._job is None or self._job.wait(msecs)

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done}/{total} {name}")

    def _on_done(self, report: dict) -> None:
        self._finish()
        self.set_report(report)
        self.evaluationFinished.emit(report)

    def _on_failed(self, message: str) -> None:
        self._finish()
        self.summary.setText(f"Evaluation failed: {message}")
        self.evaluationFailed.emit(message)

    def _finish(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)

    # -- showing a report -------------------------------------------------------------------

    def set_report(self, report: dict) -> None:
        """Show ``report`` (every system; details for the one picked in the combo box)."""
        self.report = report
        g = report["gold"]
        text = (f"{g['transcripts']} reviewed transcript(s), {g['mentions']} gold mention(s), "
                f"{g['rejected']} rejected prediction(s).")
        if report["warnings"]:
            text += " ⚠ " + " ⚠ ".join(report["warnings"])
        self.summary.setText(text)
        self.system.blockSignals(True)
        self.system.clear()
        self.system.addItems([s["name"] for s in report["systems"]])
        self.system.blockSignals(False)
        self._show_overview()
        self._show_system()

    def _systems(self) -> list[dict]:
        return self.report["systems"] if self.report else []

    def _size_charts(self) -> None:
        width = max(640, self.tabs.width() - 48)
        for page in self.pages.values():
            page.chart_width = width

    def _show_overview(self) -> None:
        if self.report is None:
            return
        self._size_charts()
        for name, build in (("Verdict", pages.verdict_page), ("Mentions", pages.mentions_page),
                            ("Values", pages.values_page), ("Speakers", pages.speakers_page)):
            self.pages[name].reset()
            build(self.pages[name], self.report)

    def _current(self) -> dict | None:
        systems = self._systems()
        i = self.system.currentIndex()
        return systems[i] if 0 <= i < len(systems) else None

    def _show_system(self) -> None:
        s = self._current()
        for name in ("Per metric", "Slices"):
            self.pages[name].reset()
        if s is None:
            self.problems.setRowCount(0)
            return
        self._size_charts()
        pages.system_pages(self.pages["Per metric"], self.pages["Slices"], s)
        self._show_problems()

    def _show_problems(self) -> None:
        s = self._current()
        kind = self.problem_filter.currentText()
        rows = [p for p in (s["problems"] if s else []) if kind == "all" or p["type"] == kind]
        _fill(self.problems, pages.ERROR_HEADERS, [pages.error_row(p) for p in rows],
              words=(3,))
        for r, p in enumerate(rows):
            self.problems.item(r, 0).setData(LOCATION_ROLE, (p["transcript_id"], p["start"],
                                                            p["end"]))

    def _activated(self, item: QTableWidgetItem) -> None:
        loc = self.problems.item(item.row(), 0).data(LOCATION_ROLE)
        if loc and loc[0] is not None:
            self.locationRequested.emit(int(loc[0]), int(loc[1]), int(loc[2]))
