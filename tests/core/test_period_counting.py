"""Period and kind agreement count a matched pair when either side gives one, in `agreement`
and in `evaluate` alike (docs/evaluation.md)."""

from __future__ import annotations

import pytest

from reviewer.core.evaluate.agreement import agreement
from reviewer.core.evaluate.report import evaluate, system_from_run
from reviewer.core.store import open_project
from reviewer.core.store.gold import iter_transcripts
from tests.core.test_evaluate_helpers import add_doc, add_run, annotate, mark_reviewed
from tests.core.test_evaluate_report import GOLD

# B gives "50 basis points" a period where A has none; everything else is A's.
B = [*GOLD[:3], {**GOLD[3], "period": "FY2025Q2"}, *GOLD[4:]]


def _project(rows):
    p = open_project(memory=True)
    tid = add_doc(p)
    annotate(p, tid, rows)
    mark_reviewed(p, tid)
    return p, tid


def test_blank_pairs_do_not_count_and_a_one_sided_period_is_a_disagreement() -> None:
    a, tid = _project(GOLD)
    b, _ = _project(B)
    rep = agreement(iter_transcripts(a), iter_transcripts(b), names=("a", "b"))
    # Periods: GOLD[0] FY2025Q2 both, GOLD[2] FY2025 both, GOLD[3] only B; the three others
    # have none on either side. Kinds: all six pairs give one, all equal.
    v = rep["values"]
    assert (v["period_compared"], v["period_agreement"]) == (3, pytest.approx(2 / 3))
    assert (v["kind_compared"], v["kind_agreement"]) == (6, 1.0)
    # evaluate with A as the gold and B as a run: the same pairs, the same figures.
    add_run(a, {tid: B})
    s = evaluate(iter_transcripts(a), [system_from_run(a, 1)], resamples=0)["systems"][0]
    assert s["values"]["period"] == {"compared": 3, "correct": 2,
                                     "accuracy": pytest.approx(2 / 3)}
    assert s["values"]["kind"]["compared"] == 6
    a.close()
    b.close()
