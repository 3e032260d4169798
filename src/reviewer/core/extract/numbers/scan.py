"""One pass over a paragraph: find numeric cores and read the words around each into a Piece.

A core is a run of digits, of English number words, or a Chinese numeral. Around it the
scanner reads, with anchored patterns, what comes before (approximation, sign, currency,
opening parenthesis) and after (scale, currency, percent, bps, unit, counted noun, "per …").
Pieces are raw: ranges are joined and bare numbers dropped by ``numbers``. The words before
a core are read by ``numbers.prefix``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from reviewer.core.extract.numbers import lexicon as lx
from reviewer.core.extract.numbers.piece import Piece
from reviewer.core.extract.numbers.prefix import (
    dollar_alone,
    match_before,
    may_have_prefix,
    read_prefix,
    soft_before,
)
from reviewer.core.extract.numbers.words import chinese_cores, english_cores


def scan(text: str, lang: str | None = None, permissive: bool = False) -> list[Piece]:
    """Every candidate number of ``text`` with its context, non-overlapping, in order.

    ``permissive`` reads a value field rather than prose: "(0.12)" is always negative and
    years, dates and list numbers are not ruled out.
    """
    cores = _digit_cores(text)
    n_digits = len(cores)  # in order already: the digit cores do not overlap
    if lang is None or lang.startswith("en") or lang == "und":
        cores.extend(english_cores(text))
    # (An ASCII text has no CJK character: isascii is far cheaper than the search.)
    if (lang is None or lang.startswith("zh")) and not text.isascii() and lx.CJK_RE.search(
            text):
        cores.extend(chinese_cores(text))
    if len(cores) > n_digits:
        cores.sort(key=lambda c: (c[0], -c[1]))
    pieces: list[Piece] = []
    taken = 0
    for start, end, value, has_scale, kind in cores:
        if start < taken:
            continue
        piece = _read(text, start, end, value, has_scale, kind, permissive)
        if piece is None:
            continue
        if pieces and piece.start < pieces[-1].end:
            continue  # its prefix runs into the previous piece's suffix: keep the first
        pieces.append(piece)
        taken = piece.end
    return pieces


def _digit_cores(text: str) -> list[tuple[int, int, Decimal, bool, str]]:
    """The runs of digits of ``text`` with their values, in order."""
    cores: list[tuple[int, int, Decimal, bool, str]] = []
    for m in lx.DIGIT_CORE_RE.finditer(text):
        digits = m.group()
        value = _DECIMALS.get(digits)
        if value is None:
            try:
                value = Decimal(digits.translate(lx.THOUSANDS_SEPS))
            except InvalidOperation:
                continue
            if len(_DECIMALS) >= _DECIMALS_MAX:
                _DECIMALS.clear()
            _DECIMALS[digits] = value
        start, end = m.span()
        cores.append((start, end, value, False, "digits"))
    return cores


# The value of each digit core read lately: a transcript repeats its figures ("2024", "10",
# "1.2"), and Decimal(str) is exact and immutable, so one instance serves every reading of
# the same characters (a third of the cost of Decimal() itself). Cleared when full.
_DECIMALS: dict[str, Decimal] = {}
_DECIMALS_MAX = 4096


def _read(
    text: str, s: int, e: int, value: Decimal, has_scale: bool, kind: str, permissive: bool
) -> Piece | None:
    """The Piece for the core ``text[s:e]``, or None when context rules it out."""
    digits = kind == "digits"
    n = len(text)
    if digits and _hard_reject(text, s, e):
        return None
    piece = Piece(s, e, value)  # (positional: twice as fast as by keyword)
    piece.spelled = not digits
    piece.integer = digits and text[s:e].isdigit()  # digits alone: a whole number
    # --- before -----------------------------------------------------------------------
    if digits and text[s - 1:s] == "$" and dollar_alone(text, s):
        piece.currency, piece.start = "USD", s - 1  # what read_prefix makes of a "$"
        pm, prefix_start, paren, paren0 = None, s - 1, False, False
    else:
        before = _read_before(text, s, digits, piece)
        if before is None:
            return None
        pm, prefix_start, paren, paren0 = before
    # --- after: the two commonest forms decided from the next character at once ---------
    c = text[e:e + 1]
    if digits and not paren and c in _NO_SUFFIX:  # "5,", "5." or the end: nothing to read
        p, closed = e, False
    elif digits and not paren and c == "%" and piece.currency is None:
        piece.unit = "percent"  # all that SUFFIX_PERCENT_RE reads at a "%"
        p, closed = e + 1, False  # no "per" without a currency or parenthesis
        if _next_char(text, p) not in lx.NOT_APPROX and lx.SUFFIX_APPROX_RE.match(text, p):
            piece.approx = True
    else:
        after = _read_after(text, e, piece, kind, has_scale, paren)
        if after is None:
            return None
        p, closed = after
    piece.end = p
    if paren0 and p < n and text[p] == ")":
        after = p + 1
        pm2 = None if piece.per else lx.SUFFIX_PER_RE.match(text, after)
        if pm2 and pm2.group("per"):
            per = pm2.group("per").lower()
            piece.per, after = lx.PER_ABBREVIATIONS.get(per, per), pm2.end()
        if permissive or _eps_context(text, s, piece):
            piece.negative = True  # "($0.05)" where per-share amounts are discussed
            piece.start = pm.start("paren0")
            piece.end = after
        else:
            piece.per = None if pm2 else piece.per
    # --- parentheses: a negative amount only where accountants write one -------------------
    if closed:
        if piece.currency or piece.unit == "percent" or permissive or _eps_context(
                text, s, piece):
            piece.negative = True
            if piece.kind is None and not permissive:
                piece.currency, piece.confidence = "USD", 0.7
        else:
            return None  # "(12)": a list number or a reference, not a quantity
    if paren and not closed and text[piece.start] == "(":
        piece.start = s  # "(10% of revenue)": an aside, not a negative
    # --- numbers that are not quantities --------------------------------------------------
    explicit = piece.kind not in (None, "count") or piece.scale is not None
    if not explicit and not permissive:
        soft = kind != "fraction" and soft_before(text, prefix_start)
        if soft and piece.counted and soft.group().lower().startswith("top") and not (
                _GROUP_OF_TOP_RE.search(text, max(0, soft.start() - 16), soft.start())):
            soft = None  # "our top 400 customers" counts them; "of our top 10 deals" does not
        if soft or (kind != "fraction" and lx.SOFT_AFTER_RE.match(text, e)):
            return None
        if piece.integer and 1900 <= value <= 2100 and piece.unit is None:
            return None  # a year
        if piece.unit is None and lx.SUFFIX_GROWTH_RE.match(text, e) and value < 1000 and (
            match_before(lx.GROWTH_BEFORE_RE, text, s, 40)
        ):
            piece.unit, piece.confidence = "percent", 0.5  # "grew 18 year over year": % lost
    if kind == "words" and not digits and _HYPHEN_NOUN.match(text, e):
        return None  # "five-year deal", "seven-figure win"
    if digits:
        piece.phone_like = (e < n - 1 and text[e] == "-" and text[e + 1].isdigit()) or (
            s > 1 and text[s - 1] == "-" and text[s - 2].isdigit())
    piece.prefix_start = prefix_start
    return piece


def _read_before(
    text: str, s: int, digits: bool, piece: Piece
) -> tuple[re.Match[str] | None, int, bool, bool] | None:
    """Read the prefix of the core that starts at ``s`` into ``piece``: its match, where the
    words before begin, whether it opens a parenthesis after the currency and before it;
    None for "Q2", "FY21", "x8"."""
    pm = match_before(lx.PREFIX_RE, text, s, lx.PREFIX_WINDOW, 5, lx.PREFIX_SPACE_ENDS) if (
        may_have_prefix(text, s)) else None
    if pm is not None and pm.end() == pm.start():
        pm = None  # nothing before the number
    cur = pm.group("cur") if pm else None
    if pm and cur and not digits:
        pm = None  # "$ twenty" is not a form anyone writes: ignore the prefix
    elif s > 0 and text[s - 1] in lx.ASCII_LETTER and (not cur if pm else digits):
        return None  # "Q2", "FY21", "x8"
    if pm is None:
        return None, s, False, False
    paren, paren0 = read_prefix(text, pm, piece)
    return pm, pm.start(), paren, paren0


def _read_after(
    text: str, e: int, piece: Piece, kind: str, has_scale: bool, paren: bool
) -> tuple[int, bool] | None:
    """Read scale, unit, approximation and "per" after the core that ends at ``e``: where
    the piece ends and whether the parenthesis of its prefix closed; None for "18th", "3D"."""
    digits = kind == "digits"
    p = e
    closed = False
    if paren and text[p:p + 1] == ")":
        closed, p = True, p + 1
    if kind == "fraction":
        piece.unit, piece.confidence = "percent", 0.6
    elif kind == "cn_percent":
        piece.unit = "percent"
    elif has_scale:
        piece.scale = 1  # the scale is inside the words: "eight million"
    at = p  # the position ``nxt`` was read at: each pattern is tried only where it can start
    c = text[p:p + 1]
    nxt = _next_char(text, p) if c in _BLANKS else c
    if piece.unit is None and piece.scale is None:
        attached = digits and not closed and c in _SCALE_ATTACHED_FIRST
        sm = lx.SCALE_ATTACHED_RE.match(text, p) if attached else None
        if sm:
            piece.scale = int(lx.SCALE_WORDS[sm.group(1).lower()])
            p = sm.end()
        elif digits and c in lx.ASCII_LETTER and not (
                lx.SUFFIX_BPS_RE.match(text, p) or lx.SUFFIX_PERCENT_RE.match(text, p)
                or lx.SUFFIX_UNIT_RE.match(text, p)):
            return None  # "18th", "3D", "10x", "8x8" (but "25bps", "2PB")
        else:
            sm = lx.SCALE_SPACED_RE.match(text, p) if nxt not in lx.NOT_SCALE_SPACED else None
            if sm:
                word = sm.group(1) or sm.group(2) or sm.group(4)
                piece.scale = int(lx.SCALE_WORDS[word.lower()])
                piece.approx = piece.approx or bool(sm.group(3))
                p = sm.end()
    if paren and not closed and text[p:p + 1] == ")" and piece.currency:
        closed, p = True, p + 1  # "$(1.2 million)"
    if piece.unit is None:
        nxt = nxt if p == at else _next_char(text, p)
        at = p
        p = _read_unit(text, p, piece, nxt)
    nxt = nxt if p == at else _next_char(text, p)
    if nxt not in lx.NOT_APPROX and lx.SUFFIX_APPROX_RE.match(text, p):
        piece.approx = True
    if (piece.currency or closed) and nxt not in lx.NOT_PER:
        pm2 = lx.SUFFIX_PER_RE.match(text, p)
        if pm2:
            per = pm2.group("per") or pm2.group("abbr") or pm2.group("ar") or pm2.group("cn")
            per = " ".join(per.lower().split())  # "في  الشهر": one space
            piece.per = lx.PER_ABBREVIATIONS.get(per, per)
            p = pm2.end()
    return p, closed


_GROUP_OF_TOP_RE = re.compile(r"\b(?:of|all|among)\s+(?:our\s+|the\s+|its\s+|their\s+)?\Z",
                              re.IGNORECASE)
_HYPHEN_NOUN = re.compile(r"-(?:figure|year|month|day|week|quarter|fold|point|part|time)",
                          re.IGNORECASE)


def _eps_context(text: str, s: int, piece: Piece) -> bool:
    return piece.per == "share" or bool(lx.EPS_CONTEXT_RE.search(text, max(0, s - 80), s))


def _hard_reject(text: str, s: int, e: int) -> bool:
    """A digit core that is never a quantity: "8x8", "9:00", "12/31", "'26", "3.1.2"."""
    # Each pattern is tried only where the characters next to the core allow it (most
    # numbers follow a letter and a space and are followed by a space and a letter).
    before = text[s - 1:s] if s else ""
    if (before in _HARD_BEFORE_LAST or (before in _BLANKS and text[s - 2:s - 1] in _HARD_MARK)
            ) and lx.HARD_BEFORE_RE.search(text, max(0, s - 4), s):
        return True
    after = text[e:e + 1]
    if (after in _HARD_AFTER_FIRST or (after in _BLANKS and text[e + 1:e + 2] in _HARD_MARK)
            ) and lx.HARD_AFTER_RE.match(text, e):
        return True
    return text.startswith("-odd", e)


_BLANKS = frozenset(" \t\u00a0")
# The characters HARD_BEFORE_RE can end with; HARD_AFTER_RE can start with; and next to
# the blanks of "8 x 8", "9 : 00" (a blank or the mark itself).
_HARD_BEFORE_LAST = frozenset("x×:/'’‘#.٫-")
_HARD_AFTER_FIRST = frozenset("x×:/.٫")
_HARD_MARK = frozenset("x×:/ \t\u00a0")
_SCALE_ATTACHED_FIRST = frozenset("kKmMbB")  # how SCALE_ATTACHED_RE starts ("k", "bn", "MM")
# Where no suffix can be read right after the digits: no pattern starts there (the lx.NOT_*
# tables, blanks excluded), no scale attaches, no letter follows; or the end of the text,
# where every pattern needs a character more. A ")" closes a prefix's parenthesis.
_NO_SUFFIX = (lx.NOT_SCALE_SPACED & lx.NOT_CURRENCY & lx.NOT_PERCENT & lx.NOT_BPS
              & lx.NOT_POINTS & lx.NOT_UNIT & lx.NOT_COUNT & lx.NOT_APPROX & lx.NOT_PER
              ) - _SCALE_ATTACHED_FIRST - lx.ASCII_LETTER - {")"} | {""}


def _read_unit(text: str, p: int, piece: Piece, nxt: str) -> int:
    """Read a currency word, percent, bps, unit or counted noun at ``p``; the new position.
    ``nxt`` is ``_next_char(text, p)``: each pattern is tried only where it can start."""
    m = lx.SUFFIX_CURRENCY_RE.match(text, p) if nxt not in lx.NOT_CURRENCY else None
    if m:
        if piece.currency is None:
            word = (m.group(1) or m.group(2) or m.group(3)).lower().split()[0]
            piece.currency = _currency_of_word(word)
        return m.end()
    if piece.currency:
        return p
    m = lx.SUFFIX_PERCENT_RE.match(text, p) if nxt not in lx.NOT_PERCENT else None
    if m:
        piece.unit = "percent"
        return m.end()
    m = lx.SUFFIX_BPS_RE.match(text, p) if nxt not in lx.NOT_BPS else None
    if m:
        piece.unit = "bps"
        return m.end()
    m = lx.SUFFIX_POINTS_RE.match(text, p) if (
        piece.kind is None and nxt not in lx.NOT_POINTS) else None
    if m and piece.scale is None and piece.value < 100:
        piece.unit, piece.confidence = "percent", min(piece.confidence, 0.7)
        return m.end()
    m = lx.SUFFIX_UNIT_RE.match(text, p) if nxt not in lx.NOT_UNIT else None
    if m:
        unit = lx.UNIT_WORDS[(m.group(1) or m.group(2)).lower()]
        if unit not in lx.LARGE_ONLY_UNITS or piece.scale or piece.value >= 1000:
            piece.unit = unit
            return m.end()
    m = lx.SUFFIX_COUNT_RE.match(text, p) if nxt not in lx.NOT_COUNT else None
    if m and not (piece.integer and 1900 <= piece.value <= 2100 and piece.scale is None
                  and m.group("noun") and _has_modifiers(text[p:m.start("noun")])):
        piece.unit = "count"
        piece.counted = (m.group("noun") or m.group("cn") or m.group("ar")).lower()
        if m.group("plus"):
            piece.approx = True
        return m.end()
    return p


def _next_char(text: str, p: int) -> str:
    """The first character at or after ``p`` that is not a blank (" ", tab, nbsp); "" at the
    end of the text or after eight blanks (then every pattern is tried)."""
    return text[p:p + 8].lstrip(" \t\u00a0")[:1]


def _has_modifiers(gap: str) -> bool:
    """Whether words other than "plus" stand between a number and its noun: "2021 enterprise
    customers" is a year before a noun phrase, "2,100 enterprise customers" a count."""
    return any(w not in ("plus", "+") for w in gap.replace("-", " ").lower().split())


def _currency_of_word(word: str) -> str:
    if word.startswith("دولار"):
        return "USD"
    return lx.CURRENCY_WORDS.get(word, "USD")
