"""Recall and precision of an extractor against the fixtures' hand-written answer keys
(scoring rules in tests/answer_keys.py).

    python bench/recall.py [--extractor NAME] [FIXTURE.txt ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.answer_keys import Score, fixture_paths, key_path, score


def run(paths: list[Path], extractor: str) -> dict[str, Score]:
    """Scores per fixture, and their sum under "all"."""
    from reviewer.core.extract.registry import get_extractor
    from reviewer.core.ingest import parse_file

    ex = get_extractor(extractor)
    out: dict[str, Score] = {}
    total = Score()
    for p in paths:
        key = json.loads(key_path(p).read_text(encoding="utf-8"))
        parsed = parse_file(p)
        mentions = ex.extract(parsed).to_json()["mentions"]
        s = score(parsed.text, key["figures"], mentions)
        out[p.name] = s
        total.add(s)
    out["all"] = total
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("fixtures", nargs="*", type=Path)
    ap.add_argument("--extractor", default="builtin")
    args = ap.parse_args(argv)
    paths = args.fixtures or fixture_paths()
    print(f"{'fixture':28} {'figures':>7} {'recall':>7} {'value':>7} {'precision':>9}")
    for name, s in run(paths, args.extractor).items():
        print(f"{name:28} {s.figures:7} {s.recall:7.3f} {s.value_recall:7.3f} "
              f"{s.precision:9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
