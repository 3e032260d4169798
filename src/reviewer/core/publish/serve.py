"""Serving a project with Datasette (the optional ``[publish]`` extra).

Read-only by default: the file is checkpointed, then served immutable (Datasette's ``-i``),
so nothing the server does can change it, and its pages may be cached. ``live`` serves it
mutable instead (Datasette still reads it through a read-only connection) for a team that
watches a review in progress. Bound to 127.0.0.1 unless a host is given.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.core.publish.metadata import build_metadata
from reviewer.core.store import open_project
from reviewer.core.store.snapshot import checkpoint, table_names

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@dataclass
class Publication:
    """What to serve and how."""

    db: Path
    metadata: dict
    complete: bool  # the write-ahead log was fully checkpointed


def prepare(db: str | Path, title: str | None = None) -> Publication:
    """Check the project, checkpoint it and build its metadata."""
    path = Path(db)
    project = open_project(path)
    try:
        complete = checkpoint(project)
        tables = table_names(project)
    finally:
        project.close()
    return Publication(path, build_metadata(path.stem, tables, title), complete)


def write_metadata(pub: Publication, out: str | Path) -> Path:
    """Write the metadata file (for ``datasette publish ... --metadata FILE``)."""
    p = Path(out)
    p.write_text(json.dumps(pub.metadata, indent=2, ensure_ascii=False) + "\n",
                 encoding="utf-8")
    return p


def datasette_args(pub: Publication, metadata_file: Path, *, host: str = "127.0.0.1",
                   port: int = 8001, live: bool = False) -> list[str]:
    """The ``datasette serve`` arguments."""
    files = [str(pub.db)] if live else ["-i", str(pub.db)]
    return ["serve", *files, "--host", host, "--port", str(port),
            "--metadata", str(metadata_file),
            # A transcript's text is long: cut in table views, whole on its row page.
            "--setting", "truncate_cells_html", "300",
            "--setting", "default_page_size", "50"]


def require_datasette() -> None:
    """``ReviewerError`` when the ``[publish]`` extra is not installed."""
    if importlib.util.find_spec("datasette") is None:
        raise ReviewerError("publishing needs Datasette: pip install "
                            "'transcript-reviewer[publish]'")
