"""Thomson StreetEvents transcripts, in the original English and machine-translated copies.

Layout (see streetevents_layout for the line patterns)::

    Edited Transcript of TICK earnings conference call or presentation 12-May-20 9:00pm GMT
    Q4 2020 Company Inc Earnings Call
    CITY May 13, 2020 (Thomson StreetEvents) -- Edited Transcript of ...
    ====  Corporate Participants  ====    * Name / Company - Title
    ====  Conference Call Participants  ====
    ====  Presentation
    ----  Operator [1]  ----    body paragraphs, one per line
    ----  Name, Company - Title [2]  ----
    ====  Questions and Answers   (header numbering restarts at [1])
    ----  Definitions / Disclaimer  ----   closing block: boilerplate

Decisions for copies that lost part of this skeleton (seed 002):
- web text before the title line and a "Source: site" credit line are boilerplate;
- text between the participants list and the first header is a turn with no label; when it
  opens the call (the first header is numbered [2], or it reads like an operator) its role is
  "operator" — StreetEvents always numbers the operator's welcome [1];
- participants-list lines without a name are skipped (names are never invented);
- a non-Latin name and a Latin name holding the same unique role (CEO, CFO, IR) at the same
  company are one participant, the Latin name canonical; labels stay as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from reviewer.core.ingest import streetevents_layout as lay
from reviewer.core.ingest import streetevents_title as titles
from reviewer.core.ingest.build import Builder
from reviewer.core.ingest.roles import role_from_title
from reviewer.core.ingest.roster import normalize_name
from reviewer.core.ingest.text import Line, iter_lines, trim
from reviewer.core.model import ParsedTranscript

FORMAT = "streetevents"

_BRAND = re.compile(r"\bThomson StreetEvents\b|\bStreetEvents\b|\bRefinitiv StreetEvents\b", re.I)
_EDITED = re.compile(r"\b(?:Edited|Preliminary|Final) Transcript of\b", re.I)
# "... لأرباح EGHT 12-May-20 ..." or "Edited Transcript of EGHT earnings ...".
_NAME_MIN_SCORE = 90.0  # a header name this close to a listed name is that person
_COMPANY_SPEAKER = re.compile(
    r"^\s*unidentified (?:company representative|corporate participant|company speaker|"
    r"executive)\s*$", re.I)
_OPERATOR_CUE = re.compile(r"\boperator\b|مشغل|\bwelcome\b|أرحب|مرحبا", re.I)


def detect(text: str) -> float:
    """How sure we are that ``text`` is a StreetEvents transcript (0..1)."""
    head = text[:6000]
    score = 0.0
    if _BRAND.search(head):
        # Not enough alone: a page that merely names StreetEvents (a README) is no transcript.
        score += 0.45
    if _EDITED.search(head):
        score += 0.2
    headers = 0
    for line in iter_lines(text):
        m = lay.HEADER.match(line.text)
        if m and lay.looks_like_header(m.group("label").strip(), ruled=False):
            headers += 1
            if headers >= 3:
                break
    score += 0.45 if headers >= 3 else 0.2 * headers
    rules = sum(1 for ln in text.splitlines() if lay.EQUALS_RULE.match(ln))
    if rules and any(lay.heading_kind(ln) in ("corporate", "call", "qa")
                     for ln in text.splitlines()):
        score += 0.3
    return min(score, 1.0)


@dataclass
class _Turn:
    label: str | None
    number: int | None
    section: str | None
    role: str | None
    opening: bool = False  # text before the first header: the call's unannounced opening
    lines: list[Line] = field(default_factory=list)


@dataclass
class _Walk:
    """What one pass over the call's lines finds."""

    turns: list[_Turn] = field(default_factory=list)
    people: list[lay.Person] = field(default_factory=list)
    nameless: int = 0
    qa_seen: bool = False
    qa_inferred: bool = False  # Q&A found by the header numbering restarting, not a heading
    jumps: list[str] = field(default_factory=list)
    # Participants-list entries under a heading: normalized name -> (name, role). The list a
    # person is in decides the role, whatever a speaker header's title says.
    listed: dict[str, tuple[str, str]] = field(default_factory=dict)
    hosts: set[str] = field(default_factory=set)  # company keys of the corporate list
    spelled: dict[str, str] = field(default_factory=dict)  # header spelling -> listed name


