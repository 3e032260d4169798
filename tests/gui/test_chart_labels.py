"""The SVG charts of the evaluation report (HTML and app): category labels are never clipped."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF

from reviewer.core.evaluate.charts import LABEL_W, Series, bar_chart
from reviewer.core.extract.metrics.taxonomy import default_taxonomy


def test_the_longest_metric_label_fits_left_of_the_bars(qapp) -> None:
    # Chromium draws the HTML report's labels in DejaVu Sans 12 px on Debian; with 190 px,
    # "sales_marketing_expense_pct…" lost its first letter to the left edge.
    font = QFont("DejaVu Sans")
    font.setPixelSize(12)
    if QFontInfo(font).family() != "DejaVu Sans":
        pytest.skip("DejaVu Sans is not installed")
    metrics = sorted(default_taxonomy().metrics, key=len)[-12:]
    svg = bar_chart("Strict F1 per metric", metrics, [Series("run", [0.5] * len(metrics))])
    labels = re.findall(r'class="cl"><title>[^<]*</title>([^<]*)</text>', svg)
    assert len(labels) == len(metrics)
    fm = QFontMetricsF(font)
    room = LABEL_W - 6  # the labels end 6 px left of the bars
    assert max(fm.horizontalAdvance(s) for s in labels) <= room
