"""Seeking Alpha transcript pages, and the close Motley Fool layout.

Seeking Alpha: a title "Company (TICK) Q3 2023 Earnings Call Transcript", a date line, an
"Executives" list ("Name - Company - Title" or "Name - Title") and an "Analysts" list
("Name - Firm"), then speaker headers on their own line ("Operator", "Name", "Name - Firm"),
a "Question-and-Answer Session" line where Q&A starts, and page chrome (copyright policy,
comments, ads) around it all.

Motley Fool: "Prepared Remarks:" and "Questions & Answers:" section lines, headers
"Name -- Title", and a "Call participants:" list at the end of the page.
"""

from __future__ import annotations

import re

from reviewer.core.ingest.build import Builder
from reviewer.core.ingest.metadata import call_date, fiscal_period
from reviewer.core.ingest.roles import role_from_title
from reviewer.core.ingest.text import Line, iter_lines, trim
from reviewer.core.model import ParsedTranscript

FORMAT = "seekingalpha"

# "Name - Title", "Name -- Title" (Motley Fool), "Name – Title".
_SEP = re.compile(r"\s+(?:--|[-–—])\s+")
_NAME = re.compile(
    r"^(?:(?:Dr|Mr|Mrs|Ms)\.\s+)?[A-ZÀ-Þ][\w'’.\-]*"
    r"(?:\s+(?:[A-ZÀ-Þ][\w'’.\-]*|van|von|de|der|da|del|la|le|bin)){0,4}$"
)
_TITLE = re.compile(
    r"^(?P<company>.+?)\s*\((?:[A-Za-z]+\s*:\s*)?(?P<ticker>[A-Z][A-Z.]{0,6})\)\s+"
    r"(?P<event>.*?\b(?:Earnings|Results|Conference|Call)\b.*?)\s+Transcript\s*$"
)
_EXECS = re.compile(r"^(?:executives|company participants|corporate participants)\s*:?$", re.I)
_ANALYSTS = re.compile(r"^(?:analysts|conference call participants)\s*:?$", re.I)
_MIXED = re.compile(r"^call participants\s*:?$", re.I)
_QA = re.compile(r"^(?:question-and-answer session|questions?\s*(?:&|and)\s*answers?)\s*:?$",
                 re.I)
_PREPARED = re.compile(r"^(?:prepared remarks|presentation)\s*:?$", re.I)
_OPERATOR = re.compile(r"^operator$", re.I)
_UNIDENTIFIED = re.compile(
    r"^unidentified (?:(?P<a>analyst)|(?P<e>company representative|corporate participant|"
    r"executive)|participant|speaker)$", re.I)
# Where the page stops being the call: copyright notice, comments, related links.
_TRAILER = re.compile(
    r"^(?:copyright policy\b|comments\s*\(\d+\)|comments$|recommended for you$|duration:|"
    r"more [A-Z.]+ analysis$|all earnings call transcripts$|this article is a transcript|"
    r"the motley fool has|disclosure:|related stocks$|about this article|sort by\b)", re.I)
_TIME = re.compile(r"\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?|ET|EST|EDT)?|\b(?:ET|EST|EDT)\b", re.I)
_AD = re.compile(r"^(?:advertisement|sponsored(?: content)?|ad)$", re.I)


def detect(text: str) -> float:
    """How sure we are that ``text`` is a Seeking Alpha (or Motley Fool) transcript page."""
    lines = [ln.strip() for ln in text[:300_000].splitlines()]
    has = {ln for ln in lines if len(ln) < 60}
    sa = 0.0
    sa += 0.25 if {"Executives", "Company Participants"} & has else 0.0
    sa += 0.15 if "Analysts" in has else 0.1 if "Conference Call Participants" in has else 0.0
    sa += 0.3 if "Question-and-Answer Session" in has else 0.0
    sa += 0.15 if re.search(r"copyright policy|SA Transcripts|Seeking Alpha", text, re.I) else 0.0
    mf = 0.0
    mf += 0.3 if "Prepared Remarks:" in has else 0.0
    # Only the ampersand form: "Questions and Answers:" is AlphaStreet's section line.
    mf += 0.3 if "Questions & Answers:" in has else 0.0
    mf += 0.2 if "Call participants:" in has else 0.0
    mf += 0.1 if any(" -- " in ln and len(ln) < 120 and _NAME.match(ln.split(" -- ")[0])
                     for ln in lines) else 0.0
    mf += 0.1 if re.search(r"motley fool", text, re.I) else 0.0
    score = max(sa, mf)
    if score == 0.0:
        return 0.0
    score += 0.1 if any(_TITLE.match(ln) for ln in lines[:40]) else 0.0
    score += 0.05 if "Operator" in has else 0.0
    # StreetEvents rules ("=====") and "[1]" header numbers belong to another family.
    if re.search(r"^={10,}\s*$", text, re.M) or re.search(r"^[^\n]{3,120}\[\d+\]\s*$", text, re.M):
        score -= 0.4
    return max(0.0, min(1.0, score))


