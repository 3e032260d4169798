"""The transcript list: company, period, format, review status and progress; filter, search.

Only the reviewer opens a transcript: a click, Enter, or moving through the list with the
keys while it has the focus. Typing in the filter only filters (Down or Enter there moves
into the list and opens the chosen row).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.companies import company_key, display_names
from reviewer.core.companies import short_company as short_company
from reviewer.core.store import Project, TranscriptSummary
from reviewer.core.store import review as store
from reviewer.gui.columns import ColumnFitter

NO_PARENT = QModelIndex()  # the invisible root of a flat model

REVIEWED_COLOUR, MUTED_COLOUR = "#2e9d4f", "#8a8f98"
STATUS_NAMES = {"new": "new", "in_progress": "in progress", "reviewed": "\u2713 reviewed"}
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class TranscriptsModel(QAbstractTableModel):
    COLS = ("Transcript", "Period", "Format", "Decided", "Status", "File")
    COMPANY, PERIOD, FORMAT, DECIDED, STATUS, FILE = range(6)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[TranscriptSummary] = []
        self.progress: dict[int, tuple[int, int]] = {}
        self.haystack: list[str] = []
        self.companies: dict[str, str] = {}  # spelling -> the company's one display name

    def load(self, project: Project | None) -> None:
        self.beginResetModel()
        if project is None:
            self.rows, self.progress = [], {}
        else:
            self.rows = project.list_transcripts()
            self.progress = store.progress(project.db)
        self.companies = display_names(r.company for r in self.rows)
        # What the search box matches, one lowercase string per row: filtering 10,000 rows
        # is then one substring test each, not a data() call per cell.
        self.haystack = [" ".join(x or "" for x in (r.company, company_key(r.company),
                                                    r.event, r.date, r.fiscal_period, r.name,
                                                    r.format)).lower() for r in self.rows]
        self.endResetModel()

    def update_one(self, project: Project, tid: int) -> None:
        """Refresh one row (status, progress) after a decision, cheaply."""
        for i, r in enumerate(self.rows):
            if r.id == tid:
                state = store.transcript_state(project.db, tid)
                self.rows[i] = TranscriptSummary(**{**r.__dict__, "status": state["status"]})
                self.progress.update(store.progress(project.db, tid))
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLS) - 1))
                return

    def title(self, r: TranscriptSummary) -> str:
        """What tells the row apart: company, event and date (a narrow column elides the
        middle, so the company and the date stay), or the file name."""
        company = self.companies.get(r.company or "", short_company(r.company))
        if not company:
            return r.name
        return " \u00b7 ".join(x for x in (company, r.event, r.date) if x)

    def row_of(self, tid: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == tid), -1)

    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.COLS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return r.id
        decided, total = self.progress.get(r.id, (0, 0))
        if role == SORT_ROLE and col == self.DECIDED:
            return decided / total if total else -1.0
        if role == SORT_ROLE and col == self.COMPANY:
            return r.company or r.name
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            done = f"{decided}/{total}" if total else "\u2013"
            return (self.title(r), r.fiscal_period or "", r.format,
                    f"\u2713 {done}" if r.status == "reviewed" else done,
                    STATUS_NAMES.get(r.status, r.status), r.name)[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == self.DECIDED:
            if r.status == "reviewed":
                return QColor(REVIEWED_COLOUR)
            return QColor(MUTED_COLOUR) if r.status == "new" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            status = STATUS_NAMES.get(r.status, r.status).lstrip("\u2713 ")
            head = " \u00b7 ".join(x for x in (r.company or "?", r.event, r.fiscal_period, r.date)
                                   if x)
            return (f"{head}\n{r.name} ({r.format})\n{r.turns} turns \u00b7 {decided} of "
                    f"{total} mentions decided \u00b7 {status}")
        return None


def refilter(proxy: QSortFilterProxyModel) -> None:
    """Re-run the row filter (Qt 6.10 replaced invalidateFilter by begin/endFilterChange)."""
    if hasattr(proxy, "beginFilterChange"):
        proxy.beginFilterChange()
        proxy.endFilterChange()
    else:
        proxy.invalidateFilter()


class TranscriptFilter(QSortFilterProxyModel):
    """Search text (company, period, file, format) and review status."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.status: str | None = None
        self.needle = ""
        self.setSortRole(SORT_ROLE)

    def set_status(self, status: str | None) -> None:
        self.status = status
        refilter(self)

    def set_search(self, text: str) -> None:
        self.needle = text.strip().lower()
        refilter(self)

    def filterAcceptsRow(self, row, parent) -> bool:
        model = self.sourceModel()
        if self.status and model.rows[row].status != self.status:
            return False
        return not self.needle or self.needle in model.haystack[row]


