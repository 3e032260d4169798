"""The help overlay (F1 or ?): every shortcut, and what the mention colours and styles mean.
Built from the action table, so it lists exactly what the window does."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from reviewer.gui.actions import MENUS, SPECS, shortcut_text
from reviewer.gui.theme import FAMILY_COLOURS, FAMILY_NAMES, STATUS_GLYPHS

STATUS_HELP = {
    "pending": "dashed underline, light tint: proposed by the extractor, not decided",
    "accepted": "solid tint: right as proposed",
    "corrected": "solid tint, italic: accepted after a fix (value, metric, span\u2026)",
    "rejected": "struck out, grey: not a mention, kept out of the gold",
    "added": "solid tint, bold: added by a reviewer",
}


def _plain(text: str) -> str:
    return text.replace("&", "").rstrip("\u2026")


def _section(menu: str) -> str:
    rows = "".join(
        f"<tr><td style='padding:1px 14px 1px 0'><b>{escape(shortcut_text(s))}</b></td>"
        f"<td>{escape(_plain(s.text))}</td></tr>"
        for s in SPECS if s.menu == menu and s.keys)
    return f"<h3 style='margin:8px 0 2px 0'>{menu}</h3><table>{rows}</table>" if rows else ""


def _html() -> str:
    left = "".join(_section(m) for m in ("Review", "Speakers", "Transcript"))
    right = "".join(_section(m) for m in ("Edit", "File", "View", "Help"))
    assert set(MENUS) == {"Review", "Speakers", "Transcript", "Edit", "File", "View", "Help"}
    legend = "".join(
        f"<tr><td style='padding-right:10px'>{STATUS_GLYPHS[k]} <b>{k}</b></td>"
        f"<td>{escape(v)}</td></tr>" for k, v in STATUS_HELP.items())
    fams = " ".join(
        f"<span style='background:{c}; color:white'>&nbsp;{escape(FAMILY_NAMES[f])}&nbsp;"
        "</span>&nbsp;" for f, c in FAMILY_COLOURS.items())
    return (
        "<h2 style='margin:0'>Keyboard shortcuts</h2>"
        "<p>Single-letter keys work while the text or the mentions table has the focus. "
        "Every decision is saved at once; undo and redo work after a restart too.</p>"
        f"<table width='100%'><tr><td valign='top' width='52%'>{left}</td>"
        f"<td valign='top' style='padding-left:24px'>{right}"
        f"<h3 style='margin:8px 0 2px 0'>Mention styles</h3><table>{legend}</table>"
        f"<p><b>Colour = metric family:</b><br>{fams}</p></td></tr></table>"
        "<p style='color:gray'>Press Esc, F1 or click to close.</p>")


class HelpOverlay(QWidget):
    """A dimmed layer over the window with the shortcut sheet in the middle."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.sheet = QLabel(_html())
        self.sheet.setObjectName("helpSheet")
        self.sheet.setTextFormat(Qt.TextFormat.RichText)
        self.sheet.setWordWrap(True)
        self.sheet.setAutoFillBackground(True)
        self.sheet.setMargin(22)
        self.sheet.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidget(self.sheet)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll = scroll
        lay = QVBoxLayout(self)
        lay.addWidget(scroll, alignment=Qt.AlignmentFlag.AlignCenter)
        parent.installEventFilter(self)
        self.hide()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        self._fit()
        self.show()
        self.raise_()
        self.setFocus()

    def _fit(self) -> None:
        p = self.parentWidget()
        self.setGeometry(p.rect())
        width = min(1180, p.width() - 40)
        height = self.sheet.heightForWidth(width - 24) + 30
        self.scroll.setFixedSize(width, min(max(height, 200), p.height() - 40))

    def eventFilter(self, obj, event) -> bool:
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize and \
                self.isVisible():
            self._fit()
        return False

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(0, 0, 0, 110))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1, Qt.Key.Key_Question):
            self.hide()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, _event) -> None:
        self.hide()
