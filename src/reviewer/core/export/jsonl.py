"""JSONL: one transcript record per line (schema in docs/evaluation.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from reviewer.core.errors import InputError
from reviewer.core.export.atomic import atomic_write


def dumps(record: dict[str, Any]) -> str:
    """One record as one line: compact, key order kept, non-ASCII as is."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_jsonl(records: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write records atomically, one per line; returns how many."""
    count = 0

    def write(fh) -> None:
        nonlocal count
        for rec in records:
            fh.write(dumps(rec))
            count += 1

    atomic_write(path, write, newline="\n")
    return count


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
