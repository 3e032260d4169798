"""What an extractor returns: mentions, speaker suggestions and translation checks, and the
``reviewer extract --json`` object (DESIGN.md, "Contracts")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MENTION_FIELDS = ("start", "end", "text", "turn", "metric", "value", "low", "high", "unit",
                  "period", "kind", "basis", "confidence")
KINDS = ("actual", "guidance", "target", "comparison")
BASES = ("gaap", "non_gaap", None)


@dataclass
class Mention:
    """A span that states a quantity, with what it measures.

    ``extra`` holds what the JSON contract has no field for (who said it, approximation…);
    it is stored with a run's predictions but not printed by ``reviewer extract --json``.
    """

    start: int
    end: int
    text: str
    turn: int | None
    metric: str | None
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    period: str | None
    kind: str
    basis: str | None
    confidence: float
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The contract's mention object (exactly its fields, in its order)."""
        return {k: getattr(self, k) for k in MENTION_FIELDS}


@dataclass
class ExtractionResult:
    """Everything one extractor found in one transcript."""

    extractor: str
    version: str
    mentions: list[Mention] = field(default_factory=list)
    speaker_suggestions: list[Any] = field(default_factory=list)
    translation_checks: list[Any] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The ``reviewer extract FILE --json`` object."""
        return {
            "extractor": {"name": self.extractor, "version": self.version},
            "mentions": [m.to_json() for m in self.mentions],
            "speaker_suggestions": [suggestion_json(s) for s in self.speaker_suggestions],
            "translation_checks": [check_json(c) for c in self.translation_checks],
        }


def suggestion_json(s: Any) -> dict[str, Any]:
    """A speaker suggestion (any object or dict with the contract's fields) as JSON."""
    get = s.get if isinstance(s, dict) else (lambda k: getattr(s, k, None))
    return {k: get(k) for k in ("turn", "label", "suggested", "reason", "confidence")}


def check_json(c: Any) -> dict[str, Any]:
    """A translation check (object or dict) as JSON; spans become ``[start, end]`` lists."""
    get = c.get if isinstance(c, dict) else (lambda k: getattr(c, k, None))
    source, translation = get("source"), get("translation")
    return {
        "source": list(source) if source is not None else None,
        "translation": list(translation) if translation is not None else None,
        "source_value": get("source_value"),
        "translation_value": get("translation_value"),
        "consistent": bool(get("consistent")),
    }
