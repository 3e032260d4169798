"""Assembling a ``ParsedTranscript``: the steps every source family shares.

A family parser finds headers, roster entries, sections and boilerplate; the builder then
resolves speakers against the roster, assigns roles, splits paragraphs, detects languages,
pairs translations and infers sections where the source does not mark them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewer.core.ingest.metadata import call_date, fiscal_period, ticker
from reviewer.core.ingest.roster import Roster
from reviewer.core.ingest.text import detect_lang, line_paragraphs, trim
from reviewer.core.model import Metadata, Paragraph, ParsedTranscript, Participant, Turn

_OPERATOR = re.compile(r"^\s*(operator|مشغل|接線員|操作員)\b", re.I)
# What an operator says when the question-and-answer session opens.
_QA_OPENING = re.compile(
    r"operator instructions|first question|next question|question[- ]and[- ]answer|"
    r"questions? (?:comes?|is) from|open (?:up )?the (?:call|line|floor) for questions|"
    r"to ask a question|line of ",
    re.I,
)


@dataclass
class PendingTurn:
    """A turn as a family parser found it, before speakers and paragraphs are resolved."""

    label: str | None
    start: int
    end: int
    section: str | None = None
    role: str | None = None  # set when the header itself states the role
    paragraphs: list[tuple[int, int]] | None = None  # None: one per non-blank line


@dataclass
class Builder:
    """Collects what a family parser finds and turns it into a ``ParsedTranscript``."""

    text: str
    format: str
    roster: Roster = field(default_factory=Roster)
    turns: list[PendingTurn] = field(default_factory=list)
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    pair_translations: bool = False

    def boiler(self, start: int, end: int) -> None:
        """Mark ``[start, end)`` (trimmed) as boilerplate: not part of the call."""
        s, e = trim(self.text, start, end)
        if s < e:
            self.boilerplate.append((s, e))

    def participant(
        self, name: str, role: str = "unknown", affiliation: str | None = None,
        aliases: list[str] | None = None,
    ) -> Participant:
        """Add a roster entry (merged with an existing one of the same name)."""
        return self.roster.add(Participant(name.strip(), role, affiliation, list(aliases or [])))

    def turn(self, label: str | None, start: int, end: int, **kw: object) -> None:
        """Add a turn whose body is ``text[start:end]`` (trimmed; empty bodies are dropped)."""
        s, e = trim(self.text, start, end)
        if s < e:
            self.turns.append(PendingTurn(label.strip() if label else label, s, e, **kw))

    def fill_metadata(self, head: str) -> None:
        """Fill metadata fields still empty from the opening text of the call."""
        md = self.metadata
        md.fiscal_period = md.fiscal_period or fiscal_period(head)
        md.date = md.date or call_date(head)
        md.ticker = md.ticker or ticker(head)

    def build(self) -> ParsedTranscript:
        """Resolve speakers, roles, paragraphs, languages, translations and sections."""
        turns = [self._resolve(i, p) for i, p in enumerate(self.turns)]
        if any(t.section is None for t in turns) and not all(t.section is None for t in turns):
            _fill_sections_forward(turns)
        elif all(t.section is None for t in turns):
            infer_sections(turns, self.text)
        return ParsedTranscript(
            format=self.format,
            text=self.text,
            metadata=self.metadata,
            participants=self.roster.participants,
            turns=turns,
            boilerplate=sorted(set(self.boilerplate)),
            warnings=self.warnings,
        )

    def _resolve(self, index: int, p: PendingTurn) -> Turn:
        spans = p.paragraphs if p.paragraphs is not None else line_paragraphs(
            self.text, p.start, p.end)
        paragraphs = [Paragraph(s, e, detect_lang(self.text[s:e])) for s, e in spans]
        if self.pair_translations:
            pair_translations(paragraphs)
        who = self.roster.identify(p.label)
        role = p.role or (who.role if who else None)
        if role is None:
            role = "operator" if p.label and _OPERATOR.match(p.label) else "unknown"
        return Turn(
            index=index, label=p.label, speaker=who.name if who else None, role=role,
            section=p.section, start=p.start, end=p.end, paragraphs=paragraphs,
        )


def pair_translations(paragraphs: list[Paragraph]) -> None:
    """Mark each non-English paragraph that follows an English one as its translation."""
    for i, para in enumerate(paragraphs):
        if i and para.lang in ("zh", "ar") and paragraphs[i - 1].lang == "en" \
                and paragraphs[i - 1].translation_of is None:
            para.translation_of = i - 1


def infer_sections(turns: list[Turn], text: str) -> None:
    """Sections for a source that does not mark them: Q&A opens with the operator's first
    question introduction after someone else has spoken."""
    qa_from = None
    spoken = False
    for t in turns:
        body = text[t.start:t.end]
        if t.role == "operator" and spoken and _QA_OPENING.search(body):
            qa_from = t.index
            break
        if t.role != "operator":
            spoken = True
    for t in turns:
        t.section = "qa" if qa_from is not None and t.index >= qa_from else "prepared"


def _fill_sections_forward(turns: list[Turn]) -> None:
    """Turns before the first section marker are prepared remarks; others inherit."""
    current = "prepared"
    for t in turns:
        if t.section is None:
            t.section = current
        else:
            current = t.section
