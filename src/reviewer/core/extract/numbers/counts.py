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
"""

from __future__ import annotations

import re

from reviewer.core.extract.numbers import lexicon as lx
from reviewer.core.extract.numbers.grammar import Quantity

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
    rf"[ \t\u00a0]*top[ \t\u00a0]+(?P<m>{_NUM})\b(?:(?:[ \t\u00a0]+[a-z][a-z-]*){{0,2}}?"
    rf"[ \t\u00a0]+(?P<noun>{lx.COUNT_NOUNS.lower()}))?")
_TOP_AR_RE = re.compile(r"(?P<n>\d+)\s+من\s+(?:أفضل|أكبر|أهم)\s+(?P<m>\d+)"
                        r"(?:\s+(?P<noun>انتصارات|صفقات|عملاء|شركاء))?")
_FIGURE_RE = re.compile(r"(?<![\w-])(?P<n>five|six|seven|eight|nine|ten|[5-9]|10)[- ]figure\b")
_FIGURE_AR_RE = re.compile(r"(?P<n>[5-9]|10)\s+أرقام")
_DIGIT_RE = re.compile(
    r"(?<![\w-])(?:(?P<pos>low|mid|high)(?:[- ]to[- ](?P<pos2>mid|high))?[- ])?"
    r"(?P<size>single|double|triple)[- ]digits?\b"
    r"|(?<![\w-])(?P<tpos>low|mid|high)[- ]teens\b")
_QUARTERS_RE = re.compile(r"(?<![\w-])(?:three[- ]quarters[ \t\u00a0]+of(?![ \t\u00a0]+"
                          r"(?:the[ \t\u00a0]+)?(?:fiscal|year|this|last|next|20\d\d))"
                          rf"(?!{_GROWING})|three-quarters\b)")
_AFTER_NOUN_RE = re.compile(rf"(?:[ \t\u00a0-]+[a-z][a-z-]*){{0,2}}?[ \t\u00a0-]+"
                            rf"(?P<noun>{lx.COUNT_NOUNS.lower()})\b")
# "a triple-digit number of migrations" counts migrations.
_NUMBER_OF_RE = re.compile(r"[ \t\u00a0]+number[ \t\u00a0]+of[ \t\u00a0]+(?P<noun>[a-z-]+)")
_DIGIT_RANGES = {"single": (1, 9), "double": (10, 99), "triple": (100, 999)}
# Cheap tests on the lower-cased paragraph before each family's pattern runs.
_HINTS = (("spelled", ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                       "eleven", "twelve", "thirteen", "fifteen", "twenty", "thirty", "forty",
                       "fifty", "dozen")),
          ("streak", ("consecutive", "straight", "successive", "sequential", "in a row",
                      "first time in", "quarter of", "quarters of", "years of",
                      "three quarters", "three-quarters")),
          ("top", ("top ", "أفضل", "أكبر", "أهم")),
          ("vague", ("figure", "digit", "teens", "أرقام")),
          ("fraction", ("three quarters", "three-quarters")))

_HINT_FAMILY: dict[str, set[str]] = {}
for _name, _words in _HINTS:
    for _w in _words:
        _HINT_FAMILY.setdefault(_w, set()).add(_name)
# A hint found inside a longer one hides it ("three quarters of" holds "quarters of"): the
# longer one stands for both.
for _w in list(_HINT_FAMILY):
    for _other, _names in _HINT_FAMILY.items():
        if _w != _other and _w in _other:
            _names |= _HINT_FAMILY[_w]
_HINT_RE = re.compile("|".join(re.escape(w) for w in sorted(_HINT_FAMILY, key=len,
                                                             reverse=True)))


def find_counts(text: str, lang: str = "en") -> list[Quantity]:
    """The spelled counts, streaks, top-N, vague sizes and word fractions of ``text``."""
    low = text.lower()
    found = _HINT_RE.findall(low)
    if not found:
        return []
    hints = {name for w in found for name in _HINT_FAMILY[w]}
    out: list[Quantity] = []
    if lang == "ar":
        if "top" in hints:
            out += _top(low, _TOP_AR_RE)
        if "vague" in hints:
            out += [_figure(m, int(m.group("n"))) for m in _FIGURE_AR_RE.finditer(low)]
    else:
        if "streak" in hints:
            out += _streaks(low)
        if "top" in hints:
            out += _top(low, _TOP_RE)
        if "spelled" in hints:
            out += _spelled(low)
        if "vague" in hints:
            out += _vague(low)
        if "fraction" in hints:
            out += [Quantity(m.start(), m.end(), 75.0, None, None, "percent",
                             confidence=0.6, spelled=True) for m in _QUARTERS_RE.finditer(low)]
    out.sort(key=lambda q: (q.start, -q.end))
    kept: list[Quantity] = []
    for q in out:
        if not kept or q.start >= kept[-1].end:
            kept.append(q)
    return kept


def merge(grammar: list[Quantity], counts: list[Quantity]) -> list[Quantity]:
    """The grammar's quantities plus the counts that overlap none of them, in order; a "top"
    phrase replaces the bare "10 deals" the grammar read inside it."""
    if not counts:
        return grammar
    out = []
    for g in grammar:
        if not any(c.start <= g.start and g.end <= c.end and c.of_top for c in counts):
            out.append(g)
    taken = [(g.start, g.end) for g in out]
    out += [c for c in counts if not any(s < c.end and c.start < e for s, e in taken)]
    out.sort(key=lambda q: q.start)
    return out


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
           confidence: float = 0.9, of_top: bool = False) -> list[Quantity]:
    if value is None:
        return []
    return [Quantity(s, e, float(value), None, None, "count", confidence=confidence,
                     spelled=spelled, counted=counted, of_top=of_top)]


def _streaks(low: str) -> list[Quantity]:
    out = []
    for m in _STREAK_RE.finditer(low):
        if m.group("nth"):
            value, spelled = int(m.group("nth")), False
        elif m.group("ord"):
            value, spelled = ORDINAL_VALUES[m.group("ord")], True
        else:
            value, spelled = _value(m.group("n")), not m.group("n")[0].isdigit()
        unit = m.group("unit") or m.group("unit_b")
        out += _count(m.start(), m.end(), value, f"consecutive {unit}s", spelled)
    for m in _STREAK_OF_RE.finditer(low):
        if m.group("n3"):  # "our third quarter of acceleration"
            out += _count(m.start("n3"), m.end("unit3"), ORDINAL_VALUES[m.group("n3")],
                          f"consecutive {m.group('unit3')}s", True)
            continue
        n, unit = ("n", "unit") if m.group("n") else ("n2", "unit2")
        out += _count(m.start(n), m.end(unit) + 1, _value(m.group(n)),
                      f"consecutive {m.group(unit)}s", not m.group(n)[0].isdigit())
    return out


def _top(low: str, pattern: re.Pattern[str]) -> list[Quantity]:
    out = []
    for m in pattern.finditer(low):
        noun = m.group("noun") or "top " + m.group("m")
        out += _count(m.start(), m.end(), _value(m.group("n")), noun,
                      not m.group("n")[0].isdigit(), 0.85, of_top=True)
    return out


def _spelled(low: str) -> list[Quantity]:
    out = []
    for m in _SPELLED_COUNT_RE.finditer(low):
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


def _vague(low: str) -> list[Quantity]:
    out = []
    for m in _FIGURE_RE.finditer(low):
        n = m.group("n")
        out.append(_figure(m, int(n) if n.isdigit() else WORD_VALUES[n]))
    for m in _DIGIT_RE.finditer(low):
        if m.group("tpos"):
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
