"""A corpus run: one extractor over many transcripts, predictions written as JSONL shards.

Every output line is the ``reviewer extract FILE --json`` object (DESIGN.md) plus what
identifies its transcript: ``hash`` (SHA-256 of the source text, as a project stores it) and
``file`` (the input's name) — the schema ``reviewer evaluate --predictions`` and
``reviewer import-predictions`` read. Lines keep the input order; shards are
``predictions-00000.jsonl``, ``predictions-00001.jsonl``... of ``per_shard`` lines each.
Transcripts that cannot be read or parsed are listed in ``errors.jsonl`` beside them.

The ``local`` engine is a process pool on this machine; ``reviewer.core.corpus.ray_engine``
runs the same per-transcript function on Ray Data.
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.core.corpus.sources import CorpusItem
from reviewer.core.errors import InputError, ReviewerError

SHARD_PATTERN = "predictions-{:05d}.jsonl"
ERRORS_FILE = "errors.jsonl"

Progress = Callable[[int], None]  # transcripts done so far

_extractors: dict[str, Any] = {}


def extract_item(item: CorpusItem, extractor_name: str = "builtin",
                 config: dict[str, Any] | None = None) -> dict[str, Any]:
    """Extract one transcript: its predictions line, or ``{"file", "error"}`` when its text
    cannot be read or parsed. The extractor is made once per process and kept."""
    from reviewer.core.extract.registry import get_extractor
    from reviewer.core.ingest import parse_text
    from reviewer.core.ingest.text import decode_source
    from reviewer.core.model import text_hash

    key = json.dumps([extractor_name, config], sort_keys=True)
    if key not in _extractors:
        _extractors[key] = get_extractor(extractor_name, config)
    try:
        # Exactly what an import of the file does: same text, same hash, same offsets.
        text = decode_source(item.text.encode("utf-8", "surrogateescape"), item.name)
        parsed = parse_text(text, item.name)
    except InputError as exc:
        return {"file": item.name, "error": str(exc)}
    result = _extractors[key].extract(parsed)
    return {"hash": text_hash(parsed.text), "file": item.name, **result.to_json()}


@dataclass
class CorpusReport:
    """What a corpus run wrote."""

    transcripts: int = 0
    mentions: int = 0
    shards: list[Path] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """A one-line summary for people."""
        return (f"{self.transcripts} transcript(s), {self.mentions} mention(s) in "
                f"{len(self.shards)} shard(s); {len(self.errors)} skipped")


class ShardWriter:
    """Writes predictions lines into numbered shards, errors into ``errors.jsonl``."""

    def __init__(self, out: str | Path, per_shard: int = 1000) -> None:
        self.out = Path(out)
        if self.out.exists() and not self.out.is_dir():
            raise InputError(f"{self.out}: not a folder")
        if self.out.is_dir() and any(self.out.glob("predictions-*.jsonl")):
            raise InputError(f"{self.out}: already holds predictions shards; "
                             "write a corpus run into a new or empty folder")
        self.out.mkdir(parents=True, exist_ok=True)
        self.per_shard = max(1, per_shard)
        self.report = CorpusReport()
        self._handle = None
        self._in_shard = 0

    def write(self, line: dict[str, Any]) -> None:
        """Add one output line (a predictions line or an error)."""
        if "error" in line:
            self.report.errors.append((line["file"], line["error"]))
            with (self.out / ERRORS_FILE).open("a", encoding="utf-8") as f:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
            return
        if self._handle is None or self._in_shard >= self.per_shard:
            self._next_shard()
        self._handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._in_shard += 1
        self.report.transcripts += 1
        self.report.mentions += len(line["mentions"])

    def _next_shard(self) -> None:
        self.close()
        path = self.out / SHARD_PATTERN.format(len(self.report.shards))
        # Written under a temporary name, renamed when complete: a shard that is there is whole.
        self._handle = path.with_suffix(".jsonl.part").open("w", encoding="utf-8")
        self.report.shards.append(path)
        self._in_shard = 0

    def close(self) -> None:
        """Finish the current shard."""
        if self._handle is not None:
            self._handle.close()
            Path(self._handle.name).replace(self.report.shards[-1])
            self._handle = None


def write_lines(lines: Iterable[dict[str, Any]], out: str | Path, per_shard: int = 1000,
                progress: Progress | None = None) -> CorpusReport:
    """Write output lines in order into shards under ``out``; returns what was written."""
    writer = ShardWriter(out, per_shard)
    try:
        for done, line in enumerate(lines, 1):
            writer.write(line)
            if progress:
                progress(done)
    finally:
        writer.close()
    return writer.report


def run_local(items: Iterable[CorpusItem], out: str | Path, *, extractor: str = "builtin",
              config: dict[str, Any] | None = None, jobs: int = 0, per_shard: int = 1000,
              progress: Progress | None = None) -> CorpusReport:
    """The corpus run on this machine: ``jobs`` worker processes (0: every core)."""
    from reviewer.core.extract.registry import get_extractor

    get_extractor(extractor, config)  # an unknown extractor fails here, before any work
    workers = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    if workers == 1:
        lines: Iterable[dict[str, Any]] = (extract_item(i, extractor, config) for i in items)
        return write_lines(lines, out, per_shard, progress)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return write_lines(_ordered(pool, items, extractor, config, workers * 4), out,
                           per_shard, progress)


def _ordered(pool: ProcessPoolExecutor, items: Iterable[CorpusItem], extractor: str,
             config: dict[str, Any] | None, window: int) -> Iterator[dict[str, Any]]:
    """Results in input order with at most ``window`` transcripts in flight: the inputs are
    read as the work goes, so a corpus larger than memory streams through."""
    pending: deque[Future] = deque()
    try:
        for item in items:
            pending.append(pool.submit(extract_item, item, extractor, config))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:
        for fut in pending:
            fut.cancel()
        raise


def check_engine(engine: str) -> None:
    """``ReviewerError`` when the engine is unknown or its extra is not installed."""
    if engine == "local":
        return
    if engine != "ray":
        raise InputError(f"unknown engine {engine!r} (local or ray)")
    import importlib.util

    if importlib.util.find_spec("ray") is None:
        raise ReviewerError("the ray engine needs Ray Data: pip install "
                            "'transcript-reviewer[ray]'")
