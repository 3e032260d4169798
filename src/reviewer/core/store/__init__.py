"""The SQLite store (via sqlite-utils): schema, migrations and every SQL statement."""

from reviewer.core.store.opening import NewerProjectError, ReadOnlyProjectError
from reviewer.core.store.project import (
    Project,
    TranscriptSummary,
    new_project_atomically,
    open_project,
    remove_project_files,
)

__all__ = ["NewerProjectError", "Project", "ReadOnlyProjectError", "TranscriptSummary",
           "new_project_atomically", "open_project", "remove_project_files"]
