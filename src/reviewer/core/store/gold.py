"""All SQL that reads the gold and the predictions, and writes imported or merged gold.

A transcript is gold once its status is ``reviewed``. Its gold mentions are its annotations
with status accepted, corrected or added; rejected annotations are kept apart (they are the
predictions a reviewer turned down). The gold speaker of a turn is ``gold_speaker`` when a
reviewer set one, else the parsed ``speaker``.

The gold of a past date is rebuilt from the decision log: starting from the current rows, the
``before`` snapshots of every decision in effect made after that date are put back, newest
first (see ``reviewer.core.store.review`` for the log format).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from typing import Any

from reviewer.core.errors import InputError, StoreError
from reviewer.core.model import Metadata, Paragraph, Participant
from reviewer.core.store.project import Project, _translate

GOLD_STATUSES = ("accepted", "corrected", "added")
REVIEWED = "reviewed"
_MENTION_COLS = ("id", "prediction_id", "start", "end", "metric", "value", "low", "high",
                 "unit", "period", "kind", "basis", "confidence", "status", "reviewer",
                 "updated_at")


@dataclass
class MentionRecord:
    """One mention: a gold annotation, a rejected one, or a prediction of a system."""

    start: int
    end: int
    metric: str | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    period: str | None = None
    kind: str | None = None
    basis: str | None = None
    confidence: float | None = None
    status: str | None = None
    reviewer: str | None = None
    updated_at: str | None = None
    turn: int | None = None
    id: int | None = None
    prediction_id: int | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> MentionRecord:
        """Build from a row or JSON object, ignoring keys that are not fields."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in row.items() if k in names})


@dataclass
class TurnRecord:
    """A turn with both its parsed and its reviewed speaker."""

    index: int
    label: str | None
    speaker: str | None
    role: str | None
    section: str | None
    start: int
    end: int
    gold_speaker: str | None = None
    gold_role: str | None = None
    speaker_status: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    id: int | None = None

    @property
    def gold(self) -> str | None:
        """The speaker a reviewer confirmed or corrected (the parsed one when untouched)."""
        return self.gold_speaker if self.gold_speaker is not None else self.speaker

    @property
    def raw(self) -> str | None:
        """The speaker as imported: the canonical name, or the label when none was found."""
        return self.speaker if self.speaker is not None else self.label


@dataclass
class SuggestionRecord:
    """A speaker-label correction proposed by a run."""

    turn: int
    label: str | None
    suggested: str | None
    reason: str | None = None
    confidence: float | None = None


@dataclass
class GoldTranscript:
    """A transcript with its review state: the unit of evaluation and of export."""

    id: int | None
    hash: str
    name: str
    format: str
    status: str
    metadata: Metadata
    text: str | None = None
    reviewed_at: str | None = None
    reviewed_by: str | None = None
    participants: list[Participant] = field(default_factory=list)
    turns: list[TurnRecord] = field(default_factory=list)
    annotations: list[MentionRecord] = field(default_factory=list)
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def reviewed(self) -> bool:
        return self.status == REVIEWED

    @property
    def gold_mentions(self) -> list[MentionRecord]:
        """Accepted, corrected and added mentions, in text order."""
        return [a for a in self.annotations if a.status in GOLD_STATUSES]

    @property
    def rejected(self) -> list[MentionRecord]:
        return [a for a in self.annotations if a.status == "rejected"]

    def turn_at(self, offset: int) -> TurnRecord | None:
        """The turn whose body holds ``offset`` (``None`` outside every turn)."""
        for t in self.turns:
            if t.start <= offset < t.end:
                return t
        return None

    def lang_at(self, offset: int) -> str:
        """The language of the paragraph holding ``offset`` ("und" outside paragraphs)."""
        t = self.turn_at(offset)
        if t is not None:
            for p in t.paragraphs:
                if p.start <= offset < p.end:
                    return p.lang
            if t.paragraphs:
                return t.paragraphs[0].lang
        return "und"


