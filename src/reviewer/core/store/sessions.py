"""Who has a project open for writing, to know after the fact that a process died with it
open (kill -9, a crash, a power cut): then the file is checked once, on the next open.

A session row is written when a process opens the project read-write and deleted when it
closes it; a row whose process is gone is a crash. Cheap: one small transaction per open
and one per close, never per decision.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime

from reviewer.core.store.process import process_token, token_alive
from reviewer.core.store.project import Project


def begin(project: Project) -> str | None:
    """Record this open; its id (``None`` when the project cannot be written now)."""
    sid = f"{process_token()}:{uuid.uuid4().hex[:8]}"
    try:
        with project.db.conn:
            project.db.conn.execute("INSERT INTO sessions (id, opened_at) VALUES (?, ?)",
                                    (sid, datetime.now(UTC).isoformat(timespec="seconds")))
    except sqlite3.OperationalError:
        return None  # locked by a long writer: the session simply goes unrecorded
    return sid


def end(project: Project, sid: str | None) -> None:
    """Forget a session at a clean close."""
    if sid is None:
        return
    try:
        with project.db.conn:
            project.db.conn.execute("DELETE FROM sessions WHERE id = ?", (sid,))
    except sqlite3.Error:
        pass  # a closing project that cannot be written: the next open checks it, no harm


def crashed(project: Project) -> list[str]:
    """Sessions whose process died without closing the project (crashes since)."""
    rows = project.db.execute("SELECT id FROM sessions").fetchall()
    # The id is "host:pid:start:nonce": the process token is all but the nonce.
    return [sid for (sid,) in rows if not token_alive(sid.rsplit(":", 1)[0])]


def forget(project: Project, ids: list[str]) -> None:
    """Drop settled crash sessions (only once the file was found sound)."""
    if ids:
        with project.db.conn:
            project.db.conn.executemany("DELETE FROM sessions WHERE id = ?",
                                        [(sid,) for sid in ids])
