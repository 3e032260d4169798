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


LAYOUT_VERSION = 2  # the dock arrangement: saved states of another arrangement are ignored


def dock_sizes(width: int, height: int) -> tuple[int, int, int]:
    """(transcript list width, speakers width, mentions height) on first run. The text keeps
    at least 55% of the width from 1280 px up (about 100 characters a line at 1440) and
    about 60% of the height; the mentions table under it is as wide as the text."""
    left = min(320, max(220, int(width * 0.17)))
    right = min(340, max(240, int(width * 0.185)))
    bottom = min(320, max(170, int(height * 0.3)))
    return left, right, bottom
