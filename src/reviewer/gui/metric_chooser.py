"""Choosing a metric by keyboard: fuzzy completion over the taxonomy's ids and labels.

The list is ranked by rapidfuzz as the reviewer types; Up/Down move the highlight, Tab or
Enter take the highlighted metric (never the typed prefix), Esc cancels. The guess (the
extractor's metric for the span) is highlighted first, so Enter keeps it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QVBoxLayout
from rapidfuzz import fuzz, process

from reviewer.gui.theme import metric_info

LIMIT = 40  # completions shown while typing


def metric_choices(ids: list[str]) -> dict[str, str]:
    """``{id: "id — label"}``: what the completion matches and shows."""
    out = {}
    for mid in sorted(ids):
        m = metric_info(mid)
        out[mid] = f"{mid} \u2014 {m.label}" if m is not None and m.label else mid
    return out


def rank(query: str, choices: dict[str, str], limit: int = LIMIT) -> list[str]:
    """Metric ids best matching ``query`` first (all of them, sorted, for an empty one).
    A prefix of an id or of a label's word counts most; then rapidfuzz's weighted ratio."""
    q = query.strip().lower()
    if not q:
        return list(choices)
    scored = process.extract(q, {k: v.lower() for k, v in choices.items()},
                             scorer=fuzz.WRatio, limit=None, score_cutoff=40)
    tokens = q.replace("_", " ").split()

    def key(item):
        _text, score, mid = item
        words = choices[mid].lower().replace("_", " ").replace("\u2014", " ").split()
        # Every typed word starts a word of the id ("serv rev" -> service_revenue), or at
        # least of the id or label; then the fuzzy score.
        in_id = all(any(w.startswith(t) for w in mid.split("_")) for t in tokens)
        prefix = all(any(w.startswith(t) for w in words) for t in tokens)
        return (not in_id, not prefix, -score, mid)

    return [mid for _t, _s, mid in sorted(scored, key=key)][:limit]


class MetricChooser(QDialog):
    """A small window to pick a metric; emits ``chosen`` with the id (``rejected`` on Esc)."""

    chosen = Signal(str)

    def __init__(self, ids: list[str], guess: str | None, title: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("metricChooser")
        self.setWindowTitle("Metric")
        self.choices = metric_choices(ids)
        self.guess = guess if guess in self.choices else None
        self.edit = QLineEdit()
        self.edit.setObjectName("metricChooserEdit")
        self.edit.setPlaceholderText("Type part of a metric id or label (Tab/Enter: take the "
                                     "highlighted one, Esc: cancel)")
        self.list = QListWidget()
        self.list.setObjectName("metricChooserList")
        self.list.setUniformItemSizes(True)
        self.list.itemActivated.connect(lambda _i: self.take())
        head = QLabel(title)
        head.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(self.edit)
        lay.addWidget(self.list, 1)
        self.setMinimumSize(560, 360)  # ids like sales_marketing_expense_pct_revenue + label
        self.edit.textChanged.connect(self._refill)
        self.edit.installEventFilter(self)
        self._refill("")

    def _refill(self, text: str) -> None:
        ids = rank(text, self.choices)
        if not text.strip() and self.guess is not None:
            ids = [self.guess] + [i for i in ids if i != self.guess]
        self.list.clear()
        for mid in ids:
            self.list.addItem(self.choices[mid])
            self.list.item(self.list.count() - 1).setData(Qt.ItemDataRole.UserRole, mid)
        # Nothing typed and no guess: nothing is highlighted, so Enter picks nothing.
        self.list.setCurrentRow(0 if ids and (text.strip() or self.guess) else -1)

    def highlighted(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def take(self) -> None:
        """Take the highlighted metric and close (closing without one when none is)."""
        mid = self.highlighted()
        self.accept()
        if mid is not None:
            self.chosen.emit(mid)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.edit and event.type() == event.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.take()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.list.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                if 0 <= row < self.list.count():
                    self.list.setCurrentRow(row)
                return True
        return super().eventFilter(obj, event)
