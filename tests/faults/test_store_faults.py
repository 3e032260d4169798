"""The store under outside faults: another process reading while the app writes, two
writers, a full disk, a project made by a newer version, read-only files and folders, a
damaged file. Real processes and real files; root's file-mode override is dropped with
setpriv where file modes matter."""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.conftest import (
    cli,
    copy_project,
    env,
    integrity,
    kill9_after,
    query,
    worker,
)

# Run a command without the capabilities that let root ignore file modes.
NO_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]
needs_setpriv = pytest.mark.skipif(shutil.which("setpriv") is None,
                                   reason="setpriv (util-linux) is not installed")


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    """The command failed with exactly one short ``error:`` line."""
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert len(lines[0]) < 400
    return lines[0]


# -- section 1 of issue 9: an outside reader while the app writes ------------------------

def test_outside_process_between_app_writes_loses_nothing(tmp_path) -> None:
    db = tmp_path / "p.db"
    rounds = 8
    app = worker("app-writer", db, str(rounds), stdin=subprocess.PIPE)
    for r in range(rounds):
        assert app.stdout.readline().strip() == f"batch {r}"
        # Another program opens the project, writes one row, closes (what `sqlite3` or a
        # second `reviewer` does), while the app keeps its connection open.
        subprocess.run([sys.executable, "-c",
                        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
                        "c.execute('INSERT INTO probe VALUES (-1)'); c.commit(); c.close()",
                        str(db)], check=True, timeout=60)
        cli("list", "--db", db, check=True)  # and a reviewer command reads it
        app.stdin.write("\n")
        app.stdin.flush()
    assert app.wait(timeout=60) == 0
    assert integrity(db) == "ok"
    assert query(db, "SELECT count(*) FROM probe")[0][0] == rounds * 300 + rounds


def test_importing_a_folder_that_holds_the_project_never_reads_the_project(tmp_path) -> None:
    folder = tmp_path / "calls"
    folder.mkdir()
    (folder / "call.txt").write_text("Operator\nWelcome. Revenue was $5 million.\n",
                                     encoding="utf-8")
    db = folder / "project.txt"  # a project file with a text extension, inside the folder
    cli("import", folder / "call.txt", "--db", db, check=True)
    proc = cli("import", folder, "--db", db)
    assert "the project file itself" in proc.stderr
    assert integrity(db) == "ok"
    assert query(db, "SELECT count(*) FROM transcripts")[0][0] == 1


# -- two writers ------------------------------------------------------------------------

