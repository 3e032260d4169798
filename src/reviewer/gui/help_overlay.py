"""The help overlay (F1 or ?): every shortcut, and what the mention colours and styles mean.
Built from the action table, so it lists exactly what the window does."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QTextBrowser, QWidget

from reviewer.gui.actions import MENUS, SPECS, shortcut_text
from reviewer.gui.theme import FAMILY_COLOURS, FAMILY_NAMES, STATUS_COLOURS, STATUS_GLYPHS

STATUS_HELP = {
    "pending": "outlined, no fill: proposed by the extractor, not decided",
    "accepted": "filled: right as proposed",
    "corrected": "filled, italic: accepted after a fix (value, metric, span\u2026)",
    "rejected": "struck out, grey: not a mention, kept out of the gold",
    "added": "filled, bold: added by a reviewer",
}
LEFT, RIGHT = ("Review", "Speakers", "Transcript"), ("Edit", "File", "View", "Help")
MAX_WIDTH = 1060


def _plain(text: str) -> str:
    return text.replace("&", "").rstrip("\u2026")


def _keys(spec, cap: str) -> str:
    """Each key combination as a key cap; alternatives side by side."""
    return " ".join(f"<span style='background:{cap}'>&nbsp;<b>{escape(k)}</b>&nbsp;</span>"
                    for k in shortcut_text(spec).split("  /  "))


def _column(menus: tuple[str, ...], cap: str) -> str:
    """One table for several menus, so the descriptions line up under each other."""
    rows = []
    for menu in menus:
        rows.append(f"<tr><td colspan='2' style='padding:10px 0 3px 0; font-size:large'>"
                    f"<b>{menu}</b></td></tr>")
        rows += [f"<tr><td style='padding:2px 14px 2px 0' nowrap>{_keys(s, cap)}</td>"
                 f"<td style='padding:2px 0'>{escape(_plain(s.text))}</td></tr>"
                 for s in SPECS if s.menu == menu and s.keys]
    return f"<table cellspacing='0' cellpadding='0'>{''.join(rows)}</table>"


def help_html(palette: QPalette | None = None) -> str:
    """The sheet, in the colours of ``palette`` (key caps, muted text)."""
    assert set(MENUS) == set(LEFT) | set(RIGHT)
    pal = palette or QPalette()
    cap = pal.color(QPalette.ColorRole.Button).name()
    text, base = pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base)
    muted = QColor((text.red() + base.red()) // 2, (text.green() + base.green()) // 2,
                   (text.blue() + base.blue()) // 2).name()
    legend = "".join(
        f"<tr><td style='padding:2px 12px 2px 0' nowrap>"
        f"<span style='color:{STATUS_COLOURS[k]}'><b>{STATUS_GLYPHS[k]}</b></span>"
        f"&nbsp;<b>{k}</b></td><td style='padding:2px 0'>{escape(v)}</td></tr>"
        for k, v in STATUS_HELP.items())
    fams = " ".join(
        f"<span style='background:{c}; color:white'>&nbsp;{escape(FAMILY_NAMES[f])}&nbsp;"
        "</span>" for f, c in FAMILY_COLOURS.items())
    return (
        "<h2 style='margin:0 0 4px 0'>Keyboard shortcuts</h2>"
        f"<p style='color:{muted}'>Single-letter keys work while the text or the mentions "
        "table has the focus. Every decision is saved at once; undo and redo work after a "
        "restart too.</p>"
        "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
        f"<td valign='top' width='50%' style='padding-right:28px'>{_column(LEFT, cap)}</td>"
        f"<td valign='top'>{_column(RIGHT, cap)}</td></tr></table>"
        "<p style='margin:16px 0 4px 0; font-size:large'><b>Mention styles</b> "
        "(the \u2713 column of the mentions table shows the same marks)</p>"
        f"<table cellspacing='0' cellpadding='0'>{legend}</table>"
        f"<p style='margin:10px 0 0 0'><b>Colour = metric family:</b>&nbsp; {fams}</p>"
        f"<p style='margin:14px 0 0 0; color:{muted}'>Press Esc, F1 or click to close.</p>")


class HelpOverlay(QWidget):
    """A dimmed layer over the window with the shortcut sheet in the middle."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.sheet = QTextBrowser(self)
        self.sheet.setObjectName("helpSheet")
        self.sheet.setFrameShape(QFrame.Shape.Box)
        self.sheet.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the overlay
        self.sheet.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sheet.document().setDocumentMargin(26)
        self.sheet.setHtml(help_html())
        self.sheet.viewport().installEventFilter(self)
        parent.installEventFilter(self)
        self.hide()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        self.sheet.setHtml(help_html(QApplication.palette()))  # the current theme's colours
        self._fit()
        self.show()
        self.raise_()
        self.setFocus()

    def _fit(self) -> None:
        """The sheet as tall as its text (centred), scrolling only when the window is
        smaller than that."""
        p = self.parentWidget()
        self.setGeometry(p.rect())
        frame = 2 * self.sheet.frameWidth()
        width = min(MAX_WIDTH, p.width() - 40)
        doc = self.sheet.document().clone(self)  # the view lays its own out lazily
        doc.setTextWidth(width - frame)
        height = min(int(doc.size().height()) + frame + 2, p.height() - 40)
        doc.deleteLater()
        self.sheet.setGeometry((p.width() - width) // 2, (p.height() - height) // 2,
                               width, height)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize and \
                self.isVisible():
            self._fit()
        if obj is self.sheet.viewport() and event.type() == QEvent.Type.MouseButtonPress:
            self.hide()
            return True
        return False

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(0, 0, 0, 110))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1, Qt.Key.Key_Question):
            self.hide()
            return
        if event.key() in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_Up,
                           Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End):
            QApplication.sendEvent(self.sheet, event)  # scroll a sheet taller than the window
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, _event) -> None:
        self.hide()
