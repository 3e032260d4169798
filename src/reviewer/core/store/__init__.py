"""The SQLite store (via sqlite-utils): schema, migrations and every SQL statement."""

from reviewer.core.store.project import Project, TranscriptSummary, open_project

__all__ = ["Project", "TranscriptSummary", "open_project"]
