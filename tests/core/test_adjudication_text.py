"""What `merge` and `agreement` print about a disagreement: what differs and that field on each
side; and the status a version kept in adjudication is stored with."""

from __future__ import annotations

from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.evaluate.agreement import agreement, render_agreement
from reviewer.core.evaluate.conflict_text import differing
from reviewer.core.review import Edit, ReviewSession
from reviewer.core.review.conflicts import list_conflicts
from reviewer.core.store import open_project
from reviewer.core.store.gold import iter_transcripts
from tests.core.test_agreement import GOLD_B
from tests.core.test_evaluate_helpers import add_doc, annotate, mark_reviewed, set_gold_speaker
from tests.core.test_evaluate_report import GOLD

# bob: as in test_agreement, plus a period on "50 basis points" and guidance on "$129.1 million".
BOB = [{**GOLD_B[0], "kind": "guidance"}, *GOLD_B[1:3], {**GOLD_B[3], "period": "FY2025Q2"},
       *GOLD_B[4:]]


def _project(path, rows, speaker=None):
    p = open_project(path)
    tid = add_doc(p)
    annotate(p, tid, rows)
    if speaker:
        set_gold_speaker(p, tid, 1, speaker)
    mark_reviewed(p, tid)
    return p


def _merge(tmp_path) -> str:
    _project(tmp_path / "alice.db", GOLD, "Priya Raman").close()
    _project(tmp_path / "bob.db", BOB).close()
    out = CliRunner().invoke(cli, ["merge", str(tmp_path / "alice.db"),
                                   str(tmp_path / "bob.db"), "--out", str(tmp_path / "m.db")])
    assert out.exit_code == 0, out.output
    return out.output


def test_merge_names_what_differs_and_shows_it_on_each_side(tmp_path) -> None:
    lines = _merge(tmp_path).splitlines()
    expected = [
        "conflict call.txt mention 66-80 \u201c$129.1 million\u201d: kind differs \u2014 "
        "alice: actual | bob: guidance",
        "conflict call.txt mention 85-87 \u201c5%\u201d: value differs \u2014 "
        "alice: 5 percent | bob: 6 percent",
        "conflict call.txt mention 114-124 \u201c10% to 12%\u201d: boundary, value differ "
        "\u2014 alice: [114-124] \u201c10% to 12%\u201d 10-12 percent | bob: [114-117] "
        "\u201c10%\u201d 10 percent",
        "conflict call.txt mention 142-146 \u201c2025\u201d: only bob gave a mention \u2014 "
        "alice: (no mention) | bob: [142-146] \u201c2025\u201d revenue 2025 count (no period) "
        "actual (no basis)",
        "conflict call.txt mention 170-185 \u201c50 basis points\u201d: period differs \u2014 "
        "alice: (no period) | bob: FY2025Q2",
        "conflict call.txt mention 241-252 \u201c$40 million\u201d: metric differs \u2014 "
        "alice: opex | bob: operating_expenses",
        "conflict call.txt mention 299-318 \u201cnegative $3 million\u201d: only alice gave a "
        "mention \u2014 alice: [299-318] \u201cnegative $3 million\u201d fcf -3000000 USD "
        "(no period) actual (no basis) | bob: (no mention)",
        "conflict call.txt speaker turn 1: speaker differs \u2014 alice: Priya Raman | "
        "bob: Kate Patterson",
    ]
    assert lines[: len(expected)] == expected


def test_differing_fields() -> None:
    a = {"start": 0, "end": 3, "metric": "m", "value": 1, "unit": "USD", "period": None}
    assert differing({"x": [a], "y": [{**a, "period": "FY2025"}]}) == ["period"]
    assert differing({"x": [a], "y": [a, {**a, "start": 5, "end": 7}]}) == ["count", "boundary"]
    assert differing({"x": "Ann", "y": None}) == ["speaker"]


def test_agreement_table_shows_both_spans_and_the_turn(tmp_path) -> None:
    a = _project(tmp_path / "a.db", GOLD, "Priya Raman")
    b = _project(tmp_path / "b.db", BOB)
    text = render_agreement(agreement(iter_transcripts(a), iter_transcripts(b),
                                      names=("alice", "bob")))
    table = [line for line in text.splitlines() if line.startswith("call.txt")]
    span = next(line for line in table if " span " in line)
    assert "[114-124] \u201c10% to 12%\u201d" in span and "[114-117] \u201c10%\u201d" in span
    speaker = next(line for line in table if " speaker " in line)
    assert "turn 1" in speaker and "Priya Raman" in speaker and "Kate Patterson" in speaker
    period = next(line for line in table if " period " in line)
    assert "(no period)" in period and "FY2025Q2" in period
    a.close()
    b.close()


def test_kept_versions_keep_the_reviewers_decision_and_a_change_is_a_correction(
        tmp_path) -> None:
    _merge(tmp_path)
    p = open_project(tmp_path / "m.db")
    (tid,) = [r[0] for r in p.db.execute("SELECT id FROM transcripts")]
    session = ReviewSession(p, tid, "judge")
    conflicts = {c.text: c for c in list_conflicts(p)}
    session.do(conflicts["5%"].keep("bob"))
    # The judge takes alice's "$40 million" but fixes its period: a correction of hers.
    opex = next(a for a in conflicts["$40 million"].mentions if a.metric == "opex")
    session.do(Edit(opex.id, {"period": "FY2025Q2"}))
    got = {(r[0], r[1]): r[2] for r in p.db.execute(
        "SELECT start, coalesce(metric, ''), status FROM annotations WHERE status != 'pending'"
        " AND start IN (85, 241) ORDER BY id")}
    assert got[(241, "opex")] == "corrected"
    statuses = sorted(r[0] for r in p.db.execute(
        "SELECT status FROM annotations WHERE start = 85"))
    assert statuses == ["accepted", "rejected"]  # bob's 6% as bob had decided it
    session.undo()
    assert p.db.execute("SELECT status FROM annotations WHERE id = ?",
                        (opex.id,)).fetchone()[0] == "pending"
    p.close()
