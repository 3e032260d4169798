"""The records the gold and the predictions are read into: a transcript with its review
state, its turns and mentions, a run's speaker suggestions, a run.

A transcript is gold once its status is ``reviewed``. Its gold mentions are its annotations
with status accepted, corrected or added; rejected annotations are kept apart (they are the
predictions a reviewer turned down). The gold speaker of a turn is ``gold_speaker`` when a
reviewer set one, else the parsed ``speaker``.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from dataclasses import dataclass, field

from reviewer.core.annotations import GOLD_STATUSES, FromRow
from reviewer.core.model import Metadata, Paragraph, Participant

REVIEWED = "reviewed"


@dataclass
class MentionRecord(FromRow):
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
        """The speaker a reviewer confirmed or corrected (the parsed one when untouched);
        a decided turn with no speaker has none."""
        if self.gold_speaker is not None or self.speaker_status:
            return self.gold_speaker
        return self.speaker

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
    _starts_key: tuple | None = field(default=None, init=False, repr=False, compare=False)
    _starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)

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
        """The turn whose body holds ``offset`` (``None`` outside every turn): a bisection
        over the turn starts (a transcript has hundreds of turns and mentions)."""
        starts = self._turn_starts()
        if starts is None:  # turns out of text order or overlapping: the first that holds it
            return next((t for t in self.turns if t.start <= offset < t.end), None)
        # In text order without overlaps, only the last turn starting at or before the
        # offset can hold it.
        i = bisect_right(starts, offset) - 1
        return self.turns[i] if i >= 0 and offset < self.turns[i].end else None

    def _turn_starts(self) -> list[int] | None:
        """The turn starts when turns are in text order and do not overlap, else ``None``.
        Cached per turn list: turn spans never change once a transcript is loaded (a review
        changes speakers, not spans)."""
        key = (id(self.turns), len(self.turns))
        if self._starts_key != key:
            spans = [(t.start, t.end) for t in self.turns]
            ordered = all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
            self._starts_key, self._starts = key, ([s for s, _ in spans] if ordered else None)
        return self._starts

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

