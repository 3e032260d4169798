"""Word cues of the extractor: sentences and clauses, kind (guidance / target / comparison /
actual), basis (GAAP / non-GAAP), growth, shares of revenue and size thresholds.

All patterns are compiled once; English is the reference, Chinese and Arabic get the few cues
that matter for original (untranslated) paragraphs in those languages.
"""

from __future__ import annotations

import re


def _lc(source: str) -> re.Pattern[str]:
    """Compile a case-insensitive pattern to run case-sensitively on lower-cased text: a
    case-insensitive alternation is several times slower in Python's engine, and these run
    on every sentence that holds a number. Callers pass ``lower(text)``."""
    return re.compile(re.sub(r"\\.|\(\?P<|[A-Z]",
                             lambda m: m.group() if len(m.group()) > 1 else m.group().lower(),
                             source))


def lower(text: str) -> str:
    """``text`` lower-cased with the same offsets (unchanged in the rare case a character's
    lower case is longer, such as "İ")."""
    low = text.lower()
    return low if len(low) == len(text) else text


# --- sentences and clauses ----------------------------------------------------------------
# A sentence ends at . ! ? before a capital/digit/currency (so "129.1" and "vs. 8%" stay
# whole), at a line break, or at the Chinese/Arabic full stops. The pattern opens with the
# one character class of all three, each branch checking (by look-behind) which it read: re
# skips quickly to a leading class, but tries every position for an alternation of classes.
SENTENCE_END_RE = re.compile(
    r"[.!?\n。！？؟](?:"
    r"(?<=[.!?])(?<!\bU\.S\.)(?<!\bvs\.)(?<!\bInc\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)"
    r"(?<!\bNo\.)(?<!\bCo\.)[\"”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9$€£¥\u0600-\u06FF])"
    r"|(?<=\n)\n*"
    r"|(?<=[。！？؟])\s*)")
# A clause ends at a comma (or the like), a dash between spaces, before "and", "but"…, or at a
# full stop after a non-digit; opening with one class, as SENTENCE_END_RE does.
CLAUSE_END_RE = _lc(
    r"[,;:，；、،\s.](?:(?<=[,;:，；、،])\s*|(?<=\s)[-–—]+\s"
    r"|(?<=\s)(?=(?:and|but|while|whereas|although|which|offset\s+by)\s)|(?<=[^\d]\.)(?=\s))")

# --- kind -----------------------------------------------------------------------------------
# English cue words, each opening with a plain letter (see TENSE_EN_RE).
_FORWARD_EN = (
    r"anticipat\w*", r"expect(?:s|ed|ing)?\b", r"expectation\b", r"guid(?:e|es|ing|ance)\b",
    r"outlook", r"forecast\w*", r"project(?:s|ed|ing|ions?)?\b", r"estimat\w*",
    *(rf"{w}\s+(?:be|remain|reach|grow|come)\b" for w in ("will", "would", "should")),
    r"to\s+be\s+(?:in|between|approximately|about|around|roughly|at|over|under|up|down|flat)\b",
    r"plan(?:s|ning)?\s+to\b", r"intend\w*", r"intent\b", r"assum\w+", r"targeting",
    r"reaffirm\w*", r"reiterat\w*", r"raising", r"lowering", r"looking\s+for", r"ranges?\b")
_PAST_EN = (
    r"was", r"were", r"came\s+(?:in|at)", r"grew", r"increased", r"decreased", r"declined",
    r"improved", r"ended", r"delivered", r"generated", r"achieved", r"reported", r"recorded",
    r"exceeded", r"closed", r"landed", r"landing", r"made", r"executed", r"returned", r"marked",
    r"rose", r"fell", r"totaled", r"totalled", r"reached", r"had", r"posted", r"contributed",
    r"accounted", r"used", r"witnessed", r"saw", r"did", r"dropped", r"finished")
FORWARD_RE = {
    "en": _lc(rf"\b(?:{'|'.join(_FORWARD_EN)})"),
    "zh": re.compile(r"預計|预计|預期|预期|展望|指引|預估|预估|將|将會|将会"),
    "ar": re.compile(r"نتوقع|يتوقع|توقعات|نتوقعه|التوجيه|توجيه|إرشادات|سيكون|ستكون|المتوقع"),
}
# Words of the forward family that refer to an earlier forecast: "better than expected",
# "above the high end of guidance", "within our guidance range".
NEUTRAL_RE = _lc(
    r"\b(?:than|as|beat|exceed\w*|above|below|met|meet|within|versus|vs\.?|ahead\s+of|"
    r"in\s+line\s+with|(?:high|low|top|bottom)\s+end\s+of|middle\s+of|near)\s+(?:[\w'’-]+\s+)"
    r"{0,4}?(?:expect\w*|guid\w*|outlook|forecast\w*|estimat\w*)(?:\s+ranges?)?"
    r"|\bexpectations\b")
