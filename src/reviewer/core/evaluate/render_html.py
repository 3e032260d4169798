"""The evaluation report as one self-contained HTML page (inline CSS and SVG, no script).

It opens with what a reader acts on: a verdict in words per system against the baseline,
a chart of the differences with their paired intervals, how much gold stands behind them and
why some zeros are structural. Then the detail. Rates are percentages everywhere and their
differences percentage points; "0" is a computed zero and "–" a figure that is not defined.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from html import escape
from pathlib import Path

from reviewer.core.evaluate.charts import CHART_CSS, Series, bar_chart, diff_chart
from reviewer.core.evaluate.matching import MODES
from reviewer.core.evaluate.render_text import FIGURE_NAMES, KEY_FIGURES, SLICE_TITLES
from reviewer.core.evaluate.values import ERRORS
from reviewer.core.evaluate.verdict import (
    KEY_NOTE,
    MIN_TRANSCRIPTS,
    applies,
    assigns_metrics,
    pct,
    pct_interval,
    points,
    points_interval,
    prf_cells,
    sample_problems,
    summarize,
)
from reviewer.core.export.atomic import atomic_write_text

CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1100px;
       color: #222; padding: 0 16px; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 32px; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 9px; border-bottom: 1px solid #eee; text-align: left;
         white-space: nowrap; vertical-align: top; }
td.n, th.n { text-align: right; } td.w { white-space: normal; min-width: 9em; }
td.sys { font-weight: 600; background: #fafafa; }
th { background: #f4f4f4; font-weight: 600; }
p.note, ul.notes { color: #555; max-width: 960px; } .warn { color: #a33; }
ul.verdicts { font-size: 15px; } .better { color: #1d7a35; font-weight: 600; }
.worse { color: #b02a37; font-weight: 600; } .unclear { color: #8a6d00; font-weight: 600; }
p.key { color: #555; font-size: 13px; border-left: 3px solid #ccc; padding-left: 8px; }
""" + CHART_CSS


