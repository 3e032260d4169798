"""The SQLite store (via sqlite-utils): schema, migrations and every SQL statement."""

import sys

# sqlite-utils imports pandas whenever it is installed (the [ray] extra brings it) only to
# map pandas timestamps to TEXT, which we never store: 250 ms and 100 MB on every command
# that opens a project. Hide it while sqlite-utils loads; pandas stays importable after.
if "pandas" not in sys.modules and "sqlite_utils" not in sys.modules:
    sys.modules["pandas"] = None  # type: ignore[assignment]  # "import pandas" fails
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["pandas"]

from reviewer.core.store.lifecycle import (
    new_project_atomically,
    open_project,
    remove_project_files,
)
from reviewer.core.store.opening import NewerProjectError, ReadOnlyProjectError
from reviewer.core.store.project import Project, TranscriptSummary

__all__ = ["NewerProjectError", "Project", "ReadOnlyProjectError", "TranscriptSummary",
           "new_project_atomically", "open_project", "remove_project_files"]
