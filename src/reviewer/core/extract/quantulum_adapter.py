"""Adapter of quantulum3 (a third-party quantity extractor, MIT licence) to our extractor
interface, so users can score a peer on their own gold. Install with the ``quantulum`` extra
(``pip install transcript-reviewer[quantulum]``); it runs offline (its optional classifier,
which needs scikit-learn, is not used).

quantulum3 finds quantities and units but knows nothing of financial metrics, periods or
guidance: its mentions have ``metric``/``period``/``basis`` null and ``kind`` "actual".
Ranges come out as two quantities, as quantulum3 reports them.
"""

from __future__ import annotations

import warnings
from importlib import metadata
from typing import Any

from reviewer.core.extract.builtin import original_paragraphs
from reviewer.core.extract.result import ExtractionResult, Mention
from reviewer.core.model import ParsedTranscript

_UNITS = {"percentage": "percent", "basis point": "bps", "dimensionless": "count"}


class QuantulumExtractor:
    """Entry point ``quantulum3`` of the ``reviewer.extractors`` group."""

    name = "quantulum3"

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        problem = self.available()
        if problem:
            from reviewer.core.extract.registry import ExtractorError

            raise ExtractorError(problem)
        self.version = metadata.version("quantulum3")
        self._config = {"lang": "en_US", **(config or {})}
        self._parser = _load_parser()

    @staticmethod
    def available() -> str | None:
        """None when quantulum3 can be used here, else why not."""
        try:
            metadata.version("quantulum3")
        except metadata.PackageNotFoundError:
            return ("quantulum3 is not installed (pip install "
                    "'transcript-reviewer[quantulum]')")
        return None

    @property
    def config(self) -> dict[str, Any]:
        """Options recorded with a run."""
        return dict(self._config)

    def extract(self, parsed: ParsedTranscript) -> ExtractionResult:
        """quantulum3's quantities in every original, non-boilerplate paragraph."""
        text = parsed.text
        out: list[Mention] = []
        for turn, _role, start, end, lang in original_paragraphs(parsed):
            if lang != "en":
                continue  # quantulum3 reads English only
            out.extend(self.paragraph_mentions(text, start, end, turn))
        return ExtractionResult(self.name, self.version, out)

    def paragraph_mentions(self, text: str, start: int, end: int,
                           turn: int | None) -> list[Mention]:
        """The mentions of ``text[start:end]`` (offsets into ``text``)."""
        para = text[start:end]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = self._parser.parse(para, lang=self._config["lang"])
        out = []
        for q in found:
            s, e = q.span
            unit = q.unit
            if getattr(unit, "currency_code", None):
                code = unit.currency_code
            else:
                code = _UNITS.get(unit.name, unit.name)
            if q.value is None:
                continue
            out.append(Mention(start + s, start + e, text[start + s:start + e], turn, None,
                               float(q.value), None, None, code, None, "actual", None, 0.5))
        return out


def _load_parser() -> Any:
    with warnings.catch_warnings():
        # quantulum3 warns at import that its optional classifier is missing.
        warnings.simplefilter("ignore")
        from quantulum3 import parser
    return parser
