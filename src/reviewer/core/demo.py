"""The built-in demo project: our own transcripts of a fictional company."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from reviewer.core.importer import import_paths
from reviewer.core.paths import demo_project_path
from reviewer.core.store import Project, open_project


def demo_files() -> list[Path]:
    """The demo transcripts shipped with the package."""
    folder = Path(str(resources.files("reviewer") / "resources" / "demo"))
    return sorted(folder.glob("*.txt"))


def open_demo_project(path: str | Path | None = None) -> Project:
    """Open the demo project, creating it and importing the demo transcripts on first use."""
    project = open_project(path or demo_project_path())
    if project.count() < len(demo_files()):
        import_paths(project, demo_files())  # duplicates are skipped by content hash
    return project


def is_fresh_demo(project: Project) -> bool:
    """Whether ``project`` is the user's demo project with no extractor run yet (the app then
    runs the extractor at once, so a first-time user has proposals to review)."""
    from reviewer.core.store import review as store

    return (project.path is not None
            and project.path.resolve() == demo_project_path().resolve()
            and store.run_count(project.db) == 0)
