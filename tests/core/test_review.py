"""The review commands and session, with no Qt: apply, undo, redo, persistence, validation."""

from __future__ import annotations

import json
import sqlite3

import pytest

from reviewer.core.errors import DatabaseLockedError
from reviewer.core.review import (
    Accept,
    AcceptSuggestion,
    AcceptTurn,
    Add,
    AddParticipant,
    Edit,
    InvalidDecision,
    MarkReviewed,
    MergeParticipants,
    Reject,
    RelabelAll,
    RenameParticipant,
    Resize,
    ReviewSession,
    SetRole,
    SetSpeaker,
    preannotate,
)
from reviewer.core.store import open_project
from reviewer.core.store.review import StaleDecisionError
from tests.core.test_review_fixtures import FAKE_MENTIONS, demo_project, fake_run

SUGGEST = [(3, "Priya", "Marcus Oyelaran", "speaks about results after 'I'll hand it to Marcus'")]


@pytest.fixture
def setup(tmp_path):
    project, tid = demo_project(tmp_path / "p.db")
    run = fake_run(project, tid, SUGGEST)
    assert preannotate(project, tid, run) == len(FAKE_MENTIONS)
    yield project, tid, ReviewSession(project, tid, "ana")
    project.close()


def snapshot(project, tid):
    """Everything a decision may change, to compare before/after undo."""
    db = project.db
    return (
        db.execute("SELECT * FROM annotations WHERE transcript_id = ? ORDER BY id",
                   (tid,)).fetchall(),
        db.execute("SELECT gold_speaker, gold_role, speaker_status FROM turns"
                   " WHERE transcript_id = ? ORDER BY idx", (tid,)).fetchall(),
        db.execute("SELECT * FROM participants WHERE transcript_id = ? ORDER BY id",
                   (tid,)).fetchall(),
        db.execute("SELECT status, reviewed_at, reviewed_by FROM transcripts WHERE id = ?",
                   (tid,)).fetchall(),
    )


def test_preannotate_only_once(setup) -> None:
    project, tid, s = setup
    assert all(a.status == "pending" for a in s.annotations())
    assert preannotate(project, tid) == 0  # a review in progress is never overwritten


def test_accept_reject_record_who_and_log_the_decision(setup) -> None:
    _project, _tid, s = setup
    a, b = s.annotations()[:2]
    s.do(Accept(a.id))
    s.do(Reject(b.id))
    got = {x.id: x for x in s.annotations()}
    assert got[a.id].status == "accepted" and got[a.id].reviewer == "ana"
    assert got[b.id].status == "rejected"
    assert s.progress() == (2, len(FAKE_MENTIONS))
    assert s.info()["status"] == "in_progress"
    log = s.history()
    assert [d.action for d in log] == ["accept", "reject"]
    assert all(d.reviewer == "ana" for d in log)
    assert s.do(Accept(a.id)) is None  # nothing to change: no decision logged
    assert len(s.history()) == 2


def test_edit_parses_typed_values_and_validates(setup) -> None:
    project, tid, s = setup
    a = s.annotations()[0]
    s.do(Edit(a.id, {"value": "$1.2bn", "period": "fy2024q3", "basis": "non-GAAP"}))
    got = s.annotations()[0]
    assert (got.value, got.unit, got.period, got.basis) == (1.2e9, "USD", "FY2024Q3",
                                                            "non_gaap")
    assert got.status == "corrected"
    s.do(Edit(a.id, {"value": "10-12%"}))
    got = s.annotations()[0]
    assert (got.value, got.low, got.high, got.unit) == (None, 10.0, 12.0, "percent")
    before = snapshot(project, tid)
    for bad in ({"value": "lots"}, {"period": "2024"}, {"kind": "estimate"},
                {"unit": "$$"}, {"low": 5, "high": 1}, {"colour": "red"},
                {"metric": "no_such_metric"}):
        with pytest.raises(InvalidDecision):
            s.do(Edit(a.id, bad))
    assert snapshot(project, tid) == before


