"""kill -9 at random moments of every writing operation: nothing shown as saved is lost, the
file stays sound, no process outlives the one we killed, and half-done work is never taken
for done work."""

from __future__ import annotations

import json

import pytest

from tests.faults.conftest import (
    TRIALS,
    assert_no_orphans,
    cli,
    copy_project,
    integrity,
    kill9_after,
    query,
    rng,
    spawn_cli,
    timed,
    worker,
)


def test_kill9_during_import_keeps_every_imported_file(tmp_path, corpus) -> None:
    names = sorted(p.name for p in corpus.glob("*.txt"))
    full = timed(lambda: cli("import", corpus, "--db", tmp_path / "probe.db", check=True))
    r = rng("import")
    for trial in range(TRIALS):
        db = tmp_path / f"import{trial}.db"
        proc = spawn_cli("import", corpus, "--db", db)
        _out, kids = kill9_after(proc, r.uniform(0, full * 1.1))
        assert_no_orphans(kids)
        if not db.exists():
            continue  # killed before the project was created: nothing to lose
        assert integrity(db) == "ok"
        # Even a project killed while it was being created opens (and finishes migrating).
        cli("list", "--db", db, check=True)
        kept = {n for (n,) in query(db, "SELECT name FROM transcripts")}
        # Each stored transcript is whole: its turns are all there.
        for name, turns in query(db, "SELECT t.name, count(u.id) FROM transcripts t"
                                     " LEFT JOIN turns u ON u.transcript_id = t.id"
                                     " GROUP BY t.id"):
            assert turns > 0, f"{name} stored without its turns"
        # Importing again completes the project without duplicates.
        cli("import", corpus, "--db", db, check=True)
        after = [n for (n,) in query(db, "SELECT name FROM transcripts")]
        assert sorted(after) == names and kept <= set(after)


@pytest.mark.parametrize("jobs", [1, 2])
def test_kill9_during_extract_leaves_whole_transcripts_and_an_interrupted_run(
        tmp_path, extracted, jobs) -> None:
    reference = dict(query(extracted, "SELECT transcript_id, count(*) FROM predictions"
                                      " WHERE run_id = 1 GROUP BY transcript_id"))
    probe = copy_project(extracted, tmp_path / "probe.db")
    full = timed(lambda: cli("extract", "--db", probe, "--jobs", str(jobs), check=True))
    r = rng(f"extract-{jobs}")
    for trial in range(TRIALS):
        db = copy_project(extracted, tmp_path / f"x{jobs}_{trial}.db")
        proc = spawn_cli("extract", "--db", db, "--jobs", str(jobs))
        _out, kids = kill9_after(proc, r.uniform(0.05, full * 1.1))
        assert_no_orphans(kids)
        assert integrity(db) == "ok"
        # A transcript is recorded whole (as many predictions as the reference run) or not.
        got = dict(query(db, "SELECT transcript_id, count(*) FROM predictions WHERE run_id = 2"
                             " GROUP BY transcript_id"))
        assert all(got[t] == reference[t] for t in got), "a transcript was half recorded"
        status = query(db, "SELECT status FROM runs WHERE id = 2")
        if not status:
            continue  # killed before the run was recorded
        # Opening the project settles a run whose process died.
        cli("list", "--db", db, check=True)
        final = query(db, "SELECT status FROM runs WHERE id = 2")[0][0]
        assert final in ("completed", "interrupted")
        if final == "interrupted":
            report = cli("evaluate", "--db", db, "--run", "2", "--resamples", "0")
            assert "interrupted" in report.stdout + report.stderr


def test_kill9_during_review_loses_no_saved_decision(tmp_path, extracted) -> None:
    probe = copy_project(extracted, tmp_path / "probe.db")
    full = timed(lambda: worker("decide", probe).communicate(timeout=120))
    r = rng("decide")
    for trial in range(TRIALS):
        db = copy_project(extracted, tmp_path / f"d{trial}.db")
        out, _kids = kill9_after(worker("decide", db), r.uniform(0.1, full))
        assert integrity(db) == "ok"
        saved = [line.split() for line in out.splitlines() if line.startswith("saved ")]
        for _, aid, status in saved:
            row = query(db, "SELECT status FROM annotations WHERE id = ?", (int(aid),))
            assert row == [(status,)], f"decision on mention {aid} shown as saved, then lost"
        # Every decision is in the audit log too.
        logged = query(db, "SELECT count(*) FROM decisions")[0][0]
        assert logged >= len(saved)


def test_kill9_during_export_never_leaves_a_partial_file(tmp_path, extracted) -> None:
    reference = tmp_path / "reference.jsonl"
    full = timed(lambda: cli("export", "--db", extracted, "--format", "jsonl", "--all",
                             "--out", reference, check=True))
    expected = reference.read_bytes()
    r = rng("export")
    for trial in range(TRIALS):
        out = tmp_path / f"export{trial}.jsonl"
        proc = spawn_cli("export", "--db", extracted, "--format", "jsonl", "--all",
                         "--out", out)
        kill9_after(proc, r.uniform(0, full * 1.1))
        assert not out.exists() or out.read_bytes() == expected
    assert integrity(extracted) == "ok"


def test_kill9_during_merge_never_leaves_a_partial_project(tmp_path, corpus) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    for db in (a, b):
        cli("import", *sorted(corpus.glob("*.txt"))[:10], "--db", db, check=True)
        cli("extract", "--db", db, check=True)
        worker("review-all", db).communicate(timeout=300)
    probe = tmp_path / "probe.db"
    full = timed(lambda: cli("merge", a, b, "--out", probe, check=True))
    expected = query(probe, "SELECT count(*) FROM annotations")[0][0]
    assert expected > 0
    r = rng("merge")
    for trial in range(TRIALS):
        out = tmp_path / f"merged{trial}.db"
        kill9_after(spawn_cli("merge", a, b, "--out", out), r.uniform(0, full * 1.1))
        if out.exists():  # there only when complete
            assert integrity(out) == "ok"
            assert query(out, "SELECT count(*) FROM annotations")[0][0] == expected
    assert integrity(a) == integrity(b) == "ok"


def test_jsonl_reference_is_complete(tmp_path, extracted) -> None:
    """The export the kill trials compare with holds every transcript (so an empty file
    could not pass for a complete one)."""
    out = tmp_path / "all.jsonl"
    cli("export", "--db", extracted, "--format", "jsonl", "--all", "--out", out, check=True)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == query(extracted, "SELECT count(*) FROM transcripts")[0][0]
    assert all(json.loads(line)["text"] for line in lines)
