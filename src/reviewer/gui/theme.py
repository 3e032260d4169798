"""Light and dark palettes (following the system unless the user picks one), and the
colours of mentions: hue by metric family, style by review status."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QPalette,
    QTextCharFormat,
)
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")
FAMILY_COLOURS = {  # hue per metric family, readable on light and dark backgrounds; no red
    # (red is the rejected status): counts are olive
    "money": "#2f7ed8", "percent": "#2ca02c", "rate": "#17a39a", "growth": "#e08a00",
    "per_share": "#9b59b6", "count": "#6f7d1c", None: "#7f8c8d",
}
FAMILY_NAMES = {"money": "money", "percent": "percentage", "rate": "rate",
                "growth": "growth", "per_share": "per share", "count": "count",
                None: "unknown metric"}
STATUS_GLYPHS = {"pending": "\u25cb", "accepted": "\u2713", "corrected": "\u270e",
                 "rejected": "\u2715", "added": "\uff0b"}

STATUS_COLOURS = {"pending": "#8a8f98", "accepted": "#2e9d4f", "corrected": "#d68910",
                  "rejected": "#d0463b", "added": "#2f7ed8"}


@lru_cache(maxsize=512)
def metric_info(metric: str | None):
    """The taxonomy entry of a metric id (label, family), None when unknown."""
    if not metric:
        return None
    try:
        from reviewer.core.extract.metrics.taxonomy import default_taxonomy

        return default_taxonomy().get(metric)
    except Exception:  # a broken user taxonomy: no label, colour by a guess
        return None


@lru_cache(maxsize=512)
def metric_family(metric: str | None) -> str | None:
    """The taxonomy family of a metric id (money, percent, growth...), None when unknown."""
    if not metric:
        return None
    m = metric_info(metric)
    if m is not None:
        return m.family
    for key, fam in (("growth", "growth"), ("margin", "percent"), ("eps", "per_share"),
                     ("count", "count"), ("customers", "count"), ("rate", "rate")):
        if key in metric:
            return fam
    return "money"


def italic_renders(font: QFont, text: str) -> bool:
    """Whether the italic face of ``font`` (with Qt's fallbacks) has a glyph for every
    character of ``text``. Qt does not fall back from an italic face to the upright face of
    the same family: DejaVu Sans Oblique has no Arabic, so italic Arabic would show empty
    boxes. Styles that use italic are applied upright to such text."""
    f = QFont(font)
    f.setItalic(True)
    fm = QFontMetrics(f)
    return all(ch.isspace() or fm.inFontUcs4(ord(ch)) for ch in text)


class Theme:
    """The active palette and the text formats derived from it."""

    def __init__(self, dark: bool) -> None:
        self.dark = dark
        self._cache: dict[tuple, QTextCharFormat] = {}
        fg = QColor("#e6e6e6" if dark else "#1e1e1e")
        self.muted = QColor("#8a8f98" if dark else "#80868f")
        self.fg = fg
        self.header_bg = QColor("#2b3440" if dark else "#e8eef6")
        self.section_fg = QColor("#9fb7d6" if dark else "#3b5b85")
        self.error = QColor("#ff6b6b" if dark else "#c0392b")

    def mention_format(self, metric: str | None, status: str,
                       upright: bool = False) -> QTextCharFormat:
        """The format of a mention; ``upright`` drops the italic of corrected mentions (for
        text the italic face cannot show, see ``italic_renders``)."""
        key = (metric_family(metric), status, upright)
        fmt = self._cache.get(key)
        if fmt is not None:
            return fmt
        base = QColor(FAMILY_COLOURS.get(key[0], FAMILY_COLOURS[None]))
        fmt = QTextCharFormat()
        bg = QColor(base)
        # Status at a glance, in both palettes: pending = an outline (painted by the view,
        # no fill), decided = filled, rejected = struck through and greyed.
        if status == "rejected":
            fmt.setFontStrikeOut(True)
            fmt.setForeground(self.muted)
        elif status == "pending":
            fmt.setForeground(self.fg)
        else:
            bg.setAlpha(130 if self.dark else 100)
            fmt.setBackground(bg)
            if status == "corrected" and not upright:
                fmt.setFontItalic(True)
            if status == "added":
                fmt.setFontWeight(QFont.Weight.Bold)
        self._cache[key] = fmt
        return fmt

    def outline_colour(self, metric: str | None) -> QColor:
        """The outline of a pending mention: its family's colour, strong enough on dark."""
        c = QColor(FAMILY_COLOURS.get(metric_family(metric), FAMILY_COLOURS[None]))
        return c.lighter(125) if self.dark else c

    def check_format(self) -> QTextCharFormat:
        """An inconsistent number in a translation."""
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(self.error)
        return fmt


def system_is_dark() -> bool:
    """Whether the desktop asks for dark colours (Qt 6.5+; unknown counts as light)."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2d31", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f2023", QPalette.ColorRole.AlternateBase: "#26282c",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#33363b",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3d6fb6",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#33363b",
        QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.Link: "#7fb2ff",
        QPalette.ColorRole.PlaceholderText: "#8a8f98", QPalette.ColorRole.Mid: "#44474d",
        QPalette.ColorRole.Light: "#505359", QPalette.ColorRole.Dark: "#18191b",
        QPalette.ColorRole.Midlight: "#3a3d42", QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.BrightText: "#ffffff",
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6d7178"))
    return p


def apply_theme(app: QApplication, choice: str = "system") -> Theme:
    """Set the Fusion style with a light or dark palette; returns the matching Theme."""
    if app.style().name().lower() != "fusion":
        app.setStyle(QStyleFactory.create("Fusion"))
    dark = system_is_dark() if choice == "system" else choice == "dark"
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    return Theme(dark)
