"""CoNLL: one token per line, ``TOKEN<TAB>START<TAB>END<TAB>TAG``, BIO tags with the metric id.

Each transcript opens with ``-DOCSTART-<TAB>hash<TAB>-<TAB>O``; each paragraph is a sentence
(blank line after it). Readers that take the first and last column get the usual two-column
NER data; START/END are character offsets into the transcript text. BIO cannot nest: where
mentions share a token, the longer one is kept (the count of dropped ones is returned).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reviewer.core.errors import InputError
from reviewer.core.export.atomic import atomic_write
from reviewer.core.export.tokens import tokenize

UNKNOWN = "MENTION"


def tagged(rec: dict[str, Any]) -> tuple[list[list[tuple[str, int, int, str]]], int]:
    """Sentences (paragraphs) of ``(token, start, end, tag)`` and how many mentions were
    dropped for overlapping a longer one."""
    doc = tokenize(rec["text"], rec["turns"])
    tags = ["O"] * len(doc)
    dropped = 0
    for s in sorted(rec["spans"], key=lambda s: (-(s["end"] - s["start"]), s["start"])):
        span = doc.char_span(s["start"], s["end"], alignment_mode="expand")
        idx = [t.i for t in span if not t.is_space] if span is not None else []
        if not idx or any(tags[i] != "O" for i in idx):
            dropped += 1
            continue
        label = s["label"] or UNKNOWN
        for n, i in enumerate(idx):
            tags[i] = ("B-" if n == 0 else "I-") + label
    paras = sorted((p["start"], p["end"]) for t in rec["turns"] for p in t["paragraphs"])
    sentences = []
    for ps, pe in paras:
        sent = [(t.text, t.idx, t.idx + len(t.text), tags[t.i]) for t in doc
                if ps <= t.idx < pe and not t.is_space]
        if sent:
            sentences.append(sent)
    return sentences, dropped


def write_conll(records: Iterable[dict[str, Any]], path: str | Path) -> tuple[int, int]:
    """Write the CoNLL file atomically; returns (tokens written, mentions dropped)."""
    tokens = dropped = 0

    def write(fh) -> None:
        nonlocal tokens, dropped
        for rec in records:
            sentences, lost = tagged(rec)
            dropped += lost
            fh.write(f"-DOCSTART-\t{rec['hash']}\t-\tO\n\n")
            for sent in sentences:
                for tok, s, e, tag in sent:
                    fh.write(f"{tok}\t{s}\t{e}\t{tag}\n")
                    tokens += 1
                fh.write("\n")

    atomic_write(path, write, newline="\n")
    return tokens, dropped


def read_conll(path: str | Path) -> dict[str, list[tuple[int, int, str]]]:
    """``{hash: [(start, end, metric), ...]}``: the mentions a CoNLL file tags."""
    p = Path(path)
    out: dict[str, list[tuple[int, int, str]]] = {}
    current: list[tuple[int, int, str]] | None = None
    open_span: list | None = None
    try:
        lines = p.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: cannot read ({exc})") from exc
    for no, line in enumerate(lines, 1):
        if not line:
            open_span = None  # a sentence ends: no mention runs across it
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            raise InputError(f"{p}:{no}: expected 4 tab-separated columns")
        if cols[0] == "-DOCSTART-":
            current = out.setdefault(cols[1], [])
            open_span = None
            continue
        if current is None:
            raise InputError(f"{p}:{no}: a token before any -DOCSTART- line")
        start, end, tag = int(cols[1]), int(cols[2]), cols[3]
        if tag.startswith("B-") or (tag.startswith("I-") and
                                    (open_span is None or open_span[2] != tag[2:])):
            open_span = [start, end, tag[2:]]
            current.append(open_span)  # type: ignore[arg-type]
        elif tag.startswith("I-"):
            open_span[1] = end  # type: ignore[index]
        else:
            open_span = None
    return {h: [tuple(s) for s in spans] for h, spans in out.items()}  # type: ignore[misc]
