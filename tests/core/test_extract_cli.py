"""``reviewer extract`` and ``reviewer extractors`` through click's runner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.extract.result import MENTION_FIELDS
from reviewer.core.store import open_project
from tests.conftest import DEMO, seed_path

DEMO_FILES = sorted(DEMO.glob("*.txt"))


@pytest.fixture
def runner(tmp_path, monkeypatch) -> CliRunner:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / "config"))
    return CliRunner()


def _check_contract(data: dict) -> None:
    assert set(data) == {"extractor", "mentions", "speaker_suggestions", "translation_checks"}
    assert set(data["extractor"]) == {"name", "version"}
    for m in data["mentions"]:
        assert list(m) == list(MENTION_FIELDS)
        assert isinstance(m["start"], int) and isinstance(m["end"], int)
        assert m["kind"] in ("actual", "guidance", "target", "comparison")
        assert m["basis"] in ("gaap", "non_gaap", None)
        if m["value"] is None:
            assert m["low"] is not None and m["high"] is not None
    for s in data["speaker_suggestions"]:
        assert set(s) == {"turn", "label", "suggested", "reason", "confidence"}
    for c in data["translation_checks"]:
        assert set(c) == {"source", "translation", "source_value", "translation_value",
                          "consistent"}
        assert len(c["source"]) == 2
        assert c["translation"] is None or len(c["translation"]) == 2
        assert isinstance(c["consistent"], bool)


def test_extract_json_follows_the_contract_on_a_seed(runner) -> None:
    path = seed_path("004")
    out = runner.invoke(cli, ["extract", str(path), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    _check_contract(data)
    assert data["extractor"]["name"] == "builtin"
    text = path.read_text(encoding="utf-8-sig")
    first = data["mentions"][0]
    assert text[first["start"]:first["end"]] == first["text"]
    assert any(m["text"] == "$181.4 million" and m["value"] == 181400000.0
               and m["unit"] == "USD" and m["metric"] == "total_revenue"
               and m["period"] == "FY2026Q1" and m["kind"] == "actual"
               for m in data["mentions"])
    assert data["translation_checks"]


def test_extract_json_on_a_plain_file(runner, tmp_path) -> None:
    f = tmp_path / "call.txt"
    f.write_text("Total revenue was $10 million, up 5% year over year.\n", encoding="utf-8")
    out = runner.invoke(cli, ["extract", str(f), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    _check_contract(data)
    assert [m["text"] for m in data["mentions"]] == ["$10 million", "5%"]


def test_extract_human_listing(runner, tmp_path) -> None:
    f = tmp_path / "call.txt"
    f.write_text("Gross margin was 67.8%.\n", encoding="utf-8")
    out = runner.invoke(cli, ["extract", str(f)])
    assert out.exit_code == 0, out.output
    assert "1 mentions" in out.output and "gross_margin" in out.output


@pytest.mark.parametrize(("args", "message"), [
    (["extract"], "either a transcript FILE or --db"),
    (["extract", "missing.txt"], "missing.txt"),
])
def test_extract_usage_and_input_errors(runner, args, message) -> None:
    out = runner.invoke(cli, args)
    assert out.exit_code != 0
    assert message in out.output


def test_unknown_extractor_is_a_one_line_error(runner, tmp_path) -> None:
    f = tmp_path / "call.txt"
    f.write_text("Gross margin was 67.8%.\n", encoding="utf-8")
    out = runner.invoke(cli, ["extract", str(f), "--extractor", "nope"])
    assert out.exit_code == 1
    assert out.output.startswith("error: no extractor named 'nope'")


def test_extract_db_records_a_run(runner, tmp_path) -> None:
    if not DEMO_FILES:
        pytest.skip("the demo transcripts are not written yet")
    db = tmp_path / "p.db"
    out = runner.invoke(cli, ["import", *map(str, DEMO_FILES[:2]), "--db", str(db)])
    assert out.exit_code == 0, out.output
    out = runner.invoke(cli, ["extract", "--db", str(db), "--jobs", "2"])
    assert out.exit_code == 0, out.output
    assert "run 1 (builtin): completed, 2 transcript(s) (2 with output): " in out.output
    project = open_project(db)
    assert project.db.execute("SELECT count(*) FROM predictions WHERE run_id = 1"
                              ).fetchone()[0] > 0
    project.close()


def test_extractors_lists_ours(runner) -> None:
    out = runner.invoke(cli, ["extractors"])
    assert out.exit_code == 0, out.output
    names = [line.split()[0] for line in out.output.splitlines()]
    assert names[:2] == ["builtin", "quantulum3"]
    # A model extractor says how to name its model folder (it cannot run without one).
    spacy_line = next(line for line in out.output.splitlines() if line.startswith("spacy "))
    assert "spacy:MODEL_DIR" in spacy_line
