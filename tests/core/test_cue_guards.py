"""The metric and period cues' cheap guards change no answer.

``metrics.cues`` tests a literal hint, the last word, or a look-ahead of first letters
before the patterns that would otherwise be tried at every position of a window, and reads
the English tense cues of both families in one scan. Each is checked against the plain
pattern on windows ending at every word start of our real texts (where a number can stand),
the same windows the extractor searches.
"""

from __future__ import annotations

import re

import pytest

from reviewer.core.extract.metrics import cues
from reviewer.core.extract.metrics import periods as pe
from tests.guard_texts import real_texts

WINDOW = 60


@pytest.fixture(scope="module")
def windows() -> list[tuple[str, int, int]]:
    """(lower-cased text, lo, hi) for a window ending at every word start of every text."""
    out = []
    for text in real_texts():
        low = cues.lower(text)
        out += [(low, max(0, m.start() - WINDOW), m.start())
                for m in re.finditer(r"(?<=\s)\S", low)]
    assert len(out) > 50_000
    return out


def _without_lookahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern with its leading first-letter look-ahead removed."""
    m = re.match(r"\(\?=\[[^\]]*\]\)", pattern.pattern)
    assert m, "the pattern opens with a first-letter look-ahead"
    return re.compile(pattern.pattern[m.end():], pattern.flags)


@pytest.mark.parametrize("pattern", [cues.COMPARATOR_BEFORE_RE, pe._COMPARATOR_RE,
                                     cues.GROWTH_RE],
                         ids=["comparator_before", "period_comparator", "growth"])
def test_first_letter_lookahead_finds_what_the_pattern_finds(pattern, windows) -> None:
    plain = _without_lookahead(pattern)
    hits = 0
    for low, lo, hi in windows:
        fast, slow = pattern.search(low, lo, hi), plain.search(low, lo, hi)
        assert (fast and fast.span()) == (slow and slow.span()), low[lo:hi]
        hits += slow is not None
    assert hits > 20


@pytest.mark.parametrize("guarded, pattern", [
    (cues.threshold_before, cues.THRESHOLD_BEFORE_RE),
    (cues.level_before, cues.LEVEL_BEFORE_RE),
    (cues.money_change_before, cues.MONEY_CHANGE_BEFORE_RE),
], ids=["threshold", "level", "money_change"])
def test_last_word_tests_answer_as_the_pattern(guarded, pattern, windows) -> None:
    hits = 0
    for low, lo, hi in windows:
        expected = pattern.search(low, lo, hi) is not None
        assert guarded(low, lo, hi) == expected, low[lo:hi]
        hits += expected
    assert hits > 5


@pytest.mark.parametrize("hint, pattern", [
    (cues.EXCLUSION_HINT_RE, cues.EXCLUSION_RE),
    (cues.PCT_OF_REVENUE_HINT_RE, cues.PCT_OF_REVENUE_BEFORE_RE),
    (cues.COMPARATOR_HINT_RE, cues.COMPARATOR_BEFORE_RE),
    (cues.TARGET_HINT_RE, cues.TARGET_RE),
    (cues.BASIS_HINT_RE, cues.BASIS_RE),
], ids=["exclusion", "pct_of_revenue", "comparator", "target", "basis"])
def test_every_match_holds_its_hint(hint, pattern, windows) -> None:
    """A hint tested on a window first skips nothing: every match of the pattern in a
    window holds the hint inside the match."""
    seen = 0
    for low, lo, hi in windows:
        for m in pattern.finditer(low, lo, hi):
            assert hint.search(m.group()), m.group()
            seen += 1
    assert seen > 5


def test_one_tense_scan_finds_both_families() -> None:
    """``tense_in`` gives, for every sentence, what forward_cues and past_cues give."""
    checked = 0
    for text in real_texts():
        low = cues.lower(text)
        if len(low) != len(text):
            continue
        for para in re.finditer(r"[^\n]+", text):
            for m in re.finditer(r"[^.!?]+[.!?]?", para.group()):
                s, e = para.start() + m.start(), para.start() + m.end()
                if s and not low[s - 1].isspace() and low[s - 1] not in ".!?":
                    continue
                sentence = text[s:e]
                forward = [s + p for p in cues.forward_cues(sentence)]
                past = [s + p for p in cues.past_cues(sentence)]
                assert cues.tense_in(low, s, e) == (forward, past), sentence
                checked += bool(forward or past)
    assert checked > 500
