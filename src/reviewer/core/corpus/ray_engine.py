"""The ``ray`` engine of a corpus run: the per-transcript extraction of
``reviewer.core.corpus.run`` mapped over a Ray Data dataset (the optional ``[ray]`` extra).

``ray.init()`` starts a local Ray on this machine unless an ``address`` names a cluster
(``ray://head:10001`` or ``auto``); every node must have ``transcript-reviewer[ray]``
installed, and the inputs must be readable by the nodes (shared storage or object storage
paths Ray reads). Ray reads the shards and files itself, so the driver never holds the
corpus; results come back in input order (``preserve_order``) and the driver writes the same
shards the local engine writes.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reviewer.core.corpus.run import CorpusReport, Progress, ShardWriter, extract_item
from reviewer.core.corpus.sources import CorpusItem, parse_shard_line, shard_paths

BATCH = 8  # transcripts per task: enough to amortise scheduling, small enough to spread


def _extract_lines(batch: dict[str, Any], extractor: str, config: dict[str, Any] | None,
                   where: str) -> dict[str, Any]:
    """A batch of shard lines (``text`` column) -> a batch of output lines (JSON strings)."""
    import numpy as np

    items = [parse_shard_line(str(line), where) for line in batch["text"] if str(line).strip()]
    return {"line": np.array([json.dumps(extract_item(i, extractor, config),
                                         ensure_ascii=False) for i in items], dtype=object)}


def _extract_files(batch: dict[str, Any], extractor: str,
                   config: dict[str, Any] | None) -> dict[str, Any]:
    """A batch of files (``bytes`` and ``path`` columns) -> a batch of output lines."""
    import numpy as np

    out = []
    for raw, path in zip(batch["bytes"], batch["path"], strict=True):
        item = CorpusItem(Path(str(path)).name,
                          bytes(raw).decode("utf-8", errors="surrogateescape"))
        out.append(json.dumps(extract_item(item, extractor, config), ensure_ascii=False))
    return {"line": np.array(out, dtype=object)}


def run_ray(inputs: list[str | Path], out: str | Path, *, extractor: str = "builtin",
            config: dict[str, Any] | None = None, address: str | None = None,
            num_cpus: int | None = None, per_shard: int = 1000,
            progress: Progress | None = None) -> CorpusReport:
    """The corpus run on Ray Data; the same shards, lines and order as ``run_local``."""
    import ray

    from reviewer.core.extract.registry import get_extractor

    get_extractor(extractor, config)  # an unknown extractor fails here, before Ray starts
    shards, files = shard_paths(inputs)
    started = not ray.is_initialized()
    if started:
        ray.init(address=address, num_cpus=None if address else num_cpus,
                 include_dashboard=False, log_to_driver=False,
                 logging_level=logging.WARNING)
    logging.getLogger("ray.data").setLevel(logging.WARNING)  # no per-dataset chatter
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False
        writer = ShardWriter(out, per_shard)
        try:
            for done, line in enumerate(_lines(ray, shards, files, extractor, config), 1):
                writer.write(json.loads(line))
                if progress:
                    progress(done)
        finally:
            writer.close()
        return writer.report
    finally:
        if started:
            ray.shutdown()


def _lines(ray: Any, shards: list[Path], files: list[Path], extractor: str,
           config: dict[str, Any] | None) -> Iterator[str]:
    """Output lines: the shards' transcripts first, then the files', each in input order."""
    kwargs = {"extractor": extractor, "config": config}
    # A text file is read as one block and a block is mapped by one task: split the lines
    # into a few blocks per CPU of the cluster (in order) so that every CPU gets work.
    blocks = 4 * max(1, int(ray.cluster_resources().get("CPU", 1)))
    if shards:
        ds = ray.data.read_text([str(s.resolve()) for s in shards], encoding="utf-8-sig")
        ds = ds.repartition(blocks).map_batches(
            _extract_lines, batch_size=BATCH, batch_format="numpy",
            fn_kwargs={**kwargs, "where": "a JSONL shard"})
        for row in ds.iter_rows():
            yield row["line"]
    if files:
        ds = ray.data.read_binary_files([str(f.resolve()) for f in files], include_paths=True)
        ds = ds.map_batches(_extract_files, batch_size=BATCH, batch_format="numpy",
                            fn_kwargs=kwargs)
        for row in ds.iter_rows():
            yield row["line"]
