"""Unknown layouts: one unlabelled turn per paragraph, with a warning. Never fails."""

from __future__ import annotations

import re

from reviewer.core.ingest.build import Builder
from reviewer.core.model import ParsedTranscript

FORMAT = "plain"


def detect(text: str) -> float:
    """Plain text always fits, with the lowest confidence of all families."""
    return 0.01


def parse(text: str) -> ParsedTranscript:
    """Import any text as unlabelled paragraphs (blank-line separated blocks, else lines)."""
    b = Builder(text, FORMAT)
    blocks = list(re.finditer(r"\S(?:.*?\S)?(?=\s*(?:\n\s*\n|\Z))", text, re.S))
    if len(blocks) <= 1:
        blocks = list(re.finditer(r"[^\r\n]*\S[^\r\n]*", text))
    for m in blocks:
        b.turn(None, m.start(), m.end(), section=None, role="unknown",
               paragraphs=None)
    b.fill_metadata(text[:3000])
    b.warnings.append(
        "unknown layout: imported as one unlabelled turn per paragraph; "
        "speaker labels and sections must be set by hand"
    )
    parsed = b.build()
    for t in parsed.turns:
        t.section = None
    return parsed
