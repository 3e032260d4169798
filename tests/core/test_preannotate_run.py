"""Pre-annotation is part of a run: `extract --db` leaves pending mentions (unless
--no-preannotate), `reviewer preannotate --run N` does it later, re-running never touches
decided mentions and says what it added, kept and dropped."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.importer import import_paths
from reviewer.core.review import Accept, Reject, ReviewSession, preannotate_run
from reviewer.core.store import open_project
from tests.conftest import DEMO
from tests.core.test_review_fixtures import FAKE_MENTIONS, demo_project, fake_run, turn_of


@pytest.fixture
def runner(tmp_path, monkeypatch) -> CliRunner:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    return CliRunner()


def statuses(project, tid=None) -> list[str]:
    sql = "SELECT status FROM annotations" + (" WHERE transcript_id = ?" if tid else "")
    return [r[0] for r in project.db.execute(sql, (tid,) if tid else ()).fetchall()]


def test_extract_db_preannotates_and_export_all_has_the_pending(tmp_path, runner) -> None:
    db = tmp_path / "p.db"
    project = open_project(db)
    import_paths(project, sorted(DEMO.glob("*.txt")))
    n = project.count()
    project.close()
    out = runner.invoke(cli, ["extract", "--db", str(db)])
    assert out.exit_code == 0, out.output
    assert "pending mention(s) added" in out.output
    added = int(re.search(r"(\d+) pending mention\(s\) added", out.output).group(1))
    project = open_project(db)
    preds = project.db.execute("SELECT count(*) FROM predictions").fetchone()[0]
    assert added == preds > 0  # every proposal of the run is now reviewable
    assert set(statuses(project)) == {"pending"}
    from reviewer.core.store.review import progress

    per = progress(project.db)  # what the app's list and status bar show
    assert len(per) == n and sum(t for _, t in per.values()) == added
    assert sum(d for d, _ in per.values()) == 0
    project.close()
    jsonl = tmp_path / "all.jsonl"
    out = runner.invoke(cli, ["export", "--db", str(db), "--format", "jsonl", "--out",
                              str(jsonl), "--all"])
    assert out.exit_code == 0, out.output
    assert f"{added} mention(s)" in out.output
    recs = [json.loads(line) for line in jsonl.read_text().splitlines()]
    spans = [m for r in recs for m in r["spans"]]
    assert len(spans) == added and {m["status"] for m in spans} == {"pending"}


def test_no_preannotate_then_preannotate_command(tmp_path, runner) -> None:
    db = tmp_path / "p.db"
    project, _tid = demo_project(db)
    project.close()
    out = runner.invoke(cli, ["extract", "--db", str(db), "--no-preannotate"])
    assert out.exit_code == 0 and "pre-annotated" not in out.output
    project = open_project(db)
    assert statuses(project) == []  # the run is recorded, nothing reviewable yet
    run = project.db.execute("SELECT max(id) FROM runs").fetchone()[0]
    preds = project.db.execute("SELECT count(*) FROM predictions").fetchone()[0]
    project.close()
    out = runner.invoke(cli, ["preannotate", "--db", str(db), "--run", str(run)])
    assert out.exit_code == 0, out.output
    assert f"{preds} pending mention(s) added, 0 kept, 0 dropped in 1 transcript" in out.output
    out = runner.invoke(cli, ["preannotate", "--db", str(db), "--run", str(run)])
    assert f"0 pending mention(s) added, {preds} kept, 0 dropped" in out.output
    out = runner.invoke(cli, ["preannotate", "--db", str(db), "--run", "99"])
    assert out.exit_code == 1 and "no run 99" in out.output


def other_run(project, tid, surfaces: list[str]) -> int:
    """A second fake run predicting only ``surfaces`` (fields as in FAKE_MENTIONS)."""
    text = project.db.execute("SELECT text FROM transcripts WHERE id = ?", (tid,)).fetchone()[0]
    with project.db.conn:
        run = project.db.conn.execute(
            "INSERT INTO runs (extractor, version, config_hash, config, started_at, status)"
            " VALUES ('fake', '1', '', '{}', '2024-02-01', 'completed')").lastrowid
        for surface, metric, value, unit, kind in FAKE_MENTIONS:
            if surface not in surfaces:
                continue
            m = re.search(re.escape(surface), text)
            project.db.conn.execute(
                'INSERT INTO predictions (run_id, transcript_id, start, "end", text, turn,'
                " metric, value, unit, period, kind, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,"
                "?,?)", (run, tid, m.start(), m.end(), surface,
                         turn_of(project, tid, m.start()), metric, value, unit, "FY2024Q3",
                         kind, 0.9))
    return int(run)


def test_rerun_keeps_decided_and_reports_counts(tmp_path) -> None:
    project, tid = demo_project(tmp_path / "p.db")
    first = preannotate_run(project, fake_run(project, tid))
    assert (first.added, first.kept, first.dropped) == (len(FAKE_MENTIONS), 0, 0)
    # A newer run that finds only the first three numbers: untouched by a reviewer, the
    # three others' proposals go away.
    keep = [m[0] for m in FAKE_MENTIONS[:3]]
    second = preannotate_run(project, other_run(project, tid, keep))
    assert (second.added, second.kept, second.dropped) == (0, 3, 3)
    # Once a reviewer decided something, a run never drops or changes anything decided.
    session = ReviewSession(project, tid, "ana")
    anns = session.annotations()
    session.do(Accept(anns[0].id))
    session.do(Reject(anns[1].id))
    third = preannotate_run(project, fake_run(project, tid))
    # 2 decided spans are taken, 1 pending kept, the 3 other numbers come back pending.
    assert (third.added, third.kept, third.dropped) == (3, 1, 0)
    rows = project.db.execute("SELECT start, status FROM annotations ORDER BY start").fetchall()
    assert [s for _, s in rows].count("accepted") == 1
    assert [s for _, s in rows].count("rejected") == 1
    assert len(rows) == len(FAKE_MENTIONS)
    # A reviewed transcript is left alone altogether.
    from reviewer.core.review import MarkReviewed

    session.do(MarkReviewed(True))
    before = project.db.execute("SELECT * FROM annotations ORDER BY id").fetchall()
    fourth = preannotate_run(project, other_run(project, tid, keep[:1]))
    assert (fourth.transcripts, fourth.skipped_reviewed) == (0, 1)
    assert project.db.execute("SELECT * FROM annotations ORDER BY id").fetchall() == before
    project.close()
