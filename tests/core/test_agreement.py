"""Agreement between reviewers (two projects, or two reviewers in one) and merging projects."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.evaluate.agreement import agreement, cohen_kappa, render_agreement
from reviewer.core.evaluate.merge import merge_projects
from reviewer.core.review import Accept, Edit, MarkReviewed, Reject, ReviewSession
from reviewer.core.store import open_project
from reviewer.core.store.gold import iter_transcripts, load_transcript, reviewer_versions
from reviewer.core.store.gold_import import merge_conflicts
from tests.core.test_evaluate_helpers import (
    TEXT,
    add_doc,
    annotate,
    mark_reviewed,
    mention,
    set_gold_speaker,
)
from tests.core.test_evaluate_report import GOLD

# Reviewer B: "10%" instead of "10% to 12%", opex called operating_expenses, 5% read as 6%,
# no free-cash-flow mention, an extra "2025"; and no correction of Kate's turn.
GOLD_B = [
    GOLD[0], {**GOLD[1], "value": 6},
    mention(TEXT, "10%", "revenue_growth", value=10, unit="percent", period="FY2025",
            kind="guidance"),
    GOLD[3], {**GOLD[4], "metric": "operating_expenses"},
    mention(TEXT, "2025", "revenue", value=2025, unit="count", kind="actual"),
]


def test_cohen_kappa_by_hand() -> None:
    # po = 3/4; pe = .5 * .25 + .5 * .75 = .5; kappa = (.75 - .5) / .5
    assert cohen_kappa(list("xxyy"), list("xyyy")) == (0.75, 0.5, 0.5)
    assert cohen_kappa([], []) == (0.0, 0.0, None)
    assert cohen_kappa(list("aa"), list("aa"))[2] == 1.0


def _project(path, rows, *, speaker: bool, name: str = "call.txt"):
    p = open_project(path)
    tid = add_doc(p, name=name)
    annotate(p, tid, rows)
    if speaker:
        set_gold_speaker(p, tid, 1, "Priya Raman")
    mark_reviewed(p, tid)
    return p


@pytest.fixture
def two(tmp_path):
    a = _project(tmp_path / "alice.db", GOLD, speaker=True)
    b = _project(tmp_path / "bob.db", GOLD_B, speaker=False)
    other = add_doc(a, TEXT.replace("Altamira", "Solo"), "solo.txt")
    annotate(a, other, GOLD[:2])
    mark_reviewed(a, other)
    yield a, b
    a.close()
    b.close()


def test_agreement_between_two_projects(two) -> None:
    a, b = two
    rep = agreement(iter_transcripts(a), iter_transcripts(b), names=("alice", "bob"))
    assert rep["transcripts"] == {"alice": 2, "bob": 1, "shared": 1}
    f1 = {m: v["f1"] for m, v in rep["mentions"].items()}
    assert f1 == pytest.approx({"strict": 3 / 6, "exact": 4 / 6, "partial": 4.5 / 6,
                                "type": 4 / 6})
    assert rep["values"]["compared"] == 5 and rep["values"]["within"] == 3
    sp = rep["speakers"]
    assert sp["turns"] == 4 and sp["observed"] == 0.75
    assert sp["kappa"] == pytest.approx((0.75 - 3 / 16) / (1 - 3 / 16))
    kinds = sorted(d["kind"] for d in rep["disagreements"])
    assert kinds == sorted(["span", "value", "value", "metric", "only alice", "only bob",
                            "speaker"])
    text = render_agreement(rep)
    assert "Cohen's kappa 0.692" in text and "only bob" in text


def test_two_reviewers_in_one_project(tmp_path) -> None:
    p = open_project(tmp_path / "p.db")
    tid = add_doc(p)
    annotate(p, tid, GOLD, status="pending")
    ann = ReviewSession(p, tid, "ann")
    for x in ann.annotations():
        ann.do(Accept(x.id))
    ann.do(MarkReviewed())
    bob = ReviewSession(p, tid, "bob")
    first, second = bob.annotations()[:2]
    bob.do(Reject(first.id))
    bob.do(Edit(second.id, {"value": 6}))
    (va,), (vb,) = reviewer_versions(p, "ann"), reviewer_versions(p, "bob")
    assert len(va.gold_mentions) == 6 and len(vb.gold_mentions) == 5
    rep = agreement([va], [vb], names=("ann", "bob"))
    assert sorted(d["kind"] for d in rep["disagreements"]) == ["only ann", "value"]
    out = CliRunner().invoke(cli, ["agreement", str(tmp_path / "p.db"), "--reviewers", "ann",
                                   "bob", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["mentions"]["strict"]["f1"] == pytest.approx(10 / 11)
    p.close()


def test_merge_keeps_agreement_and_lists_conflicts(two, tmp_path) -> None:
    a, b = two
    target = open_project(tmp_path / "merged.db")
    result = merge_projects([("alice", a), ("bob", b)], target)
    assert (result.copied, result.agreed, result.conflicted) == (1, 0, 1)
    call = next(d for d in iter_transcripts(target, include_all=True) if d.name == "call.txt")
    assert call.status == "in_progress" and call.reviewed_at is None
    agreed = sorted(m.start for m in call.annotations if m.status != "pending")
    assert agreed == sorted([GOLD[0]["start"], GOLD[3]["start"]])
    pending = [m for m in call.annotations if m.status == "pending"]
    assert len(pending) == 4 + 4   # the versions each reviewer alone holds
    kinds = [c["kind"] for c in merge_conflicts(target)]
    # 5%/6%, 10% to 12%/10%, the $40 million metric, free cash flow, 2025; Kate's turn.
    assert sorted(kinds) == ["mention"] * 5 + ["speaker"]
    assert call.turns[1].gold_speaker is None
    solo = load_transcript(target, next(d.id for d in iter_transcripts(target)
                                        if d.name == "solo.txt"))
    assert solo.reviewed and len(solo.gold_mentions) == 2
    target.close()


def test_cli_agreement_and_merge(two, tmp_path) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["agreement", str(tmp_path / "alice.db"), str(tmp_path / "bob.db")])
    assert out.exit_code == 0, out.output
    assert "Agreement between alice and bob: 1 shared transcript(s)" in out.output
    out = runner.invoke(cli, ["merge", str(tmp_path / "alice.db"), str(tmp_path / "bob.db"),
                              "--out", str(tmp_path / "m.db")])
    assert out.exit_code == 0, out.output
    assert "conflict call.txt speaker" in out.output and "1 with" in out.output
    again = runner.invoke(cli, ["merge", str(tmp_path / "alice.db"), str(tmp_path / "bob.db"),
                                "--out", str(tmp_path / "m.db")])
    assert again.exit_code == 1 and "already exists" in again.output


def test_disagreements_read_as_words_not_python() -> None:
    # The table printed "None 70.0 percent" for a mention without a metric and "(10.0, 12.0)"
    # for a range.
    from reviewer.core.evaluate.agreement import _show

    bare = {"metric": None, "value": 70.0, "low": None, "high": None, "unit": "percent",
            "period": "FY2021Q2", "kind": "actual"}
    span = dict(bare, metric="revenue_growth", value=None, low=10.0, high=12.0, kind=None)
    assert _show(bare) == "(no metric) 70 percent FY2021Q2 actual"
    assert _show(span) == "revenue_growth 10-12 percent FY2021Q2"
    assert _show(None) == "-"
