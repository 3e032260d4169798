"""The words before a number: its prefix (approximation, sign, currency, opening
parenthesis) and the soft context ("May", "fiscal", "top") that makes a bare number a date, a
rank or a name.

``match_before`` finds the longest match of an end-anchored pattern that ends at a position,
trying only the starts where a word can begin; ``numbers.scan`` reads each core's prefix with it.
"""

from __future__ import annotations

import re
import string

from reviewer.core.extract.numbers import lexicon as lx
from reviewer.core.extract.numbers.piece import Piece

_PLUS_OR_RE = re.compile(r"plus\s+or\s+\Z", re.IGNORECASE)


def may_have_prefix(text: str, s: int) -> bool:
    """Cheap test before reading a prefix: most numbers follow a plain word and a space."""
    if s == 0:
        return False
    c = text[s - 1]
    if c != " ":
        return True
    j = text.rfind(" ", s - 24 if s > 24 else 0, s - 1)
    word = text[j + 1:s - 1]
    lower = word.lower()
    if lower in lx.PREFIX_PHRASE_ENDS and j > 0:  # "in excess of": the word before decides
        lo = s - lx.PREFIX_WINDOW if s > lx.PREFIX_WINDOW else 0
        k = text.rfind(" ", lo, j)
        before = text[k + 1 if k >= lo else lo:j]
        return not before or not before.isascii() or before[-1].isspace() or (
            before.lower().endswith(lx.PREFIX_PHRASE_ENDS[lower]))
    return lower in lx.PREFIX_LAST_WORDS or word[-1:] in lx.PREFIX_END_CHARS


def dollar_alone(text: str, s: int) -> bool:
    """Whether the prefix of a number at ``s`` after a "$" is that "$" alone: at the start
    of the text, or after a space after a word no prefix spans (``lx.PREFIX_SPACE_ENDS``).
    Then ``match_before(lx.PREFIX_RE, text, s, …)`` tries only the starts after that space,
    and the "$" matches; this says so without trying PREFIX_RE (most amounts follow "was")."""
    if s == 1:
        return True
    if text[s - 2] != " ":
        return False
    lo = s - lx.PREFIX_WINDOW if s > lx.PREFIX_WINDOW else 0
    k = text.rfind(" ", lo, s - 2)
    word = text[k + 1 if k >= lo else lo:s - 2]
    return bool(word) and word.isascii() and not word.lower().endswith(lx.PREFIX_SPACE_ENDS)


def match_before(
    pattern: re.Pattern[str], text: str, end: int, window: int, words: int = 5,
    space_ends: tuple[str, ...] | None = None,
) -> re.Match | None:
    """The longest match of ``pattern`` (which ends with \\Z) that ends at ``end``.

    Rather than searching every start in the window, try only where one of the last
    ``words`` words can begin (after a space), and the last three characters (an attached
    "$", "(", "約").

    ``space_ends``, when given, lists how the text before a space inside any match of
    ``pattern`` can end (lower-cased; non-ASCII text always may): no start at or before a
    space after any other word can match, so those starts are not tried.
    """
    # (Conditional expressions rather than max(): this runs for most numbers.)
    lo = end - window if end > window else 0
    tail = end - 3 if end - 3 > lo else lo
    floor = lo - 1  # only starts above it can match
    word_starts = []
    j = text.rfind(" ", lo, end)
    for _ in range(words):
        if j == -1:
            break
        if j + 1 < tail:
            word_starts.append(j + 1)
        k = text.rfind(" ", lo, j)
        if space_ends is not None:
            word = text[k + 1 if k >= lo else lo:j]  # the text between two spaces
            if word and word.isascii() and not word.lower().endswith(space_ends):
                floor = j  # no match goes on past this space
                break
        j = k
    # The starts ascending and distinct: ``lo``, the word starts (found right to left, all
    # above ``lo``) below ``tail``, then the tail.
    if floor < lo < tail:
        m = pattern.match(text, lo, end)
        if m:
            return m
    for start in reversed(word_starts):
        m = pattern.match(text, start, end)
        if m:
            return m
    for start in range(tail if tail > floor else floor + 1, end + 1):
        m = pattern.match(text, start, end)
        if m:
            return m
    return None


_PREFIX_GROUPS = ("approx", "approx_sym", "approx_cn", "approx_ar", "sign_word", "sign_ar",
                  "sign_cn", "sign", "paren0", "cur", "sign2", "paren")
_SURFACE_GROUPS = ("sign_word", "sign_ar", "sign_cn", "sign", "cur", "sign2", "paren")


def read_prefix(text: str, pm: re.Match[str], piece: Piece) -> tuple[bool, bool]:
    """Set the approximation, sign, currency and surface start that the prefix ``pm`` (a
    match of PREFIX_RE) gives ``piece``; whether it opens a parenthesis after the currency
    ("$(1.2)") and before it ("($0.05)")."""
    start = pm.start()
    if text[start] == "$" and pm.end() == start + 1:  # "$" alone, the commonest: "cur"
        piece.currency, piece.start = "USD", start  # (no other group can match a "$")
        return False, False
    (approx, approx_sym, approx_cn, approx_ar, sign_word, sign_ar, sign_cn, sign, paren0, cur,
     sign2, paren) = pm.group(*_PREFIX_GROUPS)
    piece.approx = bool(approx or approx_sym or approx_cn or approx_ar)
    piece.negative = bool(sign_word or sign_ar or sign_cn or sign or sign2)
    if cur:
        piece.currency = lx.CURRENCY_SYMBOLS.get("".join(cur.split()).upper(), "USD")
    tolerance = sign_word and _PLUS_OR_RE.search(
        text, max(0, pm.start("sign_word") - 12), pm.start("sign_word"))
    if tolerance:  # "$1.78 billion plus or minus $50 million": a tolerance, not a loss
        piece.negative, piece.approx = False, True
    # the surface starts at the sign or currency; approximation words stay outside
    surface = (None if tolerance else sign_word, sign_ar, sign_cn, sign, cur, sign2, paren)
    for group, value in zip(_SURFACE_GROUPS, surface, strict=True):
        if value:
            piece.start = pm.start(group)
            break
    return bool(paren), bool(paren0)


def soft_before(text: str, end: int) -> re.Match | None:
    """``match_before(lx.SOFT_BEFORE_RE, text, end, 24, 2)``: "May", "fiscal", "top"… right
    before ``end`` (then blanks), which make a bare number there a date, a rank, a name."""
    q = end
    while q > 0 and text[q - 1] in _BLANKS:
        q -= 1
    r = q
    while r > 0 and text[r - 1] in _LETTERS:
        r -= 1
    # Every word of the pattern has a lookbehind: the whole word before the blanks must be
    # one of its last words (unless a non-ASCII letter, which may fold to one, precedes it).
    if r < q and (r == 0 or text[r - 1].isascii()) and (
            text[r:q].lower() not in lx.SOFT_BEFORE_LAST_WORDS):
        return None
    return match_before(lx.SOFT_BEFORE_RE, text, end, 24, 2)


_LETTERS = frozenset(string.ascii_letters)
_BLANKS = frozenset(" \t\u00a0")
