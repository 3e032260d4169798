"""Decisions on speakers (one turn, every turn with a label, a suggestion) and on the roster
(add, rename, merge, set role). Parsed labels stay as imported; corrections live in
``turns.gold_speaker`` / ``gold_role`` / ``speaker_status``."""

from __future__ import annotations

import json
from dataclasses import dataclass

from reviewer.core.model import ROLES
from reviewer.core.review.base import Change, Command, Context, update
from reviewer.core.review.records import TurnState
from reviewer.core.review.values import InvalidDecision
from reviewer.core.store import review as store


def _role(role: str | None) -> str | None:
    if role is None:
        return None
    r = role.strip().lower()
    if r not in ROLES:
        raise InvalidDecision(f"{role!r} is not a role; use one of {', '.join(ROLES)}")
    return r


def _set_turn(t: TurnState, name: str, role: str, rows: dict[int, dict]) -> Change | None:
    status = "confirmed" if (name, role) == (t.speaker, t.role) else "corrected"
    return update("turns", rows[t.id],
                  {"gold_speaker": name, "gold_role": role, "speaker_status": status})


def _rows_by_id(ctx: Context) -> dict[int, dict]:
    return {r["id"]: r for r in ctx.turn_rows}


@dataclass
class SetSpeaker(Command):
    """Attribute one turn to a participant of the roster (role: theirs unless given)."""

    turn: int
    name: str
    role: str | None = None
    action = "set_speaker"

    def changes(self, ctx: Context) -> list[Change]:
        p = ctx.participant(self.name)
        ch = _set_turn(ctx.turn(self.turn), p.name, _role(self.role) or p.role,
                       _rows_by_id(ctx))
        return [ch] if ch else []

    def summary(self, ctx: Context) -> str:
        return f"turn {self.turn}: speaker {self.name}"


@dataclass
class RelabelAll(Command):
    """Attribute every turn whose label reads ``label`` to one participant."""

    label: str
    name: str
    role: str | None = None
    action = "relabel_all"

    def changes(self, ctx: Context) -> list[Change]:
        p = ctx.participant(self.name)
        role = _role(self.role) or p.role
        rows = _rows_by_id(ctx)
        targets = [t for t in ctx.turns() if t.label == self.label]
        if not targets:
            raise InvalidDecision(f"no turn is labelled {self.label!r}")
        return [ch for t in targets if (ch := _set_turn(t, p.name, role, rows))]

    def summary(self, ctx: Context) -> str:
        n = sum(1 for t in ctx.turns() if t.label == self.label)
        return f"every turn labelled {self.label!r} ({n}): speaker {self.name}"


@dataclass
class ChooseSpeaker(Command):
    """Attribute one turn to ``name`` even when the call's roster lacks them: the participant
    is added first, in the same decision. (A merged project keeps one source's roster, while
    another source may have named someone it added to its own.)"""

    turn: int
    name: str
    role: str | None = None
    action = "set_speaker"

    def changes(self, ctx: Context) -> list[Change]:
        name = _check_name(self.name)
        t = ctx.turn(self.turn)
        known = next((p for p in ctx.roster() if p.name == name), None)
        if known is not None:
            ch = _set_turn(t, known.name, _role(self.role) or known.role, _rows_by_id(ctx))
            return [ch] if ch else []
        # Someone new: the parsed role when they are the parsed speaker, else unknown.
        role = _role(self.role) or (t.role if name == t.speaker else "unknown")
        added = AddParticipant(name, role).changes(ctx)
        ch = _set_turn(t, name, role, _rows_by_id(ctx))
        return [*added, ch] if ch else added

    def summary(self, ctx: Context) -> str:
        new = "" if any(p.name == self.name for p in ctx.roster()) else " (added to the roster)"
        return f"turn {self.turn}: speaker {self.name}{new}"


def suggestion_for(ctx: Context, turn: int) -> dict | None:
    for s in store.speaker_suggestions(ctx.db, ctx.transcript_id):
        if s["turn"] == turn:
            return s
    return None


@dataclass
class AcceptSuggestion(Command):
    """Take the extractor's suggested speaker for one turn."""

    turn: int
    action = "accept_suggestion"

    def changes(self, ctx: Context) -> list[Change]:
        s = suggestion_for(ctx, self.turn)
        if s is None:
            raise InvalidDecision(f"the extractor suggested no speaker for turn {self.turn}")
        t = ctx.turn(self.turn)
        role = next((p.role for p in ctx.roster() if p.name == s["suggested"]), t.role)
        ch = _set_turn(t, s["suggested"], role, _rows_by_id(ctx))
        return [ch] if ch else []

    def summary(self, ctx: Context) -> str:
        s = suggestion_for(ctx, self.turn)
        return f"turn {self.turn}: accept suggested speaker {s['suggested'] if s else '?'}"