def _cell(v: object) -> str:
    if v is None:
        return "\u2013"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def _is_num(v: object) -> bool:
    # Counts, rates ("61.5%"), differences ("+3.2") and interval cells line up on the right.
    if isinstance(v, int | float):
        return True
    s = str(v)
    return bool(re.match(r"[+-]?\d", s)) or s.startswith(("too few", "does not", "(a side"))


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]], *,
           wrap: Collection[int] = (), group: bool = True) -> str:
    """A table; with ``group`` the first column (the system) is written once per block."""
    head = "".join(f"<th{' class=n' if i and _num_col(rows, i, wrap) else ''}>{escape(h)}</th>"
                   for i, h in enumerate(headers))
    body = []
    for r, row in enumerate(rows):
        tds = []
        for i, v in enumerate(row):
            if i == 0 and group:
                if r and rows[r - 1][0] == v:
                    continue
                span = 1
                while r + span < len(rows) and rows[r + span][0] == v:
                    span += 1
                tds.append(f"<td class=sys rowspan={span}>{escape(_cell(v))}</td>")
                continue
            cls = "w" if i in wrap else "n" if i and _num_col(rows, i, wrap) else ""
            tds.append(f"<td{' class=' + cls if cls else ''}>{escape(_cell(v))}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    return (f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def _num_col(rows: Sequence[Sequence[object]], i: int, wrap: Collection[int] = ()) -> bool:
    return (i not in wrap and any(r[i] is not None for r in rows)
            and all(_is_num(r[i]) or r[i] is None for r in rows))


def render_html(report: dict, *, title: str = "Extractor evaluation",
                problems: int = 200) -> str:
    """The report as an HTML document (a string), listing up to ``problems`` errors a
    system, taken across transcripts (false positives and negatives, boundary, metric and
    value errors)."""
    summary = report.get("summary") or summarize(report)
    parts = [f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{escape(title)}"
             f"</title><style>{CSS}</style></head><body><h1>{escape(title)}</h1>"]
    parts += _opening(report, summary)
    parts += _mentions(report)
    parts += _per_group(report)
    parts += _values_and_speakers(report)
    parts += _slices(report)
    parts += _differences(report)
    for s in report["systems"]:
        parts += _errors(s, problems)
    parts.append("</body></html>\n")
    return "".join(parts)


def _opening(report: dict, summary: dict) -> list[str]:
    g, st = report["gold"], report["settings"]
    n = g["transcripts"]
    out = [f"<p>Gold: <b>{n}</b> reviewed transcript(s), <b>{g['mentions']}</b> mention(s), "
           f"{g['rejected']} rejected prediction(s), {g['turns']} turn(s)"
           f"{', as of ' + escape(g['as_of']) if g.get('as_of') else ''}. Value tolerance "
           f"{100 * st['tolerance']:g}% relative; intervals: {100 * st['confidence']:g}% "
           f"percentile bootstrap over transcripts, {st['resamples']} resamples "
           f"(seed {st['seed']}).</p>"]
    out += [f'<p class="warn">\u26a0 {escape(w)}</p>' for w in report["warnings"]]
    out.append("<h2>Verdict</h2>")
    if summary["verdicts"]:
        out.append(f"<p>Baseline: <b>{escape(summary['baseline'])}</b> (the first system); "
                   "each other system against it, on the F1 of the matching mode that applies "
                   "to both:</p><ul class=verdicts>")
        for v in summary["verdicts"]:
            cls = {"better": "better", "worse": "worse"}.get(v["word"], "unclear")
            head = escape(v["sentence"].rsplit(": ", 1)[0])
            out.append(f"<li>{head}: <span class={cls}>{escape(v['word'])}</span>.</li>")
        out.append("</ul>")
    else:
        out.append(f"<p>One system: {escape(report['systems'][0]['name'])}. Evaluate "
                   "another run with it (<code>--run A --run B</code>) for a verdict against "
                   "a baseline.</p>" if report["systems"] else "<p>No system.</p>")
    cls = "note" if summary["intervals_shown"] or not st["resamples"] else "warn"
    out.append(f'<p class="{cls}">{"" if cls == "note" else chr(0x26a0) + " "}'
               f"{escape(summary['gold'])}</p>")
    if summary["verdicts"]:
        out.append(_diff_chart(report, summary))
    if summary["notes"]:
        out.append("<ul class=notes>" + "".join(f"<li>{escape(x)}</li>"
                                                 for x in summary["notes"]) + "</ul>")
    out.append(f"<p class=key>Key: {escape(KEY_NOTE)} Rates are percentages; differences "
               "between systems are percentage points.</p>")
    return out


def _diff_chart(report: dict, summary: dict) -> str:
    n = report["gold"]["transcripts"]
    show = summary["intervals_shown"]
    cats = [FIGURE_NAMES[k] for k in KEY_FIGURES]
    by_name = {s["name"]: s for s in report["systems"]}
    series = []
    for c in report["comparisons"]:
        # A figure that needs metrics says nothing about a side that assigns none: no bar.
        keep = [applies(k, by_name[c["baseline"]], by_name[c["system"]]) for k in KEY_FIGURES]
        series.append(Series(c["system"], [c["diff"][k] if ok else None
                                           for k, ok in zip(KEY_FIGURES, keep, strict=True)],
                             [c["ci"].get(k) if show and ok else None
                              for k, ok in zip(KEY_FIGURES, keep, strict=True)]))
    note = ("bars: difference, whiskers: 95% paired interval" if show else
            f"no intervals: {n} transcript(s), fewer than {MIN_TRANSCRIPTS}")
    return diff_chart(f"Difference against {summary['baseline']} ({note}; \u2013: does not "
                      "apply, a side assigns no metric)", cats, series,
                      axis="difference from the baseline (percentage points)")


def _mode_order(s: dict) -> list[str]:
    # Lead with the modes that apply: a system with no metric is judged on spans first.
    return list(MODES) if assigns_metrics(s) else ["exact", "partial", "strict", "type"]


def _mentions(report: dict) -> list[str]:
    systems, n = report["systems"], report["gold"]["transcripts"]
    show = n >= MIN_TRANSCRIPTS
    out = ["<h2>Mention detection</h2><p class=note>Strict: exact span and metric. Exact: "
           "exact span. Partial: overlap counts half. Type: overlap and same metric. One gold "
           "mention matches at most one prediction.</p>"]
    out.append(bar_chart(
        "Micro F1 by matching mode" + (" (whiskers: 95% interval)" if show else ""),
        list(MODES), [Series(s["name"], [s["mentions"][m]["f1"] for m in MODES],
                             [s["mentions"][m]["ci"].get("f1") if show else None
                              for m in MODES]) for s in systems],
        percent=True, axis="F1 (%)"))
    rows = []
    for s in systems:
        structural = not assigns_metrics(s)
        for m in _mode_order(s):
            t = s["mentions"][m]
            note = ("0 by construction (no metric)"
                    if structural and m in ("strict", "type") else "")
            rows.append([s["name"], m, *prf_cells(t),
                         pct_interval(t["ci"].get("f1"), n), pct(s["macro"][m]["f1"]),
                         t["cor"], t["inc"], t["par"], t["mis"], t["spu"], note])
    out.append(_table(["system", "mode", "P", "R", "F1", "F1 interval", "macro F1", "COR",
                       "INC", "PAR", "MIS", "SPU", "note"], rows, wrap={12}))
    return out


def _per_group(report: dict) -> list[str]:
    systems = report["systems"]
    out = []
    for key, label in (("per_metric", "metric"), ("per_unit_family", "unit family")):
        cats = sorted({k for s in systems for k in s[key]})
        out.append(f"<h2>Per {label}</h2>")
        if any(not assigns_metrics(s) for s in systems) and key == "per_metric":
            out.append("<p class=note>A system that assigns no metric has all its predictions "
                       "under (none): its per-metric scores are 0 by construction.</p>")
        out.append(bar_chart(f"Strict F1 per {label}", cats, [
            Series(s["name"], [s[key].get(c, {}).get("strict", {}).get("f1") for c in cats])
            for s in systems], percent=True, axis="strict F1 (%)"))
        out.append(_table(
            ["system", label, "gold", "pred", "strict P", "strict R", "strict F1",
             "partial F1", "type F1"],
            [[s["name"], k, v["strict"]["possible"], v["strict"]["actual"],
              *prf_cells(v["strict"], v["partial"], v["type"])]
             for s in systems for k, v in s[key].items()]))
    return out


def _values_and_speakers(report: dict) -> list[str]:
    systems, n = report["systems"], report["gold"]["transcripts"]
    out = ["<h2>Values, periods and kinds on matched mentions</h2><p class=note>Period and "
           "kind count a matched pair when either side gives one (see docs/evaluation.md)."
           "</p>"]
    cats = ["exact value", "within tolerance", "period", "kind", "metric"]
    out.append(bar_chart("Accuracy on matched mentions", cats, [
        Series(s["name"], [_value_rate(s["values"], c) for c in cats]) for s in systems],
        percent=True, axis="share of matched mentions (%)"))
    out.append(_table(
        ["system", "matched", "compared", "exact", "within tol.", "interval", "period", "kind",
         "metric"],
        [[s["name"], v["matched"], v["compared"], pct(v["exact_rate"]), pct(v["within_rate"]),
          pct_interval(v["ci"].get("within_rate"), n), pct(v["period"]["accuracy"]),
          pct(v["kind"]["accuracy"]), pct(v["metric"]["accuracy"])]
         for s in systems for v in [s["values"]]]))
    out.append(bar_chart("Value errors", list(ERRORS), [
        Series(s["name"], [float(s["values"]["errors"].get(e, 0)) for e in ERRORS])
        for s in systems], scale_max=None, axis="matched mentions with this error (count)"))
    out.append(_table(["system", *ERRORS, "scale factors"], [
        [s["name"], *[s["values"]["errors"].get(e, 0) for e in ERRORS],
         " ".join(f"\u00d7{k}: {c}" for k, c in s["values"]["scale_factors"].items()) or None]
        for s in systems]))
    out.append("<h2>Facts, end to end</h2><p class=note>Distinct (metric, value, unit, "
               "period, kind) per transcript, wherever they are said.</p>")
    out.append(_table(["system", "gold", "pred", "matched", "P", "R", "F1", "F1 interval"], [
        [s["name"], f["gold"], f["predicted"], f["matched"], pct(f["precision"]),
         pct(f["recall"]), pct(f["f1"]), pct_interval(f["ci"].get("f1"), n)]
        for s in systems for f in [s["facts"]]]))
    out.append("<h2>Speaker labels</h2>")
    cats = ["imported labels", "after suggestions"]
    out.append(bar_chart("Speaker-label accuracy", cats, [
        Series(s["name"], [s["speakers"]["raw_accuracy"], s["speakers"]["after_accuracy"]])
        for s in systems], percent=True, axis="turns with the right speaker (%)"))
    out.append(_table(
        ["system", "turns", "raw accuracy", "wrong labels", "suggestions", "caught",
         "wrong fix", "broken", "after"],
        [[s["name"], sp["turns"], pct(sp["raw_accuracy"]), sp["wrong_labels"],
          sp["suggestions"], sp["caught"], sp["wrong_fix"], sp["broken"],
          pct(sp["after_accuracy"])] for s in systems for sp in [s["speakers"]]]))
    return out


def _slices(report: dict) -> list[str]:
    systems = report["systems"]
    out = ["<h2>Slices</h2>"]
    for dim, label in SLICE_TITLES.items():
        cats = sorted({k for s in systems for k in s["slices"][dim]})
        out.append(bar_chart(f"Strict F1 by {label}", cats, [
            Series(s["name"], [s["slices"][dim].get(c, {}).get("strict", {}).get("f1")
                               for c in cats]) for s in systems],
            percent=True, axis="strict F1 (%)"))
    return out


def _differences(report: dict) -> list[str]:
    if not report["comparisons"]:
        return []
    n = report["gold"]["transcripts"]
    by_name = {s["name"]: s for s in report["systems"]}

    def diff(c: dict, k: str) -> list[str]:
        if not applies(k, by_name[c["baseline"]], by_name[c["system"]]):
            return ["does not apply", "(a side assigns no metric)"]
        return [points(c["diff"][k]), points_interval(c["ci"].get(k), n)]

    return [f"<h2>Differences against {escape(report['comparisons'][0]['baseline'])}</h2>"
            "<p class=note>Paired bootstrap, in percentage points: an interval that excludes "
            "0 is a difference the gold can tell apart.</p>",
            _table(["system", "figure", "difference (points)", "interval (points)"], [
                [c["system"], FIGURE_NAMES[k], *diff(c, k)]
                for c in report["comparisons"] for k in KEY_FIGURES])]


def _errors(s: dict, limit: int) -> list[str]:
    shown = sample_problems(s["problems"], limit)
    docs = len({p["hash"] for p in s["problems"]})
    out = [f"<h2>Errors: {escape(s['name'])} ({len(shown)} of {len(s['problems'])}, "
           f"from {docs} transcript(s))</h2>"]
    if len(shown) < len(s["problems"]):
        out.append("<p class=note>A sample taken in turn from every transcript (the first "
                   "error of each, then the second, ...). The app lists them all.</p>")
    g = "gold"
    out.append(_table(
        ["type", "transcript", "span", "text", "metric", "value", "gold metric", "gold value",
         "value error"],
        [[p["type"], p["name"], f"{p['start']}\u2013{p['end']}",
          (p.get("text") or "").replace("\n", " ")[:80], p["metric"] or "(none)",
          _quantity(p), (p[g]["metric"] or "(none)") if p.get(g) else None,
          _quantity(p[g]) if p.get(g) else None, p.get("error")] for p in shown],
        wrap={3}, group=False))
    return out


def _quantity(m: dict) -> str:
    if m["value"] is not None:
        q = f"{m['value']:,.10g}"
    elif m["low"] is not None or m["high"] is not None:
        q = " \u2013 ".join("?" if v is None else f"{v:,.10g}" for v in (m["low"], m["high"]))
    else:
        q = "\u2013"
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
