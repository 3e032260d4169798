"""The command protocol: a review action computes row changes against the current state.

A command never writes. ``changes(ctx)`` reads what it needs through the context and returns
``{"table", "id", "before", "after"}`` snapshots; the session applies them and logs the decision
in one transaction, and undo/redo replay the snapshots backwards/forwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from reviewer.core.review.records import RosterEntry, TurnState
from reviewer.core.review.values import InvalidDecision
from reviewer.core.store import review as store

if TYPE_CHECKING:  # loaded by reviewer.core.store, which keeps pandas out of it
    import sqlite_utils

Change = dict[str, Any]


@dataclass
class Context:
    """Read access to one transcript's review state while a command plans its changes."""

    db: sqlite_utils.Database
    transcript_id: int
    reviewer: str
    now: str

    @cached_property
    def text(self) -> str:
        return store.transcript_text(self.db, self.transcript_id)

    def annotation(self, aid: int) -> dict:
        row = store.annotation(self.db, aid)
        if row is None or row["transcript_id"] != self.transcript_id:
            raise InvalidDecision(f"mention {aid} is not in this transcript (deleted or undone)")
        return row

    def annotations(self) -> list[dict]:
        return store.annotations(self.db, self.transcript_id)

    def prediction(self, pid: int | None) -> dict | None:
        return store.prediction(self.db, pid) if pid is not None else None

    @cached_property
    def merge_versions(self) -> list[dict]:
        """The mention conflicts a merge left here (span and each source's versions)."""
        return store.conflict_versions(self.db, self.transcript_id)

    @cached_property
    def turn_rows(self) -> list[dict]:
        return store.turns(self.db, self.transcript_id)

    def turn(self, idx: int) -> TurnState:
        for r in self.turn_rows:
            if r["idx"] == idx:
                return TurnState.from_row(r)
        raise InvalidDecision(f"there is no turn {idx} in this transcript")

    def turns(self) -> list[TurnState]:
        return [TurnState.from_row(r) for r in self.turn_rows]

    @cached_property
    def participant_rows(self) -> list[dict]:
        return store.participants(self.db, self.transcript_id)

    def roster(self) -> list[RosterEntry]:
        return [RosterEntry.from_row(r) for r in self.participant_rows]

    def participant(self, name: str) -> RosterEntry:
        for p in self.roster():
            if p.name == name:
                return p
        raise InvalidDecision(f"{name!r} is not in the roster of this call; add them first")

    def stamp(self) -> dict:
        """The who/when columns every changed annotation carries."""
        return {"reviewer": self.reviewer, "updated_at": self.now}


class Command:
    """A review action. Subclasses set ``action`` and implement ``changes`` and ``summary``."""

    action: ClassVar[str] = "command"

    def changes(self, ctx: Context) -> list[Change]:  # pragma: no cover - abstract
        raise NotImplementedError

    def summary(self, ctx: Context) -> str:
        return self.action


def update(table: str, row: dict, new: dict) -> Change | None:
    """The change setting ``new`` columns of ``row``; ``None`` when nothing would change."""
    diff = {k: v for k, v in new.items() if row.get(k) != v}
    if not diff:
        return None
    return {"table": table, "id": row["id"], "before": {k: row.get(k) for k in diff},
            "after": diff}


def annotation_label(ctx: Context, row: dict) -> str:
    """How a decision's summary names a mention: its text, clipped."""
    surface = ctx.text[row["start"]:row["end"]].replace("\n", " ")
    if len(surface) > 40:
        surface = surface[:37] + "..."
    return f"\u201c{surface}\u201d"
