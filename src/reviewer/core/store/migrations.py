"""Schema migrations: every schema change is a numbered function applied once, in order.

The ``_migrations`` table records which ones a project has. Later features (extractor runs,
predictions, gold annotations, the audit log) arrive as new migrations appended here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]


def m001_transcripts(db: sqlite_utils.Database) -> None:
    """Transcripts with their source text, participants, turns and paragraphs."""
    db["transcripts"].create(
        {
            "id": int, "hash": str, "name": str, "source_path": str, "format": str,
            "company": str, "ticker": str, "event": str, "fiscal_period": str, "date": str,
            "text": str, "boilerplate": str, "warnings": str, "status": str,
            "imported_at": str,
        },
        pk="id",
        not_null={"hash", "text", "format", "status"},
        defaults={"status": "new"},
    )
    db["transcripts"].create_index(["hash"], unique=True)
    db["participants"].create(
        {"id": int, "transcript_id": int, "position": int, "name": str, "role": str,
         "affiliation": str, "aliases": str},
        pk="id", foreign_keys=[("transcript_id", "transcripts", "id")],
    )
    db["participants"].create_index(["transcript_id"])
    db["turns"].create(
        {"id": int, "transcript_id": int, "idx": int, "label": str, "speaker": str,
         "role": str, "section": str, "start": int, "end": int},
        pk="id", foreign_keys=[("transcript_id", "transcripts", "id")],
    )
    db["turns"].create_index(["transcript_id", "idx"], unique=True)
    db["paragraphs"].create(
        {"id": int, "turn_id": int, "idx": int, "start": int, "end": int, "lang": str,
         "translation_of": int},
        pk="id", foreign_keys=[("turn_id", "turns", "id")],
    )
    db["paragraphs"].create_index(["turn_id", "idx"], unique=True)


def m002_runs_and_review(db: sqlite_utils.Database) -> None:
    """Extractor runs and their predictions; the review state (annotations, speaker labels);
    the audit log of decisions, which also drives undo/redo across restarts."""
    db["runs"].create(
        {"id": int, "extractor": str, "version": str, "config_hash": str, "config": str,
         "started_at": str, "finished_at": str, "status": str},
        pk="id", not_null={"extractor", "version", "status"},
    )
    db["predictions"].create(
        {"id": int, "run_id": int, "transcript_id": int, "start": int, "end": int,
         "text": str, "turn": int, "metric": str, "value": float, "low": float, "high": float,
         "unit": str, "period": str, "kind": str, "basis": str, "confidence": float,
         "extra": str},
        pk="id", foreign_keys=[("run_id", "runs", "id"),
                               ("transcript_id", "transcripts", "id")],
    )
    db["predictions"].create_index(["run_id", "transcript_id"])
    db["speaker_suggestions"].create(
        {"id": int, "run_id": int, "transcript_id": int, "turn": int, "label": str,
         "suggested": str, "reason": str, "confidence": float},
        pk="id", foreign_keys=[("run_id", "runs", "id"),
                               ("transcript_id", "transcripts", "id")],
    )
    db["speaker_suggestions"].create_index(["run_id", "transcript_id"])
    db["translation_checks"].create(
        {"id": int, "run_id": int, "transcript_id": int, "source_start": int,
         "source_end": int, "translation_start": int, "translation_end": int,
         "source_value": float, "translation_value": float, "consistent": int},
        pk="id", foreign_keys=[("run_id", "runs", "id"),
                               ("transcript_id", "transcripts", "id")],
    )
    db["translation_checks"].create_index(["run_id", "transcript_id"])
    # The working gold of a transcript: one row per mention under review.
    # status: pending | accepted | corrected | rejected | added
    db["annotations"].create(
        {"id": int, "transcript_id": int, "prediction_id": int, "start": int, "end": int,
         "metric": str, "value": float, "low": float, "high": float, "unit": str,
         "period": str, "kind": str, "basis": str, "confidence": float, "status": str,
         "reviewer": str, "updated_at": str},
        pk="id", not_null={"transcript_id", "start", "end", "status"},
        foreign_keys=[("transcript_id", "transcripts", "id"),
                      ("prediction_id", "predictions", "id")],
    )
    db["annotations"].create_index(["transcript_id", "start"])
    # Corrected speaker labels live beside the parsed ones, which stay as imported.
    db["turns"].add_column("gold_speaker", str)
    db["turns"].add_column("gold_role", str)
    db["turns"].add_column("speaker_status", str)  # null | corrected | confirmed
    db["transcripts"].add_column("reviewed_at", str)
    db["transcripts"].add_column("reviewed_by", str)
    # Every decision: who, when, what, and the rows before/after (JSON list of
    # {"table", "id", "before", "after"}), so that undo/redo and the gold of any past
    # date can be rebuilt. undone = 1 while a decision is undone (redo clears it).
    db["decisions"].create(
        {"id": int, "transcript_id": int, "at": str, "reviewer": str, "action": str,
         "summary": str, "changes": str, "undone": int},
        pk="id", not_null={"at", "action", "changes"}, defaults={"undone": 0},
        foreign_keys=[("transcript_id", "transcripts", "id")],
    )
    db["decisions"].create_index(["transcript_id", "id"])


def m003_merge_conflicts(db: sqlite_utils.Database) -> None:
    """What ``reviewer merge`` could not decide: the versions of a mention or a speaker label
    that two reviewers' projects disagree on, left for adjudication in the app.
    kind: mention | speaker; versions: JSON {source project: the version it holds}."""
    db["merge_conflicts"].create(
        {"id": int, "transcript_id": int, "kind": str, "turn": int, "start": int, "end": int,
         "versions": str, "resolved_at": str},
        pk="id", not_null={"transcript_id", "kind", "versions"},
        foreign_keys=[("transcript_id", "transcripts", "id")],
    )
    db["merge_conflicts"].create_index(["transcript_id"])


def m004_decision_events(db: sqlite_utils.Database) -> None:
    """Undo and redo become audited events: ``decision_events`` logs every do, undo and redo
    of a decision with its time and reviewer, so the gold of any past date is rebuilt by
    replaying them (``decisions.undone`` stays as the current undo/redo state).

    Decisions logged before this migration get a ``do`` event at their own time; those
    already undone also get an ``undo`` event at that same time (when they were undone was
    never recorded), so they keep their meaning: never part of the gold of any date."""
    db["decision_events"].create(
        {"id": int, "decision_id": int, "transcript_id": int, "at": str, "reviewer": str,
         "event": str, "note": str},
        pk="id", not_null={"decision_id", "at", "event"},
        foreign_keys=[("decision_id", "decisions", "id"),
                      ("transcript_id", "transcripts", "id")],
    )
    db["decision_events"].create_index(["transcript_id", "id"])
    db["decision_events"].create_index(["decision_id"])
    rows = db.execute("SELECT id, transcript_id, at, reviewer, undone FROM decisions"
                      " ORDER BY id").fetchall()
    events: list[tuple] = []
    for did, tid, at, reviewer, undone in rows:
        # Each undo right after its own do: the pair cancels out wherever the rebuild starts.
        events.append((did, tid, at, reviewer, "do", None))
        if undone:
            events.append((did, tid, at, None, "undo",
                           "undone before undo was logged: its time is not known"))
    db.conn.executemany(
        "INSERT INTO decision_events (decision_id, transcript_id, at, reviewer, event, note)"
        " VALUES (?,?,?,?,?,?)", events)


def m005_owners_and_metrics(db: sqlite_utils.Database) -> None:
    """Which process runs a run (``host:pid:start``): a ``running`` run whose process is
    gone was interrupted (kill -9, power loss) and is marked so on the next open. And the
    project's own metric ids (labels brought in by another tool's gold, not in the taxonomy).
    And the open sessions (see store/sessions.py)."""
    db["runs"].add_column("owner", str)
    db["project_metrics"].create({"id": str, "label": str, "source": str, "added_at": str},
                                 pk="id")
    # Read-write opens not yet closed: a row whose process died means a crash since.
    db["sessions"].create({"id": str, "opened_at": str}, pk="id")


def m007_scale_indexes(db: sqlite_utils.Database) -> None:
    """Indexes that keep a 10,000-transcript project instant. A transcript row holds its
    whole text before its status, so listing transcripts read every text: the listing
    index covers what a list shows (and searches), and the status index finds the reviewed
    transcripts an evaluation or an export reads without walking the table. Opening a
    transcript asks for the newest run's output by transcript alone, which the
    (run_id, transcript_id) indexes cannot answer without reading every row of every run."""
    db["transcripts"].create_index(
        ["id", "hash", "name", "format", "company", "ticker", "fiscal_period", "date",
         "status"], index_name="idx_transcripts_listing", if_not_exists=True)
    db["transcripts"].create_index(["status"], if_not_exists=True)
    for table in ("predictions", "speaker_suggestions", "translation_checks"):
        db[table].create_index(["transcript_id", "run_id"], if_not_exists=True)


MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_transcripts", m001_transcripts),
    ("002_runs_and_review", m002_runs_and_review),
    ("003_merge_conflicts", m003_merge_conflicts),
    ("004_decision_events", m004_decision_events),
    ("005_owners_and_metrics", m005_owners_and_metrics),
    ("007_scale_indexes", m007_scale_indexes),
]


def apply_migrations(db: sqlite_utils.Database) -> list[str]:
    """Apply every migration the database lacks, each in its own transaction.

    Returns the names applied. A migration that fails rolls back and leaves the schema as it
    was before it.
    """
    if "_migrations" not in db.table_names():
        db["_migrations"].create({"name": str, "applied_at": str}, pk="name")
    done = {r["name"] for r in db["_migrations"].rows}
    applied: list[str] = []
    for name, migrate in MIGRATIONS:
        if name in done:
            continue
        # An explicit transaction: Python's sqlite3 would otherwise autocommit each DDL line.
        db.conn.execute("BEGIN")
        try:
            migrate(db)
            db.conn.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            db.conn.execute("COMMIT")
        except BaseException:
            db.conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


def schema_version(db: sqlite_utils.Database) -> int:
    """How many migrations a database has applied."""
    if "_migrations" not in db.table_names():
        return 0
    return db["_migrations"].count
