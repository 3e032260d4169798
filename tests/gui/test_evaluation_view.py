"""The evaluation view: the report's numbers and charts, errors that open their place, and an
evaluation computed off the GUI thread."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtSvgWidgets import QSvgWidget

from reviewer.core.evaluate.report import evaluate, system_from_run
from reviewer.core.store import open_project
from reviewer.core.store.gold import iter_transcripts
from reviewer.gui.evaluation_view import EvaluationView
from tests.core.test_evaluate_helpers import (
    add_doc,
    add_run,
    annotate,
    mark_reviewed,
    set_gold_speaker,
)
from tests.core.test_evaluate_report import GOLD, RUN_A, SUGGESTIONS


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.db"
    p = open_project(path)
    tid = add_doc(p)
    annotate(p, tid, GOLD)
    set_gold_speaker(p, tid, 1, "Priya Raman")
    mark_reviewed(p, tid)
    add_run(p, {tid: RUN_A}, {tid: SUGGESTIONS}, version="1.0")
    add_run(p, {tid: GOLD[:5]}, version="2.0")
    p.close()
    return path


def _report(path):
    p = open_project(path)
    rep = evaluate(iter_transcripts(p), [system_from_run(p, 1), system_from_run(p, 2)],
                   resamples=50)
    p.close()
    return rep


def test_shows_the_report_numbers_and_charts(qtbot, db) -> None:
    view = EvaluationView()
    qtbot.addWidget(view)
    view.set_report(_report(db))
    assert view.system.count() == 2
    mentions = view.pages["Mentions"]
    assert mentions.findChildren(QSvgWidget)
    first_table = mentions.body.findChildren(type(view.problems))[0]
    assert first_table.item(0, 0).text() == "toy 1.0 (run 1)"
    assert first_table.item(0, 4).text() == f"{2 * (4 / 7) * (4 / 6) / (4 / 7 + 4 / 6):.3f}"
    assert "1 reviewed transcript(s), 6 gold mention(s)" in view.summary.text()


def test_an_error_opens_its_place(qtbot, db) -> None:
    view = EvaluationView()
    qtbot.addWidget(view)
    view.set_report(_report(db))
    view.problem_filter.setCurrentText("FP")
    assert view.problems.rowCount() == 1
    fp = view.report["systems"][0]["problems"]
    spurious = next(p for p in fp if p["type"] == "FP")
    with qtbot.waitSignal(view.locationRequested) as sig:
        view.problems.itemActivated.emit(view.problems.item(0, 3))
    assert sig.args == [spurious["transcript_id"], spurious["start"], spurious["end"]]
    view.system.setCurrentIndex(1)
    view.problem_filter.setCurrentText("FN")
    assert view.problems.rowCount() == 1  # run 2 missed free cash flow


def test_evaluates_off_the_gui_thread(qtbot, db) -> None:
    view = EvaluationView()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.evaluationFinished, timeout=20000) as sig:
        view.start_evaluation(db, [1, 2], resamples=20)
    assert [s["name"] for s in sig.args[0]["systems"]] == ["toy 1.0 (run 1)",
                                                           "toy 2.0 (run 2)"]
    assert not view.progress.isVisible()
    assert view.wait()
    with qtbot.waitSignal(view.evaluationFailed, timeout=20000) as sig:
        view.start_evaluation(db, [9])
    assert "no run 9" in sig.args[0]
    assert view.wait()
