"""CoNLL export cost against transcript length: a demo transcript repeated 1, 2, 4, 8, 16
times (one call 16x longer), timed for the export's tagging step. Linear growth means the
time ratio follows the length ratio (ratio / length ~ 1); the old per-paragraph scan of every
token grew with the square.

    PYTHONPATH=src python bench/bench_conll_export.py
"""

from __future__ import annotations

import copy
import tempfile
import time
from pathlib import Path

from reviewer.core.demo import demo_files
from reviewer.core.export.conll import tagged
from reviewer.core.export.dataset import project_records
from reviewer.core.extract.runner import run_on_project
from reviewer.core.importer import import_paths
from reviewer.core.review import preannotate_all
from reviewer.core.store import open_project


def base_record() -> dict:
    """The ASR demo transcript (one long paragraph a turn) with its rule proposals."""
    with tempfile.TemporaryDirectory() as d:
        p = open_project(Path(d) / "b.db")
        import_paths(p, [f for f in demo_files() if "asr" in f.name])
        run_on_project(p, "builtin")
        preannotate_all(p)
        (rec,) = project_records(p, include_all=True)
        p.close()
    return rec


def repeated(rec: dict, k: int) -> dict:
    """``rec`` with its text repeated ``k`` times (turns, paragraphs, spans shifted)."""
    n = len(rec["text"]) + 1
    out = copy.deepcopy(rec)
    out["text"] = "\n".join([rec["text"]] * k)
    out["turns"], out["spans"] = [], []
    for i in range(k):
        for t in rec["turns"]:
            t2 = copy.deepcopy(t)
            t2["index"] = len(out["turns"])
            t2["start"] += i * n
            t2["end"] += i * n
            for p in t2["paragraphs"]:
                p["start"] += i * n
                p["end"] += i * n
            out["turns"].append(t2)
        out["spans"] += [{**s, "start": s["start"] + i * n, "end": s["end"] + i * n}
                         for s in rec["spans"]]
    return out


def timed(rec: dict, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        tagged(rec)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    rec = base_record()
    base = None
    print(f"{'length':>6} {'chars':>8} {'seconds':>8} {'time ratio':>10} {'ratio/length':>12}")
    for k in (1, 2, 4, 8, 16):
        r = repeated(rec, k)
        t = timed(r)
        base = base or t
        print(f"{k:>5}x {len(r['text']):>8} {t:8.3f} {t / base:10.2f} {t / base / k:12.2f}")


if __name__ == "__main__":
    main()
