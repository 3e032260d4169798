"""Inline SVG bar charts for the HTML report and the app (no script, no external file).

Rates are drawn on a percent axis; differences between systems on an axis of percentage
points centred on 0. Every chart has a title, a value-axis title, and a legend when it shows
several systems. The ``width`` is the page's width (the HTML lets it shrink with the window).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

LABEL_W, LABEL_CHARS = 236, 28
DEFAULT_WIDTH = 1100  # the HTML report's content width (its body's max-width)
PALETTE = ("#3b6ea5", "#e07b39", "#4c9a5b", "#b5485d", "#7d5ba6", "#8c7a4f")
BAR_H, GAP, RIGHT = 14, 10, 90


@dataclass
class Series:
    """One system's bars: a value per category and optionally an interval per category."""

    name: str
    values: Sequence[float | None]
    intervals: Sequence[Sequence[float] | None] | None = None


def bar_chart(title: str, categories: Sequence[str], series: Sequence[Series], *,
              scale_max: float | None = 1.0, percent: bool = False, axis: str = "",
              width: int = DEFAULT_WIDTH) -> str:
    """Horizontal grouped bars: one group per category, one bar per series.

    Interval whiskers are drawn when a series has them. ``scale_max`` None scales to the
    largest value (for counts). ``axis`` titles the value axis.
    """
    vals = [v for s in series for v in s.values if v is not None]
    vmax = scale_max if scale_max is not None else max(vals, default=0) or 1
    ticks = [t * vmax for t in (0, 0.25, 0.5, 0.75, 1.0)]
    return _chart(title, categories, series, lo=0.0, hi=vmax, ticks=ticks,
                  fmt=lambda v: _fmt(v, percent), tick_fmt=lambda v: _tick(v, percent),
                  axis=axis, width=width)


def diff_chart(title: str, categories: Sequence[str], series: Sequence[Series], *,
               axis: str = "difference (percentage points)", width: int = DEFAULT_WIDTH) -> str:
    """Differences against a baseline (fractions, drawn in points) on an axis centred on 0:
    a bar from 0 to the difference and the paired interval's whisker."""
    ends = [abs(x) for s in series for v in s.values if v is not None for x in [v]]
    ends += [abs(x) for s in series for iv in (s.intervals or []) if iv for x in iv]
    m = _nice(max(ends, default=0.0) or 0.05)
    ticks = [-m, -m / 2, 0.0, m / 2, m]
    return _chart(title, categories, series, lo=-m, hi=m, ticks=ticks,
                  fmt=lambda v: "\u2013" if v is None else f"{100 * v:+.1f}",
                  tick_fmt=lambda v: f"{100 * v:+g}" if v else "0", axis=axis, width=width)


