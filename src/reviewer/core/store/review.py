"""All SQL of the review state: annotations, corrected speakers, the roster, the decision log.

A decision is stored as a list of row changes ``{"table", "id", "before", "after"}`` where
``before``/``after`` are snapshots of the columns the decision touched (``None`` for a row that
did not exist before / does not exist after). Applying a decision, undoing it and redoing it are
each ONE transaction, durable when the call returns (the project is in WAL mode).

Undo state lives in ``decisions.undone``: 0 = in effect, 1 = undone (can be redone),
2 = undone and then superseded by a newer decision (no longer redoable; kept for the audit log).
The history lives in ``decision_events``: every do, undo and redo with its time and reviewer,
written in the same transaction as the change, so any past state can be replayed exactly.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlite_utils

from reviewer.core.errors import StoreError
from reviewer.core.store.project import _translate

Row = dict[str, Any]
Change = dict[str, Any]  # {"table", "id", "before", "after"}

ANNOTATION_COLUMNS = (
    "id", "transcript_id", "prediction_id", "start", "end", "metric", "value", "low", "high",
    "unit", "period", "kind", "basis", "confidence", "status", "reviewer", "updated_at",
)
TURN_COLUMNS = (
    "id", "idx", "label", "speaker", "role", "section", "start", "end", "gold_speaker",
    "gold_role", "speaker_status",
)
PARTICIPANT_COLUMNS = ("id", "transcript_id", "position", "name", "role", "affiliation",
                       "aliases")
# What a decision may write: table -> columns (inserts/deletes only where "insert" is True).
WRITABLE: dict[str, tuple[tuple[str, ...], bool]] = {
    "annotations": (ANNOTATION_COLUMNS, True),
    "participants": (PARTICIPANT_COLUMNS, True),
    "turns": (("gold_speaker", "gold_role", "speaker_status"), False),
    "transcripts": (("status", "reviewed_at", "reviewed_by"), False),
}
DECIDED = ("accepted", "corrected", "rejected", "added")


class StaleDecisionError(StoreError):
    """An undo/redo whose rows were changed since by someone else: refused, nothing changed."""


def _q(col: str) -> str:
    return f'"{col}"'


def _rows(db: sqlite_utils.Database, sql: str, args: Iterable[Any] = ()) -> list[Row]:
    cur = db.execute(sql, tuple(args))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


# -- reads ----------------------------------------------------------------------------------

def transcript_text(db: sqlite_utils.Database, tid: int) -> str:
    row = db.execute("SELECT text FROM transcripts WHERE id = ?", (tid,)).fetchone()
    if row is None:
        raise StoreError(f"no transcript with id {tid} in this project")
    return row[0]


def transcript_state(db: sqlite_utils.Database, tid: int) -> Row:
    rows = _rows(db, "SELECT id, name, company, fiscal_period, format, status, reviewed_at,"
                     " reviewed_by FROM transcripts WHERE id = ?", (tid,))
    if not rows:
        raise StoreError(f"no transcript with id {tid} in this project")
    return rows[0]


def annotations(db: sqlite_utils.Database, tid: int) -> list[Row]:
    cols = ", ".join(_q(c) for c in ANNOTATION_COLUMNS)
    return _rows(db, f'SELECT {cols} FROM annotations WHERE transcript_id = ?'
                     ' ORDER BY start, "end", id', (tid,))


def annotation(db: sqlite_utils.Database, aid: int) -> Row | None:
    cols = ", ".join(_q(c) for c in ANNOTATION_COLUMNS)
    rows = _rows(db, f"SELECT {cols} FROM annotations WHERE id = ?", (aid,))
    return rows[0] if rows else None


def prediction_notes(db: sqlite_utils.Database, tid: int,
                     aid: int | None = None) -> dict[int, dict[str, str]]:
    """``{annotation id: notes}`` for the transcript's mentions (or mention ``aid``) made
    from a prediction whose ``extra`` says who was quoted (``{"quoted": "analyst"}``: a
    number asked about, not one the company reported) or what is counted
    (``{"counted": "seats"}``)."""
    sql = ("SELECT a.id, p.extra FROM annotations a JOIN predictions p ON p.id = a.prediction_id"
           " WHERE a.transcript_id = ? AND (p.extra LIKE '%\"quoted\"%'"
           " OR p.extra LIKE '%\"counted\"%')")
    args: list[Any] = [tid]
    if aid is not None:
        sql += " AND a.id = ?"
        args.append(aid)
    out: dict[int, dict[str, str]] = {}
    for a, extra in db.execute(sql, args).fetchall():
        try:
            data = json.loads(extra)
            notes = {k: str(data[k]) for k in ("quoted", "counted") if data.get(k)}
        except (ValueError, AttributeError, TypeError):
            continue  # an external extractor's malformed extra: no note rather than no review
        if notes:
            out[int(a)] = notes
    return out


def quoted_roles(db: sqlite_utils.Database, tid: int, aid: int | None = None) -> dict[int, str]:
    """``{annotation id: role}`` of the mentions quoted by another speaker (see
    ``prediction_notes``)."""
    return {a: n["quoted"] for a, n in prediction_notes(db, tid, aid).items() if "quoted" in n}


def prediction(db: sqlite_utils.Database, pid: int) -> Row | None:
    rows = _rows(db, "SELECT * FROM predictions WHERE id = ?", (pid,))
    return rows[0] if rows else None


def conflict_versions(db: sqlite_utils.Database, tid: int) -> list[Row]:
    """The mention conflicts a merge left in a transcript: span and each source's version."""
    rows = _rows(db, 'SELECT start, "end", versions FROM merge_conflicts WHERE transcript_id'
                     " = ? AND kind = 'mention' ORDER BY id", (tid,))
    for r in rows:
        r["versions"] = json.loads(r["versions"])
    return rows


