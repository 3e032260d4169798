"""spaCy DocBin, ready for ``spacy train``: one Doc per paragraph (or turn, or transcript).

Every Doc has the gold mentions in ``doc.spans["sc"]`` (spancat's default key; label = the
label rule of ``labels``: metric id, or ``figure``), the same mentions in ``doc.ents`` where
they do not overlap (the longer kept, for ``ner``), sentence boundaries (spaCy's sentencizer;
none inside a mention), rejected predictions in ``doc.spans["rejected"]`` and the mentions'
attributes in ``doc.user_data["mentions"]`` (value, unit, period…, in ``sc`` order).

``unit``: ``paragraph`` (the default: every paragraph that is not a translation, a few
hundred tokens, what training windows take), ``turn``, or ``transcript`` (one Doc per
transcript, also with ``doc.spans["turns"]`` labelled with the speaker). Each Doc's
``user_data`` says where it comes from (``hash``, ``unit``, ``start``, ``end``: character
offsets into the transcript); the first Doc of a transcript carries the whole JSONL record
(``user_data["record"]``), so a DocBin reads back into the same records.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin
from spacy.util import filter_spans

from reviewer.core.errors import InputError
from reviewer.core.export.atomic import atomic_write_bytes
from reviewer.core.export.labels import span_label
from reviewer.core.export.tokens import blank, record_doc, set_sentences

UNITS = ("paragraph", "turn", "transcript")
DEFAULT_UNIT = "paragraph"


def unit_bounds(rec: dict[str, Any], unit: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` character ranges of the Docs of one record."""
    if unit not in UNITS:
        raise InputError(f"unknown DocBin unit {unit!r} (one of {', '.join(UNITS)})")
    text_len = len(rec["text"])
    turns = rec["turns"]
    if unit == "paragraph":
        paras = sorted((p["start"], p["end"]) for t in turns for p in t["paragraphs"]
                       if p.get("translation_of") is None)
        if paras:
            return paras
    if unit in ("paragraph", "turn") and turns:
        return [(t["start"], t["end"]) for t in turns]
    return [(0, text_len)]


def _spans(doc: Doc, items: list[dict[str, Any]], offset: int, label) -> tuple[list, list]:
    spans, attrs = [], []
    for s in items:
        span = doc.char_span(s["start"] - offset, s["end"] - offset, label=label(s))
        if span is not None:
            spans.append(span)
            attrs.append(dict(s))
    return spans, attrs


def _unit_doc(full: Doc, starts: list[int], rec: dict[str, Any], s: int, e: int) -> Doc:
    i, j = bisect_left(starts, s), bisect_left(starts, e)
    doc = full[i:j].as_doc()
    offset = full[i].idx if i < len(full) else s
    inside = [x for x in rec["spans"] if s <= x["start"] and x["end"] <= e]
    sc, attrs = _spans(doc, inside, offset, lambda x: span_label(x["label"]))
    rejected = [x for x in rec["rejected_spans"] if s <= x["start"] and x["end"] <= e]
    doc.spans["sc"] = sc
    doc.spans["rejected"] = _spans(doc, rejected, offset, lambda x: span_label(x["label"]))[0]
    doc.ents = filter_spans(sc)
    set_sentences(doc, (), sc)
    doc.user_data.update({"hash": rec["hash"], "start": offset, "end": offset + len(doc.text),
                          "mentions": attrs})
    return doc


def to_docs(rec: dict[str, Any], unit: str = DEFAULT_UNIT) -> Iterator[Doc]:
    """The spaCy Docs of one record."""
    full = record_doc(rec)
    starts = [t.idx for t in full]
    first = True
    for s, e in unit_bounds(rec, unit):
        doc = _unit_doc(full, starts, rec, s, e)
        doc.user_data["unit"] = unit
        if unit == "transcript":
            doc.spans["turns"] = [sp for t in rec["turns"] if (sp := doc.char_span(
                t["start"], t["end"], label=t["speaker"] or "unknown",
                alignment_mode="expand")) is not None]
        if first:
            # The whole record, so the file reads back; the text only when this Doc is a piece.
            doc.user_data["record"] = {k: v for k, v in rec.items()
                                       if k != "text" or unit != "transcript"}
            first = False
        yield doc


def write_docbin(records: Iterable[dict[str, Any]], path: str | Path,
                 unit: str = DEFAULT_UNIT) -> int:
    """Write a ``.spacy`` file atomically; returns how many docs."""
    if unit not in UNITS:
        raise InputError(f"unknown DocBin unit {unit!r} (one of {', '.join(UNITS)})")
    db = DocBin(store_user_data=True)
    n = 0
    for rec in records:
        for doc in to_docs(rec, unit):
            db.add(doc)
            n += 1
    atomic_write_bytes(path, db.to_bytes())
    return n


def read_docbin(path: str | Path) -> list[dict[str, Any]]:
    """The records stored in a DocBin written by ``write_docbin`` (any unit)."""
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
        if rec is None and "hash" in doc.user_data:
            continue  # a further piece of a transcript already read
        if not isinstance(rec, dict):
            raise InputError(f"{p}: a Doc without a Transcript Reviewer record")
        rec = _lists(rec)
        out.append(rec if "text" in rec else _with_text(rec, doc.text))
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