PAST_RE = {
    "en": _lc(rf"\b(?:{'|'.join(_PAST_EN)})\b"),
    "zh": re.compile(r"為|为|達到|达到|增長了|增长了|下降了|錄得|录得|實現|实现"),
    "ar": re.compile(r"بلغ|بلغت|نما|نمت|ارتفع|ارتفعت|انخفض|انخفضت|وصل|وصلت|حققنا|كان|كانت"),
}
# Both families in one scan of English text. No forward-looking cue shares a start or any text
# with a past-tense one (different words, each whole; the words inside a cue of several, "be",
# "in", "at", "to", "for"…, are cues of neither family), so the one scan finds exactly what
# the two would; keep it so when adding words. The look-ahead for the words' first letters
# rejects most word starts before the alternation is tried.
def _first_letters(words: tuple[str, ...]) -> str:
    """The letters ``words`` (patterns) open with, for a look-ahead in front of them."""
    letters = {w[0] for w in words}
    if not all(c.isalpha() for c in letters):
        raise ValueError("every cue word must open with a plain letter")
    return "".join(sorted(letters))


TENSE_EN_RE = re.compile(
    rf"(?=[{_first_letters(_FORWARD_EN + _PAST_EN)}])"
    rf"\b(?:(?:{'|'.join(_FORWARD_EN)})(?P<forward>)|(?:{'|'.join(_PAST_EN)})\b(?P<past>))")
TARGET_RE = _lc(r"\b(?:target(?:s|ed)?\b(?!\s+(?:customers?|markets?|segments?))|goal"
                       r"|long[\s-]term\s+(?:target|model|goal|framework)|aim(?:s|ing)?\s+"
                       r"(?:to|for)|aspir\w+|ambition|objective|our\s+plan\b)")
# A comparator right before a number: that number is the base of a comparison. Anchored at the
# end, it is tried at every position: the look-ahead for the first letters of its words (keep
# it in step with them) rejects most positions at once.
COMPARATOR_BEFORE_RE = _lc(
    r"(?=[udigrfcvawhblpo相較较م])"
    r"(?:\b(?:up|down|increas\w*|decreas\w*|improv\w*|improvement|declin\w*|grew|rose|fell)"
    r"\s+from|\bfrom|compared\s+(?:to|with)|versus|vs\.?|relative\s+to|against|(?:better|"
    r"worse|higher|lower)\s+than|above|below|prior\s+(?:color|guidance|outlook|view|"
    r"expectations?)\s+(?:of|for)|(?:previous|prior|original)\s+guidance\s+(?:of|for)|"
    r"相比|較|较|مقارنة\s+(?:ب|مع))"
    r"(?:\s+(?:the|our|a|an|approximately|about|around|roughly|nearly|just|some|over|under|"
    r"only|of|prior|previous|original|range|guidance|outlook))*\s*$")
# Literals that every match holds (on lower-cased text): a cheap test that skips the pattern,
# which opens with \b or an alternation and so is tried at every position.
TARGET_HINT_RE = re.compile(r"target|goal|term|aim|aspir|ambition|objective|plan")
COMPARATOR_HINT_RE = re.compile(r"from|compared|versus|vs|relative|against|than|above|below"
                                r"|prior|guidance|相比|較|较|مقارنة")


def comparator_before(low: str, lo: int, hi: int) -> bool:
    """Whether ``low[lo:hi]`` ends with a comparator (COMPARATOR_BEFORE_RE)."""
    return COMPARATOR_HINT_RE.search(low, lo, hi) is not None and (
        COMPARATOR_BEFORE_RE.search(low[lo:hi]) is not None)


def target_before(low: str, lo: int, hi: int) -> bool:
    """Whether a target word stands in ``low[lo:hi]`` (TARGET_RE)."""
    return TARGET_HINT_RE.search(low, lo, hi) is not None and (
        TARGET_RE.search(low, lo, hi) is not None)


# "our 15% target", "the $7.5 million guidance provided in July"
TARGET_AFTER_RE = _lc(r"\s*(?:long[\s-]term\s+)?(?:target|goal)\b")

