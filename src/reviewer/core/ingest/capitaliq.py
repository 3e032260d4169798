"""S&P Capital IQ transcript exports (the text of the PDF/RTF "Earnings Call Transcripts").

Layout::

    Company Name EXCHANGE:TICK                 title block: company, ticker,
    FQ3 2024 Earnings Call Transcripts         event and fiscal period,
    Thursday, October 17, 2024 1:00 PM GMT     call date
    (estimates table, table of contents)       boilerplate
    Call Participants
    EXECUTIVES / ANALYSTS (/ ATTENDEES)        "Name" line, then a "Title" or
                                               "Firm, Research Division" line
    Presentation
    Operator                                   a header is the name on its own line,
    Name                                       followed by the title line printed in
    Title                                      the participants list
    text, one paragraph per line
    Question and Answer
    Copyright © ... S&P Global ...             the closing notice: boilerplate

Page furniture (a copyright footer, "spglobal.com/marketintelligence N", the running header
"COMPANY FQ3 2024 EARNINGS CALL | OCT 17, 2024") can fall inside a turn: it is boilerplate,
never a paragraph. The list a participant is in decides the role: analysts and attendees ask,
executives answer (a title that reads like research still makes an executive).
"""

from __future__ import annotations

import re

from reviewer.core.ingest.build import Builder
from reviewer.core.ingest.metadata import call_date
from reviewer.core.ingest.roles import role_from_title
from reviewer.core.ingest.text import Line, iter_lines, trim
from reviewer.core.model import ParsedTranscript

FORMAT = "capitaliq"

_BRAND = re.compile(r"S&P Global Market Intelligence|S&P Capital IQ|\bCapital IQ\b", re.I)
_PARTICIPANTS = re.compile(r"^call participants$", re.I)
_GROUPS = {"EXECUTIVES": "executives", "ANALYSTS": "analysts", "ATTENDEES": "analysts",
           "SHAREHOLDERS": "analysts"}
_PRESENTATION = re.compile(r"^presentation$", re.I)
_QA = re.compile(r"^questions? and answers?$", re.I)
_OPERATOR = re.compile(r"^operator$", re.I)
_UNKNOWN = re.compile(r"^(?:unknown|unidentified) (?P<who>analyst|executive|attendee|speaker)$",
                      re.I)
_COPYRIGHT = re.compile(r"^copyright\s*(?:©|\(c\))", re.I)
_FURNITURE = re.compile(
    r"^(?:spglobal\.com/marketintelligence\s*\d*|\d{1,3}|"
    r".{2,80}\b(?:FQ|FY|Q)[1-4]? ?\d{4} EARNINGS CALL \| [A-Z]{3} \d{1,2}, \d{4})$")
_COMPANY_LINE = re.compile(
    r"^(?P<company>.+?)\s+(?:NYSE|NasdaqGS|NasdaqGM|NasdaqCM|Nasdaq|NYSEAM|AMEX|TSX|LSE|OTC\w*)"
    r":(?P<ticker>[A-Z][A-Z.]{0,6})$")
_EVENT_LINE = re.compile(r"^(?P<event>.*?\bcall)\s+transcripts?$", re.I)
_FQ = re.compile(r"\b(?:FQ|Q)([1-4])\s+(?:FY\s*)?(\d{4})\b")
_FIRM_SUFFIX = re.compile(r",\s*research division$", re.I)


def detect(text: str) -> float:
    """How sure we are that ``text`` is a Capital IQ transcript export (0..1)."""
    lines = {ln.strip() for ln in text[:200_000].splitlines() if len(ln.strip()) < 60}
    score = 0.0
    if _BRAND.search(text[:8000]) or _BRAND.search(text[-3000:]):
        score += 0.3
    if "Call Participants" in lines and ("EXECUTIVES" in lines or "ANALYSTS" in lines):
        score += 0.35
    if "Question and Answer" in lines:
        score += 0.15
    if re.search(r"^\s*\S.*Earnings Call Transcripts?\s*$", text[:3000], re.M):
        score += 0.15
    if re.search(r"^={10,}\s*$", text, re.M) or re.search(r"\[\d+\]\s*$", text[:20000], re.M):
        score -= 0.4  # StreetEvents rules and numbered headers belong to another family
    return max(0.0, min(score, 1.0))


def parse(text: str) -> ParsedTranscript:
    """Parse a Capital IQ transcript export; never raises on odd input."""
    b = Builder(text, FORMAT)
    lines = iter_lines(text)
    title_end = _title(b, lines)
    listing = next((i for i, ln in enumerate(lines) if _PARTICIPANTS.match(ln.stripped)
                    and _next_text(lines, i) in _GROUPS), None)
    body_from = _roster(b, lines, listing) if listing is not None else title_end
    if listing is not None and title_end < listing:
        b.boiler(lines[title_end].start, lines[listing].start)  # estimates, contents
    else:
        b.warnings.append("no Call Participants list; speakers found only as Operator")
    trailer = _trailer(lines, body_from)
    if trailer < len(lines):
        b.boiler(lines[trailer].start, len(text))
    _body(b, lines, body_from, trailer)
    return b.build()


