"""Merge conflicts and their adjudication (no Qt).

``reviewer merge`` leaves one row in ``merge_conflicts`` per thing the sources disagreed on
(what each source said). Adjudication goes through the ordinary review commands, so it is in
the audit log and can be undone: a mention conflict is settled once no annotation in its span
is pending (each accepted, corrected or rejected); a speaker conflict once its turn's speaker
is set (confirmed or corrected). That state is read from the annotations and turns rather
than stored, so undoing the deciding decision reopens the conflict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from reviewer.core.evaluate.speakers import norm_name
from reviewer.core.export.records import number
from reviewer.core.review.base import Change, Command, Context, annotation_label
from reviewer.core.review.commands import Accept, Reject
from reviewer.core.review.records import Annotation, TurnState
from reviewer.core.store import Project
from reviewer.core.store import review as store
from reviewer.core.store.gold_import import merge_conflicts

_UNITS = {"percent": "%", "bps": " bps", "count": ""}


def quantity(m: Mapping[str, Any]) -> str:
    """A value as people read it: "5%", "10–12%", "129,100,000 USD"."""
    def num(v: float | None) -> str:
        return "?" if v is None else f"{v:,.10g}"
    if m.get("value") is not None:
        q = num(m["value"])
    elif m.get("low") is not None or m.get("high") is not None:
        q = f"{num(m.get('low'))}\u2013{num(m.get('high'))}"
    else:
        return ""
    unit = m.get("unit")
    return q + _UNITS[unit] if unit in _UNITS else f"{q} {unit or ''}".strip()


def describe(m: Mapping[str, Any], text: str | None = None) -> str:
    """One mention in words: its surface (when ``text`` is given), metric, value, period,
    kind and basis."""
    surface = ""
    if text is not None and m.get("start") is not None:
        s = text[m["start"]:m["end"]].replace("\n", " ")
        surface = f"\u201c{s if len(s) <= 40 else s[:37] + '...'}\u201d "
    parts = [m.get("metric") or "?", quantity(m), m.get("period"), m.get("kind"),
             m.get("basis")]
    return surface + " ".join(p for p in parts if p)


def _key(m: Mapping[str, Any]) -> tuple:
    # The fields merge compares: a source's version and the pending annotation it became.
    return (m.get("start"), m.get("end"), m.get("metric"), number(m.get("value")),
            number(m.get("low")), number(m.get("high")), m.get("unit"), m.get("period"),
            m.get("kind"), m.get("basis"))


@dataclass(frozen=True)
class Conflict:
    """One conflict a merge left, with what the project holds for it now."""

    id: int
    transcript_id: int
    transcript: str             # the transcript's name
    kind: str                   # "mention" | "speaker"
    turn: int | None            # the turn's index (of the mention's turn for a mention)
    start: int | None
    end: int | None
    versions: dict[str, Any]    # source -> its mentions (briefs) / its speaker name
    said: dict[str, str]        # source -> its version in words
    text: str                   # the conflict's span of text, clipped
    resolved: bool
    now: str                    # what the project holds now, in words
    mentions: tuple[Annotation, ...] = ()   # the annotations in the span (mention kind)
    choices: tuple[str, ...] = ()           # the distinct speakers the sources gave

    @property
    def sources(self) -> list[str]:
        return list(self.versions)

    @property
    def where(self) -> str:
        """Where in the transcript, in words: the turn (the offsets when outside turns)."""
        if self.turn is not None:
            return f"turn {self.turn}"
        return f"{self.start}\u2013{self.end}"

    @property
    def focus(self) -> int | None:
        """The annotation to show for a mention conflict: the first pending one."""
        pending = [a.id for a in self.mentions if a.status == "pending"]
        return (pending or [a.id for a in self.mentions] or [None])[0]

    def keep(self, source: str) -> KeepVersion | None:
        """The decision settling a mention conflict as ``source`` had it: its mentions in the
        span accepted, every other one there rejected (``None`` when nothing would change)."""
        if self.kind != "mention" or source not in self.versions:
            return None
        keys = {_key(m) for m in self.versions[source]}
        accept = tuple(a.id for a in self.mentions
                       if _key(asdict(a)) in keys and not a.in_gold)
        reject = tuple(a.id for a in self.mentions
                       if _key(asdict(a)) not in keys and a.status != "rejected")
        if not accept and not reject:
            return None
        return KeepVersion(accept, reject, source)


def list_conflicts(project: Project, transcript_id: int | None = None) -> list[Conflict]:
    """The merge conflicts of the project (or of one transcript) with their state now."""
    rows = merge_conflicts(project, transcript_id)
    out: list[Conflict] = []
    by_tid: dict[int, list[dict]] = {}
    for r in rows:
        by_tid.setdefault(r["transcript_id"], []).append(r)
    for tid, group in by_tid.items():
        text = store.transcript_text(project.db, tid)
        notes = [Annotation.from_row(a) for a in store.annotations(project.db, tid)]
        turns = {t["idx"]: TurnState.from_row(t) for t in store.turns(project.db, tid)}
        for r in group:
            out.append(_speaker(r, text, turns) if r["kind"] == "speaker"
                       else _mention(r, text, notes, turns))
    return out


def _clip(text: str, start: int | None, end: int | None, width: int = 60) -> str:
    if start is None or end is None:
        return ""
    s = " ".join(text[start:end].split())
    return s if len(s) <= width else s[:width - 3] + "..."


def _mention(r: dict, text: str, notes: list[Annotation],
             turns: dict[int, TurnState]) -> Conflict:
    inside = tuple(a for a in notes if a.start < r["end"] and r["start"] < a.end)
    span = (r["start"], r["end"])

    def words(m: Mapping[str, Any]) -> str:
        # The surface only when it is not the conflict's own span (shown beside it).
        return describe(m, text if (m["start"], m["end"]) != span else None)

    pending = sum(1 for a in inside if a.status == "pending")
    kept = [words(asdict(a)) for a in inside if a.in_gold]
    if pending:
        now = f"{pending} pending" + (f"; kept: {'; '.join(kept)}" if kept else "")
    else:
        now = "; ".join(kept) if kept else "no mention (all rejected)"
    said = {src: "; ".join(words(m) for m in ms) or "no mention"
            for src, ms in r["versions"].items()}
    # Merge records no turn for a mention; the one holding it tells the reviewer where.
    turn = next((t.idx for t in turns.values() if t.start <= r["start"] < t.end), None)
    return Conflict(r["id"], r["transcript_id"], r["name"] or "", "mention", turn,
                    r["start"], r["end"], r["versions"], said,
                    _clip(text, r["start"], r["end"]), pending == 0, now, inside)


def _speaker(r: dict, text: str, turns: dict[int, TurnState]) -> Conflict:
    t = turns.get(r["turn"])
    names: dict[str, str] = {}
    for name in r["versions"].values():
        if name and norm_name(name) not in names:
            names[norm_name(name)] = name
    said = {src: name or "(no speaker)" for src, name in r["versions"].items()}
    resolved = bool(t and t.speaker_status)
    if t is None:
        now = "the turn is missing"
    elif resolved:
        now = f"{t.current_speaker or '(no speaker)'} ({t.speaker_status})"
    else:
        now = f"not set (parsed: {t.speaker or t.label or '?'})"
    label = f"{t.label}: " if t is not None and t.label else ""
    return Conflict(r["id"], r["transcript_id"], r["name"] or "", "speaker", r["turn"],
                    r["start"], r["end"], r["versions"], said,
                    label + _clip(text, r["start"], r["end"]), resolved, now,
                    choices=tuple(names.values()))


@dataclass
class KeepVersion(Command):
    """Settle a mention conflict as one source had it: accept some annotations, reject the
    others — one decision, so one undo takes it back."""

    accept: tuple[int, ...]
    reject: tuple[int, ...]
    source: str
    action = "adjudicate"

    def changes(self, ctx: Context) -> list[Change]:
        out: list[Change] = []
        for aid in self.accept:
            out += Accept(aid).changes(ctx)
        for aid in self.reject:
            out += Reject(aid).changes(ctx)
        return out

    def summary(self, ctx: Context) -> str:
        first = (self.accept or self.reject)[0]
        return (f"merge conflict at {annotation_label(ctx, ctx.annotation(first))}: "
                f"keep {self.source}'s version")
