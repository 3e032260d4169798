"""The JSONL record of one transcript (documented in docs/evaluation.md) and its reading.

Close to what Prodigy and spaCy users load: ``text`` plus ``spans`` of
``{"start", "end", "label"}`` (the label is the metric id, ``figure`` without one), each span
also carrying every value field. Nothing project-specific (row ids, import dates, local
paths) is written, so that export -> import -> export gives the same bytes.
"""

from __future__ import annotations

import math
from typing import Any

from reviewer.core.errors import InputError
from reviewer.core.export.labels import label_metric, span_label
from reviewer.core.model import Metadata, Paragraph, Participant, text_hash
from reviewer.core.store.gold_records import GoldTranscript, MentionRecord, TurnRecord

SCHEMA = "transcript-reviewer/gold-1"
SPAN_FIELDS = ("value", "low", "high", "unit", "period", "kind", "basis", "status",
               "reviewer", "updated_at")
META_FIELDS = ("format", "company", "ticker", "event", "fiscal_period", "date", "status",
               "reviewed_at", "reviewed_by")


def number(v: float | None) -> int | float | None:
    """Whole numbers as ints (129100000, not 129100000.0): stable and as DESIGN.md shows."""
    if v is None:
        return None
    f = float(v)
    return int(f) if f.is_integer() and abs(f) < 2**53 else f


def _span_key(a: MentionRecord) -> tuple:
    return (a.start, a.end, a.metric or "", a.status or "", a.id or 0)


def span_record(doc: GoldTranscript, a: MentionRecord) -> dict[str, Any]:
    """One mention as a JSONL span."""
    t = doc.turn_at(a.start)
    rec: dict[str, Any] = {"start": a.start, "end": a.end,
                           "text": doc.text[a.start:a.end] if doc.text is not None else None,
                           "label": span_label(a.metric), "turn": t.index if t else None}
    for f in SPAN_FIELDS:
        v = getattr(a, f)
        rec[f] = number(v) if f in ("value", "low", "high") else v
    return rec


def to_record(doc: GoldTranscript) -> dict[str, Any]:
    """The JSONL record of a transcript with its review state."""
    md = doc.metadata
    meta = {"format": doc.format, "company": md.company, "ticker": md.ticker,
            "event": md.event, "fiscal_period": md.fiscal_period, "date": md.date,
            "status": doc.status, "reviewed_at": doc.reviewed_at,
            "reviewed_by": doc.reviewed_by}
    # A reviewed transcript's spans are its gold: a mention left pending when it was marked
    # reviewed is not gold (docs/evaluation.md) and must not become a training label. An open
    # transcript (exported with --all) keeps its pending mentions, with their status.
    kept = sorted((a for a in (doc.gold_mentions if doc.reviewed else doc.annotations)
                   if a.status != "rejected"), key=_span_key)
    rejected = sorted(doc.rejected, key=_span_key)
    return {
        "schema": SCHEMA, "hash": doc.hash, "name": doc.name, "text": doc.text, "meta": meta,
        "participants": [{"name": p.name, "role": p.role, "affiliation": p.affiliation,
                          "aliases": list(p.aliases)} for p in doc.participants],
        "turns": [{"index": t.index, "start": t.start, "end": t.end, "label": t.label,
                   "speaker": t.gold, "role": t.gold_role or t.role,
                   "parsed_speaker": t.speaker, "parsed_role": t.role,
                   "speaker_status": t.speaker_status, "section": t.section,
                   "paragraphs": [{"start": p.start, "end": p.end, "lang": p.lang,
                                   "translation_of": p.translation_of} for p in t.paragraphs]}
                  for t in doc.turns],
        "spans": [span_record(doc, a) for a in kept],
        "rejected_spans": [span_record(doc, a) for a in rejected],
        "boilerplate": [[s, e] for s, e in doc.boilerplate],
        "warnings": list(doc.warnings),
    }


