"""A project: one SQLite file holding transcripts, their structure and (later) the gold.

All SQL of the application lives in this package. Connections use WAL and foreign keys; every
write happens in one transaction and is durable when the call returns.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from reviewer.core.errors import DatabaseLockedError, StoreError
from reviewer.core.model import Metadata, Paragraph, ParsedTranscript, Participant, Turn
from reviewer.core.store.migrations import apply_migrations
from reviewer.core.store.opening import (
    READ_ONLY_REASONS,
    NewerProjectError,
    ReadOnlyProjectError,
    connect,
    damage_report,
    identify,
    newer_than_us,
    prepare,
    writable_problem,
)


@dataclass(frozen=True)
class TranscriptSummary:
    """One row of the transcript list."""

    id: int
    hash: str
    name: str
    format: str
    company: str | None
    fiscal_period: str | None
    date: str | None
    status: str
    turns: int
    event: str | None = None


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
        raise _translate(exc, p) from exc
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
        project.settle_interrupted_runs()
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


def newer_message(newer: list[str]) -> str:
    """The one line that refuses writing to a project made by a newer version."""
    return ("this project was made by a newer Transcript Reviewer (schema "
            f"{', '.join(newer)}); update the app — it is open read-only")


def _translate(exc: sqlite3.Error, p: Path | None) -> StoreError:
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


class Project:
    """The library API over one project database."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None, *,
                 read_only_reason: str | None = None) -> None:
        self.db = db
        self.path = path
        self.read_only_reason = read_only_reason
        db.execute("PRAGMA foreign_keys = ON")
        if path is None:  # an in-memory project: migrations here (files: in open_project)
            apply_migrations(db)

    @property
    def read_only(self) -> bool:
        """Whether writes are refused (read-only file or folder, newer schema)."""
        return self.read_only_reason is not None

    def require_writable(self) -> None:
        """Refuse, with the reason, before any work when the project cannot be written."""
        if self.read_only_reason is None:
            return
        if "newer" in self.read_only_reason:
            raise NewerProjectError(f"{self.path}: {self.read_only_reason}")
        raise ReadOnlyProjectError(f"{self.path}: nothing can be saved: "
                                   f"{self.read_only_reason}")

    def check_integrity(self, *, full: bool = False) -> None:
        """Raise ``StoreError`` (one line) when SQLite finds the file damaged."""
        problem = damage_report(self.db, full=full)
        if problem:
            raise StoreError(f"{self.path}: the project database is damaged ({problem}); "
                             "restore it from a backup")

    def settle_interrupted_runs(self) -> list[int]:
        """After a process died with the project open: mark its runs ``interrupted`` and
        check the file once. Records this open as a session. Returns the runs' ids."""
        from reviewer.core.store import sessions
        from reviewer.core.store.runs import settle_interrupted

        dead = sessions.crashed(self)
        if dead:
            self.check_integrity()  # raises while damaged: the next open checks again
        ids = settle_interrupted(self)
        sessions.forget(self, dead)
        self._session = sessions.begin(self)
        return ids

    def close(self) -> None:
        """Close the connection (WAL content is checkpointed by SQLite)."""
        from reviewer.core.store import sessions

        sessions.end(self, getattr(self, "_session", None))
        self._session = None
        self.db.close()

    # -- transcripts ------------------------------------------------------------------------

    def has_hash(self, content_hash: str) -> int | None:
        """The id of the transcript with this content hash, or ``None``."""
        row = self.db.execute(
            "SELECT id FROM transcripts WHERE hash = ?", (content_hash,)).fetchone()
        return row[0] if row else None

    def add_transcript(self, parsed: ParsedTranscript, name: str,
                       source_path: str | None = None) -> tuple[int, bool]:
        """Store a parsed transcript in one transaction; returns ``(id, created)``.

        Re-adding the same text (same content hash) changes nothing and returns the old id.
        """
        existing = self.has_hash(parsed.content_hash)
        if existing is not None:
            return existing, False
        try:
            with self.db.conn:
                tid = self._insert(parsed, name, source_path)
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from exc
        return tid, True

    def _insert(self, parsed: ParsedTranscript, name: str, source_path: str | None) -> int:
        md = parsed.metadata
        cur = self.db.conn.execute(
            "INSERT INTO transcripts (hash, name, source_path, format, company, ticker, event,"
            " fiscal_period, date, text, boilerplate, warnings, status, imported_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (parsed.content_hash, name, source_path, parsed.format, md.company, md.ticker,
             md.event, md.fiscal_period, md.date, parsed.text,
             json.dumps([list(b) for b in parsed.boilerplate]),
             json.dumps(parsed.warnings), "new",
             datetime.now(UTC).isoformat(timespec="seconds")),
        )
        tid = int(cur.lastrowid)
        self.db.conn.executemany(
            "INSERT INTO participants (transcript_id, position, name, role, affiliation,"
            " aliases) VALUES (?,?,?,?,?,?)",
            [(tid, i, p.name, p.role, p.affiliation, json.dumps(p.aliases))
             for i, p in enumerate(parsed.participants)],
        )
        for t in parsed.turns:
            cur = self.db.conn.execute(
                'INSERT INTO turns (transcript_id, idx, label, speaker, role, section, start,'
                ' "end") VALUES (?,?,?,?,?,?,?,?)',
                (tid, t.index, t.label, t.speaker, t.role, t.section, t.start, t.end),
            )
            turn_id = int(cur.lastrowid)
            self.db.conn.executemany(
                'INSERT INTO paragraphs (turn_id, idx, start, "end", lang, translation_of)'
                " VALUES (?,?,?,?,?,?)",
                [(turn_id, i, p.start, p.end, p.lang, p.translation_of)
                 for i, p in enumerate(t.paragraphs)],
            )
        return tid

    def count(self) -> int:
        """How many transcripts the project holds."""
        return self.db.execute("SELECT count(*) FROM transcripts").fetchone()[0]

    def list_transcripts(self, search: str | None = None, fmt: str | None = None,
                         status: str | None = None) -> list[TranscriptSummary]:
        """Transcripts in import order, filtered by a search over name/company/period,
        a format and a review status."""
        where, args = [], []
        if search:
            where.append("(t.name LIKE ? OR t.company LIKE ? OR t.fiscal_period LIKE ?"
                         " OR t.ticker LIKE ?)")
            args += [f"%{search}%"] * 4
        if fmt:
            where.append("t.format = ?")
            args.append(fmt)
        if status:
            where.append("t.status = ?")
            args.append(status)
        sql = (
            "SELECT t.id, t.hash, t.name, t.format, t.company, t.fiscal_period, t.date,"
            " t.status, (SELECT count(*) FROM turns u WHERE u.transcript_id = t.id), t.event"
            " FROM transcripts t"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY t.id"
        )
        return [TranscriptSummary(*row) for row in self.db.execute(sql, args).fetchall()]

    def load_transcript(self, transcript_id: int) -> ParsedTranscript:
        """The stored transcript with its roster, turns and paragraphs."""
        row = self.db.execute(
            "SELECT format, text, company, ticker, event, fiscal_period, date, boilerplate,"
            " warnings FROM transcripts WHERE id = ?", (transcript_id,)).fetchone()
        if row is None:
            raise StoreError(f"no transcript with id {transcript_id} in this project")
        fmt, text, company, tick, event, period, date, boiler, warnings = row
        participants = [
            Participant(n, r, a, json.loads(al or "[]"))
            for n, r, a, al in self.db.execute(
                "SELECT name, role, affiliation, aliases FROM participants"
                " WHERE transcript_id = ? ORDER BY position", (transcript_id,))
        ]
        paras: dict[int, list[Paragraph]] = {}
        for turn_id, s, e, lang, tr in self.db.execute(
            'SELECT p.turn_id, p.start, p."end", p.lang, p.translation_of FROM paragraphs p'
            " JOIN turns t ON t.id = p.turn_id WHERE t.transcript_id = ? ORDER BY p.turn_id,"
            " p.idx", (transcript_id,)):
            paras.setdefault(turn_id, []).append(Paragraph(s, e, lang, tr))
        turns = [
            Turn(idx, label, speaker, role, section, s, e, paras.get(turn_id, []))
            for turn_id, idx, label, speaker, role, section, s, e in self.db.execute(
                'SELECT id, idx, label, speaker, role, section, start, "end" FROM turns'
                " WHERE transcript_id = ? ORDER BY idx", (transcript_id,))
        ]
        return ParsedTranscript(
            format=fmt, text=text,
            metadata=Metadata(company, tick, event, period, date),
            participants=participants, turns=turns,
            boilerplate=[tuple(b) for b in json.loads(boiler or "[]")],
            warnings=json.loads(warnings or "[]"),
        )