def turns(db: sqlite_utils.Database, tid: int) -> list[Row]:
    cols = ", ".join(_q(c) for c in TURN_COLUMNS)
    return _rows(db, f"SELECT {cols} FROM turns WHERE transcript_id = ? ORDER BY idx", (tid,))


def participants(db: sqlite_utils.Database, tid: int) -> list[Row]:
    cols = ", ".join(_q(c) for c in PARTICIPANT_COLUMNS)
    return _rows(db, f"SELECT {cols} FROM participants WHERE transcript_id = ?"
                     " ORDER BY position, id", (tid,))


def latest_run(db: sqlite_utils.Database, tid: int) -> int | None:
    """The newest run that predicted anything (mentions or suggestions) for the transcript."""
    row = db.execute(
        "SELECT max(run_id) FROM (SELECT run_id FROM predictions WHERE transcript_id = ?"
        " UNION SELECT run_id FROM speaker_suggestions WHERE transcript_id = ?)",
        (tid, tid)).fetchone()
    return row[0] if row else None


def run_predictions(db: sqlite_utils.Database, run_id: int, tid: int) -> list[Row]:
    return _rows(db, 'SELECT * FROM predictions WHERE run_id = ? AND transcript_id = ?'
                     ' ORDER BY start, "end", id', (run_id, tid))


def speaker_suggestions(db: sqlite_utils.Database, tid: int,
                        run_id: int | None = None) -> list[Row]:
    """The suggestions of ``run_id`` (default: the newest run that made any) for a transcript."""
    if run_id is None:
        row = db.execute("SELECT max(run_id) FROM speaker_suggestions WHERE transcript_id = ?",
                         (tid,)).fetchone()
        run_id = row[0] if row else None
        if run_id is None:
            return []
    return _rows(db, "SELECT * FROM speaker_suggestions WHERE run_id = ? AND transcript_id = ?"
                     " ORDER BY turn, id", (run_id, tid))


def translation_checks(db: sqlite_utils.Database, tid: int) -> list[Row]:
    row = db.execute("SELECT max(run_id) FROM translation_checks WHERE transcript_id = ?",
                     (tid,)).fetchone()
    if not row or row[0] is None:
        return []
    return _rows(db, "SELECT * FROM translation_checks WHERE run_id = ? AND transcript_id = ?"
                     " ORDER BY source_start", (row[0], tid))


def progress(db: sqlite_utils.Database, tid: int | None = None) -> dict[int, tuple[int, int]]:
    """``{transcript_id: (decided, total)}`` mentions, for one transcript or all of them."""
    marks = ",".join("?" * len(DECIDED))
    sql = (f"SELECT transcript_id, sum(status IN ({marks})), count(*) FROM annotations"
           + (" WHERE transcript_id = ?" if tid is not None else "")
           + " GROUP BY transcript_id")
    args = [*DECIDED] + ([tid] if tid is not None else [])
    return {t: (int(d or 0), int(n)) for t, d, n in db.execute(sql, args).fetchall()}