@dataclass(frozen=True)
class RunInfo:
    """One extractor run stored in a project."""

    id: int
    extractor: str
    version: str
    status: str
    started_at: str | None

    @property
    def label(self) -> str:
        return f"run {self.id} ({self.extractor} {self.version})"


def _rows(project: Project, sql: str, args: Iterable[Any] = ()) -> list[dict[str, Any]]:
    try:
        cur = project.db.execute(sql, tuple(args))
    except sqlite3.Error as exc:
        raise _translate(exc, project.path) from exc
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


# -- reading the gold -----------------------------------------------------------------------

def iter_transcripts(project: Project, *, include_all: bool = False, with_text: bool = True,
                     as_of: str | None = None,
                     hashes: set[str] | None = None) -> Iterator[GoldTranscript]:
    """Transcripts in import order with their review state, one at a time (10,000 texts
    would not fit in memory at once). Only reviewed ones unless ``include_all``; as they
    stood at ``as_of`` (an ISO date or timestamp) when given."""
    cols = ("id, hash, name, format, status, reviewed_at, reviewed_by, company, ticker, event,"
            " fiscal_period, date, boilerplate, warnings" + (", text" if with_text else ""))
    as_of = normalize_as_of(as_of) if as_of else None
    where = [] if (include_all or as_of) else [f"status = '{REVIEWED}'"]
    ids = [r["id"] for r in _rows(
        project, "SELECT id, hash FROM transcripts" + (" WHERE " + where[0] if where else "")
        + " ORDER BY id") if hashes is None or r["hash"] in hashes]
    for tid in ids:
        row = _rows(project, f"SELECT {cols} FROM transcripts WHERE id = ?", (tid,))[0]
        doc = _load(project, row)
        if as_of:
            _rewind(project, doc, as_of)
            if not include_all and not doc.reviewed:
                continue
        yield doc


def load_transcript(project: Project, transcript_id: int, *,
                    as_of: str | None = None) -> GoldTranscript:
    """One transcript with its text and review state (``StoreError`` when absent)."""
    rows = _rows(project, "SELECT * FROM transcripts WHERE id = ?", (transcript_id,))
    if not rows:
        raise StoreError(f"no transcript with id {transcript_id} in this project")
    doc = _load(project, rows[0])
    if as_of:
        _rewind(project, doc, normalize_as_of(as_of))
    return doc


def _load(project: Project, row: dict[str, Any]) -> GoldTranscript:
    tid = row["id"]
    participants = [
        Participant(r["name"], r["role"] or "unknown", r["affiliation"],
                    json.loads(r["aliases"] or "[]"))
        for r in _rows(project, "SELECT name, role, affiliation, aliases FROM participants"
                                " WHERE transcript_id = ? ORDER BY position, id", (tid,))]
    paras: dict[int, list[Paragraph]] = {}
    for r in _rows(project, 'SELECT p.turn_id, p.start, p."end", p.lang, p.translation_of'
                            " FROM paragraphs p JOIN turns t ON t.id = p.turn_id"
                            " WHERE t.transcript_id = ? ORDER BY p.turn_id, p.idx", (tid,)):
        paras.setdefault(r["turn_id"], []).append(
            Paragraph(r["start"], r["end"], r["lang"], r["translation_of"]))
    turns = [
        TurnRecord(r["idx"], r["label"], r["speaker"], r["role"], r["section"], r["start"],
                   r["end"], r["gold_speaker"], r["gold_role"], r["speaker_status"],
                   paras.get(r["id"], []), r["id"])
        for r in _rows(project, 'SELECT id, idx, label, speaker, role, section, start, "end",'
                                " gold_speaker, gold_role, speaker_status FROM turns"
                                " WHERE transcript_id = ? ORDER BY idx", (tid,))]
    cols = ", ".join(f'"{c}"' for c in _MENTION_COLS)
    doc = GoldTranscript(
        id=tid, hash=row["hash"], name=row["name"] or "", format=row["format"],
        status=row["status"], text=row.get("text"), reviewed_at=row["reviewed_at"],
        reviewed_by=row["reviewed_by"],
        metadata=Metadata(row["company"], row["ticker"], row["event"], row["fiscal_period"],
                          row["date"]),
        participants=participants, turns=turns,
        boilerplate=[(s, e) for s, e in json.loads(row["boilerplate"] or "[]")],
        warnings=json.loads(row["warnings"] or "[]"))
    doc.annotations = [MentionRecord.from_row(r) for r in _rows(
        project, f"SELECT {cols} FROM annotations WHERE transcript_id = ?"
                 ' ORDER BY start, "end", id', (tid,))]
    _fill_turns(doc, doc.annotations)
    return doc


