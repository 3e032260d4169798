"""The ``reviewer`` CLI, run in-process with click's runner and an isolated HOME."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from tests.conftest import DEMO, SEED_FILES, seed_path


@pytest.fixture
def runner(tmp_path, monkeypatch) -> CliRunner:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / "config"))
    return CliRunner()


@pytest.mark.parametrize("key", sorted(SEED_FILES))
def test_parse_json_follows_the_contract(runner, key) -> None:
    path = seed_path(key)
    out = runner.invoke(cli, ["parse", str(path), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert set(data) == {"format", "metadata", "participants", "turns", "boilerplate",
                         "warnings"}
    assert set(data["metadata"]) == {"company", "ticker", "event", "fiscal_period", "date"}
    assert data["format"] != "plain"
    text = path.read_text(encoding="utf-8-sig")
    for p in data["participants"]:
        assert set(p) == {"name", "role", "affiliation", "aliases"}
    for t in data["turns"]:
        assert set(t) == {"index", "label", "speaker", "role", "section", "start", "end",
                          "paragraphs"}
        assert t["role"] in {"operator", "ir", "ceo", "cfo", "executive", "analyst", "unknown"}
        assert t["section"] in {"prepared", "qa", None}
        assert text[t["start"]:t["end"]].strip()
        for p in t["paragraphs"]:
            assert set(p) == {"start", "end", "lang", "translation_of"}
            assert p["lang"] in {"en", "zh", "ar", "und"}
    for s, e in data["boilerplate"]:
        assert 0 <= s < e <= len(text)


def test_import_then_list_then_reimport(runner, tmp_path) -> None:
    db = tmp_path / "p.db"
    out = runner.invoke(cli, ["import", str(DEMO), "--db", str(db)])
    assert out.exit_code == 0, out.output
    n = len(list(DEMO.glob("*.txt")))
    assert f"{n} imported" in out.output
    listed = runner.invoke(cli, ["list", "--db", str(db), "--json"])
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert len(rows) == n
    assert all(r["turns"] > 0 and r["format"] != "plain" for r in rows)
    again = runner.invoke(cli, ["import", str(DEMO), "--db", str(db)])
    assert f"0 imported, {n} already in the project" in again.output


def test_bad_files_are_skipped_and_good_ones_imported(runner, tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (folder / "latin1.txt").write_bytes("Revenue was \xa312 million".encode("latin-1"))
    good = next(iter(sorted(DEMO.glob("*.txt"))))
    (folder / "good.txt").write_bytes(good.read_bytes())
    db = tmp_path / "p.db"
    out = runner.invoke(cli, ["import", str(folder), "--db", str(db)])
    assert out.exit_code == 0
    assert "1 imported, 0 already in the project, 3 skipped" in out.output
    assert "empty.txt: the file is empty" in out.output
    assert "binary.txt: this is a binary file" in out.output
    assert "latin1.txt: the file is not UTF-8 text" in out.output


def test_a_folder_import_leaves_the_folder_readme_out(runner, tmp_path) -> None:
    # The seeds folder holds a README.md that names "StreetEvents": it was imported as a
    # one-turn StreetEvents transcript. A folder's README/LICENSE is reported, not imported.
    folder = tmp_path / "calls"
    folder.mkdir()
    readme = ("# Seed transcripts\n\nFive calls as collected.\n\n| file | family |\n|---|---|\n"
              "| 002.txt | StreetEvents, partly machine-translated |\n")
    (folder / "README.md").write_text(readme, encoding="utf-8")
    (folder / "LICENSE.txt").write_text("All rights reserved.\n", encoding="utf-8")
    good = next(iter(sorted(DEMO.glob("*.txt"))))
    (folder / good.name).write_bytes(good.read_bytes())
    db = tmp_path / "p.db"
    out = runner.invoke(cli, ["import", str(folder), "--db", str(db)])
    assert out.exit_code == 0, out.output
    assert "1 imported, 0 already in the project, 2 skipped" in out.output
    assert "README.md, not a transcript" in out.output
    listed = runner.invoke(cli, ["list", "--db", str(db), "--json"])
    assert [json.loads(line)["name"] for line in listed.output.splitlines()] == [good.name]
    # Named explicitly it is tried, and a page that only names StreetEvents is plain text.
    parsed = runner.invoke(cli, ["parse", str(folder / "README.md"), "--json"])
    assert json.loads(parsed.output)["format"] == "plain"


def test_an_import_that_imports_nothing_creates_no_project(runner, tmp_path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    db = tmp_path / "new.db"
    out = runner.invoke(cli, ["import", str(tmp_path / "empty.txt"), "--db", str(db)])
    assert out.exit_code == 1 and "the file is empty" in out.output
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("new.db")]
    # An existing project stays, unchanged.
    runner.invoke(cli, ["import", str(next(iter(sorted(DEMO.glob("*.txt"))))), "--db", str(db)])
    before = db.read_bytes()
    out = runner.invoke(cli, ["import", str(tmp_path / "empty.txt"), "--db", str(db)])
    assert out.exit_code == 1 and db.read_bytes() == before


def test_list_columns_stay_aligned_for_every_status(runner, tmp_path) -> None:
    from reviewer.core.review import MarkReviewed, ReviewSession
    from reviewer.core.store import open_project

    db = tmp_path / "p.db"
    runner.invoke(cli, ["import", str(DEMO), "--db", str(db)])
    p = open_project(db)
    ReviewSession(p, 1, "ana").do(MarkReviewed())
    ReviewSession(p, 1, "ana").do(MarkReviewed(False))  # reopened: in progress
    ReviewSession(p, 2, "ana").do(MarkReviewed())
    p.close()
    out = runner.invoke(cli, ["list", "--db", str(db)])
    lines = out.output.splitlines()[:-1]
    assert {"in_progress", "reviewed", "new"} <= {w for line in lines for w in line.split()}
    # Every file name starts in the column of the "name" header.
    col = lines[0].index("name")
    assert all(line[col - 1] == " " and line[col] != " " for line in lines[1:]), out.output


def test_parse_prints_the_event_and_the_boilerplate(runner) -> None:
    # The README lists the boilerplate among what `reviewer parse` shows; only --json had it.
    path = next(iter(sorted(DEMO.glob("*streetevents*.txt"))))
    data = json.loads(runner.invoke(cli, ["parse", str(path), "--json"]).output)
    out = runner.invoke(cli, ["parse", str(path)])
    assert out.exit_code == 0, out.output
    assert f"  event   {data['metadata']['event']}" in out.output
    s, e = data["boilerplate"][0]
    assert "  boilerplate (not part of the call): " in out.output and f"{s}-{e}" in out.output


def test_parse_refuses_binary_with_one_line(runner, tmp_path) -> None:
    f = tmp_path / "x.bin"
    f.write_bytes(bytes(range(256)) * 4)
    out = runner.invoke(cli, ["parse", str(f)])
    assert out.exit_code == 1
    assert "binary file" in out.output


def test_unknown_layout_imports_with_a_warning(runner, tmp_path) -> None:
    f = tmp_path / "notes.txt"
    f.write_text("Some notes about the quarter.\n\nRevenue grew 12% to $40 million.\n")
    out = runner.invoke(cli, ["parse", str(f), "--json"])
    data = json.loads(out.output)
    assert data["format"] == "plain"
    assert len(data["turns"]) == 2
    assert any("unknown layout" in w for w in data["warnings"])


def test_list_on_a_corrupt_project_says_so_and_keeps_the_file(runner, tmp_path) -> None:
    db = tmp_path / "p.db"
    db.write_bytes(b"not a database at all" * 10)
    out = runner.invoke(cli, ["list", "--db", str(db)])
    assert out.exit_code == 1
    assert "not a Transcript Reviewer project" in out.output
    assert db.read_bytes() == b"not a database at all" * 10


def test_demo_project_is_created_in_the_user_data_dir(runner, tmp_path) -> None:
    out = runner.invoke(cli, ["demo"])
    assert out.exit_code == 0, out.output
    created = list(Path(tmp_path / "home" / "data").rglob("demo.db"))
    assert created, out.output
    assert "Altamira" in out.output
    n = len(list(DEMO.glob("*.txt")))
    assert f"{n} transcript(s)" in out.output
