"""Shared fixtures: the seed transcripts (skipped with a reason when absent) and demo files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"
DEMO = ROOT / "src" / "reviewer" / "resources" / "demo"

# The fictional company's call roster, as every demo transcript states it:
# (name, role, affiliation) — titles for executives, firms for analysts.
DEMO_ROSTER = [
    ("Priya Raman", "ir", "Head of Investor Relations"),
    ("Dana Whitfield", "ceo", "Chief Executive Officer"),
    ("Marcus Oyelaran", "cfo", "Chief Financial Officer"),
    ("Tom Becker", "analyst", "Harlow Securities"),
    ("Elena Sokolova", "analyst", "Brightwater Capital"),
    ("Jun Park", "analyst", "Meridian Partners"),
    ("Sofia Alvarez", "analyst", "Kestrel & Co."),
]

SEED_FILES = {
    "000": "000_094acf38dcbf129d.txt",
    "001": "001_94a7fc08916a253a.txt",
    "002": "002_0a10e448e56727b6.txt",
    "003": "003_3c938f8f92a347bc.txt",
    "004": "004_92a012deb28f6ab3.txt",
}


def seed_path(key: str) -> Path:
    """Path of a seed transcript; skips the calling test when ../shared/seeds is absent."""
    path = SEEDS / SEED_FILES[key]
    if not path.exists():
        pytest.skip(f"seed transcripts not found at {SEEDS} (../shared/seeds is absent)")
    return path


def assert_offsets_valid(parsed) -> None:
    """Every span of a parsed transcript lies inside its text, is ordered and non-empty,
    paragraphs lie inside their turn, and turns do not overlap."""
    text = parsed.text
    n = len(text)
    prev_end = 0
    for t in parsed.turns:
        assert 0 <= t.start < t.end <= n
        assert t.start >= prev_end, f"turn {t.index} overlaps the previous one"
        prev_end = t.end
        for p in t.paragraphs:
            assert t.start <= p.start < p.end <= t.end
            assert text[p.start:p.end] == text[p.start:p.end].strip()
            if p.translation_of is not None:
                assert 0 <= p.translation_of < len(t.paragraphs)
    for s, e in parsed.boilerplate:
        assert 0 <= s < e <= n


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--packaging`` runs the slow package build/install tests outside CI."""
    parser.addoption("--packaging", action="store_true", help="run the packaging tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Packaging tests run in CI (CI=true) or with --packaging; elsewhere they are skipped."""
    import os

    if config.getoption("--packaging") or os.environ.get("CI", "").lower() == "true":
        return
    skip = pytest.mark.skip(reason="packaging test: runs in CI or with --packaging")
    for item in items:
        if "packaging" in item.keywords:
            item.add_marker(skip)