# --- growth, shares, thresholds -------------------------------------------------------------
# Searched through a number's clause, it opens with \b and so is tried at every position: the
# look-ahead for the first characters of its words (keep it in step with them) rejects most
# positions at once.
GROWTH_RE = _lc(
    r"(?=[udgirfeyqshla增成年同نباع])(?:"
    r"\b(?:up|down|grew|grow(?:s|ing|th)?|increas\w*|decreas\w*|declin\w*|rose|fell|improv\w*"
    r"|expan\w*|year[\s-]+over[\s-]+year|y/y|yoy|sequential(?:ly)?|quarter[\s-]+over[\s-]+"
    r"quarter|higher|lower|accelerat\w*)\b|增長|增长|成長|成长|年增|同比|نمو|بزيادة|ارتفع"
    r"|على\s+أساس\s+سنوي)")
# "up approximately $3 million", "increasing $65 million", "grew by $4 million": a change.
MONEY_CHANGE_BEFORE_RE = _lc(
    r"\b(?:up|down|increas\w*|decreas\w*|declin\w*|grew|rose|fell|improv\w*|growth\s+of|"
    r"decline\s+of|increase\s+of|decrease\s+of)(?:\s+by)?(?:\s+(?:approximately|about|"
    r"around|roughly|nearly|over|some|more\s+than|an\s+additional|another))*\s*$")
# A literal every MONEY_CHANGE_BEFORE_RE match holds (its first, mandatory word).
MONEY_CHANGE_HINT_RE = re.compile(r"up|down|increas|decreas|declin|grew|rose|fell|improv|growth")


def money_change_before(low: str, lo: int, hi: int) -> bool:
    """Whether ``low[lo:hi]`` ends with a change word (MONEY_CHANGE_BEFORE_RE), testing the
    hint first: the pattern opens with \b and is tried at every position."""
    return MONEY_CHANGE_HINT_RE.search(low, lo, hi) is not None and (
        MONEY_CHANGE_BEFORE_RE.search(low, lo, hi) is not None)
PCT_OF_REVENUE_AFTER_RE = _lc(
    r"\s*(?:of\s+(?:our\s+)?(?:total\s+|overall\s+|net\s+)?(?:service\s+|services\s+)?"
    r"(?:revenues?|sales)\b|of\s+(?:the\s+|our\s+)?(?:(?:overall\s+)?company['’]s\s+|"
    r"total\s+|overall\s+)?(?P<arr>ARR)\b|of\s+(?:our\s+|the\s+)?(?:total\s+|overall\s+)?"
    r"(?:new\s+)?(?P<book>bookings)\b)")
PCT_OF_REVENUE_BEFORE_RE = _lc(
    r"\bas\s+a\s+(?:percent(?:age)?|%|share|portion)\s+of\s+(?:total\s+)?revenues?\b")
# What every PCT_OF_REVENUE_BEFORE_RE match holds, opening with a literal (re skips to it),
# where the pattern opens with \b and is tried at every position.
PCT_OF_REVENUE_HINT_RE = re.compile(r"as\s+a\s")
THRESHOLD_BEFORE_RE = _lc(
    r"(?:(?:greater|more|larger|higher)\s+than|over|above|exceeding|in\s+excess\s+of|at\s+"
    r"least|超過|超过|逾|أكبر\s+من|أكثر\s+من|تتجاوز)\s*$")
# The words a THRESHOLD_BEFORE_RE match can end with (before the spaces up to the number).
_THRESHOLD_LAST_WORDS = ("than", "over", "above", "exceeding", "of", "least", "超過", "超过",
                         "逾", "من", "تتجاوز")


def threshold_before(low: str, lo: int, hi: int) -> bool:
    """Whether ``low[lo:hi]`` ends with "more than", "over"… (THRESHOLD_BEFORE_RE), checking
    the last word before trying the pattern, which is anchored at the end."""
    return low[lo:hi].rstrip().endswith(_THRESHOLD_LAST_WORDS) and (
        THRESHOLD_BEFORE_RE.search(low, lo, hi) is not None)


THRESHOLD_OWNER_RE = _lc(r"\b(?:customers?|clients?|deals?|contracts?|accounts?|"
                                r"logos?|bookings?|wins?)\b|عميل|عملاء|客戶|客户")
