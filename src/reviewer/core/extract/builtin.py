"""The built-in extractor: our number grammar, metric taxonomy, periods and kinds, plus the
speaker suggestions and translation checks.

Mentions come from every paragraph that is not a translation of another one and does not lie
in boilerplate; ``turn`` is the turn's index. Numbers in analysts' questions (and the
operator's lines) are kept with half the confidence and ``extra["quoted"]`` set (see
``annotate``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from reviewer.core.extract.annotate import CallState, TurnState, annotate_paragraph
from reviewer.core.extract.metrics.fiscal import fiscal_year_end_month, parse_fiscal_period
from reviewer.core.extract.metrics.taxonomy import Taxonomy, default_taxonomy, load_taxonomy
from reviewer.core.extract.numbers import shared_quantities
from reviewer.core.extract.result import ExtractionResult, Mention
from reviewer.core.model import ParsedTranscript

log = logging.getLogger(__name__)

VERSION = "0.1.0"
DEFAULT_CONFIG: dict[str, Any] = {
    "min_confidence": 0.0,  # drop mentions below this confidence
    "speakers": True,  # run the speaker-label suggestions
    "translations": True,  # run the translation checks
    "spacy": False,  # go through the spaCy pipeline (same mentions, slower)
    "taxonomy": None,  # a taxonomy file to use instead of the user's (path)
}


class BuiltinExtractor:
    """Our extractor (entry point ``builtin`` of the ``reviewer.extractors`` group)."""

    name = "builtin"
    version = VERSION

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        unknown = set(config or {}) - set(DEFAULT_CONFIG)
        if unknown:
            from reviewer.core.extract.registry import ExtractorError

            raise ExtractorError(f"unknown option(s) of the builtin extractor: "
                                 f"{', '.join(sorted(unknown))}")
        self._options = {**DEFAULT_CONFIG, **(config or {})}
        path = self._options["taxonomy"]
        if path:
            from pathlib import Path

            self.taxonomy: Taxonomy = load_taxonomy(Path(path))
        else:
            self.taxonomy = default_taxonomy()

    @property
    def config(self) -> dict[str, Any]:
        """Everything that changes the output (recorded with a run and hashed)."""
        return {**self._options, "taxonomy_digest": self.taxonomy.digest}

    def extract(self, parsed: ParsedTranscript) -> ExtractionResult:
        """Mentions, speaker suggestions and translation checks of one transcript."""
        # The translation checks read the original paragraphs' numbers the mentions read.
        with shared_quantities():
            result = ExtractionResult(self.name, self.version, self.mentions(parsed))
            if self._options["speakers"]:
                result.speaker_suggestions = _optional(parsed, "speakers", "suggest_speakers")
            if self._options["translations"]:
                result.translation_checks = _optional(parsed, "translation",
                                                      "check_translations")
        return result

    def mentions(self, parsed: ParsedTranscript) -> list[Mention]:
        """The metric mentions of one transcript, in text order."""
        text = parsed.text
        call = CallState(parse_fiscal_period(parsed.metadata.fiscal_period))
        call.fy_end_month = fiscal_year_end_month(text, call.period)
        if self._options["spacy"]:
            from reviewer.core.extract.pipeline import annotate_with_spacy as annotate
        else:
            annotate = annotate_paragraph
        out: list[Mention] = []
        state = TurnState()
        last_turn: object = object()
        for turn, role, start, end, lang in original_paragraphs(parsed):
            if turn != last_turn:
                state, last_turn = TurnState(role=role), turn
            out.extend(annotate(text, start, end, lang, turn, call, state, self.taxonomy))
        floor = self._options["min_confidence"] or 0.0
        return [m for m in out if m.confidence >= floor]


def original_paragraphs(parsed: ParsedTranscript) -> Iterator[tuple[int | None, str, int, int,
                                                                      str]]:
    """``(turn index, role, start, end, lang)`` of every paragraph that is neither a
    translation nor boilerplate (a transcript without turns: its non-empty lines)."""
    boiler = sorted(parsed.boilerplate)

    def in_boilerplate(s: int, e: int) -> bool:
        return any(bs < e and s < be for bs, be in boiler)

    if not parsed.turns:
        pos = 0
        for line in parsed.text.splitlines(keepends=True):
            s, e = pos, pos + len(line.rstrip())
            pos += len(line)
            if e > s and not (boiler and in_boilerplate(s, e)):  # no call when there is none
                yield None, "unknown", s, e, "en"
        return
    for t in parsed.turns:
        paras = t.paragraphs or []
        if not paras:
            if not in_boilerplate(t.start, t.end):
                yield t.index, t.role, t.start, t.end, "en"
            continue
        for p in paras:
            if p.translation_of is None and not (boiler and in_boilerplate(p.start, p.end)):
                yield t.index, t.role, p.start, p.end, p.lang


def _optional(parsed: ParsedTranscript, module: str, func: str) -> list[Any]:
    """Call another helper's analysis when its module is present; its failure must not cost
    the user the mentions, so it is logged and yields nothing."""
    import importlib

    name = f"reviewer.core.extract.{module}"
    try:
        mod = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            log.exception("%s cannot be imported", name)
        return []
    try:
        return list(getattr(mod, func)(parsed))
    except Exception:
        log.exception("%s.%s failed", module, func)
        return []
