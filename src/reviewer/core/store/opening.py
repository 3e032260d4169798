"""Opening a project file safely: writable or read-only, never damaging what is there.

The rule this module exists for: **only SQLite ever opens the project file.** POSIX advisory
locks belong to the process, and closing *any* descriptor of a file drops every lock the
process holds on it (SQLite's "How To Corrupt An SQLite Database File", section 2.2). A plain
``open()``/``close()`` of the project while a connection is open in this process — to sniff
its header, hash it, import it as a transcript — makes another program believe it is alone,
checkpoint and delete the WAL under our feet, and committed data is lost. So we ask SQLite
itself whether a file is a database, and only ``stat``/``chmod`` the file otherwise.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from reviewer.core.errors import DatabaseLockedError, StoreError
from reviewer.core.store.migrations import MIGRATIONS, apply_migrations

BUSY_TIMEOUT_MS = 3000
# Why a project is open read-only, by resolved path: lets every write path (which only has
# the connection) refuse with the real reason instead of SQLite's "readonly database".
READ_ONLY_REASONS: dict[str, str] = {}


class NewerProjectError(StoreError):
    """A project written by a newer version: never written to by this one."""


class ReadOnlyProjectError(StoreError):
    """A write asked of a project that is open read-only."""


def sidecars(p: Path) -> list[Path]:
    """The WAL-mode companion files of a project file."""
    return [Path(f"{p}-wal"), Path(f"{p}-shm")]


def writable_problem(p: Path) -> str | None:
    """Why ``p`` cannot be written (file or folder read-only), or ``None``.

    ``os.access`` asks the kernel, so it honours capabilities too (root without
    CAP_DAC_OVERRIDE gets the same answer as any user)."""
    folder = p.parent
    if p.exists() and not os.access(p, os.W_OK):
        return f"the project file {p.name} is read-only"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is read-only"
    for side in sidecars(p):
        if side.exists() and not os.access(side, os.W_OK):
            # A leftover from a read-only session: SQLite would open it read-only for good.
            # chmod is not an open(), so it cannot drop any lock.
            try:
                os.chmod(side, p.stat().st_mode & 0o777)
            except OSError:
                return f"{side.name} is read-only"
            if not os.access(side, os.W_OK):
                return f"{side.name} is read-only"
    return None


def connect(p: Path, *, read_only: bool) -> sqlite3.Connection:
    """An SQLite connection to ``p``: read-write, or read-only (immutable when SQLite could
    not even create its shared-memory file, i.e. in a read-only folder)."""
    if not read_only:
        return sqlite3.connect(str(p), timeout=BUSY_TIMEOUT_MS / 1000)
    uri = f"file:{quote(str(p.resolve()))}?mode=ro"
    if not Path(f"{p}-shm").exists() and not os.access(p.parent, os.W_OK | os.X_OK):
        # Nobody can write in this folder, so nothing can change under an immutable reader.
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def identify(db: sqlite_utils.Database, p: Path) -> set[str]:
    """The names of the migrations ``p`` has; refuses a file that is no project of ours.

    Reading the schema is SQLite's own test of "is this a database at all"."""
    try:
        tables = set(db.table_names())
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{p}: not a Transcript Reviewer project (not an SQLite database: "
                         f"{exc})") from exc
    if not tables:
        return set()
    if "_migrations" not in tables:
        raise StoreError(f"{p}: an SQLite database, but not a Transcript Reviewer project")
    return {r[0] for r in db.execute("SELECT name FROM _migrations")}


def newer_than_us(done: set[str]) -> list[str]:
    """Migrations the project has that this version does not know."""
    known = {name for name, _ in MIGRATIONS}
    return sorted(done - known)


def prepare(db: sqlite_utils.Database, p: Path, done: set[str], *, read_only: bool) -> None:
    """WAL mode and migrations for a writable project; checks for a read-only one."""
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if read_only:
        missing = [n for n, _ in MIGRATIONS if n not in done]
        if done and missing:
            raise StoreError(f"{p}: this project needs an upgrade ({len(missing)} migration(s))"
                             " but it is read-only; make it writable and open it once")
        db.execute("PRAGMA query_only = ON")
        return
    mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode != "wal":
        raise StoreError(f"{p}: cannot switch the database to WAL mode ({mode})")
    # synchronous=FULL in WAL: a commit is on disk when the call returns, power loss included.
    db.execute("PRAGMA synchronous = FULL")
    apply_migrations(db)


def damage_report(db: sqlite_utils.Database, *, full: bool = False) -> str | None:
    """``None`` when SQLite finds the file sound, else ONE line saying what is wrong."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [r[0] for r in db.execute(f"PRAGMA {pragma}").fetchall()]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if rows == ["ok"]:
        return None
    # SQLite reports one problem a line, headed by "*** in database main ***" lines.
    problems = [ln.strip() for r in rows for ln in str(r).splitlines()
                if ln.strip() and not ln.startswith("***")]
    more = f" (+{len(problems) - 1} more problems)" if len(problems) > 1 else ""
    return f"{problems[0] if problems else 'damaged'}{more}"


def newer_message(newer: list[str]) -> str:
    """The one line that refuses writing to a project made by a newer version."""
    return ("this project was made by a newer Transcript Reviewer (schema "
            f"{', '.join(newer)}); update the app — it is open read-only")


def translate(exc: sqlite3.Error, p: Path | None) -> StoreError:
    """The typed, one-line error for an SQLite error on project ``p``."""
    msg = str(exc)
    where = f"{p}: " if p else ""
    if "locked" in msg or "busy" in msg:
        return DatabaseLockedError(
            f"{where}the project is locked by another program (another Transcript Reviewer "
            "window or a script); close it and try again"
        )
    if "readonly" in msg or "read-only" in msg:
        reason = READ_ONLY_REASONS.get(str(p.resolve())) if p else None
        if reason and "newer" in reason:
            return NewerProjectError(f"{where}{reason}")
        return ReadOnlyProjectError(
            f"{where}nothing can be saved: {reason or 'the project is read-only'}")
    if "unable to open" in msg:
        return StoreError(f"{where}cannot open the project file ({msg})")
    if "malformed" in msg or "not a database" in msg:
        return StoreError(f"{where}the project database is damaged ({msg}); restore it from "
                          "a backup or run `reviewer check`")
    if "disk is full" in msg or "disk I/O" in msg:
        return StoreError(f"{where}the disk is full or failing ({msg}); nothing was saved")
    return StoreError(f"{where}database error: {msg}")
