"""Anchored patterns and the patterns rewritten for speed find exactly what the plain ones find.

Speed is measured by bench/bench_extract.py; here only sameness: every ``AnchoredPattern`` of
the extractor against its own pattern, and each rewritten pattern against its plain form, on
the demo transcripts and on generated text full of the words they look for.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.core.extract import annotate
from reviewer.core.extract.anchored import FOLD_EXCEPTIONS, AnchoredPattern, lowered_texts
from reviewer.core.extract.metrics import cues, fiscal, periods
from reviewer.core.extract.speakers import cues as speakers_cues
from reviewer.core.extract.speakers import qa as speakers_qa
from reviewer.core.extract.speakers.board import Board
from reviewer.core.ingest import parse_file
from tests.conftest import DEMO

ANCHORED = {f"{mod.__name__.rsplit('.', 1)[-1]}.{name}": value
            for mod in (speakers_cues, speakers_qa, periods, fiscal)
            for name, value in vars(mod).items() if isinstance(value, AnchoredPattern)}
# The rewritten patterns and their plain forms (same matches; the plain ones are tried at every
# position by re, the rewritten ones open with a literal or a character class).
PLAIN = {
    "SENTENCE_END_RE": (cues.SENTENCE_END_RE, False, re.compile(
        r"[.!?](?<!\bU\.S\.)(?<!\bvs\.)(?<!\bInc\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)"
        r"(?<!\bNo\.)(?<!\bCo\.)[\"”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9$€£¥\u0600-\u06FF])|\n+"
        r"|[。！？؟]\s*")),
    "CLAUSE_END_RE": (cues.CLAUSE_END_RE, True, re.compile(
        r"[,;:，；、،]\s*|\s[-–—]+\s|\s(?=(?:and|but|while|whereas|although|which|offset\s+by)"
        r"\s)|(?<=[^\d])\.(?=\s)")),
    "_KEYWORD_RE": (periods._KEYWORD_RE, True, re.compile(
        r"quarter|year|fiscal|fy|half|quential|nnually|months?\b|q[1-4]|[1-4]q|ttm|ltm|q/q|y/y"
        r"|qoq|(?:19|20)\d\d\b")),
    "_PERIOD_HINT_RE": (annotate._PERIOD_HINT_RE, True, re.compile(
        r"quarter|year|fiscal|fy|q[1-4]|[1-4]q|half|季|财年|財年|الربع|المالي")),
}
_WORDS = [
    "Vic", "Sam", "Victoria", "O'Brien", "Hyde-Dunn", "Vic's", "Sam’s", "as", "As", "said",
    "mentioned", "comments", "point", "turn", "the call", "over to", "hand", "pass", "Take it away",
    "I'll let", "I’ll", "I will", "and then", "then", "can", "provide", "for", "For", "ask", "you,",
    "Thanks", "Thank you", "I'm", "I am", "this is", "it's", "my name is", "my", "me", "became",
    "CFO", "CEO", "chief financial officer", "the", "question", "comes from", "the line of",
    "no further questions", "concludes", "joining me today", "safe harbor", "gross margin",
    "cash, cash equivalents", "EBITDA", "non-GAAP", "DSOs", "we expect", "net income", "ended",
    "ending", "June", "quarter", "fiscal", "q2", "2q", "2021", "half", "ttm", "U.S.", "vs.",
    "Inc.", "which", "offset by", "季", "。", "؟", "İ", "ı", "ſ", "K", "9.5", "—", "--", "-",
]
_SEPARATORS = [" ", " ", "  ", "\n", ", ", ". ", "? ", "! ", ",", ".", "?", "", "’", "(", "\""]
_TEXT = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)),
                 max_size=30).map(lambda parts: "".join(w + s for w, s in parts))


def _found(matches) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in matches]


def _demo_texts() -> list[str]:
    texts = []
    for path in sorted(DEMO.glob("*.txt")):
        parsed = parse_file(path)
        texts.append(parsed.text)
        texts += Board.of(parsed).texts
    return texts


@pytest.fixture(scope="module")
def demo_texts() -> list[str]:
    return _demo_texts()


@pytest.mark.parametrize("name", sorted(ANCHORED))
def test_anchored_patterns_find_what_their_pattern_finds(name, demo_texts) -> None:
    anchored = ANCHORED[name]
    for text in demo_texts:
        assert _found(anchored.finditer(text)) == _found(anchored.pattern.finditer(text))
        end = len(text) // 3
        assert _found(anchored.finditer(text, end)) == \
            _found(anchored.pattern.finditer(text, 0, end))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, cut=st.integers(min_value=0, max_value=400))
def test_anchored_patterns_on_generated_text(text, cut) -> None:
    with lowered_texts():
        for name, anchored in ANCHORED.items():
            assert _found(anchored.finditer(text)) == _found(anchored.pattern.finditer(text)), name
            assert _found(anchored.finditer(text, cut)) == \
                _found(anchored.pattern.finditer(text, 0, cut)), name


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_rewritten_patterns_match_their_plain_form(name, demo_texts) -> None:
    fast, on_lower, plain = PLAIN[name]
    for text in demo_texts:
        text = cues.lower(text) if on_lower else text
        assert _found(fast.finditer(text)) == _found(plain.finditer(text))


@settings(max_examples=300, deadline=None)
@given(text=_TEXT)
def test_rewritten_patterns_on_generated_text(text) -> None:
    for name, (fast, on_lower, plain) in PLAIN.items():
        t = cues.lower(text) if on_lower else text
        assert _found(fast.finditer(t)) == _found(plain.finditer(t)), name


def test_fold_exceptions_are_all_the_characters_lowercasing_gets_wrong() -> None:
    """Outside FOLD_EXCEPTIONS, a character that re.IGNORECASE reads as an ASCII letter is
    that letter once lowercased, and lowercasing keeps every offset."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    wrong = set()
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        low = c.lower()
        if len(low) != 1 or (letter.fullmatch(c) and not ("a" <= low <= "z"
                                                          and re.fullmatch(low, c, re.I))):
            wrong.add(c)
    assert wrong == set(FOLD_EXCEPTIONS)


