"""The metric taxonomy: built-in file, derived metrics, user additions, bad files."""

from __future__ import annotations

import json

import pytest

from reviewer.core.errors import InputError
from reviewer.core.extract.metrics.taxonomy import FAMILIES, load_taxonomy

ISSUE_METRICS = [  # what the issue asks the taxonomy to cover
    "total_revenue", "service_revenue", "other_revenue", "total_revenue_growth", "arr",
    "gross_margin", "service_margin", "other_margin", "operating_expenses",
    "sales_marketing_expense_pct_revenue", "rd_expense_pct_revenue", "ga_expense_pct_revenue",
    "operating_margin", "operating_income", "pretax_income", "pretax_loss", "net_income",
    "net_loss", "eps", "cash_and_investments", "restricted_cash", "cash_from_operations",
    "free_cash_flow", "debt", "rpo", "deferred_revenue", "net_dollar_retention", "churn",
    "bookings", "bookings_growth", "channel_share", "customers_over_threshold",
    "deals_over_threshold",
]


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(include_user=False)


def test_builtin_taxonomy_loads_with_unique_ids(taxonomy) -> None:
    ids = list(taxonomy.metrics)
    assert len(ids) == len(set(ids)) == len(taxonomy)
    for m in taxonomy.metrics.values():
        assert m.family in FAMILIES
        assert m.label


@pytest.mark.parametrize("metric", ISSUE_METRICS)
def test_taxonomy_covers_the_issues_metrics(taxonomy, metric) -> None:
    assert metric in taxonomy


def test_every_synonym_names_one_metric(taxonomy) -> None:
    text = "Non-GAAP service revenue margin and total cash, restricted cash, and investments"
    assert [(text[s:e], mid) for s, e, mid in taxonomy.find(text)] == [
        ("service revenue margin", "service_margin"),
        ("total cash, restricted cash, and investments", "cash_and_investments"),
    ]


def test_growth_and_share_metrics_are_derived(taxonomy) -> None:
    g = taxonomy.get("service_revenue_growth")
    assert (g.family, g.base) == ("growth", "service_revenue")
    assert taxonomy.get("service_revenue").growth_id == "service_revenue_growth"
    assert taxonomy.get("rd_expense").pct_revenue_id == "rd_expense_pct_revenue"
    assert taxonomy.find("ARR growth was strong")[0][2] == "arr_growth"


def test_chinese_and_arabic_synonyms(taxonomy) -> None:
    assert taxonomy.find("本季毛利率為 67.8%", "zh")[0][2] == "gross_margin"
    assert taxonomy.find("بلغت عائدات الخدمة 116 مليون", "ar")[0][2] == "service_revenue"


def test_user_file_adds_metrics_and_synonyms(tmp_path) -> None:
    user = tmp_path / "taxonomy.json"
    user.write_text(json.dumps({"metrics": [
        {"id": "seat_count", "label": "Seats", "family": "count", "synonyms": ["seats"]},
        {"id": "total_revenue", "synonyms": {"en": ["turnover"]}},
    ]}), encoding="utf-8")
    t = load_taxonomy(user)
    assert t.get("seat_count").source == "user"
    assert t.find("2,000 seats")[0][2] == "seat_count"  # moved from active_users
    assert t.find("turnover rose")[0][2] == "total_revenue"
    assert t.find("total revenue")[0][2] == "total_revenue"  # built-in synonyms kept
    assert t.digest != load_taxonomy(include_user=False).digest


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "not a readable taxonomy file"),
    ('{"metrics": {}}', 'needs a "metrics" list'),
    ('{"metrics": [{"id": "Bad Id", "family": "money"}]}', "bad metric id"),
    ('{"metrics": [{"id": "x_metric", "family": "colour"}]}', "needs a family"),
    ('{"metrics": [{"id": "a_m", "family": "money", "synonyms": ["foo"]},'
     ' {"id": "b_m", "family": "money", "synonyms": ["foo"]}]}', "belongs to both"),
    ('{"metrics": [{"id": "total_revenue_growth", "family": "growth"}]}', "collide"),
])
def test_bad_user_files_raise_input_error(tmp_path, content, message) -> None:
    user = tmp_path / "taxonomy.json"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_taxonomy(user)
