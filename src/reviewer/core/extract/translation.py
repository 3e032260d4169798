"""Translation checks: does each number of an original paragraph survive in its translation?

For every paragraph with ``translation_of`` set, the quantities of the original and of the
translation are read with the number grammar (``find_quantities``, in each paragraph's own
language, so "$17.5 million" and "1,750 萬美元" are both 17,500,000 USD) and aligned:

1. equal value and compatible unit, nearest in relative position (translations reorder);
2. what is left of the original is paired with what is left of the translation in the same
   kind of unit, preferring the same significant digits ("$12.5 million" with "125 萬美元",
   a dropped or misplaced scale) — an inconsistent pair;
3. a bare numeral of the same value in the translation that the grammar did not take as a
   quantity ("新增了 94 家年度…": "94" with no recognised classifier) — consistent;
4. otherwise the translation lost the number: ``translation`` None, inconsistent.

One check per quantity of the original (DESIGN.md, ``translation_checks``); numbers found only
in the translation are not reported (the grammar reads more Chinese classifiers than English
counted nouns, so the translation often has more). A range's ``*_value`` is None, as a
range's ``value`` is in mentions; its span still shows it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from reviewer.core.extract.metrics.taxonomy import is_currency
from reviewer.core.extract.numbers import Quantity, find_quantities
from reviewer.core.model import Paragraph, ParsedTranscript

_REL_TOL = 1e-6
# Counted things: "count" and unit words ("seats", "hours") pair with each other.
_NON_COUNT = ("percent", "bps")

# STOPGAP until find_quantities reads Chinese fractions (it reads "a third" and "half" in
# English, not "三分之一" or "一半"): the translation's fractions, as the percents the English
# grammar gives ("a third" = 33.33).
_ZH_FRACTIONS = {"一半": 50.0, "半數": 50.0, "半数": 50.0, "三分之一": 33.33,
                 "三分之二": 66.67, "四分之一": 25.0, "四分之三": 75.0, "五分之一": 20.0}
_ZH_FRACTION_RE = re.compile("|".join(sorted(_ZH_FRACTIONS, key=len, reverse=True)))
# Small counts written in characters before a classifier ("一種產品" for "1 product", "兩家"):
# Chinese writes them so where English writes digits.
_ZH_SMALL = {"一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9, "十": 10}
_ZH_SMALL_COUNT_RE = re.compile(r"(?<![一二兩两三四五六七八九十百千萬万億亿第])"
                                r"([一二兩两三四五六七八九十])(?:種|种|個|个|家|名|位|款|項|项)")
# A numeral in the translation, with a Chinese scale when it has one.
_RAW_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|(?<![\d.,])\d+"
                         r"(?:\.\d+)?(?![\d])")
_RAW_SCALE = re.compile(r"\s*(萬|万|億|亿)")
_SCALES = {"萬": 1e4, "万": 1e4, "億": 1e8, "亿": 1e8}


@dataclass
class TranslationCheck:
    """One number of an original paragraph and what its translation says for it.

    ``source``/``translation`` are the ``[start, end)`` spans of the two numbers in the
    transcript's text (``translation`` None when the translation lost the number).
    """

    source: tuple[int, int]
    translation: tuple[int, int] | None
    source_value: float | None
    translation_value: float | None
    consistent: bool

    def to_json(self) -> dict:
        """The ``reviewer extract --json`` object for this check."""
        d = asdict(self)
        d["source"] = list(self.source)
        d["translation"] = list(self.translation) if self.translation else None
        return d


def check_translations(parsed: ParsedTranscript) -> list[TranslationCheck]:
    """A check per number of every original paragraph that has a translation in the file."""
    checks: list[TranslationCheck] = []
    for turn in parsed.turns:
        for para in turn.paragraphs:
            if para.translation_of is None:
                continue
            original = turn.paragraphs[para.translation_of]
            checks.extend(compare_paragraphs(parsed.text, original, para))
    return checks


def compare_paragraphs(text: str, original: Paragraph,
                       translation: Paragraph) -> list[TranslationCheck]:
    """The checks of one original paragraph against one translation of it."""
    src_text = text[original.start:original.end]
    tgt_text = text[translation.start:translation.end]
    sources = find_quantities(src_text, original.lang)
    if not sources:
        return []
    targets = find_quantities(tgt_text, translation.lang)
    if translation.lang.startswith("zh"):
        targets = sorted(targets + _zh_fractions(tgt_text, targets)
                         + _zh_small_counts(tgt_text, targets), key=lambda q: q.start)
    pairs = align(sources, targets)
    # A bare numeral of step 3 must lie outside every quantity the grammar found.
    used = [(t.start, t.end) for t in targets]
    checks = []
    for i, s in enumerate(sources):
        t = pairs.get(i)
        consistent = t is not None and same_quantity(s, t)
        if t is None:
            t = _raw_numeral(tgt_text, s, used)
            consistent = t is not None
            if t is not None:
                used.append((t.start, t.end))
        checks.append(TranslationCheck(
            source=(original.start + s.start, original.start + s.end),
            translation=(translation.start + t.start, translation.start + t.end)
            if t is not None else None,
            source_value=s.value,
            translation_value=t.value if t is not None else None,
            consistent=consistent,
        ))
    return checks


def align(sources: list[Quantity], targets: list[Quantity]) -> dict[int, Quantity | None]:
    """Source index -> the target quantity it corresponds to (steps 1 and 2 of the module
    doc); unmatched sources map to None."""
    if len(sources) == len(targets) and all(map(same_quantity, sources, targets)):
        # The translation says the same numbers in the same order (most paragraphs): each
        # source's equal target at its own relative position is the nearest, at distance 0.
        return dict(enumerate(targets))
    free = list(range(len(targets)))
    out: dict[int, Quantity | None] = {}
    # Relative positions (the quantities of a paragraph do not overlap: no two are equal).
    src_pos = _positions(len(sources))
    tgt_pos = _positions(len(targets))
    for i, s in enumerate(sources):
        same = [j for j in free if same_quantity(s, targets[j])]
        if same:
            j = min(same, key=lambda j: abs(tgt_pos[j] - src_pos[i]))
            out[i] = targets[j]
            free.remove(j)
    for i, s in enumerate(sources):
        if i in out:
            continue
        kin = [j for j in free if _kindred(s.unit, targets[j].unit)]
        if not kin:
            out[i] = None
            continue
        j = min(kin, key=lambda j: (_digits(targets[j]) != _digits(s),
                                    abs(tgt_pos[j] - src_pos[i])))
        out[i] = targets[j]
        free.remove(j)
    return out


def _positions(n: int) -> list[float]:
    """Where each of ``n`` items of a paragraph stands, from 0 (first) to 1 (last)."""
    return [k / max(n - 1, 1) for k in range(n)]


def same_quantity(a: Quantity, b: Quantity) -> bool:
    """Equal values (or range bounds) in compatible units."""
    if not _kindred(a.unit, b.unit) or a.is_range != b.is_range:
        return False
    if a.unit != b.unit and is_currency(a.unit) and is_currency(b.unit):
        return False
    if a.is_range:
        return _close(a.low, b.low) and _close(a.high, b.high)
    return _close(a.value, b.value)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= _REL_TOL * max(1.0, abs(a), abs(b))


def _kindred(a: str, b: str) -> bool:
    """Units a translation may render one as the other: equal, both currencies, or both
    counted things ("seats" and the classifier count "個")."""
    if a == b:
        return True
    if is_currency(a) and is_currency(b):
        return True
    return a not in _NON_COUNT and b not in _NON_COUNT \
        and not is_currency(a) and not is_currency(b)



def _digits(q: Quantity) -> str:
    """Significant digits ("12.5 million" and "125 萬" both give "125")."""
    v = q.value if q.value is not None else q.low
    if v is None:
        return ""
    return f"{abs(v):.6e}".split("e")[0].replace(".", "").rstrip("0")


def _zh_fractions(text: str, found: list[Quantity]) -> list[Quantity]:
    """STOPGAP (see ``_ZH_FRACTIONS``): "三分之一" and "一半" as percent quantities."""
    out = []
    for m in _ZH_FRACTION_RE.finditer(text):
        if any(q.start < m.end() and m.start() < q.end for q in found):
            continue
        out.append(Quantity(m.start(), m.end(), _ZH_FRACTIONS[m.group()], None, None,
                            "percent", confidence=0.6, spelled=True))
    return out


def _zh_small_counts(text: str, found: list[Quantity]) -> list[Quantity]:
    """Counts of one to ten written in characters before a classifier, as counts."""
    out = []
    for m in _ZH_SMALL_COUNT_RE.finditer(text):
        if not any(q.start < m.end() and m.start() < q.end for q in found):
            out.append(Quantity(m.start(), m.end(), float(_ZH_SMALL[m.group(1)]), None, None,
                                "count", confidence=0.6, spelled=True))
    return out


def _raw_numeral(text: str, s: Quantity, used: list[tuple[int, int]]) -> Quantity | None:
    """A numeral of the translation equal to ``s`` that no quantity covers (step 3)."""
    if s.is_range or s.value is None:
        return None
    for m in _RAW_NUMBER.finditer(text):
        end = m.end()
        value = float(m.group().replace(",", ""))
        scale = _RAW_SCALE.match(text, end)
        if scale:
            value *= _SCALES[scale.group(1)]
            end = scale.end()
        if any(a < end and m.start() < b for a, b in used):
            continue
        if _close(value, s.value):
            return Quantity(m.start(), end, value, None, None, s.unit, confidence=0.5)
    return None
