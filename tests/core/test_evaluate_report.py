"""The evaluation report over a project: runs, outside predictions, speakers, slices,
bootstrap intervals, side-by-side differences, the gold of a past date, the CLI."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.evaluate.external import read_predictions
from reviewer.core.evaluate.render_html import render_html
from reviewer.core.evaluate.render_text import render_text
from reviewer.core.evaluate.report import evaluate, system_from_run
from reviewer.core.model import text_hash
from reviewer.core.review import Accept, MarkReviewed, Reject, ReviewSession
from reviewer.core.store import open_project
from reviewer.core.store.gold import iter_transcripts
from tests.core.test_evaluate_helpers import (
    TEXT,
    add_doc,
    add_run,
    annotate,
    mark_reviewed,
    mention,
    set_gold_speaker,
)

GOLD = [
    mention(TEXT, "$129.1 million", "revenue", value=129.1e6, unit="USD", period="FY2025Q2",
            kind="actual"),
    mention(TEXT, "5%", "revenue_growth", value=5, unit="percent", kind="actual"),
    mention(TEXT, "10% to 12%", "revenue_growth", low=10, high=12, unit="percent",
            period="FY2025", kind="guidance"),
    mention(TEXT, "50 basis points", "gross_margin", value=50, unit="bps", kind="actual"),
    mention(TEXT, "$40 million", "opex", value=40e6, unit="USD", kind="actual"),
    mention(TEXT, "negative $3 million", "fcf", value=-3e6, unit="USD", kind="actual"),
]
# Run A: 4 exact, 2 overlapping ("10%", "$3 million"), 1 spurious ("2025").
RUN_A = [
    mention(TEXT, "$129.1 million", "revenue", value=129.1e6, unit="USD", period="FY2025Q2",
            kind="actual"),
    mention(TEXT, "5%", "revenue_growth", value=5, unit="percent", kind="actual"),
    mention(TEXT, "10%", "revenue_growth", value=10, unit="percent", period="FY2025",
            kind="guidance"),
    mention(TEXT, "50 basis points", "gross_margin", value=0.5, unit="percent",
            kind="actual"),
    mention(TEXT, "$40 million", "opex", value=40e3, unit="USD", kind="actual"),
    mention(TEXT, "$3 million", "fcf", value=3e6, unit="USD", kind="actual"),
    mention(TEXT, "2025", "revenue", value=2025, unit="count"),
]
# Speakers: Kate's turn is really Priya Raman's, Sam Wilson's is Samuel Wilson's.
SUGGESTIONS = [{"turn": 1, "suggested": "Priya Raman"},      # catches a wrong label
               {"turn": 2, "suggested": "Kate Patterson"},   # breaks a right one
               {"turn": 3, "suggested": "Dan Roe"}]          # a wrong fix


@pytest.fixture
def project():
    p = open_project(memory=True)
    tid = add_doc(p)
    annotate(p, tid, GOLD)
    annotate(p, tid, [RUN_A[-1]], status="rejected")
    set_gold_speaker(p, tid, 1, "Priya Raman")
    set_gold_speaker(p, tid, 3, "Samuel Wilson")
    mark_reviewed(p, tid)
    add_run(p, {tid: RUN_A}, {tid: SUGGESTIONS}, name="toy", version="1.0")
    add_run(p, {tid: GOLD[:5]}, name="toy", version="2.0")
    yield p
    p.close()


def _report(project, runs=(1,), **kw):
    systems = [system_from_run(project, r) for r in runs]
    return evaluate(iter_transcripts(project), systems, resamples=kw.pop("resamples", 200),
                    **kw)


def test_mentions_values_and_speakers_of_one_run(project) -> None:
    rep = _report(project)
    assert rep["gold"] == {"transcripts": 1, "mentions": 6, "rejected": 1, "turns": 4,
                           "as_of": None}
    s = rep["systems"][0]
    assert s["name"] == "toy 1.0 (run 1)"
    strict, partial, typ = (s["mentions"][m] for m in ("strict", "partial", "type"))
    assert (strict["cor"], strict["inc"], strict["mis"], strict["spu"]) == (4, 2, 0, 1)
    assert strict["precision"] == pytest.approx(4 / 7)
    assert strict["recall"] == pytest.approx(4 / 6)
    assert partial["precision"] == pytest.approx(5 / 7)
    assert partial["recall"] == pytest.approx(5 / 6)
    assert typ["recall"] == pytest.approx(1.0)
    v = s["values"]
    assert (v["matched"], v["compared"], v["exact"], v["within"]) == (6, 6, 2, 2)
    assert v["errors"] == {"percent_bps": 1, "range_bounds": 1, "scale": 1, "sign": 1}
    assert v["scale_factors"] == {"1e-3": 1}
    assert v["kind"]["accuracy"] == 1.0
    sp = s["speakers"]
    assert (sp["turns"], sp["raw_correct"], sp["wrong_labels"]) == (4, 2, 2)
    assert (sp["suggestions"], sp["caught"], sp["broken"], sp["wrong_fix"]) == (3, 1, 1, 1)
    assert sp["after_accuracy"] == pytest.approx(0.5)
    assert s["per_unit_family"]["percent"]["strict"]["possible"] == 3
    assert s["slices"]["section"]["qa"]["strict"]["possible"] == 2


def test_facts_end_to_end(project) -> None:
    f = _report(project)["systems"][0]["facts"]
    # Gold: 6 facts. Run A: revenue and 5% right; the others differ in value or unit.
    assert (f["gold"], f["predicted"], f["matched"]) == (6, 7, 2)
    assert f["f1"] == pytest.approx(2 * (2 / 7) * (2 / 6) / (2 / 7 + 2 / 6))


def test_two_runs_side_by_side_with_paired_intervals(project) -> None:
    rep = _report(project, runs=(1, 2))
    assert [s["name"] for s in rep["systems"]] == ["toy 1.0 (run 1)", "toy 2.0 (run 2)"]
    b = rep["systems"][1]["mentions"]["strict"]
    assert (b["precision"], b["recall"]) == (1.0, pytest.approx(5 / 6))
    (cmp,) = rep["comparisons"]
    assert cmp["diff"]["strict.f1"] == pytest.approx(b["f1"] - rep["systems"][0]["mentions"]
                                                     ["strict"]["f1"])
    # One transcript: every resample is that transcript, the interval is the point.
    assert cmp["ci"]["strict.f1"] == [pytest.approx(cmp["diff"]["strict.f1"])] * 2


def test_bootstrap_is_reproducible_and_brackets_the_estimate(project) -> None:
    preds = {1: RUN_A}
    for i in range(2, 6):
        tid = add_doc(project, TEXT.replace("Altamira", f"Co{i}"), f"call{i}.txt")
        annotate(project, tid, GOLD[: i])
        mark_reviewed(project, tid)
        preds[tid] = RUN_A[: i + 1]
    run = add_run(project, preds)
    one = _report(project, runs=(run,), seed=7)["systems"][0]["mentions"]["strict"]
    two = _report(project, runs=(run,), seed=7)["systems"][0]["mentions"]["strict"]
    assert one["ci"] == two["ci"]
    lo, hi = one["ci"]["f1"]
    assert lo <= one["f1"] <= hi and lo < hi


def test_runs_are_scored_on_the_transcripts_they_covered(project) -> None:
    tid = add_doc(project, TEXT.replace("Altamira", "Newcomer"), "new.txt")
    annotate(project, tid, GOLD)
    mark_reviewed(project, tid)  # imported and reviewed after runs 1 and 2
    rep = _report(project, runs=(1, 2))
    assert rep["gold"]["transcripts"] == 1
    assert any("left out" in w for w in rep["warnings"])
    later = add_run(project, {tid: GOLD})
    rep = _report(project, runs=(later,))
    assert rep["gold"]["transcripts"] == 1
    assert rep["systems"][0]["mentions"]["strict"]["f1"] == 1.0


def test_outside_predictions_by_hash_or_file_name(project, tmp_path) -> None:
    path = tmp_path / "vendor.jsonl"
    lines = [{"file": "call.txt", "extractor": {"name": "vendor", "version": "3"},
              "mentions": [{**m, "text": None} for m in GOLD[:3]],
              "speaker_suggestions": [{"turn": 1, "label": "Kate Patterson",
                                       "suggested": "Priya Raman"}]},
             {"hash": "0" * 64, "mentions": []}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    system, warnings = read_predictions(project, path)
    assert system.name == "vendor 3 (vendor.jsonl)"
    assert system.covered == {text_hash(TEXT)}
    assert len(warnings) == 1 and "names no transcript" in warnings[0]
    rep = evaluate(iter_transcripts(project), [system], resamples=0)
    s = rep["systems"][0]
    assert s["mentions"]["strict"]["precision"] == 1.0
    assert s["mentions"]["strict"]["recall"] == pytest.approx(0.5)
    assert s["speakers"]["caught"] == 1


def test_gold_of_a_past_date_is_rebuilt_from_the_decisions(project) -> None:
    tid = add_doc(project, TEXT.replace("Altamira", "Later"), "later.txt")
    annotate(project, tid, GOLD, status="pending")
    session = ReviewSession(project, tid, "bob")
    for a in session.annotations():
        session.do(Accept(a.id))
    session.do(MarkReviewed())
    time.sleep(0.01)
    between = datetime.now(UTC).isoformat(timespec="microseconds")
    time.sleep(0.01)
    session.do(Reject(session.annotations()[0].id))
    now = {d.name: len(d.gold_mentions) for d in iter_transcripts(project)}
    then = {d.name: len(d.gold_mentions) for d in iter_transcripts(project, as_of=between)}
    assert now["later.txt"] == 5 and then["later.txt"] == 6
    before_review = {d.name for d in iter_transcripts(project, as_of="2000-01-01")}
    assert before_review == set()


def test_renderers_show_every_section(project) -> None:
    rep = _report(project, runs=(1, 2))
    text = render_text(rep, problems=5)
    for title in ("Mention detection (micro)", "Per metric", "Value errors", "Facts",
                  "Speaker labels", "Slice: prepared vs Q&A", "Differences against",
                  "Errors: toy 1.0"):
        assert title in text
    page = render_html(rep)
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") >= 8
    assert "<script" not in page and "http" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


def test_cli_evaluate_json_html_and_errors(project, tmp_path) -> None:
    db = tmp_path / "p.db"
    project.db.execute(f"VACUUM INTO '{db}'")
    runner = CliRunner()
    out = runner.invoke(cli, ["evaluate", "--db", str(db), "--run", "1", "--run", "2",
                              "--json", "--resamples", "50", "--html", str(tmp_path / "r.html")])
    assert out.exit_code == 0, out.output
    rep = json.loads(out.output)
    assert len(rep["systems"]) == 2 and (tmp_path / "r.html").is_file()
    out = runner.invoke(cli, ["evaluate", "--db", str(db), "--resamples", "0"])
    assert out.exit_code == 0 and "toy 2.0 (run 2)" in out.output  # the newest run
    out = runner.invoke(cli, ["evaluate", "--db", str(db), "--run", "9"])
    assert out.exit_code == 1 and "no run 9" in out.output
    out = runner.invoke(cli, ["evaluate", "--db", str(db), "--as-of", "yesterday"])
    assert out.exit_code == 1 and "not an ISO date" in out.output


def test_untouched_turns_without_a_roster_speaker_are_right() -> None:
    # What the parsers leave on an operator's turn: the label, and no roster participant.
    from reviewer.core.evaluate.speakers import score_speakers
    from reviewer.core.store.gold_records import SuggestionRecord, TurnRecord

    turns = [TurnRecord(0, "Operator", None, "operator", "prepared", 0, 10),
             TurnRecord(1, "Steve", None, "unknown", "qa", 10, 20),
             TurnRecord(2, "Needham", None, "unknown", "qa", 20, 30, "Rich Valera",
                        "analyst", "corrected")]
    tally = score_speakers(turns, [SuggestionRecord(0, "Operator", "Operator"),
                                   SuggestionRecord(2, "Needham", "Rich Valera")])
    assert (tally.turns, tally.raw_correct, tally.wrong_labels) == (3, 2, 1)
    assert (tally.suggestions, tally.caught, tally.broken, tally.after_correct) == (1, 1, 0, 3)


def test_mentions_left_pending_in_reviewed_gold_are_reported(project) -> None:
    # Marking a transcript reviewed with mentions undecided is allowed, but the precision it
    # gives is surprising: the report says why.
    assert not any("pending" in w for w in _report(project)["warnings"])
    annotate(project, 1, [mention(TEXT, "2025", "revenue")], status="pending")
    rep = _report(project)
    assert any(w.startswith("1 mention(s) were left pending") for w in rep["warnings"])
    assert "left pending" in render_text(rep)
