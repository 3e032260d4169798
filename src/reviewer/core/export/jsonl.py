"""JSONL: one transcript record per line (schema in docs/evaluation.md).

Each written record also carries what Prodigy and spaCy read without glue: ``tokens``
(``text``, ``start``, ``end``, ``id``, ``ws``; every token of the text, so
``Doc(vocab, words, spaces)`` gives the text back), ``token_start``/``token_end`` (inclusive,
as Prodigy has them) on every span, and ``answer`` (``accept`` for a reviewed transcript,
``ignore`` for an open one exported with ``--all``). The tokens are cut at every span
boundary, so every span is whole tokens. Reading ignores these derived keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from reviewer.core.errors import InputError
from reviewer.core.export.atomic import atomic_write
from reviewer.core.export.tokens import record_doc


def dumps(record: dict[str, Any]) -> str:
    """One record as one line: compact, key order kept, non-ASCII as is."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_jsonl(records: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write records atomically, one per line; returns how many."""
    count = 0

    def write(fh) -> None:
        nonlocal count
        for rec in records:
            fh.write(dumps(consumer_record(rec)))
            count += 1

    atomic_write(path, write, newline="\n")
    return count


def consumer_record(rec: dict[str, Any]) -> dict[str, Any]:
    """The record with ``tokens``, span token bounds and ``answer`` added (see above)."""
    doc = record_doc(rec)
    out = dict(rec)
    for key in ("spans", "rejected_spans"):
        spans = []
        for s in rec[key]:
            span = doc.char_span(s["start"], s["end"])
            bounds = {"token_start": span.start, "token_end": span.end - 1}
            spans.append({"start": s["start"], "end": s["end"], **bounds,
                          **{k: v for k, v in s.items() if k not in ("start", "end")}})
        out[key] = spans
    out["answer"] = "accept" if rec["meta"]["status"] == "reviewed" else "ignore"
    out["tokens"] = [{"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i,
                      "ws": bool(t.whitespace_)} for t in doc]
    return out


def read_jsonl(path: str | Path) -> Iterator[tuple[int, Any]]:
    """``(line number, object)`` for every non-blank line (``InputError`` on bad JSON)."""
    p = Path(path)
    try:
        fh = open(p, encoding="utf-8-sig", newline="\n")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    with fh:
        try:
            for no, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    yield no, json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{p}:{no}: not valid JSON ({exc.msg})") from exc
        except UnicodeDecodeError as exc:
            raise InputError(f"{p}: not UTF-8 text") from exc
