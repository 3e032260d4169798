"""``reviewer train`` on our demo gold: trains with spaCy's loop, saves, reloads as the
``spacy:`` and ``combined:`` extractors, and scores on transcripts it never saw."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.export.dataset import project_records
from reviewer.core.extract.builtin import BuiltinExtractor
from reviewer.core.ingest import parse_file
from reviewer.core.learn.data import TrainingError, split_hashes
from tests.conftest import DEMO
from tests.core.demo_gold import build_demo_gold

EPOCHS = "10"  # enough for the demo gold to be learned; a few tens of seconds on one core


def test_split_is_deterministic_disjoint_and_complete() -> None:
    hashes = [f"{i:064x}" for i in range(10)]
    train, held = split_hashes(reversed(hashes), 0.8, seed=3)
    assert (train, held) == split_hashes(hashes, 0.8, seed=3)
    assert len(train) == 8 and len(held) == 2 and not set(train) & set(held)
    assert sorted(train + held) == hashes
    assert split_hashes(hashes, 0.8, seed=4) != (train, held) or \
        split_hashes(hashes, 0.8, seed=5) != (train, held)
    with pytest.raises(TrainingError, match="at least 2"):
        split_hashes(hashes[:1], 0.8, 0)
    with pytest.raises(TrainingError, match="between 0 and 1"):
        split_hashes(hashes, 1.0, 0)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("train")
    project = build_demo_gold(folder / "demo.db")
    hashes = [r["hash"] for r in project_records(project)]
    project.close()
    out = CliRunner().invoke(cli, ["train", "--db", str(folder / "demo.db"), "--out",
                                   str(folder / "model"), "--epochs", EPOCHS, "--seed", "0"])
    assert out.exit_code == 0, out.output
    return folder, hashes, out.output


def test_train_saves_a_model_and_held_out_scores(trained) -> None:
    folder, hashes, output = trained
    model = folder / "model"
    assert (model / "model-best" / "meta.json").is_file()
    assert (model / "config.cfg").is_file()
    info = json.loads((model / "reviewer-model.json").read_text(encoding="utf-8"))
    assert sorted(info["train"] + info["held_out"]) == sorted(hashes)
    assert len(info["held_out"]) == 1  # 5 transcripts, split 0.8
    scores = info["scores"]
    assert set(scores) == {"rules", "model", "combined"}
    # The gold is the rules' proposals accepted: the rules score 1 by construction, and the
    # model, which saw none of the held-out transcript, must have learned them well.
    assert scores["rules"]["strict_f1"] == 1.0
    assert scores["model"]["exact_f1"] >= 0.5
    assert scores["combined"]["exact_r"] >= scores["rules"]["exact_r"]
    assert "held-out scores" in output and "combined" in output


def test_model_extractor_from_the_command_line(trained) -> None:
    folder, _hashes, _output = trained
    path = DEMO / "altamira_q2_fy2024_seekingalpha.txt"
    parsed = parse_file(path)
    text = parsed.text
    rules = {(m.start, m.end): m for m in BuiltinExtractor().extract(parsed).mentions}
    runner = CliRunner()
    res = {}
    for kind in ("spacy", "combined"):
        out = runner.invoke(cli, ["extract", str(path), "--json", "--extractor",
                                  f"{kind}:{folder / 'model'}"])
        assert out.exit_code == 0, out.output
        res[kind] = json.loads(out.output)
        assert res[kind]["extractor"]["name"] == kind
    model = res["spacy"]["mentions"]
    assert model, "the model finds figures in a demo call"
    for m in model:
        assert text[m["start"]:m["end"]] == m["text"]
        assert 0.5 <= m["confidence"] <= 1.0
        same = rules.get((m["start"], m["end"]))
        if same is not None:  # described by the rules
            assert (m["value"], m["unit"], m["period"], m["kind"]) == (
                same.value, same.unit, same.period, same.kind)
    # rules ∪ model: every rule mention is there, the rest are model spans no rule covers.
    combined = {(m["start"], m["end"]) for m in res["combined"]["mentions"]}
    assert set(rules) <= combined
    model_spans = {(m["start"], m["end"]) for m in model}
    assert combined - set(rules) <= model_spans


def test_model_runs_over_a_project_and_is_evaluated(trained) -> None:
    folder, _hashes, _output = trained
    runner = CliRunner()
    out = runner.invoke(cli, ["extract", "--db", str(folder / "demo.db"), "--extractor",
                              f"spacy:{folder / 'model'}"])
    assert out.exit_code == 0, out.output
    assert "completed, 5 transcript(s)" in out.output
    out = runner.invoke(cli, ["evaluate", "--db", str(folder / "demo.db"), "--json"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.output)
    names = [s["name"] for s in report["systems"]]
    assert any(n.startswith("spacy ") for n in names)


def test_unknown_model_folder_is_a_clear_error(tmp_path) -> None:
    out = CliRunner().invoke(cli, ["extract", str(DEMO / "altamira_q3_fy2024_asr.txt"),
                                   "--extractor", f"spacy:{tmp_path}"])
    assert out.exit_code == 1
    assert out.output.startswith("error: ") and "reviewer train" in out.output
