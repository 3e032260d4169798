"""Refusing what would be damaged, with one clear line: newer projects, bad annotation files,
imports that skip things, exports onto the project, open ranges and ambiguous pairs in the
evaluation. Library calls and the real `reviewer` command on real files."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.core.errors import ExportError, InputError, StoreError
from reviewer.core.evaluate.matching import align
from reviewer.core.evaluate.values import check_value
from reviewer.core.export.dataset import export_project
from reviewer.core.importer import import_paths
from reviewer.core.store import NewerProjectError, open_project
from reviewer.core.store.gold_records import MentionRecord
from reviewer.core.store.runs import settle_interrupted, start_run
from tests.conftest import DEMO

CALL = DEMO / "altamira_q2_fy2024_seekingalpha.txt"


def reviewer(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "import sys; from reviewer.cli import main;"
                           "sys.argv[0] = 'reviewer'; main()", *map(str, args)],
                          capture_output=True, text=True, timeout=120, cwd=cwd)


def error_line(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("error: ")]
    assert len(lines) == 1 and len(lines[0]) < 300, proc.stderr
    return lines[0]


# -- newer schema ---------------------------------------------------------------------------

def test_a_newer_project_opens_read_only_and_refuses_every_write(tmp_path) -> None:
    db = tmp_path / "p.db"
    p = open_project(db)
    import_paths(p, [CALL])
    p.db.execute("INSERT INTO _migrations (name, applied_at) VALUES ('999_future', 'x')")
    p.db.conn.commit()
    p.close()
    p = open_project(db)
    try:
        assert p.read_only and "newer Transcript Reviewer" in p.read_only_reason
        assert [s.name for s in p.list_transcripts()] == [CALL.name]
        with pytest.raises(NewerProjectError, match="update the app"):
            import_paths(p, [DEMO / "altamira_q3_fy2024_asr.txt"])
        with pytest.raises(NewerProjectError):
            start_run(p, "builtin", "1", {})
    finally:
        p.close()


# -- interrupted runs -----------------------------------------------------------------------

def test_a_run_whose_process_died_is_marked_interrupted(tmp_path) -> None:
    db = tmp_path / "p.db"
    open_project(db).close()
    # A real process starts a run and dies without finishing it.
    code = ("import os, sys; from reviewer.core.store import open_project;"
            "from reviewer.core.store.runs import start_run;"
            "p = open_project(sys.argv[1]); start_run(p, 'builtin', '1', {}); os._exit(9)")
    proc = subprocess.run([sys.executable, "-c", code, str(db)], timeout=60)
    assert proc.returncode == 9
    p = open_project(db)  # the open settles it
    try:
        assert p.db.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
        # A run of a live process (this one) is left alone.
        rid = start_run(p, "builtin", "1", {})
        assert settle_interrupted(p) == []
        assert p.db.execute("SELECT status FROM runs WHERE id = ?", (rid,)).fetchone() == \
            ("running",)
    finally:
        p.close()


# -- import-annotations -------------------------------------------------------------------

def _gold_line(text: str, **changes) -> dict:
    start = text.index("$")
    end = text.index(" ", start)
    rec = {"schema": "transcript-reviewer/gold-1", "text": text,
           "meta": {"status": "reviewed"},
           "spans": [{"start": start, "end": end, "label": None, "status": "accepted"}]}
    for key, value in changes.items():
        if key == "span":
            rec["spans"][0].update(value)
        elif key == "meta":
            rec["meta"].update(value)
        else:
            rec[key] = value
    return rec


@pytest.mark.parametrize(("change", "expect"), [
    ({"meta": {"status": "finished"}}, "unknown meta.status 'finished'"),
    ({"schema": "someone-else/9"}, "unknown \"schema\""),
    ({"span": {"start": 3.0}}, "must be an integer offset"),
    ({"span": {"end": "12"}}, "must be an integer offset"),
    ({"span": {"start": True}}, "must be an integer offset"),
])
def test_bad_annotation_files_are_refused_with_the_line_and_change_nothing(
        tmp_path, change, expect) -> None:
    text = CALL.read_text(encoding="utf-8")
    good = _gold_line(text)
    bad = _gold_line(text + "\nA second call.\n", **change)
    f = tmp_path / "gold.jsonl"
    f.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    db = tmp_path / "new.db"
    msg = error_line(reviewer("import-annotations", f, "--db", db))
    assert "gold.jsonl:2:" in msg and expect in msg
    assert not db.exists() and not Path(f"{db}-wal").exists()  # no empty project left


def test_foreign_labels_are_imported_and_added_to_the_project_metrics(tmp_path) -> None:
    text = CALL.read_text(encoding="utf-8")
    rec = _gold_line(text, span={"label": "widget_backlog"})
    f = tmp_path / "theirs.jsonl"
    f.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    db = tmp_path / "p.db"
    proc = reviewer("import-annotations", f, "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert "not in the taxonomy" in proc.stderr and "widget_backlog" in proc.stderr
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT id FROM project_metrics").fetchall() == \
            [("widget_backlog",)]
        assert conn.execute("SELECT metric FROM annotations").fetchall() == \
            [("widget_backlog",)]
    finally:
        conn.close()


# -- imports that skip things -----------------------------------------------------------

def test_a_folder_import_reports_every_entry_it_skips(tmp_path) -> None:
    folder = tmp_path / "calls"
    (folder / ".hidden").mkdir(parents=True)
    (folder / ".hidden" / "x.txt").write_text(CALL.read_text(encoding="utf-8"))
    (folder / "sub").mkdir()
    (folder / "sub" / "call.txt").write_text(CALL.read_text(encoding="utf-8"))
    (folder / "notes").write_text("no extension")
    (folder / "slides.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".DS_Store").write_bytes(b"\0\0")
    os.symlink(folder / "sub" / "call.txt", folder / "link.txt")
    proc = reviewer("import", folder, "--db", tmp_path / "p.db")
    assert proc.returncode == 0, proc.stderr
    assert "1 imported" in proc.stdout
    skipped = [ln for ln in proc.stderr.splitlines() if ln.startswith("skipped ")]
    reasons = "\n".join(skipped)
    assert len(skipped) == 5
    assert ".hidden: hidden folder" in reasons and ".DS_Store: hidden file" in reasons
    assert "notes: no file extension" in reasons and "slides.pdf: not a text file" in reasons
    assert "link.txt: a link" in reasons


def test_a_missing_path_is_an_error_and_creates_nothing(tmp_path) -> None:
    db = tmp_path / "p.db"
    msg = error_line(reviewer("import", tmp_path / "nope.txt", CALL, "--db", db))
    assert "nope.txt: no such file or folder" in msg
    assert not db.exists()


def test_export_onto_the_project_file_is_refused(tmp_path) -> None:
    db = tmp_path / "p.db"
    p = open_project(db)
    import_paths(p, [CALL])
    try:
        with pytest.raises(ExportError, match="project file itself"):
            export_project(p, "jsonl", db, include_all=True)
        assert [s.name for s in p.list_transcripts()] == [CALL.name]
    finally:
        p.close()
    with pytest.raises(InputError):
        import_paths(open_project(db), [tmp_path / "missing"])


# -- evaluation ---------------------------------------------------------------------------

def _m(start: int, end: int, **kw) -> MentionRecord:
    return MentionRecord(start, end, kw.pop("metric", "deal_size"), **kw)


def test_open_ranges_keep_their_direction() -> None:
    more_than = _m(0, 20, low=5e6, unit="USD")  # "more than $5 million"
    up_to = _m(0, 20, high=5e6, unit="USD")  # "up to $5 million"
    assert not check_value(more_than, up_to).within
    assert check_value(more_than, up_to).error == "range_bounds"
    assert check_value(more_than, _m(0, 20, low=5e6, unit="USD")).exact


def test_pairing_of_predictions_over_one_span_ignores_input_order() -> None:
    gold = [_m(10, 16, value=12.0, unit="percent"), _m(30, 34, value=7.0, unit="percent")]
    preds = [_m(10, 16, value=21.0, unit="percent"), _m(10, 16, value=12.0, unit="percent"),
             _m(10, 16, value=12.0, unit="percent", metric="other"),
             _m(30, 34, value=7.0, unit="percent")]
    expected = {(0, (12.0, "deal_size")), (1, (7.0, "deal_size"))}
    r = random.Random(7)
    for _ in range(20):
        shuffled = preds[:]
        r.shuffle(shuffled)
        pairs = align(gold, shuffled).pairs
        got = {(g, (shuffled[p].value, shuffled[p].metric)) for g, p in pairs}
        assert got == expected


# -- integrity: checked after a crash, not on every open ------------------------------------

def _damage_an_index(db: Path) -> None:
    """Corrupt the transcripts' hash index (its pages only), so plain reads still work and
    only an integrity check notices."""
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transcripts'")]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                        (names[0],)).fetchone()[0]
    conn.close()
    with db.open("r+b") as fh:  # no connection to this file is open in any process
        fh.seek((root - 1) * page_size + 8)
        fh.write(b"\x00\xff" * 16)


def test_integrity_is_checked_on_the_open_after_a_crash_only(tmp_path) -> None:
    db = tmp_path / "p.db"
    p = open_project(db)
    import_paths(p, [CALL])
    p.close()
    _damage_an_index(db)
    open_project(db).close()  # a clean history: no check, the open stays cheap
    code = ("import os, sys; from reviewer.core.store import open_project;"
            "open_project(sys.argv[1]); os._exit(9)")  # dies with the project open
    assert subprocess.run([sys.executable, "-c", code, str(db)], timeout=60).returncode == 9
    with pytest.raises(StoreError, match="damaged") as err:
        open_project(db)
    assert "\n" not in str(err.value)
    msg = error_line(reviewer("check", "--db", db))
    assert "damaged" in msg
    # Still damaged: every later open refuses too, until the file is restored.
    with pytest.raises(StoreError, match="damaged"):
        open_project(db)
