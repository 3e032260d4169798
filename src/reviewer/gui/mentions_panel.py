"""The mentions table beside the text: filter by status, edit in place with validation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.review import KINDS, Annotation, InvalidDecision, parse_value
from reviewer.core.review.fields import known_metrics
from reviewer.gui.columns import ColumnFitter
from reviewer.gui.mentions_model import COLUMNS, ID_ROLE, MentionsModel
from reviewer.gui.transcripts_panel import refilter


def _status_in(*statuses: str) -> Callable[[Annotation], bool]:
    return lambda a: a.status in statuses


# The Show filter: which mentions a choice keeps (None: all of them).
MENTION_FILTERS: dict[str, Callable[[Annotation], bool] | None] = {
    "All mentions": None, "Pending": _status_in("pending"),
    "Decided": _status_in("accepted", "corrected", "added", "rejected"),
    "In the gold": _status_in("accepted", "corrected", "added"),
    "Rejected": _status_in("rejected"),
    "Quoted by analysts": lambda a: a.quoted_by is not None}

# The confidence floor of the filter: pending proposals below it are hidden (decided mentions
# always show). The default hides the lowest tier (a number with no metric: ~0.17).
CONFIDENCE_FLOORS = (("conf. \u2265 0.2", 0.2), ("all conf.", 0.0), ("conf. \u2265 0.5", 0.5),
                     ("conf. \u2265 0.8", 0.8))

# The widest the short columns grow (past it they elide; the tooltip has the whole value).
CAPS = {"value": 104, "unit": 64, "period": 84, "kind": 88, "basis": 80, "status": 96,
        "confidence": 48}
# Hidden in this order while the dock is too narrow for them (shown again when it widens).
DROP_ORDER = ("confidence", "period", "basis", "kind")


class ValueValidator(QValidator):
    """Only what the number grammar reads can be committed ("$1.2bn", "12%", "10-12%")."""

    def validate(self, text: str, pos: int):
        try:
            parse_value(text)
        except InvalidDecision:
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos


class MentionDelegate(QStyledItemDelegate):
    """Editors per column: a checked value field, combos for metric, kind and basis."""

    preview = Signal(str)
    chooseMetric = Signal(int)  # a metric is edited in the metric chooser, not a cell

    def createEditor(self, parent, option, index):
        col = COLUMNS[index.column()]
        if col == "metric" and getattr(self, "metric_chooser", False):
            self.chooseMetric.emit(index.data(ID_ROLE))
            return None
        if col in ("kind", "basis"):
            box = QComboBox(parent)
            box.addItems(["", *KINDS] if col == "kind" else ["", "gaap", "non_gaap"])
            return box
        if col == "metric":
            box = QComboBox(parent)
            box.setEditable(True)
            box.addItems(sorted(known_metrics()))
            box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            box.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            box.completer().setFilterMode(Qt.MatchFlag.MatchContains)
            return box
        edit = QLineEdit(parent)
        if col == "value":
            edit.setValidator(ValueValidator(edit))
            edit.setPlaceholderText("e.g. $1.2bn, 12%, 10-12%")
            edit.textChanged.connect(self._preview)
        return edit

    def _preview(self, text: str) -> None:
        try:
            v = parse_value(text)
        except InvalidDecision as exc:
            self.preview.emit(f"Value: {exc}")
            return
        shown = f"{v.value:,.10g}" if v.value is not None else f"{v.low:,.10g} to {v.high:,.10g}"
        self.preview.emit(f"Value reads as {shown} {v.unit or '(unit unchanged)'}")

    def setEditorData(self, editor, index):
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            if editor.isEditable():
                editor.setEditText(value)
            else:
                editor.setCurrentIndex(max(0, editor.findText(value)))
        else:
            editor.setText(value)
            editor.selectAll()

    def setModelData(self, editor, model, index):
        text = editor.currentText() if isinstance(editor, QComboBox) else editor.text()
        model.setData(index, text, Qt.ItemDataRole.EditRole)


def below_floor(a: Annotation, floor: float) -> bool:
    """A pending proposal the confidence floor hides."""
    return a.status == "pending" and a.confidence is not None and a.confidence < floor


class StatusFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.keep: Callable[[Annotation], bool] | None = None
        self.floor = CONFIDENCE_FLOORS[0][1]

    def set_filter(self, keep: Callable[[Annotation], bool] | None) -> None:
        self.keep = keep
        refilter(self)

    def set_floor(self, floor: float) -> None:
        self.floor = floor
        refilter(self)

    def shows(self, a: Annotation) -> bool:
        return not below_floor(a, self.floor) and (self.keep is None or self.keep(a))

    def filterAcceptsRow(self, row, parent) -> bool:
        model: MentionsModel = self.sourceModel()
        return self.shows(model.rows[row])


class MentionsPanel(QWidget):
    """Filter + table; emits the mention the reviewer moves to."""

    currentMentionChanged = Signal(object)  # annotation id or None

    def __init__(self, model: MentionsModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self._quiet = False
        self.proxy = StatusFilter(self)
        self.proxy.setSourceModel(model)
        self.filter = QComboBox()
        self.filter.setObjectName("mentionFilter")
        self.filter.addItems(list(MENTION_FILTERS))
        self.filter.currentTextChanged.connect(
            lambda t: self.proxy.set_filter(MENTION_FILTERS[t]))
        self.floor = QComboBox()
        self.floor.setObjectName("confidenceFloor")
        for label, value in CONFIDENCE_FLOORS:
            self.floor.addItem(label, value)
        self.floor.setToolTip("Hide pending proposals below this confidence (decided mentions "
                              "always show)")
        self.floor.currentIndexChanged.connect(
            lambda _i: (self.proxy.set_floor(self.floor.currentData()), self._count()))
        self.hidden = QLabel()
        self.hidden.setObjectName("hiddenCount")
        self.count = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("Show"))
        top.addWidget(self.filter)
        top.addWidget(self.floor)
        top.addWidget(self.hidden)
        top.addStretch(1)
        top.addWidget(self.count)
        # Fixed sizes: their texts change with every decision, and a label that may grow
        # re-lays the whole window out each time.
        fm = self.count.fontMetrics()
        self.count.setFixedSize(fm.horizontalAdvance("00000 / 00000 decided") + 8,
                                fm.height() + 4)
        self.hidden.setFixedSize(fm.horizontalAdvance("00000 hidden") + 8, fm.height() + 4)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table = QTableView()
        self.table.setObjectName("mentionsTable")
        self.table.setModel(self.proxy)
        self.delegate = MentionDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        # Long texts and metric ids keep both ends ("sales_mar…_pct_revenue"); tooltips have
        # them whole.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        # Text and metric share what the short columns leave; the unit is hidden at first
        # (the value shows it: "$212.4m", "18%"; a right-click on the header shows it). In a
        # narrow dock text and metric shrink to a floor, then the least needed columns go.
        col = COLUMNS.index
        self.columns = ColumnFitter(
            self.table, model, flexible={col("text"): (90, 170), col("metric"): (140, 240)},
            content={col(c): w for c, w in CAPS.items()}, hidden=(col("unit"),),
            floor={col("text"): 64, col("metric"): 110},
            drop=tuple(col(c) for c in DROP_ORDER))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.table)
        for sig in (model.modelReset, model.dataChanged, model.layoutChanged):
            sig.connect(self._count)

    def _count(self, *_args) -> None:
        decided = sum(1 for a in self.model.rows if a.status != "pending")
        self.count.setText(f"{decided} / {len(self.model.rows)} decided")
        hidden = sum(1 for a in self.model.rows if below_floor(a, self.proxy.floor))
        self.hidden.setText(f"{hidden} hidden" if hidden else "")
        self.hidden.setToolTip(f"{hidden} pending proposal(s) below the confidence floor are "
                               "hidden; choose \u201call conf.\u201d to see them")

    def shows(self, a: Annotation) -> bool:
        """Whether the filters let a mention through (navigation skips the others)."""
        return self.proxy.shows(a)

    def _row_changed(self, current, _previous) -> None:
        if self._quiet:
            return
        self.currentMentionChanged.emit(current.data(ID_ROLE) if current.isValid() else None)

    # -- navigation -------------------------------------------------------------------------

    def current_id(self) -> int | None:
        idx = self.table.currentIndex()
        return idx.data(ID_ROLE) if idx.isValid() else None

    def select_id(self, aid: int | None, column: int | None = None) -> bool:
        """Make a mention current without emitting it back (the caller already knows)."""
        row = self.model.row_of(aid) if aid is not None else -1
        if row < 0:
            return False
        idx = self.proxy.mapFromSource(self.model.index(row, column or 0))
        if not idx.isValid():  # hidden by the filters: show everything
            self.filter.setCurrentIndex(0)
            if below_floor(self.model.rows[row], self.proxy.floor):
                self.floor.setCurrentIndex(1)
            idx = self.proxy.mapFromSource(self.model.index(row, column or 0))
        col = self.table.currentIndex().column() if column is None else column
        idx = idx.siblingAtColumn(max(col, 0))
        self._quiet = True
        try:
            self.table.setCurrentIndex(idx)
        finally:
            self._quiet = False
        self.table.scrollTo(idx)
        return True

    def step(self, delta: int, *, pending_only: bool = False) -> int | None:
        """The id ``delta`` rows away from the current one (in the visible order)."""
        n = self.proxy.rowCount()
        if not n:
            return None
        cur = self.table.currentIndex()
        row = cur.row() if cur.isValid() else (-1 if delta > 0 else n)
        r = row + delta
        while 0 <= r < n:
            idx = self.proxy.index(r, 0)
            src = self.model.rows[self.proxy.mapToSource(idx).row()]
            if not pending_only or src.status == "pending":
                return src.id
            r += 1 if delta > 0 else -1
        return None

    def edit_current(self, column: str = "value") -> bool:
        idx = self.table.currentIndex()
        if not idx.isValid():
            return False
        target = idx.siblingAtColumn(COLUMNS.index(column))
        self.table.setCurrentIndex(target)
        self.table.setFocus()
        self.table.edit(target)
        return True
