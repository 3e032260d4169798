"""The one label rule shared by every export format (and by training).

A gold mention's label is its metric id (``revenue``, ``gross_margin``…). A mention a reviewer
accepted without a metric — a figure whose metric is not in the taxonomy, or left open — is
still a figure: it gets the label ``figure`` in JSONL, CSV, CoNLL and DocBin alike, never
``null``, ``UNKNOWN`` or ``MENTION``. On import the label ``figure`` means "no metric".
"""

from __future__ import annotations

FIGURE = "figure"


def span_label(metric: str | None) -> str:
    """The label of a mention with ``metric`` (``figure`` when it has none)."""
    return metric or FIGURE


def label_metric(label: str | None) -> str | None:
    """The metric a label stands for (``None`` for ``figure`` or no label)."""
    return None if label in (None, "", FIGURE) else label
