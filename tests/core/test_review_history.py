"""Undo and redo are audited events (time and reviewer), and the gold of a past date replays
them exactly; an older project without the event log migrates with its meaning kept."""

from __future__ import annotations

import pytest

import reviewer.core.review.session as session_module
from reviewer.core.review import Accept, Reject, ReviewSession
from reviewer.core.store import open_project
from reviewer.core.store.gold import load_transcript, reviewer_versions
from tests.core.test_evaluate_helpers import add_doc, annotate
from tests.core.test_evaluate_report import GOLD

T = "2025-06-0{}T10:00:00.000+00:00"   # decision stamps: day 1, 2, 3 ... at 10:00 UTC


@pytest.fixture
def clock(monkeypatch):
    """Sessions stamp decisions, undos and redos with ``clock[0]``."""
    now = [T.format(1)]
    monkeypatch.setattr(session_module, "_now", lambda: now[0])
    return now


def _project(path):
    p = open_project(path)
    tid = add_doc(p)
    annotate(p, tid, GOLD[:3], status="pending")
    return p, tid


def gold_at(project, tid, as_of) -> list[int]:
    """Start offsets of the gold mentions as they stood at ``as_of``."""
    return [m.start for m in load_transcript(project, tid, as_of=as_of).gold_mentions]


def test_do_undo_redo_are_replayed_at_their_times(tmp_path, clock) -> None:
    p, tid = _project(tmp_path / "p.db")
    s = ReviewSession(p, tid, "ann")
    first = s.annotations()[0]
    s.do(Accept(first.id))                      # t1 = day 1
    clock[0] = T.format(2)
    ReviewSession(p, tid, "bob").undo()         # t2 = day 2, by bob
    clock[0] = T.format(3)
    s.redo()                                    # t3 = day 3, by ann
    assert [(e["event"], e["reviewer"], e["at"][:10]) for e in s.events()] == [
        ("do", "ann", "2025-06-01"), ("undo", "bob", "2025-06-02"),
        ("redo", "ann", "2025-06-03")]
    assert gold_at(p, tid, "2025-05-31") == []
    assert gold_at(p, tid, "2025-06-01T12:00") == [first.start]      # between t1 and t2
    assert gold_at(p, tid, "2025-06-02") == []                       # the day of the undo
    assert gold_at(p, tid, "2025-06-02T23:59") == []                 # between t2 and t3
    assert gold_at(p, tid, "2025-06-03T09:59:59") == []
    assert gold_at(p, tid, "2025-06-03T10:00") == [first.start]      # at t3
    assert gold_at(p, tid, "2030-01-01") == [first.start]
    p.close()


def test_undo_after_a_restart_is_logged_and_rewound(tmp_path, clock) -> None:
    path = tmp_path / "p.db"
    p, tid = _project(path)
    s = ReviewSession(p, tid, "ann")
    a, b = s.annotations()[:2]
    s.do(Accept(a.id))
    clock[0] = T.format(2)
    s.do(Reject(b.id))
    p.close()
    clock[0] = T.format(4)
    p = open_project(path)
    s = ReviewSession(p, tid, "carl")
    assert s.undo().action == "reject"
    assert s.undo().action == "accept"
    assert [e["event"] for e in s.events()] == ["do", "do", "undo", "undo"]
    assert s.events()[-1]["reviewer"] == "carl" and s.events()[-1]["at"] == T.format(4)
    assert gold_at(p, tid, "2025-06-03") == [a.start]   # both undos came later
    rejected = [m.start for m in load_transcript(p, tid, as_of="2025-06-03").rejected]
    assert rejected == [b.start]
    assert gold_at(p, tid, "2025-06-04") == [] and gold_at(p, tid, None) == []
    # carl only undid: no decision of his is in effect, so he has no version of his own.
    assert reviewer_versions(p, "carl") == []
    s.redo()
    # ann's version is the state right after her last act, whatever carl did later.
    (mine,) = reviewer_versions(p, "ann")
    assert [m.start for m in mine.gold_mentions] == [a.start]
    p.close()


def test_an_older_project_without_the_event_log_migrates(tmp_path, clock) -> None:
    path = tmp_path / "old.db"
    p, tid = _project(path)
    s = ReviewSession(p, tid, "ann")
    a, b, c = s.annotations()
    s.do(Accept(a.id))                          # d1, day 1: in effect
    clock[0] = T.format(2)
    s.do(Accept(b.id))                          # d2, day 2: undone, then superseded
    s.undo()
    clock[0] = T.format(3)
    s.do(Accept(c.id))                          # d3, day 3: in effect
    clock[0] = T.format(4)
    s.do(Reject(a.id))                          # d4, day 4: undone, redoable
    s.undo()
    # What a project written before undo/redo were logged looks like.
    with p.db.conn:
        p.db.conn.execute("DROP TABLE decision_events")
        p.db.conn.execute("DELETE FROM _migrations WHERE name = '004_decision_events'")
    assert [r[0] for r in p.db.execute("SELECT undone FROM decisions ORDER BY id")] == [
        0, 2, 0, 1]
    p.close()

    p = open_project(path)
    s = ReviewSession(p, tid, "bob")
    assert [(e["decision_id"], e["event"]) for e in s.events()] == [
        (1, "do"), (2, "do"), (2, "undo"), (3, "do"), (4, "do"), (4, "undo")]
    assert "not known" in s.events()[2]["note"]
    # Undone decisions keep their meaning: in the gold of no date.
    assert gold_at(p, tid, "2025-05-31") == []
    assert gold_at(p, tid, "2025-06-01") == [a.start]
    assert gold_at(p, tid, "2025-06-02") == [a.start]
    assert gold_at(p, tid, "2025-06-03") == [a.start, c.start]
    assert gold_at(p, tid, "2025-06-04") == [a.start, c.start]
    # The legacy redoable decision is still redoable, and its redo is logged.
    clock[0] = T.format(5)
    assert s.redo().action == "reject"
    assert s.events()[-1] == {**s.events()[-1], "event": "redo", "reviewer": "bob",
                              "at": T.format(5)}
    assert gold_at(p, tid, "2025-06-04") == [a.start, c.start]
    assert gold_at(p, tid, "2025-06-05") == [c.start]
    p.close()
