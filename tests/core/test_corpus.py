"""Corpus runs on the local engine: inputs (files, folders, JSONL shards), the predictions
shards they write, and the two readers of those shards (evaluate --predictions, and
import-predictions into a project)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.corpus.run import run_local
from reviewer.core.corpus.sources import iter_items
from reviewer.core.corpus.variants import write_variant_shards, write_variants
from reviewer.core.errors import InputError
from reviewer.core.evaluate.external import read_predictions
from reviewer.core.evaluate.report import evaluate, system_from_run
from reviewer.core.extract.builtin import BuiltinExtractor
from reviewer.core.extract.runner import run_on_project
from reviewer.core.importer import import_paths
from reviewer.core.ingest import parse_file
from reviewer.core.review import Accept, MarkReviewed, Reject, ReviewSession, preannotate
from reviewer.core.store import open_project
from reviewer.core.store.gold import iter_transcripts, run_output


def _lines(folder) -> list[dict]:
    return [json.loads(line) for f in sorted(folder.glob("predictions-*.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines()]


def test_each_line_is_what_extract_file_json_prints_with_the_hash(tmp_path) -> None:
    files = sorted(write_variants(7, tmp_path / "in"))  # a folder is read in name order
    report = run_local(iter_items([tmp_path / "in"]), tmp_path / "out", jobs=2, per_shard=3)
    assert (report.transcripts, len(report.shards), report.errors) == (7, 3, [])
    lines = _lines(tmp_path / "out")
    extractor = BuiltinExtractor()
    for f, line in zip(files, lines, strict=True):
        parsed = parse_file(f)
        assert line == {"hash": parsed.content_hash, "file": f.name,
                        **json.loads(json.dumps(extractor.extract(parsed).to_json()))}
    assert report.mentions == sum(len(x["mentions"]) for x in lines)


def test_shards_and_files_give_the_same_lines(tmp_path) -> None:
    write_variants(12, tmp_path / "files")
    write_variant_shards(12, tmp_path / "shards", per_shard=5)
    run_local(iter_items([tmp_path / "files"]), tmp_path / "a", jobs=1)
    run_local(iter_items(sorted((tmp_path / "shards").glob("*.jsonl"))), tmp_path / "b", jobs=2)
    # A folder is read in file-name order, shards in line order: compare by name.
    a, b = (sorted(_lines(tmp_path / d), key=lambda x: x["file"]) for d in "ab")
    assert a == b and len(a) == 12


def test_bad_inputs(tmp_path) -> None:
    shard = tmp_path / "bad.jsonl"
    shard.write_text('{"name": "a.txt", "text": "Operator\\nHello, revenue was $5 million."}\n'
                     '{"name": "b.txt"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:2: expected an object"):
        run_local(iter_items([shard]), tmp_path / "out", jobs=1)
    empty = tmp_path / "empty.jsonl"
    empty.write_text('{"name": "blank.txt", "text": "  \\n"}\n', encoding="utf-8")
    report = run_local(iter_items([empty]), tmp_path / "out2", jobs=1)
    assert report.transcripts == 0 and report.errors[0][0] == "blank.txt"
    assert json.loads((tmp_path / "out2" / "errors.jsonl").read_text())["file"] == "blank.txt"
    with pytest.raises(InputError, match="already holds predictions"):
        write_variants(1, tmp_path / "one")
        run_local(iter_items([tmp_path / "one"]), tmp_path / "out3", jobs=1)
        run_local(iter_items([tmp_path / "one"]), tmp_path / "out3", jobs=1)


@pytest.fixture
def reviewed_project(tmp_path):
    """Ten variants imported and extracted in a project, two of them reviewed."""
    files = write_variants(10, tmp_path / "in")
    project = open_project(tmp_path / "p.db")
    import_paths(project, files)
    run_id = run_on_project(project)
    for tid in (1, 2):
        preannotate(project, tid, run_id)
        s = ReviewSession(project, tid, "tester")
        for i, a in enumerate(s.annotations()):
            s.do(Reject(a.id) if i % 4 == 0 else Accept(a.id))
        s.do(MarkReviewed())
    yield project, run_id, tmp_path
    project.close()


def test_evaluate_reads_the_shards_folder_like_the_run(reviewed_project) -> None:
    project, run_id, tmp = reviewed_project
    run_local(iter_items([tmp / "in"]), tmp / "out", jobs=2, per_shard=4)
    system, warnings = read_predictions(project, tmp / "out")
    assert warnings == [] and len(system.covered) == 10
    rep = evaluate(iter_transcripts(project), [system_from_run(project, run_id), system],
                   resamples=0)
    a, b = (s["mentions"] for s in rep["systems"])
    assert a == b and a["strict"]["actual"] > 0
    res = CliRunner().invoke(cli, ["evaluate", "--db", str(project.path), "--predictions",
                                   str(tmp / "out"), "--json", "--resamples", "0"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["systems"][0]["mentions"] == a


def test_import_predictions_records_the_same_run(reviewed_project) -> None:
    project, run_id, tmp = reviewed_project
    run_local(iter_items([tmp / "in"]), tmp / "out", jobs=1)
    res = CliRunner().invoke(cli, ["import-predictions", str(tmp / "out"),
                                   "--db", str(project.path)])
    assert res.exit_code == 0, res.output
    assert "10 transcript(s)" in res.output
    new_run = run_id + 1
    fields = ("start", "end", "turn", "metric", "value", "low", "high", "unit", "period",
              "kind", "basis", "confidence")

    def rows(run: int):
        mentions, suggestions = run_output(project, run)
        return ({h: [tuple(getattr(m, f) for f in fields) for m in ms]
                 for h, ms in mentions.items()}, suggestions)
    assert rows(new_run) == rows(run_id)
