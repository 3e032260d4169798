"""Figures the digit grammar leaves alone: spelled counts of business things, streaks, "N of
our top M", vague sizes and fractions written in words.

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
- Vague sizes (value None, a range, ``vague`` set, confidence 0.3): "seven-figure" (money,
  1,000,000-9,999,999 USD), "صفقة مكونة من 7 أرقام" the same in Arabic, "double-digit"
  (10-99, a percent unless a counted noun follows), "high single-digit" (7-9), "mid-teens".
- Fractions: "three quarters of", "three-quarters" (75 %, spelled, confidence 0.6); "half"
  and "a third" are the grammar's.
- "3 or 4 different agent assist platforms": a range (3-4) of the count, one figure.
- Ratios: "1.5 times more", "twice the rate", "grew 7x" (unit "ratio", confidence 0.7).
- Durations that measure the business (unit "weeks", "months", "days"): "inventory was about
  2.5 weeks", "lead times are back to 12 to 16 weeks", "7 months of supply".
- Bare whole numbers before punctuation or a preposition ("closed 4, ending"): candidates
  that the extractor keeps only when the sentence names what they count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.extract.numbers import lexicon as lx
from reviewer.core.extract.numbers.grammar import Quantity
from reviewer.core.extract.numbers.scan import match_before

_UNITS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES: dict[str, int] = {w: i + 2 for i, w in enumerate(_UNITS)}
WORD_VALUES.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
WORD_VALUES.update({"one": 1, "a dozen": 12, "dozen": 12})
_ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
             "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
ORDINAL_VALUES = {w: i + 2 for i, w in enumerate(_ORDINALS)}
_ONES = "|".join([*_UNITS[:8], "one"])
_SPELLED = (rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{_ONES}))?|{'|'.join(reversed(_UNITS))}"
            r"|a\s+dozen)")
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})*|{_SPELLED})"
_PERIOD = r"(?P<unit>quarter|year|month)s?"

_SPELLED_COUNT_RE = re.compile(
    rf"(?<![\w-])(?<!top )(?P<n>{_SPELLED})(?:(?P<hy>-)|(?:[ \t\u00a0]+"
    rf"(?!(?:{lx.COUNT_STOP}|for|and|or|with)\b)[a-z][a-z'-]*){{0,2}}[ \t\u00a0]+)"
    rf"(?P<noun>{lx.COUNT_NOUNS.lower()}|product|store|partner|unit|location"
    r"|country|agent|user|subscriber|employee)\b(?!-)")
_STREAK_RE = re.compile(
    rf"(?<![\w-])(?:(?P<n>{_NUM})|(?P<nth>\d{{1,3}})(?:st|nd|rd|th)|(?P<ord>{'|'.join(_ORDINALS)}))"
    rf"[ \t\u00a0]+(?:(?:consecutive|straight|successive|sequential)[ \t\u00a0]+{_PERIOD}"
    r"|(?P<unit_b>quarter|year|month)s?[ \t\u00a0]+in[ \t\u00a0]+a[ \t\u00a0]+row)\b")
# "of growth", "of improved profitability": what a streak is a streak of.
_GROWING = (r"[ \t\u00a0]+(?:[a-z-]+[ \t\u00a0]+)?(?:growth|profitab|positive|improv|accelerat"
            r"|expansion|increase|decline|record)")
_STREAK_OF_RE = re.compile(
    rf"(?:first[ \t\u00a0]+time[ \t\u00a0]+in[ \t\u00a0]+(?:the[ \t\u00a0]+(?:last|past)"
    rf"[ \t\u00a0]+)?(?P<n>{_NUM})[ \t\u00a0]+{_PERIOD}\b"
    rf"|(?<![\w-])(?P<n2>{_NUM})[ \t\u00a0]+(?P<unit2>quarter|year)s[ \t\u00a0]+of{_GROWING}"
    rf"|(?<![\w-])(?P<n3>{'|'.join(_ORDINALS)})[ \t\u00a0]+(?P<unit3>quarter|year)"
    rf"[ \t\u00a0]+of{_GROWING})")
_TOP_RE = re.compile(
    rf"(?<![\w-])(?P<n>{_NUM})[ \t\u00a0]+(?:out[ \t\u00a0]+)?of[ \t\u00a0]+(?:our|the|its|their)?"
    rf"[ \t\u00a0]*(?:top[ \t\u00a0]+(?P<m>{_NUM})|(?P<m2>{_NUM})[ \t\u00a0]+(?:largest|biggest))"
    rf"\b(?:(?:[ \t\u00a0]+[a-z][a-z-]*){{0,2}}?"
    rf"[ \t\u00a0]+(?P<noun>{lx.COUNT_NOUNS.lower()}))?")
_TOP_AR_RE = re.compile(r"(?P<n>\d+)\s+من\s+(?:أفضل|أكبر|أهم)\s+(?P<m>\d+)"
                        r"(?:\s+(?P<noun>انتصارات|صفقات|عملاء|شركاء))?")
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
                          rf"(?!{_GROWING})|three-quarters\b)")
_AFTER_NOUN_RE = re.compile(rf"(?:[ \t\u00a0-]+[a-z][a-z-]*){{0,2}}?[ \t\u00a0-]+"
                            rf"(?P<noun>{lx.COUNT_NOUNS.lower()})\b")
# "a triple-digit number of migrations" counts migrations.
_NUMBER_OF_RE = re.compile(r"[ \t\u00a0]+number[ \t\u00a0]+of[ \t\u00a0]+(?P<noun>[a-z-]+)")
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
# extractor keeps it only when its sentence names what it counts (``metrics.counted``).
_BARE_RE = re.compile(
    rf"(?P<n>{_INT})(?![\w%]|[.,]\d|[ \t\u00a0]*(?:%|-|\())"
    r"(?=[ \t\u00a0]*(?:[.,;:)!?]|$|(?:a|an|at|in|by|on|others?|more|last|this|during|from"
    r"|to|and|or|versus|vs|compared|per|ago|of|with|while|so|since|previously)\b))")
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
_NUMBER = rf"(?:\d+(?:\.\d+)?|{_SPELLED})"
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


def find_counts(text: str, lang: str = "en", low: str | None = None) -> list[Quantity]:
    """The spelled counts, streaks, top-N, vague sizes and word fractions of ``text``
    (``low``: the text lower-cased with the same offsets, when the caller has it)."""
    if low is None:
        low = text.lower()
        low = low if len(low) == len(text) else text  # keep the offsets ("İ")
    # Each family's pattern runs only around its hint words (str.find is the cheapest scan).
    win = {}
    for name, (words, before, after) in (_HINTS_AR if lang == "ar" else _HINTS_EN).items():
        positions = sorted(i for w in words if w in low for i in _find_all(low, w))
        if positions:
            win[name] = _windows(positions, len(low), before, after)
    out: list[Quantity] = []
    if lang == "ar":
        if "top" in win:
            out += _top(_scan(_TOP_AR_RE, low, win["top"]))
        if "vague" in win:
            out += [_figure(m, int(m.group("n")))
                    for m in _scan(_FIGURE_AR_RE, low, win["vague"])]
    else:
        if "streak" in win:
            out += _streaks(low, win["streak"])
        if "top" in win:
            out += _top(_scan(_TOP_RE, low, win["top"]))
        if "spelled" in win:
            out += _spelled(_scan(_SPELLED_COUNT_RE, low, win["spelled"]))
        if "vague" in win:
            out += _vague(low, win["vague"])
        if "fraction" in win:
            out += [Quantity(m.start(), m.end(), 75.0, None, None, "percent",
                             confidence=0.6, spelled=True)
                    for m in _scan(_QUARTERS_RE, low, win["fraction"])]
        if "ratio" in win:
            for m in _scan(_RATIO_RE, low, win["ratio"]):
                n = 2.0 if m.group("twice") else float(m.group("n"))
                out.append(Quantity(m.start(), m.end(), n, None, None, "ratio",
                                    confidence=0.7, spelled=bool(m.group("twice"))))
        if "duration" in win:
            out += _durations(low, win["duration"])
        if " or " in low:
            out += _either(low)  # its pattern opens with a digit: re skips to one quickly
        if " of " in low:
            out += _of_m(low)
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


def _find_all(low: str, word: str) -> Iterator[int]:
    i = low.find(word)
    while i >= 0:
        yield i
        i = low.find(word, i + 1)


def _windows(positions: list[int], n: int, before: int, after: int) -> list[tuple[int, int]]:
    """The merged ``[start, end)`` windows around the hint positions (ascending); a window
    of a phrase that starts at its hint (``before == after == 0``) is the hint itself."""
    out: list[tuple[int, int]] = []
    for p in positions:
        a, b = max(0, p - before), (min(n, p + after) if after else p)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _scan(pattern: re.Pattern[str], low: str,
          windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(low)`` yields inside the windows: each match is taken again
    on the whole text (a window's end must not cut it short), non-overlapping."""
    last = 0
    for a, b in windows:
        if a == b:  # the phrase starts at the hint: try it there only
            full = pattern.match(low, a) if a >= last else None
            if full is not None:
                last = full.end()
                yield full
            continue
        for m in pattern.finditer(low, max(a, last), b):
            full = pattern.match(low, m.start())
            if full is not None and full.start() >= last:
                last = full.end()
                yield full


