"""The report's verdict in words, how much gold stands behind an interval, structural zeros,
pre-annotation from a compared system, and errors sampled across transcripts.

Expected figures are worked out by hand from the fixture (see the comments)."""

from __future__ import annotations

import pytest

from reviewer.core.evaluate.render_html import render_html
from reviewer.core.evaluate.render_text import render_text
from reviewer.core.evaluate.report import System, evaluate, system_from_run
from reviewer.core.evaluate.verdict import sample_problems, verdict
from reviewer.core.model import text_hash
from reviewer.core.store import open_project
from reviewer.core.store.gold import iter_transcripts
from reviewer.core.store.gold_records import MentionRecord
from tests.core.test_evaluate_helpers import TEXT, add_doc, add_run, annotate, mark_reviewed
from tests.core.test_evaluate_report import GOLD, RUN_A


def _texts(n: int) -> list[str]:
    # Same length as "Altamira": every mention keeps its offsets.
    return [TEXT.replace("Altamira", f"Altamir{i}") for i in range(n)]


def build(n: int, *, preannotate: bool = False):
    """n identical calls: gold GOLD, run 1 RUN_A, run 2 GOLD[:5]."""
    p = open_project(memory=True)
    tids = []
    for i, _text in enumerate(_texts(n)):
        tid = add_doc(p, _text, f"call{i}.txt")
        annotate(p, tid, GOLD)
        mark_reviewed(p, tid)
        tids.append(tid)
    add_run(p, {t: RUN_A for t in tids}, name="toy", version="1.0")
    add_run(p, {t: GOLD[:5] for t in tids}, name="toy", version="2.0")
    if preannotate:
        # The gold mentions whose span run 1 found exactly came from its predictions.
        with p.db.conn:
            p.db.conn.execute(
                "UPDATE annotations SET prediction_id = (SELECT id FROM predictions q WHERE"
                " q.run_id = 1 AND q.transcript_id = annotations.transcript_id AND q.start ="
                " annotations.start AND q.\"end\" = annotations.\"end\")")
    return p


def report(p, extra=(), resamples=200):
    systems = [system_from_run(p, 1), system_from_run(p, 2), *extra]
    return evaluate(iter_transcripts(p), systems, resamples=resamples)


def test_verdict_with_enough_gold_states_difference_interval_and_count() -> None:
    p = build(10)
    rep = report(p)
    # Per call, strict F1: run 1 = 2*4/(7+6) = 8/13, run 2 = 2*5/(5+6) = 10/11.
    # Difference 10/11 - 8/13 = 42/143 = +29.4 points. Every call is the same, so every
    # resample gives the same difference: the interval is the point itself.
    (v,) = rep["summary"]["verdicts"]
    assert v["figure"] == "strict.f1" and v["diff"] == pytest.approx(42 / 143)
    assert v["sentence"] == ("toy 2.0 (run 2) finds +29.4 points of strict F1 over the "
                             "baseline toy 1.0 (run 1) (95% interval +29.4 to +29.4, "
                             "10 transcripts): better.")
    assert rep["summary"]["intervals_shown"]
    assert rep["summary"]["gold"].startswith("Every interval rests on 10 reviewed transcripts")
    assert v["sentence"] in render_text(rep)
    assert "+29.4 to +29.4" in render_html(rep)
    p.close()


def test_too_little_gold_hides_intervals_and_says_why() -> None:
    p = build(2)
    rep = report(p)
    (v,) = rep["summary"]["verdicts"]
    assert v["sentence"] == ("toy 2.0 (run 2) finds +29.4 points of strict F1 over the "
                             "baseline toy 1.0 (run 1) (2 transcript(s); an interval needs at "
                             "least 10, none shown): too little gold to tell.")
    assert not rep["summary"]["intervals_shown"]
    # Two transcripts allow C(3, 2) = 3 distinct resamples: {a,a}, {a,b}, {b,b}.
    assert "can only draw 3 different resample(s)" in rep["summary"]["gold"]
    text = render_text(rep)
    assert "too few (2)" in text and "[0." not in text
    page = render_html(rep)
    assert "no intervals: 2 transcript(s), fewer than 10" in page
    p.close()


