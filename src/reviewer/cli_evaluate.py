"""The ``reviewer`` commands of evaluation and of the dataset: evaluate, agreement, merge,
export, import-annotations. A thin layer over ``reviewer.core.evaluate`` and
``reviewer.core.export``; ``ReviewerError`` becomes a one-line message in ``reviewer.cli``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reviewer.core.errors import InputError

_DB = click.Path(dir_okay=False, exists=True, path_type=Path)


def _open(path: Path):
    from reviewer.core.store import open_project

    return open_project(path)


def _echo_json(obj: object) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


@click.command()
@click.option("--db", "db_path", required=True, type=_DB, help="The project holding the gold.")
@click.option("--run", "runs", type=int, multiple=True,
              help="A run id to evaluate (repeat for several, side by side).")
@click.option("--predictions", "pred_files", multiple=True,
              type=click.Path(exists=True, path_type=Path),
              help="An outside system's JSONL in the `reviewer extract --json` schema, one "
                   "object per transcript with \"hash\" or \"file\", or a folder of such "
                   "shards (`reviewer extract-corpus`) (repeatable).")
@click.option("--all-runs", is_flag=True, help="Evaluate every run stored in the project.")
@click.option("--tolerance", type=click.FloatRange(0, 1), default=0.005, show_default=True,
              help="Relative tolerance on values (0.005 = 0.5%).")
@click.option("--resamples", type=click.IntRange(0), default=1000, show_default=True,
              help="Bootstrap resamples over transcripts (0: no intervals).")
@click.option("--seed", type=int, default=None, help="Seed of the bootstrap resampling.")
@click.option("--as-of", help="Evaluate against the gold as it stood at this ISO date/time.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a self-contained HTML report with charts here.")
@click.option("--errors", "n_errors", type=click.IntRange(0), default=0,
              help="List this many false positives/negatives and value errors per system.")
def evaluate(db_path: Path, runs: tuple[int, ...], pred_files: tuple[Path, ...],
             all_runs: bool, tolerance: float, resamples: int, seed: int | None,
             as_of: str | None, as_json: bool, html_path: Path | None, n_errors: int) -> None:
    """Evaluate extractor runs, or outside predictions, against the reviewed gold.

    With no --run / --predictions, the newest run of the project is evaluated. The first
    system is the baseline the others are compared with."""
    from reviewer.core.evaluate.bootstrap import DEFAULT_SEED
    from reviewer.core.evaluate.external import read_predictions
    from reviewer.core.evaluate.render_text import render_text
    from reviewer.core.evaluate.report import evaluate as run_evaluation
    from reviewer.core.evaluate.report import system_from_run
    from reviewer.core.store.gold import iter_transcripts, list_runs

    project = _open(db_path)
    try:
        ids = [r.id for r in list_runs(project)] if all_runs else list(runs)
        if not ids and not pred_files:
            stored = list_runs(project)
            if not stored:
                raise InputError(f"{db_path}: the project has no extractor run; run "
                                 "`reviewer extract` first or pass --predictions FILE.jsonl")
            ids = [stored[-1].id]
        systems = [system_from_run(project, i) for i in ids]
        warnings = [f"run {r.id} was {r.status} (its process ended before the run finished):"
                    " it is scored only on the transcripts it completed"
                    for r in list_runs(project) if r.id in ids
                    and r.status in ("interrupted", "running")]
        for f in pred_files:
            system, notes = read_predictions(project, f)
            systems.append(system)
            warnings += notes
        report = run_evaluation(
            iter_transcripts(project, as_of=as_of), systems, tolerance=tolerance,
            resamples=resamples, seed=DEFAULT_SEED if seed is None else seed, as_of=as_of)
        report["warnings"] = warnings + report["warnings"]
    finally:
        project.close()
    if html_path is not None:
        from reviewer.core.evaluate.render_html import write_html
        write_html(report, html_path)
    if as_json:
        _echo_json(report)
    else:
        click.echo(render_text(report, problems=n_errors), nl=False)
        if html_path is not None:
            click.echo(f"HTML report written to {html_path}")


@click.command()
@click.argument("projects", nargs=-1, required=True, type=_DB)
@click.option("--reviewers", nargs=2, help="Two reviewers of ONE project: compares each one's "
              "version (the state right after their last decision on a transcript).")
@click.option("--all", "include_all", is_flag=True,
              help="Compare transcripts that are not marked reviewed too.")
@click.option("--tolerance", type=click.FloatRange(0, 1), default=0.005, show_default=True)
@click.option("--limit", type=click.IntRange(0), default=50, show_default=True,
              help="How many disagreements to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def agreement(projects: tuple[Path, ...], reviewers: tuple[str, str] | None,
              include_all: bool, tolerance: float, limit: int, as_json: bool) -> None:
    """Agreement between two reviewers: two projects A.db B.db, or one with --reviewers."""
    from reviewer.core.evaluate.agreement import agreement as compare
    from reviewer.core.evaluate.agreement import render_agreement
    from reviewer.core.store.gold import iter_transcripts, reviewer_versions
    from reviewer.core.store.gold import reviewers as gold_reviewers

    if reviewers and len(projects) == 1:
        project = _open(projects[0])
        try:
            known = gold_reviewers(project)
            for r in reviewers:
                if r not in known:
                    raise InputError(f"{r!r} made no decision in {projects[0].name} "
                                     f"(reviewers: {', '.join(known) or 'none'})")
            a, b = (reviewer_versions(project, r) for r in reviewers)
            rep = compare(a, b, names=reviewers, tolerance=tolerance)
        finally:
            project.close()
    elif len(projects) == 2 and not reviewers:
        pa, pb = _open(projects[0]), _open(projects[1])
        names = (projects[0].stem, projects[1].stem)
        if names[0] == names[1]:
            names = (str(projects[0]), str(projects[1]))
        try:
            rep = compare(iter_transcripts(pa, include_all=include_all),
                          iter_transcripts(pb, include_all=include_all),
                          names=names, tolerance=tolerance)
        finally:
            pa.close()
            pb.close()
    else:
        raise InputError("give two projects (A.db B.db), or one project and --reviewers A B")
    if as_json:
        _echo_json(rep)
    else:
        click.echo(render_agreement(rep, limit=limit), nl=False)


@click.command()
@click.argument("projects", nargs=-1, required=True, type=_DB)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The merged project to create (must not exist yet).")
@click.option("--all", "include_all", is_flag=True,
              help="Also merge annotations of transcripts not marked reviewed.")
@click.option("--json", "as_json", is_flag=True, help="Print the conflicts as JSON.")
def merge(projects: tuple[Path, ...], out: Path, include_all: bool, as_json: bool) -> None:
    """Combine reviewers' projects; conflicts are listed and left for adjudication."""
    from reviewer.core.evaluate.merge import merge_projects
    from reviewer.core.store import new_project_atomically

    if len(projects) < 2:
        raise InputError("give at least two projects to merge")
    if out.exists():
        raise InputError(f"{out}: already exists; merge into a new project file")
    sources = [(p.stem if [q.stem for q in projects].count(p.stem) == 1 else str(p), _open(p))
               for p in projects]
    try:
        for _n, p in sources:
            p.check_integrity()  # a merge copies gold: never from a damaged file
        with new_project_atomically(out) as target:
            result = merge_projects(sources, target, include_all=include_all)
    finally:
        for _n, p in sources:
            p.close()
    if as_json:
        _echo_json({"summary": result.summary(), "conflicts": result.conflicts})
        return
    for c in result.conflicts:
        click.echo(c["text"])
    click.echo(f"{result.summary()}; merged project: {out}")
    if result.conflicts:
        click.echo(f"adjudicate them in the app: reviewer gui --db {out}, then Review > Merge "
                   "conflicts (Ctrl+Shift+M)")


