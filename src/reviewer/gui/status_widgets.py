"""Small widgets of the main window: the progress meter of the status bar and the notice
banner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class ProgressMeter(QWidget):
    """A thin "decided / total" bar for the status bar. (QProgressBar repaints synchronously
    on every change, which costs more than saving the decision itself.)"""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._value, self._total = 0, 0
        self.setFixedWidth(170)

    def set(self, value: int, total: int) -> None:
        if (value, total) != (self._value, self._total):
            self._value, self._total = value, total
            self.update()

    def value(self) -> int:
        return self._value

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        pal = self.palette()
        r = self.rect().adjusted(2, 4, -2, -4)
        p.setPen(pal.color(QPalette.ColorRole.Mid))
        p.setBrush(pal.color(QPalette.ColorRole.Base))
        p.drawRoundedRect(r, 3, 3)
        if self._total:
            done = r.adjusted(1, 1, 0, 0)
            done.setWidth(int((r.width() - 1) * self._value / self._total))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(pal.color(QPalette.ColorRole.Highlight))
            p.drawRoundedRect(done, 2, 2)
        p.setPen(pal.color(QPalette.ColorRole.Text))
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, f"{self._value} / {self._total} decided")


class NoticeBar(QFrame):
    """A dismissable banner for lasting conditions (read-only project, second window)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setStyleSheet("#noticeBar { background: #fff3cd; color: #4d3b00;"
                           " border-bottom: 1px solid #e0c97a; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        close = QPushButton("\u2715")
        close.setFlat(True)
        close.setFixedWidth(28)
        close.clicked.connect(self.hide)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 6, 6)
        lay.addWidget(self.label, 1)
        lay.addWidget(close)
        self.hide()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.show()
