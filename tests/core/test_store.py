"""The project store: migrations, round-trips, content-hash identity, bad databases."""

from __future__ import annotations

import sqlite3

import pytest

from reviewer.core.errors import DatabaseLockedError, StoreError
from reviewer.core.ingest import parse_text
from reviewer.core.store import open_project
from reviewer.core.store.migrations import MIGRATIONS, schema_version

SAMPLE = "Operator\nWelcome to the call.\nJane Doe\nRevenue was $12 million.\n\nThanks.\n"


@pytest.fixture
def project():
    p = open_project(memory=True)
    yield p
    p.close()


def test_new_project_has_every_migration(project) -> None:
    assert schema_version(project.db) == len(MIGRATIONS)
    assert {"transcripts", "participants", "turns", "paragraphs"} <= set(
        project.db.table_names())


def test_round_trip_keeps_every_field(project) -> None:
    parsed = parse_text(SAMPLE)
    tid, created = project.add_transcript(parsed, "sample.txt")
    assert created
    loaded = project.load_transcript(tid)
    assert loaded.to_json() == parsed.to_json()
    assert loaded.text == SAMPLE


def test_same_text_twice_is_a_no_op(project) -> None:
    parsed = parse_text(SAMPLE)
    first, _ = project.add_transcript(parsed, "a.txt")
    again, created = project.add_transcript(parse_text(SAMPLE), "b.txt")
    assert (again, created) == (first, False)
    assert project.count() == 1


def test_list_filters(project) -> None:
    project.add_transcript(parse_text(SAMPLE), "alpha.txt")
    project.add_transcript(parse_text(SAMPLE + "More.\n"), "beta.txt")
    assert [r.name for r in project.list_transcripts()] == ["alpha.txt", "beta.txt"]
    assert [r.name for r in project.list_transcripts(search="bet")] == ["beta.txt"]
    assert project.list_transcripts(fmt="no-such-format") == []


def test_file_project_is_wal_with_foreign_keys(tmp_path) -> None:
    p = open_project(tmp_path / "p.db")
    assert p.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert p.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    p.add_transcript(parse_text(SAMPLE), "s.txt")
    p.close()
    reopened = open_project(tmp_path / "p.db")
    assert reopened.count() == 1
    assert schema_version(reopened.db) == len(MIGRATIONS)


def test_not_a_database_is_refused_and_left_alone(tmp_path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database")
    with pytest.raises(StoreError, match="not a Transcript Reviewer project"):
        open_project(bad)
    assert bad.read_text() == "these are my notes, not a database"


def test_damaged_database_is_refused(tmp_path) -> None:
    path = tmp_path / "p.db"
    p = open_project(path)
    for i in range(30):
        p.add_transcript(parse_text(SAMPLE + f"Line {i}.\n" * 200), f"{i}.txt")
    p.close()
    data = bytearray(path.read_bytes())
    data[5000:9000] = b"\xff" * 4000  # overwrite b-tree pages, keep the header
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError):
        open_project(path).list_transcripts()


def test_locked_database_gives_a_clear_error(tmp_path) -> None:
    path = tmp_path / "p.db"
    open_project(path).close()
    holder = sqlite3.connect(str(path))
    holder.execute("BEGIN EXCLUSIVE")
    try:
        p = open_project(path)
        p.db.conn.execute("PRAGMA busy_timeout = 100")
        with pytest.raises(DatabaseLockedError, match="locked"):
            p.add_transcript(parse_text(SAMPLE), "x.txt")
    finally:
        holder.rollback()
        holder.close()


def test_recording_a_run_in_a_locked_project_says_it_is_locked(tmp_path) -> None:
    # `reviewer extract --db` used to print "cannot record the run: database is locked".
    from reviewer.core.store.runs import start_run

    path = tmp_path / "p.db"
    open_project(path).close()
    holder = sqlite3.connect(str(path))
    holder.execute("BEGIN EXCLUSIVE")
    try:
        p = open_project(path)
        p.db.conn.execute("PRAGMA busy_timeout = 100")
        with pytest.raises(DatabaseLockedError, match="locked by another program"):
            start_run(p, "builtin", "0.1.0", {})
        p.close()
    finally:
        holder.rollback()
        holder.close()


def test_failed_write_changes_nothing(project) -> None:
    parsed = parse_text(SAMPLE)
    parsed.turns.append(parsed.turns[0])  # the same turn index twice breaks a unique index
    with pytest.raises(StoreError):
        project.add_transcript(parsed, "dup.txt")
    assert project.count() == 0
    assert project.db.execute("SELECT count(*) FROM turns").fetchone()[0] == 0
