"""Speaker labels: how often the imported labels name the right person, and what a run's
suggestions would do to them.

A suggestion on a turn whose imported speaker is wrong *catches* the error when it names the
gold speaker (and is a *wrong fix* otherwise); a suggestion on a turn whose imported speaker is
right *breaks* it unless it names the same person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.core.evaluate.matching import add_counts
from reviewer.core.store.gold_records import SuggestionRecord, TurnRecord


def norm_name(name: str | None) -> str:
    """A name for comparison: case, accents, punctuation and spacing ignored."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", s.casefold()).strip()


@dataclass
class SpeakerTally:
    """Counts over turns; ``turns`` is how many turns were scored."""

    turns: int = 0
    raw_correct: int = 0
    suggestions: int = 0
    caught: int = 0
    wrong_fix: int = 0
    broken: int = 0
    after_correct: int = 0

    def add(self, other: SpeakerTally) -> None:
        add_counts(self, other)

    @property
    def wrong_labels(self) -> int:
        return self.turns - self.raw_correct

    def as_dict(self) -> dict[str, float | int | None]:
        t = self.turns
        return {
            "turns": t, "raw_correct": self.raw_correct,
            "raw_accuracy": self.raw_correct / t if t else None,
            "wrong_labels": self.wrong_labels, "suggestions": self.suggestions,
            "caught": self.caught, "wrong_fix": self.wrong_fix, "broken": self.broken,
            "suggestion_precision": self.caught / self.suggestions if self.suggestions else None,
            "suggestion_recall": self.caught / self.wrong_labels if self.wrong_labels else None,
            "after_accuracy": self.after_correct / t if t else None,
        }


def score_speakers(turns: Sequence[TurnRecord],
                   suggestions: Sequence[SuggestionRecord] = ()) -> SpeakerTally:
    """Score the imported labels of ``turns`` and the ``suggestions`` of one run."""
    best: dict[int, SuggestionRecord] = {}
    for s in suggestions:
        # Several suggestions for one turn: the most confident one is what a reviewer sees.
        old = best.get(s.turn)
        if old is None or (s.confidence or 0) > (old.confidence or 0):
            best[s.turn] = s
    tally = SpeakerTally()
    for t in turns:
        # A turn the reviewer left alone keeps its imported speaker: the label as written when
        # the roster names no one ("Operator"), which is then right, not a wrong label.
        gold = norm_name(t.gold_speaker if t.gold_speaker is not None else t.raw)
        raw = norm_name(t.raw)
        right = raw == gold
        tally.turns += 1
        tally.raw_correct += right
        s = best.get(t.index)
        after = raw
        if s is not None and norm_name(s.suggested) != raw:
            tally.suggestions += 1
            after = norm_name(s.suggested)
            if right:
                tally.broken += 1
            elif after == gold:
                tally.caught += 1
            else:
                tally.wrong_fix += 1
        tally.after_correct += after == gold
    return tally
