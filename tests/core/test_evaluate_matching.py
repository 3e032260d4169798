"""Mention detection scores on a case worked out by hand.

Gold                       Prediction                 strict exact partial type
G1 [0,10)   revenue        P1 [0,10)   revenue        COR    COR   COR     COR
G2 [20,30)  margin         P2 [22,35)  margin         INC    INC   PAR     COR
                           P6 [24,28)  margin         SPU (G2 is already matched by P2,
                                                       which overlaps it more)
G3 [40,50)  eps            -                          MIS
G4 [60,70)  revenue        P3 [60,70)  opex           INC    COR   COR     INC
G5 [80,90)  guidance       P5 [80,90)  guidance       COR    COR   COR     COR
-                          P4 [100,110) revenue       SPU

possible = 5, actual = 6
strict:  COR 2        P = 2/6, R = 2/5, F1 = 4/11
exact:   COR 3        P = 3/6, R = 3/5, F1 = 6/11
partial: COR 3 PAR 1  P = 3.5/6, R = 3.5/5, F1 = 7/11
type:    COR 3        P = 3/6, R = 3/5, F1 = 6/11
"""

from __future__ import annotations

import pytest

from reviewer.core.evaluate.matching import MODES, align, outcome
from reviewer.core.evaluate.scoring import score_doc
from reviewer.core.model import Metadata
from reviewer.core.store.gold_records import GoldTranscript, MentionRecord, TurnRecord

M = MentionRecord
GOLD = [M(0, 10, "revenue", status="accepted"), M(20, 30, "margin", status="corrected"),
        M(40, 50, "eps", status="added"), M(60, 70, "revenue", status="accepted"),
        M(80, 90, "guidance", status="accepted")]
PRED = [M(0, 10, "revenue"), M(22, 35, "margin"), M(60, 70, "opex"), M(100, 110, "revenue"),
        M(80, 90, "guidance"), M(24, 28, "margin")]


def doc(annotations: list[MentionRecord], text: str = "x" * 120) -> GoldTranscript:
    return GoldTranscript(1, "h1", "call.txt", "plain", "reviewed", Metadata(), text=text,
                          turns=[TurnRecord(0, "A", "A", "cfo", "prepared", 0, 60),
                                 TurnRecord(1, "B", "B", "analyst", "qa", 60, 120)],
                          annotations=annotations)


def test_alignment_is_one_to_one_and_prefers_the_larger_overlap() -> None:
    al = align(GOLD, PRED)
    assert al.pairs == [(0, 0), (1, 1), (3, 2), (4, 4)]
    assert al.missed == [2]
    assert al.spurious == [3, 5]


def test_alignment_does_not_depend_on_input_order() -> None:
    flipped = align(list(reversed(GOLD)), list(reversed(PRED)))
    pairs = {(GOLD[::-1][g].start, PRED[::-1][p].start) for g, p in flipped.pairs}
    assert pairs == {(0, 0), (20, 22), (60, 60), (80, 80)}


@pytest.mark.parametrize(("g", "p", "expected"), [
    (M(0, 10, "a"), M(0, 10, "a"), ("COR", "COR", "COR", "COR")),
    (M(0, 10, "a"), M(0, 10, "b"), ("INC", "COR", "COR", "INC")),
    (M(0, 10, "a"), M(5, 15, "a"), ("INC", "INC", "PAR", "COR")),
    (M(0, 10, "a"), M(5, 15, "b"), ("INC", "INC", "PAR", "INC")),
])
def test_outcome_per_mode(g, p, expected) -> None:
    assert tuple(outcome(g, p, m) for m in MODES) == expected


def test_micro_scores_in_the_four_modes() -> None:
    s = score_doc(doc(GOLD), PRED, [], 0.005)
    expected = {"strict": (2 / 6, 2 / 5, 4 / 11), "exact": (3 / 6, 3 / 5, 6 / 11),
                "partial": (3.5 / 6, 3.5 / 5, 7 / 11), "type": (3 / 6, 3 / 5, 6 / 11)}
    for mode, (p, r, f) in expected.items():
        t = s.modes[mode]
        assert (t.pos, t.act) == (5, 6)
        assert t.precision == pytest.approx(p)
        assert t.recall == pytest.approx(r)
        assert t.f1 == pytest.approx(f)
    assert (s.modes["strict"].cor, s.modes["strict"].inc, s.modes["strict"].mis,
            s.modes["strict"].spu) == (2, 2, 1, 2)
    assert (s.modes["partial"].cor, s.modes["partial"].par) == (3, 1)


def test_per_metric_charges_precision_and_recall_to_each_side() -> None:
    s = score_doc(doc(GOLD), PRED, [], 0.005)
    revenue, opex = s.groups["metric"]["revenue"], s.groups["metric"]["opex"]
    # revenue: gold G1, G4; predicted P1, P4. Only G1-P1 is strict-correct.
    assert (revenue["strict"].pos, revenue["strict"].act) == (2, 2)
    assert revenue["strict"].precision == pytest.approx(0.5)
    assert revenue["strict"].recall == pytest.approx(0.5)
    # In partial mode the exact-boundary G4-P3 pair counts: recall for revenue (gold side),
    # precision for opex (predicted side).
    assert revenue["partial"].recall == pytest.approx(1.0)
    assert opex["partial"].precision == pytest.approx(1.0)
    assert opex["partial"].recall == 0.0
    assert s.groups["metric"]["margin"]["type"].precision == pytest.approx(0.5)


def test_slices_by_section_and_the_false_positives_and_negatives() -> None:
    s = score_doc(doc(GOLD), PRED, [], 0.005)
    assert s.groups["section"]["prepared"]["strict"].pos == 3   # G1, G2, G3
    assert s.groups["section"]["qa"]["strict"].act == 3         # P3, P4, P5
    kinds = [(p["type"], p["start"]) for p in s.problems]
    assert ("FN", 40) in kinds
    assert ("FP", 100) in kinds and ("FP", 24) in kinds
    assert ("boundary", 22) in kinds and ("metric", 60) in kinds


def test_rejected_and_pending_annotations_are_not_gold() -> None:
    d = doc([*GOLD, M(100, 110, "revenue", status="rejected"),
             M(24, 28, "margin", status="pending")])
    s = score_doc(d, PRED, [], 0.005)
    assert s.modes["strict"].pos == 5
    assert s.modes["strict"].spu == 2  # the rejected prediction stays a false positive


def test_nothing_predicted_and_nothing_to_find() -> None:
    s = score_doc(doc([]), [], [], 0.005)
    assert s.modes["strict"].f1 == 0.0
    s = score_doc(doc(GOLD), [], [], 0.005)
    assert s.modes["type"].recall == 0.0 and s.modes["type"].mis == 5
