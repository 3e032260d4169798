"""The spaCy face of the extractor, the plugin registry and the quantulum3 adapter."""

from __future__ import annotations

import importlib.util

import pytest
import spacy

from reviewer.core.extract.builtin import BuiltinExtractor
from reviewer.core.extract.pipeline import SPAN_KEY, get_nlp
from reviewer.core.extract.registry import (
    ExtractorError,
    available_extractors,
    get_extractor,
)
from reviewer.core.ingest import parse_text

CALL = ("Operator\nWelcome to the call.\nJane Roe\nService revenue was $176.3 million, up 5% "
        "year over year. For next quarter, we expect gross margin between 66% and 68%.\n")


def test_component_sets_mention_spans_with_attributes() -> None:
    nlp = get_nlp("en")
    assert nlp.pipe_names == ["financial_mentions"]
    doc = nlp.make_doc("Service revenue was $176.3 million, up 5% year over year. We expect "
                       "gross margin between 66% and 68% next quarter.")
    doc._.fiscal_period = "FY2026Q1"
    doc = nlp.get_pipe("financial_mentions")(doc)
    spans = doc.spans[SPAN_KEY]
    assert [s.text for s in spans] == ["$176.3 million", "5%", "66% and 68%"]
    first, growth, guide = spans
    assert (first._.metric, first._.value, first._.unit, first._.period, first._.kind) == (
        "service_revenue", 176.3e6, "USD", "FY2026Q1", "actual")
    assert growth._.metric == "service_revenue_growth"
    assert (guide._.low, guide._.high, guide._.kind, guide._.period) == (66, 68, "guidance",
                                                                       "FY2026Q2")
    assert first.label_ == "service_revenue"


def test_component_is_registered_for_any_blank_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("financial_mentions")
    doc = nlp("Gross margin was 67.8%.")
    assert [s._.metric for s in doc.spans[SPAN_KEY]] == ["gross_margin"]


def test_chinese_blank_pipeline_works_offline() -> None:
    nlp = get_nlp("zh")
    doc = nlp("本季毛利率為 67.8%。")
    assert [s._.metric for s in doc.spans[SPAN_KEY]] == ["gross_margin"]


def test_spacy_option_gives_the_same_mentions() -> None:
    parsed = parse_text(CALL)
    raw = BuiltinExtractor().mentions(parsed)
    via = BuiltinExtractor({"spacy": True}).mentions(parsed)
    assert [m.to_json() for m in via] == [m.to_json() for m in raw]
    assert len(raw) == 3


def test_registry_lists_and_builds_extractors() -> None:
    names = [i.name for i in available_extractors()]
    assert names[:2] == ["builtin", "quantulum3"]
    ex = get_extractor("builtin", {"min_confidence": 0.9})
    assert ex.config["min_confidence"] == 0.9 and "taxonomy_digest" in ex.config
    with pytest.raises(ExtractorError, match="unknown option"):
        get_extractor("builtin", {"colour": "red"})
    with pytest.raises(ExtractorError, match="no extractor named"):
        get_extractor("missing")


def test_min_confidence_drops_weak_mentions() -> None:
    parsed = parse_text(CALL)
    everything = BuiltinExtractor().mentions(parsed)
    strong = BuiltinExtractor({"min_confidence": 0.8}).mentions(parsed)
    assert strong and len(strong) < len(everything)
    assert all(m.confidence >= 0.8 for m in strong)


@pytest.mark.skipif(importlib.util.find_spec("quantulum3") is None,
                    reason="the optional quantulum extra is not installed")
def test_quantulum_adapter_runs_offline_on_our_interface() -> None:
    ex = get_extractor("quantulum3")
    result = ex.extract(parse_text(CALL))
    assert result.extractor == "quantulum3"
    by_text = {m.text: m for m in result.mentions}
    m = by_text["$176.3 million"]
    assert (m.value, m.unit, m.metric, m.kind) == (176.3e6, "USD", None, "actual")
    assert by_text["5%"].unit == "percent"
    assert {"speaker_suggestions", "translation_checks"} <= set(result.to_json())
