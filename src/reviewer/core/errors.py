"""The one exception hierarchy of the project.

Core code raises these; only the edges (CLI, GUI) turn them into messages.
"""

from __future__ import annotations


class ReviewerError(Exception):
    """Base of every error the application reports to a user."""


class InputError(ReviewerError):
    """A file that cannot be imported: empty, binary, undecodable or unreadable."""


class StoreError(ReviewerError):
    """The project database cannot be opened, read or written."""


class DatabaseLockedError(StoreError):
    """Another process holds a write lock on the project database."""


class ExportError(ReviewerError):
    """An export target that cannot be written."""