@click.command()
@click.option("--db", "db_path", required=True, type=_DB, help="The project to export.")
@click.option("--format", "fmt", required=True,
              type=click.Choice(["jsonl", "spacy", "csv", "conll"]), help="The file format.")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="The file to write (replaced atomically).")
@click.option("--all", "include_all", is_flag=True,
              help="Every transcript with its status, not only the reviewed ones.")
@click.option("--as-of", help="The gold as it stood at this ISO date/time.")
@click.option("--unit", type=click.Choice(["paragraph", "turn", "transcript"]),
              default="paragraph", show_default=True,
              help="spacy: one Doc per paragraph, turn or transcript.")
@click.option("--include-rejected", is_flag=True,
              help="csv: add the rejected predictions (status 'rejected') to the gold rows.")
def export(db_path: Path, fmt: str, out: Path, include_all: bool, as_of: str | None,
           unit: str, include_rejected: bool) -> None:
    """Export the labelled dataset (reviewed transcripts by default)."""
    from reviewer.core.export.dataset import export_project

    project = _open(db_path)
    try:
        result = export_project(project, fmt, out, include_all=include_all, as_of=as_of,
                                unit=unit, include_rejected=include_rejected)
    finally:
        project.close()
    for w in result.warnings:
        click.echo(f"warning: {w}", err=True)
    click.echo(f"exported {result.transcripts} transcript(s), {result.mentions} mention(s) "
               f"as {fmt} to {out}")


@click.command("import-annotations")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--db", "db_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="The project to import into (created when missing).")
@click.option("--reviewer", help="Whom the audit log names for this import.")
@click.option("--replace", is_flag=True,
              help="Overwrite the gold of transcripts that already have different gold.")
def import_annotations(file: Path, db_path: Path, reviewer: str | None, replace: bool) -> None:
    """Import gold from a JSONL file (as written by `reviewer export --format jsonl`)."""
    from reviewer.core.export.dataset import import_annotations as run_import
    from reviewer.core.store import remove_project_files

    new_project = not db_path.exists()
    project = _open(db_path)
    try:
        result = run_import(project, file, reviewer=reviewer, replace=replace)
    except BaseException:
        project.close()
        if new_project:  # a refused import leaves no empty project file behind
            remove_project_files(db_path)
        raise
    project.close()
    for w in result.warnings:
        click.echo(f"warning: {w}", err=True)
    for name, why in result.skipped:
        click.echo(f"skipped {name}: {why}", err=True)
    click.echo(result.summary())
    if result.skipped and not (result.created or result.updated or result.unchanged):
        sys.exit(1)


COMMANDS = (evaluate, agreement, merge, export, import_annotations)