def _chart(title: str, categories: Sequence[str], series: Sequence[Series], *, lo: float,
           hi: float, ticks: Sequence[float], fmt: Callable[[float | None], str],
           tick_fmt: Callable[[float], str], axis: str, width: int) -> str:
    # LABEL_W holds a LABEL_CHARS-character label in a wide sans-serif at 12 px (DejaVu Sans,
    # what browsers on Linux use for system-ui): a longer metric id is shortened, not clipped.
    label_w = LABEL_W
    plot_w = max(200, width - label_w - RIGHT)
    n = max(1, len(series))
    group_h = n * BAR_H + GAP
    top = 28 + (18 if len(series) > 1 else 0)
    plot_bottom = top + len(categories) * group_h
    height = plot_bottom + (40 if axis else 22)  # tick labels, then the axis title

    def x(v: float) -> float:
        return label_w + (max(lo, min(hi, v)) - lo) / ((hi - lo) or 1) * plot_w

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
           'class="chart">', f'<text x="0" y="16" class="ct">{escape(title)}</text>']
    if len(series) > 1:
        lx = label_w
        for i, s in enumerate(series):
            out.append(f'<rect x="{lx}" y="24" width="10" height="10" '
                       f'fill="{PALETTE[i % len(PALETTE)]}"/>'
                       f'<text x="{lx + 14}" y="33" class="cl">{escape(s.name)}</text>')
            lx += 30 + 7 * len(s.name)
    for t in ticks:
        tx = x(t)
        stroke = "#888" if t == 0 and lo < 0 else "#ddd"
        out.append(f'<line x1="{tx:.1f}" y1="{top - 4}" x2="{tx:.1f}" y2="{plot_bottom}" '
                   f'stroke="{stroke}"/><text x="{tx:.1f}" y="{plot_bottom + 14}" '
                   f'text-anchor="middle" class="ca">{tick_fmt(t)}</text>')
    if axis:
        out.append(f'<text x="{label_w + plot_w / 2:.1f}" y="{plot_bottom + 32}" '
                   f'text-anchor="middle" class="cx">{escape(axis)}</text>')
    for ci, cat in enumerate(categories):
        y0 = top + ci * group_h
        out.append(f'<text x="{label_w - 6}" y="{y0 + n * BAR_H / 2 + 4:.1f}" '
                   f'text-anchor="end" class="cl"><title>{escape(cat)}</title>'
                   f'{escape(_short(cat))}</text>')
        for si, s in enumerate(series):
            out += _bar(s, si, ci, y0 + si * BAR_H, x, lo, fmt)
    out.append("</svg>")
    return "".join(out)


def _bar(s: Series, si: int, ci: int, y: float, x: Callable[[float], float], lo: float,
         fmt: Callable[[float | None], str]) -> list[str]:
    v = s.values[ci]
    zero = x(max(lo, 0.0))
    end = zero if v is None else x(v)
    left, w = min(zero, end), abs(end - zero)
    out = [f'<rect x="{left:.1f}" y="{y + 1}" width="{w:.1f}" height="{BAR_H - 3}" '
           f'fill="{PALETTE[si % len(PALETTE)]}"><title>{escape(s.name)}: {fmt(v)}</title>'
           '</rect>']
    iv = s.intervals[ci] if s.intervals else None
    label_x = max(zero, end) + 4
    if iv:
        x1, x2 = x(iv[0]), x(iv[1])
        ym = y + BAR_H / 2
        # Attributes, not CSS: the chart stays right when the SVG is cut out alone.
        out.append(f'<path d="M{x1:.1f} {ym - 3:.1f}v6M{x1:.1f} {ym:.1f}H{x2:.1f}'
                   f'M{x2:.1f} {ym - 3:.1f}v6" stroke="#111" stroke-width="1.2" fill="none"/>')
        label_x = max(label_x, x2 + 4)
    out.append(f'<text x="{label_x:.1f}" y="{y + BAR_H - 3}" class="cv">{fmt(v)}</text>')
    return out


def _nice(v: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten that is at least ``v``."""
    if v <= 0:
        return 1.0
    p = 10 ** math.floor(math.log10(v))
    return next(k * p for k in (1, 2, 2.5, 5, 10) if k * p >= v - 1e-12)


def _short(s: str, n: int = LABEL_CHARS) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _fmt(v: float | None, percent: bool) -> str:
    if v is None:
        return "\u2013"
    if percent:
        return f"{100 * v:.1f}%"
    return f"{v:.3f}" if isinstance(v, float) and not v.is_integer() else f"{v:g}"


def _tick(v: float, percent: bool) -> str:
    if percent:
        return f"{100 * v:g}%"
    return _fmt(v, False)


CHART_CSS = """
svg.chart { font: 12px system-ui, sans-serif; margin: 8px 0 18px; width: 100%;
            height: auto; display: block; }
svg.chart .ct { font-weight: 600; font-size: 13px; }
svg.chart .cl, svg.chart .cv { fill: #333; }
svg.chart .ca { fill: #777; font-size: 11px; }
svg.chart .cx { fill: #555; font-size: 12px; }
"""
