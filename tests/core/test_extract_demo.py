"""The built-in extractor on our own demo transcripts (resources/demo)."""

from __future__ import annotations

import pytest

from reviewer.core.extract.builtin import BuiltinExtractor
from reviewer.core.ingest import parse_file
from tests.conftest import DEMO

DEMO_FILES = sorted(DEMO.glob("*.txt"))
ASR = DEMO / "altamira_q3_fy2024_asr.txt"


def _mentions(path):
    if not path.exists():
        pytest.skip(f"{path.name} is not written yet")
    parsed = parse_file(path)
    return parsed, BuiltinExtractor().extract(parsed).mentions


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_every_demo_transcript_yields_valid_mentions(path) -> None:
    parsed, mentions = _mentions(path)
    assert len(mentions) >= 10
    for m in mentions:
        assert parsed.text[m.start:m.end] == m.text
        assert m.turn is not None
        para = next(p for p in parsed.turns[m.turn].paragraphs if p.start <= m.start < p.end)
        assert para.translation_of is None
    assert sum(1 for m in mentions if m.metric) >= 0.7 * len(mentions)


# The CFO's prepared remarks of the fiscal Q3 2024 ASR demo (the CFO's turn is labelled
# "Priya", the IR head's name): figures checked by reading the text.
ASR_CFO = [
    ("two hundred and twelve point four million dollars", 212.4e6, "USD", "total_revenue",
     "FY2024Q3", "actual"),
    ("$196.8 million", 196.8e6, "USD", "service_revenue", "FY2024Q3", "actual"),
    ("$17.1 million", 17.1e6, "USD", "other_revenue", "FY2023Q3", "comparison"),
    ("58.4%", 58.4, "percent", "operating_expenses_pct_revenue", "FY2024Q3", "actual"),
    ("61.0%", 61.0, "percent", "operating_expenses_pct_revenue", "FY2023Q3", "comparison"),
    ("$0.19", 0.19, "USD", "eps", "FY2023Q3", "comparison"),
    ("$6.3 million", 6.3e6, "USD", "net_loss", "FY2024Q3", "actual"),
    ("thirty eight point nine million dollars", 38.9e6, "USD", "cash_from_operations",
     "FY2024Q3", "actual"),
    ("$1.21 billion", 1.21e9, "USD", "rpo", "FY2024Q3", "actual"),
    ("$218 million to $222 million", (218e6, 222e6), "USD", "total_revenue", "FY2024Q4",
     "guidance"),
    ("$835 million to $839 million", (835e6, 839e6), "USD", "total_revenue", "FY2024",
     "guidance"),
    ("$826 million to $834 million", (826e6, 834e6), "USD", "total_revenue", "FY2024",
     "comparison"),
]


@pytest.mark.parametrize("row", ASR_CFO, ids=lambda r: r[0] if isinstance(r, tuple) else "")
def test_asr_demo_cfo_figures(row) -> None:
    surface, value, unit, metric, period, kind = row
    parsed, mentions = _mentions(ASR)
    m = next((m for m in mentions if m.text == surface and parsed.turns[m.turn].role != "ceo"),
             None)
    assert m is not None, f"{surface!r} not found"
    if isinstance(value, tuple):
        assert (m.low, m.high) == pytest.approx(value)
    else:
        assert m.value == pytest.approx(value)
    assert (m.unit, m.metric, m.period, m.kind) == (unit, metric, period, kind)


def test_asr_demo_basis() -> None:
    _, mentions = _mentions(ASR)
    by_text = {m.text: m for m in mentions}
    assert by_text["72.6%"].basis == "non_gaap"  # "Non-GAAP gross margin was 72.6%"
    assert by_text["$6.3 million"].basis == "gaap"  # "On a GAAP basis, net loss was…"
    assert by_text["$1.21 billion"].basis is None
