"""Figures the digit grammar leaves alone: spelled counts of business things, streaks, "N of
our top M", and (through ``measures``) vague sizes, ratios, durations and word fractions.

``find_counts(text, lang)`` returns quantities like ``find_quantities`` does (offsets into
``text``); the caller merges them with the grammar's, which win where both overlap. They
are kept apart from the grammar because the translation checks compare the grammar's numbers
only (a streak or "seven-figure" has no counterpart to check in a translation).

- Spelled counts: a number word from two to ninety-nine before a counted noun ("two very
  large wins", "seven-product customer"); "one" is left out ("one customer told us" is a
  story, not a figure), as is anything before "of" ("one of the").
- Streaks: "11 consecutive quarters", "our 18th consecutive quarter", "nine quarters in a
  row", "for the first time in nine quarters", "nine quarters of growth"; ``counted`` is
  "consecutive quarters" (or years, months).
- "nine of our top 10 deals", "Nine out of the top 10", "5 من أفضل 10": the first number is
  the figure; the span covers the phrase, so "top 10" is not proposed on its own.
- "3 or 4 different agent assist platforms": a range (3-4) of the count, one figure.
- "1,020 of a planned 1,200 patients", "143 of the Fortune 500": the first number counts too.
- Bare whole numbers before punctuation or a preposition ("closed 4, ending"): candidates
  that the extractor keeps only when the sentence names what they count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.extract.numbers import lexicon as lx
from reviewer.core.extract.numbers import measures
from reviewer.core.extract.numbers.grammar import Quantity
from reviewer.core.extract.numbers.phrases import (
    GROWING,
    NUM,
    ORDINAL_VALUES,
    ORDINALS,
    SPELLED,
    count,
    find_all,
    scan_windows,
    value_of,
    windows,
)
from reviewer.core.extract.numbers.prefix import soft_before

_PERIOD = r"(?P<unit>quarter|year|month)s?"

_SPELLED_COUNT_RE = re.compile(
    rf"(?<![\w-])(?<!top )(?P<n>{SPELLED})(?:(?P<hy>-)|(?:[ \t\u00a0]+"
    rf"(?!(?:{lx.COUNT_STOP}|for|and|or|with)\b)[a-z][a-z'-]*){{0,2}}[ \t\u00a0]+)"
    rf"(?P<noun>{lx.COUNT_NOUNS.lower()}|product|store|partner|unit|location"
    r"|country|agent|user|subscriber|employee)\b(?!-)")
_STREAK_RE = re.compile(
    rf"(?<![\w-])(?:(?P<n>{NUM})|(?P<nth>\d{{1,3}})(?:st|nd|rd|th)|(?P<ord>{'|'.join(ORDINALS)}))"
    rf"[ \t\u00a0]+(?:(?:consecutive|straight|successive|sequential)[ \t\u00a0]+{_PERIOD}"
    r"|(?P<unit_b>quarter|year|month)s?[ \t\u00a0]+in[ \t\u00a0]+a[ \t\u00a0]+row)\b")
_STREAK_OF_RE = re.compile(
    rf"(?:first[ \t\u00a0]+time[ \t\u00a0]+in[ \t\u00a0]+(?:the[ \t\u00a0]+(?:last|past)"
    rf"[ \t\u00a0]+)?(?P<n>{NUM})[ \t\u00a0]+{_PERIOD}\b"
    rf"|(?<![\w-])(?P<n2>{NUM})[ \t\u00a0]+(?P<unit2>quarter|year)s[ \t\u00a0]+of{GROWING}"
    rf"|(?<![\w-])(?P<n3>{'|'.join(ORDINALS)})[ \t\u00a0]+(?P<unit3>quarter|year)"
    rf"[ \t\u00a0]+of{GROWING})")
_TOP_RE = re.compile(
    rf"(?<![\w-])(?P<n>{NUM})[ \t\u00a0]+(?:out[ \t\u00a0]+)?of[ \t\u00a0]+(?:our|the|its|their)?"
    rf"[ \t\u00a0]*(?:top[ \t\u00a0]+(?P<m>{NUM})|(?P<m2>{NUM})[ \t\u00a0]+(?:largest|biggest))"
    rf"\b(?:(?:[ \t\u00a0]+[a-z][a-z-]*){{0,2}}?"
    rf"[ \t\u00a0]+(?P<noun>{lx.COUNT_NOUNS.lower()}))?")
_TOP_AR_RE = re.compile(r"(?P<n>\d+)\s+من\s+(?:أفضل|أكبر|أهم)\s+(?P<m>\d+)"
                        r"(?:\s+(?P<noun>انتصارات|صفقات|عملاء|شركاء))?")
# "3 or 4 different agent assist platforms": a range of a count.
_OR_RE = re.compile(
    r"(?P<a>\d{1,3}(?:,\d{3})*) or (?P<b>\d{1,3}(?:,\d{3})*)"
    rf"(?:[ \t\u00a0-]+(?!(?:{lx.COUNT_STOP})\b)[a-z][a-z-]*){{0,3}}?[ \t\u00a0-]+"
    rf"(?P<noun>{lx.COUNT_NOUNS.lower()})\b")
_INT = r"\d{1,3}(?:,\d{3})*"
# "1,020 of a planned 1,200 patients", "143 of the Fortune 500": the first number counts the
# same things (the second is a figure of its own, or a list's name).
_OF_M_RE = re.compile(
    rf"(?P<n>{_INT}) (?:out )?of (?:(?:a|an|the|our|its|their) )?"
    rf"(?:(?:planned|targeted|expected|possible|total|potential) )?"
    rf"(?:(?P<m>{_INT})(?:[ \t\u00a0-]+(?!(?:{lx.COUNT_STOP})\b)[a-z][a-z-]*){{0,2}}?"
    rf"[ \t\u00a0-]+(?P<noun>{lx.COUNT_NOUNS.lower()})\b"
    r"|(?P<list>fortune|global|forbes|s&p|russell) (?P<size>\d+)\b)")
# A bare whole number that may count something named earlier ("closed 4, ending…", "up from
# 5,100 at year-end"): only before punctuation or a word that starts no noun phrase; the
# extractor keeps it only when its sentence names what it counts (``metrics.counted``). Not
# inside a longer token ("q4", "$5", "10.5", "covid-19"): the lookbehind that rules those out
# comes after the first digit, so that re still skips from digit to digit.
_BARE_RE = re.compile(
    r"(?P<n>\d(?<![^\W_]\d|[.,\-$€£¥#/:'’]\d)"
    r"\d{0,2}(?:,\d{3})*)(?![\w%]|[.,]\d|[ \t\u00a0]*(?:%|-|\())"
    r"(?=[ \t\u00a0]*(?:[.,;:)!?]|$|(?:a|an|at|in|by|on|others?|more|last|this|during|from"
    r"|to|and|or|versus|vs|compared|per|ago|of|with|while|so|since|previously)\b))")
# Before a bare number that continues a count named earlier in its sentence: "opened 3
# branches and consolidated 14 others", "compared with 15,200 a year ago".
ELIDED_CUE_RE = re.compile(
    r"(?:compared\s+(?:with|to)|versus|vs\.?|up\s+from|down\s+from|from|another|opened"
    r"|closed|consolidated|added|acquired|reached|enrolled|signed|launched|hired|shipped"
    r"|opening|closing|adding|and|with|while)\s+(?:about\s+|approximately\s+|roughly\s+"
    r"|nearly\s+|over\s+|more\s+than\s+|some\s+)?\Z")
# Before a bare number whose sentence's subject names what it counts: "total prescriptions
# grew 9% sequentially to about 118,000", "loyalty members now number 14.2 million".
SUBJECT_CUE_RE = re.compile(
    r"(?:to|at|reached|number|numbered|totaled|totalled|averaged|was|were|is|are|now)\s+"
    r"(?:about\s+|approximately\s+|roughly\s+|nearly\s+|over\s+|more\s+than\s+"
    r"|some\s+|almost\s+)?\Z")
# Cheap tests on the lower-cased paragraph before each family's pattern runs: the family's
# hint words, and how far its phrase reaches before and after a hint (0, 0: it starts there).
# "twe" opens twelve and twenty, "thirt" thirteen and thirty, "fift" fifteen and fifty; "four"
# opens fourteen, "six" sixteen and sixty… (a hint where no number starts costs one match).
_SPELLED_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                  "eleven", "twe", "thirt", "fift", "forty", "dozen")
_HINTS_EN = {
    "spelled": (_SPELLED_WORDS, 0, 0),
    "streak": (("consecutive", "straight", "successive", "sequential", "in a row",
                "first time in", "quarter of", "quarters of", "years of"), 30, 60),
    "top": (("top ", "largest", "biggest"), 30, 70),
    "vague": (("figure", "digit", "teens", "0s", "0's", "0’s"), 25, 15),
    "ratio": (("times", "twice", "x ", "x.", "x,"), 25, 30),
    "duration": (("week", "month", " day"), 30, 50),
    "fraction": (("three quarters", "three-quarters"), 0, 0),
}
_HINTS_AR = {"top": (("أفضل", "أكبر", "أهم"), 10, 40), "vague": (("أرقام",), 5, 10)}
_NEEDLES_AR = [(w, name) for name, (words, _b, _a) in _HINTS_AR.items() for w in words]
# English hint words start a word (after a space, hyphen, bracket, quote or slash) or follow
# a digit ("7x ", "80s"): one pattern led by those characters finds them all, and re tries
# its alternation only there -- several times cheaper than one str.find per word.
_HINT_FAMILIES: dict[str, set[str]] = {}
for _name, (_words, _b, _a) in _HINTS_EN.items():
    for _w in _words:
        _HINT_FAMILIES.setdefault(_w.strip(), set()).add(_name)
# A longer hint hides the shorter ones it overlaps ("three quarters of" holds "quarters of").
_HINT_FAMILIES["three quarters"] |= {"streak"}
_HINT_FAMILIES["three-quarters"] |= {"streak"}


# (The lookahead of the hints' first letters spares re their alternatives after most spaces.)
_HINT_EN_RE = re.compile(
    r"[ \-\n(\"'/0-9](?=[" + re.escape("".join(sorted({w[0] for w in _HINT_FAMILIES})))
    + "])(" + lx.by_first_letter("|".join(
        re.escape(w) for w in sorted(_HINT_FAMILIES, key=len, reverse=True))) + ")")


def find_counts(text: str, lang: str = "en", low: str | None = None,
                bare: bool = True) -> list[Quantity]:
    """The spelled counts, streaks, top-N, vague sizes and word fractions of ``text``
    (``low``: the text lower-cased with the same offsets, when the caller has it; ``bare``:
    also the bare whole numbers that may continue a count, worth reading only where the
    paragraph states a count)."""
    if low is None:
        low = text.lower()
        low = low if len(low) == len(text) else text  # keep the offsets ("İ")
    # Each family's pattern runs only around its hint words (str.find is the cheapest scan).
    hits: dict[str, list[int]] = {}
    if lang == "ar":
        for word, name in _NEEDLES_AR:
            i = low.find(word)
            if i >= 0:
                hits.setdefault(name, []).extend(find_all(low, word, i))
    else:
        for m in _HINT_EN_RE.finditer(" " + low):  # the space: a hint at the very start
            for name in _HINT_FAMILIES[m.group(1)]:
                hits.setdefault(name, []).append(m.start(1) - 1)
    hints = _HINTS_AR if lang == "ar" else _HINTS_EN
    win = {name: windows(sorted(pos), len(low), *hints[name][1:]) for name, pos in hits.items()}
    out: list[Quantity] = []
    if lang == "ar":
        if "top" in win:
            out += _top(scan_windows(_TOP_AR_RE, low, win["top"]))
        if "vague" in win:
            out += measures.figures_ar(low, win["vague"])
    else:
        if "streak" in win:
            out += _streaks(low, win["streak"])
        if "top" in win:
            out += _top(scan_windows(_TOP_RE, low, win["top"]))
        if "spelled" in win:
            out += _spelled(scan_windows(_SPELLED_COUNT_RE, low, win["spelled"]))
        if "vague" in win:
            out += measures.vague_sizes(low, win["vague"])
        if "fraction" in win:
            out += measures.fractions(low, win["fraction"])
        if "ratio" in win:
            out += measures.ratios(low, win["ratio"])
        if "duration" in win:
            out += measures.durations(low, win["duration"])
        # (Both read only at an " or " / " of ": most paragraphs have no " or ".)
        if " or " in low:
            out += _either(low)
        if " of " in low:
            out += _of_m(low)
        if bare or any(q.counted for q in out):  # a count stated here may go on
            out += _bare(low)
    if not out:
        return out
    out.sort(key=lambda q: (q.start, -q.end))
    kept: list[Quantity] = []
    for q in out:
        if not kept or q.start >= kept[-1].end:
            kept.append(q)
    return kept


def merge(grammar: list[Quantity], counts: list[Quantity]) -> list[Quantity]:
    """The grammar's quantities plus the counts that overlap none of them, in order; a "top"
    phrase replaces the "10 deals" the grammar read inside it, a count that names its noun
    the bare number the grammar read at its place."""
    if not counts:
        return grammar
    out = []
    for g in grammar:
        if any(c.start <= g.start and g.end <= c.end and c.whole for c in counts):
            continue
        if g.unit == "count" and g.counted is None and any(
                c.counted and c.start <= g.start < c.end for c in counts):
            continue  # a bare "1,020" that "1,020 of a planned 1,200 patients" names
        out.append(g)
    taken = [(g.start, g.end) for g in out]
    out += [c for c in counts if not any(s < c.end and c.start < e for s, e in taken)]
    out.sort(key=lambda q: q.start)
    return out


def _streaks(low: str, windows: list[tuple[int, int]]) -> list[Quantity]:
    out = []
    for m in scan_windows(_STREAK_RE, low, windows):
        if m.group("nth"):
            value, spelled = int(m.group("nth")), False
        elif m.group("ord"):
            value, spelled = ORDINAL_VALUES[m.group("ord")], True
        else:
            value, spelled = value_of(m.group("n")), not m.group("n")[0].isdigit()
        unit = m.group("unit") or m.group("unit_b")
        out += count(m.start(), m.end(), value, f"consecutive {unit}s", spelled)
    for m in scan_windows(_STREAK_OF_RE, low, windows):
        if m.group("n3"):  # "our third quarter of acceleration"
            out += count(m.start("n3"), m.end("unit3"), ORDINAL_VALUES[m.group("n3")],
                          f"consecutive {m.group('unit3')}s", True)
            continue
        n, unit = ("n", "unit") if m.group("n") else ("n2", "unit2")
        out += count(m.start(n), m.end(unit) + 1, value_of(m.group(n)),
                      f"consecutive {m.group(unit)}s", not m.group(n)[0].isdigit())
    return out


def _top(matches: Iterator[re.Match[str]]) -> list[Quantity]:
    out = []
    for m in matches:
        noun = m.group("noun") or "top " + (m.group("m") or m.group("m2"))
        out += count(m.start(), m.end(), value_of(m.group("n")), noun,
                      not m.group("n")[0].isdigit(), 0.85, whole=True)
    return out


def _digits_before(low: str, words: str) -> Iterator[int]:
    """Where the number that stands right before each ``words`` starts ("1,020" of
    "1,020 of a planned"): the only places a pattern opening with that number can match."""
    for i in find_all(low, words):
        j = i
        while j > 0 and (low[j - 1].isdigit() or low[j - 1] == ","):
            j -= 1
        if j < i and low[j].isdigit() and not (j and (low[j - 1].isalnum()
                                                       or low[j - 1] in ".,-$")):
            yield j


def _of_m(low: str) -> list[Quantity]:
    out = []
    for j in _digits_before(low, " of "):
        m = _OF_M_RE.match(low, j)
        if m is None:
            continue
        n = int(m.group("n").replace(",", ""))
        if m.group("list"):
            counted = "companies"  # "143 of the Fortune 500"
        elif n <= int(m.group("m").replace(",", "")):
            counted = m.group("noun")
        else:
            continue
        out += count(m.start("n"), m.end("n"), n, counted, False, 0.8)
    return out


def _bare(low: str) -> list[Quantity]:
    out = []
    for m in _BARE_RE.finditer(low):
        s = m.start()
        before = low[max(0, s - 40):s]
        if not (ELIDED_CUE_RE.search(before) or SUBJECT_CUE_RE.search(before)):
            continue  # nothing before it says it continues or states a count
        text = m.group("n")
        value = int(text.replace(",", ""))
        if "," not in text and 1900 <= value <= 2100:
            continue  # a year
        if soft_before(low, s):
            continue  # "may 12", "phase 3", "press 1", "top 10"
        out.append(Quantity(s, m.end(), float(value), None, None, "count", confidence=0.5))
    return out


def _either(low: str) -> list[Quantity]:
    out = []
    for j in _digits_before(low, " or "):
        m = _OR_RE.match(low, j)
        if m is None:
            continue
        a, b = (int(m.group(g).replace(",", "")) for g in ("a", "b"))
        if a < b:
            out.append(Quantity(m.start(), m.end(), None, float(a), float(b), "count",
                                approx=True, confidence=0.6, counted=m.group("noun"),
                                whole=True))
    return out


def _spelled(matches: Iterator[re.Match[str]]) -> list[Quantity]:
    out = []
    for m in matches:
        value = value_of(m.group("n"))
        if value is None or value < 2:
            continue
        noun = m.group("noun")
        if not m.group("hy") and not noun.endswith("s"):
            continue  # "a top five partner" ranks; "five partners" counts
        if m.group("hy") and not noun.endswith("s"):
            noun += "s"  # "seven-product customer" counts products
        out += count(m.start(), m.end(), value, noun, True, 0.8)
    return out


