"""The active-learning order: its score, the simulated reviewer, and the honest comparison
with file order on our demo (model trained on one demo call, three calls pending)."""

from __future__ import annotations

import pytest

from reviewer.core.learn.active import order_mentions, order_transcripts, usefulness
from reviewer.core.learn.simulate import area, decisions_to_reach, review_curve
from reviewer.core.store import open_project
from tests.core.active_setup import simulation_setup


def test_usefulness_puts_disagreement_then_doubt_first() -> None:
    # Rules propose it, the model says no (p = 0.1): disagreement 1 + uncertainty 0.2.
    assert usefulness(0.1, True) == pytest.approx(1.2)
    # Both say yes, model sure: nothing to learn.
    assert usefulness(1.0, True) == pytest.approx(0.0)
    # Model alone proposes it, half sure: disagreement + full uncertainty.
    assert usefulness(0.5, False) == pytest.approx(2.0)
    # No rules to compare with: uncertainty alone.
    assert usefulness(0.75, None) == pytest.approx(0.5)


def test_review_curve_counts_rejected_errors() -> None:
    gold = {"a": {(0, 5), (10, 15), (20, 25)}}
    order = [("a", (0, 5)), ("a", (30, 35)), ("a", (10, 15))]
    # TP 2, FN 1; FP 1 until the wrong proposal is rejected by the second decision.
    curve = review_curve(order, gold)
    assert curve == pytest.approx([4 / 6, 4 / 6, 4 / 5, 4 / 5])
    assert decisions_to_reach(curve, 0.8) == 2
    assert decisions_to_reach(curve, 0.9) is None
    assert area(curve) == pytest.approx(sum(curve) / 4)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("al")
    return folder, simulation_setup(folder, epochs=60)


def test_uncertainty_order_reaches_f1_with_fewer_decisions_than_file_order(setup) -> None:
    _folder, s = setup
    curves = s.curves()
    file_c, active_c = curves["file"], curves["uncertainty"]
    assert len(file_c) == len(active_c) > 20  # the model proposes enough to review
    assert file_c[0] == active_c[0] and file_c[-1] == pytest.approx(active_c[-1])
    start, end = file_c[0], file_c[-1]
    assert end > start  # there are wrong proposals to find
    halfway = start + 0.5 * (end - start)
    # The order never sees the hidden gold (the model's uncertainty alone), yet finds the
    # wrong proposals sooner than reading the calls in file order.
    assert decisions_to_reach(active_c, halfway) < decisions_to_reach(file_c, halfway)
    assert area(active_c) > area(file_c)


def test_project_order_of_pending_transcripts_and_mentions(setup) -> None:
    folder, s = setup
    project = open_project(folder / "al.db")
    try:
        order = order_transcripts(project, s.model)
        pending = [r.id for r in project.list_transcripts() if r.status != "reviewed"]
        assert sorted(t for t, _ in order) == sorted(pending) and len(pending) == 3
        assert [sc for _, sc in order] == sorted((sc for _, sc in order), reverse=True)
        tid = order[0][0]
        mentions = order_mentions(project, s.model, tid)
        from reviewer.core.review import ReviewSession

        ids = [a.id for a in ReviewSession(project, tid, "t").annotations()
               if a.status == "pending"]
        assert sorted(a for a, _ in mentions) == sorted(ids) and ids
        assert [sc for _, sc in mentions] == sorted((sc for _, sc in mentions), reverse=True)
    finally:
        project.close()
