"""What a reviewer sees at the default size: columns that fit without horizontal scrolling,
rows told apart at a glance, turn headers on one line, a help sheet as tall as its text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewer.gui.mentions_model import COLUMNS
from reviewer.gui.transcripts_panel import TranscriptsModel, short_company


@pytest.fixture
def big_window(project_db, qtbot):
    """The window at the README's 1600 x 1000, on a fresh settings file."""
    from reviewer.core.store import open_project
    from reviewer.gui.main_window import MainWindow
    from reviewer.gui.settings import AppSettings

    w = MainWindow(open_project(project_db[0]), AppSettings())
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    QApplication.processEvents()
    yield w
    w.close()


def test_short_company_drops_the_legal_form_only() -> None:
    assert short_company("Altamira Networks, Inc.") == "Altamira Networks"
    assert short_company("Altamira Networks Inc") == "Altamira Networks"
    assert short_company("Kestrel & Co.") == "Kestrel & Co."
    assert short_company("Incyte") == "Incyte" and short_company(None) == ""


def test_docks_and_columns_fit_at_1600(big_window) -> None:
    w = big_window
    assert 330 <= w.list_dock.width() <= 400
    assert w.view.width() >= 520  # about 70 characters a line
    for table in (w.transcripts.table, w.mentions.table):
        assert not table.horizontalScrollBar().isVisible()
        shown = [c for c in range(table.model().columnCount()) if not table.isColumnHidden(c)]
        assert sum(table.columnWidth(c) for c in shown) <= table.viewport().width()
    lst = w.transcripts
    company = lst.columns.want(TranscriptsModel.COMPANY)
    assert lst.table.columnWidth(TranscriptsModel.COMPANY) >= company  # not elided
    assert not lst.table.isColumnHidden(TranscriptsModel.FORMAT)
    m = w.mentions.table
    metric = COLUMNS.index("metric")
    assert m.columnWidth(metric) >= 140 and m.columnWidth(COLUMNS.index("text")) >= 90
    tip = w.mentions_model.index(0, metric).data(Qt.ItemDataRole.ToolTipRole)
    assert "Total revenue" in tip and "total_revenue" in tip  # the label and the id


def test_a_dragged_width_is_kept_and_hidden_columns_are_remembered(big_window, qtbot) -> None:
    w = big_window
    m, fitter = w.mentions.table, w.mentions.columns
    period = COLUMNS.index("period")
    m.setColumnWidth(period, 150)
    fitter.fit()
    assert m.columnWidth(period) == 150
    fitter.reset()
    assert m.columnWidth(period) < 150
    unit = COLUMNS.index("unit")
    assert m.isColumnHidden(unit)
    fitter.show_column(unit, True)
    assert not m.isColumnHidden(unit)
    assert unit not in w.settings.hidden_columns("mentions")
    fitter.show_column(COLUMNS.index("basis"), False)
    assert w.settings.hidden_columns("mentions") == {COLUMNS.index("basis")}


def test_a_header_with_a_suggestion_stays_on_one_line(big_window) -> None:
    w = big_window
    ln = w.view.layout_.header_line[3]  # the fixture suggests another speaker for turn 3
    block = w.view.document().findBlockByNumber(ln)
    assert "\u2691 Marcus Oyelaran? (S)" in block.text()
    assert block.layout().lineCount() == 1


def test_the_help_sheet_is_as_tall_as_its_text(big_window) -> None:
    overlay = big_window.help_overlay
    overlay.toggle()
    assert overlay.isVisible()
    assert not overlay.sheet.verticalScrollBar().isVisible()
    assert overlay.sheet.height() < big_window.height() - 40
