"""The transcript model: plain dataclasses, no Qt, no SQL.

Every span is a pair of character offsets ``[start, end)`` into the transcript's source text
as read by ``Path.read_text(encoding="utf-8-sig")`` (see DESIGN.md, "Offsets").
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

ROLES = ("operator", "ir", "ceo", "cfo", "executive", "analyst", "unknown")
SECTIONS = ("prepared", "qa")
LANGS = ("en", "zh", "ar", "und")


@dataclass
class Metadata:
    """What the text says about the call itself."""

    company: str | None = None
    ticker: str | None = None
    event: str | None = None
    fiscal_period: str | None = None  # like "FY2021Q2" or "FY2020Q4"
    date: str | None = None  # ISO date, "2020-05-12"


@dataclass
class Participant:
    """A person on the call, as the roster (or the text) names them."""

    name: str
    role: str = "unknown"
    affiliation: str | None = None  # firm for analysts, title for executives
    aliases: list[str] = field(default_factory=list)


@dataclass
class Paragraph:
    """A block of text inside a turn, with its language.

    ``translation_of`` is the index, within the same turn's ``paragraphs``, of the paragraph
    this one translates (``None`` when it is an original, or when its original is absent).
    """

    start: int
    end: int
    lang: str = "en"
    translation_of: int | None = None


@dataclass
class Turn:
    """A stretch of text spoken by one person.

    ``label`` is the speaker name as written in the source; ``speaker`` the canonical roster
    name the label identifies (``None`` when the roster does not identify it).
    ``start``/``end`` cover the turn's body (its paragraphs), not its header line.
    """

    index: int
    label: str | None
    speaker: str | None
    role: str
    section: str | None
    start: int
    end: int
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class ParsedTranscript:
    """One call as recovered from one source file."""

    format: str
    text: str
    metadata: Metadata = field(default_factory=Metadata)
    participants: list[Participant] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """The transcript's identity: SHA-256 of its source text."""
        return text_hash(self.text)

    def to_json(self) -> dict:
        """The ``reviewer parse --json`` object (DESIGN.md contract)."""
        return {
            "format": self.format,
            "metadata": asdict(self.metadata),
            "participants": [asdict(p) for p in self.participants],
            "turns": [asdict(t) for t in self.turns],
            "boilerplate": [[s, e] for s, e in self.boilerplate],
            "warnings": list(self.warnings),
        }


def text_hash(text: str) -> str:
    """SHA-256 hex digest of a transcript's source text (its identity in a project)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
