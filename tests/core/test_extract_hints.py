"""Cheap literal tests that let the extractor skip a slower pattern must never skip a match:
every match of the pattern holds a match of its hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.core.extract.metrics import cues

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted((ROOT / "tests" / "fixtures").glob("*.txt")) + sorted(
    (ROOT / "src" / "reviewer" / "resources" / "demo").glob("*.txt"))

WRITTEN = [
    "non-GAAP operating margin", "Non GAAP EPS", "nonGAAP", "adjusted EBITDA", "GAAP net loss",
    "non-IFRS profit", "IFRS 16", "非GAAP 淨利", "非 GAAP", "調整後營業利益", "调整后净利润",
    "الربح غير GAAP", "غير  المعدل",
]


@pytest.mark.parametrize("text", WRITTEN)
def test_basis_hint_finds_every_written_basis(text):
    low = cues.lower(text)
    m = cues.BASIS_RE.search(low)
    assert m is not None  # the phrase is a basis
    assert cues.BASIS_HINT_RE.search(low, m.start(), m.end())


def test_basis_hint_holds_for_every_basis_in_our_texts():
    assert TEXTS
    seen = 0
    for path in TEXTS:
        low = cues.lower(path.read_text(encoding="utf-8"))
        for m in cues.BASIS_RE.finditer(low):
            seen += 1
            assert cues.BASIS_HINT_RE.search(low, m.start(), m.end()), (path.name, m.group())
    assert seen > 0


def test_basis_hint_finds_nothing_without_a_basis_word():
    assert cues.BASIS_HINT_RE.search("revenue grew 27% to $129.1 million") is None


COMPARATOR_WRITTEN = [
    "up from", "declined from", "from", "compared to", "compared with the", "versus",
    "vs.", "relative to", "against our", "better than", "lower than approximately",
    "above", "below the", "prior outlook of", "previous guidance for", "original guidance of",
    "相比", "較", "较", "مقارنة مع",
]
TARGET_WRITTEN = [
    "our target", "targeted", "a goal of", "long-term model of", "long term framework",
    "we aim to", "aiming for", "aspirational", "our ambition", "objective of", "our plan",
]


@pytest.mark.parametrize("text", COMPARATOR_WRITTEN)
def test_comparator_hint_finds_every_written_comparator(text):
    low = cues.lower(text + " ")
    assert cues.COMPARATOR_BEFORE_RE.search(low)  # the phrase is a comparator
    assert cues.comparator_before(low, 0, len(low))


@pytest.mark.parametrize("text", TARGET_WRITTEN)
def test_target_hint_finds_every_written_target(text):
    low = cues.lower(text)
    assert cues.TARGET_RE.search(low)  # the phrase names a target
    assert cues.target_before(low, 0, len(low))


def test_comparator_and_target_hints_hold_before_every_number_in_our_texts():
    """The windows the extractor tests: the 60 characters before each digit."""
    comparators = targets = 0
    for path in TEXTS:
        low = cues.lower(path.read_text(encoding="utf-8"))
        for i, c in enumerate(low):
            if not c.isdigit() or (i and low[i - 1].isdigit()):
                continue
            lo = max(0, i - 60)
            if cues.COMPARATOR_BEFORE_RE.search(low[lo:i]):
                comparators += 1
                assert cues.comparator_before(low, lo, i), (path.name, low[lo:i])
            if cues.TARGET_RE.search(low, lo, i):
                targets += 1
                assert cues.target_before(low, lo, i), (path.name, low[lo:i])
    assert comparators > 0 and targets > 0
    assert not cues.comparator_before("revenue grew 27% to ", 0, 20)
    assert not cues.target_before("revenue grew 27% to ", 0, 20)
