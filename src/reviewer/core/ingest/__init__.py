"""Import of transcripts: format detection and one parser per source family.

Each family module has ``FORMAT`` (its name), ``detect(text) -> float`` (0..1, how sure it is
the text is of that family) and ``parse(text) -> ParsedTranscript``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import ModuleType

from reviewer.core.errors import InputError
from reviewer.core.ingest import plain
from reviewer.core.ingest.text import decode_source, normalize_newlines, read_source
from reviewer.core.model import ParsedTranscript

log = logging.getLogger(__name__)

# A family is used only when it is at least this sure; otherwise the text is "plain".
MIN_CONFIDENCE = 0.5


def families() -> list[ModuleType]:
    """Every family parser, most specific first (plain last)."""
    from reviewer.core.ingest import (
        alphastreet,
        asr,
        bilingual,
        capitaliq,
        seekingalpha,
        streetevents,
    )

    return [bilingual, streetevents, capitaliq, alphastreet, seekingalpha, asr, plain]


def detect_format(text: str) -> str:
    """The name of the family the text belongs to (``plain`` when none fits)."""
    return _choose(text).FORMAT


def _choose(text: str) -> ModuleType:
    scored = [(fam.detect(text), i, fam) for i, fam in enumerate(families())]
    best_score, _, best = max(scored, key=lambda x: (x[0], -x[1]))
    return best if best_score >= MIN_CONFIDENCE else plain


def parse_text(text: str, name: str = "input") -> ParsedTranscript:
    """Parse transcript text of any family. Never raises on text: a parser that fails falls
    back to the plain layout with a warning."""
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    text = normalize_newlines(text)  # offsets are into this text, whatever the caller passed
    family = _choose(text)
    try:
        parsed = family.parse(text)
    except Exception as exc:  # a parser bug must not lose the user's import
        log.exception("parser %s failed on %s", family.FORMAT, name)
        parsed = plain.parse(text)
        parsed.warnings.insert(0, f"the {family.FORMAT} parser failed ({exc}); imported as plain")
    if not parsed.turns:
        parsed.warnings.append("no speaker turns found")
    return parsed


def parse_file(path: str | Path, encoding: str | None = None) -> ParsedTranscript:
    """Read and parse one transcript file (``InputError`` for unreadable input);
    ``encoding`` for files that are neither UTF-8 nor marked UTF-16/32."""
    return parse_text(read_source(path, encoding), str(path))


def parse_bytes(raw: bytes, name: str = "input", encoding: str | None = None) -> ParsedTranscript:
    """Decode and parse raw bytes (``InputError`` for empty, binary or undecodable input)."""
    return parse_text(decode_source(raw, name, encoding), name)
