"""Which roster participant a name said in the text refers to ("Sam", "Vic", "Will Power").

Speakers call each other by first names and nicknames, and speech recognition spells names
by ear ("Vic Burma" for Vik Verma), so a name in the text is matched to the roster in steps:
the roster's own lookup (exact, alias, unique first/last name, close spelling), then nickname
groups ("Sam" = Samuel, "Will" = William), then a sound-alike key of the name.
"""

from __future__ import annotations

import re

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


def sound_key(word: str) -> str:
    """A rough sound-alike key: "Vic"/"Vik" and "Burma"/"Verma" get equal keys."""
    w = re.sub(r"[^a-z]", "", word.lower())
    for a, b in _SOUND_SUBS:
        w = w.replace(a, b)
    if not w:
        return ""
    # Vowels other than the first letter carry little of what a recogniser gets right.
    w = w[0] + re.sub(r"[aeiou]+", "a", w[1:])
    return re.sub(r"(.)\1+", r"\1", w)


def first_names_match(a: str, b: str) -> bool:
    """True when two first names can denote the same person (equal, nickname, sound-alike)."""
    a, b = a.lower(), b.lower()
    if a == b or b in _NICKNAMES.get(a, ()):
        return True
    return len(a) >= 3 and len(b) >= 3 and sound_key(a) == sound_key(b)


def _last_names_match(a: str, b: str) -> bool:
    if a == b or sound_key(a) == sound_key(b):
        return True
    return fuzz.ratio(sound_key(a), sound_key(b)) >= 80


def resolve_name(
    roster: Roster, name: str, roles: tuple[str, ...] | None = None,
) -> Participant | None:
    """The participant ``name`` (as said in the text) refers to, or ``None`` when unclear.

    ``roles`` narrows the candidates (a question's addressee is an executive, an operator's
    introduction names an analyst).
    """
    pool = [p for p in roster.participants if roles is None or p.role in roles]
    if not pool or not name.strip():
        return None
    found = Roster(pool).identify(name)
    if found is not None:
        return found
    words = normalize_name(name).split()
    if not words:
        return None
    matches = []
    for p in pool:
        for form in (p.name, *p.aliases):
            parts = normalize_name(form).split()
            if not parts:
                continue
            if len(words) == 1:
                ok = first_names_match(words[0], parts[0])
            else:
                ok = first_names_match(words[0], parts[0]) and len(parts) > 1 \
                    and _last_names_match(words[-1], parts[-1])
            if ok:
                matches.append(p)
                break
    return matches[0] if len(matches) == 1 else None
