"""A number an analyst quoted in a question is marked in the mentions table (mark, tooltip,
the "Quoted by analysts" filter), through the real main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reviewer.core.extract.runner import run_on_project
from reviewer.core.review import Accept, preannotate
from reviewer.gui.mentions_model import COLUMNS, ID_ROLE, QUOTED_MARK
from tests.core.test_review_fixtures import demo_project


@pytest.fixture
def extracted(tmp_path):
    """The demo transcript pre-annotated by the builtin extractor."""
    path = tmp_path / "project.db"
    project, tid = demo_project(path)
    preannotate(project, tid, run_on_project(project))
    project.close()
    return path


def _cell(window, aid: int, role=Qt.ItemDataRole.DisplayRole, column: str = "text"):
    m = window.mentions_model
    return m.index(m.row_of(aid), COLUMNS.index(column)).data(role)


def test_quoted_mention_is_marked_and_a_cfo_figure_is_not(open_window, extracted) -> None:
    w = open_window(extracted)
    text = w.controller.session.text
    anns = w.controller.annotations
    asked = next(a for a in anns if a.quoted_by and text[a.start:a.end] == "110 basis points")
    cfo = next(a for a in anns if text[a.start:a.end] == "$150 million")
    assert _cell(w, asked.id) == f"{QUOTED_MARK} 110 basis points"
    tip = _cell(w, asked.id, Qt.ItemDataRole.ToolTipRole)
    assert "quoted by the analyst in a question \u2014 not a company figure" in tip
    assert _cell(w, cfo.id) == "$150 million"
    assert "quoted" not in _cell(w, cfo.id, Qt.ItemDataRole.ToolTipRole)
    # The Show filter keeps only the quoted ones (at every confidence).
    w.mentions.floor.setCurrentIndex(1)
    w.mentions.filter.setCurrentText("Quoted by analysts")
    shown = {w.mentions.proxy.index(r, 0).data(ID_ROLE)
             for r in range(w.mentions.proxy.rowCount())}
    assert shown == {a.id for a in anns if a.quoted_by} and asked.id in shown
    # Deciding a mention keeps its mark (only the touched row is re-read).
    w.controller.do(Accept(asked.id))
    assert w.controller.annotation(asked.id).status == "accepted"
    assert _cell(w, asked.id).startswith(QUOTED_MARK)


def _metric_cell(window, aid: int, role=Qt.ItemDataRole.DisplayRole):
    return _cell(window, aid, role, "metric")


def test_a_count_says_what_it_counts(open_window, extracted) -> None:
    # The demo text: "...moving 9,000 agents off an on-premise system..." and "now used by
    # more than 400 customers": a generic count of agents, and a customer count.
    w = open_window(extracted)
    text = w.controller.session.text
    anns = w.controller.annotations
    agents = next(a for a in anns if text[a.start:a.end] == "9,000 agents")
    customers = next(a for a in anns if text[a.start:a.end] == "400 customers")
    assert _metric_cell(w, agents.id) == "count \u00b7 agents"
    assert "counts: agents" in _metric_cell(w, agents.id, Qt.ItemDataRole.ToolTipRole)
    assert _metric_cell(w, customers.id) == "customer_count"
    assert "counts: customers" in _metric_cell(w, customers.id, Qt.ItemDataRole.ToolTipRole)
