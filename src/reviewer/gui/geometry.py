"""The window's size and dock split on first run (later runs restore what the user left)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize

MAX_SIZE = QSize(1600, 1000)  # the README's size: past it, more room only widens the text
FALLBACK = QSize(1500, 900)  # no screen known (should not happen with a display)
SHARE = 0.9  # of the screen's available area, so the window never starts maximised


def default_size(available: QRect | None) -> QSize:
    """90% of the screen's available area (without panels), at most 1600 x 1000."""
    if available is None or available.isEmpty():
        return QSize(FALLBACK)
    return QSize(min(MAX_SIZE.width(), int(available.width() * SHARE)),
                 min(MAX_SIZE.height(), int(available.height() * SHARE)))


def dock_widths(width: int) -> tuple[int, int]:
    """(transcript list, mentions) for a window ``width`` wide. At 1600 px: the list ~370,
    the text ~545 (about 70 characters a line), the mentions table the rest; the text gets
    no less than 440 px (about 55 characters) in a narrow window."""
    left = min(420, max(280, int(width * 0.231)))
    text = min(720, max(440, int(width * 0.34)))
    return left, max(420, width - left - text - 12)
