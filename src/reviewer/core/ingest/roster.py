"""The call's roster and how a speaker label as written identifies a participant in it."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from reviewer.core.model import Participant

_HONORIFIC = re.compile(r"^(mr|mrs|ms|dr|prof)\.?\s+", re.I)
_INITIAL = re.compile(r"\b[A-Z]\.\s*")


def normalize_name(name: str) -> str:
    """A comparison key for a person's name: no accents, honorifics, initials or case."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _HONORIFIC.sub("", s.strip())
    s = _INITIAL.sub("", s)
    s = re.sub(r"[^\w\s-]", " ", s)
    return " ".join(s.lower().split())


class Roster:
    """A list of participants with lookup by label (exact, alias, first/last name, fuzzy)."""

    def __init__(self, participants: list[Participant] | None = None) -> None:
        self.participants: list[Participant] = list(participants or [])

    def add(self, participant: Participant) -> Participant:
        """Add a participant, merging with one already there that has the same name."""
        existing = self.find_exact(participant.name)
        if existing is None:
            self.participants.append(participant)
            return participant
        if existing.role == "unknown":
            existing.role = participant.role
        if not existing.affiliation:
            existing.affiliation = participant.affiliation
        for alias in participant.aliases:
            if alias not in existing.aliases and alias != existing.name:
                existing.aliases.append(alias)
        return existing

    def find_exact(self, label: str) -> Participant | None:
        """The participant whose name or alias is ``label`` once normalized."""
        key = normalize_name(label)
        if not key:
            return None
        for p in self.participants:
            if normalize_name(p.name) == key or key in (normalize_name(a) for a in p.aliases):
                return p
        return None

    def identify(self, label: str | None, fuzzy_cutoff: float = 88.0) -> Participant | None:
        """The participant a speaker label names, or ``None`` when it is not clear.

        Tries the whole name, then a unique first or last name ("Victoria", "Gatoff"),
        then a fuzzy match of whole names (spelling variants such as "VanVleet"/"VanVliet").
        """
        if not label:
            return None
        found = self.find_exact(label)
        if found is not None:
            return found
        key = normalize_name(label)
        words = key.split()
        if not words:
            return None
        candidates = []
        for p in self.participants:
            names = [normalize_name(p.name), *(normalize_name(a) for a in p.aliases)]
            parts = {w for n in names for w in n.split()}
            # One word must be a name part; several: first and last must both be.
            if words[0] in parts and words[-1] in parts:
                candidates.append(p)
        if len(candidates) == 1:
            return candidates[0]
        best, best_score = None, 0.0
        for p in self.participants:
            score = max(
                fuzz.ratio(key, normalize_name(n)) for n in [p.name, *p.aliases]
            )
            if score > best_score:
                best, best_score = p, score
        return best if best_score >= fuzzy_cutoff else None
