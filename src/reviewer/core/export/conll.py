"""CoNLL-2003: ``TOKEN POS CHUNK TAG`` in whitespace-separated columns, BIO tags.

Each transcript opens with ``-DOCSTART- -X- O O`` and a blank line (the document delimiter
``spacy convert`` and the CoNLL-2003 readers know); every sentence ends with a blank line.
Sentences are cut by spaCy's rule-based sentencizer inside each paragraph (a paragraph never
runs into the next one, a mention never straddles two sentences); text outside paragraphs
(headers, boilerplate) is not written. We have no part-of-speech or chunk tags: those columns
hold the CoNLL placeholders ``-X-`` and ``O``, so the token is first and the tag last as every
reader expects. The tag is ``B-``/``I-`` plus the label rule of ``labels`` (metric id, or
``figure``). BIO cannot nest: where mentions share a token, the longer one is kept (the count
of dropped ones is returned). Character offsets are not part of CoNLL: the JSONL export has
them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from reviewer.core.errors import InputError
from reviewer.core.export.atomic import atomic_write
from reviewer.core.export.labels import span_label
from reviewer.core.export.tokens import record_doc, set_sentences

DOCSTART = "-DOCSTART- -X- O O"
POS, CHUNK = "-X-", "O"

Token = tuple[str, int, int, str]  # (text, start, end, tag)


def _tags(doc: Doc, spans: list[dict[str, Any]]) -> tuple[list[str], list, int]:
    """BIO tags per token, the tagged spaCy spans, and how many mentions were dropped."""
    tags = ["O"] * len(doc)
    kept, dropped = [], 0
    for s in sorted(spans, key=lambda s: (-(s["end"] - s["start"]), s["start"])):
        span = doc.char_span(s["start"], s["end"])
        idx = [t.i for t in span if not t.is_space] if span is not None else []
        if not idx or any(tags[i] != "O" for i in idx):
            dropped += 1
            continue
        label = span_label(s["label"])
        for n, i in enumerate(idx):
            tags[i] = ("B-" if n == 0 else "I-") + label
        kept.append(span)
    return tags, kept, dropped


def paragraph_of_tokens(doc: Doc, paras: list[tuple[int, int]]) -> list[int]:
    """For each token, the index in ``paras`` (sorted, non-overlapping ``(start, end)``) of
    the paragraph its first character lies in, or -1. One pass over tokens and paragraphs
    together: linear, where scanning every token once per paragraph was quadratic."""
    out = [-1] * len(doc)
    p = 0
    for t in doc:
        while p < len(paras) and paras[p][1] <= t.idx:
            p += 1
        if p < len(paras) and paras[p][0] <= t.idx:
            out[t.i] = p
    return out


def _paragraphs(rec: dict[str, Any]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted((p["start"], p["end"]) for t in rec["turns"] for p in t["paragraphs"]):
        if not out or s >= out[-1][1]:  # overlapping paragraphs would repeat tokens
            out.append((s, e))
    return out


def tagged(rec: dict[str, Any]) -> tuple[list[list[Token]], int]:
    """Sentences of ``(token, start, end, tag)`` and how many mentions were dropped for
    overlapping a longer one."""
    doc = record_doc(rec)
    tags, kept, dropped = _tags(doc, rec["spans"])
    paras = _paragraphs(rec)
    set_sentences(doc, (s for s, _ in paras), kept)
    where = paragraph_of_tokens(doc, paras)
    sentences: list[list[Token]] = []
    current: list[Token] = []
    last = -1
    for t in doc:
        if where[t.i] < 0 or t.is_space:
            continue
        if current and (t.is_sent_start or where[t.i] != last):
            sentences.append(current)
            current = []
        current.append((_word(t.text), t.idx, t.idx + len(t.text), tags[t.i]))
        last = where[t.i]
    if current:
        sentences.append(current)
    return sentences, dropped


def _word(text: str) -> str:
    # A column file cannot hold a token with whitespace in it (a non-breaking space glued to a
    # word by the tokenizer): such characters become "_".
    if any(c.isspace() for c in text):
        return "".join("_" if c.isspace() else c for c in text)
    return text


def write_conll(records: Iterable[dict[str, Any]], path: str | Path) -> tuple[int, int]:
    """Write the CoNLL file atomically; returns (tokens written, mentions dropped)."""
    tokens = dropped = 0

    def write(fh) -> None:
        nonlocal tokens, dropped
        for rec in records:
            sentences, lost = tagged(rec)
            dropped += lost
            fh.write(f"{DOCSTART}\n\n")
            for sent in sentences:
                fh.write("".join(f"{tok} {POS} {CHUNK} {tag}\n" for tok, _s, _e, tag in sent))
                fh.write("\n")
                tokens += len(sent)

    atomic_write(path, write, newline="\n")
    return tokens, dropped


def read_conll(path: str | Path) -> list[list[list[tuple[str, str]]]]:
    """Documents of sentences of ``(token, tag)``: first and last column, as every CoNLL
    reader takes them."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: cannot read ({exc})") from exc
    docs: list[list[list[tuple[str, str]]]] = []
    sent: list[tuple[str, str]] = []
    for no, line in enumerate(lines, 1):
        cols = line.split()
        if not cols or cols[0] == "-DOCSTART-":
            if sent:
                docs[-1].append(sent)
                sent = []
            if cols:
                docs.append([])
            continue
        if not docs or len(cols) < 2:
            raise InputError(f"{p}:{no}: a token line needs a -DOCSTART- before it and 2+ "
                             "columns")
        sent.append((cols[0], cols[-1]))
    if sent:
        docs[-1].append(sent)
    return docs
