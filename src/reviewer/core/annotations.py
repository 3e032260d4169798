"""What a row of ``annotations`` means to both sides that read it: the review
(``review.records.Annotation``) and the gold (``store.gold_records.MentionRecord``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any, Self

# The statuses that put an annotation in the gold (pending and rejected ones are not).
GOLD_STATUSES = ("accepted", "corrected", "added")


class FromRow:
    """Mixin for a dataclass read from a table row or a JSON object."""

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Self:
        """Build from ``row``, ignoring keys that are not fields."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in row.items() if k in names})