def test_words_follow_the_interval() -> None:
    base = {"name": "A", "per_metric": {"revenue": {"strict": {"actual": 3}}}}
    other = {"name": "B", "per_metric": {"revenue": {"strict": {"actual": 2}}}}

    def word(lo: float, hi: float) -> str:
        c = {"diff": {"strict.f1": (lo + hi) / 2}, "ci": {"strict.f1": [lo, hi]}}
        return verdict(c, base, other, 48)["word"]

    assert word(0.07, 0.22) == "better"
    assert word(-0.2, -0.01) == "worse"
    assert word(-0.01, 0.05) == "no difference the gold can tell apart"
    c = {"diff": {"strict.f1": 0.13}, "ci": {"strict.f1": [0.07, 0.22]}}
    assert verdict(c, base, other, 48)["sentence"] == (
        "B finds +13.0 points of strict F1 over the baseline A (95% interval +7.0 to +22.0, "
        "48 transcripts): better.")


def test_a_system_without_metrics_is_judged_on_spans_with_a_note() -> None:
    p = build(10)
    spans_only = System("spans-only", "file spans.jsonl", covered=set())
    for t in _texts(10):
        h = text_hash(t)
        spans_only.covered.add(h)
        spans_only.mentions[h] = [MentionRecord(**{**m, "metric": None}) for m in GOLD]
    rep = report(p, [spans_only])
    q = rep["systems"][2]
    assert q["mentions"]["strict"]["f1"] == 0.0 and q["mentions"]["exact"]["f1"] == 1.0
    # Against run 1 on exact spans: run 1 has 4 of 7 exact ("10%" and "$3 million" are
    # partial, "2025" spurious): F1 8/13; spans-only 6 of 6: F1 1. +5/13 = +38.5 points.
    v = rep["summary"]["verdicts"][1]
    assert v["figure"] == "exact.f1" and v["sentence"].startswith(
        "spans-only finds +38.5 points of exact F1 over the baseline toy 1.0 (run 1)")
    assert rep["summary"]["lead_modes"]["spans-only"] == "exact"
    assert any(n.startswith("spans-only assigns no metric") for n in rep["summary"]["notes"])
    page = render_html(rep)
    assert "0 by construction (no metric)" in page
    # Its mode rows lead with the modes that apply.
    block = page[page.index("spans-only</td>"):]
    assert block.index(">exact<") < block.index(">strict<")
    p.close()


def test_gold_preannotated_from_a_compared_system_is_noted() -> None:
    p = build(10, preannotate=True)
    rep = report(p, resamples=0)
    # 4 spans per call equal run 1's ($129.1 million, 5%, 50 basis points, $40 million):
    # 40 of the 60 gold mentions = 66.7%.
    assert rep["systems"][0]["preannotated"] == {"transcripts": 10, "gold_mentions": 40}
    assert rep["systems"][1]["preannotated"] == {"transcripts": 0, "gold_mentions": 0}
    assert ("The gold was pre-annotated from toy 1.0 (run 1) in 10 transcript(s): 40 gold "
            "mention(s) (66.7%) are its predictions") in " ".join(rep["summary"]["notes"])
    p.close()


def test_errors_are_sampled_across_transcripts() -> None:
    problems = [{"hash": "a", "i": i} for i in range(5)] + [{"hash": "b", "i": i}
                                                             for i in range(2)]
    got = [(x["hash"], x["i"]) for x in sample_problems(problems, 5)]
    assert got == [("a", 0), ("b", 0), ("a", 1), ("b", 1), ("a", 2)]
    assert len(sample_problems(problems, 100)) == 7
