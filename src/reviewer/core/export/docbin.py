"""spaCy DocBin: one Doc per transcript.

``doc.spans["mentions"]`` holds the gold mentions (label = metric id) and
``doc.user_data["mentions"]`` their attributes, in the same order (value, low, high, unit,
period, kind, basis, status, reviewer, exact character offsets...). Rejected predictions are
in ``doc.spans["rejected"]``, turns in ``doc.spans["turns"]`` (label = speaker). The whole
JSONL record (without the text, which is ``doc.text``) is ``doc.user_data["record"]``, so a
DocBin reads back into the same records.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.tokens import DocBin

from reviewer.core.errors import InputError
from reviewer.core.export.atomic import atomic_write_bytes
from reviewer.core.export.tokens import blank, tokenize

UNKNOWN = "UNKNOWN"


def to_doc(rec: dict[str, Any]):
    """The spaCy Doc of one record."""
    doc = tokenize(rec["text"], rec["turns"])
    groups: dict[str, list] = {"mentions": [], "rejected": [], "turns": []}
    attrs: dict[str, list] = {"mentions": [], "rejected": []}
    for key, field in (("mentions", "spans"), ("rejected", "rejected_spans")):
        for s in rec[field]:
            # "expand": a span inside a token ("$5m" tokenized whole) grows to the token.
            span = doc.char_span(s["start"], s["end"], label=s["label"] or UNKNOWN,
                                 alignment_mode="expand")
            if span is not None:
                groups[key].append(span)
                attrs[key].append(dict(s))
    for t in rec["turns"]:
        span = doc.char_span(t["start"], t["end"], label=t["speaker"] or UNKNOWN,
                             alignment_mode="expand")
        if span is not None:
            groups["turns"].append(span)
    for key, spans in groups.items():
        doc.spans[key] = spans
    doc.user_data["mentions"] = attrs["mentions"]
    doc.user_data["rejected"] = attrs["rejected"]
    doc.user_data["record"] = {k: v for k, v in rec.items() if k != "text"}
    return doc


def write_docbin(records: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write a ``.spacy`` file atomically; returns how many docs."""
    db = DocBin(store_user_data=True)
    n = 0
    for rec in records:
        db.add(to_doc(rec))
        n += 1
    atomic_write_bytes(path, db.to_bytes())
    return n


def read_docbin(path: str | Path) -> list[dict[str, Any]]:
    """The records stored in a DocBin written by ``write_docbin``."""
    p = Path(path)
    try:
        db = DocBin(store_user_data=True).from_bytes(p.read_bytes())
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    except Exception as exc:  # msgpack/zlib errors have no common base class
        raise InputError(f"{p}: not a spaCy DocBin file ({exc})") from exc
    out = []
    for doc in db.get_docs(blank("xx").vocab):
        rec = doc.user_data.get("record")
        if not isinstance(rec, dict):
            raise InputError(f"{p}: a Doc without a Transcript Reviewer record")
        out.append(_with_text(_lists(rec), doc.text))
    return out


def _lists(v: Any) -> Any:
    # spaCy's msgpack gives arrays back as tuples; records hold lists, as JSON does.
    if isinstance(v, dict):
        return {k: _lists(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_lists(x) for x in v]
    return v


def _with_text(rec: dict[str, Any], text: str) -> dict[str, Any]:
    # Put "text" back at its place in the record, so it serializes as exported.
    out: dict[str, Any] = {}
    for k, v in rec.items():
        out[k] = v
        if k == "name":
            out["text"] = text
    out.setdefault("text", text)
    return out
