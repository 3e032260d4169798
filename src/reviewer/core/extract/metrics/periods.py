"""Period expressions in text ("the quarter", "third quarter", "Q1 '26", "full year", "fiscal
20", "next quarter", "a year ago", "the December quarter"…); ``metrics.fiscal`` resolves them
against the call's own fiscal period.

Expressions such as "year-over-year", "sequentially" and those right after a comparator
("than last quarter", "from the prior year") name the *base* of a comparison: they are
marked ``base`` and never give their period to a number on the other side of the comparator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

MONTHS = {m: i + 1 for i, m in enumerate((
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december"))}
_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
        "4th": 4, "一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4,
        "الأول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4}
_MONTH_RE = "|".join(MONTHS)


@dataclass(frozen=True)
class PeriodExpr:
    """A period expression found in text (offsets into the string searched).

    ``rel``: "q" (quarter ``quarter``, of ``year`` when written), "fy" (fiscal year ``year``,
    or the call's when None), "cur_q", "prev_q", "next_q", "year_ago", "next_fy", "month"
    (calendar ``month``/``year``), "ttm". ``base``: names the base of a comparison.
    ``ends_month``: "… ending December 31" written after it (to learn the fiscal calendar).
    """

    start: int
    end: int
    rel: str
    quarter: int | None = None
    year: int | None = None
    month: int | None = None
    base: bool = False
    ends_month: int | None = None
    year_offset: int = 0  # "third quarter of last year": -1 from the call's year

    def shifted(self, by: int) -> PeriodExpr:
        """The same expression ``by`` characters further on. Calls the constructor with every
        field (keep it in step with them): dataclasses.replace introspects the fields on each
        call, and this runs for every period of every sentence."""
        return PeriodExpr(self.start + by, self.end + by, self.rel, self.quarter, self.year,
                          self.month, self.base, self.ends_month, self.year_offset)


_TAIL = (r"(?:\s*,?\s*(?:of\s+)?(?:(?:fiscal|FY)[\s-]*(?:year\s+)?['’]?\s?"
         r"(?P<{g}a>(?:19|20)?\d{{2}})|['’]\s?(?P<{g}b>\d{{2}})|(?:calendar\s+)?"
         r"(?P<{g}c>(?:19|20)\d{{2}})|(?:the\s+)?(?P<{g}r>last|prior|previous|this|current|"
         r"next|coming)\s+(?:fiscal\s+)?year))?\b")
_EN = [
    ("q", r"(?:fiscal\s+(?:year\s+)?)?(?:Q(?P<qa>[1-4])|(?P<qb>[1-4])Q)\b" + _TAIL.format(g="qy")),
    ("q", r"(?:(?:fiscal|calendar)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
          r"[\s-]+(?:fiscal[\s-]+)?quarter" + _TAIL.format(g="oy")),
    ("fy", r"full\s+fiscal\s+(?P<fa>(?:19|20)\d{2})\s+year"),
    ("fy", r"(?:full[\s-]+year\s+)?(?:full\s+)?(?:fiscal[\s-]+year|fiscal|FY)\s*['’]?\s?"
           r"(?P<fb>(?:19|20)\d{2}|\d{2})\b"),
    ("q", r"(?:the\s+)?(?P<mq>" + _MONTH_RE + r")(?:\s+(?P<mqy>(?:19|20)\d{2}))?\s+quarter"),
    ("ttm", r"(?:trailing|last|past|prior)\s+(?:4|four|twelve|12)[\s-]+(?:quarters?|months?"
            r"|month\s+period)|trailing[\s-]+(?:twelve|12)[\s-]+month|TTM|LTM"),
    ("year_ago", r"(?:(?:a|the)\s+)?year[\s-]+ago(?:\s+(?:period|quarter))?|(?:the\s+)?"
                 r"(?:last|prior|previous)\s+(?:fiscal\s+)?year|(?:the\s+)?prior[\s-]+year"
                 r"(?:\s+(?:period|quarter))?|year[\s-]+earlier|same\s+(?:period|quarter)\s+"
                 r"(?:of\s+)?(?:last|the\s+prior|the\s+previous)\s+year"),
    ("yoy", r"year[\s-]+over[\s-]+year|Y/Y|YoY|annually"),
    ("next_fy", r"(?:next|coming|following|upcoming)\s+(?:fiscal\s+)?year"),
    ("fy", r"(?:first|second|1st|2nd|back|front)\s+half(?:\s+of\s+(?:the\s+)?(?:fiscal\s+)?"
           r"(?:year|(?P<fh>(?:19|20)\d{2})))?|full[\s-]+(?:fiscal[\s-]+)?year|fiscal[\s-]+year"
           r"(?:[\s-]+end\b)?|(?:this|the|current)\s+(?:fiscal\s+)?year(?![\s-]+(?:ago|over))"
           r"|year[\s-]+end\b"),
    ("prev_q", r"(?:the\s+)?(?:last|prior|previous|preceding|sequential)\s+quarter"),
    ("seq", r"sequential(?:ly)?|quarter[\s-]+over[\s-]+quarter|Q/Q|QoQ"),
    ("next_q", r"(?:the\s+)?(?:next|coming|following|upcoming)\s+quarter"),
    ("cur_q", r"(?:this|the|current|that)\s+(?:current\s+)?(?:fiscal\s+)?quarter(?:'s)?"
              r"(?:[\s-]+end\b)?|quarter[\s-]+end\b|quarter's\s+end"),
    ("month", r"(?:the\s+)?(?:end\s+of\s+)?(?P<mo>" + _MONTH_RE + r")\s+(?P<moy>(?:19|20)\d{2})"),
]
_ZH = [
    ("q", r"第\s*(?P<zq>[一二三四1-4])\s*(?:財政|财政)?季(?:度)?"),
    ("fy", r"(?P<zy>(?:19|20)\d{2})\s*(?:財年|财年|財政年度|财政年度|會計年度|会计年度)"
           r"|(?:財年|财年)\s*(?P<zy2>(?:19|20)\d{2})|全年|本財年|本财年"),
    ("cur_q", r"本季(?:度)?|當季|当季"),
    ("prev_q", r"上(?:一)?季(?:度)?"),
    ("next_q", r"下(?:一)?季(?:度)?"),
    ("year_ago", r"去年同期|上年同期|去年"),
    ("yoy", r"年增|同比|按年"),
]
_AR_Q = r"(?:ال|لل)ربع"
_AR_FY = r"(?:ال|لل)(?:عام|سنة)\s+(?:ال)?مالي(?:ة)?"
_AR = [
    ("q", _AR_Q + r"\s+(?:(?:ال)?مالي\s+)?(?P<aq>الأول|الثاني|الثالث|الرابع)"
          r"(?:\s+(?:(?:ال)?مالي\s+)?(?:من|ل)\s*" + _AR_FY + r"\s+(?P<ay>(?:19|20)\d{2}))?"),
    ("fy", _AR_FY + r"\s+(?:(?:ال)?كامل(?:ة)?\s+)?(?P<ay2>(?:19|20)\d{2})"),
    ("cur_q", r"(?:هذا|هذه)\s+الربع|" + _AR_Q + r"\s+الحالي"),
    ("prev_q", _AR_Q + r"\s+(?:السابق|الماضي)"),
    ("next_q", _AR_Q + r"\s+(?:القادم|المقبل)"),
    ("yoy", r"على\s+أساس\s+سنوي"),
    ("year_ago", r"العام\s+الماضي|السنة\s+الماضية"),
]


def _combine(rules: list[tuple[str, str]], bounded: bool
             ) -> tuple[re.Pattern[str], dict[str, tuple[str, tuple[str, ...]]]]:
    """The rules as one pattern, and by the name of each rule's group its relation and the
    names of its own groups (the only ones a match of the rule can fill)."""
    names = [f"r{i}" for i in range(len(rules))]
    # An empty group after each rule names it (it closes last, so it is ``lastgroup``), not
    # a group around it: re skips an alternative at once when it opens with a character (or
    # class) that does not match, but enters every one that opens with a group.
    body = "|".join(f"(?:{pat})(?P<{n}>)" for n, (_, pat) in zip(names, rules, strict=True))
    # Arabic glues prepositions to the noun and Chinese has no spaces: no left boundary.
    left = r"(?<![\w'])" if bounded else ""
    return re.compile(rf"{left}(?:{body})", re.IGNORECASE), {
        n: (rel, tuple(re.findall(r"\(\?P<(\w+)>", pat)))
        for n, (rel, pat) in zip(names, rules, strict=True)}


_PATTERNS = {"en": _combine(_EN, True), "zh": _combine(_ZH + _EN[:1], False),
             "ar": _combine(_AR + _EN[:1], False)}
# The English grammar again, case-sensitive for lower-cased text (faster; same matches).
_EN_LOWER = re.compile(re.sub(r"\\.|\(\?P<|[A-Z]",
                              lambda m: m.group() if len(m.group()) > 1 else m.group().lower(),
                              _PATTERNS["en"][0].pattern))
_ENDS_RE = re.compile(r"\s*,?\s*(?:which\s+|that\s+)?(?:just\s+)?(?:ending|ended|ends)\s+"
                      rf"(?:on\s+)?(?P<em>{_MONTH_RE})\b(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
                      r"(?:,?\s+(?:19|20)\d{2})?", re.IGNORECASE)
# Right before an expression, these make it the base of a comparison. Anchored at the end, it
# is tried at every position: the look-ahead for the first letters of its words (keep it in
# step with them) rejects most positions at once.
_COMPARATOR_RE = re.compile(r"(?=[tfovcrasb相較较م])"
                            r"(?:\b(?:than|from|over|versus|vs\.?|compared\s+(?:to|with)|"
                            r"relative\s+to|against|since|above|below)\s+(?:the\s+|that\s+|"
                            r"our\s+)?(?:levels?\s+(?:of|in)\s+)?|相比|較|较|مقارنة\s+ب)$",
                            re.IGNORECASE)


_YEAR_OFFSETS = {"last": -1, "prior": -1, "previous": -1, "this": 0, "current": 0, "next": 1,
                 "coming": 1}


def _year(s: str | None) -> int | None:
    if not s:
        return None
    n = int(s)
    return n if n >= 100 else 2000 + n


# Every English expression holds one of these words; the full grammar only runs near them
# (running it over whole sentences costs several times the tokenizer).
# Matched on lower-cased text: a case-insensitive alternation is several times slower.
# Anchors may sit inside a word ("quential", "nnually"): the lead-in starts include the start
# of the word holding the anchor. Month expressions are found from their year or "quarter".
# Every branch opens with a literal character ("1q|2q…", not "[1-4]q"): re then skips to those
# characters instead of trying the alternation at every position.
_KEYWORD_RE = re.compile(r"quarter|year|fiscal|fy|half|quential|nnually|months?\b|q[1-4]|"
                         r"1q|2q|3q|4q|ttm|ltm|q/q|y/y|qoq|19\d\d\b|20\d\d\b")
_LEAD_WORDS = 5  # the longest lead-in before a keyword: "same period of the previous year"
# What every rule of _EN opens with, lower-cased (keep it in step with them; "q" stands for
# "q1", "q/q", "quarter"…, "a" for "a year ago", "annually", "april"…): the grammar is tried
# only at the lead-in starts that open with one of these, a plain string test.
# (test_every_english_expression_opens_with_a_listed_word checks it).
_EN_OPENINGS = ("q", "1", "2", "3", "4", "fiscal", "calendar", "first", "second", "third",
                "fourth", "full", "fy", "the", "this", "that", "trailing", "last", "past",
                "prior", "previous", "preceding", "ttm", "ltm", "a", "year", "y/y", "yoy",
                "same", "next", "coming", "following", "upcoming", "back", "front", "current",
                "sequential", "end", *MONTHS)


def _lead_in_starts(low: str, ks: int, floor: int) -> list[int]:
    """Where an expression holding the keyword at ``ks`` may start, leftmost first: the
    starts of up to five words before it, and the keyword itself. Matching at these few
    places is much cheaper than searching the window."""
    starts = [ks]
    j = ks
    for _ in range(_LEAD_WORDS):
        lo = j - 30 if j - 30 > floor else floor  # max() is a call: this runs for every word
        sp = low.rfind(" ", lo, j - 1)
        if sp < 0:
            if lo == floor and floor < j:
                starts.append(floor)  # the text (or what is left of it) starts with a word
            break
        j = sp + 1
        starts.append(j)
    starts.reverse()
    return starts


def find_periods(text: str, lang: str = "en") -> list[PeriodExpr]:
    """Every period expression of ``text``, in order, non-overlapping."""
    return find_periods_in(text, text.lower(), 0, len(text), lang)


def find_periods_in(text: str, low: str, start: int, end: int,
                    lang: str = "en") -> list[PeriodExpr]:
    """``find_periods`` of ``text[start:end]`` with offsets into ``text``, searched in place
    (``low``: ``text.lower()``). Where ``text[start:end]`` is a sentence, this finds what the
    sentence on its own would: the patterns look left of their start only for a word
    character (a sentence starts after a space or a full stop), and ``end`` bounds every
    match as the end of a string would."""
    pattern, rules = _PATTERNS.get(lang, _PATTERNS["en"])
    out: list[PeriodExpr] = []
    if lang in ("zh", "ar"):
        for m in pattern.finditer(text, start, end):
            # The rule's empty group closes last, so lastgroup names the rule that matched.
            out.append(_expr(m, *rules[m.lastgroup], text, start, end))
        return out
    pos = start
    matcher, target, openings = _EN_LOWER, low, _EN_OPENINGS
    if len(low) != len(text):  # a rare character whose lower case is longer ("İ")
        low, matcher, target, openings = text, pattern, text, ("",)
    for k in _KEYWORD_RE.finditer(low, start, end):
        ks = k.start()
        if ks < pos:
            continue
        m = None
        stop = min(k.end() + 60, end)
        for lead in _lead_in_starts(low, ks, pos):
            if not low.startswith(openings, lead):
                continue  # no rule opens so: the match would fail
            m = matcher.match(target, lead, stop)
            if m is not None and m.end() > ks:
                break
            m = None
        if m is None:
            continue
        out.append(_expr(m, *rules[m.lastgroup], text, start, end))
        pos = out[-1].end
    return out


def _expr(m: re.Match[str], rel: str, names: tuple[str, ...], text: str, lo: int,
          hi: int) -> PeriodExpr:
    # Only the groups of the rule that matched (``names``) can hold text: what groupdict
    # would give for them, and None (by ``get``) for the grammar's other ~40.
    g = {n: m.group(n) for n in names}
    start, end = m.start(), m.end()
    quarter = year = month = None
    offset = 0
    if rel == "q":
        if g.get("mq"):
            rel, month, year = "month_q", MONTHS[g["mq"].lower()], _year(g.get("mqy"))
        else:
            qtxt = g.get("qa") or g.get("qb") or g.get("ord") or g.get("zq") or g.get("aq")
            quarter = _ORD[qtxt.lower()]
            year = _year(next((g.get(k) for k in ("qya", "qyb", "qyc", "oya", "oyb", "oyc",
                                                  "ay") if g.get(k)), None))
            rel_year = g.get("qyr") or g.get("oyr")
            if rel_year:
                offset = _YEAR_OFFSETS[rel_year.lower()]
    elif rel == "fy":
        year = _year(next((g.get(k) for k in ("fa", "fb", "fh", "zy", "zy2", "ay2")
                           if g.get(k)), None))
    elif rel == "month":
        month, year = MONTHS[g["mo"].lower()], _year(g.get("moy"))
    base = rel in ("yoy", "seq") or bool(_COMPARATOR_RE.search(text[max(lo, start - 30):start]))
    if rel == "yoy":
        rel = "year_ago"
    elif rel == "seq":
        rel = "prev_q"
    ends = _ENDS_RE.match(text, end, hi)
    ends_month = MONTHS[ends.group("em").lower()] if ends else None
    if ends:
        end = ends.end()
    return PeriodExpr(start, end, rel, quarter, year, month, base, ends_month, offset)


def as_base(expr: PeriodExpr) -> PeriodExpr:
    """The same expression marked as the base of a comparison."""
    return replace(expr, base=True)
