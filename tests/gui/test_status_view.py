"""Seeing status and context: status styles in both themes, family colours apart from the
rejected red, the quoted mark in the text, the confidence floor, middle elision, the last
mention on relaunch, Ctrl+T keeping the place, Find's "3 of 12", evaluation errors, and
File › Export…."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from reviewer.cli import cli
from reviewer.core.extract.runner import run_on_project
from reviewer.core.review import preannotate_run
from reviewer.gui.mentions_model import COLUMNS
from reviewer.gui.theme import FAMILY_COLOURS, STATUS_COLOURS, Theme
from tests.conftest import DEMO
from tests.core.test_review_fixtures import demo_project
from tests.gui.conftest import rows


@pytest.fixture
def extracted(tmp_path):
    """The demo ASR call pre-annotated by the builtin extractor (as `extract --db` does)."""
    path = tmp_path / "project.db"
    project, _tid = demo_project(path)
    preannotate_run(project, run_on_project(project))
    project.close()
    return path


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_pending_outlined_decided_filled_rejected_struck(dark) -> None:
    theme = Theme(dark)
    pending = theme.mention_format("total_revenue", "pending")
    accepted = theme.mention_format("total_revenue", "accepted")
    rejected = theme.mention_format("total_revenue", "rejected")
    assert pending.background().style() == Qt.BrushStyle.NoBrush  # the view outlines it
    assert accepted.background().style() != Qt.BrushStyle.NoBrush
    assert rejected.fontStrikeOut() and rejected.background().style() == Qt.BrushStyle.NoBrush
    assert not pending.fontStrikeOut() and not accepted.fontStrikeOut()


def test_family_colours_keep_away_from_the_rejected_red() -> None:
    reds = [QColor(STATUS_COLOURS["rejected"]), Theme(False).error, Theme(True).error]
    for family, colour in FAMILY_COLOURS.items():
        c = QColor(colour)
        for red in reds:
            gap = abs(c.hslHue() - red.hslHue()) % 360
            assert min(gap, 360 - gap) >= 18 or c.hslSaturation() < 60, family


def test_the_view_outlines_pending_and_marks_quoted_numbers(open_window, extracted,
                                                            qtbot) -> None:
    w = open_window(extracted)
    first = w.mentions.current_id()
    qtbot.keyClick(w.view, Qt.Key.Key_A)
    outlined = {(ln, col) for ln, marks in w.view.overlays.items()
                for col, _n, colour, _q in marks if colour is not None}
    lay = w.view.layout_
    for a in w.controller.annotations:
        ln, col, _n = lay.pieces(a.start, a.end)[0]
        assert ((ln, col) in outlined) == (a.status == "pending"), a
    assert w.controller.annotation(first).status == "accepted"
    quoted = [a for a in w.controller.annotations if a.quoted_by]
    assert quoted
    marked = {(ln, col) for ln, marks in w.view.overlays.items()
              for col, _n, _c, q in marks if q}
    assert marked == {lay.pieces(a.start, a.end)[0][:2] for a in quoted}
    w.view.grab()  # paints the outlines and marks without error


def test_confidence_floor_hides_the_lowest_tier_and_counts_it(open_window, extracted) -> None:
    w = open_window(extracted)
    low = rows(extracted, "SELECT count(*) FROM annotations WHERE status = 'pending'"
                          " AND confidence < 0.2")[0][0]
    total = rows(extracted, "SELECT count(*) FROM annotations")[0][0]
    assert low > 0
    assert w.mentions.proxy.rowCount() == total - low
    assert w.mentions.hidden.text() == f"{low} hidden"
    w.mentions.floor.setCurrentIndex(1)  # all confidences
    assert w.mentions.proxy.rowCount() == total and w.mentions.hidden.text() == ""


def test_text_and_metric_elide_in_the_middle_with_whole_tooltips(window) -> None:
    t = window.mentions.table
    assert t.textElideMode() == Qt.TextElideMode.ElideMiddle
    m = window.mentions_model
    assert "\u201c$212.4 million\u201d" in m.index(0, COLUMNS.index("text")).data(
        Qt.ItemDataRole.ToolTipRole)
    assert "total_revenue" in m.index(0, COLUMNS.index("metric")).data(
        Qt.ItemDataRole.ToolTipRole)


def test_relaunch_reopens_at_the_current_mention(open_window, project_db, qtbot) -> None:
    path, _ = project_db
    w = open_window(path)
    for _ in range(4):
        qtbot.keyClick(w.view, Qt.Key.Key_N)
    fifth = w.controller.annotations[4].id
    assert w.mentions.current_id() == fifth
    w.close()
    w2 = open_window(path)
    assert w2.mentions.current_id() == fifth and w2.view.current_mention() == fifth
    a = w2.controller.annotation(fifth)
    ln = w2.view.layout_.pieces(a.start, a.end)[0][0]
    top = w2.view.firstVisibleBlock().blockNumber()
    assert top <= ln  # scrolled to it: its line is on screen
    assert w2.view.cursorRect().intersects(w2.view.viewport().rect())


def test_ctrl_t_keeps_the_place_in_the_text(open_window, tmp_path, qtbot) -> None:
    from reviewer.core.importer import import_paths
    from reviewer.core.store import open_project

    path = tmp_path / "bi.db"
    project = open_project(path)
    import_paths(project, [DEMO / "altamira_q4_fy2024_bilingual.txt"])
    project.close()
    w = open_window(path)
    text = w.controller.session.text
    anchor = text.index("Annual recurring revenue ended the year")
    w.view.scroll_to_source(anchor)
    assert w.view.top_source() == anchor
    qtbot.keyClick(w.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert not w.view.translations
    assert w.view.top_source() == anchor
    qtbot.keyClick(w.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert w.view.translations and w.view.top_source() == anchor


def test_find_says_which_hit_of_how_many(window, qtbot) -> None:
    shown = window.view.document().toPlainText().lower()
    total = shown.count("revenue")
    assert total > 3
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.find_edit, "revenue")
    # The search starts at the current mention; the hit's rank counts from the top.
    first = int(window.find_status.text().split(" of ")[0])
    cur = window.view.textCursor().selectionStart()
    assert first == shown[:cur].count("revenue") + 1
    assert window.find_status.text() == f"{first} of {total}"
    qtbot.keyClick(window.find_edit, Qt.Key.Key_Return)
    qtbot.keyClick(window.find_edit, Qt.Key.Key_Return)
    assert window.find_status.text() == f"{first + 2} of {total}"


def test_an_evaluation_error_makes_its_mention_current(window, project_db, qtbot) -> None:
    path, tid = project_db
    a = window.controller.annotations[3]  # "19%"
    # A boundary error: the prediction's span is one character off the mention.
    window.show_location(tid, a.start, a.end - 1)
    assert window.mentions.current_id() == a.id
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # A acts on it
    assert rows(path, "SELECT status FROM annotations WHERE id = ?", (a.id,)) == \
        [("accepted",)]


def test_file_export_writes_what_the_cli_writes(window, project_db, qtbot, tmp_path) -> None:
    path, _ = project_db
    qtbot.keyClick(window.view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    dlg = window.export_dialog
    qtbot.waitUntil(dlg.isVisible)
    out = tmp_path / "all.jsonl"
    dlg.all.setChecked(True)
    dlg.path.setText(str(out))
    qtbot.keyClick(dlg.path, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(window, "last_info", None) is not None
                    and window.last_info.isVisible(), timeout=20000)
    message = window.last_info.text()
    cli_out = tmp_path / "cli.jsonl"
    res = CliRunner().invoke(cli, ["export", "--db", str(path), "--format", "jsonl", "--out",
                                   str(cli_out), "--all"])
    assert message.replace(str(out), str(cli_out)) == res.output.strip()
    got = [json.loads(x) for x in out.read_text().splitlines()]
    assert {s["status"] for r in got for s in r["spans"]} == {"pending"}
    assert sum(len(r["spans"]) for r in got) == 6
