"""AlphaStreet web pages: a title block, a participant list, then "Name — Title" headers.

The page wraps the call in web furniture: a "Categories ..." line on top, and after the call a
disclaimer, a copyright line and a "Most Popular" list of unrelated news. None of that is
part of the call, so it is boilerplate, never turns.
"""

from __future__ import annotations

import re

from reviewer.core.ingest.build import Builder
from reviewer.core.ingest.roles import role_from_title
from reviewer.core.ingest.text import Line, iter_lines
from reviewer.core.model import ParsedTranscript

FORMAT = "alphastreet"

# The page separates a header's name, firm and title with an em dash (en dash or hyphen in
# hand-edited copies), always with spaces around it.
_DASH = re.compile(r"\s+(?:—|–|--?)\s+")
_NAME = re.compile(
    r"[A-ZÀ-Þ][\w'’.-]*(?:\s+(?:[A-ZÀ-Þ][\w'’.-]*|de|van|von|der|da|di|del|la|le|bin|al)){0,4}"
)
_HEADER_MAX = 150
_TITLE_MAX = 90

_CORPORATE = re.compile(r"(?:corporate\s+participants|executives|company\s+participants):?", re.I)
_ANALYSTS = re.compile(r"(?:analysts|conference\s+call\s+participants):?", re.I)
_SECTIONS = (
    (re.compile(r"(?:presentation|prepared\s+remarks):?", re.I), "prepared"),
    (re.compile(r"(?:questions?\s+(?:and|&)\s+answers?(?:\s+session)?|"
                r"question-and-answer\s+session|q\s*&\s*a):?", re.I), "qa"),
)
# Where the call ends and the page's furniture starts.
_TAIL = re.compile(
    r"(?:disclaimer|most\s+popular):?$|©|\(c\)\s+copyright\b|copyright\s+\d{4}|"
    r"this\s+transcript\s+is\s+produced\s+by",
    re.I,
)
_TITLE = re.compile(
    r"^(?P<company>.+?)\s*\((?:[A-Za-z]+\s*:\s*)?(?P<ticker>[A-Z]{1,5}(?:\.[A-Z])?)\)\s+"
    r"(?P<event>.+?)\s+Transcript\s*$"
)


def detect(text: str) -> float:
    """How sure we are that ``text`` is an AlphaStreet page (0..1)."""
    head = text[:20000]
    score = 0.0
    if re.search(r"\bAlphaStreet\b", text, re.I):
        score += 0.3
    if re.search(r"^\s*Corporate Participants:\s*$", head, re.M | re.I) and \
            re.search(r"^\s*Analysts:\s*$", head, re.M | re.I):
        score += 0.25
    roster_lines = re.findall(r"^[^\n—]{3,60} — [^\n—]{2,80}(?: — Analyst)?\s*$", head, re.M)
    if len(roster_lines) >= 3:
        score += 0.25
    if re.search(r"^\s*(?:Presentation|Questions and Answers):\s*$", text, re.M | re.I):
        score += 0.15
    if re.search(r"earnings call dated\b|Earnings Call Transcript\s*$", head, re.M | re.I):
        score += 0.1
    if re.search(r"^={10,}\s*$", head, re.M):
        score -= 0.4  # StreetEvents rules, not this page
    return max(0.0, min(score, 0.95))


def parse(text: str) -> ParsedTranscript:
    """Parse an AlphaStreet page; never raises on odd input."""
    b = Builder(text, FORMAT)
    lines = [ln for ln in iter_lines(text) if not ln.blank]
    i = _preamble(b, lines)
    i = _roster_block(b, lines, i)
    _body(b, lines, i)
    return b.build()


def _preamble(b: Builder, lines: list[Line]) -> int:
    """Boilerplate and metadata above the participant list; returns where the list starts."""
    i = 0
    while i < len(lines) and not _block_kind(lines[i].stripped) and _section(
            lines[i].stripped) is None and _header(b, lines[i].stripped) is None:
        i += 1
    head = lines[:i]
    for line in head:
        if line.stripped.lower().startswith("categories"):
            b.boiler(line.start, line.end)
        m = _TITLE.match(line.stripped)
        if m and b.metadata.company is None:
            b.metadata.company = m.group("company").strip()
            b.metadata.ticker = m.group("ticker")
            b.metadata.event = m.group("event").strip()
    if head:
        b.fill_metadata(b.text[head[0].start:head[-1].end])
    return i


