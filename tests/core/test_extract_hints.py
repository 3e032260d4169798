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
