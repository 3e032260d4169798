"""SQL that prepares a project file to be read by another program (Datasette): the tables
it holds, and a WAL checkpoint so that a reader that opens the file immutable sees every
committed decision."""

from __future__ import annotations

import sqlite3

from reviewer.core.store.project import Project, _translate


def table_names(project: Project) -> list[str]:
    """The project's tables."""
    return project.db.table_names()


def checkpoint(project: Project) -> bool:
    """Move every committed page of the write-ahead log into the main file (and empty the
    log). ``False`` when a reader or writer kept part of it from being copied."""
    try:
        busy, _log, _done = project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error as exc:
        raise _translate(exc, project.path) from exc
    return busy == 0
