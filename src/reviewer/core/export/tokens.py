"""Tokens of a transcript, each paragraph cut by the tokenizer of its own language.

A bilingual transcript mixes English paragraphs with Chinese or Arabic ones; one tokenizer
for the whole text would leave a Chinese sentence as a single "word". ``spacy.blank`` needs
no model download, so this works offline.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

_LANGS = {"en": "en", "zh": "zh", "ar": "ar"}


@cache
def blank(lang: str) -> Language:
    """A blank pipeline (tokenizer only) for a paragraph language ("xx" for others)."""
    return spacy.blank(_LANGS.get(lang, "xx"))


def segments(text: str, turns: Sequence[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """``(start, end, lang)`` pieces covering the whole text: paragraphs with their
    language, the text between them (headers, boilerplate) as English."""
    paras = sorted((p["start"], p["end"], p.get("lang") or "en")
                   for t in turns for p in t.get("paragraphs") or [])
    out, pos = [], 0
    for s, e, lang in paras:
        if s < pos:  # overlapping paragraphs would repeat text: keep the first
            continue
        if s > pos:
            out.append((pos, s, "en"))
        out.append((s, e, lang))
        pos = e
    if pos < len(text):
        out.append((pos, len(text), "en"))
    return out


def tokenize(text: str, turns: Sequence[dict[str, Any]]) -> Doc:
    """One Doc over the whole text (``doc.text == text``), tokenized piece by piece."""
    words: list[str] = []
    spaces: list[bool] = []
    for s, e, lang in segments(text, turns):
        for tok in blank(lang).make_doc(text[s:e]):
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))
    return Doc(blank("xx").vocab, words=words, spaces=spaces)


def aligned_tokenize(text: str, turns: Sequence[dict[str, Any]], cuts: Iterable[int]) -> Doc:
    """``tokenize``, with a token boundary at every offset of ``cuts`` too (the span
    boundaries): so every span maps onto whole tokens, ``char_span`` never returns ``None``
    and no span grows to a neighbour's characters ("$5m" cut at "5|m" when a span ends there)."""
    marks = sorted(set(cuts))
    words: list[str] = []
    spaces: list[bool] = []
    for s, e, lang in segments(text, turns):
        for tok in blank(lang).make_doc(text[s:e]):
            ts = s + tok.idx
            te = ts + len(tok.text)
            i = bisect_right(marks, ts)
            pos = ts
            while i < len(marks) and marks[i] < te:
                words.append(text[pos:marks[i]])
                spaces.append(False)
                pos = marks[i]
                i += 1
            words.append(text[pos:te])
            spaces.append(bool(tok.whitespace_))
    return Doc(blank("xx").vocab, words=words, spaces=spaces)


def span_cuts(spans: Iterable[dict[str, Any]]) -> list[int]:
    """Every start and end offset of ``spans`` (for ``aligned_tokenize``)."""
    out: list[int] = []
    for s in spans:
        out += (s["start"], s["end"])
    return out


def record_doc(rec: dict[str, Any]) -> Doc:
    """The aligned Doc of a JSONL record: tokens cut at every gold and rejected span."""
    return aligned_tokenize(rec["text"], rec["turns"],
                            span_cuts(rec["spans"] + rec.get("rejected_spans", [])))


def set_sentences(doc: Doc, starts: Iterable[int] = (), keep_whole: Iterable[Any] = ()) -> Doc:
    """Sentence boundaries: spaCy's rule-based ``Sentencizer`` (which knows "。" and "؟"),
    plus a boundary at every character offset of ``starts`` (paragraph starts), and none
    inside a span of ``keep_whole`` (a mention never straddles two sentences).

    The boundaries are computed as a list and set in one ``from_array``: setting
    ``token.is_sent_start`` one token at a time checks the whole Doc each time (quadratic)."""
    if len(doc) == 0:
        return doc
    (guess,) = _SENTENCIZER.predict([doc])
    first = [bool(g) for g in guess]
    idx = [t.idx for t in doc]
    for off in starts:
        i = bisect_left(idx, off)
        if 0 < i < len(doc):
            first[i] = True
    for span in keep_whole:
        for i in range(span.start + 1, span.end):
            first[i] = False
    first[0] = True
    values = numpy.array([1 if f else -1 for f in first], dtype="int64").astype("uint64")
    doc.from_array([SENT_START], values.reshape(-1, 1))
    return doc


_SENTENCIZER = Sentencizer()
