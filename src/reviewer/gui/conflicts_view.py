"""The merge conflicts view: what ``reviewer merge`` left for adjudication, one row per
conflict (transcript, kind, place, what each source said, what the project holds now, whether
it is settled), and one-click choices for the selected one.

A thin adapter over ``reviewer.core.review.conflicts``: it lists and describes; it changes
nothing itself. Activating a row emits ``conflictActivated``; a choice button emits
``keepRequested`` (a mention conflict: keep one source's version) or ``speakerRequested`` (a
speaker conflict: one source's speaker) or ``noSpeakerRequested`` (a source that left the turn
without a speaker). The window runs them as ordinary review decisions.

Alt+1 ... Alt+9 always mean the source columns in order ("alice said" is Alt+1, "bob said"
Alt+2, ...), for mention and speaker conflicts alike; a key with no choice behind it says so
(``noticeRequested``) instead of doing nothing.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.review.conflicts import Conflict, list_conflicts
from reviewer.core.store import Project

NO_PARENT = QModelIndex()  # the invisible root of a flat model
RESOLVED_COLOUR, OPEN_COLOUR, MUTED_COLOUR = "#2e9d4f", "#d68910", "#8a8f98"
CONFLICT_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_CHOICES = 9  # Alt+1 ... Alt+9
MAX_COLUMN = 300  # px: a long version is elided (the tooltip has it whole)
COLUMN_CAPS = {1: 190, 4: 190, 5: 260}  # transcript, text, now


class ConflictsModel(QAbstractTableModel):
    """The conflicts, one row each; a column per source project of the merge."""

    FIXED = ("", "Transcript", "Where", "Kind", "Text", "Now")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Conflict] = []
        self.sources: list[str] = []

    def set_rows(self, rows: list[Conflict]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.sources = list(dict.fromkeys(s for c in rows for s in c.sources))
        self.endResetModel()

    def replace_transcript(self, tid: int, fresh: list[Conflict]) -> None:
        """Refresh one transcript's rows in place (after a decision on it): cheap, and the
        selection stays where it was."""
        by_id = {c.id: c for c in fresh}
        for i, c in enumerate(self.rows):
            if c.transcript_id == tid and c.id in by_id:
                self.rows[i] = by_id[c.id]
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    @property
    def headers(self) -> list[str]:
        return [*self.FIXED, *(f"{s} said" for s in self.sources)]

    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def cell(self, c: Conflict, col: int) -> str:
        if col == 0:
            return "\u2713" if c.resolved else "\u25cf"
        if col < len(self.FIXED):
            return (c.transcript, c.where, c.kind, c.text, c.now)[col - 1]
        return c.said.get(self.sources[col - len(self.FIXED)], "")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(c, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0:
                return "resolved" if c.resolved else "to adjudicate"
            if col == 2:
                return f"characters {c.start}\u2013{c.end} of the text"
            return self.cell(c, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == 0:
                return QColor(RESOLVED_COLOUR if c.resolved else OPEN_COLOUR)
            return QColor(MUTED_COLOUR) if c.resolved else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == CONFLICT_ROLE:
            return c
        return None


class _Filter(QSortFilterProxyModel):
    """Every conflict, or only the unresolved ones."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.open_only = False

    def filterAcceptsRow(self, row: int, parent) -> bool:
        return not self.open_only or not self.sourceModel().rows[row].resolved