def _fill_turns(doc: GoldTranscript, mentions: Iterable[MentionRecord]) -> None:
    for m in mentions:
        if m.turn is None:
            t = doc.turn_at(m.start)
            m.turn = t.index if t else None


def normalize_as_of(as_of: str) -> str:
    """An ISO date stays a date ("by the end of that day"); a date-time becomes UTC in the
    form decisions are stamped with, so that string order is time order. Times without a
    zone are taken as UTC. ``InputError`` for anything else."""
    s = as_of.strip()
    try:
        if len(s) == 10:
            return date.fromisoformat(s).isoformat()
        t = datetime.fromisoformat(s)
    except ValueError as exc:
        raise InputError(f"{as_of!r} is not an ISO date or date-time "
                         "(like 2024-05-01 or 2024-05-01T17:30)") from exc
    t = t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)
    return t.isoformat(timespec="microseconds")


def _after(at: str, as_of: str) -> bool:
    return at[:10] > as_of if len(as_of) == 10 else at > as_of


def _rewind(project: Project, doc: GoldTranscript, as_of: str | None,
            after_id: int | None = None) -> None:
    """Put back the state of ``doc`` at ``as_of`` (or right after decision ``after_id``) by
    reverting the later decisions in memory."""
    later = [d for d in _rows(project, "SELECT id, at, changes FROM decisions WHERE"
                                       " transcript_id = ? AND undone = 0 ORDER BY id DESC",
                              (doc.id,))
             if (d["id"] > after_id if after_id is not None else _after(d["at"], as_of))]
    notes = {a.id: a for a in doc.annotations}
    turns = {t.id: t for t in doc.turns}
    for d in later:
        for ch in reversed(json.loads(d["changes"])):
            table, before = ch.get("table"), ch.get("before")
            if table == "annotations":
                if before is None:
                    notes.pop(ch["id"], None)
                elif ch["id"] in notes:
                    _set(notes[ch["id"]], before)
                else:
                    notes[ch["id"]] = MentionRecord.from_row({"id": ch["id"], **before})
            elif table == "turns" and before and ch["id"] in turns:
                _set(turns[ch["id"]], before)
            elif table == "transcripts" and before:
                _set(doc, before)
    # Decisions may not log the transcript row; its review date still tells.
    if as_of and doc.reviewed_at and _after(doc.reviewed_at, as_of):
        doc.status, doc.reviewed_at, doc.reviewed_by = "in_progress", None, None
    doc.annotations = sorted(notes.values(), key=lambda a: (a.start, a.end, a.id or 0))
    _fill_turns(doc, doc.annotations)


def _set(obj: object, values: dict[str, Any]) -> None:
    for k, v in values.items():
        if k != "id" and hasattr(obj, k):
            setattr(obj, k, v)


# -- runs and predictions -------------------------------------------------------------------

def list_runs(project: Project) -> list[RunInfo]:
    """Every extractor run stored in the project, oldest first."""
    return [RunInfo(r["id"], r["extractor"], r["version"], r["status"], r["started_at"])
            for r in _rows(project, "SELECT id, extractor, version, status, started_at"
                                    " FROM runs ORDER BY id")]


