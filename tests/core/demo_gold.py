"""A reviewed demo project for the export, training and active-learning tests: our own demo
transcripts, pre-annotated by the rule extractor, every proposal accepted through the core
review commands, each transcript marked reviewed (as a reviewer would in the app)."""

from __future__ import annotations

from pathlib import Path

from reviewer.core.demo import demo_files
from reviewer.core.extract.runner import run_on_project
from reviewer.core.importer import import_paths
from reviewer.core.review import Accept, MarkReviewed, ReviewSession, preannotate_all
from reviewer.core.store import Project, open_project


def build_demo_gold(path: Path, review: int | None = None) -> Project:
    """The demo project at ``path`` with the first ``review`` transcripts (all by default)
    reviewed: every proposal accepted, then the transcript marked reviewed."""
    project = open_project(path)
    import_paths(project, demo_files())
    run_on_project(project, "builtin")
    preannotate_all(project)
    rows = project.list_transcripts()
    for r in sorted(rows, key=lambda r: r.name)[:review]:
        session = ReviewSession(project, r.id, "tester")
        for a in session.annotations():
            session.do(Accept(a.id))
        session.do(MarkReviewed())
    return project
