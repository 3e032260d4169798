"""The ``reviewer`` command: a thin layer over the core library API.

Typed ``ReviewerError`` exceptions become a one-line message and exit status 1 here, and
nowhere else.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reviewer import __version__, cli_evaluate, cli_extract, cli_gui
from reviewer.core.errors import ReviewerError

if TYPE_CHECKING:  # the store pulls in sqlite-utils and numpy: imported by commands, lazily
    from reviewer.core.store import Project, TranscriptSummary


class _Group(click.Group):
    """A group that turns ``ReviewerError`` into a clear one-line message."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ReviewerError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)
        except sqlite3.DatabaseError as exc:  # damage found past the open: still one line
            click.echo(f"error: the project database is damaged ({exc}); restore it from a "
                       "backup", err=True)
            ctx.exit(1)


@click.group(cls=_Group, invoke_without_command=True)
@click.version_option(__version__, prog_name="reviewer")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Transcript Reviewer: build and use gold datasets of financial metrics in
    earnings-call transcripts. With no command, opens the built-in demo project."""
    if ctx.invoked_subcommand is None:
        cli_gui.run_default(ctx, demo)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the structure as JSON.")
@click.option("--encoding", help="Read the file in this encoding (default: UTF-8, or UTF-16/32 "
              "with a byte-order mark).")
def parse(file: Path, as_json: bool, encoding: str | None) -> None:
    """Parse one transcript FILE and print its structure."""
    from reviewer.core.ingest import parse_file

    parsed = parse_file(file, encoding)
    if as_json:
        click.echo(json.dumps(parsed.to_json(), ensure_ascii=False, indent=2))
        return
    md = parsed.metadata
    click.echo(f"{file.name}: format {parsed.format}, {len(parsed.turns)} turns, "
               f"{len(parsed.participants)} participants")
    click.echo(f"  company {md.company or '-'}  ticker {md.ticker or '-'}  "
               f"period {md.fiscal_period or '-'}  date {md.date or '-'}")
    if md.event:
        click.echo(f"  event   {md.event}")
    for p in parsed.participants:
        click.echo(f"  {p.role:9} {p.name}" + (f" ({p.affiliation})" if p.affiliation else ""))
    for t in parsed.turns:
        langs = ",".join(sorted({p.lang for p in t.paragraphs}))
        click.echo(f"  [{t.index:3}] {t.section or '-':8} {t.role:9} {t.label or '(no label)'}"
                   f" -> {t.speaker or '?'}  ({len(t.paragraphs)} par., {langs})")
    if parsed.boilerplate:
        spans = ", ".join(f"{s}-{e}" for s, e in parsed.boilerplate)
        chars = sum(e - s for s, e in parsed.boilerplate)
        click.echo(f"  boilerplate (not part of the call): {chars} characters at {spans}")
    for w in parsed.warnings:
        click.echo(f"warning: {w}")


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The project file (created when missing).")
@click.option("--encoding", help="Read the files in this encoding (default: UTF-8, or "
              "UTF-16/32 with a byte-order mark).")
def import_cmd(paths: tuple[Path, ...], db_path: Path, encoding: str | None) -> None:
    """Import transcript files and folders into a project."""
    from reviewer.core.importer import expand_paths, import_paths
    from reviewer.core.store import open_project

    files = expand_paths(paths)  # a missing path is an error before anything is created
    new_project = not db_path.exists()
    project = open_project(db_path)
    try:
        project.require_writable()
        with click.progressbar(length=len(files), label="Importing", file=sys.stderr) as bar:
            report = import_paths(project, paths, encoding=encoding,
                                  progress=lambda done, total, name: bar.update(1))
    finally:
        project.close()
    for f, tid in report.added:
        click.echo(f"imported {f} (id {tid})")
    for f, tid in report.duplicates:
        click.echo(f"unchanged {f}: already in the project (id {tid})")
    for _f, why in report.skipped:
        click.echo(f"skipped {why}", err=True)
    for f, w in report.warnings:
        click.echo(f"warning {Path(f).name}: {w}", err=True)
    click.echo(report.summary())
    if report.skipped and not report.added and not report.duplicates:
        if new_project:  # nothing could be imported: leave no empty project behind
            from reviewer.core.store import remove_project_files

            remove_project_files(db_path)
        sys.exit(1)


@cli.command("list")
@click.option("--db", "db_path", required=True,
              type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--search", help="Filter by name, company, ticker or period.")
@click.option("--format", "fmt", help="Only transcripts of this source format.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
def list_cmd(db_path: Path, search: str | None, fmt: str | None, as_json: bool) -> None:
    """List the transcripts of a project."""
    from reviewer.core.store import open_project

    project = open_project(db_path)
    _print_list(project.list_transcripts(search=search, fmt=fmt), as_json)
    project.close()


@cli.command()
@click.option("--db", "db_path", required=True,
              type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--full", is_flag=True, help="Check every page and index (slower), not only the "
              "structure SQLite's quick check covers.")
def check(db_path: Path, full: bool) -> None:
    """Check that a project file is sound (integrity is checked on request, after a crash and
    before a merge; not on every open, which would cost seconds on large projects)."""
    from reviewer.core.store import open_project

    project = open_project(db_path)
    try:
        project.check_integrity(full=full)
        state = f"read-only: {project.read_only_reason}" if project.read_only else "writable"
        click.echo(f"{db_path}: ok ({project.count()} transcripts, {state})")
    finally:
        project.close()


@cli.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where the demo project lives (default: the user's data folder).")
def demo(db_path: Path | None) -> None:
    """Open the built-in demo project (created on first use) and list what it holds."""
    from reviewer.core.demo import open_demo_project

    project = open_demo_project(db_path)
    click.echo(f"Demo project: {project.path}")
    _print_project(project)
    project.close()


def _print_project(project: Project) -> None:
    _print_list(project.list_transcripts(), False)


def _print_list(rows: list[TranscriptSummary], as_json: bool) -> None:
    # One write for the whole listing: 10,000 rows echoed one by one cost more than the query.
    if as_json:
        if rows:
            click.echo("\n".join(json.dumps(r.__dict__, ensure_ascii=False) for r in rows))
        return
    lines = [f"{'id':>4}  {'format':17} {'company':28} {'period':9} {'date':10} "
             f"{'turns':>5}  {'status':11} name"]
    lines += [f"{r.id:>4}  {r.format:17} {(r.company or '-')[:28]:28} "
              f"{r.fiscal_period or '-':9} {r.date or '-':10} {r.turns:>5}  "
              f"{r.status:11} {r.name}" for r in rows]  # in_progress: 11
    lines.append(f"{len(rows)} transcript(s)")
    click.echo("\n".join(lines))


cli.add_command(cli_evaluate.evaluate)
cli.add_command(cli_evaluate.agreement)
cli.add_command(cli_evaluate.merge)
cli.add_command(cli_evaluate.export)
cli.add_command(cli_evaluate.import_annotations)
cli_extract.register(cli)
cli_gui.register(cli)
cli.add_command(__import__("reviewer.cli_train", fromlist=["train"]).train)
from reviewer import cli_corpus, cli_publish  # noqa: E402  (registered here, beside the others)

cli_corpus.register(cli)
cli.add_command(cli_publish.publish)


def main() -> None:
    """Entry point of the ``reviewer`` console script."""
    cli()


if __name__ == "__main__":
    main()
