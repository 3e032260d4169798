"""Adding a missed mention in at most three keys: M on a selection (value from the text;
metric, period, kind and basis as the extractor's rules read the span), Enter keeps the
metric; the chooser's fuzzy completion; Z refuses a selection off the mention; marking a
transcript reviewed with pending mentions asks first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewer.gui.mentions_model import COLUMNS
from reviewer.gui.metric_chooser import metric_choices, rank
from tests.gui.conftest import rows


def test_fuzzy_ranking_puts_prefixes_first() -> None:
    choices = metric_choices(["gross_margin", "service_revenue", "total_revenue", "arr"])
    assert rank("serv", choices)[0] == "service_revenue"
    assert rank("tot rev", choices)[0] == "total_revenue"
    assert rank("gros marg", choices)[0] == "gross_margin"  # a typo still finds it
    assert rank("", choices) == sorted(choices)


def select(window, surface: str) -> tuple[int, int]:
    text = window.controller.session.text
    start = text.index(surface)
    window.view.select_source(start, start + len(surface))
    return start, start + len(surface)


def test_m_then_enter_adds_a_mention_with_the_guessed_fields(window, project_db,
                                                             qtbot) -> None:
    path, _ = project_db
    start, end = select(window, "72.6%")  # the fake run missed it
    qtbot.keyClick(window.view, Qt.Key.Key_M)
    chooser = window.metric_chooser
    qtbot.waitUntil(lambda: chooser.isVisible() and chooser.edit.hasFocus())
    assert chooser.highlighted() == "gross_margin"  # the guess, shown: Enter keeps it
    assert chooser.width() >= 520
    qtbot.keyClick(chooser.edit, Qt.Key.Key_Return)
    assert not chooser.isVisible()
    got = rows(path, 'SELECT start, "end", metric, value, unit, period, kind, basis, status'
                     " FROM annotations WHERE status = 'added'")
    assert got == [(start, end, "gross_margin", 72.6, "percent", "FY2024Q3", "actual",
                    "non_gaap", "added")]
    qtbot.waitUntil(lambda: window.focusWidget() is window.view)


def test_tab_takes_the_highlighted_completion_not_the_prefix(window, project_db,
                                                              qtbot) -> None:
    path, _ = project_db
    select(window, "$15.6 million")
    qtbot.keyClick(window.view, Qt.Key.Key_M)
    chooser = window.metric_chooser
    qtbot.waitUntil(lambda: chooser.isVisible())
    qtbot.keyClicks(chooser.edit, "serv rev")
    assert chooser.highlighted() == "service_revenue"
    qtbot.keyClick(chooser.edit, Qt.Key.Key_Tab)
    assert rows(path, "SELECT metric FROM annotations WHERE status = 'added'") \
        == [("service_revenue",)]
    assert rows(path, "SELECT count(*) FROM decisions") == [(2,)]  # add, then the metric


def test_esc_cancels_and_focus_returns_to_the_text(window, project_db, qtbot) -> None:
    path, _ = project_db
    select(window, "72.6%")
    qtbot.keyClick(window.view, Qt.Key.Key_M)
    chooser = window.metric_chooser
    qtbot.waitUntil(lambda: chooser.isVisible())
    qtbot.keyClicks(chooser.edit, "arr")
    qtbot.keyClick(chooser.edit, Qt.Key.Key_Escape)
    assert not chooser.isVisible()
    assert rows(path, "SELECT metric FROM annotations WHERE status = 'added'") \
        == [("gross_margin",)]  # the guess stays; nothing typed was taken
    qtbot.waitUntil(lambda: window.focusWidget() is window.view)


def test_z_refuses_a_selection_that_misses_the_mention(window, project_db, qtbot) -> None:
    path, _ = project_db
    a = window.controller.annotations[0]  # "$212.4 million", current
    before = rows(path, 'SELECT start, "end", status FROM annotations WHERE id = ?', (a.id,))
    select(window, "$15.6 million")
    window.mentions.select_id(a.id)
    qtbot.keyClick(window.view, Qt.Key.Key_Z)
    assert rows(path, 'SELECT start, "end", status FROM annotations WHERE id = ?',
                (a.id,)) == before
    assert "does not overlap" in window.statusBar().currentMessage()


def test_marking_reviewed_with_pending_asks(window, project_db, qtbot) -> None:
    path, tid = project_db
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # 1 accepted, 5 pending
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    box = window.pending_box
    qtbot.waitUntil(box.isVisible)
    assert "5 mention(s)" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # cancel: nothing changes
    assert rows(path, "SELECT status FROM transcripts WHERE id = ?", (tid,)) \
        == [("in_progress",)]
    qtbot.waitUntil(lambda: not box.isVisible() and QApplication.activeWindow() is window)
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    box = window.pending_box
    qtbot.waitUntil(box.isVisible)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the default: accept the rest
    assert rows(path, "SELECT status FROM transcripts WHERE id = ?", (tid,)) \
        == [("reviewed",)]
    assert rows(path, "SELECT DISTINCT status FROM annotations") == [("accepted",)]


def test_editing_the_metric_cell_opens_the_chooser(window, project_db, qtbot) -> None:
    path, _ = project_db
    t = window.mentions.table
    idx = window.mentions.proxy.index(1, COLUMNS.index("metric"))  # "18%"
    t.setCurrentIndex(idx)
    t.setFocus()
    qtbot.keyClick(t, Qt.Key.Key_F2)  # the table's own edit key
    chooser = window.metric_chooser
    qtbot.waitUntil(chooser.isVisible)
    assert chooser.highlighted() == "total_revenue_growth"  # the current metric first
    qtbot.keyClicks(chooser.edit, "arr gro")
    qtbot.keyClick(chooser.edit, Qt.Key.Key_Return)
    aid = window.controller.annotations[1].id
    assert rows(path, "SELECT metric FROM annotations WHERE id = ?", (aid,)) == \
        [("arr_growth",)]
