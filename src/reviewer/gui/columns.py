"""Column widths that follow the table's width: no horizontal scrolling when it can be helped.

"Content" columns (period, status...) take the width of what they show, within a cap; the
"flexible" ones (a transcript's company, a mention's text and metric) share what is left,
each from a minimum toward its content width (up to a cap); the first of them takes any rest.
Widths are measured from the model's strings (a sample of rows on long lists), so fitting
costs a few milliseconds, not a delegate pass over every cell. A width the reviewer drags is
kept; a right-click on the header shows or hides columns (remembered in the settings once
bound).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QMenu, QStyle, QTableView

SAMPLE = 250  # rows measured per fit: a 10,000-row list measures evenly spaced ones
PAD = 10  # cell margins, the grid line and a little air
SORT_ARROW = 14  # room for the sort indicator in a sortable header


class ColumnFitter(QObject):
    """Keeps ``table``'s columns fitted to its viewport (see the module doc)."""

    def __init__(self, table: QTableView, source: QAbstractItemModel, *,
                 content: dict[int, int], flexible: dict[int, tuple[int, int]],
                 hidden: tuple[int, ...] = (), locked: tuple[int, ...] = (0,)) -> None:
        super().__init__(table)
        self.table, self.source = table, source
        self.content, self.flexible = content, flexible
        self.default_hidden, self.locked = set(hidden), set(locked)
        self.manual: set[int] = set()
        self.settings, self.key = None, ""
        self._fitting = False
        head = table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(False)
        head.setTextElideMode(Qt.TextElideMode.ElideRight)
        head.sectionResized.connect(self._resized)
        head.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        head.customContextMenuRequested.connect(self._menu)
        head.sortIndicatorChanged.connect(self.fit)
        table.setHorizontalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
        for c in self.default_hidden:
            table.setColumnHidden(c, True)
        table.viewport().installEventFilter(self)
        for sig in (source.modelReset, source.layoutChanged, source.rowsInserted):
            sig.connect(self.fit)
        source.dataChanged.connect(self._grow)

    # -- settings ---------------------------------------------------------------------------

    def bind(self, settings, key: str) -> None:
        """Take the hidden columns from ``settings`` and save them there when they change."""
        self.settings, self.key = settings, key
        hidden = settings.hidden_columns(key)
        if hidden is not None:
            for c in range(self.source.columnCount()):
                self.table.setColumnHidden(c, c in hidden and c not in self.locked)
        self.fit()

    def _save(self) -> None:
        if self.settings is not None:
            self.settings.set_hidden_columns(self.key, [
                c for c in range(self.source.columnCount()) if self.table.isColumnHidden(c)])

    # -- fitting ----------------------------------------------------------------------------

    def want(self, col: int, rows: range | list[int] | None = None) -> int:
        """The width column ``col`` needs to show its header and (a sample of) its cells."""
        fm = QFontMetrics(self.table.font())
        n = self.source.rowCount()
        if rows is None:
            rows = range(0, n, max(1, n // SAMPLE))
        texts, decorated = set(), False
        for r in rows:
            idx = self.source.index(r, col)
            texts.add(idx.data() or "")
            decorated = decorated or idx.data(Qt.ItemDataRole.DecorationRole) is not None
        cells = max((fm.horizontalAdvance(str(t)) for t in texts), default=0)
        if decorated:
            style = self.table.style()
            cells += style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 6
        head = self.table.horizontalHeader()
        title = str(self.source.headerData(col, Qt.Orientation.Horizontal) or "")
        header = QFontMetrics(head.font()).horizontalAdvance(title)
        if self.table.isSortingEnabled() and head.sortIndicatorSection() == col:
            header += SORT_ARROW
        return max(max(cells, header) + PAD, head.minimumSectionSize())

    def fit(self, *_args) -> None:
        avail = self.table.viewport().width()
        if self._fitting or avail <= 0:
            return
        visible = [c for c in range(self.source.columnCount())
                   if not self.table.isColumnHidden(c)]
        widths: dict[int, int] = {}
        want: dict[int, int] = {}
        for c in visible:
            if c in self.manual:
                widths[c] = self.table.columnWidth(c)
            elif c in self.content:
                widths[c] = min(self.want(c), self.content[c])
        flex = [c for c in self.flexible if c in visible and c not in widths]
        for c in flex:
            low, cap = self.flexible[c]
            want[c] = min(max(self.want(c), low), cap)
            widths[c] = low
        rest = avail - sum(widths.values())
        short = sum(want[c] - widths[c] for c in flex)
        if rest > 0 and short > 0:  # toward their content, in proportion to what they lack
            share = min(1.0, rest / short)
            for c in flex:
                add = int((want[c] - widths[c]) * share)
                widths[c] += add
                rest -= add
        if rest > 0 and flex:
            widths[flex[0]] += rest
        self._fitting = True
        try:
            for c, w in widths.items():
                if self.table.columnWidth(c) != w:
                    self.table.setColumnWidth(c, w)
        finally:
            self._fitting = False

    def _grow(self, top, bottom, _roles=()) -> None:
        """After an edit: refit when a changed cell no longer fits its short column (the
        flexible ones elide; they only get what is left anyway)."""
        if bottom.row() - top.row() > 50:
            self.fit()
            return
        rows = list(range(top.row(), bottom.row() + 1))
        for c in self.content:
            if not self.table.isColumnHidden(c) and c not in self.manual and \
                    self.want(c, rows) > self.table.columnWidth(c) and \
                    self.table.columnWidth(c) < self.content.get(c, 1 << 20):
                self.fit()
                return

    def _resized(self, col: int, _old: int, new: int) -> None:
        if not self._fitting and new > 0:  # (hiding a column resizes it to 0)
            self.manual.add(col)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    # -- the header menu --------------------------------------------------------------------

    def _menu(self, pos) -> None:
        menu = QMenu(self.table)
        for c in range(self.source.columnCount()):
            if c in self.locked:
                continue
            act = QAction(str(self.source.headerData(c, Qt.Orientation.Horizontal)), menu)
            act.setCheckable(True)
            act.setChecked(not self.table.isColumnHidden(c))
            act.toggled.connect(lambda on, c=c: self.show_column(c, on))
            menu.addAction(act)
        menu.addSeparator()
        menu.addAction("Fit the columns to the width", self.reset)
        menu.popup(self.table.horizontalHeader().mapToGlobal(pos))

    def show_column(self, col: int, on: bool) -> None:
        self.table.setColumnHidden(col, not on)
        self._save()
        self.fit()

    def reset(self) -> None:
        """Forget the widths the reviewer dragged and fit again."""
        self.manual.clear()
        self.fit()
