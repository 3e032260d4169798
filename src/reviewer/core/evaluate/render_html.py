"""The evaluation report as one self-contained HTML page (inline CSS and SVG, no script)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from reviewer.core.evaluate.charts import CHART_CSS, Series, bar_chart
from reviewer.core.evaluate.matching import MODES
from reviewer.core.evaluate.render_text import KEY_FIGURES, SLICE_TITLES, cell, interval, pct
from reviewer.core.evaluate.values import ERRORS
from reviewer.core.export.atomic import atomic_write_text

CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1100px;
       color: #222; padding: 0 16px; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 32px; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 9px; border-bottom: 1px solid #eee; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #f4f4f4; font-weight: 600; }
p.note { color: #555; max-width: 900px; } .warn { color: #a33; }
""" + CHART_CSS


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    head = "".join(f"<th>{escape(str(h))}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell(c))}</td>" for c in r) + "</tr>"
                   for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(report: dict, *, title: str = "Extractor evaluation",
                problems: int = 200) -> str:
    """The report as an HTML document (a string), listing up to ``problems`` errors a
    system (false positives and negatives, boundary, metric and value errors)."""
    systems = report["systems"]
    g, st = report["gold"], report["settings"]
    parts = [f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{escape(title)}"
             f"</title><style>{CSS}</style></head><body><h1>{escape(title)}</h1>",
             f"<p>Gold: <b>{g['transcripts']}</b> reviewed transcript(s), "
             f"<b>{g['mentions']}</b> mention(s), {g['rejected']} rejected prediction(s), "
             f"{g['turns']} turn(s){', as of ' + escape(g['as_of']) if g.get('as_of') else ''}."
             f" Value tolerance {100 * st['tolerance']:g}% relative; intervals: "
             f"{100 * st['confidence']:g}% percentile bootstrap over transcripts, "
             f"{st['resamples']} resamples (seed {st['seed']}).</p>"]
    for w in report["warnings"]:
        parts.append(f'<p class="warn">⚠ {escape(w)}</p>')

    def series(get, ci=None) -> list[Series]:
        return [Series(s["name"], [get(s, c) for c in cats],
                       [ci(s, c) for c in cats] if ci else None) for s in systems]

    parts.append("<h2>Mention detection</h2><p class=note>Strict: exact span and metric. "
                 "Exact: exact span. Partial: overlap counts half. Type: overlap and same "
                 "metric. One gold mention matches at most one prediction.</p>")
    cats = list(MODES)
    parts.append(bar_chart("Micro F1 by matching mode (bars: 95% interval)", cats, series(
        lambda s, m: s["mentions"][m]["f1"], lambda s, m: s["mentions"][m]["ci"].get("f1"))))
    parts.append(_table(
        ["system", "mode", "P", "R", "F1", "F1 interval", "macro F1", "COR", "INC", "PAR",
         "MIS", "SPU"],
        [[s["name"], m, t["precision"], t["recall"], t["f1"], interval(t["ci"].get("f1")),
          s["macro"][m]["f1"], t["cor"], t["inc"], t["par"], t["mis"], t["spu"]]
         for s in systems for m in MODES for t in [s["mentions"][m]]]))
    for key, label in (("per_metric", "metric"), ("per_unit_family", "unit family")):
        cats = sorted({k for s in systems for k in s[key]})
        parts.append(f"<h2>Per {label}</h2>")
        parts.append(bar_chart(f"Strict F1 per {label}", cats, series(
            lambda s, c, key=key: s[key].get(c, {}).get("strict", {}).get("f1"))))
        parts.append(_table(
            ["system", label, "gold", "pred", "strict P", "strict R", "strict F1",
             "partial F1", "type F1"],
            [[s["name"], k, v["strict"]["possible"], v["strict"]["actual"],
              v["strict"]["precision"], v["strict"]["recall"], v["strict"]["f1"],
              v["partial"]["f1"], v["type"]["f1"]] for s in systems for k, v in s[key].items()]))
    parts.append("<h2>Values, periods and kinds on matched mentions</h2>")
    cats = ["exact value", "within tolerance", "period", "kind", "metric"]
    parts.append(bar_chart("Accuracy on matched mentions", cats, series(
        lambda s, c: _value_rate(s["values"], c)), percent=True))
    parts.append(_table(
        ["system", "matched", "compared", "exact", "within tol.", "interval", "period", "kind",
         "metric"],
        [[s["name"], v["matched"], v["compared"], pct(v["exact_rate"]), pct(v["within_rate"]),
          interval(v["ci"].get("within_rate")), pct(v["period"]["accuracy"]),
          pct(v["kind"]["accuracy"]), pct(v["metric"]["accuracy"])]
         for s in systems for v in [s["values"]]]))
    cats = list(ERRORS)
    parts.append(bar_chart("Value errors (count)", cats, series(
        lambda s, e: float(s["values"]["errors"].get(e, 0))), scale_max=None))
    parts.append(_table(["system", *ERRORS, "scale factors"], [
        [s["name"], *[s["values"]["errors"].get(e, 0) for e in ERRORS],
         " ".join(f"×{k}: {n}" for k, n in s["values"]["scale_factors"].items()) or "-"]
        for s in systems]))
    parts.append("<h2>Facts, end to end</h2><p class=note>Distinct (metric, value, unit, "
                 "period, kind) per transcript, wherever they are said.</p>")
    parts.append(_table(["system", "gold", "pred", "matched", "P", "R", "F1", "F1 interval"], [
        [s["name"], f["gold"], f["predicted"], f["matched"], f["precision"], f["recall"],
         f["f1"], interval(f["ci"].get("f1"))] for s in systems for f in [s["facts"]]]))
    parts.append("<h2>Speaker labels</h2>")
    cats = ["imported labels", "after suggestions"]
    parts.append(bar_chart("Speaker-label accuracy", cats, series(
        lambda s, c: s["speakers"]["raw_accuracy" if c == cats[0] else "after_accuracy"]),
        percent=True))
    parts.append(_table(
        ["system", "turns", "raw accuracy", "wrong labels", "suggestions", "caught",
         "wrong fix", "broken", "after"],
        [[s["name"], sp["turns"], pct(sp["raw_accuracy"]), sp["wrong_labels"],
          sp["suggestions"], sp["caught"], sp["wrong_fix"], sp["broken"],
          pct(sp["after_accuracy"])] for s in systems for sp in [s["speakers"]]]))
    parts.append("<h2>Slices</h2>")
    for dim, label in SLICE_TITLES.items():
        cats = sorted({k for s in systems for k in s["slices"][dim]})
        parts.append(bar_chart(f"Strict F1 by {label}", cats, series(
            lambda s, c, dim=dim: s["slices"][dim].get(c, {}).get("strict", {}).get("f1"))))
    if report["comparisons"]:
        parts.append(f"<h2>Differences against {escape(report['comparisons'][0]['baseline'])}"
                     "</h2><p class=note>Paired bootstrap: an interval that excludes 0 is a "
                     "difference the gold can tell apart.</p>")
        parts.append(_table(["system", "figure", "difference", "interval"], [
            [c["system"], k, f"{c['diff'][k]:+.3f}", interval(c["ci"].get(k))]
            for c in report["comparisons"] for k in KEY_FIGURES]))
    for s in systems:
        shown = s["problems"][:problems]
        parts.append(f"<h2>Errors: {escape(s['name'])} ({len(shown)} of "
                     f"{len(s['problems'])})</h2>")
        parts.append(_table(
            ["type", "transcript", "span", "text", "metric", "value", "gold", "value error"],
            [[p["type"], p["name"], f"{p['start']}-{p['end']}",
              (p.get("text") or "")[:80], p["metric"], _quantity(p),
              _quantity(p["gold"]) if p.get("gold") else "", p.get("error") or ""]
             for p in shown]))
    parts.append("</body></html>\n")
    return "".join(parts)


def _quantity(m: dict) -> str:
    if m["value"] is not None:
        q = f"{m['value']:,.10g}"
    elif m["low"] is not None or m["high"] is not None:
        q = " – ".join("?" if v is None else f"{v:,.10g}" for v in (m["low"], m["high"]))
    else:
        q = "-"
    return f"{q} {m['unit'] or ''}".strip()


def _value_rate(v: dict, which: str) -> float | None:
    if which == "exact value":
        return v["exact_rate"]
    if which == "within tolerance":
        return v["within_rate"]
    return v[which]["accuracy"]


def write_html(report: dict, path: str | Path, *, title: str = "Extractor evaluation") -> Path:
    """Write the HTML report atomically (``ExportError`` when it cannot be written)."""
    return atomic_write_text(path, render_html(report, title=title))
