"""The HTML report's bar charts label their value axis."""

from __future__ import annotations

import re

from reviewer.core.evaluate.charts import Series, bar_chart


def _axis_labels(svg: str) -> list[str]:
    return re.findall(r'class="ca">([^<]*)</text>', svg)


def test_unit_scale_axis_is_labelled_from_zero_to_one() -> None:
    svg = bar_chart("F1", ["revenue", "eps"], [Series("run 1", [0.5, 0.25])])
    assert _axis_labels(svg) == ["0", "0.250", "0.500", "0.750", "1"]


def test_count_scale_follows_the_largest_value() -> None:
    svg = bar_chart("Mentions", ["a", "b"], [Series("gold", [8.0, 2.0])], scale_max=None)
    assert _axis_labels(svg) == ["0", "2", "4", "6", "8"]


def test_percent_axis() -> None:
    svg = bar_chart("Accuracy", ["period"], [Series("run", [0.9])], percent=True)
    assert _axis_labels(svg) == ["0%", "25%", "50%", "75%", "100%"]
