"""When there is nothing to review (a mixin of the main window): the central area says why and
what to do — no project open (after a failed open, say), a project without transcripts, no
transcript open — with buttons for it, and the commands that need a project or a transcript
are disabled until there is one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.errors import ReviewerError

NEEDS_PROJECT = ("import_files", "import_folder", "run_extractor", "evaluate", "export_dataset",
                 "preannotate",
                 "merge_conflicts", "next_conflict")
NEEDS_TRANSCRIPTS = ("next_transcript", "prev_transcript")
NEEDS_TRANSCRIPT = ("accept", "reject", "next", "prev", "next_pending", "edit", "add",
                    "resize_mention", "grow_end", "shrink_end", "grow_start", "shrink_start",
                    "accept_turn", "accept_suggestion", "next_turn", "prev_turn", "next_flagged",
                    "mark_reviewed", "open_find", "find_next", "find_prev", "undo", "redo")


def _menu(path: str) -> str:
    """A menu path in bold that does not break across lines: ``File > Open project...``."""
    return "<b>" + path.replace(" ", "&nbsp;").replace(">", "\u203a") + "</b>"


# state -> (title, hint, buttons): what the central area says when there is no transcript.
HINTS = {
    "no_project": (
        "No project open",
        "Create a project with " + _menu("File > New project\u2026") + " (Ctrl+N), open one "
        "with " + _menu("File > Open project\u2026") + " (Ctrl+O), or look around the demo "
        "project.",
        ("new", "open", "demo")),
    "no_transcripts": (
        "This project has no transcripts yet",
        "Import earnings-call transcripts (plain text) with "
        + _menu("File > Import files\u2026") + " (Ctrl+I), or a whole folder with "
        + _menu("File > Import folder\u2026") + " (Ctrl+Shift+I).",
        ("import", "import_folder")),
    "no_transcript": (
        "No transcript open",
        "Pick a transcript in the list on the left (Ctrl+L searches it).",
        ()),
}
BUTTONS = {"new": ("New project\u2026", "new_project"),
           "open": ("Open project\u2026", "open_project"),
           "demo": ("Open the demo project", None),
           "import": ("Import files\u2026", "import_files"),
           "import_folder": ("Import folder\u2026", "import_folder")}


class EmptyState(QWidget):
    """A centred title, hint and buttons in place of the transcript text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.title = QLabel()
        self.title.setObjectName("emptyTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel()
        self.hint.setObjectName("emptyHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.addStretch(1)
        for key, (label, _action) in BUTTONS.items():
            b = self.buttons[key] = QPushButton(label)
            b.setObjectName(f"empty_{key}")
            row.addWidget(b)
        row.addStretch(1)
        # A column at most 480 px wide, centred: the hint wraps within it.
        column = QWidget()
        column.setMaximumWidth(480)
        column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        inner = QVBoxLayout(column)
        for w in (self.title, self.hint):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(w)
        inner.addSpacing(12)
        inner.addLayout(row)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(column)
        middle.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addStretch(2)
        lay.addLayout(middle)
        lay.addStretch(3)
        self.state = ""

    def show_state(self, state: str) -> None:
        self.state = state
        title, hint, buttons = HINTS[state]
        self.title.setText(title)
        self.hint.setText(hint)
        for key, b in self.buttons.items():
            b.setVisible(key in buttons)
        if buttons:
            self.buttons[buttons[0]].setDefault(True)


class EmptyStateActions:
    """Builds the central stack (text | empty state) and keeps the commands' availability."""

    def _build_stack(self, view: QWidget) -> QStackedWidget:
        self.empty_state = EmptyState()
        for key, (_label, action) in BUTTONS.items():
            handler = self.open_demo if action is None else \
                (lambda _c=False, a=action: self.actions_[a].trigger())
            self.empty_state.buttons[key].clicked.connect(handler)
        self.central_stack = QStackedWidget()
        self.central_stack.addWidget(view)
        self.central_stack.addWidget(self.empty_state)
        return self.central_stack

    def review_state(self) -> str:
        """"ready" (a transcript is open) or why not: a key of ``HINTS``."""
        if self.project is None:
            return "no_project"
        if not self.transcripts.model.rows:
            return "no_transcripts"
        return "ready" if self.controller.session is not None else "no_transcript"

    def update_availability(self) -> None:
        """Enable what can be done now; show the empty state when there is no transcript."""
        state = self.review_state()
        has_project = self.project is not None
        has_transcript = state == "ready"
        a, c = self.actions_, self.controller
        for name in NEEDS_PROJECT:
            a[name].setEnabled(has_project)
        for name in NEEDS_TRANSCRIPTS:
            a[name].setEnabled(has_project and state != "no_transcripts")
        for name in NEEDS_TRANSCRIPT:
            if name not in ("undo", "redo"):  # set once below: a toggle re-lays the toolbar
                a[name].setEnabled(has_transcript)
        a["undo"].setEnabled(has_transcript and bool(c.can_undo()))
        a["redo"].setEnabled(has_transcript and bool(c.can_redo()))
        self.transcript_bar.setVisible(has_transcript)
        self.project_label.setVisible(has_project)
        stack, view = self.central_stack, self.view
        if has_transcript:
            if stack.currentWidget() is not view:
                focus = QApplication.focusWidget()
                stack.setCurrentWidget(view)
                if focus is None or focus is self or self.empty_state.isAncestorOf(focus):
                    view.setFocus()
            return
        self.find_bar.hide()
        self.empty_state.show_state(state)
        stack.setCurrentWidget(self.empty_state)

    def open_demo(self) -> bool:
        """Open the built-in demo project (its first time: the extractor pre-annotates it)."""
        from reviewer.core.demo import is_fresh_demo, open_demo_project

        try:
            project = open_demo_project()
        except (ReviewerError, OSError) as exc:
            self.show_error("Cannot open the demo project", str(exc))
            return False
        self.set_project(project)
        if is_fresh_demo(project):
            self.run_extractor(quiet=True)
        return True
