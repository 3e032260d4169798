"""What the phrase families of ``counts`` and ``measures`` share: number words and their
values, and running a pattern only in windows around cheap hint words (``str.find`` is the
cheapest scan Python has; a pattern that opens with an alternation of words is tried at every
position)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.extract.numbers.grammar import Quantity

UNITS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES: dict[str, int] = {w: i + 2 for i, w in enumerate(UNITS)}
WORD_VALUES.update({w: 20 + 10 * i for i, w in enumerate(TENS)})
WORD_VALUES.update({"one": 1, "a dozen": 12, "dozen": 12})
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
            "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
            "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
ORDINAL_VALUES = {w: i + 2 for i, w in enumerate(ORDINALS)}
ONES = "|".join([*UNITS[:8], "one"])
SPELLED = (rf"(?:(?:{'|'.join(TENS)})(?:[- ](?:{ONES}))?|{'|'.join(reversed(UNITS))}"
           r"|a\s+dozen)")
NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})*|{SPELLED})"
# "of growth", "of improved profitability": what a streak is a streak of.
GROWING = (r"[ \t\u00a0]+(?:[a-z-]+[ \t\u00a0]+)?(?:growth|profitab|positive|improv|accelerat"
           r"|expansion|increase|decline|record)")


def find_all(low: str, word: str, first: int | None = None) -> Iterator[int]:
    """Every position of ``word`` in ``low`` (``first``: the first one, when known)."""
    i = low.find(word) if first is None else first
    while i >= 0:
        yield i
        i = low.find(word, i + 1)


def windows(positions: list[int], n: int, before: int, after: int) -> list[tuple[int, int]]:
    """The merged ``[start, end)`` windows around the hint positions (ascending); a window
    of a phrase that starts at its hint (``before == after == 0``) is the hint itself."""
    out: list[tuple[int, int]] = []
    for p in positions:
        a, b = max(0, p - before), (min(n, p + after) if after else p)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def scan_windows(pattern: re.Pattern[str], low: str,
          windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(low)`` yields inside the windows: each match is taken again
    on the whole text (a window's end must not cut it short), non-overlapping."""
    last = 0
    for a, b in windows:
        if a == b:  # the phrase starts at the hint: try it there only
            full = pattern.match(low, a) if a >= last else None
            if full is not None:
                last = full.end()
                yield full
            continue
        for m in pattern.finditer(low, max(a, last), b):
            full = pattern.match(low, m.start())
            if full is not None and full.start() >= last:
                last = full.end()
                yield full


def value_of(word: str) -> int | None:
    """The value of digits ("1,020") or number words ("twenty-two", "a dozen")."""
    word = re.sub(r"[\s,]+", " ", word.strip())
    if word.replace(" ", "").isdigit():
        return int(word.replace(" ", ""))
    if word in WORD_VALUES:
        return WORD_VALUES[word]
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in WORD_VALUES and parts[1] in WORD_VALUES:
        return WORD_VALUES[parts[0]] + WORD_VALUES[parts[1]]
    return None


def count(s: int, e: int, value: int | None, counted: str, spelled: bool,
           confidence: float = 0.9, whole: bool = False) -> list[Quantity]:
    """A count quantity (none when ``value`` is None)."""
    if value is None:
        return []
    return [Quantity(s, e, float(value), None, None, "count", confidence=confidence,
                     spelled=spelled, counted=counted, whole=whole)]


def number_of(word: str | None) -> float | None:
    """The value of a decimal or of number words, or None."""
    if word is None:
        return None
    try:
        return float(word)
    except ValueError:
        v = value_of(word)
        return float(v) if v is not None else None
