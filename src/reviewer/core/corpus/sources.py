"""The inputs of a corpus run: transcript files, folders of them, and JSONL shards.

A JSONL shard (``*.jsonl``) holds one transcript per line::

    {"name": "acme_q3_2024.txt", "text": "Operator\\nGood afternoon..."}

``name`` identifies the transcript in the output (the ``file`` of a predictions line; a
project resolves it like an imported file's name) and ``text`` is the source text exactly as
the file would hold it. Other keys are ignored. The text goes through the same decoding as a
file's bytes, so a transcript has the same content hash whether it came as a file or a line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.errors import InputError
from reviewer.core.importer import expand_paths

SHARD_SUFFIX = ".jsonl"


@dataclass(frozen=True)
class CorpusItem:
    """One transcript to extract: its name and its raw text (not yet decoded)."""

    name: str
    text: str


def shard_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """``(shards, transcript files)`` named by ``paths``: folders contribute their JSONL
    shards and their transcript files, in name order. ``InputError`` for a missing path."""
    shards: list[Path] = []
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
        if p.is_dir():
            shards += sorted(f for f in p.rglob(f"*{SHARD_SUFFIX}") if f.is_file())
        if p.is_file() and p.suffix.lower() == SHARD_SUFFIX:
            shards.append(p)
        else:
            files += expand_paths([p])
    return shards, files


def read_shard(path: Path) -> Iterator[CorpusItem]:
    """The transcripts of one JSONL shard, one line at a time (``InputError`` naming the
    line for a line that is not a ``{"name", "text"}`` object)."""
    with path.open(encoding="utf-8-sig") as handle:
        for no, line in enumerate(handle, 1):
            if line.strip():
                yield parse_shard_line(line, f"{path}:{no}")


def parse_shard_line(line: str, where: str) -> CorpusItem:
    """One shard line as a ``CorpusItem``."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg})") from exc
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) \
            or not isinstance(obj.get("name"), str):
        raise InputError(f'{where}: expected an object with "name" and "text" strings')
    return CorpusItem(obj["name"], obj["text"])


def iter_items(paths: Iterable[str | Path]) -> Iterator[CorpusItem]:
    """Every transcript of the inputs, shards first then files, each in name order; a file
    that cannot be read as text still yields an item (its extraction reports why)."""
    shards, files = shard_paths(paths)
    for shard in shards:
        yield from read_shard(shard)
    for f in files:
        try:
            raw = f.read_bytes()
        except OSError as exc:
            raise InputError(f"{f}: cannot read the file ({exc.strerror or exc})") from exc
        yield CorpusItem(f.name, raw.decode("utf-8", errors="surrogateescape"))