def test_an_anchored_pattern_needs_an_anchor() -> None:
    with pytest.raises(ValueError):
        AnchoredPattern(re.compile("x"))


def test_isspace_is_what_patterns_call_whitespace() -> None:
    """The speaker cues walk back over whitespace with ``str.isspace`` where the patterns
    they stand for say ``\\s``."""
    space = re.compile(r"\s")
    assert all((space.match(chr(cp)) is not None) == chr(cp).isspace()
               for cp in range(sys.maxunicode + 1))


_ROLE_TEXT = st.lists(st.tuples(st.sampled_from([
    "I'm", "I am", "I’m the", "my", "me", "I", "as", "as a", "became", "you", "I'm CFO",
    "as a CEO", "my job as the chief financial officer", "I became Chief Executive officer",
    "CFO", "CEO", "chief executive", "welcome", "Sam", "İ"]),
    st.sampled_from([" ", "  ", ". ", "? ", "! ", "\n", ", ", ".", ""])),
    max_size=20).map(lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=300, deadline=None)
@given(text=_ROLE_TEXT)
def test_stated_role_read_by_sentence_is_the_whole_turn_read(text) -> None:
    """``role_self_identification`` reads only the sentences with a role word: the same as
    the first match of the whole turn that is not a role stated for someone else."""
    cues_ = speakers_cues
    plain = next((m for m in cues_._ROLE_SELF.finditer(text)
                  if not cues_._ROLE_OF_OTHER.search(m.group())), None)
    cue = cues_.role_self_identification(text)
    assert (cue.quote if cue else None) == \
        (cues_._quote(text, plain.start(), plain.end()) if plain else None)
