"""All SQL that reads the gold and the predictions: transcripts with their review state (as
they stand, at a past date, or as one reviewer left them), runs and their output.

The records they are read into, and what makes a transcript or a mention gold, are in
``reviewer.core.store.gold_records``; writing imported or merged gold is in
``reviewer.core.store.gold_import``.

The gold of a past date is rebuilt from the audit log: starting from the current rows, every
do, undo and redo logged after that date is replayed backwards, newest first (see
``reviewer.core.store.review`` for the log format).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any

from reviewer.core.errors import InputError, StoreError
from reviewer.core.model import Metadata, Paragraph, Participant
from reviewer.core.store.gold_records import (
    REVIEWED,
    GoldTranscript,
    MentionRecord,
    RunInfo,
    SuggestionRecord,
    TurnRecord,
)
from reviewer.core.store.project import Project, _translate
from reviewer.core.store.review import ANNOTATION_COLUMNS


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
    cols = ", ".join(f'"{c}"' for c in ANNOTATION_COLUMNS)
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


# -- the gold of a past date ----------------------------------------------------------------

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
            after_event: int | None = None) -> None:
    """Put back the state of ``doc`` at ``as_of`` (or right after event ``after_event``) by
    replaying the later do / undo / redo events backwards, in memory: a do or redo is
    reverted (its ``before`` snapshots put back, last change first), an undo is re-applied
    (its ``after`` snapshots, in order)."""
    later = [e for e in _rows(project, "SELECT e.id, e.at, e.event, d.changes FROM"
                                       " decision_events e JOIN decisions d"
                                       " ON d.id = e.decision_id WHERE e.transcript_id = ?"
                                       " ORDER BY e.id DESC", (doc.id,))
             if (e["id"] > after_event if after_event is not None
                 else _after(e["at"], as_of))]
    notes = {a.id: a for a in doc.annotations}
    turns = {t.id: t for t in doc.turns}
    for e in later:
        changes = json.loads(e["changes"])
        steps = ([(ch, ch.get("after")) for ch in changes] if e["event"] == "undo"
                 else [(ch, ch.get("before")) for ch in reversed(changes)])
        for ch, snap in steps:
            table = ch.get("table")
            if table == "annotations":
                if snap is None:
                    notes.pop(ch["id"], None)
                elif ch["id"] in notes:
                    _set(notes[ch["id"]], snap)
                elif "start" in snap:  # a whole row (a partial one has nothing to update)
                    notes[ch["id"]] = MentionRecord.from_row({**snap, "id": ch["id"]})
            elif table == "turns" and snap and ch["id"] in turns:
                _set(turns[ch["id"]], snap)
            elif table == "transcripts" and snap:
                _set(doc, snap)
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


class RunReader:
    """The output of one run, read one transcript at a time: scoring 100 gold transcripts
    reads their predictions only, whatever the size of the project (all of a run's output
    of a 10,000-transcript project is hundreds of thousands of rows)."""

    def __init__(self, project: Project, run_id: int) -> None:
        self.project = project
        self.run_id = run_id

    def covers(self, transcript_id: int) -> bool:
        """Whether the run left any output for this transcript (see ``run_coverage``)."""
        return bool(_rows(self.project, f"SELECT {_has_output('?1', '?2')} AS c",
                          (transcript_id, self.run_id))[0]["c"])

    def output(self, transcript_id: int) -> tuple[list[MentionRecord], list[SuggestionRecord]]:
        """The predictions and speaker suggestions of the run for one transcript, in the
        order ``run_output`` gives them."""
        mentions = [MentionRecord.from_row(r) for r in _rows(
            self.project, "SELECT * FROM predictions WHERE run_id = ? AND transcript_id = ?"
                          ' ORDER BY start, "end", id', (self.run_id, transcript_id))]
        suggestions = [SuggestionRecord(**r) for r in _rows(
            self.project, "SELECT turn, label, suggested, reason, confidence FROM"
                          " speaker_suggestions WHERE run_id = ? AND transcript_id = ?"
                          " ORDER BY turn, id", (self.run_id, transcript_id))]
        return mentions, suggestions

    def covered_count(self) -> int:
        """How many transcripts the run left output for: a few index probes per transcript,
        not a walk over every prediction of the run."""
        return _rows(self.project, "SELECT count(*) AS n FROM transcripts t WHERE "
                     + _has_output("t.id", "?1"), (self.run_id,))[0]["n"]


def _has_output(transcript: str, run: str) -> str:
    """SQL: whether run ``run`` left output for transcript ``transcript`` (each an SQL
    expression); three probes of the (run_id, transcript_id) indexes."""
    return " OR ".join(f"EXISTS (SELECT 1 FROM {table} WHERE run_id = {run} AND"
                       f" transcript_id = {transcript})"
                       for table in ("predictions", "speaker_suggestions",
                                     "translation_checks"))


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
    # By event id, not time: two events can share a millisecond. The reviewer's last act
    # may be an undo or a redo: the version is what they left, whatever it was.
    for r in _rows(project, "SELECT transcript_id, max(id) AS last FROM decision_events"
                            " WHERE reviewer = ? AND transcript_id IN (SELECT transcript_id"
                            " FROM decisions WHERE reviewer = ? AND undone = 0)"
                            " GROUP BY transcript_id ORDER BY transcript_id",
                   (reviewer, reviewer)):
        doc = load_transcript(project, r["transcript_id"])
        _rewind(project, doc, None, after_event=r["last"])
        out.append(doc)
    return out
