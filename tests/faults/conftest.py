"""Helpers of the fault-injection suite: real processes (the `reviewer` command, or
tests/faults/worker.py), real files, real signals. Nothing is mocked.

Trials are seeded (``FAULT_SEED``) and counted (``FAULT_TRIALS``, default 20 per fault) so
a failure can be replayed exactly.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.conftest import DEMO, ROOT

TRIALS = int(os.environ.get("FAULT_TRIALS", "20"))
SEED = int(os.environ.get("FAULT_SEED", "20261203"))
REVIEWER = [sys.executable, "-c", "import sys; from reviewer.cli import main; sys.argv[0] = "
            "'reviewer'; main()"]


def env() -> dict[str, str]:
    """The child's environment: our sources first, no display."""
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), e.get("PYTHONPATH", "")])
    e.setdefault("QT_QPA_PLATFORM", "offscreen")
    return e


def cli(*args: str | Path, check: bool = False, prefix: Sequence[str] = (),
        **kw) -> subprocess.CompletedProcess:
    """Run ``reviewer ARGS`` to completion in a new process."""
    proc = subprocess.run([*prefix, *REVIEWER, *map(str, args)], capture_output=True,
                          text=True, env=env(), timeout=120, **kw)
    if check and proc.returncode:
        raise AssertionError(f"reviewer {args} failed: {proc.stderr}")
    return proc


def spawn(argv: Sequence[str | Path], **kw) -> subprocess.Popen:
    """Start a process (its own session, so it and only it gets our signals)."""
    return subprocess.Popen([str(a) for a in argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env(),
                            start_new_session=True, **kw)


def spawn_cli(*args: str | Path, **kw) -> subprocess.Popen:
    """Start ``reviewer ARGS`` without waiting."""
    return spawn([*REVIEWER, *args], **kw)


def worker(*args: str | Path, **kw) -> subprocess.Popen:
    """Start tests/faults/worker.py with ARGS."""
    return spawn([sys.executable, "-m", "tests.faults.worker", *args], cwd=ROOT, **kw)


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (read from /proc)."""
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(d.name))
    found, todo = set(), [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            if c not in found:
                found.add(c)
                todo.append(c)
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie has died: it only waits to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2:].split()[0] != "Z"


def kill9_after(proc: subprocess.Popen, delay: float) -> tuple[str, set[int]]:
    """SIGKILL ``proc`` after ``delay`` seconds (or when it ends); returns its complete
    stdout lines and the processes it had started, seen just before the kill."""
    deadline = time.monotonic() + delay
    kids: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        kids |= descendants(proc.pid)
        time.sleep(0.01)
    kids |= descendants(proc.pid)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    out, _err = proc.communicate(timeout=60)
    # Only whole lines: a line cut by the kill was never fully shown.
    complete = out if out.endswith("\n") else out[: out.rfind("\n") + 1]
    return complete, kids


def assert_no_orphans(kids: set[int], timeout: float = 10.0) -> None:
    """Every process a killed command had started ends by itself soon."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(alive(k) for k in kids):
        time.sleep(0.05)
    assert not [k for k in kids if alive(k)], "worker processes outlived their killed parent"


def integrity(db: Path) -> str:
    """SQLite's full integrity check of a project file (from a fresh connection)."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def query(db: Path, sql: str, args: Sequence = ()) -> list[tuple]:
    """Rows of one query on a project file, from a fresh connection."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, tuple(args)).fetchall()
    finally:
        conn.close()


def make_corpus(folder: Path, copies: int) -> list[Path]:
    """``copies`` variants of each demo transcript (a distinct closing line, so each is its
    own transcript); our own text, never the seeds."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(copies):
        for src in sorted(DEMO.glob("*.txt")):
            dst = folder / f"{src.stem}_{i:03d}.txt"
            dst.write_text(src.read_text(encoding="utf-8") + f"\n\nEnd of call, copy {i}.\n",
                           encoding="utf-8")
            files.append(dst)
    return files


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """A folder of 40 demo-variant transcripts."""
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus(folder, 8)
    return folder


@pytest.fixture(scope="session")
def extracted(tmp_path_factory, corpus) -> Path:
    """A project of the corpus with one completed builtin run (copied per test)."""
    db = tmp_path_factory.mktemp("extracted") / "base.db"
    cli("import", corpus, "--db", db, check=True)
    cli("extract", "--db", db, check=True)
    return db


def copy_project(src: Path, dst: Path) -> Path:
    """A copy of a closed project file (no connection is open on it in this process)."""
    shutil.copyfile(src, dst)
    return dst


def rng(name: str) -> random.Random:
    """A random source per fault, seeded from ``FAULT_SEED`` and the fault's name."""
    return random.Random(f"{SEED}:{name}")


def timed(fn) -> float:
    """Seconds ``fn()`` takes (to spread kill moments over an operation's whole run)."""
    t = time.monotonic()
    fn()
    return time.monotonic() - t