def _value(word: str) -> int | None:
    word = re.sub(r"[\s,]+", " ", word.strip())
    if word.replace(" ", "").isdigit():
        return int(word.replace(" ", ""))
    if word in WORD_VALUES:
        return WORD_VALUES[word]
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in WORD_VALUES and parts[1] in WORD_VALUES:
        return WORD_VALUES[parts[0]] + WORD_VALUES[parts[1]]
    return None


def _count(s: int, e: int, value: int | None, counted: str, spelled: bool,
           confidence: float = 0.9, whole: bool = False) -> list[Quantity]:
    if value is None:
        return []
    return [Quantity(s, e, float(value), None, None, "count", confidence=confidence,
                     spelled=spelled, counted=counted, whole=whole)]


def _streaks(low: str, windows: list[tuple[int, int]]) -> list[Quantity]:
    out = []
    for m in _scan(_STREAK_RE, low, windows):
        if m.group("nth"):
            value, spelled = int(m.group("nth")), False
        elif m.group("ord"):
            value, spelled = ORDINAL_VALUES[m.group("ord")], True
        else:
            value, spelled = _value(m.group("n")), not m.group("n")[0].isdigit()
        unit = m.group("unit") or m.group("unit_b")
        out += _count(m.start(), m.end(), value, f"consecutive {unit}s", spelled)
    for m in _scan(_STREAK_OF_RE, low, windows):
        if m.group("n3"):  # "our third quarter of acceleration"
            out += _count(m.start("n3"), m.end("unit3"), ORDINAL_VALUES[m.group("n3")],
                          f"consecutive {m.group('unit3')}s", True)
            continue
        n, unit = ("n", "unit") if m.group("n") else ("n2", "unit2")
        out += _count(m.start(n), m.end(unit) + 1, _value(m.group(n)),
                      f"consecutive {m.group(unit)}s", not m.group(n)[0].isdigit())
    return out