def reviewed_count(db: sqlite_utils.Database) -> tuple[int, int]:
    """(reviewed transcripts, all transcripts)."""
    row = db.execute("SELECT sum(status = 'reviewed'), count(*) FROM transcripts").fetchone()
    return int(row[0] or 0), int(row[1])


def run_count(db: sqlite_utils.Database) -> int:
    """How many extractor runs the project holds."""
    return db.execute("SELECT count(*) FROM runs").fetchone()[0]


def data_version(db: sqlite_utils.Database) -> int:
    """Changes when ANOTHER connection commits (to notice a second app on the project)."""
    return db.execute("PRAGMA data_version").fetchone()[0]


def decisions(db: sqlite_utils.Database, tid: int) -> list[Row]:
    rows = _rows(db, "SELECT * FROM decisions WHERE transcript_id = ? ORDER BY id", (tid,))
    for r in rows:
        r["changes"] = json.loads(r["changes"])
    return rows


def decision_events(db: sqlite_utils.Database, tid: int) -> list[Row]:
    """Every do / undo / redo of the transcript's decisions, oldest first."""
    return _rows(db, "SELECT e.id, e.decision_id, e.at, e.reviewer, e.event, e.note,"
                     " d.action, d.summary FROM decision_events e JOIN decisions d"
                     " ON d.id = e.decision_id WHERE e.transcript_id = ? ORDER BY e.id", (tid,))


def log_event(conn: sqlite3.Connection, decision_id: int, tid: int, at: str,
              reviewer: str | None, event: str) -> None:
    """Record one do / undo / redo (inside the caller's transaction)."""
    conn.execute("INSERT INTO decision_events (decision_id, transcript_id, at, reviewer, event)"
                 " VALUES (?,?,?,?,?)", (decision_id, tid, at, reviewer, event))


def undo_candidate(db: sqlite_utils.Database, tid: int) -> Row | None:
    rows = _rows(db, "SELECT id, action, summary FROM decisions WHERE transcript_id = ?"
                     " AND undone = 0 ORDER BY id DESC LIMIT 1", (tid,))
    return rows[0] if rows else None


def redo_candidate(db: sqlite_utils.Database, tid: int) -> Row | None:
    # Undo goes back from the newest decision; redo walks forward again, newest-undone last.
    rows = _rows(db, "SELECT id, action, summary FROM decisions WHERE transcript_id = ?"
                     " AND undone = 1 ORDER BY id ASC LIMIT 1", (tid,))
    return rows[0] if rows else None


# -- writes ---------------------------------------------------------------------------------

def insert_annotations(db: sqlite_utils.Database, rows: list[Row]) -> int:
    """Insert pre-annotations in one transaction (not a decision: the starting point).

    A row copied from a prediction that the transcript already holds is skipped, so two
    processes pre-annotating the same transcript at once never duplicate it. Returns how
    many rows were inserted."""
    cols = [c for c in ANNOTATION_COLUMNS if c != "id"]
    sql = (f"INSERT INTO annotations ({', '.join(_q(c) for c in cols)})"
           f" SELECT {', '.join('?' * len(cols))} WHERE ? IS NULL OR NOT EXISTS"
           " (SELECT 1 FROM annotations WHERE transcript_id = ? AND prediction_id = ?)")
    inserted = 0
    try:
        with db.conn:
            _begin(db)
            for r in rows:
                args = (*(r.get(c) for c in cols), r.get("prediction_id"),
                        r.get("transcript_id"), r.get("prediction_id"))
                inserted += db.conn.execute(sql, args).rowcount
    except sqlite3.Error as exc:
        raise _translate(exc, _path(db)) from exc
    return inserted


def record_decision(db: sqlite_utils.Database, tid: int, at: str, reviewer: str, action: str,
                    summary: str, changes: list[Change]) -> tuple[int, list[Change]]:
    """Apply ``changes`` and log them as one decision, in one transaction.

    Inserted rows get their ids filled in the logged snapshot (so redo re-creates the same
    ids). Undone decisions stop being redoable. Returns (decision id, changes as logged).
    """
    try:
        with db.conn:
            _begin(db)
            done = [_apply(db, ch) for ch in changes]
            db.conn.execute("UPDATE decisions SET undone = 2 WHERE transcript_id = ?"
                            " AND undone = 1", (tid,))
            cur = db.conn.execute(
                "INSERT INTO decisions (transcript_id, at, reviewer, action, summary, changes,"
                " undone) VALUES (?,?,?,?,?,?,0)",
                (tid, at, reviewer, action, summary, json.dumps(done, ensure_ascii=False)))
            log_event(db.conn, int(cur.lastrowid), tid, at, reviewer, "do")
            return int(cur.lastrowid), done
    except sqlite3.Error as exc:
        raise _translate(exc, _path(db)) from exc


