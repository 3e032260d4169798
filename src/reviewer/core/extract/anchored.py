"""Exact regex scanning at the speed of a prefix search: a slow pattern is tried only where a
cheap *anchor* says that a match can start.

Python's ``re`` skips to a literal or a character-set prefix with a tight loop in C, but a
pattern that opens with ``\\b``, a case-insensitive word, or an alternation of such, is run
from every position of the text: the speaker cues cost more than spaCy's tokenizer on the same
text that way. An :class:`AnchoredPattern` pairs such a pattern with anchors, patterns with a
literal or character-set prefix that match wherever the pattern can start (an anchor may also
fire where the pattern then fails: it only has to miss no start). Case-insensitive words are
anchored in the lowercased text, where they have a literal prefix again.

``finditer`` yields exactly what ``pattern.finditer`` yields: the pattern is matched at the
anchor positions in order (and at position 0, for a pattern with ``^`` branches), with the
same leftmost, non-overlapping rule. A text that lowercasing would misalign or fold differently from
``re.IGNORECASE`` ("İ", "ı", "ſ") is scanned the plain way.

Patterns must not match the empty string (none of the cue patterns can).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from heapq import heapify, heappop, heapreplace

# The characters that re.IGNORECASE matches to an ASCII letter while str.lower() does not turn
# them into it ("ı", "ſ"), or that lowercase to two characters ("İ"). Without them the
# lowercased text has the offsets of the text, and an ASCII letter wherever the pattern reads
# one case-insensitively (tests/core/test_anchored.py checks this over all of Unicode).
FOLD_EXCEPTIONS = "\u0130\u0131\u017f"


# Text -> its lowercased form (None: not usable), while ``lowered_texts`` is on.
_MEMO: ContextVar[dict[str, str | None] | None] = ContextVar("lowered_texts", default=None)


@contextmanager
def lowered_texts() -> Iterator[None]:
    """Within the block, each text is lowercased once however many patterns scan it.

    For one analysis of one transcript (the speaker cues read every turn several times); the
    memo ends with the block, so that another run lowercases the text again.
    """
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def lowered(text: str) -> str | None:
    """``text.lower()`` when its offsets and letters can anchor ``text``, else ``None``."""
    memo = _MEMO.get()
    if memo is None:
        return _lowered(text)
    low = memo.get(text, text)  # one look-up; the text itself when not seen yet
    if low is text:  # (or when lower() gave back the same object: lowercased again, alike)
        low = memo[text] = _lowered(text)
    return low


def _lowered(text: str) -> str | None:
    if any(c in text for c in FOLD_EXCEPTIONS):
        return None
    return text.lower()


class AnchoredPattern:
    """``pattern``, searched only where one of its anchors matches.

    ``lower`` anchors are searched in the lowercased text (write them in lowercase), ``cased``
    anchors in the text as it is. An anchor is a plain word (found with ``str.find``, the
    fastest) or a regex that opens with a literal (a character class at worst), with no
    ``\\b`` or group in front. Give one anchor per word rather than an alternation: re has no
    fast way to look for several words at once. ``starts`` computes further start positions
    from the text and the end position (in any order), for a branch no anchor can find
    quickly, or for an anchor found more cheaply from another word.
    """

    def __init__(self, pattern: re.Pattern[str], lower: Iterable[str] = (),
                 cased: Iterable[str] = (),
                 starts: Callable[[str, int], list[int]] | None = None) -> None:
        self.pattern = pattern
        # (searched in the lowercased text, the word for str.find or None, the regex's search)
        self._anchors: list[tuple[bool, str | None, Callable[..., re.Match[str] | None]]] = [
            (is_lower, a if _is_word(a) else None, re.compile(a).search)
            for is_lower, group in ((True, lower), (False, cased)) for a in group]
        if not self._anchors:
            raise ValueError("an anchored pattern needs at least one anchor")
        self._any_lower = any(is_lower for is_lower, _, _ in self._anchors)
        self._starts = starts
        # Anchors cannot say "^": a pattern that can (or "\A") is always tried at position 0.
        self._at_start = "^" in pattern.pattern or "\\A" in pattern.pattern

    def finditer(self, text: str, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """The matches of ``pattern.finditer(text, 0, endpos)``, in order."""
        end = len(text) if endpos is None else min(endpos, len(text))
        low = lowered(text) if self._any_lower else text
        if low is None:
            yield from self.pattern.finditer(text, 0, end)
            return
        match = self.pattern.match
        pos = 0
        m = match(text, 0, end) if self._at_start else None
        if m is not None:
            yield m
            pos = m.end()
        # (next start, anchor index or -1 for a computed start), nearest first; an anchor is
        # looked for again only once the scan has passed its last start.
        heap = [(i, -1) for i in self._starts(text, end)] if self._starts is not None else []
        for k, (is_lower, word, search) in enumerate(self._anchors):  # _next, inlined: most
            where = low if is_lower else text  # scans end here, with no anchor found
            if word is not None:
                i = where.find(word, pos, end)
            else:
                a = search(where, pos, end)
                i = a.start() if a is not None else -1
            if i >= 0:
                heap.append((i, k))
        heapify(heap)
        while heap:
            start, k = heap[0]
            if start < pos:
                i = self._next(k, text, low, pos, end) if k >= 0 else -1
                if i >= 0:
                    heapreplace(heap, (i, k))
                else:
                    heappop(heap)
                continue
            m = match(text, start, end)
            if m is not None:
                yield m
                pos = m.end()
            else:
                pos = start + 1

    def _next(self, k: int, text: str, low: str, pos: int, end: int) -> int:
        """Where anchor ``k`` next matches at or after ``pos`` (-1: nowhere)."""
        is_lower, word, search = self._anchors[k]
        where = low if is_lower else text
        if word is not None:
            return where.find(word, pos, end)
        a = search(where, pos, end)
        return a.start() if a is not None else -1

    def search(self, text: str, endpos: int | None = None) -> re.Match[str] | None:
        """``pattern.search(text, 0, endpos)``: the first match, or ``None``."""
        return next(self.finditer(text, endpos), None)

    def count(self, text: str) -> int:
        """``len(pattern.findall(text))``: how many matches."""
        return sum(1 for _ in self.finditer(text))


def _is_word(anchor: str) -> bool:
    """True for an anchor without regex syntax (looked for with str.find)."""
    return not any(c in anchor for c in "\\.^$*+?{}[]()|")
