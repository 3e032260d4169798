"""Toolbar icons drawn from small SVGs at every size Qt asks for (sharp on high-DPI)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

_PATHS = {
    "accept": '<path d="M4 12.5l5 5L20 6.5" fill="none" stroke="{c}" stroke-width="2.6" '
              'stroke-linecap="round" stroke-linejoin="round"/>',
    "reject": '<path d="M6 6l12 12M18 6L6 18" fill="none" stroke="{c}" stroke-width="2.6" '
              'stroke-linecap="round"/>',
    "next": '<path d="M9 5l7 7-7 7" fill="none" stroke="{c}" stroke-width="2.4" '
            'stroke-linecap="round" stroke-linejoin="round"/>',
    "prev": '<path d="M15 5l-7 7 7 7" fill="none" stroke="{c}" stroke-width="2.4" '
            'stroke-linecap="round" stroke-linejoin="round"/>',
    "undo": '<path d="M9 7H5V3M5.5 7A8 8 0 1 1 4 13" fill="none" stroke="{c}" '
            'stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>',
    "redo": '<path d="M15 7h4V3M18.5 7A8 8 0 1 0 20 13" fill="none" stroke="{c}" '
            'stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>',
    "add": '<path d="M12 5v14M5 12h14" fill="none" stroke="{c}" stroke-width="2.6" '
           'stroke-linecap="round"/>',
    "turn": '<path d="M3 7l3 3 5-6M3 16l3 3 5-6M14 8h7M14 17h7" fill="none" stroke="{c}" '
            'stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>',
    "reviewed": '<rect x="3.5" y="3.5" width="17" height="17" rx="3" fill="none" '
                'stroke="{c}" stroke-width="2"/><path d="M7.5 12.5l3 3 6-7" fill="none" '
                'stroke="{c}" stroke-width="2.4" stroke-linecap="round"/>',
    "import": '<path d="M12 3v12M7 10l5 5 5-5M4 19h16" fill="none" stroke="{c}" '
              'stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>',
    "run": '<path d="M7 4.5v15l12-7.5z" fill="{c}"/>',
    "find": '<circle cx="10.5" cy="10.5" r="6" fill="none" stroke="{c}" stroke-width="2.2"/>'
            '<path d="M15 15l5.5 5.5" stroke="{c}" stroke-width="2.4" stroke-linecap="round"/>',
    "speaker": '<circle cx="12" cy="8" r="4" fill="none" stroke="{c}" stroke-width="2"/>'
               '<path d="M4 20c1.5-4 4.5-6 8-6s6.5 2 8 6" fill="none" stroke="{c}" '
               'stroke-width="2" stroke-linecap="round"/>',
    "help": '<circle cx="12" cy="12" r="9" fill="none" stroke="{c}" stroke-width="2"/>'
            '<path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.4-1 1-1 1.7v.5" fill="none" '
            'stroke="{c}" stroke-width="2" stroke-linecap="round"/>'
            '<circle cx="12" cy="17" r="1.2" fill="{c}"/>',
}


class _SvgEngine(QIconEngine):
    """Renders the SVG at the exact pixel size requested, in the palette's text colour."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def _svg(self, disabled: bool) -> QByteArray:
        pal = QApplication.palette()
        group = QPalette.ColorGroup.Disabled if disabled else QPalette.ColorGroup.Active
        colour = pal.color(group, QPalette.ColorRole.ButtonText).name()
        body = _PATHS[self.name].replace("{c}", colour)
        return QByteArray(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
                          f"{body}</svg>".encode())

    def paint(self, painter: QPainter, rect, mode, state) -> None:
        QSvgRenderer(self._svg(mode == QIcon.Mode.Disabled)).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode, state) -> QPixmap:
        pm = QPixmap(size)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        self.paint(p, pm.rect(), mode, state)
        p.end()
        return pm

    def clone(self) -> QIconEngine:
        return _SvgEngine(self.name)


@cache
def icon(name: str) -> QIcon:
    return QIcon(_SvgEngine(name))
