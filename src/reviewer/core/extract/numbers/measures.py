"""Measures in words: vague sizes ("seven-figure", "double-digit", "the low 80s"), ratios
("1.5 times more", "twice the rate", "7x"), durations that measure the business ("inventory
was about 2.5 weeks", "7 months of supply") and word fractions ("three quarters of").

Each function takes the lower-cased paragraph and the windows around its family's hint words
(see ``counts.find_counts``) and returns quantities with offsets into the paragraph.
"""

from __future__ import annotations

import re

from reviewer.core.extract.numbers import lexicon as lx
from reviewer.core.extract.numbers.grammar import Quantity
from reviewer.core.extract.numbers.phrases import (
    GROWING,
    SPELLED,
    WORD_VALUES,
    number_of,
    scan_windows,
)

Windows = list[tuple[int, int]]

_FIGURE_RE = re.compile(r"(?<![\w-])(?P<n>five|six|seven|eight|nine|ten|[5-9]|10)[- ]figure\b")
_FIGURE_AR_RE = re.compile(r"(?P<n>[5-9]|10)\s+أرقام")
_DIGIT_RE = re.compile(
    r"(?<![\w-])(?:(?P<pos>low|mid|high)(?:[- ]to[- ](?P<pos2>mid|high))?[- ])?"
    r"(?P<size>single|double|triple)[- ]digits?\b"
    r"|(?<![\w-])(?P<tpos>low|mid|high)[- ]teens\b"
    r"|(?<![\w-])(?P<dpos>low|mid|high|upper)[- ](?:to[- ](?:mid|high)[- ])?"
    r"(?P<dec>[2-9]0)['’]?s\b")
_QUARTERS_RE = re.compile(r"(?<![\w-])(?:three[- ]quarters[ \t\u00a0]+of(?![ \t\u00a0]+"
                          r"(?:the[ \t\u00a0]+)?(?:fiscal|year|this|last|next|20\d\d))"
                          rf"(?!{GROWING})|three-quarters\b)")
_AFTER_NOUN_RE = re.compile(rf"(?:[ \t\u00a0-]+[a-z][a-z-]*){{0,2}}?[ \t\u00a0-]+"
                            rf"(?P<noun>{lx.COUNT_NOUNS.lower()})\b")
# "a triple-digit number of migrations" counts migrations.
_NUMBER_OF_RE = re.compile(r"[ \t\u00a0]+number[ \t\u00a0]+of[ \t\u00a0]+(?P<noun>[a-z-]+)")
# "1.5 times more", "twice the rate", "grew 7x": a ratio (unit "ratio").
_COMPARED = (r"[ \t\u00a0]+(?:more|less|the|as|higher|lower|larger|faster|greater|bigger"
             r"|that|what|our|their|its|over|year|coverage|leverage|sequentially|revenue"
             r"|growth)\b")
_RATIO_RE = re.compile(
    r"(?<![\w.$×-])(?:(?P<n>\d+(?:\.\d+)?)(?:[ \t\u00a0]?x\b(?![ \t\u00a0]*\d)"
    rf"(?={_COMPARED}|[ \t\u00a0]*[.,;])|[ \t\u00a0]+times\b(?={_COMPARED}))"
    rf"|(?P<twice>twice)\b(?={_COMPARED}))")
# Durations that measure the business: "lead times are back to 12 to 16 weeks", "inventory
# was about 2.5 weeks", "7 months of supply", "two months ahead of plan", "a 10 to 12 week
# target"; not "over the next 12 months" (no measure named, no comparison).
_NUMBER = rf"(?:\d+(?:\.\d+)?|{SPELLED})"
_DURATION_RE = re.compile(
    rf"(?<![\w.$-])(?P<n>{_NUMBER})(?:[ \t\u00a0]+(?:to|-)[ \t\u00a0]+(?P<n2>{_NUMBER}))?"
    r"[ \t\u00a0-]+(?P<unit>week|month|day)s?\b"
    r"(?P<after>[ \t\u00a0]+(?:of[ \t\u00a0]+(?:supply|inventory|backlog|coverage|cash|runway"
    r"|sales)|ahead[ \t\u00a0]+of|behind|early|late|target)\b)?")