def test_edit_back_to_prediction_is_accepted_again(setup) -> None:
    _, _, s = setup
    a = s.annotations()[0]
    s.do(Edit(a.id, {"metric": "arr"}))
    assert s.annotations()[0].status == "corrected"
    s.do(Edit(a.id, {"metric": a.metric}))
    assert s.annotations()[0].status == "accepted"


def test_resize_and_add_from_a_selection(setup) -> None:
    _, _, s = setup
    text = s.text
    a = s.annotations()[0]  # "$212.4 million"
    s.do(Resize(a.id, a.start, a.start + len("$212.4")))
    got = s.annotations()[0]
    assert text[got.start:got.end] == "$212.4" and got.status == "corrected"
    start = text.index("1,184")
    d = s.do(Add(start - 1, start + 5))  # the space before is trimmed
    added = next(x for x in s.annotations() if x.id in d.touched("annotations"))
    assert text[added.start:added.end] == "1,184"
    assert (added.value, added.unit, added.status) == (1184.0, "count", "added")
    with pytest.raises(InvalidDecision):
        s.do(Add(start, start + 5))  # already a mention there
    with pytest.raises(InvalidDecision):
        s.do(Resize(a.id, 5, 5))
    with pytest.raises(InvalidDecision):
        s.do(Add(len(text) - 1, len(text) + 10))


def test_accept_turn_accepts_only_pending_mentions_of_that_turn(setup) -> None:
    _, _, s = setup
    anns = s.annotations()
    turn = next(t for t in s.turns() if t.start <= anns[0].start < t.end)
    inside = [a for a in anns if turn.start <= a.start < turn.end]
    s.do(Reject(inside[1].id))
    s.do(AcceptTurn(turn.idx))
    by_id = {a.id: a.status for a in s.annotations()}
    assert by_id[inside[0].id] == "accepted" and by_id[inside[1].id] == "rejected"
    assert all(by_id[a.id] == "pending" for a in anns if a not in inside)


def test_undo_redo_everything_restores_exact_rows(setup) -> None:
    project, tid, s = setup
    states = [snapshot(project, tid)]
    anns = s.annotations()
    text = s.text
    commands = [
        Accept(anns[0].id), Reject(anns[1].id), Edit(anns[2].id, {"value": "$1.2bn"}),
        Resize(anns[3].id, anns[3].start, anns[3].end - 1),
        Add(text.index("1,184"), text.index("1,184") + 5),
        AcceptTurn(2), SetSpeaker(0, "Jenna"), RelabelAll("Priya", "Marcus Oyelaran"),
        AddParticipant("Chris Lee", "analyst", "Harlow Securities"),
        RenameParticipant("Chris Lee", "Christopher Lee"),
        MergeParticipants("Christopher Lee", "Tom Becker"),
        SetRole("Jenna", "ir"), SetRole("Tom Becker", "executive"),
        MarkReviewed(),
    ]
    for c in commands:
        assert s.do(c) is not None, c
        states.append(snapshot(project, tid))
    for i in range(len(commands), 0, -1):
        assert s.undo() is not None
        assert snapshot(project, tid) == states[i - 1]
    assert s.undo() is None
    for i in range(1, len(commands) + 1):
        assert s.redo() is not None
        assert snapshot(project, tid) == states[i]
    assert s.redo() is None


def test_a_new_decision_after_undo_drops_the_redo(setup) -> None:
    _, _, s = setup
    a, b, c = s.annotations()[:3]
    s.do(Accept(a.id))
    s.do(Accept(b.id))
    s.undo()
    s.do(Reject(c.id))
    assert s.can_redo() is None
    s.undo()
    assert s.can_redo().startswith("reject")
    s.redo()
    assert {x.id: x.status for x in s.annotations()}[b.id] == "pending"


