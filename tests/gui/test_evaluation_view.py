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
    # Strict F1 of run 1: 2 * 4 / (7 + 6) = 8/13, in percent like every rate.
    assert first_table.item(0, 4).text() == "61.5%"
    assert first_table.item(1, 0).text() == ""  # the system is named once per block
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


def test_the_verdict_tab_leads_and_follows_the_report_rules(qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    from tests.core.test_evaluate_verdict import build
    from tests.core.test_evaluate_verdict import report as verdict_report

    view = EvaluationView()
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    p = build(10)
    view.set_report(verdict_report(p))
    p.close()
    assert view.tabs.tabText(0) == "Verdict" and view.tabs.currentIndex() == 0
    page = view.pages["Verdict"]
    verdict = page.body.findChild(QLabel, "verdict")
    # 10/11 - 8/13 = 42/143 (see test_evaluate_verdict), every call alike.
    assert "finds +29.4 points of strict F1 over the baseline toy 1.0 (run 1) (95% interval " \
           "+29.4 to +29.4, 10 transcripts)" in verdict.text()
    assert "better" in verdict.text()
    assert page.body.findChild(QLabel, "key").text().startswith("<i>Key: 0 is a computed zero")
    # The difference chart takes the page's width.
    chart = page.findChildren(QSvgWidget)[0]
    assert 0.95 * page.viewport().width() <= chart.width() <= page.viewport().width()
    one = EvaluationView()
    qtbot.addWidget(one)
    one.set_report(_report_of(build(1)))
    note = one.pages["Verdict"].body.findChild(QLabel, "goldNote").text()
    assert note.startswith("\u26a0 Too little gold for intervals: 1 reviewed transcript(s)")
    mentions = one.pages["Mentions"].body.findChildren(type(one.problems))[0]
    assert mentions.item(0, 5).text() == "too few (1)"


def _report_of(p):
    rep = evaluate(iter_transcripts(p), [system_from_run(p, 1), system_from_run(p, 2)],
                   resamples=50)
    p.close()
    return rep
