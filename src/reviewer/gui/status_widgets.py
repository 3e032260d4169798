"""Small widgets of the main window: the progress meter of the status bar and the notice
banner."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStatusBar,
    QWidget,
)

# The status bar repaints a moment after a decision, not in the same frame as the text and
# the table: painting both regions at once costs about as much again as the decision itself
# (measured in bench/bench_gui_switch.py), and a reviewer's next key comes far later.
STATUS_DELAY_MS = 40


def later(widget: QWidget) -> None:
    """Repaint ``widget`` after STATUS_DELAY_MS (repeated calls coalesce)."""
    timer = getattr(widget, "_later", None)
    if timer is None:
        timer = widget._later = QTimer(widget)
        timer.setSingleShot(True)
        timer.timeout.connect(widget.update)
    if not timer.isActive():
        timer.start(STATUS_DELAY_MS)


class ProgressMeter(QWidget):
    """A thin "decided / total" bar for the status bar. (QProgressBar repaints synchronously
    on every change, which costs more than saving the decision itself.)"""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._value, self._total = 0, 0
        self.setFixedSize(170, self.fontMetrics().height() + 10)

    def set(self, value: int, total: int) -> None:
        if (value, total) != (self._value, self._total):
            self._value, self._total = value, total
            later(self)

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


class MessageLine(QWidget):
    """The status bar's message, painted by itself: QStatusBar.showMessage repaints and
    re-lays the bar synchronously, which cost more than saving the decision."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = ""
        self.setMinimumWidth(120)
        self.setFixedHeight(self.fontMetrics().height() + 6)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.set_text(""))

    def set_text(self, text: str, timeout: int = 0) -> None:
        if text != self.text:
            self.text = text
            self.setToolTip(text)
            later(self)
        if timeout > 0:
            self.timer.start(timeout)
        else:
            self.timer.stop()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        shown = self.fontMetrics().elidedText(self.text, Qt.TextElideMode.ElideRight,
                                              self.width() - 4)
        p.drawText(self.rect().adjusted(4, 0, 0, 0),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown)


class QuietStatusBar(QStatusBar):
    """A status bar whose messages never re-lay the window out (see ``MessageLine``)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.line = MessageLine(self)
        self.addWidget(self.line, 1)

    def showMessage(self, text: str, timeout: int = 0) -> None:
        self.line.set_text(text, timeout)

    def currentMessage(self) -> str:
        return self.line.text

    def clearMessage(self) -> None:
        self.line.set_text("")
