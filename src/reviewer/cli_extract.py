"""``reviewer extract`` and ``reviewer extractors``: pre-annotation from the command line.

``reviewer extract FILE --json`` prints the DESIGN.md contract object; ``reviewer extract
--db PROJECT`` runs an extractor over every transcript of a project as a recorded run.
Errors are ``ReviewerError`` types, printed by the ``reviewer`` group.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command("extract")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the contract JSON object.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Run over every transcript of this project and record the run.")
@click.option("--extractor", "extractor_name", default="builtin", show_default=True,
              help="Which registered extractor (see `reviewer extractors`).")
@click.option("--jobs", "-j", type=int, default=1, show_default=True,
              help="Worker processes for --db (0: all cores).")
@click.option("--min-confidence", type=float, default=None,
              help="Drop mentions below this confidence (builtin extractor).")
@click.option("--preannotate/--no-preannotate", default=True, show_default=True,
              help="With --db: turn the run's proposals into pending mentions of every "
                   "transcript not yet reviewed (decided mentions are never touched).")
def extract(file: Path | None, as_json: bool, db_path: Path | None, extractor_name: str,
            jobs: int, min_confidence: float | None, preannotate: bool) -> None:
    """Find metric mentions in one transcript FILE, or in a whole project with --db."""
    from reviewer.core.extract.registry import get_extractor

    if (file is None) == (db_path is None):
        raise click.UsageError("give either a transcript FILE or --db PROJECT")
    config = {"min_confidence": min_confidence} if min_confidence is not None else None
    if db_path is not None:
        _run_project(db_path, extractor_name, jobs, config, preannotate)
        return
    from reviewer.core.ingest import parse_file

    parsed = parse_file(file)
    result = get_extractor(extractor_name, config).extract(parsed)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{file.name}: {len(result.mentions)} mentions, "
               f"{len(result.speaker_suggestions)} speaker suggestions, "
               f"{len(result.translation_checks)} translation checks "
               f"({result.extractor} {result.version})")
    for m in result.mentions:
        value = m.value if m.value is not None else f"{m.low}..{m.high}"
        click.echo(f"  [{m.turn if m.turn is not None else '-':>3}] {m.text[:40]:40} "
                   f"{value!s:>14} {m.unit or '-':8} {m.metric or '-':32} "
                   f"{m.period or '-':9} {m.kind:10} {m.basis or '-':8} {m.confidence:.2f}")


def _run_project(db_path: Path, extractor_name: str, jobs: int, config: dict | None,
                 preannotate: bool) -> None:
    from reviewer.core.extract.runner import resolve_jobs, run_on_project
    from reviewer.core.store import open_project
    from reviewer.core.store.runs import run_counts

    project = open_project(db_path)
    try:
        project.require_writable()
        total = project.count()
        label = f"Extracting ({_plural(resolve_jobs(jobs), 'job')})"
        with click.progressbar(length=total, label=label, file=sys.stderr,
                               show_pos=True) as bar:
            last = [0]

            def progress(done: int, _total: int, _name: str) -> None:
                bar.update(done - last[0])
                last[0] = done

            run_id = run_on_project(project, extractor_name, jobs=jobs, progress=progress,
                                    config=config)
        c = run_counts(project, run_id)
        click.echo(f"run {c.run_id} ({extractor_name}): {c.status}, {total} transcript(s) "
                   f"({c.transcripts} with output): {c.predictions} mentions, {c.suggestions} "
                   f"speaker suggestions, {c.checks} translation checks")
        if preannotate and c.status in ("completed", "partial"):
            click.echo(_preannotate(project, run_id).summary())
        if c.status != "completed":
            sys.exit(1)
    finally:
        project.close()


def _preannotate(project, run_id: int | None):
    """Pre-annotate from a run with a progress bar on stderr; returns the report."""
    from reviewer.core.review import preannotate_run

    with click.progressbar(length=project.count(), label="Pre-annotating", file=sys.stderr,
                           show_pos=True) as bar:
        last = [0]

        def progress(done: int, _total: int, _what: str) -> None:
            bar.update(done - last[0])
            last[0] = done

        return preannotate_run(project, run_id, progress=progress)


@click.command("preannotate")
@click.option("--db", "db_path", required=True,
              type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="The project.")
@click.option("--run", "run_id", type=int, default=None,
              help="The stored run to take the proposals from (default: the newest).")
def preannotate_cmd(db_path: Path, run_id: int | None) -> None:
    """Turn a stored run's proposals into pending mentions of every transcript not yet
    reviewed. Re-running is safe: decided mentions are never touched; it says what it
    added, kept and dropped."""
    from reviewer.core.store import open_project

    project = open_project(db_path)
    try:
        click.echo(_preannotate(project, run_id).summary())
    finally:
        project.close()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


@click.command("extractors")
def extractors() -> None:
    """List the registered extractors (entry-point group ``reviewer.extractors``)."""
    from reviewer.core.extract.registry import available_extractors

    for info in available_extractors():
        state = "ready" if info.installed else f"unavailable: {info.problem}"
        if info.installed and info.usage:
            state = f"ready; name it as {info.usage}"
        click.echo(f"{info.name:14} {info.target:60} {state}")


def register(group: click.Group) -> None:
    """Add this module's commands to the ``reviewer`` group."""
    group.add_command(extract)
    group.add_command(extractors)
    group.add_command(preannotate_cmd)
