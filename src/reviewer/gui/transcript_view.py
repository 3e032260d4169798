"""The transcript as speaker turns, read-only, with every mention highlighted.

A QPlainTextEdit (fast on 100+ KB) over the reading layout of ``doc_builder``; formats come
from a block-keyed highlighter; header bands, the current mention and find hits are extra
selections. Positions are mapped to source offsets through the layout, never guessed.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from reviewer.core.model import ParsedTranscript
from reviewer.core.review.records import Annotation, Suggestion, TurnState
from reviewer.gui.doc_builder import (
    HEADER,
    SECTION,
    Layout,
    build_layout,
    header_text,
    roster_aliases,
)
from reviewer.gui.highlighter import TranscriptHighlighter
from reviewer.gui.theme import Theme, italic_renders
from reviewer.gui.view_overlays import hit_rank, paint_overlays


class TranscriptView(QPlainTextEdit):
    """Read-only transcript text; emits which mention or turn the reviewer points at."""

    mentionClicked = Signal(int)  # annotation id
    turnChanged = Signal(int)  # turn index under the cursor

    def __init__(self, theme: Theme, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setUndoRedoEnabled(False)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.document().setDefaultFont(font)
        self.document().setDocumentMargin(10)
        self.highlighter = TranscriptHighlighter(self.document(), theme)
        self.theme = theme
        self.layout_: Layout = Layout()
        self.parsed: ParsedTranscript | None = None
        self.translations = True
        self.outside = False
        self._anns: dict[int, Annotation] = {}
        self._starts: list[tuple[int, int]] = []  # (start, id) sorted
        self._ann_lines: dict[int, list[int]] = {}
        self._checks: list[dict] = []
        # line -> [(col16, len16, outline colour or None, quoted)]: painted over the text
        self.overlays: dict[int, list[tuple[int, int, QColor | None, bool]]] = {}
        self._current: int | None = None
        self._find: QTextCursor | None = None
        self._turn = -1
        self.cursorPositionChanged.connect(self._cursor_moved)

    # -- loading ----------------------------------------------------------------------------

    def show_transcript(self, parsed: ParsedTranscript, turns: list[TurnState],
                        suggestions: dict[int, Suggestion], annotations: list[Annotation],
                        checks: list[dict] | None = None) -> None:
        """Lay out and show one transcript with all its highlights (one formatting pass)."""
        self.parsed = parsed
        self._aliases = roster_aliases(parsed)
        self._turns, self._sugs = turns, suggestions
        self._checks = [c for c in (checks or []) if not c.get("consistent")]
        self._current = None
        self._find = None
        self._relayout(annotations)

    def _relayout(self, annotations: list[Annotation]) -> None:
        if self.parsed is None:
            return
        self.layout_ = build_layout(self.parsed, self._turns, self._sugs,
                                    translations=self.translations, outside=self.outside)
        self.highlighter.layout = self.layout_
        self._index(annotations)
        self.highlighter.marks = self._marks()
        self.setPlainText(self.layout_.text)  # the highlighter formats every block once here
        self._turn = -1
        self._extras()

    def set_options(self, *, translations: bool | None = None,
                    outside: bool | None = None) -> None:
        """Show or hide translations / the source text outside turns (re-lays out)."""
        if translations is not None:
            self.translations = translations
        if outside is not None:
            self.outside = outside
        keep, anchor = self._current, self.top_source()
        self._relayout(list(self._anns.values()))
        if keep is not None:
            self.focus_mention(keep, scroll=False)
        if anchor is not None:  # the same text stays at the top
            self.scroll_to_source(anchor)

    def top_source(self) -> int | None:
        """The source offset of the first source text at the top of the view."""
        segs = self.layout_._by_line
        n = self.firstVisibleBlock().blockNumber()
        for ln in range(max(n, 0), len(self.layout_.lines)):
            if segs.get(ln):
                return segs[ln][0][0]
        return None

    def scroll_to_source(self, offset: int) -> None:
        """Put the line showing ``offset`` (or the next shown text) at the top."""
        text_len = len(self.parsed.text) if self.parsed is not None else 0
        pieces = self.layout_.pieces(offset, max(offset + 1, text_len))
        if not pieces:
            return
        block = self.document().findBlockByNumber(pieces[0][0])
        bar = self.verticalScrollBar()
        self.blockSignals(True)
        self.setTextCursor(QTextCursor(block))
        self.blockSignals(False)
        bar.setValue(bar.maximum())
        self.ensureCursorVisible()

    def clear_transcript(self) -> None:
        self.parsed = None
        self.layout_ = Layout()
        self.highlighter.layout = None
        self._anns, self._starts, self._ann_lines = {}, [], {}
        self.setPlainText("")
        self._extras()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.highlighter.set_theme(theme)
        self.highlighter.marks = self._marks()
        self.highlighter.rehighlight()
        self._extras()

    # -- mentions ---------------------------------------------------------------------------

    def _index(self, annotations: list[Annotation]) -> None:
        self._anns = {a.id: a for a in annotations}
        self._starts = sorted((a.start, a.id) for a in annotations)
        self._ann_lines = {}

    def _marks(self) -> dict[int, list]:
        marks: dict[int, list] = {}
        lay = self.layout_
        text = self.parsed.text if self.parsed is not None else ""
        font = self.document().defaultFont()
        self.overlays = {}
        for a in self._anns.values():
            upright = a.status == "corrected" and not italic_renders(font, text[a.start:a.end])
            fmt = self.theme.mention_format(a.metric, a.status, upright)
            outline = self.theme.outline_colour(a.metric) if a.status == "pending" else None
            lines = []
            for i, (line, col, n) in enumerate(lay.pieces(a.start, a.end)):
                marks.setdefault(line, []).append((col, n, fmt))
                lines.append(line)
                if outline is not None or (a.quoted_by and i == 0):
                    self.overlays.setdefault(line, []).append(
                        (col, n, outline, bool(a.quoted_by) and i == 0))
            self._ann_lines[a.id] = lines
        check_fmt = self.theme.check_format()
        for c in self._checks:
            s, e = c.get("translation_start"), c.get("translation_end")
            if s is not None and e is not None:
                for line, col, n in lay.pieces(s, e):
                    marks.setdefault(line, []).append((col, n, check_fmt))
        for v in marks.values():
            v.sort(key=lambda m: m[0])
        return marks

    def update_annotations(self, annotations: list[Annotation]) -> None:
        """Re-format only the blocks whose mentions changed."""
        old = self._ann_lines
        changed = {a.id for a in annotations if self._anns.get(a.id) != a}
        changed |= set(self._anns) - {a.id for a in annotations}
        self._index(annotations)
        self.highlighter.marks = self._marks()
        lines = {ln for aid in changed for ln in old.get(aid, [])}
        lines |= {ln for aid in changed for ln in self._ann_lines.get(aid, [])}
        doc = self.document()
        for ln in sorted(lines):
            self.highlighter.rehighlightBlock(doc.findBlockByNumber(ln))
        self._extras()

    def update_speakers(self, turns: list[TurnState], suggestions: dict[int, Suggestion]) -> None:
        """Rewrite the header lines whose speaker changed (source text stays where it is)."""
        self._turns, self._sugs = turns, suggestions
        lay, doc = self.layout_, self.document()
        for t in turns:
            ln = lay.header_line.get(t.idx)
            if ln is None:
                continue
            text, spans = header_text(t, suggestions.get(t.idx), self._aliases)
            if text == lay.lines[ln]:
                continue
            lay.lines[ln], lay.header_spans[ln] = text, spans
            block = doc.findBlockByNumber(ln)
            cur = QTextCursor(block)
            cur.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                             QTextCursor.MoveMode.KeepAnchor)
            cur.insertText(text)  # a read-only view still takes programmatic edits
        self._extras()

    def mention_at(self, offset: int) -> int | None:
        """The mention covering a source offset (the innermost when nested)."""
        i = bisect_right(self._starts, (offset, 1 << 62))
        best = None
        for start, aid in reversed(self._starts[max(0, i - 20):i]):
            a = self._anns[aid]
            if start <= offset < a.end and (best is None or a.end - a.start < best[0]):
                best = (a.end - a.start, aid)
        return best[1] if best else None

    def focus_mention(self, aid: int | None, *, scroll: bool = True) -> None:
        """Mark a mention as current and bring it into view."""
        self._current = aid
        a = self._anns.get(aid) if aid is not None else None
        if a is not None and scroll:
            pieces = self.layout_.pieces(a.start, a.end)
            if pieces:
                line, col, _n = pieces[0]
                cur = QTextCursor(self.document())
                cur.setPosition(self.document().findBlockByNumber(line).position() + col)
                self.blockSignals(True)
                self.setTextCursor(cur)
                self.blockSignals(False)
                self._set_turn(self.layout_.turn_at_line(line))
                self.centerCursor()
        self._extras()

    def current_mention(self) -> int | None:
        return self._current

    # -- turns, selection, find -------------------------------------------------------------

    def turn_at_cursor(self) -> int:
        return self.layout_.turn_at_line(self.textCursor().blockNumber())

    def go_to_turn(self, idx: int) -> None:
        ln = self.layout_.header_line.get(idx)
        if ln is None:
            return
        doc = self.document()
        # Put the header at the top of the viewport, the blank line above it showing.
        self.setTextCursor(QTextCursor(doc.findBlockByNumber(max(0, ln - 1))))
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
        self.ensureCursorVisible()
        self.setTextCursor(QTextCursor(doc.findBlockByNumber(ln)))
        self._set_turn(idx)

    def selection_span(self) -> tuple[int, int] | None:
        """The source span of the text selection, or ``None``."""
        cur = self.textCursor()
        if not cur.hasSelection():
            return None
        doc = self.document()
        a, b = doc.findBlock(cur.selectionStart()), doc.findBlock(cur.selectionEnd())
        return self.layout_.span_to_source(
            (a.blockNumber(), cur.selectionStart() - a.position()),
            (b.blockNumber(), cur.selectionEnd() - b.position()))

    def select_source(self, start: int, end: int) -> None:
        """Select a source span in the view (tests, and "show in text")."""
        pieces = self.layout_.pieces(start, end)
        if not pieces:
            return
        doc = self.document()
        (l0, c0, _), (l1, c1, n1) = pieces[0], pieces[-1]
        cur = QTextCursor(doc)
        cur.setPosition(doc.findBlockByNumber(l0).position() + c0)
        cur.setPosition(doc.findBlockByNumber(l1).position() + c1 + n1,
                        QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cur)

    def find_text(self, needle: str, backward: bool = False, *, again: bool = True) -> bool:
        """Select the next occurrence (wrapping around); False when there is none.
        ``again=False`` (typing in the find box) may match at the current hit itself."""
        if not needle:
            return False
        if not again:
            cur = self.textCursor()
            cur.setPosition(cur.selectionStart())
            self.setTextCursor(cur)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if self.find(needle, flags):
            self._find = self.textCursor()
        else:
            cur = QTextCursor(self.document())
            if backward:
                cur.movePosition(QTextCursor.MoveOperation.End)
            self.setTextCursor(cur)
            if not self.find(needle, flags):
                self._find = None
                self._extras()
                return False
            self._find = self.textCursor()
        self.centerCursor()
        self._extras()
        return True

    def find_position(self, needle: str) -> tuple[int, int]:
        """(which hit is selected, 1-based; how many hits) of ``needle`` in the shown text,
        matched as ``find`` does (ignoring case)."""
        at = self._find.selectionStart() if self._find is not None else -1
        return hit_rank(self.document().toPlainText(), needle, at)

    def clear_find(self) -> None:
        self._find = None
        self._extras()

    def _set_turn(self, idx: int) -> None:
        if idx != self._turn and idx >= 0:
            self._turn = idx
            self.turnChanged.emit(idx)

    def _cursor_moved(self) -> None:
        self._set_turn(self.turn_at_cursor())

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        cur = self.textCursor()
        if cur.hasSelection() or event.button() != Qt.MouseButton.LeftButton:
            return
        block = cur.block()
        off = self.layout_.to_source(block.blockNumber(), cur.position() - block.position())
        aid = self.mention_at(off) if off is not None else None
        if aid is not None:
            self.mentionClicked.emit(aid)

    # -- header bands; extra selections: the current mention, the find hit -----------------

    def paintEvent(self, event) -> None:
        """Full-width bands behind headers and section rules, painted under the text for the
        visible blocks only (extra selections or block formats would lay out every banded
        block of the document at once)."""
        kinds = self.layout_.kinds
        if kinds:
            p = QPainter(self.viewport())
            band, rule = QColor(self.theme.header_bg), QColor(self.theme.header_bg)
            rule.setAlpha(90)
            offset = self.contentOffset()
            width = self.viewport().width()
            bottom = event.rect().bottom()
            block = self.firstVisibleBlock()
            while block.isValid():
                r = self.blockBoundingGeometry(block).translated(offset)
                if r.top() > bottom:
                    break
                n = block.blockNumber()
                kind = kinds[n] if n < len(kinds) else None
                if kind in (HEADER, SECTION):
                    p.fillRect(QRectF(0, r.top(), width, r.height()),
                               band if kind == HEADER else rule)
                block = block.next()
            p.end()
        super().paintEvent(event)
        if self.overlays:
            self._paint_overlays(event.rect().bottom())

    def _paint_overlays(self, bottom: int) -> None:
        """Outlines of pending mentions and the ❝ badges, for the visible blocks only."""
        paint_overlays(self, self.overlays, self.theme, bottom)

    def _extras(self) -> None:
        """The current mention and the find hit."""
        doc = self.document()
        sels = []
        a = self._anns.get(self._current) if self._current is not None else None
        if a is not None:
            colour = QColor("#8a6d00" if self.theme.dark else "#ffd54a")
            for line, col, n in self.layout_.pieces(a.start, a.end):
                sel = QTextEdit.ExtraSelection()
                pos = doc.findBlockByNumber(line).position() + col
                cur = QTextCursor(doc)
                cur.setPosition(pos)
                cur.setPosition(pos + n, QTextCursor.MoveMode.KeepAnchor)
                sel.cursor = cur
                sel.format.setBackground(colour)
                sels.append(sel)
        if self._find is not None:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._find
            sel.format.setBackground(QColor("#3d6fb6" if self.theme.dark else "#9cc3ff"))
            sels.append(sel)
        self.setExtraSelections(sels)