def _block_kind(s: str) -> str | None:
    if _CORPORATE.fullmatch(s):
        return "corporate"
    if _ANALYSTS.fullmatch(s):
        return "analysts"
    return None


def _section(s: str) -> str | None:
    for pattern, section in _SECTIONS:
        if pattern.fullmatch(s):
            return section
    return None


def _roster_block(b: Builder, lines: list[Line], i: int) -> int:
    """Read "Name — Title" / "Name — Firm — Analyst" entries; returns where the call starts."""
    kind = None
    while i < len(lines):
        s = lines[i].stripped
        block = _block_kind(s)
        if block:
            kind = block
        elif kind is None or _section(s) is not None:
            break
        else:
            parts = _DASH.split(s)
            if len(parts) < 2 or len(s) > _HEADER_MAX or not _NAME.fullmatch(parts[0]):
                break  # not a roster entry: the call has started
            if kind == "analysts":
                b.participant(parts[0], "analyst", parts[1])
            else:
                b.participant(parts[0], _corporate_role(parts[-1]), parts[-1])
        i += 1
    return i


def _corporate_role(title: str) -> str:
    """A corporate participant's role: the list decides it is no analyst, whatever the title
    says ("Chief Product and Research Officer" reads like research)."""
    role = role_from_title(title)
    return "executive" if role in ("analyst", "unknown", "operator") else role


def _header(b: Builder, s: str) -> tuple[str, str | None] | None:
    """``(label, title)`` when the line is a speaker header, else ``None``.

    Body sentences also contain " — ", so a header must be short, start with a name-shaped
    part, and either name someone on the roster or end with a title or firm we can read.
    """
    bare = s.rstrip(":").strip()
    if bare.lower() == "operator":
        return bare, None
    if not bare or len(bare) > _HEADER_MAX:
        return None
    parts = _DASH.split(bare)
    if len(parts) > 3 or not _NAME.fullmatch(parts[0]):
        return None
    known = b.roster.find_exact(parts[0]) is not None
    if len(parts) == 1:
        return (bare, None) if known else None
    title = parts[-1]
    if any(len(p) > _TITLE_MAX or re.search(r"[?!]|\.\s+[a-z]", p) for p in parts[1:]):
        return None
    if known or role_from_title(title) != "unknown":
        return parts[0], " — ".join(parts[1:])
    return None


def _body(b: Builder, lines: list[Line], i: int) -> None:
    """Turns from each header to the next; section markers switch the section."""
    section: str | None = None
    label: str | None = None
    body_start: int | None = None
    body_end = 0

    def close() -> None:
        if body_start is not None:
            b.turn(label, body_start, body_end, section=section)

    while i < len(lines):
        line = lines[i]
        s = line.stripped
        i += 1
        if _TAIL.match(s):
            close()
            b.boiler(line.start, len(b.text))
            return
        marker = _section(s)
        if marker is not None:
            close()
            section, body_start = marker, None
            continue
        header = _header(b, s)
        if header is not None:
            close()
            label, body_start, body_end = header[0], line.end, line.end
            _add_unlisted(b, header)
            continue
        if body_start is None:  # text before any header: keep it, unlabelled
            label, body_start = None, line.start
        body_end = line.end
    close()


def _add_unlisted(b: Builder, header: tuple[str, str | None]) -> None:
    """A speaker whose header states a title but who is missing from the participant list."""
    name, title = header
    if title is None or b.roster.identify(name) is not None:
        return
    parts = _DASH.split(title)
    if role_from_title(parts[-1]) == "analyst" and len(parts) > 1:
        b.participant(name, "analyst", parts[0])
    else:
        b.participant(name, role_from_title(parts[-1]), parts[-1])