@dataclass
class NoSpeaker(Command):
    """Settle that a turn has no speaker on the roster (what a reviewer who left the turn
    unattributed said): the turn is marked decided with no speaker."""

    turn: int
    action = "set_speaker"

    def changes(self, ctx: Context) -> list[Change]:
        t = ctx.turn(self.turn)
        status = "confirmed" if t.speaker is None else "corrected"
        ch = update("turns", _rows_by_id(ctx)[t.id],
                    {"gold_speaker": None, "gold_role": None, "speaker_status": status})
        return [ch] if ch else []

    def summary(self, ctx: Context) -> str:
        return f"turn {self.turn}: no speaker"


# -- the roster -------------------------------------------------------------------------------

def _check_name(name: str) -> str:
    n = " ".join((name or "").split())
    if not n:
        raise InvalidDecision("a participant needs a name")
    return n


@dataclass
class AddParticipant(Command):
    name: str
    role: str = "unknown"
    affiliation: str | None = None
    action = "add_participant"

    def changes(self, ctx: Context) -> list[Change]:
        name = _check_name(self.name)
        if any(p.name == name for p in ctx.roster()):
            raise InvalidDecision(f"{name!r} is already in the roster")
        pos = max((p.position for p in ctx.roster()), default=-1) + 1
        row = {"id": None, "transcript_id": ctx.transcript_id, "position": pos, "name": name,
               "role": _role(self.role) or "unknown", "affiliation": self.affiliation or None,
               "aliases": "[]"}
        return [{"table": "participants", "id": None, "before": None, "after": row}]

    def summary(self, ctx: Context) -> str:
        return f"add {self.name} ({self.role}) to the roster"


def _reattribute(ctx: Context, old: str, new: str, role: str | None) -> list[Change]:
    """Turns now spoken by ``old`` move to ``new`` (keeping their role unless given)."""
    rows = _rows_by_id(ctx)
    out = []
    for t in ctx.turns():
        if t.current_speaker == old:
            ch = _set_turn(t, new, role or t.current_role, rows)
            if ch:
                out.append(ch)
    return out


@dataclass
class RenameParticipant(Command):
    """Fix a participant's name; the old one becomes an alias, their turns follow."""

    old: str
    new: str
    action = "rename_participant"

    def changes(self, ctx: Context) -> list[Change]:
        p = ctx.participant(self.old)
        new = _check_name(self.new)
        if new == p.name:
            return []
        if any(q.name == new for q in ctx.roster()):
            raise InvalidDecision(f"{new!r} is already in the roster; merge instead")
        row = next(r for r in ctx.participant_rows if r["id"] == p.id)
        aliases = [*p.aliases, p.name] if p.name not in p.aliases else p.aliases
        ch = update("participants", row, {"name": new, "aliases": json.dumps(aliases)})
        return [ch, *_reattribute(ctx, p.name, new, None)]

    def summary(self, ctx: Context) -> str:
        return f"rename {self.old} to {self.new}"


@dataclass
class MergeParticipants(Command):
    """``source`` and ``target`` are one person: keep ``target``, move turns and aliases."""

    source: str
    target: str
    action = "merge_participants"

    def changes(self, ctx: Context) -> list[Change]:
        src, dst = ctx.participant(self.source), ctx.participant(self.target)
        if src.id == dst.id:
            raise InvalidDecision("cannot merge a participant into themselves")
        rows = {r["id"]: r for r in ctx.participant_rows}
        aliases = list(dict.fromkeys([*dst.aliases, src.name, *src.aliases]))
        out = [update("participants", rows[dst.id], {"aliases": json.dumps(aliases)}),
               {"table": "participants", "id": src.id, "before": dict(rows[src.id]),
                "after": None}]
        out += _reattribute(ctx, src.name, dst.name, dst.role)
        return [c for c in out if c]

    def summary(self, ctx: Context) -> str:
        return f"merge {self.source} into {self.target}"


@dataclass
class SetRole(Command):
    """Set a participant's role; the turns they speak take it too."""

    name: str
    role: str
    action = "set_role"

    def changes(self, ctx: Context) -> list[Change]:
        p = ctx.participant(self.name)
        role = _role(self.role)
        row = next(r for r in ctx.participant_rows if r["id"] == p.id)
        ch = update("participants", row, {"role": role})
        rows = _rows_by_id(ctx)
        turns = [c for t in ctx.turns() if t.current_speaker == p.name
                 and t.current_role != role and (c := _set_turn(t, p.name, role, rows))]
        return [c for c in [ch, *turns] if c]

    def summary(self, ctx: Context) -> str:
        return f"{self.name}: role {self.role}"
