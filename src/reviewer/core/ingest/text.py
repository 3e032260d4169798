"""Reading source files and walking their text with exact offsets."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.errors import InputError

# A file whose first few KB hold this share of control characters is binary, not a transcript.
_BINARY_SHARE = 0.05
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Line:
    """One line of the source: ``text`` is ``source[start:end]`` without its line break."""

    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        """The line without surrounding whitespace."""
        return self.text.strip()

    @property
    def blank(self) -> bool:
        """True when the line holds only whitespace."""
        return not self.text.strip()


def read_source(path: str | Path, encoding: str | None = None) -> str:
    """Read a transcript file as the offsets contract says: UTF-8 (BOM dropped, or UTF-16/32
    with a BOM, or ``encoding`` when given), every line end turned into ``\\n``.

    Raises ``InputError`` with a clear message for a missing, empty, binary or undecodable file.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror or exc})") from exc
    return decode_source(raw, str(p), encoding)


# Byte-order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``, as ``Path.read_text`` does: offsets and the
    content hash are of this text, so a CRLF and an LF copy are one transcript."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_source(raw: bytes, name: str = "input", encoding: str | None = None) -> str:
    """Decode raw bytes of a transcript, refusing what is not a text transcript."""
    if not raw.strip():
        raise InputError(f"{name}: the file is empty")
    text = _decode(raw, name, encoding)
    sample = text[:4096]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > _BINARY_SHARE:
        raise InputError(f"{name}: this is a binary file, not a text transcript")
    if not text.strip():
        raise InputError(f"{name}: the file holds only whitespace")
    return normalize_newlines(text)


def _decode(raw: bytes, name: str, encoding: str | None) -> str:
    if encoding:
        try:
            return raw.decode(encoding).removeprefix("\ufeff")
        except LookupError as exc:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from exc
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: the file is not {encoding} text (byte {exc.start} "
                             "cannot be decoded)") from exc
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec).removeprefix("\ufeff")
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: the file starts with a {codec.upper()} mark but "
                                 f"byte {exc.start} cannot be decoded") from exc
    if b"\x00" in raw[:4096]:
        raise InputError(f"{name}: this is a binary file, not a text transcript"
                         + _utf16_hint(raw[:4096]))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        guesses = _guess_encodings(raw)
        hint = (f"it looks like {' or '.join(guesses)}: import it with --encoding "
                f"{guesses[0]}, or save it as UTF-8" if guesses
                else "save it as UTF-8 and import it again")
        raise InputError(f"{name}: the file is not UTF-8 text (byte {exc.start} cannot be "
                         f"decoded); {hint}") from exc


def _utf16_hint(head: bytes) -> str:
    """UTF-16 without a mark has a zero in every other byte of Latin text: say so."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if half and odd > 0.3 * half and even < 0.05 * half:
        return " (or UTF-16 without a byte-order mark: try --encoding utf-16-le)"
    if half and even > 0.3 * half and odd < 0.05 * half:
        return " (or UTF-16 without a byte-order mark: try --encoding utf-16-be)"
    return ""


def _guess_encodings(raw: bytes, most: int = 3) -> list[str]:
    """The likely encodings of non-UTF-8 text, best first (charset-normalizer), for the
    message only: close single-byte code pages often tie, so several are named."""
    from charset_normalizer import from_bytes

    return [m.encoding for m in from_bytes(raw[:65536])][:most]


def iter_lines(text: str) -> list[Line]:
    """Every line of ``text`` with its offsets (``\\n``, ``\\r\\n`` and ``\\r`` all break)."""
    lines: list[Line] = []
    pos, n = 0, len(text)
    for m in _LINE.finditer(text):
        if m.start() >= n and m.start() > 0:
            break  # the text ended with a line break: no empty line after it
        lines.append(Line(m.start(), m.end(1), m.group(1)))
        pos = m.end()
        if pos >= n:
            break
    return lines


_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so that it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def line_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into paragraphs: one per non-blank line, trimmed."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\r\n]+", text[start:end]):
        s, e = trim(text, start + m.start(), start + m.end())
        if s < e:
            spans.append((s, e))
    return spans


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def detect_lang(s: str) -> str:
    """The dominant script of a paragraph as a language code: ``zh``, ``ar``, ``en`` or ``und``.

    A CJK character carries about as much text as a Latin word, so CJK counts weigh more.
    """
    cjk = len(_CJK.findall(s)) * 3
    ar = len(_ARABIC.findall(s))
    lat = len(_LATIN.findall(s))
    best = max(cjk, ar, lat)
    if best == 0:
        return "und"
    if best == cjk:
        return "zh"
    if best == ar:
        return "ar"
    return "en"
