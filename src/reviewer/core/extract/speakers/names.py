"""Which roster participant a name said in the text refers to ("Sam", "Vic", "Will Power").

Speakers call each other by first names and nicknames, and speech recognition spells names
by ear ("Vic Burma" for Vik Verma), so a name in the text is matched to the roster in steps:
the roster's own lookup (exact, alias, unique first/last name, close spelling), then nickname
groups ("Sam" = Samuel, "Will" = William), then a sound-alike key of the name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from reviewer.core.ingest.roster import Roster, normalize_name
from reviewer.core.model import Participant

# First names that stand for each other. A short form may belong to several groups
# ("Vic" is Vikram or Victor); a group never mixes unrelated names.
_NICKNAME_GROUPS: tuple[frozenset[str], ...] = tuple(frozenset(g.split()) for g in (
    "samuel sam sammy", "samantha sam", "vikram vik vic", "victor vic", "michael mike mick",
    "richard rich rick dick", "matthew matt", "james jim jimmy jamie", "william will bill billy",
    "timothy tim", "steven stephen steve", "joshua josh", "katherine catherine kathryn kate katie",
    "christopher chris", "daniel dan danny", "david dave", "thomas tom tommy",
    "robert rob bob bobby", "andrew andy drew", "alexander alex", "benjamin ben",
    "nicholas nick", "anthony tony", "joseph joe", "edward ed eddie", "gregory greg",
    "jeffrey jeff", "kenneth ken", "peter pete", "philip phil", "ronald ron",
    "charles charlie chuck", "elizabeth liz beth", "jonathan jon", "patrick pat",
    "frederick fred", "gerald jerry", "lawrence larry", "jennifer jen jenny",
    "margaret maggie meg", "rebecca becky", "susan sue", "zachary zach",
))
_NICKNAMES: dict[str, frozenset[str]] = {}
for _group in _NICKNAME_GROUPS:
    for _name in _group:
        _NICKNAMES[_name] = _NICKNAMES.get(_name, frozenset()) | _group

# Letters that a recogniser (or a listener) confuses; the key keeps a name's outline.
_SOUND_SUBS = (("ph", "f"), ("ck", "k"), ("c", "k"), ("q", "k"), ("v", "b"), ("p", "b"),
               ("z", "s"), ("y", "i"))

_NOT_LETTERS = re.compile(r"[^a-z]")
_VOWELS = re.compile(r"[aeiou]+")
_REPEATS = re.compile(r"(.)\1+")


def sound_key(word: str) -> str:
    """A rough sound-alike key: "Vic"/"Vik" and "Burma"/"Verma" get equal keys."""
    w = _NOT_LETTERS.sub("", word.lower())
    for a, b in _SOUND_SUBS:
        w = w.replace(a, b)
    if not w:
        return ""
    # Vowels other than the first letter carry little of what a recogniser gets right.
    w = w[0] + _VOWELS.sub("a", w[1:])
    return _REPEATS.sub(r"\1", w)


def first_names_match(a: str, b: str, key: Callable[[str], str] = sound_key) -> bool:
    """True when two first names can denote the same person (equal, nickname, sound-alike).

    ``key`` is ``sound_key`` or a memo of it.
    """
    a, b = a.lower(), b.lower()
    if a == b or b in _NICKNAMES.get(a, ()):
        return True
    return len(a) >= 3 and len(b) >= 3 and key(a) == key(b)


def _last_names_match(a: str, b: str, key: Callable[[str], str] = sound_key) -> bool:
    if a == b or key(a) == key(b):
        return True
    return fuzz.ratio(key(a), key(b)) >= 80


def resolve_name(
    roster: Roster, name: str, roles: tuple[str, ...] | None = None,
) -> Participant | None:
    """The participant ``name`` (as said in the text) refers to, or ``None`` when unclear.

    ``roles`` narrows the candidates (a question's addressee is an executive, an operator's
    introduction names an analyst).
    """
    return NameIndex(roster.participants).resolve(name, roles)


@dataclass(frozen=True)
class _Entry:
    """One participant's names, normalised once."""

    who: Participant
    forms: tuple[str, ...]  # the name, then the aliases
    parts: frozenset[str]  # every word of them
    words: tuple[list[str], ...]  # each non-empty form split in words
    firsts: frozenset[str]  # the first word of each, lowercased
    first_keys: frozenset[str]  # the sound-alike keys of those of three letters or more