def _parts(s: str) -> list[str]:
    return [p.strip() for p in _SEP.split(s.strip()) if p.strip()]


def _entry(b: Builder, s: str, kind: str) -> bool:
    """Add one participant-list entry; False when ``s`` is not an entry (the list ended)."""
    parts = _parts(s)
    if len(parts) < 2 or not _NAME.match(parts[0]) or len(s) > 200:
        return False
    name, rest = parts[0], parts[1:]
    roles = [role_from_title(p) for p in rest]
    # The list decides: an executive's title that reads like research is still no analyst.
    if kind == "analysts" or ("analyst" in roles and kind != "executives"):
        firms = [p for p, r in zip(rest, roles, strict=True) if r != "analyst"]
        b.participant(name, "analyst", firms[0] if firms else None)
    else:
        title = rest[-1]
        role = next((r for r in roles if r not in ("unknown", "analyst")), "unknown")
        if role == "unknown" and kind == "executives":
            role = "executive"  # listed among executives, whatever the title says
        b.participant(name, role, title)
    return True


def _header(b: Builder, lines: list[Line], i: int, after_first: bool) -> tuple[str, str | None]:
    """``(label, role)`` when line ``i`` is a speaker header; ``("", None)`` otherwise."""
    s = lines[i].stripped
    if not s or len(s) > 150 or s.endswith((".", "?", "!", ",", ":", ";")):
        return "", None
    if _OPERATOR.match(s):
        return s, None  # no participant: the builder gives the "Operator" label its role
    u = _UNIDENTIFIED.match(s)
    if u:
        return s, "analyst" if u.group("a") else "executive" if u.group("e") else None
    parts = _parts(s)
    name = parts[0]
    if not _NAME.match(name):
        return "", None
    if b.roster.find_exact(name):
        return name, None
    if len(parts) > 1 and any(role_from_title(p) != "unknown" for p in parts[1:]):
        _entry(b, s, "mixed")  # a header that states its title: Motley Fool's "Name -- CFO"
        return name, None
    # An unlisted speaker: a bare name standing alone between blank lines, once the call has
    # started (the page's chrome above it has short capitalised lines too).
    prev_blank = i == 0 or lines[i - 1].blank
    next_blank = i + 1 >= len(lines) or lines[i + 1].blank
    if after_first and len(parts) == 1 and len(s) <= 40 and " " in s and prev_blank \
            and next_blank and not re.search(r"\d", s):
        b.participant(name, "unknown")
        b.warnings.append(f"speaker {name!r} is not in the participant lists")
        return name, None
    return "", None


def parse(text: str) -> ParsedTranscript:
    """Parse a Seeking Alpha or Motley Fool transcript page."""
    b = Builder(text, FORMAT)
    lines = iter_lines(text)
    structural: set[int] = set()
    preamble_end = _read_lists(b, lines, structural)
    title = _read_title(lines[:preamble_end + 40], structural)

    # Walk the call: headers, section lines, the trailer where the call ends.
    heads: list[tuple[int, str, str | None, str | None]] = []  # line, label, role, section
    section: str | None = None
    trailer = len(lines)
    started = False  # a speaker header has been seen
    for i, ln in enumerate(lines):
        s = ln.stripped
        if started and any(p.match(s) for p in (_TRAILER, _MIXED, _EXECS, _ANALYSTS)):
            trailer = i  # the call ended: a list or the page's trailer follows
            break
        if i in structural or not s:
            continue
        if _QA.match(s) or _PREPARED.match(s):
            if _is_contents(lines, i):
                continue  # a table of contents line, not the section itself
            section = "qa" if _QA.match(s) else "prepared"
            structural.add(i)
            heads.append((i, "", None, None))  # a section line ends the turn before it
            continue
        label, role = _header(b, lines, i, started)
        if label:
            started = True
            structural.add(i)
            heads.append((i, label, role, section))
    for n, (i, label, role, sec) in enumerate(heads):
        if not label:
            continue
        stop = heads[n + 1][0] if n + 1 < len(heads) else trailer
        paras = []
        for ln in lines[i + 1:stop]:
            if _AD.match(ln.stripped):
                continue  # an ad inside a turn: boilerplate, not a paragraph
            s, e = trim(text, ln.start, ln.end)
            if s < e:
                paras.append((s, e))
        if paras:
            b.turn(label, paras[0][0], paras[-1][1], section=sec, role=role, paragraphs=paras)
    _boilerplate(b, lines, structural)
    _metadata(b, lines, title)
    return b.build()