def _top(matches: Iterator[re.Match[str]]) -> list[Quantity]:
    out = []
    for m in matches:
        noun = m.group("noun") or "top " + (m.group("m") or m.group("m2"))
        out += _count(m.start(), m.end(), _value(m.group("n")), noun,
                      not m.group("n")[0].isdigit(), 0.85, whole=True)
    return out


def _of_m(low: str) -> list[Quantity]:
    out = []
    for m in _OF_M_RE.finditer(low):
        if m.start() and (low[m.start() - 1].isalnum() or low[m.start() - 1] in ".,-$"):
            continue
        n = int(m.group("n").replace(",", ""))
        if m.group("list"):
            counted = "companies"  # "143 of the Fortune 500"
        elif n <= int(m.group("m").replace(",", "")):
            counted = m.group("noun")
        else:
            continue
        out += _count(m.start("n"), m.end("n"), n, counted, False, 0.8)
    return out


def _bare(low: str) -> list[Quantity]:
    out = []
    for m in _BARE_RE.finditer(low):
        s = m.start()
        if s and (low[s - 1].isalnum() or low[s - 1] in ".,-$€£¥#/:'’"):
            continue  # inside a longer token: "q4", "$5", "10.5", "covid-19"
        text = m.group("n")
        value = int(text.replace(",", ""))
        if "," not in text and 1900 <= value <= 2100:
            continue  # a year
        if match_before(lx.SOFT_BEFORE_RE, low, s, 24, 2):
            continue  # "may 12", "phase 3", "press 1", "top 10"
        out.append(Quantity(s, m.end(), float(value), None, None, "count", confidence=0.5))
    return out


def _durations(low: str, windows: list[tuple[int, int]]) -> list[Quantity]:
    out = []
    for m in _scan(_DURATION_RE, low, windows):
        if not m.group("after") and not _DURATION_SUBJECT_RE.search(
                low, max(0, m.start() - 60), m.start()):
            continue  # a span of time, not a measure of the business
        lo, hi = (_number(m.group(g)) for g in ("n", "n2"))
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


def _number(word: str | None) -> float | None:
    if word is None:
        return None
    try:
        return float(word)
    except ValueError:
        v = _value(word)
        return float(v) if v is not None else None


def _either(low: str) -> list[Quantity]:
    out = []
    for m in _OR_RE.finditer(low):
        if m.start() and (low[m.start() - 1].isalnum() or low[m.start() - 1] in ".,-$"):
            continue  # inside a longer number or an amount
        a, b = (int(m.group(g).replace(",", "")) for g in ("a", "b"))
        if a < b:
            out.append(Quantity(m.start(), m.end(), None, float(a), float(b), "count",
                                approx=True, confidence=0.6, counted=m.group("noun"),
                                whole=True))
    return out


def _spelled(matches: Iterator[re.Match[str]]) -> list[Quantity]:
    out = []
    for m in matches:
        value = _value(m.group("n"))
        if value is None or value < 2:
            continue
        noun = m.group("noun")
        if not m.group("hy") and not noun.endswith("s"):
            continue  # "a top five partner" ranks; "five partners" counts
        if m.group("hy") and not noun.endswith("s"):
            noun += "s"  # "seven-product customer" counts products
        out += _count(m.start(), m.end(), value, noun, True, 0.8)
    return out


def _figure(m: re.Match[str], digits: int) -> Quantity:
    return Quantity(m.start(), m.end(), None, float(10 ** (digits - 1)),
                    float(10 ** digits - 1), "USD", confidence=0.3, vague=True)


def _vague(low: str, windows: list[tuple[int, int]]) -> list[Quantity]:
    out = []
    for m in _scan(_FIGURE_RE, low, windows):
        n = m.group("n")
        out.append(_figure(m, int(n) if n.isdigit() else WORD_VALUES[n]))
    for m in _scan(_DIGIT_RE, low, windows):
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