class NameIndex:
    """The roster's names prepared once for the many names said in one call.

    ``resolve`` is the roster's own lookup (``Roster.identify``: exact or alias, a unique
    first/last name, then close spelling) followed by nicknames and sound-alikes, as described
    in the module doc; normalising every roster name again for each name said in the text was
    most of the cost of the speaker suggestions (and so was the sound-alike key of every roster
    name, kept here too). The participants must not change meanwhile.
    """

    def __init__(self, participants: list[Participant]) -> None:
        self._sound: dict[str, str] = {}
        self._normalized: dict[str, str] = {}
        self._entries = []
        for p in participants:
            forms = tuple(self.normalized(n) for n in (p.name, *p.aliases))
            words = tuple(f.split() for f in forms if f.split())
            firsts = frozenset(parts[0].lower() for parts in words)
            self._entries.append(_Entry(p, forms, frozenset(w for f in forms for w in f.split()),
                                        words, firsts, frozenset(
                                            self._sound_key(f) for f in firsts if len(f) >= 3)))

    def resolve(self, name: str, roles: tuple[str, ...] | None = None) -> Participant | None:
        """What ``resolve_name`` says of ``name`` on this roster."""
        pool = [e for e in self._entries if roles is None or e.who.role in roles]
        if not pool or not name.strip():
            return None
        key = self.normalized(name)
        found = _identify(pool, key)
        if found is not None:
            return found
        words = key.split()
        if not words:
            return None
        if len(words) == 1:
            return _only(_first_name_matches(pool, words[0].lower(), self._sound_key))
        matches = []
        for e in pool:
            for parts in e.words:
                if first_names_match(words[0], parts[0], self._sound_key) and len(parts) > 1 \
                        and _last_names_match(words[-1], parts[-1], self._sound_key):
                    matches.append(e.who)
                    break
        return _only(matches)

    def normalized(self, name: str) -> str:
        """``normalize_name(name)``, computed once per index (the roster's names recur as
        labels, and a name said in the text is often resolved for several roles)."""
        key = self._normalized.get(name)
        if key is None:
            key = self._normalized[name] = normalize_name(name)
        return key

    def _sound_key(self, word: str) -> str:
        if word not in self._sound:
            self._sound[word] = sound_key(word)
        return self._sound[word]


def _first_name_matches(pool: list[_Entry], word: str,
                        key: Callable[[str], str]) -> list[Participant]:
    """The participants with a first name that ``first_names_match`` the lowercased
    ``word``, by sets: equal, a nickname of it, or the same sound-alike key."""
    nicknames = _NICKNAMES.get(word, frozenset())
    sound = key(word) if len(word) >= 3 else None
    return [e.who for e in pool if word in e.firsts or not nicknames.isdisjoint(e.firsts)
            or sound in e.first_keys]


def _only(matches: list[Participant]) -> Participant | None:
    return matches[0] if len(matches) == 1 else None


def _identify(pool: list[_Entry], key: str, fuzzy_cutoff: float = 88.0) -> Participant | None:
    """``Roster.identify`` of a name normalised as ``key``, over the prepared names (the same
    steps in the same order)."""
    if not key:
        return None
    for e in pool:  # Roster.find_exact
        if key in e.forms:
            return e.who
    words = key.split()
    candidates = [e.who for e in pool if words[0] in e.parts and words[-1] in e.parts]
    if len(candidates) == 1:
        return candidates[0]
    # The first participant with the best score of its forms: the first best form. The ratio
    # is 200 * (longest common subsequence) / (the sum of the lengths), so a form much
    # shorter or longer than the key cannot reach the cutoff, and is not scored.
    best, best_score = None, 0.0
    n = len(key)
    for e in pool:
        for f in e.forms:
            if 200 * min(n, len(f)) < fuzzy_cutoff * (n + len(f)):
                continue
            score = fuzz.ratio(key, f)
            if score > best_score:
                best, best_score = e.who, score
    return best if best_score >= fuzzy_cutoff else None
