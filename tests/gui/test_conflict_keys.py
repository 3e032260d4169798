"""Adjudication with no dead ends, by keys in the real main window: Alt+1 / Alt+2 always mean
the first / second reviewer, a reviewer who left a turn without a speaker is a choice too, a
key with no choice behind it says so, and a kept version keeps its reviewer's decision."""

from __future__ import annotations

from click.testing import CliRunner
from PySide6.QtCore import QModelIndex, Qt

from reviewer.cli import cli
from reviewer.core.store import open_project
from tests.core.test_agreement import GOLD_B
from tests.core.test_evaluate_helpers import add_doc, annotate, mark_reviewed, set_gold_speaker
from tests.core.test_evaluate_report import GOLD
from tests.gui.conftest import rows

ALT = Qt.KeyboardModifier.AltModifier


def _source(path, gold, corrected=(), speakers=()):
    p = open_project(path)
    tid = add_doc(p)
    annotate(p, tid, [m for i, m in enumerate(gold) if i not in corrected])
    annotate(p, tid, [gold[i] for i in corrected], status="corrected")
    with p.db.conn:  # John's turn: the parser found no speaker for it
        p.db.conn.execute("UPDATE turns SET speaker = NULL WHERE idx = 2")
    for idx, name in speakers:
        set_gold_speaker(p, tid, idx, name)
    mark_reviewed(p, tid)
    p.close()


def merged(tmp_path):
    # alice names turn 1 and turn 2's speakers; bob leaves both (turn 2: no speaker at all)
    # and corrected his "$40 million" (operating_expenses) by hand.
    _source(tmp_path / "alice.db", GOLD, speakers=[(1, "Priya Raman"), (2, "Dana Reyes")])
    _source(tmp_path / "bob.db", GOLD_B, corrected=(4,))
    out = tmp_path / "merged.db"
    res = CliRunner().invoke(cli, ["merge", str(tmp_path / "alice.db"),
                                   str(tmp_path / "bob.db"), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "speaker turn 2: speaker differs \u2014 alice: Dana Reyes | bob: (no speaker)" in (
        res.output)
    return out


def _turn(path, idx):
    return rows(path, "SELECT gold_speaker, speaker_status FROM turns WHERE idx = ?", (idx,))[0]


def test_speaker_conflicts_settled_by_keys(open_window, tmp_path, qtbot) -> None:
    path = merged(tmp_path)
    window = open_window(path, reviewer="judge")
    window.merge_conflicts()
    view = window.conflicts
    no_one = next(c for c in view.model.rows if c.kind == "speaker" and c.turn == 2)
    assert view.select(no_one.id)
    assert [b.text() for b in view.buttons] == ["alice: Dana Reyes  (Alt+1)",
                                                "bob: no speaker  (Alt+2)"]
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_2, ALT)              # bob's: no speaker
    qtbot.waitUntil(lambda: view.current().resolved)
    assert _turn(path, 2) == (None, "confirmed")
    assert view.model.cell(view.current(), 5) == "(no speaker) (confirmed)"
    qtbot.keyClick(window.view, Qt.Key.Key_1, ALT)              # alice's after all
    qtbot.waitUntil(lambda: _turn(path, 2) == ("Dana Reyes", "corrected"))

    # The key with no source behind it says so, and changes nothing.
    before = rows(path, "SELECT count(*) FROM decisions")
    qtbot.keyClick(window.view, Qt.Key.Key_3, ALT)
    assert view.notice.text() == ("Alt+3: no choice behind this key (this merge has 2 "
                                  "source(s)); this conflict's choices: Alt+1 = alice, "
                                  "Alt+2 = bob.")
    assert window.statusBar().currentMessage() == view.notice.text()
    assert rows(path, "SELECT count(*) FROM decisions") == before

    # Alt+1 / Alt+2 are alice / bob on the other speaker conflict too.
    named = next(c for c in view.model.rows if c.kind == "speaker" and c.turn == 1)
    assert view.select(named.id)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_2, ALT)
    qtbot.waitUntil(lambda: _turn(path, 1) == ("Kate Patterson", "confirmed"))
    qtbot.keyClick(window.view, Qt.Key.Key_1, ALT)
    qtbot.waitUntil(lambda: _turn(path, 1) == ("Priya Raman", "corrected"))

    # With no conflict selected, a key says what to do first.
    view.table.setCurrentIndex(QModelIndex())
    qtbot.keyClick(window.view, Qt.Key.Key_1, ALT)
    assert view.notice.text().startswith("Alt+1: no conflict is selected")


def test_a_kept_version_keeps_its_reviewers_decision(open_window, tmp_path, qtbot) -> None:
    path = merged(tmp_path)
    window = open_window(path, reviewer="judge")
    window.merge_conflicts()
    view = window.conflicts
    opex = next(c for c in view.model.rows if c.text == "$40 million")
    assert view.select(opex.id)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_2, ALT)              # keep bob's
    qtbot.waitUntil(lambda: view.current().resolved)
    got = dict(rows(path, "SELECT metric, status FROM annotations WHERE start = ?",
                    (opex.start,)))
    # bob corrected it by hand in his project: it is gold as corrected, not as added.
    assert got == {"operating_expenses": "corrected", "opex": "rejected"}
    growth = next(c for c in view.model.rows if c.text == "5%")
    assert view.select(growth.id)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_1, ALT)              # keep alice's 5%
    qtbot.waitUntil(lambda: view.current().resolved)
    got = rows(path, "SELECT value, status FROM annotations WHERE start = ? ORDER BY value",
               (growth.start,))
    assert got == [(5.0, "accepted"), (6.0, "rejected")]
