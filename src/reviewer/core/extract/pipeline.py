"""The spaCy face of the extractor: a registered component, ``financial_mentions``, that sets
``doc.spans["mentions"]`` with custom attributes (``span._.metric``, ``._.value``, ``._.low``,
``._.high``, ``._.unit``, ``._.period``, ``._.kind``, ``._.basis``, ``._.confidence``).

No trained model is needed: ``spacy.blank("en")`` (or "zh", "ar") plus our component. The
component runs the same raw-text annotator as the extractor and only maps its character spans
onto tokens, so the pipeline costs one tokenizer pass more than the extractor itself. Set
``doc._.fiscal_period`` (like "FY2026Q1") and ``doc._.role`` before calling the component to
resolve relative periods and mark analysts' numbers.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from reviewer.core.extract.annotate import CallState, TurnState, annotate_paragraph
from reviewer.core.extract.metrics.fiscal import fiscal_year_end_month, parse_fiscal_period
from reviewer.core.extract.metrics.taxonomy import Taxonomy, default_taxonomy
from reviewer.core.extract.result import Mention

SPAN_KEY = "mentions"
COMPONENT = "financial_mentions"
_ATTRS = ("metric", "value", "low", "high", "unit", "period", "kind", "basis", "confidence")

for _name in ("fiscal_period", "role", "turn"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Span.has_extension("mention"):
    Span.set_extension("mention", default=None)
for _name in _ATTRS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=lambda span, _n=_name: getattr(span._.mention, _n, None))


class FinancialMentions:
    """The pipeline component: quantities with metric, period, kind and basis."""

    def __init__(self, nlp: Language, name: str, taxonomy: Taxonomy | None = None) -> None:
        self.name = name
        self.lang = nlp.lang
        self.taxonomy = taxonomy or default_taxonomy()

    def __call__(self, doc: Doc) -> Doc:
        period = parse_fiscal_period(doc._.fiscal_period)
        call = CallState(period, fiscal_year_end_month(doc.text, period))
        state = TurnState(role=doc._.role or "unknown")
        mentions = annotate_paragraph(doc.text, 0, len(doc.text), self.lang, doc._.turn, call,
                                      state, self.taxonomy)
        doc.spans[SPAN_KEY] = mention_spans(doc, mentions)
        return doc


def mention_spans(doc: Doc, mentions: list[Mention], offset: int = 0) -> list[Span]:
    """Token spans of mentions (offsets shifted by ``offset``), each carrying its mention."""
    spans = []
    for m in mentions:
        span = doc.char_span(m.start - offset, m.end - offset, label=m.metric or "QUANTITY",
                             alignment_mode="expand")
        if span is not None:
            span._.mention = m
            spans.append(span)
    return spans


@Language.factory(COMPONENT)
def make_financial_mentions(nlp: Language, name: str) -> FinancialMentions:
    """Factory of the ``financial_mentions`` component (``nlp.add_pipe("financial_mentions")``)."""
    return FinancialMentions(nlp, name)


@lru_cache(maxsize=8)
def get_nlp(lang: str = "en") -> Language:
    """A cached blank pipeline for ``lang`` with our component (English for unknown
    languages)."""
    code = lang if lang in ("en", "zh", "ar") else "en"
    nlp = spacy.blank(code)
    nlp.add_pipe(COMPONENT)
    return nlp


def annotate_with_spacy(text: str, start: int, end: int, lang: str, turn: int | None,
                        call: CallState, state: TurnState, taxonomy: Taxonomy) -> list[Mention]:
    """``annotate_paragraph`` through a spaCy Doc: annotates the paragraph with the turn's
    running state, then tokenizes it (only when it holds mentions) and keeps the mentions as
    token-aligned ``doc.spans["mentions"]``. Used by the extractor's ``spacy`` option; returns
    the same mentions as ``annotate_paragraph``."""
    mentions = annotate_paragraph(text, start, end, lang, turn, call, state, taxonomy)
    if not mentions:
        return []  # the tokenizer runs only where there is something to anchor
    doc = get_nlp(lang).make_doc(text[start:end])
    doc._.turn = turn
    doc.spans[SPAN_KEY] = mention_spans(doc, mentions, offset=start)
    return [span._.mention for span in doc.spans[SPAN_KEY]]
