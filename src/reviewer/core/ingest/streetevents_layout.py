"""Pieces of the Thomson StreetEvents layout: rules, headings, speaker headers, roster lines.

StreetEvents prints ``Name, Company - Title [N]`` speaker headers between dash rules, section
headings after ``====`` rules and a participants list of `` * Name`` lines each followed by a
``Company - Title`` line. Machine-translated copies (seed 002) keep that skeleton but use the
Arabic comma "،", the en dash "–", Arabic-script names and sometimes drop the rules.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from reviewer.core.ingest.roles import role_from_title
from reviewer.core.ingest.text import detect_lang
from reviewer.core.model import Participant

EQUALS_RULE = re.compile(r"^\s*={10,}\s*$")
# Dash rules come as ASCII hyphens or, after a word processor, as em/en dashes with stray spaces.
DASH_RULE = re.compile(r"^\s*(?=(?:[-–—_]\s*){10,}$)[-–—_\s]+$")
HEADER = re.compile(r"^\s*(?P<label>\S.{0,250}?)\s*\[(?P<n>\d{1,4})\]\s*$")
QA_HEADING = re.compile(
    r"^\s*(?:questions?\s+and\s+answers?|Q\s*&\s*A|الأسئلة والأجوبة|أسئلة وأجوبة|"
    r"الأسئلة والإجابات|أسئلة وإجابات)\s*:?\s*$", re.I)
PRESENTATION_HEADING = re.compile(r"^\s*(?:presentation|العرض التقديمي)\s*:?\s*$", re.I)
CORPORATE_HEADING = re.compile(
    r"^\s*(?:corporate participants|المشاركون من الشركة|المشاركون في الشركة)\s*:?\s*$", re.I)
CALL_HEADING = re.compile(
    r"^\s*(?:conference call participants|المشاركون في المكالمة الجماعية|"
    r"المشاركون في المؤتمر)\s*:?\s*$", re.I)
# The closing block StreetEvents appends after the call; all of it is boilerplate.
TAIL_HEADING = re.compile(
    r"^\s*(?:definitions|disclaimer|تعريفات|التعريفات|إخلاء المسؤولية)\s*:?\s*$", re.I)
# A web page's credit line ("المصدر : finance.yahoo.com" is "Source: finance.yahoo.com").
SOURCE_LINE = re.compile(r"^\s*(?:source|المصدر)\s*[:：]\s*\S+\.\w{2,}\S*\s*$", re.I)
TITLE_LINE = re.compile(
    r"edited transcript|preliminary transcript|final transcript|نسخة معدلة|streetevents|"
    r"event transcript|\bE D I T E D\b|event date\s*/\s*time|"
    r"^\s*\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}|"
    r"\b\d{1,2}-[A-Z][a-z]{2}-\d{2}\b.*\bGMT\b|earnings (?:conference )?call\s*$|"
    r"^\s*text version of transcript\s*$", re.I)
TITLE_START = re.compile(
    r"(?:edited|preliminary|final) transcript of|نسخة معدلة|streetevents|event transcript|"
    r"\b\d{1,2}-[A-Z][a-z]{2}-\d{2}\b.*\bGMT\b", re.I)
# A line that reads like part of a call's title block (used with the rules above the list).
TITLE_HINT = re.compile(r"\bearnings\b|\bresults\b|\bconference call\b|\bGMT\b", re.I)
BULLET = re.compile(r"^\s*[*•·]\s*(?P<name>\S.*?)\s*$")
_COMMA = re.compile(r"\s*[,،]\s*")
# Only a spaced dash separates company from title: "Hyde-Dunn" and "Coca–Cola" stay whole.
_DASH = re.compile(r"\s+[-–—]\s+")
_RESEARCH = re.compile(
    r"\s*[,،]\s*(?:research division|equity research|قسم الأبحاث|قسم البحوث)\s*$", re.I)
_OPERATOR_LABEL = re.compile(r"^\s*(?:operator|المشغل|مشغل)\s*$", re.I)

# Roles a company has one of: two spellings of that role at one company are one person.
_UNIQUE_ROLES = ("ceo", "cfo", "ir")


# Section headings as real files spell them, slips included ("Conference Call Participiants",
# "Corporate Participiants", "Question and Answer"): matched with spelling slack.
_HEADING_NAMES = (
    ("corporate", "corporate participants"),
    ("call", "conference call participants"),
    ("presentation", "presentation"),
    ("qa", "questions and answers"),
)
_HEADING_MIN_SCORE = 85.0
_HEADING_MAX_LEN = 45


def heading_kind(s: str, fuzzy: bool = True) -> str | None:
    """Which section heading the line is: ``corporate``, ``call`` (the analysts' list),
    ``presentation``, ``qa``, or ``None``. Exact patterns (English and Arabic) first; with
    ``fuzzy`` an English line also counts when it is a near spelling of a heading."""
    for kind, pattern in (("corporate", CORPORATE_HEADING), ("call", CALL_HEADING),
                          ("presentation", PRESENTATION_HEADING), ("qa", QA_HEADING)):
        if pattern.match(s):
            return kind
    key = " ".join(s.strip().rstrip(":").lower().split())
    if not fuzzy or not key or len(key) > _HEADING_MAX_LEN or not key.isascii():
        return None
    score, kind = max((fuzz.ratio(key, name), kind) for kind, name in _HEADING_NAMES)
    return kind if score >= _HEADING_MIN_SCORE else None


def is_rule(s: str) -> bool:
    """True for a ``====`` or ``----`` (or em-dash) rule line."""
    return bool(EQUALS_RULE.match(s) or DASH_RULE.match(s))


@dataclass
class Person:
    """One sighting of a person: a participants-list entry or a speaker header."""

    name: str
    company: str | None
    title: str | None
    role: str


def split_affiliation(s: str) -> tuple[str | None, str | None]:
    """``"8x8, Inc. - CFO"`` -> ``("8x8, Inc.", "CFO")``: company and title around the dash."""
    m = _DASH.search(s)
    if not m:
        return (s.strip() or None), None
    return (s[:m.start()].strip() or None), (s[m.end():].strip() or None)


def split_header(label: str) -> tuple[str, str | None, str | None]:
    """``"Name, Company - Title"`` -> name, company, title (company/title ``None`` if absent)."""
    comma = _COMMA.search(label)
    dash = _DASH.search(label)
    if comma and (not dash or comma.start() < dash.start()):
        company, title = split_affiliation(label[comma.end():])
        return label[:comma.start()].strip(), company, title
    if dash:
        return label[:dash.start()].strip(), None, label[dash.end():].strip() or None
    return label.strip(), None, None


def looks_like_header(label: str, ruled: bool) -> bool:
    """Whether ``label [N]`` is a speaker header rather than prose ending in a bracket.

    Between rules anything short is a header; without rules it must read "Operator" or
    "Name, Company - Title".
    """
    if len(label) > 200:
        return False
    if ruled or _OPERATOR_LABEL.match(label):
        return True
    return bool(_COMMA.search(label) and _DASH.search(label))


def looks_like_affiliation(s: str) -> bool:
    """A participants-list ``Company - Title`` line (short, with a spaced dash, not prose)."""
    return len(s) <= 200 and len(s.split()) <= 30 and bool(_DASH.search(s))


def person_role(company: str | None, title: str | None, is_analyst: bool = False) -> str:
    """The role a header or list entry states, using the firm when the title is silent."""
    role = role_from_title(title)
    if role == "unknown" and company and _RESEARCH.search(company):
        role = "analyst"
    if role == "unknown" and is_analyst:
        role = "analyst"
    return role


def listed_role(company: str | None, title: str | None, block: str | None) -> str:
    """The role of a participants-list entry: the list it is in decides. Everyone under
    "Conference Call Participants" asks questions (an analyst, whatever the title: "Director",
    "MD"); everyone under "Corporate Participants" works for the company, so a title that
    reads like research ("Head of Research") still makes an executive. Without a heading
    (a copy that lost it) the title and firm decide."""
    if block == "call":
        return "analyst"
    role = person_role(company, title)
    if block == "corporate" and role in ("analyst", "unknown", "operator"):
        return "executive"
    return role


def firm(company: str | None) -> str | None:
    """An analyst's firm without the "Research Division" suffix StreetEvents appends."""
    return _RESEARCH.sub("", company).strip() if company else None


def company_key(company: str | None) -> str:
    """A comparison key for a company ("8×8، Inc." and "8 × 8 , Inc." are the same)."""
    return "".join(c for c in (company or "").lower() if c.isalnum())


def host_company(people: list[Person]) -> str | None:
    """The company the executives work for: the most common company of non-analysts."""
    counts = Counter(p.company for p in people if p.company and p.role != "analyst")
    return counts.most_common(1)[0][0] if counts else None


def _script(name: str) -> str:
    return "latin" if detect_lang(name) == "en" else "other"


def cross_script_aliases(people: list[Person]) -> dict[str, str]:
    """Names to fold into another name: a non-Latin spelling of the one Latin-named holder of
    a unique role (CEO, CFO, IR) at the same company. Never transliterates."""
    groups: dict[tuple[str, str], dict[str, set[str]]] = {}
    for p in people:
        if p.role in _UNIQUE_ROLES:
            key = (company_key(p.company), p.role)
            g = groups.setdefault(key, {"latin": set(), "other": set()})
            g[_script(p.name)].add(p.name)
    folded: dict[str, str] = {}
    for g in groups.values():
        if len(g["latin"]) == 1 and len(g["other"]) == 1:
            folded[next(iter(g["other"]))] = next(iter(g["latin"]))
    return folded


def build_participants(people: list[Person], folded: dict[str, str]) -> list[Participant]:
    """One participant per person, in order of first sighting, under the canonical name.

    ``affiliation`` is the firm for analysts and the title for others (model.Participant);
    the title most often written wins, so an English title beats a one-off translation.
    """
    order: list[str] = []
    seen: dict[str, list[Person]] = {}
    for p in people:
        canon = folded.get(p.name, p.name)
        if canon not in seen:
            order.append(canon)
            seen[canon] = []
        seen[canon].append(p)
    out: list[Participant] = []
    for canon in order:
        sightings = seen[canon]
        roles = Counter(p.role for p in sightings if p.role != "unknown")
        role = roles.most_common(1)[0][0] if roles else "unknown"
        if role == "analyst":
            values = [firm(p.company) for p in sightings]
        else:
            values = [p.title for p in sightings]
        counts = Counter(v for v in values if v)
        affiliation = counts.most_common(1)[0][0] if counts else None
        aliases = sorted({p.name for p in sightings if p.name != canon},
                         key=[p.name for p in sightings].index)
        out.append(Participant(canon, role, affiliation, aliases))
    return out
