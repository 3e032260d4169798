"""All SQL of extractor runs: the ``runs`` row, its predictions (mentions), speaker
suggestions and translation checks (tables of migration 002).

A run row records the extractor's name, version, its config (JSON) and ``config_hash``
(SHA-256 of the config as sorted JSON), start and finish times and a status: ``running``,
``completed``, ``partial`` (some transcripts failed), ``cancelled``, ``failed`` or
``interrupted`` (its process died: kill -9, power loss; settled when the project is next
opened, from the ``owner`` column). The results
of one transcript are written in one transaction, so a crash or a cancel leaves every
transcript either fully recorded or absent.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from reviewer.core.errors import DatabaseLockedError, StoreError
from reviewer.core.extract.result import ExtractionResult, Mention, check_json, suggestion_json
from reviewer.core.store.opening import NewerProjectError, ReadOnlyProjectError
from reviewer.core.store.process import process_token, token_alive
from reviewer.core.store.project import Project, _translate

STATUSES = ("running", "completed", "partial", "cancelled", "failed", "interrupted")


@dataclass(frozen=True)
class RunCounts:
    """How much a run recorded."""

    run_id: int
    status: str
    transcripts: int
    predictions: int
    suggestions: int
    checks: int


def config_hash(config: Mapping[str, Any]) -> str:
    """SHA-256 of the config as JSON with sorted keys (the identity of a configuration)."""
    raw = json.dumps(config, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                     default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _failed(project: Project, what: str, exc: sqlite3.Error) -> StoreError:
    """The error to raise: the project's own message when it is locked, read-only or newer
    (those say what to do), else ``what``."""
    err = _translate(exc, project.path)
    if isinstance(err, DatabaseLockedError | ReadOnlyProjectError | NewerProjectError):
        return err
    return StoreError(f"{what}: {exc}")


def start_run(project: Project, name: str, version: str, config: Mapping[str, Any]) -> int:
    """Insert a ``running`` run row; returns its id."""
    try:
        with project.db.conn:
            cur = project.db.conn.execute(
                "INSERT INTO runs (extractor, version, config_hash, config, started_at, status,"
                " owner) VALUES (?,?,?,?,?,?,?)",
                (name, version, config_hash(config),
                 json.dumps(config, sort_keys=True, ensure_ascii=False, default=str), _now(),
                 "running", process_token()))
    except sqlite3.Error as exc:
        raise _failed(project, "cannot record the run", exc) from exc
    return int(cur.lastrowid)


def finish_run(project: Project, run_id: int, status: str = "completed") -> None:
    """Set the final status and finish time of a run."""
    if status not in STATUSES:
        raise ValueError(f"unknown run status {status!r}")
    try:
        with project.db.conn:
            project.db.conn.execute("UPDATE runs SET status = ?, finished_at = ? WHERE id = ?",
                                    (status, _now(), run_id))
    except sqlite3.Error as exc:
        raise _failed(project, f"cannot finish run {run_id}", exc) from exc


def save_result(project: Project, run_id: int, transcript_id: int,
                result: ExtractionResult) -> None:
    """Store one transcript's results of a run in ONE transaction (replacing what the run
    held for that transcript)."""
    conn = project.db.conn
    try:
        with conn:
            for table in ("predictions", "speaker_suggestions", "translation_checks"):
                conn.execute(f"DELETE FROM {table} WHERE run_id = ? AND transcript_id = ?",
                             (run_id, transcript_id))
            conn.executemany(
                'INSERT INTO predictions (run_id, transcript_id, start, "end", text, turn,'
                " metric, value, low, high, unit, period, kind, basis, confidence, extra)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(run_id, transcript_id, m.start, m.end, m.text, m.turn, m.metric, m.value,
                  m.low, m.high, m.unit, m.period, m.kind, m.basis, m.confidence,
                  json.dumps(m.extra, ensure_ascii=False) if m.extra else None)
                 for m in result.mentions])
            conn.executemany(
                "INSERT INTO speaker_suggestions (run_id, transcript_id, turn, label,"
                " suggested, reason, confidence) VALUES (?,?,?,?,?,?,?)",
                [(run_id, transcript_id, s["turn"], s["label"], s["suggested"], s["reason"],
                  s["confidence"]) for s in map(suggestion_json, result.speaker_suggestions)])
            conn.executemany(
                "INSERT INTO translation_checks (run_id, transcript_id, source_start,"
                " source_end, translation_start, translation_end, source_value,"
                " translation_value, consistent) VALUES (?,?,?,?,?,?,?,?,?)",
                [_check_row(run_id, transcript_id, c) for c in result.translation_checks])
    except sqlite3.Error as exc:
        raise _failed(project, f"cannot store the results of transcript {transcript_id}",
                      exc) from exc


def _check_row(run_id: int, transcript_id: int, check: Any) -> tuple:
    c = check_json(check)
    src = c["source"] or [None, None]
    tr = c["translation"] or [None, None]
    return (run_id, transcript_id, src[0], src[1], tr[0], tr[1], c["source_value"],
            c["translation_value"], int(c["consistent"]))


def settle_interrupted(project: Project) -> list[int]:
    """Mark ``running`` runs whose owning process is gone as ``interrupted``; their ids."""
    rows = project.db.execute(
        "SELECT id, owner FROM runs WHERE status = 'running'").fetchall()
    dead = [rid for rid, owner in rows if not token_alive(owner)]
    if dead:
        try:
            with project.db.conn:
                project.db.conn.executemany(
                    "UPDATE runs SET status = 'interrupted' WHERE id = ? AND status = 'running'",
                    [(rid,) for rid in dead])
        except sqlite3.Error as exc:
            raise _failed(project, "cannot mark interrupted runs", exc) from exc
    return dead


def record_run(project: Project, extractor: Any,
               results_by_transcript: Mapping[int, ExtractionResult],
               status: str = "completed") -> int:
    """Record results computed elsewhere as one run of ``extractor`` (an object with name,
    version and config); returns the run id."""
    run_id = start_run(project, extractor.name, extractor.version, extractor.config)
    try:
        for tid, result in results_by_transcript.items():
            save_result(project, run_id, tid, result)
    except BaseException:
        finish_run(project, run_id, "failed")
        raise
    finish_run(project, run_id, status)
    return run_id


def run_counts(project: Project, run_id: int) -> RunCounts:
    """The status of a run and how many rows it recorded."""
    row = project.db.execute("SELECT status FROM runs WHERE id = ?", (run_id,)).fetchone()
    if row is None:
        raise StoreError(f"no run {run_id} in this project")

    def count(sql: str) -> int:
        return project.db.execute(sql, (run_id,)).fetchone()[0]

    return RunCounts(
        run_id, row[0],
        count("SELECT count(DISTINCT transcript_id) FROM (SELECT transcript_id FROM predictions"
              " WHERE run_id = ?1 UNION ALL SELECT transcript_id FROM speaker_suggestions"
              " WHERE run_id = ?1 UNION ALL SELECT transcript_id FROM translation_checks"
              " WHERE run_id = ?1)"),
        count("SELECT count(*) FROM predictions WHERE run_id = ?"),
        count("SELECT count(*) FROM speaker_suggestions WHERE run_id = ?"),
        count("SELECT count(*) FROM translation_checks WHERE run_id = ?"),
    )


def run_mentions(project: Project, run_id: int,
                 transcript_id: int | None = None) -> dict[int, list[Mention]]:
    """The predicted mentions of a run by transcript id, in text order."""
    sql = ('SELECT transcript_id, start, "end", text, turn, metric, value, low, high, unit,'
           " period, kind, basis, confidence, extra FROM predictions WHERE run_id = ?")
    args: list[Any] = [run_id]
    if transcript_id is not None:
        sql += " AND transcript_id = ?"
        args.append(transcript_id)
    out: dict[int, list[Mention]] = {}
    for row in project.db.execute(sql + ' ORDER BY transcript_id, start, "end", id', args):
        tid, *fields, extra = row
        out.setdefault(tid, []).append(Mention(*fields, extra=json.loads(extra or "{}")))
    return out


def transcript_ids(project: Project) -> list[tuple[int, str]]:
    """``(id, name)`` of every transcript, in import order."""
    return [(r[0], r[1]) for r in project.db.execute(
        "SELECT id, name FROM transcripts ORDER BY id")]
