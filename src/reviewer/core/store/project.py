"""A project: one SQLite file holding transcripts, their structure and (later) the gold.

All SQL of the application lives in this package. Connections use WAL and foreign keys; every
write happens in one transaction and is durable when the call returns.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from reviewer.core.errors import StoreError
from reviewer.core.model import Metadata, Paragraph, ParsedTranscript, Participant, Turn
from reviewer.core.store.migrations import apply_migrations
from reviewer.core.store.opening import (
    NewerProjectError,
    ReadOnlyProjectError,
    damage_report,
)
from reviewer.core.store.opening import translate as _translate  # the store's error mapping


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


class Project:
    """The library API over one project database."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None, *,
                 read_only_reason: str | None = None) -> None:
        self.db = db
        self.path = path
        self.read_only_reason = read_only_reason
        self.on_close: list[Callable[[], None]] = []  # run by close(), before the connection
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

    def close(self) -> None:
        """Close the connection (WAL content is checkpointed by SQLite), after the close
        hooks the opener registered (ending its session record)."""
        hooks, self.on_close = self.on_close, []
        for hook in hooks:
            hook()
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