def run_info(project: Project, run_id: int) -> RunInfo:
    """One run (``StoreError`` naming the runs that exist when it is absent)."""
    for r in list_runs(project):
        if r.id == run_id:
            return r
    have = ", ".join(str(r.id) for r in list_runs(project)) or "none"
    raise StoreError(f"no run {run_id} in this project (runs: {have})")


def run_output(project: Project, run_id: int) -> tuple[
        dict[str, list[MentionRecord]], dict[str, list[SuggestionRecord]]]:
    """The predictions and speaker suggestions of one run, by transcript hash."""
    mentions: dict[str, list[MentionRecord]] = {}
    for r in _rows(project, "SELECT t.hash, p.* FROM predictions p JOIN transcripts t"
                            ' ON t.id = p.transcript_id WHERE p.run_id = ?'
                            ' ORDER BY p.transcript_id, p.start, p."end", p.id', (run_id,)):
        mentions.setdefault(r["hash"], []).append(MentionRecord.from_row(r))
    suggestions: dict[str, list[SuggestionRecord]] = {}
    for r in _rows(project, "SELECT t.hash, s.turn, s.label, s.suggested, s.reason,"
                            " s.confidence FROM speaker_suggestions s JOIN transcripts t"
                            " ON t.id = s.transcript_id WHERE s.run_id = ?"
                            " ORDER BY s.transcript_id, s.turn, s.id", (run_id,)):
        suggestions.setdefault(r.pop("hash"), []).append(SuggestionRecord(**r))
    return mentions, suggestions


def run_coverage(project: Project, run_id: int) -> set[str]:
    """Hashes of the transcripts a run left any output for (mentions, speaker suggestions or
    translation checks). Runs do not record what they were given, and a run over part of a
    project, a cancelled one or a transcript imported later must not count as misses."""
    return {r["hash"] for r in _rows(
        project, "SELECT hash FROM transcripts WHERE id IN (SELECT transcript_id FROM"
                 " predictions WHERE run_id = ? UNION SELECT transcript_id FROM"
                 " speaker_suggestions WHERE run_id = ? UNION SELECT transcript_id FROM"
                 " translation_checks WHERE run_id = ?)", (run_id, run_id, run_id))}


def transcript_keys(project: Project) -> list[dict[str, Any]]:
    """id, hash, name and source path of every transcript (to resolve outside files)."""
    return _rows(project, "SELECT id, hash, name, source_path FROM transcripts ORDER BY id")


# -- reviewers ------------------------------------------------------------------------------

def reviewers(project: Project) -> list[str]:
    """Everyone who made a decision in the project."""
    return [r["reviewer"] for r in _rows(
        project, "SELECT DISTINCT reviewer FROM decisions WHERE reviewer IS NOT NULL"
                 " ORDER BY reviewer")]


def reviewer_versions(project: Project, reviewer: str) -> list[GoldTranscript]:
    """Every transcript ``reviewer`` decided on, as it stood right after their last decision
    on it (what a second reviewer changed afterwards is undone)."""
    out = []
    # By decision id, not time: two decisions can share a millisecond.
    for r in _rows(project, "SELECT transcript_id, max(id) AS last FROM decisions"
                            " WHERE reviewer = ? AND undone = 0 GROUP BY transcript_id"
                            " ORDER BY transcript_id", (reviewer,)):
        doc = load_transcript(project, r["transcript_id"])
        _rewind(project, doc, None, after_id=r["last"])
        out.append(doc)
    return out


# -- writing imported and merged gold -------------------------------------------------------

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
    from reviewer.core.model import ParsedTranscript, Turn

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
                       **{c: getattr(a, c) for c in _MENTION_COLS[2:]}}
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
            conn.execute(
                "INSERT INTO decisions (transcript_id, at, reviewer, action, summary, changes,"
                " undone) VALUES (?,?,?,?,?,?,0)",
                (tid, at, reviewer, action,
                 f"{action}: {len(doc.annotations)} annotation(s)",
                 json.dumps(changes, ensure_ascii=False)))
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
