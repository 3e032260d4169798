"""Numbers analysts quote in their questions: the extractor marks the prediction
(``extra["quoted"]``), the review carries the mark on each mention made from it."""

from __future__ import annotations

from reviewer.core.extract.runner import run_on_project
from reviewer.core.review import Accept, ReviewSession, preannotate
from tests.core.test_review_fixtures import demo_project, fake_run


def test_mentions_quoted_by_analysts_carry_the_role(tmp_path) -> None:
    project, tid = demo_project(tmp_path / "p.db")
    preannotate(project, tid, run_on_project(project))
    s = ReviewSession(project, tid, "ana")
    by_text = {}
    for a in s.annotations():
        by_text.setdefault(s.text[a.start:a.end], []).append(a)
    # Tom Becker (analyst) asks about "the 110 basis points of gross margin expansion"; the
    # CFO's "$150 million" buyback is a company figure.
    (asked,) = [a for a in by_text["110 basis points"] if a.quoted_by]
    assert asked.quoted_by == "analyst"
    assert by_text["$150 million"][0].quoted_by is None
    assert {a.quoted_by for a in s.annotations()} == {None, "analyst"}
    # A decision keeps the mark (it is read from the prediction, never written by a decision).
    d = s.do(Accept(asked.id))
    assert all("quoted_by" not in (c["after"] or {}) for c in d.changes)
    assert s.annotation(asked.id).quoted_by == "analyst"
    assert s.annotation(asked.id).status == "accepted"


def test_no_mark_without_the_flag_or_with_a_malformed_extra(tmp_path) -> None:
    project, tid = demo_project(tmp_path / "p.db")
    run = fake_run(project, tid)
    with project.db.conn:
        ids = [r[0] for r in project.db.execute(
            "SELECT id FROM predictions WHERE run_id = ? ORDER BY id", (run,))]
        project.db.conn.execute("UPDATE predictions SET extra = ? WHERE id = ?",
                                ('{"quoted": "analyst"}', ids[0]))
        project.db.conn.execute("UPDATE predictions SET extra = ? WHERE id = ?",
                                ('{"quoted": ', ids[1]))
    preannotate(project, tid, run)
    marks = [a.quoted_by for a in ReviewSession(project, tid, "ana").annotations()]
    assert marks == ["analyst"] + [None] * (len(ids) - 1)