def test_two_writers_at_once_keep_every_saved_decision(tmp_path, extracted) -> None:
    db = copy_project(extracted, tmp_path / "two.db")
    procs = [worker("decide", db), worker("decide", db)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert integrity(db) == "ok"
    saved = [line.split() for out, _ in outs for line in out.splitlines()
             if line.startswith("saved ")]
    assert saved, [err for _, err in outs]
    # Both wrote the same decision for the same mention (same order): each saved one is there.
    for _, aid, status in saved:
        assert query(db, "SELECT status FROM annotations WHERE id = ?", (int(aid),)) == \
            [(status,)]
    # A writer that met the other's lock says so in one line instead of a traceback.
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0 or "locked" in err


def test_two_imports_at_once_store_each_transcript_once(tmp_path, corpus) -> None:
    db = tmp_path / "imports.db"
    procs = [subprocess.Popen([*_reviewer(), "import", str(corpus), "--db", str(db)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env()) for _ in range(2)]
    for p in procs:
        p.communicate(timeout=300)
    assert integrity(db) == "ok"
    names = [n for (n,) in query(db, "SELECT name FROM transcripts")]
    assert len(names) == len(set(names))
    cli("import", corpus, "--db", db, check=True)
    assert len(query(db, "SELECT name FROM transcripts")) == len(list(corpus.glob("*.txt")))


def _reviewer() -> list[str]:
    from tests.faults.conftest import REVIEWER

    return REVIEWER


# -- a full disk --------------------------------------------------------------------------

def _limit_file_size(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_full_disk_during_review_keeps_what_was_saved(tmp_path, extracted) -> None:
    db = copy_project(extracted, tmp_path / "full.db")
    # The WAL may grow by a few pages only: the disk "fills" after some decisions.
    limit = db.stat().st_size + 64 * 1024
    proc = worker("decide", db, preexec_fn=_limit_file_size(limit))
    out, err = proc.communicate(timeout=300)
    assert proc.returncode != 0, "the size limit never bit: raise the number of decisions"
    assert "full" in err or "disk" in err
    assert integrity(db) == "ok"
    saved = [line.split() for line in out.splitlines() if line.startswith("saved ")]
    for _, aid, status in saved:
        assert query(db, "SELECT status FROM annotations WHERE id = ?", (int(aid),)) == \
            [(status,)]


def test_full_disk_during_import_is_one_clear_line_and_nothing_half_stored(
        tmp_path, corpus) -> None:
    db = tmp_path / "fullimport.db"
    first = sorted(corpus.glob("*.txt"))[0]
    cli("import", first, "--db", db, check=True)
    proc = subprocess.run([*_reviewer(), "import", str(corpus), "--db", str(db)],
                          capture_output=True, text=True, env=env(), timeout=300,
                          preexec_fn=_limit_file_size(db.stat().st_size + 32 * 1024))
    assert proc.returncode == 1
    assert "disk is full" in proc.stderr and "Traceback" not in proc.stderr
    assert integrity(db) == "ok"
    for _name, turns in query(db, "SELECT t.name, count(u.id) FROM transcripts t LEFT JOIN"
                                  " turns u ON u.transcript_id = t.id GROUP BY t.id"):
        assert turns > 0
    cli("import", corpus, "--db", db, check=True)  # with room again, the rest comes in


# -- a project from a newer version --------------------------------------------------------

def test_newer_project_is_never_written_but_can_be_listed_and_exported(
        tmp_path, extracted, corpus) -> None:
    db = copy_project(extracted, tmp_path / "newer.db")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO _migrations (name, applied_at) VALUES"
                     " ('999_from_the_future', '2030-01-01')")
    conn.close()
    before = db.read_bytes()  # no connection to it is open in this process
    for args in (["import", sorted(corpus.glob("*.txt"))[0], "--db", db],
                 ["extract", "--db", db]):
        msg = one_line_error(cli(*args))
        assert "newer Transcript Reviewer" in msg and "update the app" in msg
    listing = cli("list", "--db", db, check=True)
    assert "transcript" in listing.stdout
    cli("export", "--db", db, "--format", "csv", "--all", "--out", tmp_path / "n.csv",
        check=True)
    assert db.read_bytes() == before
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0


# -- read-only file and folder (root without CAP_DAC_OVERRIDE) -----------------------------

@needs_setpriv
def test_read_only_file_lists_exports_refuses_writes_then_recovers(tmp_path,
                                                                   extracted) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = copy_project(extracted, folder / "p.db")
    call = folder / "call.txt"
    call.write_text("Operator\nRevenue was $7 million.\n", encoding="utf-8")
    db.chmod(0o444)
    listing = cli("list", "--db", db, prefix=NO_OVERRIDE)
    assert listing.returncode == 0, listing.stderr
    out = folder / "gold.jsonl"
    cli("export", "--db", db, "--format", "jsonl", "--all", "--out", out, prefix=NO_OVERRIDE,
        check=True)
    assert out.read_text(encoding="utf-8").count("\n") == len(query(
        db, "SELECT id FROM transcripts"))
    msg = one_line_error(cli("import", call, "--db", db, prefix=NO_OVERRIDE))
    assert "read-only" in msg and "p.db" in msg
    # The read-only session left SQLite's -shm behind, as read-only as the file was...
    assert Path(f"{db}-shm").exists()
    assert Path(f"{db}-shm").stat().st_mode & 0o222 == 0
    # ...made writable again, the project works at once (that -shm no longer blocks it).
    db.chmod(0o644)
    done = cli("import", call, "--db", db, prefix=NO_OVERRIDE)
    assert done.returncode == 0, done.stderr
    assert integrity(db) == "ok"


@needs_setpriv
def test_project_in_read_only_folder_opens_read_only(tmp_path, extracted) -> None:
    folder = tmp_path / "rofolder"
    folder.mkdir()
    db = copy_project(extracted, folder / "p.db")
    call = tmp_path / "call.txt"
    call.write_text("Operator\nRevenue was $7 million.\n", encoding="utf-8")
    folder.chmod(0o555)
    try:
        listing = cli("list", "--db", db, prefix=NO_OVERRIDE)
        assert listing.returncode == 0, listing.stderr
        msg = one_line_error(cli("import", call, "--db", db, prefix=NO_OVERRIDE))
        assert "folder" in msg and "read-only" in msg
        check = cli("check", "--db", db, prefix=NO_OVERRIDE, check=True)
        assert "read-only" in check.stdout
    finally:
        folder.chmod(0o755)
    assert sorted(os.listdir(folder)) == ["p.db"]


# -- damage ---------------------------------------------------------------------------------

def test_damaged_project_is_one_line(tmp_path, extracted) -> None:
    db = copy_project(extracted, tmp_path / "damaged.db")
    size = db.stat().st_size
    with db.open("r+b") as fh:  # no connection to this copy is open anywhere
        fh.seek(size // 2)
        fh.write(b"\xff" * 8192)
    proc = cli("check", "--db", db)
    msg = one_line_error(proc)
    assert "damaged" in msg


def test_text_file_as_project_is_refused_and_untouched(tmp_path) -> None:
    fake = tmp_path / "notes.db"
    fake.write_text("these are my notes, not a database\n" * 10, encoding="utf-8")
    before = fake.read_bytes()
    msg = one_line_error(cli("list", "--db", fake))
    assert "not a Transcript Reviewer project" in msg
    assert fake.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["notes.db"]


def test_kill9_of_reader_leaves_project_sound(tmp_path, extracted) -> None:
    """A reader killed mid-read (an export) leaves the project exactly as it was."""
    db = copy_project(extracted, tmp_path / "r.db")
    sql = "SELECT id, status, start, \"end\", metric FROM annotations ORDER BY id"
    before = query(db, sql)
    proc = subprocess.Popen([*_reviewer(), "export", "--db", str(db), "--format", "conll",
                             "--all", "--out", str(tmp_path / "x.conll")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env(), start_new_session=True)
    kill9_after(proc, 0.3)
    cli("list", "--db", db, check=True)
    assert integrity(db) == "ok"
    assert query(db, "SELECT count(*) FROM transcripts")[0][0] > 0
    assert query(db, sql) == before