def test_undo_survives_reopening_the_project(setup, tmp_path) -> None:
    project, tid, s = setup
    a = s.annotations()[0]
    s.do(Edit(a.id, {"value": "$1.2bn"}))
    project.close()
    again = open_project(tmp_path / "p.db")
    s2 = ReviewSession(again, tid, "bo")
    assert s2.annotations()[0].value == 1.2e9
    assert s2.can_undo().startswith("edit")
    s2.undo()
    assert s2.annotations()[0].value == a.value
    again.close()


def test_decision_is_durable_for_another_connection_at_once(setup, tmp_path) -> None:
    _, _, s = setup
    a = s.annotations()[0]
    s.do(Accept(a.id))
    other = sqlite3.connect(tmp_path / "p.db")
    assert other.execute("SELECT status FROM annotations WHERE id = ?",
                         (a.id,)).fetchone()[0] == "accepted"
    changes = json.loads(other.execute("SELECT changes FROM decisions").fetchone()[0])
    assert changes[0]["before"]["status"] == "pending"
    other.close()


def test_speakers_suggestion_relabel_and_roster(setup) -> None:
    _, _, s = setup
    assert s.suggestions()[3].suggested == "Marcus Oyelaran"
    s.do(AcceptSuggestion(3))
    t3 = s.turns()[3]
    assert (t3.current_speaker, t3.current_role, t3.speaker_status) == (
        "Marcus Oyelaran", "cfo", "corrected")
    with pytest.raises(InvalidDecision):
        s.do(AcceptSuggestion(0))  # no suggestion there
    d = s.do(RelabelAll("Operator", "Jenna"))
    assert len(d.touched("turns")) == sum(1 for t in s.turns() if t.label == "Operator")
    assert all(t.current_speaker == "Jenna" for t in s.turns() if t.label == "Operator")
    with pytest.raises(InvalidDecision):
        s.do(SetSpeaker(1, "Nobody Known"))
    s.do(RenameParticipant("Jenna", "Jenna Operator"))
    assert all(t.current_speaker == "Jenna Operator" for t in s.turns()
               if t.label == "Operator")
    assert "Jenna" in next(p for p in s.roster() if p.name == "Jenna Operator").aliases
    s.do(MergeParticipants("Priya Raman", "Marcus Oyelaran"))
    assert "Priya Raman" not in [p.name for p in s.roster()]
    assert not [t for t in s.turns() if t.current_speaker == "Priya Raman"]


def test_mark_reviewed_and_reopen(setup) -> None:
    _, _, s = setup
    s.do(MarkReviewed())
    info = s.info()
    assert (info["status"], info["reviewed_by"]) == ("reviewed", "ana")
    assert s.do(MarkReviewed()) is None
    s.do(MarkReviewed(False))
    assert s.info()["status"] == "in_progress" and s.info()["reviewed_at"] is None


def test_locked_project_changes_nothing(setup, tmp_path) -> None:
    project, tid, s = setup
    a = s.annotations()[0]
    project.db.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    before = snapshot(project, tid)
    with pytest.raises(DatabaseLockedError):
        s.do(Accept(a.id))
    other.execute("ROLLBACK")
    other.close()
    assert snapshot(project, tid) == before
    assert s.history() == []


def test_undo_refuses_rows_changed_by_someone_else(setup, tmp_path) -> None:
    _project, tid, s = setup
    a = s.annotations()[0]
    s.do(Accept(a.id))
    other = ReviewSession(open_project(tmp_path / "p.db"), tid, "bo")
    # A direct write, outside the decision log (as a script might do).
    with other.db.conn:
        other.db.conn.execute("UPDATE annotations SET status = 'rejected' WHERE id = ?",
                              (a.id,))
    with pytest.raises(StaleDecisionError):
        s.undo()
    assert s.annotations()[0].status == "rejected"
    other.project.close()


def test_session_needs_a_reviewer_and_a_transcript(setup) -> None:
    project, tid, _ = setup
    with pytest.raises(InvalidDecision):
        ReviewSession(project, tid, "  ")
    with pytest.raises(Exception, match="no transcript"):
        ReviewSession(project, 999, "ana")
