"""Formats of the transcript text, applied block by block (a QSyntaxHighlighter: Qt asks for
one block at a time, so a 120 KB transcript with hundreds of mentions stays fast, and one
changed mention re-formats only its own block)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from reviewer.gui.doc_builder import HEADER, OUTSIDE, SECTION, TRANSLATION, Layout
from reviewer.gui.theme import Theme, italic_renders

_WHOLE = 1 << 24  # Qt clamps to the block (lengths are UTF-16 units, not len(str))


class TranscriptHighlighter(QSyntaxHighlighter):
    """Styles headers, section rules, translations, text outside turns, and mentions."""

    def __init__(self, doc: QTextDocument, theme: Theme) -> None:
        super().__init__(doc)
        self.layout: Layout | None = None
        # line -> [(col16, len16, format)]
        self.marks: dict[int, list[tuple[int, int, QTextCharFormat]]] = {}
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        f = {}
        for style in ("speaker", "meta", "label", "status", "suggestion"):
            fmt = QTextCharFormat()
            fmt.setForeground(theme.muted if style == "meta" else theme.fg)
            f[style] = fmt
        size = self.document().defaultFont().pointSizeF()
        f["speaker"].setFontWeight(QFont.Weight.Bold)
        f["speaker"].setFontPointSize(size * 1.12)
        # What follows the name is smaller, so a header stays on one line.
        for style, scale in (("meta", 0.86), ("label", 0.9), ("status", 0.9),
                             ("suggestion", 0.9)):
            f[style].setFontPointSize(size * scale)
        f["label"].setForeground(theme.error)
        f["label_upright"] = QTextCharFormat(f["label"])  # for labels italic cannot show
        f["label"].setFontItalic(True)
        f["suggestion"].setForeground(theme.section_fg)
        f["suggestion"].setFontWeight(QFont.Weight.DemiBold)
        section = QTextCharFormat()
        section.setForeground(theme.section_fg)
        section.setFontWeight(QFont.Weight.Bold)
        translation = QTextCharFormat()
        translation.setForeground(theme.muted)
        outside = QTextCharFormat()
        outside.setForeground(theme.muted)
        outside.setFontPointSize(self.document().defaultFont().pointSizeF() * 0.9)
        self.formats = {**f, "section": section, "translation": translation,
                        "outside": outside}

    def highlightBlock(self, text: str) -> None:
        lay = self.layout
        if lay is None:
            return
        n = self.currentBlock().blockNumber()
        if n >= len(lay.kinds):
            return
        kind = lay.kinds[n]
        base = None
        if kind == HEADER:
            for sp in lay.header_spans.get(n, ()):
                fmt = self.formats[sp.style]
                if sp.style == "label" and not italic_renders(
                        self.document().defaultFont(), _utf16_slice(text, sp.start, sp.length)):
                    fmt = self.formats["label_upright"]
                self.setFormat(sp.start, sp.length, fmt)
        elif kind == SECTION:
            self.setFormat(0, _WHOLE, self.formats["section"])
        elif kind == TRANSLATION:
            base = self.formats["translation"]
            self.setFormat(0, _WHOLE, base)
        elif kind == OUTSIDE:
            base = self.formats["outside"]
            self.setFormat(0, _WHOLE, base)
        for col, length, fmt in self.marks.get(n, ()):
            if base is not None:
                merged = QTextCharFormat(base)
                merged.merge(fmt)
                fmt = merged
            self.setFormat(col, length, fmt)


def _utf16_slice(text: str, start: int, length: int) -> str:
    """``text[start:start + length]`` counted in UTF-16 units, as Qt counts."""
    raw = text.encode("utf-16-le")[2 * start:2 * (start + length)]
    return raw.decode("utf-16-le", errors="ignore")
