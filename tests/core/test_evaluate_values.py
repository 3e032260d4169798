"""Value correctness, the error taxonomy, period/kind accuracy and fact F1, by hand."""

from __future__ import annotations

import pytest

from reviewer.core.evaluate.scoring import score_doc
from reviewer.core.evaluate.values import (
    check_value,
    facts,
    match_facts,
    normalize_unit,
    unit_family,
)
from reviewer.core.store.gold_records import MentionRecord
from tests.core.test_evaluate_matching import doc

M = MentionRecord


def g(**kw) -> MentionRecord:
    return M(0, 10, "revenue", status="accepted", **kw)


@pytest.mark.parametrize(("gold", "pred", "exact", "within", "error", "factor"), [
    (g(value=129.1e6, unit="USD"), g(value=129_100_000, unit="usd"), True, True, None, None),
    (g(value=129.1e6, unit="USD"), g(value=129.5e6, unit="USD"), False, True, None, None),
    (g(value=129.1e6, unit="USD"), g(value=129.1e3, unit="USD"), False, False, "scale", "1e-3"),
    (g(value=17.5e6, unit="USD"), g(value=17.5e9, unit="USD"), False, False, "scale", "1e3"),
    (g(value=-3e6, unit="USD"), g(value=3e6, unit="USD"), False, False, "sign", None),
    (g(value=40e6, unit="USD"), g(value=40e6, unit="EUR"), False, False, "currency", None),
    (g(value=40e6, unit="USD"), g(value=40e6, unit="count"), False, False, "unit", None),
    (g(value=50, unit="bps"), g(value=50, unit="percent"), False, False, "percent_bps", None),
    (g(value=0.5, unit="percent"), g(value=50, unit="%"), False, False, "percent_bps", None),
    (g(low=10, high=12, unit="percent"), g(low=10, high=13, unit="percent"), False, False,
     "range_bounds", None),
    (g(low=10, high=12, unit="percent"), g(value=12, unit="percent"), False, False,
     "range_bounds", None),
    (g(low=1e6, high=2e6, unit="USD"), g(low=1e9, high=2e9, unit="USD"), False, False,
     "scale", "1e3"),
    (g(value=60.9, unit="percent"), g(unit="percent"), False, False, "missing", None),
    (g(value=60.9, unit="percent"), g(value=16.9, unit="percent"), False, False, "other", None),
])
def test_value_checks(gold, pred, exact, within, error, factor) -> None:
    vc = check_value(gold, pred, 0.005)
    assert vc.compared
    assert (vc.exact, vc.within, vc.error, vc.factor) == (exact, within, error, factor)


def test_gold_without_a_number_is_not_compared() -> None:
    assert not check_value(g(), g(value=5, unit="percent")).compared


def test_units_and_families() -> None:
    assert normalize_unit("%") == "percent" and normalize_unit("usd") == "USD"
    assert normalize_unit("bps") == "bps"
    assert [unit_family(u) for u in ("TWD", "bps", "percent", "count", None, "x")] == [
        "money", "percent", "percent", "count", "none", "ratio"]


def test_value_period_kind_accuracy_on_matched_mentions() -> None:
    gold = [M(0, 10, "revenue", value=129.1e6, unit="USD", period="FY2021Q2", kind="actual",
              status="accepted"),
            M(20, 30, "growth", low=10, high=12, unit="percent", period="FY2025",
              kind="guidance", status="accepted"),
            M(40, 50, "fcf", value=-3e6, unit="USD", period="FY2021Q2", kind="actual",
              status="accepted")]
    pred = [M(0, 10, "revenue", value=129.1e3, unit="USD", period="FY2021Q2", kind="actual"),
            M(20, 30, "growth", low=10, high=12, unit="percent", period="FY2024",
              kind="guidance"),
            M(40, 50, "fcf", value=3e6, unit="USD", period="fy2021q2", kind="guidance"),
            M(100, 110, "eps", value=1.0, unit="USD")]
    v = score_doc(doc(gold), pred, [], 0.005).values
    assert (v.matched, v.compared, v.exact, v.within) == (3, 3, 1, 1)
    assert dict(v.errors) == {"scale": 1, "sign": 1}
    assert dict(v.factors) == {"1e-3": 1}
    assert v.period == [3, 2]   # the growth period is wrong; case is ignored
    assert v.kind == [3, 2]     # the fcf kind is wrong
    assert v.metric == [3, 3]


def test_fact_f1_end_to_end() -> None:
    """Gold states 3 distinct facts (revenue said twice counts once); the prediction gets
    revenue right (within tolerance), growth wrong (period), adds a spurious eps fact."""
    gold = [M(0, 10, "revenue", value=129.1e6, unit="USD", period="FY2021Q2", kind="actual"),
            M(50, 60, "revenue", value=129.1e6, unit="USD", period="FY2021Q2", kind="actual"),
            M(20, 30, "growth", low=10, high=12, unit="percent", period="FY2025",
              kind="guidance"),
            M(40, 50, "margin", value=60.9, unit="percent", period="FY2021Q2", kind="actual")]
    pred = [M(0, 10, "revenue", value=129.2e6, unit="USD", period="FY2021Q2", kind="actual"),
            M(20, 30, "growth", low=10, high=12, unit="percent", period="FY2024",
              kind="guidance"),
            M(40, 50, "margin", value=60.9, unit="%", period="FY2021Q2", kind="actual"),
            M(70, 80, "eps", value=0.1, unit="USD", period="FY2021Q2", kind="actual")]
    gf, pf = facts(gold), facts(pred)
    assert (len(gf), len(pf)) == (3, 4)
    assert match_facts(gf, pf, 0.005) == 2
    s = score_doc(doc([*[_gold(m) for m in gold]]), pred, [], 0.005)
    assert s.facts == (3, 4, 2)   # P = 2/4, R = 2/3


def _gold(m: MentionRecord) -> MentionRecord:
    m.status = "accepted"
    return m
