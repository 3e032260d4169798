"""The title block of a StreetEvents transcript and the call's metadata read from it.

English files open with a few title lines above the first ``====`` rule ("Event Transcript",
"E D I T E D  V E R S I O N", "TICK - Q2 2024 Company Earnings Call", a date line); copies
lifted from web pages carry page text above an "Edited Transcript of ..." line. Neither the
title nor the page text is ever a turn.
"""

from __future__ import annotations

import re

from reviewer.core.ingest import streetevents_layout as lay
from reviewer.core.ingest.build import Builder
from reviewer.core.ingest.metadata import call_date, fiscal_period, ticker, timed_numeric_date
from reviewer.core.ingest.text import Line

_TITLE_TICKER = re.compile(
    r"\b([A-Z]{1,5}(?:\.[A-Z]{1,2})?)\b(?=[^A-Za-z\n]{0,3}\d{1,2}-[A-Z][a-z]{2}-\d{2})"
    r"|Transcript of ([A-Z]{1,5}(?:\.[A-Z]{1,2})?) earnings"
    # "BWBK - Q2 2024 Brackwater Bancorp Inc Earnings Call" (the title as PDFs print it)
    r"|^\s*([A-Z]{1,5}(?:\.[A-Z]{1,2})?) - (?=.*\b(?i:earnings)\b)", re.M)
_EVENT_LINE = re.compile(
    r"^\s*(?:[A-Z]{1,5}(?:\.[A-Z]{1,2})? - )?(\S.*\bearnings (?:conference )?call)\s*$", re.I)
_AR_ORDINALS = {"الأول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4}
# "أرباح الربع الرابع لعام 2020": the quarter, then its year within a few words.
_AR_QUARTER = re.compile(r"الربع\s+(الأول|الثاني|الثالث|الرابع)[^\d\n]{0,40}?([0-9٠-٩]{4})")
_TITLE_WITHIN = 20_000  # characters of web text tolerated above the title
_TITLE_MAX_LINES = 12  # a title block above the rules is a few lines, never the call


def call_start(lines: list[Line]) -> int:
    """Index of the first line that belongs to the StreetEvents skeleton (rule, heading or
    speaker header); the title is searched only above it, so prose can never pose as one."""
    for i, ln in enumerate(lines):
        s = ln.text
        if lay.EQUALS_RULE.match(s) or lay.heading_kind(s) in ("corporate", "call", "qa"):
            return i
        m = lay.HEADER.match(s)
        if m and lay.looks_like_header(m.group("label").strip(), ruled=False):
            return i
    return len(lines)


def title_block(lines: list[Line], limit: int) -> tuple[int | None, int]:
    """``(first, end)`` line indexes of the title lines, ``(None, 0)`` when there is none."""
    # Only a line that names the transcript can start the title, and only near the top: a
    # misdetected file must not lose its text to boilerplate above a stray "earnings call".
    # (An English file's few short lines right above its first "====" rule are the title too.)
    first = next((i for i in range(limit) if lines[i].start < _TITLE_WITHIN
                  and lay.TITLE_START.search(lines[i].text)), None)
    whole = _ruled_title(lines, limit, first)
    if whole is not None:
        return whole, limit
    if first is None:
        return None, 0
    end = first
    for i in range(first, limit):
        if lines[i].blank:
            continue
        if not lay.TITLE_LINE.search(lines[i].text):
            break
        end = i + 1
    return first, end


def _ruled_title(lines: list[Line], limit: int, first: int | None) -> int | None:
    """Where the title starts when the whole stretch above the first ``====`` rule (or
    participants heading) is the title block of an English file ("Event Transcript",
    "E D I T E D  V E R S I O N", the event line, a date line): a few short lines, one of
    which names the call. ``None`` when that stretch is something else."""
    if limit >= len(lines) or not (lay.EQUALS_RULE.match(lines[limit].text)
                                   or lay.heading_kind(lines[limit].text) is not None):
        return None
    start = first if first is not None else next(
        (i for i in range(limit) if not lines[i].blank), None)
    if start is None:
        return None
    block = [ln.stripped for ln in lines[start:limit] if not ln.blank]
    if len(block) > _TITLE_MAX_LINES or any(len(s) > 300 for s in block):
        return None
    hinted = any(lay.TITLE_LINE.search(s) or lay.TITLE_HINT.search(s) for s in block)
    return start if hinted else None


def fill_metadata(b: Builder, title: str, head: str, people: list[lay.Person]) -> None:
    """Company (the executives' employer), event, ticker, date and fiscal period from the
    title lines, falling back on the opening of the call (``head``)."""
    md = b.metadata
    md.company = lay.host_company(people)
    event = next((m.group(1) for ln in title.splitlines() if (m := _EVENT_LINE.match(ln))), None)
    md.event = event or next((ln.strip() for ln in title.splitlines() if ln.strip()), None)
    m = _TITLE_TICKER.search(title)
    md.ticker = (m.group(1) or m.group(2) or m.group(3)) if m else ticker(title + "\n" + head)
    md.date = call_date(title) or timed_numeric_date(title) or call_date(head)
    md.fiscal_period = fiscal_period(event or "") or _opening_period(head)


def _opening_period(head: str) -> str | None:
    """The fiscal quarter the opening of the call names, in English or Arabic: the first
    paragraph that names one decides (later ones tend to be guidance for the next quarter)."""
    for para in head.splitlines():
        m = _AR_QUARTER.search(para)
        english = fiscal_period(para)
        if english and (m is None or _english_first(para, m.start())):
            return english
        if m:
            return f"FY{int(m.group(2))}Q{_AR_ORDINALS[m.group(1)]}"
    return None


def _english_first(para: str, arabic_at: int) -> bool:
    """Whether the paragraph names its English quarter before offset ``arabic_at``."""
    return fiscal_period(para[:arabic_at]) is not None
