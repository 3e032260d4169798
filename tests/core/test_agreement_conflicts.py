"""Adjudicating what ``reviewer merge`` could not decide: the conflicts listed with their state,
settled through ordinary (audited, undoable) review decisions, persisted."""

from __future__ import annotations

import pytest

from reviewer.core.evaluate.merge import merge_projects
from reviewer.core.review import Accept, ChooseSpeaker, MarkReviewed, Reject, ReviewSession
from reviewer.core.review.conflicts import describe, list_conflicts, quantity
from reviewer.core.store import open_project
from reviewer.core.store.gold import load_transcript
from tests.core.test_agreement import GOLD_B
from tests.core.test_evaluate_helpers import (
    TEXT,
    add_doc,
    annotate,
    mark_reviewed,
    set_gold_speaker,
    span,
)
from tests.core.test_evaluate_report import GOLD


def reviewed_project(path, rows, speaker: str | None):
    p = open_project(path)
    tid = add_doc(p)
    annotate(p, tid, rows)
    if speaker:
        set_gold_speaker(p, tid, 1, speaker)
    mark_reviewed(p, tid)
    return p


@pytest.fixture
def merged(tmp_path):
    """alice and bob reviewed the same call differently (see test_agreement); merged."""
    a = reviewed_project(tmp_path / "alice.db", GOLD, "Priya Raman")
    b = reviewed_project(tmp_path / "bob.db", GOLD_B, None)
    target = open_project(tmp_path / "merged.db")
    merge_projects([("alice", a), ("bob", b)], target)
    a.close()
    b.close()
    tid = target.db.execute("SELECT id FROM transcripts").fetchone()[0]
    yield target, tid
    target.close()


def by_text(conflicts, needle):
    return next(c for c in conflicts if c.text == needle)


def test_conflicts_are_listed_with_what_each_source_said(merged) -> None:
    p, tid = merged
    conflicts = list_conflicts(p)
    assert [c.kind for c in conflicts].count("mention") == 5
    assert not any(c.resolved for c in conflicts)
    assert {c.transcript for c in conflicts} == {"call.txt"}
    growth = by_text(conflicts, "5%")
    assert growth.said == {"alice": "revenue_growth 5% actual",
                           "bob": "revenue_growth 6% actual"}
    assert growth.where == "turn 1"
    assert growth.now == "2 pending" and len(growth.mentions) == 2
    assert growth.focus == growth.mentions[0].id
    ranged = by_text(conflicts, "10% to 12%")
    # The surface is shown where a source's span is not the conflict's own.
    assert ranged.said["alice"] == "revenue_growth 10\u201312% FY2025 guidance"
    assert ranged.said["bob"] == "\u201c10%\u201d revenue_growth 10% FY2025 guidance"
    only_alice = by_text(conflicts, "negative $3 million")
    assert only_alice.said["bob"] == "no mention"
    (speaker,) = [c for c in conflicts if c.kind == "speaker"]
    assert (speaker.turn, speaker.where) == (1, "turn 1")
    assert speaker.choices == ("Priya Raman", "Kate Patterson")
    assert speaker.now == "not set (parsed: Kate Patterson)"
    assert speaker.text.startswith("Kate Patterson: Revenue was $129.1 million")
    assert list_conflicts(p, tid + 1) == []


def test_keeping_one_version_is_one_undoable_decision(merged) -> None:
    p, tid = merged
    s = ReviewSession(p, tid, "judge")
    growth = by_text(list_conflicts(p), "5%")
    assert growth.keep("carol") is None
    d = s.do(growth.keep("bob"))
    assert d.action == "adjudicate" and "keep bob's version" in d.summary
    growth = by_text(list_conflicts(p), "5%")
    assert growth.resolved and growth.now == "revenue_growth 6% actual"
    assert growth.keep("bob") is None            # already as bob had it
    s.undo()
    assert not by_text(list_conflicts(p), "5%").resolved
    s.redo()
    assert by_text(list_conflicts(p), "5%").resolved
    # Keeping "no mention" rejects what the other source alone had.
    fcf = by_text(list_conflicts(p), "negative $3 million")
    s.do(fcf.keep("bob"))
    fcf = by_text(list_conflicts(p), "negative $3 million")
    assert fcf.resolved and fcf.now == "no mention (all rejected)"


def test_ordinary_decisions_resolve_and_persist(merged, tmp_path) -> None:
    p, tid = merged
    s = ReviewSession(p, tid, "judge")
    ranged = by_text(list_conflicts(p), "10% to 12%")
    wide = next(a for a in ranged.mentions if (a.start, a.end) == span(TEXT, "10% to 12%"))
    narrow = next(a for a in ranged.mentions if a.id != wide.id)
    s.do(Accept(wide.id))
    assert not by_text(list_conflicts(p), "10% to 12%").resolved   # one still pending
    s.do(Reject(narrow.id))
    assert by_text(list_conflicts(p), "10% to 12%").resolved
    # Speakers: a one-click choice, even of someone the merged roster lacks.
    (speaker,) = [c for c in list_conflicts(p) if c.kind == "speaker"]
    assert "Priya Raman" not in [r.name for r in s.roster()]
    d = s.do(ChooseSpeaker(speaker.turn, "Priya Raman"))
    assert "added to the roster" in d.summary
    (speaker,) = [c for c in list_conflicts(p) if c.kind == "speaker"]
    assert speaker.resolved and speaker.now == "Priya Raman (corrected)"
    assert "Priya Raman" in [r.name for r in s.roster()]
    s.undo()   # one decision: the roster entry goes too
    assert "Priya Raman" not in [r.name for r in s.roster()]
    assert not next(c for c in list_conflicts(p) if c.kind == "speaker").resolved
    s.do(ChooseSpeaker(1, "Kate Patterson"))
    p.close()
    p = open_project(tmp_path / "merged.db")
    state = {c.text if c.kind == "mention" else "turn": c.resolved for c in list_conflicts(p)}
    assert state == {"5%": False, "10% to 12%": True, "$40 million": False,
                     "negative $3 million": False, "2025": False, "turn": True}
    (speaker,) = [c for c in list_conflicts(p) if c.kind == "speaker"]
    assert speaker.now == "Kate Patterson (confirmed)"
    # Settle the rest, mark reviewed: the adjudicated gold.
    s = ReviewSession(p, tid, "judge")
    for c in list_conflicts(p):
        if not c.resolved:
            s.do(c.keep("alice"))
    assert all(c.resolved for c in list_conflicts(p))
    s.do(MarkReviewed())
    doc = load_transcript(p, tid)
    assert doc.reviewed and len(doc.gold_mentions) == len(GOLD)
    assert doc.turns[1].gold == "Kate Patterson"
    p.close()


def test_describing_values() -> None:
    assert quantity({"value": 129.1e6, "unit": "USD"}) == "129,100,000 USD"
    assert quantity({"low": 10, "high": 12, "unit": "percent"}) == "10\u201312%"
    assert quantity({"value": 50, "unit": "bps"}) == "50 bps"
    assert quantity({}) == ""
    assert describe({"metric": None}) == "?"
