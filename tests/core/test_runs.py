"""Extractor runs recorded in a project: counts, config hash, parallel workers, cancel."""

from __future__ import annotations

import json

import pytest

from reviewer.core.errors import StoreError
from reviewer.core.extract.builtin import BuiltinExtractor
from reviewer.core.extract.registry import ExtractorError
from reviewer.core.extract.result import ExtractionResult, Mention
from reviewer.core.extract.runner import run_on_project
from reviewer.core.ingest import parse_file, parse_text
from reviewer.core.store import open_project
from reviewer.core.store.runs import (
    config_hash,
    record_run,
    run_counts,
    run_mentions,
    save_result,
)
from tests.conftest import DEMO

DEMO_FILES = sorted(DEMO.glob("*.txt"))


@pytest.fixture
def project(tmp_path):
    if not DEMO_FILES:
        pytest.skip("the demo transcripts are not written yet")
    p = open_project(tmp_path / "runs.db")
    for f in DEMO_FILES:
        p.add_transcript(parse_file(f), f.name, str(f))
    yield p
    p.close()


def _rows(project, run_id):
    return [tuple(r) for r in project.db.execute(
        'SELECT transcript_id, start, "end", text, turn, metric, value, low, high, unit, period,'
        " kind, basis, confidence FROM predictions WHERE run_id = ?"
        ' ORDER BY transcript_id, start, "end"', (run_id,))]


def test_config_hash_is_the_sha256_of_sorted_json() -> None:
    assert config_hash({"b": 1, "a": [1, 2]}) == config_hash({"a": [1, 2], "b": 1})
    assert config_hash({"a": 1}) != config_hash({"a": 2})
    assert len(config_hash({})) == 64


def test_run_on_project_records_one_run_with_the_right_counts(project) -> None:
    seen = []
    run_id = run_on_project(project, "builtin", progress=lambda d, t, n: seen.append((d, t)))
    ex = BuiltinExtractor()
    expected = {tid: ex.extract(project.load_transcript(tid))
                for tid, *_ in project.db.execute("SELECT id FROM transcripts")}
    counts = run_counts(project, run_id)
    assert counts.status == "completed"
    assert counts.transcripts == len(DEMO_FILES)
    assert counts.predictions == sum(len(r.mentions) for r in expected.values())
    assert counts.suggestions == sum(len(r.speaker_suggestions) for r in expected.values())
    assert counts.checks == sum(len(r.translation_checks) for r in expected.values())
    assert seen[-1] == (len(DEMO_FILES), len(DEMO_FILES))
    run = project.db.execute("SELECT extractor, version, config, config_hash, started_at,"
                             " finished_at FROM runs WHERE id = ?", (run_id,)).fetchone()
    assert run[:2] == ("builtin", ex.version)
    assert run[3] == config_hash(json.loads(run[2])) == config_hash(ex.config)
    assert run[4] and run[5]
    stored = run_mentions(project, run_id)
    for tid, result in expected.items():
        assert [m.to_json() for m in stored.get(tid, [])] == [m.to_json()
                                                              for m in result.mentions]


def test_two_jobs_give_the_same_predictions_as_one(project) -> None:
    one = run_on_project(project, "builtin", jobs=1)
    two = run_on_project(project, "builtin", jobs=2)
    assert one != two
    assert _rows(project, one) == _rows(project, two)
    assert run_counts(project, two).status == "completed"


def test_cancel_between_transcripts_keeps_what_was_saved(project) -> None:
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2  # two transcripts go through, then the user cancels

    run_id = run_on_project(project, "builtin", cancelled=cancelled)
    counts = run_counts(project, run_id)
    assert counts.status == "cancelled"
    assert counts.transcripts == 2


def test_unknown_extractor_records_nothing(project) -> None:
    with pytest.raises(ExtractorError, match="no extractor named 'nope'"):
        run_on_project(project, "nope")
    assert project.db.execute("SELECT count(*) FROM runs").fetchone()[0] == 0


def test_record_run_and_one_transaction_per_transcript() -> None:
    project = open_project(memory=True)
    text = "Operator\nGood day.\nJane Roe\nTotal revenue was $10 million.\n"
    tid, _ = project.add_transcript(parse_text(text), "mini")
    m = Mention(0, 3, "Ope", 0, "total_revenue", 1.0, None, None, "USD", "FY2024Q1",
                "actual", None, 0.9, {"approx": False})
    run_id = record_run(project, BuiltinExtractor(), {tid: ExtractionResult("builtin", "x",
                                                                            [m, m])})
    assert run_counts(project, run_id).predictions == 2
    # A failing write rolls back the whole transcript (the old rows stay).
    bad = Mention(0, 3, "Ope", 0, "total_revenue", "not a number", None, None, "USD", None,
                  "actual", None, 0.9)
    project.db.execute("CREATE TRIGGER no_text BEFORE INSERT ON predictions WHEN"
                       " NEW.value = 'not a number' BEGIN SELECT RAISE(ABORT, 'bad'); END")
    with pytest.raises(StoreError):
        save_result(project, run_id, tid, ExtractionResult("builtin", "x", [m, bad]))
    assert run_counts(project, run_id).predictions == 2
    project.close()
