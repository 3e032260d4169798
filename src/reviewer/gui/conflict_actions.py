"""Adjudicating merge conflicts (a mixin of the main window): the Merge conflicts dock, opening
a conflict's place in the text, and running the choices as ordinary review decisions — so
they are saved at once, in the audit log, and undone with Ctrl+Z like any other."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from reviewer.core.review import ChooseSpeaker, NoSpeaker
from reviewer.core.review.conflicts import Conflict, list_conflicts
from reviewer.gui.conflicts_view import ConflictsView


class ConflictActions:
    """Handlers of Review > Merge conflicts and Review > Next unresolved merge conflict."""

    conflicts_dock: QDockWidget | None = None
    conflicts: ConflictsView | None = None

    def merge_conflicts(self) -> None:
        """Show the project's merge conflicts (the dock is built on first use)."""
        if self.project is None:
            self.show_error("No project", "Open or create a project first.")
            return
        view = self._conflicts_view()
        view.load(self.project)
        self.conflicts_dock.show()
        self.conflicts_dock.raise_()
        view.table.setFocus()

    def next_conflict(self) -> None:
        """Open the next unresolved conflict in the text."""
        if self.project is None:
            return
        view = self._conflicts_view()
        if view.project is not self.project or not self.conflicts_dock.isVisible():
            self.merge_conflicts()
        c = view.next_unresolved()
        if c is None:
            self.statusBar().showMessage("No unresolved merge conflict left", 5000)
            return
        self.show_conflict(c)

    def _conflicts_view(self) -> ConflictsView:
        if self.conflicts is None:
            view = ConflictsView()
            view.conflictActivated.connect(self.show_conflict)
            view.keepRequested.connect(self.keep_version)
            view.speakerRequested.connect(self.choose_speaker)
            view.noSpeakerRequested.connect(self.choose_no_speaker)
            view.noticeRequested.connect(lambda text: self.statusBar().showMessage(text, 8000))
            dock = QDockWidget("Merge conflicts", self)
            dock.setObjectName("conflictsDock")
            dock.setWidget(view)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            # A tab beside the mentions table (the full width under the text), not a third
            # of it: side by side, the conflicts table showed two rows and two columns.
            self.tabifyDockWidget(self.mentions_dock, dock)
            # Any decision, undo or redo may settle or reopen a conflict of its transcript,
            # and so may another window's (the controller reloads, then says so).
            self.controller.stateChanged.connect(self._conflict_decided)
            self.controller.transcriptOpened.connect(self._conflicts_project)
            self.conflicts, self.conflicts_dock = view, dock
        return self.conflicts

    def _conflict_decided(self) -> None:
        s = self.controller.session
        if s is not None and self.conflicts is not None:
            self.conflicts.refresh(s.transcript_id)

    def _conflicts_project(self) -> None:
        # Opening a transcript may follow a switch of project: then list the new one's.
        if self.conflicts is not None and self.conflicts.project is not self.project:
            self.conflicts.load(self.project)

    # -- a conflict's place and its choices -------------------------------------------------

    def show_conflict(self, c: Conflict) -> bool:
        """Open the conflict's transcript at its mention (selected) or its turn."""
        self.open_transcript(c.transcript_id)
        s = self.controller.session
        if s is None or s.transcript_id != c.transcript_id:
            return False
        if c.kind == "speaker":
            self.view.go_to_turn(c.turn)
            self.current_turn = c.turn
            self.speakers.show_turn(c.turn)
            self.show_speakers()
        elif c.focus is not None:
            # The conflicts tab stays in front (its Resolve keys act on it); the mention is
            # current in the text and in the mentions table behind it.
            self.go_to_mention(c.focus)
        else:
            self.view.select_source(c.start, c.end)
            self.view.centerCursor()
        self.view.setFocus()
        return True

    def keep_version(self, c: Conflict, source: str) -> None:
        """Settle a mention conflict as ``source`` had it (one decision)."""
        if not self.show_conflict(c):
            return
        fresh = self._fresh(c)
        command = fresh.keep(source) if fresh is not None else None
        if command is None:
            self.statusBar().showMessage(f"Already as {source} had it", 5000)
            return
        self.controller.do(command)

    def choose_speaker(self, c: Conflict, name: str) -> None:
        """Settle a speaker conflict with one source's speaker (added to the roster when the
        merged roster lacks them)."""
        if self.show_conflict(c):
            self.controller.do(ChooseSpeaker(c.turn, name))

    def choose_no_speaker(self, c: Conflict) -> None:
        """Settle a speaker conflict as the source that left the turn without a speaker."""
        if self.show_conflict(c):
            self.controller.do(NoSpeaker(c.turn))

    def _fresh(self, c: Conflict) -> Conflict | None:
        # The listing may predate the newest decision: plan the choice on the rows as they are.
        return next((x for x in list_conflicts(self.project, c.transcript_id)
                     if x.id == c.id), None)