_DURATION_SUBJECT_RE = re.compile(
    r"(?:inventory|inventories|lead[ \t\u00a0]+times?|dso|days[ \t\u00a0]+sales|backlog"
    r"|runway|supply|coverage|payback|cycle[ \t\u00a0]+times?)\b[^.;]{0,40}?"
    r"(?:is|was|are|were|at|to|of|about|approximately|roughly|around)[ \t\u00a0]+"
    r"(?:(?:about|approximately|roughly|around|back[ \t\u00a0]+to)[ \t\u00a0]+)?\Z")
_DIGIT_RANGES = {"single": (1, 9), "double": (10, 99), "triple": (100, 999)}


def durations(low: str, windows: Windows) -> list[Quantity]:
    """Durations that measure the business (unit "weeks", "months", "days")."""
    out = []
    for m in scan_windows(_DURATION_RE, low, windows):
        if not m.group("after") and not _DURATION_SUBJECT_RE.search(
                low, max(0, m.start() - 60), m.start()):
            continue  # a span of time, not a measure of the business
        lo, hi = (number_of(m.group(g)) for g in ("n", "n2"))
        if lo is None:
            continue
        unit, end = m.group("unit") + "s", m.end("unit")
        end += low.startswith("s", end)
        spelled = not m.group("n")[0].isdigit()
        if hi is None:
            out.append(Quantity(m.start(), end, lo, None, None, unit, confidence=0.7,
                                spelled=spelled))
        elif lo < hi:
            out.append(Quantity(m.start(), end, None, lo, hi, unit, confidence=0.7,
                                spelled=spelled))
    return out


def figure(m: re.Match[str], digits: int) -> Quantity:
    """A vague amount of ``digits`` figures: a USD range at low confidence."""
    return Quantity(m.start(), m.end(), None, float(10 ** (digits - 1)),
                    float(10 ** digits - 1), "USD", confidence=0.3, vague=True)


def vague_sizes(low: str, windows: Windows) -> list[Quantity]:
    """ "seven-figure", "double-digit", "high single-digit", "mid-teens", "the low 80s"."""
    out = []
    for m in scan_windows(_FIGURE_RE, low, windows):
        n = m.group("n")
        out.append(figure(m, int(n) if n.isdigit() else WORD_VALUES[n]))
    for m in scan_windows(_DIGIT_RE, low, windows):
        if m.group("dpos"):  # "the low 80s": 80-83, "mid-90s": 94-96, "high 80s": 86-89
            d = int(m.group("dec"))
            lo, hi = {"low": (d, d + 3), "mid": (d + 4, d + 6)}.get(m.group("dpos"),
                                                                     (d + 6, d + 9))
        elif m.group("tpos"):
            lo, hi = {"low": (11, 13), "mid": (14, 16), "high": (17, 19)}[m.group("tpos")]
        else:
            lo, hi = _DIGIT_RANGES[m.group("size")]
            third = (hi - lo + 1) / 3
            pos, pos2 = m.group("pos"), m.group("pos2") or m.group("pos")
            if pos:
                idx = ("low", "mid", "high")
                lo, hi = (round(lo + third * idx.index(pos)),
                          round(lo + third * (idx.index(pos2) + 1)) - 1)
        noun = _AFTER_NOUN_RE.match(low, m.end()) or _NUMBER_OF_RE.match(low, m.end())
        unit = "count" if noun else "percent"
        out.append(Quantity(m.start(), m.end(), None, float(lo), float(hi), unit,
                            confidence=0.3, counted=noun.group("noun") if noun else None,
                            vague=True))
    return out


def ratios(low: str, windows: Windows) -> list[Quantity]:
    """ "1.5 times more", "twice the rate", "grew 7x" (unit "ratio")."""
    out = []
    for m in scan_windows(_RATIO_RE, low, windows):
        n = 2.0 if m.group("twice") else float(m.group("n"))
        out.append(Quantity(m.start(), m.end(), n, None, None, "ratio", confidence=0.7,
                            spelled=bool(m.group("twice"))))
    return out


def fractions(low: str, windows: Windows) -> list[Quantity]:
    """ "three quarters of", "three-quarters" (75 %)."""
    return [Quantity(m.start(), m.end(), 75.0, None, None, "percent", confidence=0.6,
                     spelled=True) for m in scan_windows(_QUARTERS_RE, low, windows)]


def figures_ar(low: str, windows: Windows) -> list[Quantity]:
    """ "صفقة مكونة من 7 أرقام": a seven-figure amount."""
    return [figure(m, int(m.group("n"))) for m in scan_windows(_FIGURE_AR_RE, low, windows)]
