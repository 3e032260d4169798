"""What a reviewer sees at the default size: columns that fit without horizontal scrolling,
rows told apart at a glance, turn headers on one line, a help sheet as tall as its text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication

from reviewer.gui.geometry import default_size
from reviewer.gui.mentions_model import COLUMNS
from reviewer.gui.transcripts_panel import TranscriptsModel, short_company
from tests.conftest import seed_path

# The old default size, a common laptop's screen, and the default size on that laptop.
SIZES = {"1500x900": (1500, 900), "1366x768": (1366, 768), "1229x691": (1229, 691)}
ESSENTIAL = ("text", "metric", "value", "status")  # never dropped for want of room


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
    assert 220 <= w.list_dock.width() <= 330
    assert w.view.width() >= 0.55 * w.width()  # the text has most of the width
    for table in (w.transcripts.table, w.mentions.table):
        assert not table.horizontalScrollBar().isVisible()
        shown = [c for c in range(table.model().columnCount()) if not table.isColumnHidden(c)]
        assert sum(table.columnWidth(c) for c in shown) <= table.viewport().width()
    lst = w.transcripts
    assert lst.table.columnWidth(TranscriptsModel.COMPANY) >= 150  # company and date show
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


# -- smaller windows ------------------------------------------------------------------------


def extracted_project(path: Path, files: list[Path]) -> Path:
    """A project file with ``files`` imported and pre-annotated by the built-in extractor."""
    from reviewer.core.extract.runner import run_on_project
    from reviewer.core.importer import import_paths
    from reviewer.core.review import preannotate_all
    from reviewer.core.store import open_project

    project = open_project(path)
    import_paths(project, files)
    preannotate_all(project, run_on_project(project))
    project.close()
    return path


@pytest.fixture
def sized_window(qtbot):
    """The window on a project at a given size, on a fresh settings file (first-run docks)."""
    from reviewer.core.store import open_project
    from reviewer.gui.main_window import MainWindow
    from reviewer.gui.settings import AppSettings

    windows = []

    def make(path: Path, size: tuple[int, int]):
        w = MainWindow(open_project(path), AppSettings())
        qtbot.addWidget(w)
        w.resize(*size)
        w.show()
        qtbot.waitExposed(w)
        QApplication.processEvents()
        windows.append(w)
        return w

    yield make
    for w in windows:
        w.close()


def assert_fits(w, where: str) -> None:
    """No horizontal scrolling, and no short column cut (only text, metric, company elide)."""
    QApplication.processEvents()
    for panel in (w.transcripts, w.mentions):
        table, fitter = panel.table, panel.columns
        shown = [c for c in range(table.model().columnCount()) if not table.isColumnHidden(c)]
        widths = {table.model().headerData(c, Qt.Orientation.Horizontal): table.columnWidth(c)
                  for c in shown}
        assert not table.horizontalScrollBar().isVisible(), (where, table.objectName(), widths)
        assert sum(widths.values()) <= table.viewport().width(), (where, widths)
        for c in shown:
            if c in fitter.content and c not in fitter.manual:
                need = min(fitter.want(c), fitter.content[c])
                assert table.columnWidth(c) >= need, (where, widths, c)
    m = w.mentions.table
    for name in ESSENTIAL:
        assert not m.isColumnHidden(COLUMNS.index(name)), (where, name)
    assert m.columnWidth(COLUMNS.index("text")) >= 64
    assert m.columnWidth(COLUMNS.index("metric")) >= 110
    company = TranscriptsModel.COMPANY
    assert w.transcripts.table.columnWidth(company) >= 150, where


def test_the_default_size_is_most_of_the_screen_up_to_1600_by_1000(qtbot) -> None:
    from reviewer.gui.main_window import MainWindow
    from reviewer.gui.settings import AppSettings

    assert default_size(QRect(0, 0, 1366, 768)) == QSize(1229, 691)
    assert default_size(QRect(0, 0, 1920, 1040)) == QSize(1600, 936)
    assert default_size(QRect(0, 0, 2560, 1400)) == QSize(1600, 1000)
    assert default_size(None) == QSize(1500, 900)
    w = MainWindow(None, AppSettings())  # no saved geometry: sized from its screen
    qtbot.addWidget(w)
    assert w.size() == default_size(w.screen().availableGeometry())


@pytest.mark.parametrize("size", SIZES.values(), ids=list(SIZES))
def test_columns_fit_on_every_demo_transcript(sized_window, tmp_path, size) -> None:
    from reviewer.core.demo import demo_files

    w = sized_window(extracted_project(tmp_path / "demo.db", demo_files()), size)
    non_gaap = False
    for row in w.transcripts.model.rows:
        w.open_transcript(row.id)
        non_gaap |= any(a.basis == "non_gaap" for a in w.controller.annotations)
        assert_fits(w, row.name)
    assert non_gaap  # the widest basis ("non-GAAP") was among them


@pytest.mark.parametrize("size", SIZES.values(), ids=list(SIZES))
def test_columns_fit_on_seed_003(sized_window, tmp_path, size) -> None:
    w = sized_window(extracted_project(tmp_path / "seed.db", [seed_path("003")]), size)
    assert w.controller.session is not None
    assert any(a.basis == "non_gaap" for a in w.controller.annotations)
    assert_fits(w, "seed 003")


def test_a_column_dropped_for_want_of_room_returns_and_is_not_saved(sized_window,
                                                                      tmp_path) -> None:
    from reviewer.core.demo import demo_files

    w = sized_window(extracted_project(tmp_path / "demo.db", demo_files()), (1500, 900))
    m, fitter = w.mentions.table, w.mentions.columns
    QApplication.processEvents()
    # The mentions table is as wide as the text: a wide speakers panel narrows it.
    w.resizeDocks([w.speakers_dock], [700], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert_fits(w, "a narrow mentions table")
    assert fitter.squeezed  # some short columns went for want of room
    gone = sorted(fitter.squeezed)[0]
    assert m.isColumnHidden(gone) and not fitter.chosen_hidden(gone)
    fitter.show_column(COLUMNS.index("unit"), False)  # any choice saves the hidden columns
    assert gone not in w.settings.hidden_columns("mentions")
    fitter.show_column(gone, True)  # the reviewer wants it: another one goes instead
    assert_fits(w, "a dropped column asked for")
    assert not m.isColumnHidden(gone) and fitter.squeezed
    w.resizeDocks([w.speakers_dock], [260], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert_fits(w, "a wide mentions table")
    assert not fitter.squeezed


@pytest.mark.parametrize("size", [(1440, 900), (1280, 720)], ids=["1440x900", "1280x720"])
def test_text_gets_most_of_the_width_and_the_panels_all_show(sized_window, tmp_path,
                                                             size) -> None:
    from reviewer.core.demo import demo_files

    w = sized_window(extracted_project(tmp_path / "demo.db", demo_files()), size)
    w.open_transcript(next(r.id for r in w.transcripts.model.rows if "asr" in r.name))
    QApplication.processEvents()
    assert w.view.width() >= 0.55 * w.width(), (w.view.width(), w.width())
    # The speakers panel and the mentions table are both on screen, side by side.
    for dock in (w.mentions_dock, w.speakers_dock, w.list_dock):
        assert dock.isVisible() and not dock.visibleRegion().isEmpty(), dock.objectName()
    assert w.mentions.table.height() >= 4 * w.mentions.table.verticalHeader()\
        .defaultSectionSize()
    # Every column of the mentions table shows (none dropped for want of room).
    m = w.mentions.table
    assert not w.mentions.columns.squeezed
    for name in ("text", "metric", "value", "period", "kind", "basis", "status"):
        assert not m.isColumnHidden(COLUMNS.index(name)), name
    # Turn headers on one line.
    doc = w.view.document()
    for ln in w.view.layout_.header_line.values():
        block = doc.findBlockByNumber(ln)
        doc.documentLayout().blockBoundingRect(block)  # lays the block out
        assert block.layout().lineCount() == 1, block.text()
