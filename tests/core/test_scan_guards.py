"""The scanner's cheap guards skip a pattern only where it cannot match.

``numbers.scan`` tries each suffix pattern only when the first character after the blanks
can start it (``lexicon.NOT_*``), the hard-reject patterns only next to the characters they
can touch, and ``PREFIX_RE`` only at starts no plain word blocks. These sets are written by
hand beside the patterns; here every pattern is run at every position of real text (our demo
transcripts, the fixtures, the seeds when present) and of text built from the patterns' own
words, and wherever it matches, the guard must have let it try.
"""

from __future__ import annotations

import re

import pytest

from reviewer.core.extract.numbers import counts as ct
from reviewer.core.extract.numbers import lexicon as lx
from reviewer.core.extract.numbers import prefix as px
from reviewer.core.extract.numbers import scan as sc
from tests.guard_texts import real_texts as _real_texts

_SEPARATORS = ("", " ", "  ", "-", " - ", " -", "\t", "\u00a0", "\n", " \n ")

GUARDED = [
    (lx.SCALE_SPACED_RE, lx.NOT_SCALE_SPACED),
    (lx.SUFFIX_CURRENCY_RE, lx.NOT_CURRENCY),
    (lx.SUFFIX_PERCENT_RE, lx.NOT_PERCENT),
    (lx.SUFFIX_BPS_RE, lx.NOT_BPS),
    (lx.SUFFIX_POINTS_RE, lx.NOT_POINTS),
    (lx.SUFFIX_UNIT_RE, lx.NOT_UNIT),
    (lx.SUFFIX_COUNT_RE, lx.NOT_COUNT),
    (lx.SUFFIX_APPROX_RE, lx.NOT_APPROX),
    (lx.SUFFIX_PER_RE, lx.NOT_PER),
]


def _vocabulary(pattern: re.Pattern[str]) -> set[str]:
    """The words and signs written in a pattern, in the cases a text may write them."""
    words = set(re.findall(r"[A-Za-z]+|[^\x00-\x7f]+|[%+/$~]", pattern.pattern))
    return {form for w in words for form in (w, w.lower(), w.upper(), w.title())}


def _built_texts(pattern: re.Pattern[str]) -> list[str]:
    """"5" then each word of the pattern after each separator, then a common ending, and
    pairs of its words ("5 basis points", "5 U.S. dollars", "5 or more")."""
    vocab = sorted(_vocabulary(pattern))
    out = [f"5{sep}{w} of the year." for w in vocab for sep in _SEPARATORS]
    out += [f"5 {a} {b}" for a in vocab for b in vocab if len(a) > 1 and len(b) > 1][:20000]
    return out


@pytest.fixture(scope="module")
def real_texts() -> list[str]:
    texts = _real_texts()
    assert len(texts) >= 10  # the demo transcripts and the fixtures at least
    return texts


@pytest.mark.parametrize("pattern, never", GUARDED, ids=lambda x: getattr(x, "pattern", "")[:30])
def test_suffix_guard_lets_every_match_try(pattern: re.Pattern[str], never: frozenset,
                                           real_texts: list[str]) -> None:
    tried = 0
    for text in [*real_texts, *_built_texts(pattern)]:
        for p in range(len(text)):
            if pattern.match(text, p):
                tried += 1
                assert sc._next_char(text, p) not in never, (pattern.pattern[:40], text[p:p + 30])
    assert tried > 0  # the texts hold matches of every pattern


def test_scale_attached_only_after_its_letters(real_texts: list[str]) -> None:
    texts = [*real_texts, *_built_texts(lx.SCALE_ATTACHED_RE)]
    for text in texts:
        for p in range(len(text)):
            if lx.SCALE_ATTACHED_RE.match(text, p):
                assert text[p] in sc._SCALE_ATTACHED_FIRST


_HARD_CASES = ["8x8", "8 x 8", "8 ×  8", "9:00", "9 : 00", "12/31", "'26", "’26", "#3",
               "3.1.2", "Covid-19", "1x", "5 x", "٣٫٥", "5-odd", "x 8", "1\u00a0x\u00a02",
               "a 5 b", "(12)", "$5", "5%"]


def _mark_cases() -> list[str]:
    """Each mark and blank the patterns name, on either side of a number, spaced or not."""
    marks = "x×:/.٫'’‘#-a \t\u00a0"
    return [form for c in marks for form in (f"5{c}6", f"5{c}6{c}7", f"5 {c} 6", f"5{c} 6",
                                             f"a{c}5", f"{c} 5", f"5{c}", f"5 {c}")]


def test_hard_reject_is_the_patterns(real_texts: list[str]) -> None:
    """``_hard_reject`` says what the two patterns (and "-odd") say, at every digit core."""
    checked = 0
    for text in [*real_texts, *_HARD_CASES, *_mark_cases()]:
        for m in lx.DIGIT_CORE_RE.finditer(text):
            s, e = m.span()
            plain = bool(lx.HARD_BEFORE_RE.search(text, max(0, s - 4), s)
                         or lx.HARD_AFTER_RE.match(text, e) or text.startswith("-odd", e))
            assert sc._hard_reject(text, s, e) == plain, text[max(0, s - 6):e + 6]
            checked += plain
    assert checked > 10  # rejections do occur