def _read_lists(b: Builder, lines: list[Line], structural: set[int]) -> int:
    """Read every participant list into the roster; the index after the last one read
    before the call (0 when the lists come at the end of the page, as on Motley Fool)."""
    end_before_call = 0
    kind: str | None = None
    heading_line = 0
    for i, ln in enumerate(lines):
        s = ln.stripped
        heading = ("executives" if _EXECS.match(s) else "analysts" if _ANALYSTS.match(s)
                   else "mixed" if _MIXED.match(s) else None)
        if heading:
            kind, heading_line = heading, i
        elif kind and s:
            if _entry(b, s, kind):
                structural.update((heading_line, i))
                if kind != "mixed":
                    end_before_call = i + 1
            else:
                kind = None
    return end_before_call


def _is_contents(lines: list[Line], i: int) -> bool:
    """True when the section line at ``i`` is followed by another section or list line: the
    page's table of contents ("Prepared Remarks / Questions and Answers / Call Participants")."""
    nxt = next((ln.stripped for ln in lines[i + 1:] if not ln.blank), "")
    return any(p.match(nxt) for p in (_QA, _PREPARED, _MIXED, _EXECS, _ANALYSTS))


def _read_title(head: list[Line], structural: set[int]) -> re.Match[str] | None:
    """The page title ("Company (TICK) Q3 2023 Earnings Call Transcript") among the first lines."""
    for i, ln in enumerate(head):
        m = _TITLE.match(ln.stripped)
        if m:
            structural.add(i)
            return m
    return None


def _boilerplate(b: Builder, lines: list[Line], structural: set[int]) -> None:
    """Everything outside the turns that is not the call's title, date, lists or headers."""
    inside = [(t.start, t.end) for t in b.turns]
    first = inside[0][0] if inside else len(b.text)
    run: tuple[int, int] | None = None
    for i, ln in enumerate(lines):
        if ln.blank:
            continue
        in_turn = any(s <= ln.start < e for s, e in inside) and not _AD.match(ln.stripped)
        dated = ln.start < first and _is_date_line(ln.stripped)
        if i in structural or in_turn or dated:
            if run:
                b.boiler(*run)
            run = None
            continue
        run = (run[0], ln.end) if run else (ln.start, ln.end)
    if run:
        b.boiler(*run)


def _is_date_line(s: str) -> bool:
    """A short preamble line that dates the call ("…Conference Call November 8, 2023…")."""
    return len(s) < 220 and call_date(s) is not None and bool(
        re.search(r"\b(?:ET|EST|EDT|PT|GMT|call|conference)\b", s, re.I))


def _metadata(b: Builder, lines: list[Line], title: re.Match[str] | None) -> None:
    md = b.metadata
    first = b.turns[0].start if b.turns else len(b.text)
    preamble = b.text[:first]
    if title:
        # The title has the short name; the call line under it often the legal one
        # ("Halvorsen Logistics Software, Inc. (NASDAQ:HLSW) Q3 2023 Earnings Conference Call").
        company = title.group("company")
        legal = re.finditer(rf"^({re.escape(company)}\b[^()\n]*?)\s*\((?:[A-Za-z]+\s*:\s*)?"
                            rf"{re.escape(title.group('ticker'))}\)[^\n]*\bcall\b",
                            preamble, re.M | re.I)
        company = max((m.group(1).strip() for m in legal), key=len, default=company)
        company = re.sub(r",?\s+(Inc|Corp|Ltd|LLC|plc|Co)\.?$", r" \1", company)
        md.company = company.strip(" ,.")
        md.ticker = title.group("ticker")
        md.event = title.group("event").strip()
        md.fiscal_period = fiscal_period(title.group("event"))
    # The call's own date line ("…Conference Call November 8, 2023 4:30 PM ET") beats the
    # article's publication date and the fiscal period's end date ("period ending …").
    best: tuple[int, str] | None = None
    for ln in lines:
        if ln.start >= first:
            break
        d = call_date(ln.text)
        if d:
            rank = (2 if _TIME.search(ln.text) else 0) + (
                1 if re.search(r"\bcall\b", ln.text, re.I) else 0)
            if best is None or rank > best[0]:
                best = (rank, d)
    if best:
        md.date = best[1]
    b.fill_metadata(preamble[:5000])
