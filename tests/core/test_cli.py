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