def test_prefix_starts_skipped_only_where_no_prefix_spans(real_texts: list[str]) -> None:
    """``match_before`` with the space rule finds what it finds trying every start."""
    extra = [f"{w} 5" for w in lx.PREFIX_SPACE_ENDS if w.strip()]
    extra += ["in excess of $5", "more than US $ 5", "up to about 5", "close to minus 5",
              "well over USD 5", "just under ~ 5", "approx. 5", "fewer than 5", "ca. 5"]
    found = 0
    for text in [*real_texts, *extra]:
        for m in lx.DIGIT_CORE_RE.finditer(text):
            s = m.start()
            fast = px.match_before(lx.PREFIX_RE, text, s, lx.PREFIX_WINDOW, 5,
                                   lx.PREFIX_SPACE_ENDS)
            slow = px.match_before(lx.PREFIX_RE, text, s, lx.PREFIX_WINDOW, 5)
            assert (fast and fast.span()) == (slow and slow.span()), text[max(0, s - 30):s]
            found += bool(slow and slow.end() > slow.start())
    assert found > 50


def _core_starts(texts: list[str]) -> list[tuple[str, int]]:
    """(text, start) of every digit core, and of numbers after the words the readers name."""
    built = [f"{w} {c}5" for w in [*lx.PREFIX_SPACE_ENDS, *lx.PREFIX_LAST_WORDS,
                                   "in excess of", "up to", "more than", "at least", "was",
                                   "May", "fiscal", "top", "of our top", "Q4"]
             for c in ("", "$", "($", "~")]
    return [(t, m.start()) for t in [*texts, *built] for m in lx.DIGIT_CORE_RE.finditer(t)]


def test_prefix_shortcuts_read_what_match_before_reads(real_texts: list[str]) -> None:
    """``dollar_alone`` (a "$" that is the whole prefix), ``may_have_prefix`` (no prefix can
    end here) and ``soft_before`` each say what trying the pattern would."""
    dollars = soft = 0
    for text, s in _core_starts(real_texts):
        full = px.match_before(lx.PREFIX_RE, text, s, lx.PREFIX_WINDOW)
        if s and text[s - 1] == "$" and px.dollar_alone(text, s):
            assert full is not None and full.span() == (s - 1, s), text[max(0, s - 30):s]
            dollars += 1
        if not px.may_have_prefix(text, s):
            assert full is None or full.end() == full.start(), text[max(0, s - 30):s]
        plain = px.match_before(lx.SOFT_BEFORE_RE, text, s, 24, 2)
        fast = px.soft_before(text, s)
        assert (fast and fast.span()) == (plain and plain.span()), text[max(0, s - 30):s]
        soft += plain is not None
    assert dollars > 50 and soft > 50


def test_hint_words_grouped_by_first_letter_find_the_same(real_texts: list[str]) -> None:
    """``counts._HINT_EN_RE`` groups its hint words under their first letters: it finds the
    same words at the same places as the plain alternation, longest first."""
    words = sorted(ct._HINT_FAMILIES, key=len, reverse=True)
    grouped = "(" + lx.by_first_letter("|".join(re.escape(w) for w in words)) + ")"
    assert ct._HINT_EN_RE.pattern.endswith(grouped)
    plain = re.compile(ct._HINT_EN_RE.pattern[:-len(grouped)] + "("
                       + "|".join(re.escape(w) for w in words) + ")")
    built = [f"{a} {b}." for a in words for b in words]
    found = 0
    for text in [*real_texts, *built]:
        low = " " + text.lower()
        got = [(m.span(1), m.group(1)) for m in ct._HINT_EN_RE.finditer(low)]
        assert got == [(m.span(1), m.group(1)) for m in plain.finditer(low)], text[:60]
        found += len(got)
    assert found > 1000


def test_count_nouns_grouped_by_first_letter_match_the_same(real_texts: list[str]) -> None:
    """``SUFFIX_COUNT_RE`` groups its nouns and stop words under their first letters: the
    same matches, groups included, as the plain alternations at every position."""
    plain = lx.count_suffix(lx.COUNT_NOUNS, lx.COUNT_STOP)
    names = plain.groupindex
    built = [f"5 {m} {n}." for m in ("new", "enterprise", "a", "an", "seat", "AT&T", "cross-sell")
             for n in lx.COUNT_NOUNS.split("|")]
    found = 0
    for text in [*real_texts, *_built_texts(lx.SUFFIX_COUNT_RE), *built]:
        for p in range(len(text)):
            fast, slow = lx.SUFFIX_COUNT_RE.match(text, p), plain.match(text, p)
            assert (fast and [fast.span(g) for g in names]) == (
                slow and [slow.span(g) for g in names]), text[p:p + 40]
            assert (fast and fast.span()) == (slow and slow.span())
            found += slow is not None
    assert found > 1000