# "Excluding restricted cash, the balance…": the metric named there is not the subject.
EXCLUSION_RE = _lc(r"\b(?:excluding|exclude[sd]?|aside\s+from|other\s+than|net\s+of|"
                          r"except(?:\s+for)?|before)\s+(?:[\w-]+\s+){0,3}$")
# A literal every EXCLUSION_RE match holds: a cheap test before the pattern, which opens with
# \b and so is tried at every position.
EXCLUSION_HINT_RE = re.compile(r"exclud|aside|other|net|except|before")
# "declined to approximately 4%": the number after "to" is the new level, not the change.
LEVEL_BEFORE_RE = _lc(r"\bto(?:\s+(?:approximately|about|around|roughly|nearly|just|"
                             r"over|under|only))*\s*$")
# The words a LEVEL_BEFORE_RE match can end with (before the spaces up to the number).
_LEVEL_LAST_WORDS = ("to", "approximately", "about", "around", "roughly", "nearly", "just",
                     "over", "under", "only")


def level_before(low: str, lo: int, hi: int) -> bool:
    """Whether ``low[lo:hi]`` ends with "to" and its fillers (LEVEL_BEFORE_RE); the pattern,
    anchored at the end and opening with \b, is tried at every position, so the last word
    is checked first."""
    return low[lo:hi].rstrip().endswith(_LEVEL_LAST_WORDS) and (
        LEVEL_BEFORE_RE.search(low, lo, hi) is not None)

# --- basis ----------------------------------------------------------------------------------
BASIS_RE = _lc(r"(?<![\w-])(?:(?P<non>non[\s-]?GAAP|adjusted|non[\s-]?IFRS)|"
                      r"(?P<gaap>GAAP|IFRS))(?![\w-])|(?P<znon>非\s*GAAP|調整後|调整后)"
                      r"|(?P<agaap>غير\s+GAAP|غير\s+المعدل)")
# A literal that every BASIS_RE match holds (on lower-cased text): a cheap test that skips
# BASIS_RE, which opens with a look-behind and so is tried at every position.
BASIS_HINT_RE = re.compile(r"gaap|adjusted|ifrs|調整後|调整后|غير")
# "All financial metrics … are non-GAAP, unless otherwise noted": a default for the call.
BASIS_SCOPE_RE = _lc(
    r"(?:\b(?:all|unless\s+otherwise\s+(?:noted|stated|indicated|mentioned|specified))\b"
    r"[^.]{0,160}?(?:(?<![\w-])(?P<non>non[\s-]?GAAP)|(?<![\w-])(?P<gaap>GAAP)(?!\s+"
    r"(?:measures?|results?|financial))))")
# "Turning to GAAP metrics." sets the basis for the rest of the paragraph.
BASIS_TURN_RE = _lc(r"\b(?:turning|moving|switching|turn|move|looking)\s+(?:now\s+)?"
                           r"(?:to|at)\s+(?:our\s+|the\s+)?(?P<b>non[\s-]?GAAP|GAAP)\b")


# A sentence that sets the scope of what follows: "So for the first quarter of fiscal 2021…"
SCOPE_SENTENCE_RE = _lc(r"\W*(?:(?:so|and|now)\b,?\s+)?(?:for|in|looking\s+at|"
                               r"turning\s+to|as\s+for)\b")


def basis_of(match: re.Match[str]) -> str:
    """``non_gaap`` or ``gaap`` for a match of BASIS_RE / BASIS_SCOPE_RE / BASIS_TURN_RE."""
    g = match.groupdict()
    if g.get("b"):
        return "gaap" if g["b"].upper() == "GAAP" else "non_gaap"
    return "gaap" if (g.get("gaap") and not g.get("non")) else "non_gaap"


def explicit_basis(low: str, lo: int, hi: int) -> str | None:
    """The basis the last basis word of ``low[lo:hi]`` names, if any."""
    if not BASIS_HINT_RE.search(low, lo, hi):
        return None  # no basis word can be there
    found = None
    for m in BASIS_RE.finditer(low, lo, hi):
        found = m
    return basis_of(m) if (m := found) else None


def forward_cues(text: str, lang: str = "en") -> list[int]:
    """Positions of forward-looking cues in ``text`` that are not references to an earlier
    forecast ("than expected", "above guidance")."""
    pattern = FORWARD_RE.get(lang, FORWARD_RE["en"])
    text = lower(text)
    hits = [m.start() for m in pattern.finditer(text)]
    if not hits or lang != "en":
        return hits
    neutral = [(m.start(), m.end()) for m in NEUTRAL_RE.finditer(text)]
    return [h for h in hits if not any(s <= h < e for s, e in neutral)]


