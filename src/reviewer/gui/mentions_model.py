"""The mentions table: a Qt model over the controller's annotations, edited through commands."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from reviewer.core.review import Annotation, Edit
from reviewer.gui.controller import ReviewController
from reviewer.gui.theme import (
    FAMILY_COLOURS,
    FAMILY_NAMES,
    STATUS_COLOURS,
    STATUS_GLYPHS,
    metric_family,
    metric_info,
)

NO_PARENT = QModelIndex()  # the invisible root of a flat model

QUOTED_MARK = "\u275d"  # before the text of a number quoted in a question ("❝ 110 bps")
COLUMNS = ("text", "metric", "value", "unit", "period", "kind", "basis", "status", "confidence")
HEADERS = {"text": "Text", "metric": "Metric", "value": "Value", "unit": "Unit",
           "period": "Period", "kind": "Kind", "basis": "Basis", "status": "\u2713",
           "confidence": "Conf."}
HEADER_TIPS = {"text": f"The mention as written in the transcript ({QUOTED_MARK}: quoted by an "
                       "analyst in a question, not a company figure)",
               "status": "Status: \u25cb pending, \u2713 accepted, \u270e corrected, "
                         "\u2715 rejected, \uff0b added",
               "metric": "Metric id (the colour is its family; the tooltip has its label)",
               "unit": "Unit (the value column shows it too)",
               "kind": "actual, guidance, target or comparison",
               "basis": "GAAP or non-GAAP, when the call says so",
               "confidence": "The extractor's confidence"}
EDITABLE = {"metric", "value", "unit", "period", "kind", "basis"}
_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, ID_ROLE,
                    Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.TextAlignmentRole})
_FONTS: dict[str, QFont] = {}  # made on first use: a QFont needs the application


def _bold() -> QFont:
    if "bold" not in _FONTS:
        font = _FONTS["bold"] = QFont()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1)  # the status marks are small glyphs
    return _FONTS["bold"]


def quoted_tip(a: Annotation) -> str:
    """Why a mention is marked: empty for a figure the company gave."""
    if not a.quoted_by:
        return ""
    return f"{QUOTED_MARK} quoted by the {a.quoted_by} in a question \u2014 not a company figure"


# Shorter display of some values (the editors show and take the real ones).
SHORT = {"unit": {"percent": "%"}, "basis": {"gaap": "GAAP", "non_gaap": "non-GAAP"}}


def _num(v: float, unit: str | None) -> str:
    if unit in ("percent", "bps", "ratio") or abs(v) < 1e4:
        return f"{v:,.6g}" if abs(v) >= 1e4 else f"{v:.6g}"
    for scale, word in _SCALES:
        if abs(v) >= scale:
            return f"{v / scale:.6g}{word}"
    return f"{v:.6g}"


def format_value(a: Annotation) -> str:
    """A value as a reviewer would type it ("$212.4m", "60.9%", "10–12%"); it parses back."""
    unit = a.unit
    if a.value is None and a.low is None:
        return ""
    body = (_num(a.value, unit) if a.value is not None
            else f"{_num(a.low, unit)}-{_num(a.high, unit)}")
    if unit == "percent":
        return body + "%"
    if unit == "bps":
        return body + " bps"
    if unit in _SYMBOLS:
        return ("-" if body.startswith("-") else "") + _SYMBOLS[unit] + body.lstrip("-")
    if unit and len(unit) == 3 and unit.isupper():
        return f"{unit} {body}"
    return body


class MentionsModel(QAbstractTableModel):
    """One row per mention of the open transcript, in text order."""

    def __init__(self, controller: ReviewController, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.rows: list[Annotation] = []
        self._row_of: dict[int, int] = {}
        self.text = ""
        controller.transcriptOpened.connect(self.reload)
        controller.annotationsChanged.connect(self.refresh)

    def reload(self) -> None:
        self.beginResetModel()
        s = self.controller.session
        self.text = s.text if s is not None else ""
        self._set_rows(list(self.controller.annotations))
        self.endResetModel()

    def _set_rows(self, rows: list[Annotation]) -> None:
        self.rows = rows
        self._row_of = {a.id: i for i, a in enumerate(rows)}

    def refresh(self, changed: set[int] | None) -> None:
        """Take the controller's new annotations: in-place updates when the set of rows is
        the same (keeps selection and scroll), a layout change otherwise."""
        new = list(self.controller.annotations)
        if [a.id for a in new] == [a.id for a in self.rows]:
            old = self.rows
            self._set_rows(new)
            for i, (a, b) in enumerate(zip(old, new, strict=True)):
                if a != b:
                    self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
            return
        self.layoutAboutToBeChanged.emit()
        old_ids = [a.id for a in self.rows]
        persistent = self.persistentIndexList()
        self._set_rows(new)
        for p in persistent:
            aid = old_ids[p.row()] if p.row() < len(old_ids) else None
            r = self._row_of.get(aid, -1)
            self.changePersistentIndex(p, self.index(r, p.column()) if r >= 0 else QModelIndex())
        self.layoutChanged.emit()

    def row_of(self, aid: int) -> int:
        return self._row_of.get(aid, -1)

    def column_texts(self, col: int, rows) -> tuple[set[str], bool]:
        """What column ``col`` shows in ``rows``, and whether it has an icon (for the column
        fitter: the same strings as ``data`` gives, without a Qt call per cell)."""
        name = COLUMNS[col]
        texts = {str(self._display(self.rows[r], name, False) or "") for r in rows
                 if r < len(self.rows)}
        return texts, name == "metric" and bool(self.rows)

    # -- Qt model API -----------------------------------------------------------------------

    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[COLUMNS[section]]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(COLUMNS[section])
        return None

    def flags(self, index):
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()] in EDITABLE:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid() or index.row() >= len(self.rows):
            return None  # (the delegate asks ~8 roles per cell on every paint)
        a = self.rows[index.row()]
        col = COLUMNS[index.column()]
        if role == ID_ROLE:
            return a.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._display(a, col, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.FontRole and col == "status":
            return _bold()
        if role == Qt.ItemDataRole.ForegroundRole and col == "status":
            return QColor(STATUS_COLOURS.get(a.status, STATUS_COLOURS["pending"]))
        if role == Qt.ItemDataRole.ForegroundRole and (
                a.status == "rejected" or (col == "metric" and not a.metric)):
            return QColor("#8a8f98")
        if role == Qt.ItemDataRole.DecorationRole and col == "metric":
            return QColor(FAMILY_COLOURS.get(metric_family(a.metric), FAMILY_COLOURS[None]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(a, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("value", "confidence"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == "status":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _tooltip(self, a: Annotation, col: str) -> str:
        if col == "metric" and a.metric:
            m = metric_info(a.metric)
            counted = f"\ncounts: {a.counted}" if a.counted else ""
            if m is None:
                return f"{a.metric}\nnot in the taxonomy{counted}"
            return (f"{m.label}\n{a.metric} \u00b7 {FAMILY_NAMES.get(m.family, m.family)}"
                    f"{counted}")
        if col == "value" and (a.value is not None or a.low is not None):
            exact = (f"{a.value:,.10g}" if a.value is not None
                     else f"{a.low:,.10g} to {a.high:,.10g}")
            return f"{exact} {a.unit or '(no unit)'}"
        if col == "status":
            by = f" by {a.reviewer} at {a.updated_at}" if a.reviewer else ""
            return f"{STATUS_GLYPHS.get(a.status, '')} {a.status}{by}"
        if col == "confidence" and a.confidence is not None:
            return f"The extractor's confidence: {a.confidence:.3f}"
        who = f"\n{a.status} by {a.reviewer} at {a.updated_at}" if a.reviewer else ""
        quoted = f"\n{quoted_tip(a)}" if a.quoted_by else ""
        text = self.text[a.start:a.end].replace("\n", " ")
        return (f"\u201c{text}\u201d  (characters {a.start}\u2013{a.end}, {a.status})"
                f"{who}{quoted}")

    def _display(self, a: Annotation, col: str, edit: bool):
        if col == "text":
            text = self.text[a.start:a.end].replace("\n", " ")
            return f"{QUOTED_MARK} {text}" if a.quoted_by and not edit else text
        if col == "value":
            return format_value(a)
        if col == "status":
            return a.status if edit else STATUS_GLYPHS.get(a.status, a.status)
        if col == "confidence":
            return "" if a.confidence is None else f"{a.confidence:.2f}"
        if col == "metric" and not a.metric and not edit:
            return "(no metric)"
        if col == "metric" and a.metric == "count" and a.counted and not edit:
            return f"count \u00b7 {a.counted}"  # the generic count: say what it counts
        if not edit and col in SHORT:
            v = getattr(a, col)
            return SHORT[col].get(v, "" if v is None else str(v))
        v = getattr(a, col)
        return "" if v is None else str(v)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        col = COLUMNS[index.column()]
        if col not in EDITABLE:
            return False
        a = self.rows[index.row()]
        if str(value) == str(self._display(a, col, True)):
            return False  # the editor closed unchanged: not a decision
        return self.controller.do(Edit(a.id, {col: value})) is not None

    def persistent(self, row: int) -> QPersistentModelIndex:
        return QPersistentModelIndex(self.index(row, 0))
