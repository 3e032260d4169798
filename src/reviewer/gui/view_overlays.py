"""What the transcript view paints over its text (outlines of pending mentions, the ❝ badge
of analyst-quoted numbers) and the rank of a find hit ("3 of 12")."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen


def piece_rects(layout, col: int, n: int) -> list[QRectF]:
    """The rectangles a piece ``[col, col + n)`` of a block takes, one per wrapped line."""
    out = []
    pos, end = col, col + n
    while pos < end:
        line = layout.lineForTextPosition(pos)
        if not line.isValid():
            break
        stop = min(end, line.textStart() + line.textLength())
        x0, x1 = line.cursorToX(pos)[0], line.cursorToX(stop)[0]
        out.append(QRectF(min(x0, x1), line.y(), abs(x1 - x0), line.height()))
        if stop <= pos:
            break
        pos = stop
    return out


def paint_overlays(view, overlays: dict, theme, bottom: int) -> None:
    """Paint ``overlays`` (line -> [(col16, len16, outline colour or None, quoted)]) on the
    visible blocks of ``view`` (a QPlainTextEdit), down to ``bottom``."""
    p = QPainter(view.viewport())
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    mark_font = QFont(view.document().defaultFont())
    mark_font.setPointSizeF(mark_font.pointSizeF() * 0.8)
    offset = view.contentOffset()
    block = view.firstVisibleBlock()
    while block.isValid():
        top = view.blockBoundingGeometry(block).translated(offset)
        if top.top() > bottom:
            break
        layout = block.layout()
        for col, n, colour, quoted in overlays.get(block.blockNumber(), ()):
            rects = [r.translated(top.left(), top.top()) for r in piece_rects(layout, col, n)]
            if colour is not None:
                p.setPen(QPen(colour, 1.4))
                p.setBrush(Qt.BrushStyle.NoBrush)
                for r in rects:
                    p.drawRoundedRect(r.adjusted(-1, 0, 1, 0), 3, 3)
            if quoted and rects:  # a small badge on the mention's top-left corner
                pos = rects[0].topLeft()
                badge = QRectF(pos.x() - 7, pos.y() - 7, 14, 13)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(theme.section_fg)
                p.drawRoundedRect(badge, 3, 3)
                p.setFont(mark_font)
                p.setPen(QColor("#ffffff"))
                p.drawText(badge, Qt.AlignmentFlag.AlignCenter, "\u275d")
        block = block.next()
    p.end()


def _u16(text: str, i: int) -> int:
    """Index ``i`` of ``text`` in UTF-16 units (what Qt positions count)."""
    return i + sum(1 for ch in text[:i] if ord(ch) > 0xFFFF)


def hit_rank(shown: str, needle: str, at: int) -> tuple[int, int]:
    """(the 1-based rank of the hit starting at Qt position ``at``, 0 if none; how many hits)
    of ``needle`` in ``shown``, ignoring case as QTextDocument.find does."""
    if not needle:
        return 0, 0
    hay, low = shown.lower(), needle.lower()
    starts, i = [], hay.find(low)
    while i >= 0:
        starts.append(i)
        i = hay.find(low, i + 1)
    astral = any(ord(ch) > 0xFFFF for ch in hay)  # only then do Qt's positions differ
    current = next((k + 1 for k, st in enumerate(starts)
                    if (_u16(hay, st) if astral else st) == at), 0)
    return current, len(starts)
