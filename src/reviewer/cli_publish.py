"""``reviewer publish``: serve a project to a team with Datasette, read-only and on this
machine unless told otherwise; or write the metadata for ``datasette publish``. A thin layer
over ``reviewer.core.publish``."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click


@click.command("publish")
@click.option("--db", "db_path", required=True,
              type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="The project to publish.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (0.0.0.0: every network interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True)
@click.option("--read-only/--live", "read_only", default=True, show_default=True,
              help="read-only: serve a checkpointed snapshot, immutable; live: serve the file "
                   "as reviewers change it (still through a read-only connection).")
@click.option("--title", help="The title of the published pages.")
@click.option("--inspect", "inspect_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the Datasette metadata (descriptions, facets, canned queries) to "
                   "this file for `datasette publish`, and exit.")
def publish(db_path: Path, host: str, port: int, read_only: bool, title: str | None,
            inspect_file: Path | None) -> None:
    """Serve a project with Datasette: tables with descriptions, facets on metric, status,
    reviewer and format, and canned queries of the gold."""
    from reviewer.core.publish.serve import (
        LOCAL_HOSTS,
        datasette_args,
        prepare,
        require_datasette,
        write_metadata,
    )

    pub = prepare(db_path, title)
    if inspect_file is not None:
        write_metadata(pub, inspect_file)
        click.echo(f"metadata written to {inspect_file}; publish with: datasette publish "
                   f"<target> {db_path} --metadata {inspect_file}")
        return
    require_datasette()
    if not pub.complete:
        click.echo("warning: the project is in use; the snapshot may miss the latest "
                   "decisions (close the app, or use --live)", err=True)
    if host not in LOCAL_HOSTS:
        click.echo(f"warning: serving on {host}: reachable from other machines", err=True)
    from datasette.cli import cli as datasette_cli

    with tempfile.TemporaryDirectory(prefix="reviewer-publish-") as tmp:
        meta = write_metadata(pub, Path(tmp) / "metadata.json")
        click.echo(f"serving {db_path} {'read-only' if read_only else 'live'} at "
                   f"http://{host}:{port}/ (Ctrl+C stops)", err=True)
        datasette_cli.main(datasette_args(pub, meta, host=host, port=port,
                                          live=not read_only),
                           prog_name="datasette", standalone_mode=False)
