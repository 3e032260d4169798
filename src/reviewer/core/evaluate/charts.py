"""Inline SVG bar charts for the HTML report (no script, no external file)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

LABEL_W, LABEL_CHARS = 236, 28
PALETTE = ("#3b6ea5", "#e07b39", "#4c9a5b", "#b5485d", "#7d5ba6", "#8c7a4f")


@dataclass
class Series:
    """One system's bars: a value per category and optionally an interval per category."""

    name: str
    values: Sequence[float | None]
    intervals: Sequence[Sequence[float] | None] | None = None


def bar_chart(title: str, categories: Sequence[str], series: Sequence[Series], *,
              scale_max: float | None = 1.0, percent: bool = False) -> str:
    """Horizontal grouped bars: one group per category, one bar per series.

    Interval whiskers are drawn when a series has them. ``scale_max`` None scales to the
    largest value (for counts).
    """
    # LABEL_W holds a LABEL_CHARS-character label in a wide sans-serif at 12 px (DejaVu Sans,
    # what browsers on Linux use for system-ui): a longer metric id is shortened, not clipped.
    bar_h, gap, label_w, plot_w, right = 14, 10, LABEL_W, 420, 70
    n = max(1, len(series))
    group_h = n * bar_h + gap
    top = 28 + (18 if len(series) > 1 else 0)
    plot_bottom = top + len(categories) * group_h
    height = plot_bottom + 22  # room for the axis labels under the plot
    vals = [v for s in series for v in s.values if v is not None]
    vmax = scale_max if scale_max is not None else max(vals, default=0) or 1
    width = label_w + plot_w + right
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'role="img" aria-label="{escape(title)}" class="chart">',
           f'<text x="0" y="16" class="ct">{escape(title)}</text>']
    if len(series) > 1:
        x = label_w
        for i, s in enumerate(series):
            out.append(f'<rect x="{x}" y="24" width="10" height="10" '
                       f'fill="{PALETTE[i % len(PALETTE)]}"/>'
                       f'<text x="{x + 14}" y="33" class="cl">{escape(s.name)}</text>')
            x += 24 + 7 * len(s.name)
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        tx = label_w + tick * plot_w
        out.append(f'<line x1="{tx:.1f}" y1="{top - 4}" x2="{tx:.1f}" y2="{plot_bottom}" '
                   'stroke="#ddd"/>'
                   f'<text x="{tx:.1f}" y="{plot_bottom + 14}" text-anchor="middle" '
                   f'class="ca">{_fmt(tick * vmax, percent)}</text>')
    for ci, cat in enumerate(categories):
        y0 = top + ci * group_h
        out.append(f'<text x="{label_w - 6}" y="{y0 + n * bar_h / 2 + 4:.1f}" '
                   f'text-anchor="end" class="cl"><title>{escape(cat)}</title>'
                   f'{escape(_short(cat))}</text>')
        for si, s in enumerate(series):
            v = s.values[ci]
            y = y0 + si * bar_h
            color = PALETTE[si % len(PALETTE)]
            w = 0.0 if v is None else max(0.0, min(1.0, v / vmax)) * plot_w
            out.append(f'<rect x="{label_w}" y="{y + 1}" width="{w:.1f}" height="{bar_h - 3}" '
                       f'fill="{color}"><title>{escape(s.name)}: {_fmt(v, percent)}</title>'
                       '</rect>')
            iv = s.intervals[ci] if s.intervals else None
            label_x = label_w + w + 4
            if iv:
                x1 = label_w + max(0.0, min(1.0, iv[0] / vmax)) * plot_w
                x2 = label_w + max(0.0, min(1.0, iv[1] / vmax)) * plot_w
                ym = y + bar_h / 2
                # Attributes, not CSS: the chart stays right when the SVG is cut out alone.
                out.append(f'<path d="M{x1:.1f} {ym - 3:.1f}v6M{x1:.1f} {ym:.1f}H{x2:.1f}'
                           f'M{x2:.1f} {ym - 3:.1f}v6" stroke="#111" stroke-width="1.2" '
                           'fill="none"/>')
                label_x = max(label_x, x2 + 4)
            out.append(f'<text x="{label_x:.1f}" y="{y + bar_h - 3}" class="cv">'
                       f'{_fmt(v, percent)}</text>')
    out.append("</svg>")
    return "".join(out)


def _short(s: str, n: int = LABEL_CHARS) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _fmt(v: float | None, percent: bool) -> str:
    if v is None:
        return "-"
    if percent:
        return f"{100 * v:.1f}%"
    return f"{v:.3f}" if isinstance(v, float) and not v.is_integer() else f"{v:g}"


CHART_CSS = """
svg.chart { font: 12px system-ui, sans-serif; margin: 8px 0 18px; }
svg.chart .ct { font-weight: 600; font-size: 13px; }
svg.chart .cl, svg.chart .cv { fill: #333; }
svg.chart .ca { fill: #777; font-size: 11px; }
"""
