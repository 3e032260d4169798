"""``reviewer extract-corpus``: an extractor over transcript files or JSONL shards, outside any
project, on this machine (a process pool) or on Ray; predictions written as JSONL shards that
``reviewer evaluate --predictions DIR`` reads; ``reviewer import-predictions`` records them in
a project as a run. A thin layer over ``reviewer.core.corpus``."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("extract-corpus")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write predictions-NNNNN.jsonl shards into (new or empty).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local",
              show_default=True, help="local: a process pool; ray: Ray Data (the [ray] extra).")
@click.option("--extractor", "extractor_name", default="builtin", show_default=True,
              help="Which registered extractor (see `reviewer extractors`).")
@click.option("--jobs", "-j", type=click.IntRange(0), default=0, show_default=True,
              help="local: worker processes (0: every core); ray: CPUs of a local Ray.")
@click.option("--address", help="ray: the cluster to join (e.g. ray://head:10001 or auto); "
                                "default: start Ray on this machine.")
@click.option("--shard-size", type=click.IntRange(1), default=1000, show_default=True,
              help="Transcripts per output shard.")
def extract_corpus(inputs: tuple[Path, ...], out: Path, engine: str, extractor_name: str,
                   jobs: int, address: str | None, shard_size: int) -> None:
    """Run an extractor over transcript files, folders and JSONL shards (one
    {"name", "text"} object per line) and write predictions shards to --out."""
    from reviewer.core.corpus.run import check_engine, run_local
    from reviewer.core.corpus.sources import iter_items

    check_engine(engine)
    if address and engine != "ray":
        raise click.UsageError("--address is for --engine ray")
    done = [0]

    def progress(n: int) -> None:
        done[0] = n
        if n % 500 == 0:
            click.echo(f"  {n} transcript(s) done", err=True)

    if engine == "ray":
        from reviewer.core.corpus.ray_engine import run_ray

        report = run_ray(list(inputs), out, extractor=extractor_name, address=address,
                         num_cpus=jobs or None, per_shard=shard_size, progress=progress)
    else:
        report = run_local(iter_items(inputs), out, extractor=extractor_name, jobs=jobs,
                           per_shard=shard_size, progress=progress)
    for name, why in report.errors:
        click.echo(f"skipped {name}: {why}", err=True)
    click.echo(f"{report.summary()} written to {out}")
    if report.errors and not report.transcripts:
        sys.exit(1)


@click.command("import-predictions")
@click.argument("predictions", type=click.Path(exists=True, path_type=Path))
@click.option("--db", "db_path", required=True,
              type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="The project to record the predictions in, as an extractor run.")
def import_predictions(predictions: Path, db_path: Path) -> None:
    """Record a predictions file or a folder of shards (`reviewer extract-corpus`) in a
    project as an extractor run, matched to its transcripts by "hash"."""
    from reviewer.core.corpus.project_import import import_predictions as run_import
    from reviewer.core.store import open_project

    project = open_project(db_path)
    try:
        result = run_import(project, predictions)
    finally:
        project.close()
    click.echo(result.summary())
    if not result.runs:
        sys.exit(1)


def register(group: click.Group) -> None:
    """Add this module's commands to the ``reviewer`` group."""
    group.add_command(extract_corpus)
    group.add_command(import_predictions)
