"""Real text for the tests of the extractor's cheap guards: our demo transcripts, the test
fixtures and, when ../shared/seeds is beside the project, the seed transcripts."""

from __future__ import annotations

from tests.conftest import DEMO, FIXTURES, SEEDS


def real_texts() -> list[str]:
    """Every text we have, read as the importer reads it."""
    files = sorted(DEMO.glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))
    files += sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    return [f.read_text(encoding="utf-8-sig") for f in files]
