"""Numbers written in words: English ("one hundred and five million", "twenty-five", "a third")
and Chinese numerals ("百分之六十點九", "二點五億"), the latter read with cn2an.

``english_cores`` and ``chinese_cores`` yield ``(start, end, value, has_scale, kind)`` for every
run of number words in a text; the scanner then reads units and context around them exactly
as it does for digits. ``kind`` is "words", "fraction" (a percent: "half" = 50) or "cn_percent"
("百分之…", a percent).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_WORDS = "|".join(sorted([*_UNITS, *_TEENS, *_TENS, *_SCALES, "hundred", "dozen"], key=len,
                         reverse=True))
_SEP = r"(?:[ \t\u00a0]+|-)"
# A run of number words; "and", "a", "point" and "half" may sit inside it ("one hundred and
# five", "one and a half million", "one point five billion"). The parser trims and splits it.
WORD_RUN_RE = re.compile(
    rf"(?<![A-Za-z-])(?:(?:half[ \t\u00a0]+)?an?[ \t\u00a0]+"
    rf"(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?(?:{_WORDS})(?![A-Za-z])(?:{_SEP}(?:{_WORDS}|and|an?|point|half)(?![A-Za-z]))*",
    re.IGNORECASE,
)
_TOKEN_RE = re.compile(r"[A-Za-z]+")

# "a third", "one-third", "two-thirds", "half", "one-quarter", "three-quarters".
FRACTION_RE = re.compile(
    r"(?<![A-Za-z-])(?:(?P<num>an?|one|two|three)(?P<sep>[ \t\u00a0]+|-))?"
    r"(?P<den>half|thirds?|quarters?)(?![A-Za-z])",
    re.IGNORECASE,
)
_HALF_BLOCKERS = re.compile(
    r"(?<![A-Za-z])(?:first|second|back|front|latter|other|the|1st|2nd|next|last|this|that"
    r"|prior|previous|and|a)[ \t\u00a0]+\Z",
    re.IGNORECASE,
)
_HALF_AFTER_BLOCKERS = re.compile(
    r"[ \t\u00a0-]*(?:years?|yearly|time|hour|day|point|an?[ \t\u00a0]+(?:million|billion|"
    r"thousand|hundred|percent|point))\b",
    re.IGNORECASE,
)
_OF_OR_END = re.compile(r"[ \t\u00a0]+of\b|[ \t\u00a0]*(?:[.,;:!?)]|\Z)", re.IGNORECASE)


# A spelled quantity needs a scale or a unit word ("eight million", "twenty-five percent",
# "fifteen basis points", "forty dollars"): rather than trying number words at every position,
# find these rarer anchors with str.find and read the number words before them.
_ANCHORS = ("illion", "hundred", "thousand", "dozen", "percent", "per cent", "basis",
            "dollar", "euro")
_FRACTION_ANCHORS = ("alf", "third", "-quarter")
_RUN_TOKENS = frozenset([*_UNITS, *_TEENS, *_TENS, *_SCALES, "hundred", "dozen", "and", "a",
                         "an", "point", "half"])
_STARTERS = frozenset([*_UNITS, *_TEENS, *_TENS])
_BEFORE_SCALE = frozenset([*_SCALES, "hundred", "dozen"])
_FRACTION_NUMS = frozenset({"a", "an", "one", "two", "three"})
_SEPARATORS = frozenset(" \t\u00a0-")


def english_cores(text: str) -> Iterator[tuple[int, int, Decimal, bool, str]]:
    """Spelled numbers that carry a scale or stand before a unit word, and fractions."""
    starts: set[int] = set()
    # (Most anchors are absent from a paragraph: "in" says so faster than a find call.)
    for anchor in _ANCHORS:
        if anchor not in text:
            continue
        i = text.find(anchor)
        while i != -1:
            ws = _word_start(text, i)
            # No anchor word starts a run ("million", "percent"): without a word before it
            # (most follow digits, "5 million") it ends none.
            start = _run_start(text, ws) if _word_before(text, ws) else None
            while start is not None and start not in starts:
                starts.add(start)
                yield from _run_numbers(text, start)
                start = _range_partner(text, start)
            i = text.find(anchor, i + len(anchor))
    for anchor in _FRACTION_ANCHORS:
        if anchor not in text:
            continue
        i = text.find(anchor)
        while i != -1:
            ws = _word_start(text, i + (anchor[0] == "-"))
            words = _words_before(text, ws, 1)
            start = words[0][0] if words and words[0][1] in _FRACTION_NUMS else ws
            m = FRACTION_RE.match(text, start)
            frac = _fraction(text, m) if m and m.end() > i else None
            if frac is not None:
                yield m.start(), m.end(), frac, False, "fraction"
            i = text.find(anchor, i + len(anchor))


def _word_start(text: str, i: int) -> int:
    while i > 0 and text[i - 1].isascii() and text[i - 1].isalpha():
        i -= 1
    return i


def _word_before(text: str, pos: int) -> bool:
    """Whether an ASCII word ends right before ``pos`` (across blanks or a hyphen)."""
    j = pos
    while j > 0 and text[j - 1] in _SEPARATORS:
        j -= 1
    return 0 < j < pos and text[j - 1].isascii() and text[j - 1].isalpha()


def _words_before(text: str, pos: int, limit: int) -> list[tuple[int, str]]:
    """Up to ``limit`` ASCII words right before ``pos`` (joined by spaces or hyphens), nearest
    last: [(start, lowercase word)]."""
    out: list[tuple[int, str]] = []
    while len(out) < limit:
        j = pos
        while j > 0 and text[j - 1] in _SEPARATORS:
            j -= 1
        if j == pos or j == 0:
            break
        k = _word_start(text, j)
        if k == j:
            break
        out.append((k, text[k:j].lower()))
        pos = k
    out.reverse()
    return out


def _run_start(text: str, ws: int) -> int | None:
    """Start of the run of number words that ends with the word at ``ws`` (or right before
    it when that word is a unit such as "percent"); None when no number word starts one."""
    m = _TOKEN_RE.match(text, ws)
    anchor = m.group().lower() if m else ""
    end = m.end() if m else ws
    before = _words_before(text, ws, 8)
    if anchor == "per" and text.startswith(" cent", end):  # "twenty per cent"
        anchor = ""
    words: list[tuple[int, str]] = []
    for k, word in reversed(before):
        if word not in _RUN_TOKENS:
            break
        words.append((k, word))
    words.reverse()
    if anchor in _RUN_TOKENS:
        words.append((ws, anchor))
    for idx, (k, word) in enumerate(words):
        if word in _STARTERS:
            return k
        nxt = words[idx + 1][1] if idx + 1 < len(words) else ""
        if word in ("a", "an") and nxt in _BEFORE_SCALE:
            return k
        if word == "half" and nxt in ("a", "an") and idx + 2 < len(words) and (
                words[idx + 2][1] in _SCALES):
            return k  # "half a million"
    return None


def _range_partner(text: str, start: int) -> int | None:
    """Start of the number words before "to"/"and" that precede a run: "eleven to twelve"."""
    before = _words_before(text, start, 2)
    if len(before) == 2 and before[1][1] in ("to", "and", "through") and (
            before[0][1] in _STARTERS):
        return _run_start(text, before[0][0])
    return None


def _run_numbers(text: str, start: int) -> Iterator[tuple[int, int, Decimal, bool, str]]:
    m = WORD_RUN_RE.match(text, start)
    if not m:
        return
    tokens = [(t.start(), t.end(), t.group().lower()) for t in _TOKEN_RE.finditer(m.group())]
    base = m.start()
    for i, j, value, has_scale in _parse_tokens([t[2] for t in tokens]):
        yield base + tokens[i][0], base + tokens[j - 1][1], value, has_scale, "words"


def _fraction(text: str, m: re.Match[str]) -> Decimal | None:
    num = (m.group("num") or "").lower()
    den = m.group("den").lower()
    hyphen = m.group("sep") == "-"
    nxt = m.end() < len(text) and text[m.end()] == "-"
    if nxt:  # "one-third-party", "half-year"
        return None
    if den == "half":
        if num not in ("", "a", "one", "an"):
            return None
        if _HALF_BLOCKERS.search(text, max(0, m.start() - 12), m.start()):
            return None
        if _HALF_AFTER_BLOCKERS.match(text, m.end()):
            return None
        return Decimal(50)
    if den in ("third", "thirds"):
        count = {"a": 1, "an": 1, "one": 1, "two": 2}.get(num)
        if count is None or (den == "third") != (count == 1):
            return None
        if not hyphen and not _OF_OR_END.match(text, m.end()):
            return None  # "a third sequential quarter", "one third party"
        return Decimal("33.33") if count == 1 else Decimal("66.67")
    # quarters: only hyphenated, "a quarter" is far too often a fiscal quarter.
    if hyphen and ((num == "one" and den == "quarter") or (num == "three" and den == "quarters")):
        return Decimal(25) if num == "one" else Decimal(75)
    return None


def _parse_tokens(words: list[str]) -> Iterator[tuple[int, int, Decimal, bool]]:
    """Split a run of number words into numbers: ``(first, end, value, has_scale)``."""
    i = 0
    while i < len(words):
        end, value, has_scale = _parse_one(words, i)
        if end > i:
            yield i, end, value, has_scale
            i = end
        else:
            i += 1


def _parse_one(words: list[str], i: int) -> tuple[int, Decimal, bool]:
    """Longest valid number starting at ``words[i]``: (end index, value, has_scale)."""
    total = Decimal(0)
    group = Decimal(0)
    prev = None
    last_scale = None
    end = i
    k = i
    n = len(words)
    while k < n:
        w = words[k]
        nxt = words[k + 1] if k + 1 < n else ""
        if w == "half" and prev is None and nxt in ("a", "an") and k + 2 < n and (
                words[k + 2] in _SCALES):
            group, prev = Decimal("0.5"), "half"
            k += 2
            continue
        if w in ("a", "an"):
            if prev is not None or nxt not in ("hundred", "dozen", *_SCALES):
                break
            group, prev = Decimal(1), "a"
        elif w in _UNITS:
            if prev not in (None, "tens", "hundred", "scale", "and"):
                break
            group += _UNITS[w]
            prev = "unit"
        elif w in _TEENS:
            if prev not in (None, "hundred", "scale", "and"):
                break
            group += _TEENS[w]
            prev = "teen"
        elif w in _TENS:
            if prev not in (None, "hundred", "scale", "and"):
                break
            group += _TENS[w]
            prev = "tens"
        elif w == "hundred":
            if prev not in ("unit", "teen", "a") or group >= 100 or group == 0:
                break
            group *= 100
            prev = "hundred"
        elif w == "dozen":
            if prev not in ("unit", "a"):
                break
            group *= 12
            prev = "hundred"
        elif w in _SCALES:
            scale = _SCALES[w]
            if prev not in ("unit", "teen", "tens", "hundred", "a", "half", "point"):
                break
            if last_scale is not None and scale >= last_scale:
                break
            total += group * scale
            group = Decimal(0)
            last_scale = scale
            prev = "scale"
        elif w == "and":
            if nxt == "a" and k + 2 < n and words[k + 2] == "half" and prev in (
                "unit", "teen", "tens", "hundred"):
                group += Decimal("0.5")
                prev = "half"
                k += 3
                end = k
                continue
            if prev not in ("hundred", "scale") or nxt not in (*_UNITS, *_TEENS, *_TENS):
                break
            prev = "and"
            k += 1
            continue
        elif w == "point":
            if prev not in ("unit", "teen", "tens") or nxt not in _UNITS:
                break
            k += 1
            digits = ""
            while k < n and words[k] in _UNITS:
                digits += str(_UNITS[words[k]])
                k += 1
            group += Decimal("0." + digits)
            prev = "point"
            end = k
            continue
        else:  # "half" outside "and a half"
            break
        k += 1
        if prev != "a":
            end = k
    if end == i:
        return i, Decimal(0), False
    return end, total + group, last_scale is not None


# --- Chinese ------------------------------------------------------------------------------
_CN_DIGITS = "零〇一二兩两三四五六七八九"
_CN_ALL = _CN_DIGITS + "十百千萬万億亿點点"
# "百分之六十點九" (a percent) or a numeral that starts with a digit-character ("三百萬", not
# "百萬" alone) and is not "several" (數百萬, 幾千, 上萬) or an ordinal (第二).
# (The alternatives share their first character class so that re can skip ahead quickly.)
CN_CORE_RE = re.compile(
    rf"[百{_CN_DIGITS}十](?:(?<=百)分之[ \t\u00a0]*(?P<pct>[{_CN_ALL}]+)"
    rf"|(?<![數数幾几多上第每].)[{_CN_ALL}]*)"
)
# A bare Chinese numeral is a quantity only before a currency, a percent sign, or (when it
# carries a scale) a classifier: "三百萬美元", "四十萬個", not "一致" or "兩位數".
_CN_UNIT_AFTER = re.compile(
    r"[ \t\u00a0]*(?:美元|美金|人民幣|人民币|歐元|欧元|英鎊|英镑|港元|港幣|港币|日元|日圓|元|[%％])"
)
_CN_CLASSIFIER_AFTER = re.compile(r"[ \t\u00a0]*(?:家|個|个|名|位|股|多|美元)")
_TO_SIMPLIFIED = str.maketrans({"萬": "万", "億": "亿", "點": "点", "兩": "两", "〇": "零"})
_CN_SCALE_TAIL = re.compile(r"^(.*?点.*?)([万亿]+)$")
_CN_SCALE = {"万": 10**4, "亿": 10**8}


def chinese_cores(text: str) -> Iterator[tuple[int, int, Decimal, bool, str]]:
    """Chinese numerals: ``(start, end, value, has_scale, kind)``; unparsable runs are skipped."""
    for m in CN_CORE_RE.finditer(text):
        raw = m.group("pct") or m.group()
        has_scale = any(c in raw for c in "萬万億亿千百")
        if not m.group("pct") and not _CN_UNIT_AFTER.match(text, m.end()) and not (
                has_scale and _CN_CLASSIFIER_AFTER.match(text, m.end())):
            continue
        value = chinese_value(raw)
        if value is None:
            continue
        kind = "cn_percent" if m.group("pct") else "words"
        yield m.start(), m.end(), value, has_scale, kind


def chinese_value(raw: str) -> Decimal | None:
    """Value of a Chinese numeral ("六十點九" = 60.9, "二點五億" = 250000000), or None."""
    import cn2an  # imported lazily: only Chinese paragraphs pay for it

    s = raw.translate(_TO_SIMPLIFIED).rstrip("点")
    mult = 1
    tail = _CN_SCALE_TAIL.match(s)
    if tail:  # cn2an rejects a decimal before a scale ("二点五亿")
        s = tail.group(1)
        for ch in tail.group(2):
            mult *= _CN_SCALE[ch]
    try:
        value = cn2an.cn2an(s, "smart")
    except Exception:  # cn2an raises ValueError and friends on malformed numerals
        return None
    return Decimal(str(value)) * mult