def from_record(rec: Any, where: str = "record") -> GoldTranscript:
    """A transcript with its gold from a JSONL record (ours, or a Prodigy-style one with just
    ``text`` and ``spans``). ``InputError`` names what is wrong; nothing is half-read."""
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"]:
        raise InputError(f"{where}: a record needs a non-empty \"text\"")
    text = rec["text"]
    h = text_hash(text)
    if rec.get("hash") not in (None, h):
        raise InputError(f"{where}: \"hash\" does not match the text (the text was changed?)")
    if rec.get("schema") not in (None, SCHEMA):
        raise InputError(f"{where}: unknown \"schema\" {short(rec['schema'])} (this version "
                         f"reads {SCHEMA})")
    meta = rec.get("meta") or {}
    if not isinstance(meta, dict):
        raise InputError(f"{where}: \"meta\" must be an object")
    if meta.get("status") not in (None, *TRANSCRIPT_STATUSES):
        raise InputError(f"{where}: unknown meta.status {short(meta['status'])} "
                         f"(one of {', '.join(TRANSCRIPT_STATUSES)})")
    if "turns" in rec:
        turns = [_turn(t, where) for t in rec["turns"] or []]
        for t in turns:
            if not (0 <= t.start <= t.end <= len(text)
                    and all(t.start <= p.start <= p.end <= t.end for p in t.paragraphs)):
                raise InputError(f"{where}: turn {t.index} or its paragraphs lie outside "
                                 "the text")
        fmt = meta.get("format") or "plain"
        try:
            participants = [Participant(p["name"], p.get("role") or "unknown",
                                        p.get("affiliation"), list(p.get("aliases") or []))
                            for p in rec.get("participants") or []]
            boilerplate = [(int(s), int(e)) for s, e in rec.get("boilerplate") or []]
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(f"{where}: bad participants or boilerplate ({exc})") from exc
        warnings = list(rec.get("warnings") or [])
        md = Metadata(*(meta.get(k) for k in ("company", "ticker", "event", "fiscal_period",
                                              "date")))
    else:
        # Someone else's gold: recover the structure with our own parsers.
        from reviewer.core.ingest import parse_text

        parsed = parse_text(text, where)
        turns = [TurnRecord(t.index, t.label, t.speaker, t.role, t.section, t.start, t.end,
                            paragraphs=t.paragraphs) for t in parsed.turns]
        fmt, participants = parsed.format, parsed.participants
        boilerplate, warnings, md = parsed.boilerplate, parsed.warnings, parsed.metadata
    notes = [_span(s, text, where) for s in rec.get("spans") or []]
    notes += [_span({**s, "status": "rejected"}, text, where)
              for s in rec.get("rejected_spans") or []]
    return GoldTranscript(
        id=None, hash=h, name=str(rec.get("name") or h[:12]),
        format=fmt, status=meta.get("status") or "reviewed", metadata=md, text=text,
        reviewed_at=meta.get("reviewed_at"), reviewed_by=meta.get("reviewed_by"),
        participants=participants, turns=turns, annotations=notes,
        boilerplate=boilerplate, warnings=warnings)


def _turn(t: dict[str, Any], where: str) -> TurnRecord:
    try:
        parsed_speaker = t.get("parsed_speaker", t.get("speaker"))
        parsed_role = t.get("parsed_role", t.get("role"))
        speaker, role, status = t.get("speaker"), t.get("role"), t.get("speaker_status")
        # A reviewer's correction is whatever differs from the parse (or was confirmed).
        corrected = status is not None or speaker != parsed_speaker
        return TurnRecord(
            int(t["index"]), t.get("label"), parsed_speaker, parsed_role, t.get("section"),
            int(t["start"]), int(t["end"]),
            gold_speaker=speaker if corrected else None,
            gold_role=role if role != parsed_role else None, speaker_status=status,
            paragraphs=[Paragraph(int(p["start"]), int(p["end"]), p.get("lang") or "en",
                                  p.get("translation_of")) for p in t.get("paragraphs") or []])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"{where}: a turn lacks index/start/end ({exc})") from exc


STATUSES = ("pending", "accepted", "corrected", "rejected", "added")
TRANSCRIPT_STATUSES = ("new", "in_progress", "reviewed")


def short(value: Any, limit: int = 40) -> str:
    """``repr(value)`` cut to ``limit`` characters: error messages stay one short line even
    when a record holds a whole transcript where a number belongs."""
    r = repr(value)
    return r if len(r) <= limit else r[:limit - 1] + "…"


def offset(s: dict[str, Any], key: str, where: str) -> int:
    """An integer offset of a span; refuses floats, strings and booleans (no truncation)."""
    v = s.get(key)
    if isinstance(v, bool) or not isinstance(v, int):
        raise InputError(f"{where}: span \"{key}\" must be an integer offset, not {short(v)}")
    return v


def _span(s: Any, text: str, where: str) -> MentionRecord:
    if not isinstance(s, dict):
        raise InputError(f"{where}: a span must be a JSON object")
    if s.get("status") not in (None, *STATUSES):
        raise InputError(f"{where}: unknown span status {short(s['status'])} "
                         f"(one of {', '.join(STATUSES)})")
    start, end = offset(s, "start", where), offset(s, "end", where)
    if not 0 <= start < end <= len(text):
        raise InputError(f"{where}: span [{start}, {end}) lies outside the text")
    if s.get("text") is not None and s["text"] != text[start:end]:
        raise InputError(f"{where}: span [{start}, {end}) is {short(text[start:end])} in the "
                         f"text, not {short(s['text'])} (offsets must index the text as given)")
    label = s.get("label", s.get("metric"))
    if label is not None and not isinstance(label, str):
        raise InputError(f"{where}: span [{start}, {end}) has a non-text label {short(label)}")
    vals = {}
    for f in ("value", "low", "high"):
        v = s.get(f)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int | float)
                              or not math.isfinite(v)):
            raise InputError(f"{where}: span [{start}, {end}) has a non-numeric {f} {short(v)}")
        vals[f] = None if v is None else float(v)
    return MentionRecord(
        start, end, label_metric(label), **vals, unit=s.get("unit"),
        period=s.get("period"), kind=s.get("kind"), basis=s.get("basis"),
        status=s.get("status") or "accepted", reviewer=s.get("reviewer"),
        updated_at=s.get("updated_at"))
