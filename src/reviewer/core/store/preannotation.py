"""All SQL of pre-annotation: turning a run's predictions into pending mentions.

One transcript is synced in ONE transaction (its dropped, relinked and added pending mentions
together), so an interrupted run leaves every transcript either synced or as it was.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import sqlite_utils

from reviewer.core.store.project import _translate
from reviewer.core.store.review import ANNOTATION_COLUMNS, _begin, _path, _q, _rows

Row = dict[str, Any]


def run_exists(db: sqlite_utils.Database, run_id: int) -> bool:
    """Whether the project holds run ``run_id``."""
    return db.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone() is not None


def latest_run_id(db: sqlite_utils.Database) -> int | None:
    """The newest run of the project (any status), or None."""
    row = db.execute("SELECT max(id) FROM runs").fetchone()
    return row[0] if row else None


def covered_open_ids(db: sqlite_utils.Database, run_id: int) -> tuple[list[int], int]:
    """Ids of the transcripts the run left any output for (mentions, speaker suggestions or
    translation checks) that are not marked reviewed, in import order; and how many covered
    transcripts are reviewed. A run that never reached a transcript (cancelled, or imported
    after it) says nothing about it."""
    rows = db.execute(
        "SELECT t.id, t.status FROM transcripts t WHERE t.id IN (SELECT transcript_id FROM"
        " predictions WHERE run_id = ?1 UNION SELECT transcript_id FROM speaker_suggestions"
        " WHERE run_id = ?1 UNION SELECT transcript_id FROM translation_checks WHERE"
        " run_id = ?1) ORDER BY t.id", (run_id,)).fetchall()
    return [r[0] for r in rows if r[1] != "reviewed"], sum(1 for r in rows if r[1] == "reviewed")


def has_decisions(db: sqlite_utils.Database, tid: int) -> bool:
    """Whether a reviewer ever decided anything on the transcript (undone ones included:
    the undo/redo log points at its mentions, so they must stay)."""
    return db.execute("SELECT 1 FROM decisions WHERE transcript_id = ? LIMIT 1",
                      (tid,)).fetchone() is not None


def predictions_of(db: sqlite_utils.Database, run_id: int, tid: int) -> list[Row]:
    """The run's predictions for one transcript, in text order."""
    return _rows(db, 'SELECT * FROM predictions WHERE run_id = ? AND transcript_id = ?'
                     ' ORDER BY start, "end", id', (run_id, tid))


def sync_annotations(db: sqlite_utils.Database, drop: list[int],
                     relink: list[tuple[int, int]], add: list[Row]) -> None:
    """Delete pending mentions ``drop``, point kept ones at their new prediction
    (``(annotation id, prediction id)``), insert ``add`` — one transaction."""
    cols = [c for c in ANNOTATION_COLUMNS if c != "id"]
    # A prediction already copied (by another process pre-annotating the same transcript at
    # the same moment) is not copied twice.
    insert = (f"INSERT INTO annotations ({', '.join(_q(c) for c in cols)})"
              f" SELECT {', '.join('?' * len(cols))} WHERE NOT EXISTS (SELECT 1 FROM"
              " annotations WHERE transcript_id = ? AND prediction_id = ?)")
    try:
        with db.conn:
            _begin(db)  # the write lock first: a locked project fails before any change
            # Only pending rows can go: a decided mention is never touched by a run.
            db.conn.executemany("DELETE FROM annotations WHERE id = ? AND status = 'pending'",
                                [(i,) for i in drop])
            db.conn.executemany("UPDATE annotations SET prediction_id = ? WHERE id = ?",
                                [(p, a) for a, p in relink])
            db.conn.executemany(insert, [(*(r.get(c) for c in cols), r.get("transcript_id"),
                                          r.get("prediction_id")) for r in add])
    except sqlite3.Error as exc:
        raise _translate(exc, _path(db)) from exc