class TranscriptsPanel(QWidget):
    """Search box, status filter and the list; emits the transcript to open."""

    transcriptActivated = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = TranscriptsModel(self)
        self.proxy = TranscriptFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setObjectName("transcriptSearch")
        self.search.setPlaceholderText("Filter by company, period, file\u2026")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.search.installEventFilter(self)
        self.status = QComboBox()
        for label, value in (("All", None), ("New", "new"), ("In progress", "in_progress"),
                             ("Reviewed", "reviewed")):
            self.status.addItem(label, value)
        self.status.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status(self.status.currentData()))
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.status)
        self.table = QTableView()
        self.table.setObjectName("transcriptList")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        m = TranscriptsModel
        # Company takes what the period, format and progress leave; status and file name are
        # in the tooltip (and a right-click on the header shows them as columns). In a narrow
        # dock the format goes first (the tooltip has it too).
        self.columns = ColumnFitter(
            self.table, self.model, flexible={m.COMPANY: (150, 320)},
            content={m.PERIOD: 90, m.FORMAT: 124, m.DECIDED: 84, m.STATUS: 96, m.FILE: 260},
            hidden=(m.STATUS, m.FILE), floor={m.COMPANY: 150}, drop=(m.FORMAT, m.PERIOD, m.FILE))
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # company ... date
        self.table.selectionModel().currentRowChanged.connect(self._activated)
        self.table.activated.connect(self._open_index)
        self.table.clicked.connect(self._open_index)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.table)
        self._quiet = False

    def _activated(self, current, _prev) -> None:
        # Only a move the reviewer makes in the list opens (not a filter changing the rows).
        if not self._quiet and current.isValid() and self.table.hasFocus():
            self.transcriptActivated.emit(current.data(ID_ROLE))

    def _open_index(self, index) -> None:
        if index.isValid():
            self.transcriptActivated.emit(index.data(ID_ROLE))

    def enter_list(self, open_it: bool) -> None:
        """From the filter: focus the list on its current row (else the first) and, with
        ``open_it``, open it."""
        if not self.proxy.rowCount():
            return
        cur = self.table.currentIndex()
        if not cur.isValid():
            cur = self.proxy.index(0, 0)
            self._quiet = True
            self.table.setCurrentIndex(cur)
            self._quiet = False
        self.table.setFocus()
        self.table.scrollTo(cur)
        if open_it:
            self.transcriptActivated.emit(cur.data(ID_ROLE))

    def eventFilter(self, obj, event) -> bool:
        if obj is self.search and event.type() == event.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.enter_list(open_it=True)
                return True
        return super().eventFilter(obj, event)

    def select(self, tid: int) -> None:
        """Show ``tid`` as the current transcript without re-opening it."""
        row = self.model.row_of(tid)
        if row < 0:
            return
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if idx.isValid():
            self._quiet = True
            self.table.setCurrentIndex(idx)
            self._quiet = False
            self.table.scrollTo(idx)

    def step(self, delta: int) -> int | None:
        """The id of the transcript ``delta`` rows from the current one (visible order)."""
        cur = self.table.currentIndex()
        r = (cur.row() if cur.isValid() else -1) + delta
        if 0 <= r < self.proxy.rowCount():
            return self.proxy.index(r, 0).data(ID_ROLE)
        return None