def undo_decision(db: sqlite_utils.Database, tid: int, at: str,
                  reviewer: str | None) -> Row | None:
    """Revert the newest decision in effect and log the undo by ``reviewer`` at ``at`` (one
    transaction); ``None`` when there is none."""
    return _flip(db, tid, at, reviewer, undo=True)


def redo_decision(db: sqlite_utils.Database, tid: int, at: str,
                  reviewer: str | None) -> Row | None:
    """Re-apply the oldest undone decision and log the redo (one transaction); ``None`` when
    there is none."""
    return _flip(db, tid, at, reviewer, undo=False)


def _flip(db: sqlite_utils.Database, tid: int, at: str, reviewer: str | None, *,
          undo: bool) -> Row | None:
    try:
        with db.conn:
            _begin(db)
            cand = undo_candidate(db, tid) if undo else redo_candidate(db, tid)
            if cand is None:
                return None
            row = _rows(db, "SELECT * FROM decisions WHERE id = ?", (cand["id"],))[0]
            changes = json.loads(row["changes"])
            steps = [{"table": c["table"], "id": c["id"], "before": c["after"],
                      "after": c["before"]} for c in reversed(changes)] if undo else changes
            for ch in steps:
                _check_current(db, ch)
                _apply(db, ch)
            db.conn.execute("UPDATE decisions SET undone = ? WHERE id = ?",
                            (1 if undo else 0, row["id"]))
            log_event(db.conn, row["id"], tid, at, reviewer, "undo" if undo else "redo")
            row["changes"] = changes
            row["undone"] = 1 if undo else 0
            return row
    except sqlite3.Error as exc:
        raise _translate(exc, _path(db)) from exc


def _check_current(db: sqlite_utils.Database, ch: Change) -> None:
    """Refuse to undo/redo over a row that no longer looks like the decision left it."""
    table, expected = ch["table"], ch["before"]
    cols = list(expected) if expected else ["id"]
    got = _rows(db, f"SELECT {', '.join(_q(c) for c in cols)} FROM {table} WHERE id = ?",
                (ch["id"],))
    ok = (not got) if expected is None else (
        bool(got) and all(got[0][c] == expected[c] for c in cols))
    if not ok:
        raise StaleDecisionError(
            "this decision cannot be undone or redone: the rows it changed were edited since "
            "(by another window or program); nothing was changed")


def _apply(db: sqlite_utils.Database, ch: Change) -> Change:
    table, before, after = ch["table"], ch["before"], ch["after"]
    if table not in WRITABLE:
        raise StoreError(f"a review decision cannot change table {table!r}")
    allowed, may_insert = WRITABLE[table]
    for snap in (before, after):
        bad = set(snap or {}) - set(allowed)
        if bad:
            raise StoreError(f"a review decision cannot change {table}.{sorted(bad)}")
    if (before is None or after is None) and not may_insert:
        raise StoreError(f"a review decision cannot insert or delete rows of {table}")
    if before is None:
        cols = [c for c in after if not (c == "id" and after[c] is None)]
        cur = db.conn.execute(
            f"INSERT INTO {table} ({', '.join(_q(c) for c in cols)})"
            f" VALUES ({', '.join('?' * len(cols))})", [after[c] for c in cols])
        after = {**after, "id": int(cur.lastrowid)}
        return {"table": table, "id": after["id"], "before": None, "after": after}
    if after is None:
        db.conn.execute(f"DELETE FROM {table} WHERE id = ?", (ch["id"],))
    else:
        sets = ", ".join(f"{_q(c)} = ?" for c in after)
        db.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?",
                        [*after.values(), ch["id"]])
    return dict(ch)


def _begin(db: sqlite_utils.Database) -> None:
    # IMMEDIATE: take the write lock first, so a locked project fails before any change.
    if not db.conn.in_transaction:
        db.conn.execute("BEGIN IMMEDIATE")


def _path(db: sqlite_utils.Database) -> Path | None:
    try:
        name = db.conn.execute("PRAGMA database_list").fetchone()[2]
    except sqlite3.Error:
        return None
    return Path(name) if name else None