def parse(text: str) -> ParsedTranscript:
    """Parse a StreetEvents transcript (English or machine-translated) with exact offsets."""
    b = Builder(text, FORMAT)
    lines = iter_lines(text)
    limit = titles.call_start(lines)
    title_start, title_end = titles.title_block(lines, limit)
    if title_start is not None and title_start > 0:
        b.boiler(0, lines[title_start].start)  # web page text above the transcript's title
    tail = next((i for i in range(title_end, len(lines))
                 if lay.TAIL_HEADING.match(lines[i].text)), len(lines))
    if tail < len(lines):
        # The closing block starts at the rule above its "Definitions"/"Disclaimer" heading.
        top = tail - 1
        while top >= title_end and (lines[top].blank or lay.DASH_RULE.match(lines[top].text)):
            top -= 1
        b.boiler(lines[top + 1].start, len(text))
    walk = _walk(lines, title_end, tail, b)

    folded = lay.cross_script_aliases(walk.people)
    for p in lay.build_participants(walk.people, {**walk.spelled, **folded}):
        b.participant(p.name, p.role, p.affiliation, p.aliases)
    _add_turns(b, walk)
    _warn(b, walk, folded)
    title_lines = lines[title_start:title_end] if title_start is not None else []
    title_text = "\n".join(ln.text for ln in title_lines)
    head = text[lines[title_end].start:][:4000] if title_end < len(lines) else ""
    titles.fill_metadata(b, title_text, head, walk.people)
    return b.build()


def _under_equals_rule(lines: list[Line], i: int) -> bool:
    """Whether the nearest non-blank line above line ``i`` is a ``====`` rule."""
    j = i - 1
    while j >= 0 and lines[j].blank:
        j -= 1
    return j >= 0 and bool(lay.EQUALS_RULE.match(lines[j].text))


def _ruled(lines: list[Line], i: int) -> bool:
    """Whether the nearest non-blank line above or below line ``i`` is a rule."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and lines[j].blank:
            j += step
        if 0 <= j < len(lines) and lay.is_rule(lines[j].text):
            return True
    return False


def _walk(lines: list[Line], start: int, stop: int, b: Builder) -> _Walk:
    w = _Walk()
    cur: _Turn | None = None
    section: str | None = None
    pre = True  # before the call itself: the participants list lives here
    block: str | None = None  # the participants list being read: corporate, call or none
    pending: str | None = None  # a "* Name" line waiting for its "Company - Title" line
    expected = 1
    for i in range(start, stop):
        ln = lines[i]
        s = ln.stripped
        if not s or lay.is_rule(s):
            continue
        if lay.SOURCE_LINE.match(s):
            b.boiler(ln.start, ln.end)
            cur = None
            continue
        # Spelling slack only where a heading can be: above the call, or under a "====" rule
        # (a speaker's first line sits under a dash rule and stays text).
        kind = lay.heading_kind(s, fuzzy=pre or _under_equals_rule(lines, i))
        if kind in ("qa", "presentation"):
            section = "qa" if kind == "qa" else "prepared"
            w.qa_seen = w.qa_seen or section == "qa"
            pre, cur, expected = False, None, 1
            continue
        if pre and kind in ("corporate", "call"):
            block = kind
            continue
        m = lay.HEADER.match(ln.text)
        if m and lay.looks_like_header(m.group("label").strip(), _ruled(lines, i)):
            header, number = m.group("label").strip(), int(m.group("n"))
            label = lay.split_header(header)[0] or header  # the label is the name as written
            if cur is not None and cur.opening and number == 2:
                expected = 2  # the headerless opening was the operator's turn [1]
            if number == 1 and expected > 2 and section != "qa":
                # Numbering restarts only where Q&A opens: the heading was lost in this copy.
                section, w.qa_seen, w.qa_inferred = "qa", True, True
            elif number != expected:
                w.jumps.append(f"[{expected}] expected, [{number}] found before '{label}'")
            expected = number + 1
            cur = _Turn(label, number, section, _header_role(header, w))
            w.turns.append(cur)
            pre = False
            continue
        if pre and (lay.TITLE_LINE.search(s) and len(s) < 200):
            continue
        if pre and lay.BULLET.match(s):
            if pending:
                _list_entry(w, pending, None, None, block)
            pending = lay.BULLET.match(s).group("name")
            continue
        if pre and (lay.looks_like_affiliation(s) or (pending and _firm_only(s))):
            company, title = lay.split_affiliation(s)
            if pending:
                _list_entry(w, pending, company, title, block)
                pending = None
            else:
                w.nameless += 1
            continue
        if cur is None:
            cur = _Turn(None, None, section, None, opening=not w.turns)
            w.turns.append(cur)
        pre = False
        cur.lines.append(ln)
    if pending:
        _list_entry(w, pending, None, None, block)
    return w


def _firm_only(s: str) -> bool:
    """A list line under a name that gives only the firm ("Morgan Stanley"), no title."""
    return len(s) <= 80 and not s.endswith((".", "?", "!", ":")) and len(s.split()) <= 8


def _list_entry(w: _Walk, name: str, company: str | None, title: str | None,
                block: str | None) -> None:
    """Record one participants-list entry; its role comes from the list it is in."""
    role = lay.listed_role(company, title, block)
    w.people.append(lay.Person(name, company, title, role))
    if block is not None:
        w.listed[normalize_name(name)] = (name, role)
        if block == "corporate" and company:
            w.hosts.add(lay.company_key(company))


def _listed(w: _Walk, name: str) -> tuple[str, str] | None:
    """The listed ``(name, role)`` a header's name stands for, allowing spelling slips."""
    key = normalize_name(name)
    if key in w.listed:
        return w.listed[key]
    best = process.extractOne(key, list(w.listed), scorer=fuzz.ratio,
                              score_cutoff=_NAME_MIN_SCORE) if key and w.listed else None
    return w.listed[best[0]] if best else None


