"""Recall and precision of the built-in extractor on two CFOs' prepared remarks (seeds 000
and 004; skipped when ../shared/seeds is absent).

The keys list every definite figure of the CFO's turn in text order, written down by reading
the text (not from the extractor's output): the surface that locates it and its value (a
``(low, high)`` pair for a range). Years, dates, quarter names, "Section 16", "2028 notes" and
"8x8" are not figures. Vague sizes ("several eight-figure TCV deals") are not definite: they
are allowed as proposals but not counted as recall. 004's remarks hold 46 definite figures,
000's 56.

Issue 10's goal: at least 0.95 of the definite figures proposed with the right value, at a
precision of at least 0.90.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from reviewer.core.extract.builtin import BuiltinExtractor
from reviewer.core.ingest import parse_file
from tests.conftest import seed_path

KEY_004 = [  # Kevin Kraus, turn 3
    ("18th consecutive quarter", 18), ("$15 million", 15e6), ("$10 million", 10e6),
    ("$219 million", 219e6), ("40%", 40), ("$548 million", 548e6), ("$25 million", 25e6),
    ("$181.4 million", 181.4e6), ("$176.3 million", 176.3e6), ("2%", 2), ("17%", 17),
    ("12%", 12), ("4%", 4), ("8%", 8), ("5%", 5), ("third quarter of acceleration", 3),
    ("$1.7 million", 1.7e6), ("67.8%", 67.8), ("9%", 9), ("$11 million", 11e6),
    ("$82.2 million", 82.2e6), ("$1.8 million", 1.8e6), ("$17 million", 17e6), ("3.5%", 3.5),
    ("fourth consecutive quarter", 4), ("$0.08 per share", 0.08),
    ("$170 million and $175 million", (170e6, 175e6)),
    ("$175 million and $180 million", (175e6, 180e6)), ("$1.3 million", 1.3e6),
    ("66% and 68%", (66, 68)), ("8% and 9%", (8, 9)), ("$4.4 million", 4.4e6),
    ("$6.4 million", 6.4e6), ("7.35%", 7.35), ("3%", 3), ("$0.06 to $0.08", (0.06, 0.08)),
    ("142 million shares", 142e6), ("$3 million and $5 million", (3e6, 5e6)),
    ("$685 million and $700 million", (685e6, 700e6)),
    ("$706 million and $720 million", (706e6, 720e6)), ("66% and 68%", (66, 68)),
    ("8.5% and 9.5%", (8.5, 9.5)), ("$64.2 million", 64.2e6), ("$0.28 to $0.33", (0.28, 0.33)),
    ("143 million", 143e6), ("$35 million and $45 million", (35e6, 45e6)),
]
KEY_000 = [  # the CFO, labelled "Victoria" by the speech recognition, turn 3
    ("129.1 million dollars", 129.1e6), ("18 year-over-year", 18),
    ("125.5 to 126.5 million", (125.5e6, 126.5e6)), ("26%", 26), ("37%", 37), ("74%", 74),
    ("12%", 12), ("$120.9 million", 120.9e6), ("19%", 19),
    ("$117.3 to $118.3 million", (117.3e6, 118.3e6)), ("$467 million", 467e6), ("20%", 20),
    ("60.9%", 60.9), ("90 basis points", 90), ("66.8%", 66.8), ("minus 27.7%", -27.7),
    ("minus 58.9%", -58.9), ("minus 34.7%", -34.7), ("50%", 50), ("41.3%", 41.3),
    ("2.1%", 2.1), ("9.9%", 9.9), ("11.8%", 11.8), ("11.5%", 11.5), ("12.5%", 12.5),
    ("1%", 1), ("18%", 18), ("minus 1.8%", -1.8), ("$3.3 million", 3.3e6),
    ("$7.5 million", 7.5e6), ("$175 million", 175e6), ("$15.6 million", 15.6e6),
    ("$159.4 million", 159.4e6), ("$8 million", 8e6), ("$48 million", 48e6),
    ("20 million dollars", 20e6), ("eight million dollars", 8e6), ("$100 million", 100e6),
    ("$135 million", 135e6), ("$12 million", 12e6), ("$330 million", 330e6),
    ("$290 million", 290e6), ("$220 million", 220e6), ("50%", 50),
    ("$132 to $133 million", (132e6, 133e6)), ("11 to 12%", (11, 12)),
    ("$124 to $125 million", (124e6, 125e6)), ("12 to 13%", (12, 13)), ("$3 million", 3e6),
    ("17% to 18%", (17, 18)), ("519 to $522 million", (519e6, 522e6)), ("16 to 17%", (16, 17)),
    ("489 to $492 million", (489e6, 492e6)), ("18 to 19%", (18, 19)), ("$16 million", 16e6),
    ("$59 million", 59e6),
]
VAGUE_000 = ["eight-figure"]


@lru_cache(maxsize=4)
def _score(key: str) -> tuple[float, float, list[str]]:
    """(recall, precision, the key surfaces missed) of the CFO's turn of seed ``key``."""
    table, vague = (KEY_000, VAGUE_000) if key == "000" else (KEY_004, [])
    parsed = parse_file(seed_path(key))
    turn = parsed.turns[3]
    mentions = [m for m in BuiltinExtractor({"speakers": False, "translations": False})
                .mentions(parsed) if m.turn == 3]
    text, cursor = parsed.text, turn.start
    matched: set[int] = set()
    missed = []
    for surface, value in table:
        at = text.find(surface, cursor, turn.end)
        assert at >= 0, f"{surface!r} is not in the turn after offset {cursor}"
        cursor = at + len(surface)
        hit = next((i for i, m in enumerate(mentions) if m.start < cursor and at < m.end
                    and _right_value(m, value)), None)
        if hit is None:
            missed.append(surface)
        else:
            matched.add(hit)
    proposals = [i for i, m in enumerate(mentions) if m.text not in vague]
    recall = 1 - len(missed) / len(table)
    precision = len(matched & set(proposals)) / len(proposals)
    return recall, precision, missed


def _right_value(m, value) -> bool:
    if isinstance(value, tuple):
        return m.value is None and (m.low, m.high) == pytest.approx(value)
    return m.value == pytest.approx(value)


@pytest.mark.seeds
@pytest.mark.parametrize("key", ["000", "004"])
def test_cfo_remarks_recall_and_precision(key) -> None:
    recall, precision, missed = _score(key)
    assert recall >= 0.95, missed
    assert precision >= 0.90

