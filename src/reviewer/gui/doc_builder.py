"""The reading layout of a transcript (pure Python, no Qt): turn headers, section rules,
paragraphs, translations under their original, and the map between source offsets and
(display line, column).

The display text is one line per block of the text widget; every piece of source text it
shows is a *segment* ``(src_start, src_end, line, col)``, so mentions (source offsets) map to
display positions and a selection maps back to source offsets exactly.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from reviewer.core.model import ParsedTranscript
from reviewer.core.review.records import Suggestion, TurnState

# Kinds of display lines.
BLANK, SECTION, HEADER, PARA, TRANSLATION, OUTSIDE = range(6)
SECTION_TITLES = {"prepared": "PREPARED REMARKS", "qa": "QUESTIONS AND ANSWERS",
                  None: "UNSECTIONED"}
TRANSLATION_PREFIX = "    \u21b3 "  # "↳", indents a translation under its original
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass
class HeaderSpan:
    start: int
    length: int
    style: str  # speaker | meta | label | suggestion | status


@dataclass
class Layout:
    """The display text of a transcript and its maps."""

    lines: list[str] = field(default_factory=list)
    kinds: list[int] = field(default_factory=list)
    line_turn: list[int] = field(default_factory=list)  # turn index of a line, -1 if none
    segments: list[tuple[int, int, int, int]] = field(default_factory=list)
    header_line: dict[int, int] = field(default_factory=dict)  # turn index -> line
    header_spans: dict[int, list[HeaderSpan]] = field(default_factory=dict)  # line -> spans
    _starts: list[int] = field(default_factory=list)
    _astral: set[int] = field(default_factory=set)  # lines with characters beyond the BMP
    _by_line: dict[int, list[tuple[int, int, int, int]]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def _add(self, line: str, kind: int, turn: int = -1) -> int:
        self.lines.append(line)
        self.kinds.append(kind)
        self.line_turn.append(turn)
        return len(self.lines) - 1

    def finish(self) -> None:
        self.segments.sort()
        self._astral = {i for i, line in enumerate(self.lines) if _ASTRAL.search(line)}
        self._starts = [s[0] for s in self.segments]
        self._by_line = {}
        for seg in self.segments:
            self._by_line.setdefault(seg[2], []).append(seg)

    # -- source <-> display ---------------------------------------------------------------

    def pieces(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """The displayed pieces of source span ``[start, end)``: ``(line, col16, len16)``
        with columns in UTF-16 units (what Qt counts). Hidden parts are left out."""
        out = []
        i = max(0, bisect_right(self._starts, start) - 1)
        while i < len(self.segments) and self.segments[i][0] < end:
            s, e, line, col = self.segments[i]
            lo, hi = max(s, start), min(e, end)
            if lo < hi:
                c0, c1 = col + lo - s, col + hi - s
                if line in self._astral:  # only there do Qt's UTF-16 columns differ
                    c0, c1 = utf16(self.lines[line], c0), utf16(self.lines[line], c1)
                out.append((line, c0, c1 - c0))
            i += 1
        return out

    def to_source(self, line: int, col16: int) -> int | None:
        """Source offset of a display position, ``None`` on synthetic text (headers...)."""
        text = self.lines[line] if 0 <= line < len(self.lines) else ""
        col = from_utf16(text, col16) if line in self._astral else col16
        for s, e, _, c in self._by_line.get(line, ()):
            if c <= col <= c + (e - s):
                return s + col - c
        return None

    def span_to_source(self, a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int] | None:
        """Source span of a display selection from ``a`` to ``b`` (line, col16) pairs; ends on
        synthetic text snap to the nearest shown source text."""
        s = self.to_source(*a)
        e = self.to_source(*b)
        if s is None:
            s = self._snap(a[0], forward=True)
        if e is None:
            e = self._snap(b[0], forward=False)
        if s is None or e is None or e <= s:
            return None
        return s, e

    def _snap(self, line: int, forward: bool) -> int | None:
        rng = range(line, len(self.lines)) if forward else range(line, -1, -1)
        for ln in rng:
            segs = self._by_line.get(ln)
            if segs:
                return segs[0][0] if forward else segs[-1][1]
        return None

    def turn_at_line(self, line: int) -> int:
        return self.line_turn[line] if 0 <= line < len(self.line_turn) else -1


def utf16(text: str, col: int) -> int:
    """Column ``col`` (code points) of ``text`` in UTF-16 units."""
    head = text[:col]
    return col + len(_ASTRAL.findall(head)) if _ASTRAL.search(head) else col


def from_utf16(text: str, col16: int) -> int:
    if not _ASTRAL.search(text):
        return col16
    n = units = 0
    for ch in text:
        if units >= col16:
            break
        units += 2 if ord(ch) > 0xFFFF else 1
        n += 1
    return n


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1].rstrip() + "\u2026"


def roster_aliases(parsed: ParsedTranscript) -> dict[str, set[str]]:
    """``{participant name: the other spellings of it}`` ("Vikram Verma": {"فيكرام فيرما"})."""
    return {p.name: set(p.aliases or ()) for p in parsed.participants}


def header_text(t: TurnState, sug: Suggestion | None,
                aliases: dict[str, set[str]] | None = None) -> tuple[str, list[HeaderSpan]]:
    """The header line of a turn and the styled spans in it (kept to one line at a reading
    width: long labels are shortened, the speakers panel shows them whole). A label that is
    another spelling of the speaker's name (Latin and Arabic, say) is shown quietly, not as
    a mismatch."""
    gap = "\u2002\u2002"  # two en spaces: clearly apart, narrower than three spaces
    parts: list[tuple[str, str]] = [
        ("\u258d ", "meta"), (_clip(t.current_speaker or t.label or "(no label)", 32),
                              "speaker"),
        (f"{gap}{t.current_role.upper()}", "meta"), (f"{gap}turn {t.idx}", "meta")]
    if t.current_speaker is None:
        parts.append((f"{gap}not in the roster", "meta"))
    elif t.label and t.label in (aliases or {}).get(t.current_speaker, ()):
        parts.append((f"{gap}written \u201c{_clip(t.label, 22)}\u201d", "meta"))
    elif t.label and t.label != t.current_speaker:
        parts.append((f"{gap}label \u201c{_clip(t.label, 22)}\u201d", "label"))
    if t.speaker_status == "corrected":
        parts.append((f"{gap}\u270e corrected", "status"))
    elif t.speaker_status == "confirmed":
        parts.append((f"{gap}\u2713 confirmed", "status"))
    if sug and sug.suggested != t.current_speaker:
        parts.append((f"{gap}\u2691 {_clip(sug.suggested, 28)}? (S)", "suggestion"))
    if any(unicodedata.bidirectional(c) in ("R", "AL") for piece, _ in parts for c in piece):
        # A name in Arabic would make Qt lay the whole header out right to left (bar and name
        # on the right): a left-to-right mark first keeps it like every other header.
        parts[0] = ("\u200e" + parts[0][0], parts[0][1])
    text, spans, pos = "", [], 0
    for piece, style in parts:
        n16 = len(piece.encode("utf-16-le")) // 2
        spans.append(HeaderSpan(pos, n16, style))
        text += piece
        pos += n16
    return text, spans


def _outside(lay: Layout, src: str, start: int, end: int) -> None:
    """Source text outside the turns (title, roster lines, boilerplate), one line per line."""
    pos = start
    for piece in src[start:end].split("\n"):
        s, e = pos, pos + len(piece)
        pos = e + 1
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        ln = lay._add(stripped, OUTSIDE)
        lay.segments.append((s + lead, s + lead + len(stripped), ln, 0))


def _paragraph(lay: Layout, src: str, start: int, end: int, kind: int, turn: int) -> None:
    prefix = TRANSLATION_PREFIX if kind == TRANSLATION else ""
    pos = start
    for piece in src[start:end].split("\n"):
        ln = lay._add(prefix + piece, kind, turn)
        lay.segments.append((pos, pos + len(piece), ln, len(prefix)))
        pos += len(piece) + 1


def build_layout(parsed: ParsedTranscript, turns: list[TurnState],
                 suggestions: dict[int, Suggestion], *, translations: bool = True,
                 outside: bool = False) -> Layout:
    """Lay a transcript out for reading (see module doc)."""
    lay = Layout()
    src = parsed.text
    states = {t.idx: t for t in turns}
    aliases = roster_aliases(parsed)
    section: object = "\0"
    prev_end = 0
    for turn in parsed.turns:
        if outside and turn.start > prev_end:
            _outside(lay, src, prev_end, turn.start)
        prev_end = max(prev_end, turn.end)
        if turn.section != section:
            section = turn.section
            if lay.lines:
                lay._add("", BLANK)
            title = SECTION_TITLES.get(turn.section, str(turn.section).upper())
            lay._add(f"\u2501\u2501  {title}", SECTION)
        lay._add("", BLANK)
        state = states.get(turn.index)
        if state is not None:
            text, spans = header_text(state, suggestions.get(turn.index), aliases)
        else:
            text, spans = turn.label or "(no label)", []
        ln = lay._add(text, HEADER, turn.index)
        lay.header_line[turn.index] = ln
        lay.header_spans[ln] = spans
        paras = turn.paragraphs or []
        if not paras:
            _paragraph(lay, src, turn.start, turn.end, PARA, turn.index)
        for i, p in enumerate(paras):
            is_tr = p.translation_of is not None
            if is_tr and not translations:
                continue
            if i and not is_tr:
                lay._add("", BLANK, turn.index)
            _paragraph(lay, src, p.start, p.end, TRANSLATION if is_tr else PARA, turn.index)
    if outside and prev_end < len(src):
        _outside(lay, src, prev_end, len(src))
    if not parsed.turns:
        _paragraph(lay, src, 0, len(src), PARA, -1)
    lay.finish()
    return lay