def _next_text(lines: list[Line], i: int) -> str:
    return next((ln.stripped for ln in lines[i + 1:] if not ln.blank), "")


def _title(b: Builder, lines: list[Line]) -> int:
    """Read the title block (the lines up to the first blank one); returns where it ends."""
    md = b.metadata
    i = 0
    while i < len(lines) and lines[i].blank:
        i += 1
    while i < len(lines) and not lines[i].blank and i < 8:
        s = lines[i].stripped
        if (m := _COMPANY_LINE.match(s)) and md.company is None:
            md.company, md.ticker = m.group("company").strip(), m.group("ticker")
        elif (m := _EVENT_LINE.match(s)) and md.event is None:
            md.event = m.group("event").strip()
            q = _FQ.search(s)
            md.fiscal_period = f"FY{q.group(2)}Q{q.group(1)}" if q else None
        elif md.date is None:
            md.date = call_date(s)
        i += 1
    return i


def _roster(b: Builder, lines: list[Line], listing: int) -> int:
    """Read the participants list after line ``listing``; returns where the call starts."""
    group: str | None = None
    i = listing + 1
    while i < len(lines):
        s = lines[i].stripped
        if _PRESENTATION.match(s) or _QA.match(s):
            return i
        if s in _GROUPS:
            group = _GROUPS[s]
        elif s and group is not None:
            nxt = lines[i + 1].stripped if i + 1 < len(lines) else ""
            if nxt in _GROUPS or _PRESENTATION.match(nxt) or _QA.match(nxt):
                nxt = ""  # a name with no title line: the next line is a heading
            _entry(b, s, nxt or None, group)
            i += 1 if nxt else 0
        i += 1
    return i


def _entry(b: Builder, name: str, title: str | None, group: str) -> None:
    """One participant; the list decides the role (see the module docstring)."""
    if group == "analysts":
        firm = _FIRM_SUFFIX.sub("", title).strip() if title else None
        b.participant(name, "analyst", firm)
        return
    role = role_from_title(title)
    b.participant(name, "executive" if role in ("analyst", "unknown", "operator") else role,
                  title)


def _trailer(lines: list[Line], start: int) -> int:
    """The closing copyright notice: a copyright line not followed by page furniture."""
    for i in range(start, len(lines)):
        if _COPYRIGHT.match(lines[i].stripped) and not _FURNITURE.match(_next_text(lines, i)):
            return i
    return len(lines)


def _header(b: Builder, lines: list[Line], i: int) -> tuple[str, str | None, int] | None:
    """``(label, role, lines used)`` when line ``i`` opens a turn, else ``None``."""
    s = lines[i].stripped
    if _OPERATOR.match(s):
        return s, None, 1
    if (u := _UNKNOWN.match(s)) is not None:
        who = u.group("who").lower()
        return s, "analyst" if who in ("analyst", "attendee") else (
            "executive" if who == "executive" else None), 1
    who = b.roster.find_exact(s) if len(s) <= 60 else None
    if who is None:
        return None
    # The title line the list printed under the name repeats under the header.
    nxt = lines[i + 1].stripped if i + 1 < len(lines) else ""
    listed = {who.affiliation or ""} | ({f"{who.affiliation}, Research Division"}
                                        if who.role == "analyst" else set())
    return s, None, 2 if nxt and nxt in listed else 1


def _body(b: Builder, lines: list[Line], start: int, stop: int) -> None:
    """Turns from each header to the next; section lines switch the section."""
    section: str | None = None
    label: str | None = None
    role: str | None = None
    paras: list[tuple[int, int]] = []

    def close() -> None:
        if paras:
            b.turn(label, paras[0][0], paras[-1][1], section=section, role=role,
                   paragraphs=list(paras))

    i = start
    while i < stop:
        s = lines[i].stripped
        if not s:
            i += 1
            continue
        if _PRESENTATION.match(s) or _QA.match(s):
            close()
            section, label, role, paras = ("qa" if _QA.match(s) else "prepared"), None, None, []
            i += 1
            continue
        if _FURNITURE.match(s) or (_COPYRIGHT.match(s) and _FURNITURE.match(
                _next_text(lines, i))):
            b.boiler(lines[i].start, lines[i].end)  # a page break inside the call
            i += 1
            continue
        head = _header(b, lines, i)
        if head is not None:
            close()
            label, role, used = head
            paras = []
            i += used
            continue
        sp = trim(b.text, lines[i].start, lines[i].end)
        paras.append(sp)
        i += 1
    close()
    if any(t.label is None for t in b.turns):
        b.warnings.append("text without a speaker header imported as unlabelled turns")