def past_cues(text: str, lang: str = "en") -> list[int]:
    """Positions of past-tense reporting verbs ("was", "came in", "grew") in ``text``."""
    return [m.start() for m in PAST_RE.get(lang, PAST_RE["en"]).finditer(lower(text))]


# The two below search the sentence ``low[start:end]`` of lower-cased text in place, giving
# positions in ``low``: what the sentence's own lower-cased copy would give, shifted. The
# patterns look outside their match only through ``\b``; a sentence starts after a space or a
# full stop (no word character), and ``end`` bounds the search as the end of a string would.
def forward_in(low: str, start: int, end: int, lang: str = "en") -> list[int]:
    """``forward_cues`` of the sentence ``low[start:end]`` (positions in ``low``)."""
    hits = [m.start() for m in FORWARD_RE.get(lang, FORWARD_RE["en"]).finditer(low, start, end)]
    if not hits or lang != "en":
        return hits
    neutral = [(m.start(), m.end()) for m in NEUTRAL_RE.finditer(low, start, end)]
    return [h for h in hits if not any(s <= h < e for s, e in neutral)] if neutral else hits


def past_in(low: str, start: int, end: int, lang: str = "en") -> list[int]:
    """``past_cues`` of the sentence ``low[start:end]`` (positions in ``low``)."""
    return [m.start() for m in PAST_RE.get(lang, PAST_RE["en"]).finditer(low, start, end)]


def tense_in(low: str, start: int, end: int, lang: str = "en") -> tuple[list[int], list[int]]:
    """``forward_in`` and ``past_in`` of the sentence ``low[start:end]`` (English: in one
    scan, TENSE_EN_RE)."""
    if lang != "en":
        return forward_in(low, start, end, lang), past_in(low, start, end, lang)
    hits: list[int] = []
    past: list[int] = []
    for m in TENSE_EN_RE.finditer(low, start, end):
        (hits if m.lastgroup == "forward" else past).append(m.start())
    if not hits:
        return hits, past
    neutral = [(m.start(), m.end()) for m in NEUTRAL_RE.finditer(low, start, end)]
    if neutral:
        hits = [h for h in hits if not any(s <= h < e for s, e in neutral)]
    return hits, past


def tense_kind(forward: list[int], past: list[int], lo: int, hi: int, pos: int) -> str | None:
    """The kind the tense cues within ``[lo, hi)`` give a number at ``pos`` (None: there
    are none): the nearest cue before it, else the first one after it (a forward-looking cue
    wins a tie). The cue positions come in ascending order."""
    fwd_before = fwd_first = past_before = past_first = None
    for p in forward:
        if lo <= p < hi:
            fwd_first = p if fwd_first is None else fwd_first
            if p < pos:
                fwd_before = p
    for p in past:
        if lo <= p < hi:
            past_first = p if past_first is None else past_first
            if p < pos:
                past_before = p
    if fwd_first is None and past_first is None:
        return None
    if fwd_before is not None or past_before is not None:
        if past_before is None or (fwd_before is not None and fwd_before >= past_before):
            return "guidance"
        return "actual"
    return "guidance" if (hi if fwd_first is None else fwd_first) < (
        hi if past_first is None else past_first) else "actual"


def number_kind(low: str, view, q_start: int, q_end: int, left: int,
                tense: tuple[list[int], list[int]], clause: tuple[int, int, int]) -> str:
    """actual / guidance / target / comparison of the number at ``[q_start, q_end)`` from
    the words before and around it (``view``: its sentence's SentenceView, ``left``: where
    its own words start, ``tense``: the sentence's forward-looking and past-tense cues,
    ``clause``: ``view.clause_at(q_start)``): a
    comparator right before it, a target word, else the nearest forward-looking or
    past-tense cue before it in its clause (then in its sentence)."""
    if comparator_before(low, max(left, q_start - 60), q_start):
        return "comparison"
    _, c_start, c_end = clause
    if TARGET_AFTER_RE.match(low, q_end) or target_before(low, max(c_start, q_start - 60),
                                                           q_start):
        return "target"
    forward, past = tense
    if not forward and not past:
        return "actual"  # no tense cue in the sentence: tense_kind would find none
    return (tense_kind(forward, past, c_start, c_end, q_start)
            or tense_kind(forward, past, view.start, view.end, q_start) or "actual")
