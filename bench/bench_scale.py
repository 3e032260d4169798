"""Scale: what each step costs in a project of 100, 1,000 and 10,000 transcripts.

The transcripts are variants of our own demo transcripts (``reviewer.core.corpus.variants``);
making them is not timed. Each step runs as its own process, as a user runs it, and is
measured for wall time and peak memory (the child's max RSS from ``os.wait4``). Steps that
change nothing run ``--repeat`` rounds, round-robin over the sizes, and the fastest run of
each is kept:

  start-up   ``reviewer --version``
  import     ``reviewer import FOLDER --db P``
  extract    ``reviewer extract --db P --jobs 0``
  list       ``reviewer list --db P`` (every row printed)
  filter     ``reviewer list --db P --search NAME`` (one row)
  open one   open a transcript for review as the app does (ReviewSession, pre-annotation)
  evaluate   ``reviewer evaluate --db P --json`` on the SAME 100 gold transcripts at every size
  export     ``reviewer export --format jsonl|conll`` of the 100 reviewed transcripts

The gold (untimed) is the first 100 variants, pre-annotated from the run, every tenth mention
rejected, the rest accepted, marked reviewed. The growth column is each step's cost at a size
divided by its cost at the smallest size (goal: evaluate and list within 1.5x from 100 to
10,000, every step linear or better). The evaluate reports at every size must score the same.

    python bench/bench_scale.py [--sizes 100 1000 10000] [--quick] [--src DIR] [--keep DIR]
                                [--repeat N]

``--quick`` runs 100 and 1,000 only. ``--src`` picks the code that the timed commands run
(e.g. another checkout's ``src`` to measure a before/after in the same way).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GOLD = 100


def run_step(args: list[str], src: Path, stdout=subprocess.DEVNULL) -> tuple[float, float]:
    """Run one command in its own process; ``(seconds, peak MiB)``. Exits on failure."""
    env = {**os.environ, "PYTHONPATH": str(src), "QT_QPA_PLATFORM": "offscreen"}
    # stderr to a file, not a pipe: nobody reads a pipe while the step runs, and a step
    # that reports 10,000 files would block on a full one.
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, *args], env=env, stdout=stdout, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            err.seek(0)
            text = err.read().decode(errors="replace")
            sys.exit(f"step failed ({' '.join(args)}):\n{text[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def cli(*args: str) -> list[str]:
    return ["-c", "from reviewer.cli import main; main()", *args]


def helper(*args: str) -> list[str]:
    return [str(Path(__file__).resolve()), *args]


def make_gold(db: str) -> None:
    """Helper mode: the first GOLD transcripts become reviewed gold (untimed setup)."""
    from datetime import UTC, datetime

    from reviewer.core.review.preannotate import preannotate
    from reviewer.core.store import open_project
    from reviewer.core.store.gold import load_transcript
    from reviewer.core.store.gold_import import write_gold

    project = open_project(db)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    # Variants 0..99, whatever order the folder import gave them ids in.
    gold = [s.id for s in project.list_transcripts() if int(s.name[-10:-4]) < GOLD]
    for tid in gold:
        preannotate(project, tid)
        doc = load_transcript(project, tid)
        for i, a in enumerate(doc.annotations):
            a.status = "rejected" if i % 10 == 9 else "accepted"
        doc.status, doc.reviewed_at, doc.reviewed_by = "reviewed", now, "bench"
        write_gold(project, doc, at=now, reviewer="bench")
    project.close()


def open_one(db: str) -> None:
    """Helper mode: open the middle transcript for review, as the app does."""
    from reviewer.core.review import ReviewSession
    from reviewer.core.review.preannotate import preannotate
    from reviewer.core.store import open_project

    project = open_project(db)
    rows = project.list_transcripts(search="_v000050")  # the same one at every size
    tid = rows[0].id
    session = ReviewSession(project, tid, "bench")
    _ = session.transcript
    preannotate(project, tid)
    session.annotations(), session.turns(), session.roster(), session.suggestions()
    project.close()


def build(n: int, work: Path, src: Path) -> dict[str, tuple[float, float]]:
    """Make ``n`` variants (untimed), import and extract them (timed), make the gold."""
    folder = work / f"t{n}"
    run_step(helper("--generate", str(n), str(folder)), ROOT / "src")
    db = str(work / f"p{n}.db")
    steps = {"import": run_step(cli("import", str(folder), "--db", db), src),
             "extract": run_step(cli("extract", "--db", db, "--jobs", "0"), src)}
    run_step(helper("--make-gold", db), src)
    # The first open after the build may migrate the file: not part of what is measured.
    run_step(cli("list", "--db", db, "--search", "no such name"), src)
    return steps


def read_steps(n: int, work: Path) -> dict[str, tuple[list[str], Path | None]]:
    """The steps that change nothing, as ``(arguments, where stdout goes)``."""
    db = str(work / f"p{n}.db")
    steps: dict[str, tuple[list[str], Path | None]] = {
        "start-up": (cli("--version"), None),
        "list": (cli("list", "--db", db), None),
        "filter": (cli("list", "--db", db, "--search", "_v000042"), None),
        "open one": (helper("--open-one", db), None),
        "evaluate": (cli("evaluate", "--db", db, "--json"), work / f"eval{n}.json"),
    }
    for fmt in ("jsonl", "conll"):
        steps[f"export {fmt}"] = (cli("export", "--db", db, "--format", fmt, "--out",
                                      str(work / f"x{n}.{fmt}")), None)
    return steps


def measure(sizes: list[int], work: Path, src: Path, repeat: int) -> dict[int, dict]:
    """Build every size, then time the steps that change nothing round-robin over the sizes
    (``repeat`` rounds, the fastest kept): a burst of load on a shared machine then hits
    every size alike instead of one."""
    results: dict[int, dict[str, tuple[float, float]]] = {}
    for n in sizes:
        results[n] = build(n, work, src)
        print(f"  built {n} transcripts", file=sys.stderr, flush=True)
    for _ in range(repeat):
        for n in sizes:
            for step, (args, out) in read_steps(n, work).items():
                if out is None:
                    got = run_step(args, src)
                else:
                    with out.open("w") as f:
                        got = run_step(args, src, stdout=f)
                results[n][step] = min(results[n].get(step, got), got)
    return results


def scores(report: dict) -> list[dict]:
    """What must not change with the project's size: every system's figures, and its
    problems without the row ids (the folder import numbers transcripts in name order, so
    the same transcript has another id in a bigger project)."""
    out = []
    for system in report["systems"]:
        problems = sorted(json.dumps({k: v for k, v in p.items() if k != "transcript_id"},
                                      sort_keys=True) for p in system["problems"])
        out.append({**system, "problems": problems})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--quick", action="store_true", help="100 and 1,000 transcripts only")
    ap.add_argument("--src", type=Path, default=ROOT / "src",
                    help="the code the timed commands run (default: this checkout)")
    ap.add_argument("--keep", type=Path, help="build the projects here and keep them")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of each step that changes nothing (the fastest is kept)")
    ap.add_argument("--make-gold", help=argparse.SUPPRESS)
    ap.add_argument("--open-one", help=argparse.SUPPRESS)
    ap.add_argument("--generate", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.generate:  # in its own process: the bench stays small, and so do the peak
        # memories its children report (Linux carries a parent's peak across fork + exec)
        sys.path.insert(0, str(ROOT / "src"))
        from reviewer.core.corpus.variants import write_variants

        write_variants(int(args.generate[0]), args.generate[1])
        return 0
    if args.make_gold:
        make_gold(args.make_gold)
        return 0
    if args.open_one:
        open_one(args.open_one)
        return 0
    sizes = [100, 1000] if args.quick else sorted(args.sizes)
    with tempfile.TemporaryDirectory(prefix="bench_scale_") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results = measure(sizes, work, args.src.resolve(), args.repeat)
        reports = {n: scores(json.loads((work / f"eval{n}.json").read_text())) for n in sizes}
    print_table(sizes, results)
    same = all(reports[n] == reports[sizes[0]] for n in sizes)
    print(f"\nevaluate reports at every size score the same: {'yes' if same else 'NO'}")
    return 0 if same else 1


def print_table(sizes: list[int], results: dict) -> None:
    """One row per step: time and peak memory at each size, and the growth factor."""
    base = sizes[0]
    head = " | ".join(f"{n:,}: s / MiB" for n in sizes)
    print(f"| step | {head} | growth {base:,} -> {sizes[-1]:,} (time) |")
    print("|---|" + "---|" * len(sizes) + "---|")
    for step in results[base]:
        cells = " | ".join(f"{results[n][step][0]:.2f} / {results[n][step][1]:.0f}"
                           for n in sizes)
        growth = results[sizes[-1]][step][0] / max(results[base][step][0], 1e-9)
        print(f"| {step} | {cells} | {growth:.2f}x |")


if __name__ == "__main__":
    sys.exit(main())
