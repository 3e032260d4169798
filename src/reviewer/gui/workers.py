"""Long jobs off the GUI thread: importing files/folders and running an extractor.

Each job opens its OWN connection to the project (SQLite connections stay in their thread),
reports progress through signals and polls a cancel flag between items.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from reviewer.core.errors import ReviewerError
from reviewer.core.store import Project, open_project


class Job(QThread):
    """Runs ``work(project, progress, cancelled)`` in a thread on a fresh connection."""

    progress = Signal(int, int, str)  # done, total, what
    succeeded = Signal(object)  # the work's result
    failed = Signal(str)  # a one-line reason

    def __init__(self, db_path: Path, title: str,
                 work: Callable[[Project, Callable, Callable], object], parent=None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.title = title
        self.work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        project = None
        try:
            project = open_project(self.db_path)
            result = self.work(project, lambda d, t, w="": self.progress.emit(d, t, str(w)),
                               self._cancel.is_set)
        except ReviewerError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug must reach the user, not kill the thread silently
            traceback.print_exc()
            self.failed.emit(f"unexpected error: {exc!r}")
        else:
            self.succeeded.emit(result)
        finally:
            if project is not None:
                project.close()


def import_job(db_path: Path, paths: list[str], parent=None) -> Job:
    """Import files and folders; the result is the core ImportReport."""
    from reviewer.core.importer import import_paths

    def work(project, progress, cancelled):
        return import_paths(project, paths, progress=progress, cancelled=cancelled)

    return Job(db_path, "Importing", work, parent)


def extractor_available() -> bool:
    try:
        from reviewer.core.extract.runner import run_on_project  # noqa: F401
    except ImportError:
        return False
    return True


def extract_job(db_path: Path, extractor: str = "builtin", parent=None) -> Job:
    """Run an extractor over the project, then pre-annotate every transcript that has no
    review yet; the result is ``(run_id, PreannotateReport or None when cancelled)``."""

    def work(project, progress, cancelled):
        from reviewer.core.extract.runner import run_on_project
        from reviewer.core.review import preannotate_run

        run_id = run_on_project(project, extractor_name=extractor, jobs=1,
                                progress=progress, cancelled=cancelled)
        if cancelled():
            return run_id, None
        return run_id, preannotate_run(
            project, run_id, progress=lambda d, t, _w: progress(d, t, "pre-annotating"))

    return Job(db_path, "Running the extractor", work, parent)


def export_job(db_path: Path, fmt: str, out: Path, include_all: bool, parent=None) -> Job:
    """Export the dataset (``core.export``); the result is its ``ExportResult``."""

    def work(project, progress, _cancelled):
        from reviewer.core.export.dataset import export_project

        return export_project(project, fmt, out, include_all=include_all,
                              progress=lambda n: progress(n, project.count(), "exporting"))

    return Job(db_path, "Exporting", work, parent)


def preannotate_job(db_path: Path, run_id: int | None = None, parent=None) -> Job:
    """Pre-annotate from a stored run (default: the newest); the result is its report."""

    def work(project, progress, cancelled):
        from reviewer.core.review import preannotate_run

        return preannotate_run(project, run_id, progress=progress, cancelled=cancelled)

    return Job(db_path, "Pre-annotating", work, parent)
