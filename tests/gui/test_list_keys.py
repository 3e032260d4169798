"""The transcript list never opens what the reviewer did not ask for: typing filters,
Down/Enter move into the list and open; rows tell transcripts apart; one company, one name."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from reviewer.core.companies import company_key, display_names
from reviewer.core.importer import import_paths
from reviewer.core.review import preannotate_run
from reviewer.core.store import open_project
from tests.conftest import DEMO
from tests.core.test_review_fixtures import fake_run
from tests.gui.conftest import rows

SPELLINGS = ["8x8, Inc.", "8X8", "8\u00d78 Inc"]  # one company as three sources write it


@pytest.fixture
def many(tmp_path):
    """The five demo calls; three of them renamed to spellings of one company."""
    path = tmp_path / "many.db"
    project = open_project(path)
    import_paths(project, sorted(DEMO.glob("*.txt")))
    ids = [t.id for t in project.list_transcripts()]
    preannotate_run(project, fake_run(project, next(
        t.id for t in project.list_transcripts() if "asr" in t.name)))
    project.close()
    con = sqlite3.connect(path)
    with con:
        for tid, name in zip(ids, SPELLINGS, strict=False):
            con.execute("UPDATE transcripts SET company = ? WHERE id = ?", (name, tid))
        con.execute("UPDATE transcripts SET company = NULL WHERE id = ?", (ids[3],))
    con.close()
    return path, ids


def test_company_spellings_are_one_company() -> None:
    assert len({company_key(n) for n in SPELLINGS}) == 1
    assert company_key("8x8") != company_key("Altamira Networks")
    shown = display_names([*SPELLINGS, "8x8"])
    assert set(shown.values()) == {"8x8"}  # the most used spelling, legal form left out


def test_typing_in_the_filter_filters_and_opens_nothing(open_window, many, qtbot) -> None:
    path, _ids = many
    w = open_window(path)
    opened = w.controller.session.transcript_id  # the first one, opened on start
    before = rows(path, "SELECT count(*) FROM annotations")
    w.focus_list()
    qtbot.keyClicks(w.transcripts.search, "8x8")
    # The three spellings match "8x8" (and only they); the open transcript did not change.
    assert w.transcripts.proxy.rowCount() == 3
    assert w.controller.session.transcript_id == opened
    titles = {w.transcripts.proxy.index(r, 0).data() for r in range(3)}
    assert all(t.startswith("8x8") for t in titles)
    qtbot.keyClicks(w.transcripts.search, "zzz")
    assert w.transcripts.proxy.rowCount() == 0
    assert w.controller.session.transcript_id == opened
    assert rows(path, "SELECT count(*) FROM decisions") == [(0,)]
    assert rows(path, "SELECT count(*) FROM annotations") == before  # nothing written


def test_down_and_enter_from_the_filter_open_the_chosen_row(open_window, many, qtbot) -> None:
    path, ids = many
    w = open_window(path)
    w.focus_list()
    qtbot.keyClicks(w.transcripts.search, "bilingual")  # a file name
    assert w.transcripts.proxy.rowCount() == 1
    assert w.controller.session.transcript_id == ids[0]  # filtering opened nothing
    qtbot.keyClick(w.transcripts.search, Qt.Key.Key_Down)
    assert w.transcripts.table.hasFocus()
    assert w.controller.session.transcript_id == ids[4]
    w.focus_list()
    w.transcripts.search.clear()
    qtbot.keyClicks(w.transcripts.search, "seekingalpha")  # the file name of ids[1]
    qtbot.keyClick(w.transcripts.search, Qt.Key.Key_Return)
    assert w.controller.session.transcript_id == ids[1]
    # In the list, the keys move and open.
    qtbot.keyClick(w.transcripts.search, Qt.Key.Key_Backspace)
    w.transcripts.search.clear()
    w.transcripts.enter_list(open_it=False)
    qtbot.keyClick(w.transcripts.table, Qt.Key.Key_Down)
    assert w.controller.session.transcript_id == ids[2]


def test_rows_show_file_name_or_company_event_date(open_window, many) -> None:
    path, _ids = many
    w = open_window(path)
    m = w.transcripts.model
    con = sqlite3.connect(path)
    meta = {r[0]: r[1:] for r in con.execute(
        "SELECT id, name, company, event, date FROM transcripts")}
    con.close()
    for r in range(m.rowCount()):
        tid = m.rows[r].id
        name, company, event, date = meta[tid]
        shown = m.index(r, 0).data()
        if company is None:
            assert shown == name
        else:
            assert shown.startswith("8x8") or shown.startswith("Altamira")
            for part in (event, date):
                if part:
                    assert part in shown
    assert not w.transcripts.table.isColumnHidden(0)


def test_window_title_names_the_project_file(window, project_db) -> None:
    assert project_db[0].name in window.windowTitle()


def test_file_preannotate_brings_a_recorded_run_in(open_window, tmp_path, qtbot) -> None:
    from tests.core.test_review_fixtures import FAKE_MENTIONS, demo_project

    path = tmp_path / "recorded.db"
    project, _tid = demo_project(path)
    fake_run(project, _tid)  # recorded only, as `extract --db --no-preannotate` leaves it
    project.close()
    w = open_window(path)
    assert w.controller.annotations == []  # opening wrote nothing
    w.actions_["preannotate"].trigger()  # File › Pre-annotate from the newest run
    qtbot.waitUntil(lambda: getattr(w, "last_info", None) is not None, timeout=30000)
    n = len(FAKE_MENTIONS)
    assert f"{n} pending mention(s) added" in w.last_info.text()
    assert len(w.controller.annotations) == n
    assert rows(path, "SELECT count(*) FROM annotations WHERE status = 'pending'") == [(n,)]
