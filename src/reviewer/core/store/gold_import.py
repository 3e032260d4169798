"""All SQL that writes imported or merged gold, and reads the conflicts a merge left."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

from reviewer.core.model import ParsedTranscript, Turn
from reviewer.core.store.gold import _rows
from reviewer.core.store.gold_records import REVIEWED, GoldTranscript
from reviewer.core.store.project import Project, _translate
from reviewer.core.store.review import ANNOTATION_COLUMNS, log_event

# What an imported annotation keeps of its record: all but its row ids.
_COPIED = tuple(c for c in ANNOTATION_COLUMNS
                if c not in ("id", "transcript_id", "prediction_id"))


def has_gold(project: Project, transcript_id: int) -> bool:
    """Whether a transcript is reviewed or holds any decided annotation."""
    row = project.db.execute(
        "SELECT status = ? OR EXISTS (SELECT 1 FROM annotations WHERE transcript_id = ?"
        " AND status != 'pending') FROM transcripts WHERE id = ?",
        (REVIEWED, transcript_id, transcript_id)).fetchone()
    return bool(row and row[0])


def write_gold(project: Project, doc: GoldTranscript, *, at: str, reviewer: str | None,
               action: str = "import",
               conflicts: list[dict[str, Any]] | None = None) -> tuple[int, bool]:
    """Store ``doc`` with its annotations, speakers and review state in ONE transaction,
    logged as one decision. A transcript already in the project (same hash) keeps its text
    and structure; its annotations are replaced. Returns ``(id, created)``."""
    existing = project.has_hash(doc.hash)
    try:
        with project.db.conn:
            conn = project.db.conn
            if not conn.in_transaction:  # take the write lock before reading what to replace
                conn.execute("BEGIN IMMEDIATE")
            if existing is None:
                parsed = ParsedTranscript(
                    doc.format, doc.text or "", doc.metadata, doc.participants,
                    [Turn(t.index, t.label, t.speaker, t.role or "unknown", t.section,
                          t.start, t.end, t.paragraphs) for t in doc.turns],
                    doc.boilerplate, doc.warnings)
                # The same insert as Project.add_transcript, inside this transaction.
                tid = project._insert(parsed, doc.name, None)
            else:
                tid = existing
            changes: list[dict[str, Any]] = []
            for r in _rows(project, "SELECT * FROM annotations WHERE transcript_id = ?", (tid,)):
                conn.execute("DELETE FROM annotations WHERE id = ?", (r["id"],))
                changes.append({"table": "annotations", "id": r["id"],
                                "before": r, "after": None})
            for a in doc.annotations:
                row = {"transcript_id": tid, "prediction_id": None,
                       **{c: getattr(a, c) for c in _COPIED}}
                names = ", ".join(f'"{c}"' for c in row)
                cur = conn.execute(f"INSERT INTO annotations ({names})"
                                   f" VALUES ({', '.join('?' * len(row))})", list(row.values()))
                changes.append({"table": "annotations", "id": int(cur.lastrowid),
                                "before": None, "after": {"id": int(cur.lastrowid), **row}})
            gold_cols = ("gold_speaker", "gold_role", "speaker_status")
            for t in doc.turns:
                old = _rows(project, "SELECT id, gold_speaker, gold_role, speaker_status FROM"
                                     " turns WHERE transcript_id = ? AND idx = ?", (tid, t.index))
                new = {c: getattr(t, c) for c in gold_cols}
                if old and any(old[0][c] != new[c] for c in gold_cols):
                    conn.execute("UPDATE turns SET gold_speaker = ?, gold_role = ?,"
                                 " speaker_status = ? WHERE id = ?", (*new.values(), old[0]["id"]))
                    changes.append({"table": "turns", "id": old[0]["id"],
                                    "before": {c: old[0][c] for c in gold_cols}, "after": new})
            state = ("status", "reviewed_at", "reviewed_by")
            before = _rows(project, "SELECT status, reviewed_at, reviewed_by FROM transcripts"
                                    " WHERE id = ?", (tid,))[0]
            after = {c: getattr(doc, c) for c in state}
            conn.execute("UPDATE transcripts SET status = ?, reviewed_at = ?, reviewed_by = ?"
                         " WHERE id = ?", (*after.values(), tid))
            changes.append({"table": "transcripts", "id": tid, "before": before, "after": after})
            cur = conn.execute(
                "INSERT INTO decisions (transcript_id, at, reviewer, action, summary, changes,"
                " undone) VALUES (?,?,?,?,?,?,0)",
                (tid, at, reviewer, action,
                 f"{action}: {len(doc.annotations)} annotation(s)",
                 json.dumps(changes, ensure_ascii=False)))
            log_event(conn, int(cur.lastrowid), tid, at, reviewer, "do")
            conn.execute("DELETE FROM merge_conflicts WHERE transcript_id = ?", (tid,))
            for c in conflicts or []:
                conn.execute(
                    'INSERT INTO merge_conflicts (transcript_id, kind, turn, start, "end",'
                    " versions) VALUES (?,?,?,?,?,?)",
                    (tid, c["kind"], c.get("turn"), c.get("start"), c.get("end"),
                     json.dumps(c["versions"], ensure_ascii=False)))
    except sqlite3.Error as exc:
        raise _translate(exc, project.path) from exc
    return tid, existing is None


def merge_conflicts(project: Project, transcript_id: int | None = None) -> list[dict[str, Any]]:
    """The conflicts a merge left for adjudication (all, or one transcript's)."""
    rows = _rows(project, "SELECT c.*, t.hash, t.name FROM merge_conflicts c JOIN transcripts t"
                          " ON t.id = c.transcript_id"
                          + (" WHERE c.transcript_id = ?" if transcript_id is not None else "")
                          + " ORDER BY c.transcript_id, c.id",
                 () if transcript_id is None else (transcript_id,))
    for r in rows:
        r["versions"] = json.loads(r["versions"])
    return rows


def project_metrics(project: Project) -> dict[str, str]:
    """The project's own metric ids (beyond the taxonomy) with their labels."""
    return {r[0]: r[1] for r in project.db.execute(
        "SELECT id, label FROM project_metrics ORDER BY id")}


def add_project_metrics(project: Project, ids: list[str], source: str) -> list[str]:
    """Add metric ids to the project (one transaction); returns those that were new."""
    have = project_metrics(project)
    new = [i for i in dict.fromkeys(ids) if i not in have]
    at = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        with project.db.conn:
            project.db.conn.executemany(
                "INSERT INTO project_metrics (id, label, source, added_at) VALUES (?,?,?,?)",
                [(i, i.replace("_", " "), source, at) for i in new])
    except sqlite3.Error as exc:
        raise _translate(exc, project.path) from exc
    return new