class ConflictsView(QWidget):
    """The list of merge conflicts and the choices for the selected one."""

    conflictActivated = Signal(object)  # Conflict
    keepRequested = Signal(object, str)  # Conflict, source whose version to keep
    speakerRequested = Signal(object, str)  # Conflict, speaker name
    noSpeakerRequested = Signal(object)  # Conflict: the turn has no speaker
    noticeRequested = Signal(str)  # why a key did nothing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.model = ConflictsModel(self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.summary = QLabel()
        self.summary.setObjectName("conflictsSummary")
        # Wrapped: one long line would set the dock's minimum width, and with it the
        # window's (2,260 px at 1440 before).
        self.summary.setWordWrap(True)
        self.show_filter = QComboBox()
        self.show_filter.addItems(["all", "unresolved"])
        self.show_filter.currentIndexChanged.connect(self._filter_changed)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel("Show:"))
        top.addWidget(self.show_filter)
        self.table = QTableView()
        self.table.setObjectName("conflictsTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_choices())
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(top)
        ll.addWidget(self.table, 1)
        self.choices_box = QGroupBox("Resolve")
        self.choices_box.setObjectName("conflictChoices")
        self.choices_note = QLabel()
        self.choices_note.setWordWrap(True)
        self.choices_note.setTextFormat(Qt.TextFormat.RichText)
        self.buttons: list[QPushButton] = []
        self._choice_widgets: list[QWidget] = []
        self.choice_layout = QGridLayout()
        self.choice_layout.setColumnStretch(1, 1)
        self.notice = QLabel()
        self.notice.setObjectName("conflictNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(f"color: {OPEN_COLOUR};")
        cl = QVBoxLayout(self.choices_box)
        cl.addWidget(self.choices_note)
        cl.addLayout(self.choice_layout)
        cl.addWidget(self.notice)
        cl.addStretch(1)
        # One shortcut per key for the view's lifetime: Alt+n always means source n.
        self.shortcuts = []
        for n in range(1, MAX_CHOICES + 1):
            sc = QShortcut(QKeySequence(f"Alt+{n}"), self)
            sc.activated.connect(lambda n=n: self.choose(n))
            self.shortcuts.append(sc)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.choices_box)
        split.setStretchFactor(0, 1)
        split.setCollapsible(0, False)
        split.setSizes([900, 330])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)
        self._show_choices()

    # -- loading ----------------------------------------------------------------------------

    def load(self, project: Project | None) -> None:
        """List the conflicts of ``project`` (keeping the selected one when it still is)."""
        keep = self.current()
        self.project = project
        self.model.set_rows(list_conflicts(project) if project is not None else [])
        self._fit_columns()
        self._summarize()
        if keep is not None:
            self.select(keep.id)
        elif self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self._show_choices()

    def refresh(self, transcript_id: int) -> None:
        """Re-read one transcript's conflicts (after a decision, an undo or a redo on it)."""
        if self.project is None or not any(c.transcript_id == transcript_id
                                           for c in self.model.rows):
            return
        self.model.replace_transcript(transcript_id,
                                      list_conflicts(self.project, transcript_id))
        self.proxy.invalidate()  # "unresolved only" may now hide a row
        self._summarize()
        self._show_choices()

    def _summarize(self) -> None:
        rows = self.model.rows
        if not rows:
            self.summary.setText("No merge conflicts in this project. <i>reviewer merge</i> "
                                 "lists here what the merged reviewers disagreed on.")
            return
        done = sum(c.resolved for c in rows)
        files = len({c.transcript_id for c in rows})
        self.summary.setText(
            f"<b>{done} of {len(rows)}</b> conflict(s) resolved in {files} transcript(s). "
            "Enter or double-click opens one in the text; decide it there (A, R, E) or "
            "with a choice on the right.")

    def _fit_columns(self) -> None:
        """Content widths within caps, so "now" and every source's version stay in view;
        a clipped cell has its whole text in the tooltip."""
        self.table.resizeColumnsToContents()
        head = self.table.horizontalHeader()
        for col in range(self.model.columnCount() - 1):
            head.resizeSection(col, min(head.sectionSize(col), COLUMN_CAPS.get(col, MAX_COLUMN)))
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)

    def _filter_changed(self) -> None:
        self.proxy.open_only = self.show_filter.currentText() == "unresolved"
        self.proxy.invalidate()
        self._show_choices()

    # -- the selected conflict --------------------------------------------------------------

    def current(self) -> Conflict | None:
        idx = self.table.currentIndex()
        return idx.data(CONFLICT_ROLE) if idx.isValid() else None

    def select(self, conflict_id: int) -> bool:
        for r in range(self.proxy.rowCount()):
            idx = self.proxy.index(r, 0)
            if idx.data(CONFLICT_ROLE).id == conflict_id:
                self.table.setCurrentIndex(idx)
                self.table.scrollTo(idx)
                return True
        return False

    def next_unresolved(self) -> Conflict | None:
        """Select the first unresolved conflict after the current one (wrapping round)."""
        n = self.proxy.rowCount()
        start = self.table.currentIndex().row()
        for step in range(1, n + 1):
            idx = self.proxy.index((start + step) % n, 0)
            c = idx.data(CONFLICT_ROLE)
            if not c.resolved:
                self.table.setCurrentIndex(idx)
                self.table.scrollTo(idx)
                return c
        return None

    def _activated(self, index: QModelIndex) -> None:
        c = index.data(CONFLICT_ROLE) if index.isValid() else None
        if c is not None:
            self.conflictActivated.emit(c)

    def choose(self, n: int) -> bool:
        """Source ``n``'s version for the selected conflict (what Alt+n and the n-th button
        do); False, with a notice saying why, when there is no such choice."""
        c = self.current()
        if c is None:
            return self._say(f"Alt+{n}: no conflict is selected; select one in the list first.")
        # Numbered over every source of the merge (the "… said" columns), so a key means
        # the same reviewer on every conflict, even one that reviewer did not review.
        sources = self.model.sources
        if not 1 <= n <= len(sources) or sources[n - 1] not in c.versions:
            keys = ", ".join(f"Alt+{i} = {s}" for i, s in enumerate(sources, 1)
                             if s in c.versions)
            why = (f"{sources[n - 1]} gave no version of it" if n <= len(sources)
                   else f"this merge has {len(sources)} source(s)")
            return self._say(f"Alt+{n}: no choice behind this key ({why}); this conflict's "
                             f"choices: {keys}.")
        self.notice.clear()
        src = sources[n - 1]
        if c.kind == "speaker":
            name = c.versions[src]
            if name:
                self.speakerRequested.emit(c, name)
            else:
                self.noSpeakerRequested.emit(c)
        else:
            self.keepRequested.emit(c, src)
        return True

    def _say(self, text: str) -> bool:
        self.notice.setText(text)
        self.noticeRequested.emit(text)
        return False

    def _show_choices(self) -> None:
        for w in self._choice_widgets:
            w.hide()
            self.choice_layout.removeWidget(w)
            w.deleteLater()
        self.buttons, self._choice_widgets = [], []
        self.notice.clear()
        c = self.current()
        if c is None:
            self.choices_note.setText("Select a conflict to see the choices.")
            return
        state = (f"<span style='color:{RESOLVED_COLOUR}'>\u2713 resolved</span>"
                 if c.resolved else
                 f"<span style='color:{OPEN_COLOUR}'>\u25cf to adjudicate</span>")
        if c.kind == "speaker":
            self.choices_note.setText(
                f"<b>Speaker of turn {c.turn}</b> ({escape(c.transcript)}) \u2014 {state}<br>"
                f"Now: {escape(c.now)}. Set it as one source had it:")
            for i, src in self._numbered(c):
                name = c.versions[src]
                self._choice(i, f"{src}: {name or 'no speaker'}",
                             name or "the turn has no speaker on the roster")
        else:
            self.choices_note.setText(
                f"<b>Mention at \u201c{escape(c.text)}\u201d</b> ({escape(c.transcript)})"
                f" \u2014 {state}<br>"
                "Keep one source's version (its mentions accepted, the others rejected), "
                "or decide each mention in the text with A, R and E:")
            for i, src in self._numbered(c):
                self._choice(i, f"Keep {src}'s", c.said[src])

    def _numbered(self, c: Conflict) -> list[tuple[int, str]]:
        """The conflict's sources with their key numbers (their place in the merge)."""
        return [(i, s) for i, s in enumerate(self.model.sources[:MAX_CHOICES], 1)
                if s in c.versions]

    def _choice(self, n: int, text: str, detail: str) -> None:
        """One choice: a button (its key is the view's Alt+n) and what it would keep."""
        b = QPushButton(f"{text}  (Alt+{n})")
        b.setObjectName(f"conflictChoice{n}")
        b.setToolTip(f"{text}: {detail}")
        b.setStyleSheet("text-align: left; padding: 3px 10px;")
        b.clicked.connect(lambda _=False, n=n: self.choose(n))
        label = QLabel(detail)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choice_layout.addWidget(b, n - 1, 0, Qt.AlignmentFlag.AlignTop)
        self.choice_layout.addWidget(label, n - 1, 1)
        if self.isVisible():  # now, not on the layout's queued show
            b.show()
            label.show()
        self.buttons.append(b)
        self._choice_widgets += [b, label]
