"""Adjudicating merge conflicts in the real main window: merge two reviewers' projects, open
the merged one, list the conflicts, open one in the text, settle it with keys and buttons, see
it resolved, undo it, and find it resolved again after reopening the project."""

from __future__ import annotations

from click.testing import CliRunner
from PySide6.QtCore import Qt

from reviewer.cli import cli
from tests.core.test_agreement import GOLD_B
from tests.core.test_agreement_conflicts import reviewed_project
from tests.core.test_evaluate_report import GOLD
from tests.gui.conftest import rows

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def merged_db(tmp_path):
    for name, gold, speaker in (("alice", GOLD, "Priya Raman"), ("bob", GOLD_B, None)):
        reviewed_project(tmp_path / f"{name}.db", gold, speaker).close()
    out = tmp_path / "merged.db"
    result = CliRunner().invoke(cli, ["merge", str(tmp_path / "alice.db"),
                                      str(tmp_path / "bob.db"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def marks(view) -> dict[str, str]:
    """The first column (resolved or not) of every row, keyed by its text or turn."""
    m = view.model
    return {c.text if c.kind == "mention" else f"turn {c.turn}": m.cell(c, 0) for c in m.rows}


def test_conflicts_are_adjudicated_in_the_app(open_window, tmp_path, qtbot) -> None:
    path = merged_db(tmp_path)
    window = open_window(path, reviewer="judge")
    qtbot.keyClick(window.view, Qt.Key.Key_M, CTRL_SHIFT)       # Review > Merge conflicts
    view = window.conflicts
    assert window.conflicts_dock.isVisible()
    assert len(view.model.rows) == 6 and set(marks(view).values()) == {"\u25cf"}
    assert view.model.headers[5:] == ["Now", "alice said", "bob said"]
    assert "0 of 6" in view.summary.text()

    # A mention conflict: Enter opens it with its first version selected; A, then R.
    growth = next(c for c in view.model.rows if c.text == "5%")
    assert view.select(growth.id)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.controller.session.transcript_id == growth.transcript_id
    assert window.mentions.current_id() == growth.focus
    assert window.view.current_mention() == growth.focus
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    assert marks(view)["5%"] == "\u25cf"                          # bob's 6% still pending
    other = next(a.id for a in growth.mentions if a.id != growth.focus)
    assert window.mentions.current_id() == other
    qtbot.keyClick(window.view, Qt.Key.Key_R)
    assert marks(view)["5%"] == "\u2713"
    assert rows(path, "SELECT status FROM annotations WHERE id IN (?, ?) ORDER BY id",
                (growth.focus, other)) == [("accepted",), ("rejected",)]  # alice's decision

    # A speaker conflict: one click on a source's speaker, who is not in the merged roster.
    speaker = next(c for c in view.model.rows if c.kind == "speaker")
    assert view.select(speaker.id)
    texts = [b.text() for b in view.buttons]
    assert texts == ["alice: Priya Raman  (Alt+1)", "bob: Kate Patterson  (Alt+2)"]
    qtbot.mouseClick(view.buttons[0], Qt.MouseButton.LeftButton)
    assert window.current_turn == 1 and window.speakers_dock.isVisible()
    assert marks(view)["turn 1"] == "\u2713"
    assert view.model.cell(view.current(), 5) == "Priya Raman (corrected)"
    assert rows(path, "SELECT gold_speaker, speaker_status FROM turns WHERE idx = 1") == [
        ("Priya Raman", "corrected")]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert marks(view)["turn 1"] == "\u25cf"                      # undo reopens it
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL_SHIFT)
    assert marks(view)["turn 1"] == "\u2713"

    # Keeping one source's version: a button (Alt+n) does it in one decision.
    fcf = next(c for c in view.model.rows if c.text == "negative $3 million")
    view.select(fcf.id)
    qtbot.keyClick(view.table, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: marks(view)["negative $3 million"] == "\u2713")
    assert "3 of 6" in view.summary.text()

    # Ctrl+Shift+N walks to the next unresolved one and opens it.
    qtbot.keyClick(window.view, Qt.Key.Key_N, CTRL_SHIFT)
    assert not view.current().resolved
    assert window.mentions.current_id() == view.current().focus
    events = rows(path, "SELECT event, reviewer FROM decision_events ORDER BY id")
    assert events[-2:] == [("redo", "judge"), ("do", "judge")]
    window.close()

    again = open_window(path)
    again.merge_conflicts()
    assert marks(again.conflicts) == {"5%": "\u2713", "10% to 12%": "\u25cf",
                                      "$40 million": "\u25cf", "negative $3 million": "\u2713",
                                      "2025": "\u25cf", "turn 1": "\u2713"}
    again.conflicts.show_filter.setCurrentText("unresolved")
    assert again.conflicts.proxy.rowCount() == 3
