"""Tokens of a transcript, each paragraph cut by the tokenizer of its own language.

A bilingual transcript mixes English paragraphs with Chinese or Arabic ones; one tokenizer
for the whole text would leave a Chinese sentence as a single "word". ``spacy.blank`` needs
no model download, so this works offline.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
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