def _header_role(label: str, w: _Walk) -> str | None:
    """The role a header states; also records the person for the roster. A listed person
    keeps the role of their list; an unlisted one speaking for the host company is never
    an analyst."""
    name, company, title = lay.split_header(label)
    if company is None and title is None:
        # A bare label: "Operator", "Unidentified Analyst", "Unidentified Participant", and
        # "Unidentified Company Representative" (someone of the host company).
        if _COMPANY_SPEAKER.match(name):
            return "executive"
        role = role_from_title(name)
        return role if role in ("operator", "analyst") else None
    listed = _listed(w, name)
    if listed is not None:
        canonical, role = listed
        if canonical != name:
            w.spelled[name] = canonical
    else:
        role = lay.person_role(company, title)
        if role in ("analyst", "unknown") and lay.company_key(company) in w.hosts:
            role = "executive"
    w.people.append(lay.Person(name, company, title, role))
    return role if role != "unknown" else None


def _add_turns(b: Builder, w: _Walk) -> None:
    first_number = next((t.number for t in w.turns if t.number is not None), None)
    for t in w.turns:
        if not t.lines:
            continue
        if t.opening:
            body = " ".join(ln.text for ln in t.lines)
            t.role = "operator" if first_number == 2 or _OPERATOR_CUE.search(body) else None
        section = t.section if w.qa_seen else None
        if w.qa_seen and section is None:
            section = "prepared"
        spans = [trim(b.text, ln.start, ln.end) for ln in t.lines]
        b.turn(t.label, t.lines[0].start, t.lines[-1].end, section=section, role=t.role,
               paragraphs=[sp for sp in spans if sp[0] < sp[1]])


def _warn(b: Builder, w: _Walk, folded: dict[str, str]) -> None:
    headerless = [t for t in w.turns if t.label is None and t.lines]
    if headerless and headerless[0].opening:
        b.warnings.append("the call's opening has no speaker header; " + (
            "taken as the operator's turn [1]" if headerless[0].role == "operator"
            else "imported as an unlabelled turn"))
        headerless = headerless[1:]
    if headerless:
        b.warnings.append(f"{len(headerless)} stretch(es) of text without a speaker header "
                          "imported as unlabelled turns")
    if w.nameless:
        b.warnings.append(f"the participants list has {w.nameless} entries without a name; "
                          "they were skipped")
    if folded:
        pairs = "; ".join(f"{a} = {c}" for a, c in folded.items())
        b.warnings.append("names written in two scripts taken as one participant "
                          f"(same company and role): {pairs}")
    for header, listed in w.spelled.items():
        b.warnings.append(f"speaker header {header!r} taken as listed participant {listed!r} "
                          "(a spelling variant)")
    if w.qa_inferred:
        b.warnings.append("no Questions and Answers heading; Q&A taken to start where the "
                          "speaker numbering restarts at [1]")
    for jump in w.jumps[:5]:
        b.warnings.append(f"speaker numbering: {jump} (a header may be missing)")
    if not any(t.label for t in w.turns):
        b.warnings.append("no StreetEvents speaker headers found")
