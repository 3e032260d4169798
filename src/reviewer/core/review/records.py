"""What the review shows: mentions under review, turns with their speakers, the roster."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from reviewer.core.annotations import GOLD_STATUSES, FromRow

STATUSES = ("pending", "accepted", "corrected", "rejected", "added")
KINDS = ("actual", "guidance", "target", "comparison")
BASES = ("gaap", "non_gaap")
# The fields of a mention a reviewer can edit (besides its span).
MENTION_FIELDS = ("metric", "value", "low", "high", "unit", "period", "kind", "basis")


@dataclass(frozen=True)
class Annotation(FromRow):
    """One mention under review (a row of ``annotations``)."""

    id: int
    transcript_id: int
    prediction_id: int | None
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
    status: str = "pending"
    reviewer: str | None = None
    updated_at: str | None = None
    # The role of the turn that quoted the number ("analyst"), read from the prediction's
    # extra; not a column of ``annotations`` (decisions never write it).
    quoted_by: str | None = None
    counted: str | None = None  # what a count counts ("seats"), from the extractor

    @property
    def decided(self) -> bool:
        return self.status != "pending"

    @property
    def in_gold(self) -> bool:
        return self.status in GOLD_STATUSES


@dataclass(frozen=True)
class TurnState:
    """A turn with its parsed speaker and the reviewer's correction, if any."""

    id: int
    idx: int
    label: str | None
    speaker: str | None
    role: str
    section: str | None
    start: int
    end: int
    gold_speaker: str | None = None
    gold_role: str | None = None
    speaker_status: str | None = None  # None | corrected | confirmed

    @classmethod
    def from_row(cls, row: dict) -> TurnState:
        return cls(**row)

    @property
    def current_speaker(self) -> str | None:
        """Who the turn is attributed to now: the correction, else what the parser read."""
        return self.gold_speaker if self.speaker_status else self.speaker

    @property
    def current_role(self) -> str:
        return (self.gold_role if self.speaker_status else self.role) or "unknown"


@dataclass(frozen=True)
class RosterEntry:
    """A participant of the call."""

    id: int
    position: int
    name: str
    role: str
    affiliation: str | None
    aliases: list[str] = field(default_factory=list)

    @classmethod
    def from_row(cls, row: dict) -> RosterEntry:
        return cls(row["id"], row["position"], row["name"], row["role"] or "unknown",
                   row["affiliation"], json.loads(row["aliases"] or "[]"))


@dataclass(frozen=True)
class Suggestion:
    """The extractor's proposed speaker for one turn, with its reason."""

    turn: int
    label: str | None
    suggested: str
    reason: str | None
    confidence: float | None


@dataclass(frozen=True)
class Decision:
    """One logged decision."""

    id: int
    action: str
    summary: str
    reviewer: str | None
    at: str
    changes: list[dict]
    undone: int = 0

    def touched(self, table: str) -> set[int]:
        """Ids of the rows of ``table`` this decision changed."""
        return {c["id"] for c in self.changes if c["table"] == table}
