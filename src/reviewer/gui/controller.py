"""The bridge between widgets and the core review session.

Widgets never change state themselves: they ask the controller to run a core command; the
controller runs it (one transaction), re-reads what the decision touched from the database and
tells the widgets through signals. Errors become messages, never half-done changes.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, Signal

from reviewer.core.errors import ReviewerError, StoreError
from reviewer.core.review import (
    Annotation,
    Command,
    Decision,
    InvalidDecision,
    ReviewSession,
    RosterEntry,
    Suggestion,
    TurnState,
)
from reviewer.core.store import Project
from reviewer.core.store import review as store


class ReviewController(QObject):
    """Runs decisions for the open transcript and keeps read-through copies of its state."""

    transcriptOpened = Signal()
    annotationsChanged = Signal(object)  # set of changed annotation ids, or None for all
    speakersChanged = Signal()
    rosterChanged = Signal()
    stateChanged = Signal()  # status, progress, undo/redo availability
    decided = Signal(object)  # the Decision just made, undone or redone (or None)
    notice = Signal(str)  # a one-line message for the status bar
    failed = Signal(str, str)  # title, message: shown as a dialog

    def __init__(self, project: Project | None, reviewer: str, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.reviewer = reviewer
        self.session: ReviewSession | None = None
        self.annotations: list[Annotation] = []
        self.turns: list[TurnState] = []
        self.roster: list[RosterEntry] = []
        self.suggestions: dict[int, Suggestion] = {}
        self.checks: list[dict] = []
        self._version = self._data_version()

    # -- opening ----------------------------------------------------------------------------

    def set_project(self, project: Project) -> None:
        """Switch to another project (the caller closes the old one)."""
        self.project = project
        self.open_transcript(None)
        self._version = self._data_version()

    def open_transcript(self, tid: int | None) -> bool:
        """Start reviewing one transcript. Opening never writes: the pending mentions were
        made by the run (pre-annotation is project state, see ``core.review.preannotate``)."""
        if tid is None:
            self.session = None
            self.annotations, self.turns, self.roster = [], [], []
            self.suggestions, self.checks = {}, []
            self.transcriptOpened.emit()
            return True
        try:
            session = ReviewSession(self.project, tid, self.reviewer)
            _ = session.transcript
        except ReviewerError as exc:
            self.failed.emit("Cannot open the transcript", str(exc))
            return False
        self.session = session
        self._reload_all()
        self.transcriptOpened.emit()
        self.stateChanged.emit()
        return True

    def set_reviewer(self, name: str) -> None:
        self.reviewer = name
        if self.session is not None:
            self.session.reviewer = name

    def _reload_all(self) -> None:
        s = self.session
        if s is None:
            return
        self.annotations = s.annotations()
        self.turns = s.turns()
        self.roster = s.roster()
        self.suggestions = s.suggestions()
        self.checks = s.translation_checks()
        self._version = self._data_version()

    # -- decisions --------------------------------------------------------------------------

    def do(self, command: Command) -> Decision | None:
        """Run one decision; returns it, or ``None`` when refused or nothing changed."""
        if self.session is None:
            self.notice.emit("Open a transcript first")
            return None
        self.check_external()
        try:
            d = self.session.do(command)
        except InvalidDecision as exc:
            self.notice.emit(f"Not changed: {exc}")
            return None
        except ReviewerError as exc:
            self._store_failed(exc)
            return None
        if d is None:
            self.notice.emit("Nothing to change")
            return None
        self._after(d, f"Saved: {d.summary}")
        return d

    def undo(self) -> Decision | None:
        return self._flip(undo=True)

    def redo(self) -> Decision | None:
        return self._flip(undo=False)

    def _flip(self, *, undo: bool) -> Decision | None:
        if self.session is None:
            return None
        self.check_external()
        try:
            d = self.session.undo() if undo else self.session.redo()
        except ReviewerError as exc:
            self._store_failed(exc)
            return None
        if d is None:
            self.notice.emit("Nothing to undo" if undo else "Nothing to redo")
            return None
        self._after(d, f"{'Undone' if undo else 'Redone'}: {d.summary}")
        return d

    def _store_failed(self, exc: ReviewerError) -> None:
        # Nothing was written (one transaction); re-read so the widgets show the truth.
        self.failed.emit("The decision was not saved", str(exc))
        self._safe_reload()

    def _after(self, d: Decision, message: str) -> None:
        s = self.session
        tables = {c["table"] for c in d.changes}
        if "annotations" in tables:
            touched = d.touched("annotations")
            self.annotations = self._refreshed(touched, d)
            self.annotationsChanged.emit(touched)
        if "participants" in tables:
            self.roster = s.roster()
            self.rosterChanged.emit()
        if "turns" in tables:
            self.turns = s.turns()
            self.speakersChanged.emit()
        self._version = self._data_version()
        self.decided.emit(d)
        self.stateChanged.emit()
        self.notice.emit(message)

    def _refreshed(self, touched: set[int], d: Decision) -> list[Annotation]:
        """The annotations after a decision: only the touched rows are re-read when none
        was created or deleted (the common case: accept, reject, edit)."""
        rows = [c for c in d.changes if c["table"] == "annotations"]
        if any(c["before"] is None or c["after"] is None for c in rows):
            return self.session.annotations()
        fresh = {}
        for aid in touched:
            a = self.session.annotation(aid)
            if a is None:
                return self.session.annotations()
            fresh[aid] = a
        out = [fresh.get(a.id, a) for a in self.annotations]
        out.sort(key=lambda a: (a.start, a.end, a.id))
        return out

    # -- reads ------------------------------------------------------------------------------

    def annotation(self, aid: int | None) -> Annotation | None:
        return next((a for a in self.annotations if a.id == aid), None)

    def turn(self, idx: int) -> TurnState | None:
        return next((t for t in self.turns if t.idx == idx), None)

    def progress(self) -> tuple[int, int]:
        decided = sum(1 for a in self.annotations if a.status != "pending")
        return decided, len(self.annotations)

    def info(self) -> dict:
        if self.session is None:
            return {}
        try:
            return self.session.info()
        except ReviewerError:
            return {}

    def can_undo(self) -> str | None:
        return self._safe(lambda s: s.can_undo())

    def can_redo(self) -> str | None:
        return self._safe(lambda s: s.can_redo())

    def _safe(self, fn):
        if self.session is None:
            return None
        try:
            return fn(self.session)
        except (ReviewerError, sqlite3.Error):
            return None

    # -- another program on the same project ------------------------------------------------

    def _data_version(self) -> int | None:
        if self.project is None:  # no project open (the one asked for could not be opened)
            return None
        try:
            return store.data_version(self.project.db)
        except sqlite3.Error:
            return None

    def check_external(self) -> bool:
        """Re-read everything when another connection committed since; True if it did."""
        v = self._data_version()
        if v is None or v == self._version:
            return False
        self._version = v
        if self.session is not None:
            self._safe_reload()
            self.notice.emit("Reloaded: the project was changed by another window or program")
        return True

    def _safe_reload(self) -> None:
        try:
            self._reload_all()
        except (StoreError, sqlite3.Error) as exc:
            self.failed.emit("Cannot read the project", str(exc))
            return
        self.annotationsChanged.emit(None)
        self.speakersChanged.emit()
        self.rosterChanged.emit()
        self.stateChanged.emit()
