"""Column widths that follow the table's width: no horizontal scrolling when it can be helped.

"Content" columns (period, status...) take the width of what they show, within a cap; the
"flexible" ones (a transcript's company, a mention's text and metric) share what is left,
each from a minimum toward its content width (up to a cap); the first of them takes any rest.
When even the minimums do not fit, the flexible columns shrink further, to a floor; then the
"droppable" columns are hidden, least useful first, while the room lacks (and shown again when
it returns: a hiding for want of room is not saved, and a column the reviewer shows from the
header menu is never dropped); a last resort narrows the short columns (they elide).
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
                 hidden: tuple[int, ...] = (), locked: tuple[int, ...] = (0,),
                 floor: dict[int, int] | None = None, drop: tuple[int, ...] = ()) -> None:
        super().__init__(table)
        self.table, self.source = table, source
        self.content, self.flexible = content, flexible
        self.floor = {c: min(floor.get(c, low), low) for c, (low, _cap) in flexible.items()} \
            if floor else {c: low for c, (low, _cap) in flexible.items()}
        self.drop = tuple(c for c in drop if c not in locked)
        self.default_hidden, self.locked = set(hidden), set(locked)
        self.manual: set[int] = set()
        self.squeezed: set[int] = set()  # hidden for want of room (not the reviewer's choice)
        self.pinned: set[int] = set()  # shown by the reviewer: never dropped
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
            self.squeezed.clear()
            for c in range(self.source.columnCount()):
                self._set_hidden(c, c in hidden and c not in self.locked)
        self.fit()

    def _save(self) -> None:
        if self.settings is not None:
            self.settings.set_hidden_columns(self.key, [
                c for c in range(self.source.columnCount()) if self.chosen_hidden(c)])

    def chosen_hidden(self, col: int) -> bool:
        """Hidden by the reviewer (or by default), not for want of room."""
        return self.table.isColumnHidden(col) and col not in self.squeezed

    def _set_hidden(self, col: int, hide: bool) -> None:
        if self.table.isColumnHidden(col) != hide:
            was, self._fitting = self._fitting, True  # (not a width the reviewer dragged)
            try:
                self.table.setColumnHidden(col, hide)
            finally:
                self._fitting = was

    # -- fitting ----------------------------------------------------------------------------

    def want(self, col: int, rows: range | list[int] | None = None) -> int:
        """The width column ``col`` needs to show its header and (a sample of) its cells."""
        fm = QFontMetrics(self.table.font())
        n = self.source.rowCount()
        if rows is None:
            rows = range(0, n, max(1, n // SAMPLE))
        fast = getattr(self.source, "column_texts", None)
        if fast is not None:  # the model's own strings: no Qt call per cell
            texts, decorated = fast(col, rows)
        else:
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
        shown = [c for c in range(self.source.columnCount()) if not self.chosen_hidden(c)]
        fixed: dict[int, int] = {}
        want: dict[int, int] = {}
        for c in shown:
            if c in self.manual and not self.table.isColumnHidden(c):
                fixed[c] = self.table.columnWidth(c)
            elif c in self.content:
                fixed[c] = min(self.want(c), self.content[c])
            elif c in self.flexible:
                low, cap = self.flexible[c]
                want[c] = min(max(self.want(c), low), cap)
        droppable = [c for c in self.drop if c in shown and c not in self.pinned
                     and c not in self.manual]

        def plan(dropped: set[int], last: bool = False) -> dict[int, int] | None:
            return self._plan({c: w for c, w in fixed.items() if c not in dropped},
                              {c: w for c, w in want.items() if c not in dropped}, avail,
                              last=last)

        for n in range(len(droppable) + 1):
            dropped = set(droppable[:n])
            widths = plan(dropped, last=n == len(droppable))
            if widths is not None:
                break
        for c in reversed(droppable[:n]):  # what is left may still hold a narrower one
            again = plan(dropped - {c})
            if again is not None:
                dropped.discard(c)
                widths = again
        self._fitting = True
        try:
            for c in shown:
                self._set_hidden(c, c in dropped)
            for c, w in widths.items():
                if self.table.columnWidth(c) != w:
                    self.table.setColumnWidth(c, w)
        finally:
            self._fitting = False
        self.squeezed = dropped

    def _plan(self, fixed: dict[int, int], want: dict[int, int], avail: int, *,
              last: bool) -> dict[int, int] | None:
        """Widths for these columns within ``avail`` (None when they do not fit and this is
        not the ``last`` try: then a column is dropped)."""
        widths = dict(fixed)
        flex = list(want)
        rest = avail - sum(fixed.values())
        low = {c: self.flexible[c][0] for c in flex}
        floor = {c: self.floor[c] for c in flex}
        if rest >= sum(low.values()):
            widths.update(low)
            rest -= sum(low.values())
            short = sum(want[c] - low[c] for c in flex)
            if rest > 0 and short > 0:  # toward their content, in proportion to what they lack
                share = min(1.0, rest / short)
                for c in flex:
                    add = int((want[c] - low[c]) * share)
                    widths[c] += add
                    rest -= add
            if rest > 0 and flex:
                widths[flex[0]] += rest
            return widths
        if rest >= sum(floor.values()):  # between their floor and their minimum
            room = rest - sum(floor.values())
            give = sum(low[c] - floor[c] for c in flex)
            for c in flex:
                widths[c] = floor[c] + (room * (low[c] - floor[c]) // give if give else 0)
            return widths
        if not last:
            return None
        widths.update(floor)  # the last resort: the short columns give way too (they elide)
        over = sum(widths.values()) - avail
        least = self.table.horizontalHeader().minimumSectionSize()
        slack = {c: max(0, w - least) for c, w in fixed.items() if c not in self.manual}
        total = sum(slack.values())
        if over > 0 and total > 0:
            for c, s in slack.items():
                widths[c] -= min(s, -(-over * s // total))
        return widths

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
            title = str(self.source.headerData(c, Qt.Orientation.Horizontal))
            act = QAction(title + (" (hidden: no room)" if c in self.squeezed else ""), menu)
            act.setCheckable(True)
            act.setChecked(not self.table.isColumnHidden(c))
            act.toggled.connect(lambda on, c=c: self.show_column(c, on))
            menu.addAction(act)
        menu.addSeparator()
        menu.addAction("Fit the columns to the width", self.reset)
        menu.popup(self.table.horizontalHeader().mapToGlobal(pos))

    def show_column(self, col: int, on: bool) -> None:
        """The reviewer's choice from the header menu (a column shown is never dropped)."""
        self.squeezed.discard(col)
        if on:
            self.pinned.add(col)
        else:
            self.pinned.discard(col)
        self._set_hidden(col, not on)
        self._save()
        self.fit()

    def reset(self) -> None:
        """Forget the widths the reviewer dragged and fit again."""
        self.manual.clear()
        self.fit()
