"""Opening, creating and removing project files: the life of a project file around the
``Project`` API. Which connection a file gets (read-write, read-only, immutable) and why is
decided in ``opening``; this module adds what happens around it: settling what a crash left
(interrupted runs, a check of the file) and building a new project atomically.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from reviewer.core.errors import StoreError
from reviewer.core.store import sessions
from reviewer.core.store.opening import (
    READ_ONLY_REASONS,
    ReadOnlyProjectError,
    connect,
    identify,
    newer_message,
    newer_than_us,
    prepare,
    translate,
    writable_problem,
)
from reviewer.core.store.project import Project
from reviewer.core.store.runs import settle_interrupted


def open_project(path: str | Path | None = None, *, memory: bool = False,
                 read_only: bool | None = None) -> Project:
    """Open (creating and migrating when needed) the project at ``path``.

    ``read_only=None`` (the default) opens read-write when the file and its folder can be
    written, else read-only (listing, exporting and evaluating work; writes are refused with
    the reason). A project made by a newer version is always opened read-only. Raises
    ``StoreError`` for a file that is not a project or is damaged, ``DatabaseLockedError``
    when another process holds a lock too long.
    """
    if memory or path is None:
        return Project(sqlite_utils.Database(memory=True), None)
    p = Path(path)
    if p.is_dir():
        raise StoreError(f"{p}: is a folder, not a project file")
    if not p.exists() and not p.parent.is_dir():
        raise StoreError(f"{p}: the folder {p.parent} does not exist")
    if not p.exists() and read_only:
        raise StoreError(f"{p}: no such project file")
    problem = writable_problem(p)
    if read_only is False and problem:
        raise ReadOnlyProjectError(f"{p}: cannot open for writing: {problem}")
    ro = bool(read_only) or problem is not None
    if ro and not p.exists():
        raise StoreError(f"{p}: cannot create the project: {problem}")
    try:
        project = _open(p, ro, problem or "opened read-only on request")
    except sqlite3.OperationalError as exc:
        raise translate(exc, p) from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{p}: the project database is damaged ({exc})") from exc
    return project


def _open(p: Path, ro: bool, why: str) -> Project:
    db = sqlite_utils.Database(connect(p, read_only=ro))
    try:
        done = identify(db, p)
        newer = newer_than_us(done)
        if newer and not ro:
            # Never let this version write a schema it does not know: reopen read-only.
            db.close()
            ro, why = True, newer_message(newer)
            db = sqlite_utils.Database(connect(p, read_only=True))
        elif newer:
            why = newer_message(newer)
        prepare(db, p, done, read_only=ro)
    except BaseException:
        db.close()
        raise
    key = str(p.resolve())
    if ro:
        READ_ONLY_REASONS[key] = why
    else:
        READ_ONLY_REASONS.pop(key, None)
    project = Project(db, p, read_only_reason=why if ro else None)
    if not ro:
        _settle_after_crash(project)
    return project


def remove_project_files(p: Path) -> None:
    """Delete a project file we created and its companions (a failed first import must not
    leave an empty project behind). Only call it once every connection to it is closed."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{p}{suffix}").unlink(missing_ok=True)


@contextmanager
def new_project_atomically(out: Path) -> Iterator[Project]:
    """A new project built under a hidden temporary name and moved to ``out`` only when the
    block succeeds: a failure or a kill leaves nothing at ``out`` (at worst a hidden
    ``.NAME.partial`` file beside it)."""
    if out.exists():
        raise StoreError(f"{out}: already exists; write to a new project file")
    tmp = out.with_name(f".{out.name}.{os.getpid()}.partial")
    remove_project_files(tmp)
    project = open_project(tmp, read_only=False)
    try:
        yield project
        # One self-contained file (no -wal beside it) is what we can rename.
        project.db.execute("PRAGMA journal_mode = DELETE")
    except BaseException:
        project.close()
        remove_project_files(tmp)
        raise
    project.close()
    try:
        os.link(tmp, out)  # unlike a rename, never replaces a file created meanwhile
    except FileExistsError as exc:
        remove_project_files(tmp)
        raise StoreError(f"{out}: appeared while merging; the result was not kept") from exc
    except OSError:
        os.replace(tmp, out)  # a file system without hard links
    remove_project_files(tmp)


def _settle_after_crash(project: Project) -> None:
    """After a process died with the project open: check the file once (it raises while the
    file is damaged, so every later open checks again), mark its runs ``interrupted``; then
    record this open as a session, ended by ``close()``."""
    dead = sessions.crashed(project)
    if dead:
        project.check_integrity()
    settle_interrupted(project)
    sessions.forget(project, dead)
    sid = sessions.begin(project)
    project.on_close.append(lambda: sessions.end(project, sid))
