"""What the evaluation view's tabs hold, built from a report by the same rules as the HTML
report: the verdict first, rates in percent and differences in points, intervals only with
enough gold, structural zeros explained, axis titles, the system named once per block.

Each function fills one page (an ``evaluation_view._Page``: charts, tables, notes)."""

from __future__ import annotations

from html import escape

from reviewer.core.evaluate.charts import Series, bar_chart, diff_chart
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
    summarize,
)

WORD_COLOURS = {"better": "#1d7a35", "worse": "#b02a37"}


def verdict_page(page, report: dict) -> None:
    """The verdict per system against the baseline, the gold behind it, the notes."""
    summary = report.get("summary") or summarize(report)
    n = report["gold"]["transcripts"]
    if summary["verdicts"]:
        items = []
        for v in summary["verdicts"]:
            colour = WORD_COLOURS.get(v["word"], "#8a6d00")
            head = escape(v["sentence"].rsplit(": ", 1)[0])
            items.append(f"<li>{head}: <b style='color:{colour}'>{escape(v['word'])}</b>."
                         "</li>")
        page.note(f"Baseline: <b>{escape(summary['baseline'])}</b> (the first system).<ul>"
                  + "".join(items) + "</ul>", "verdict")
    else:
        page.note("One system: evaluate two runs for a verdict against a baseline.",
                  "verdict")
    warn = not summary["intervals_shown"] and report["settings"]["resamples"]
    page.note(("\u26a0 " if warn else "") + escape(summary["gold"]), "goldNote")
    # The notes before the chart and table: word-wrapped labels below a table in a scroll
    # area get less height than they need and would overlap it.
    for text in summary["notes"]:
        page.note(escape(text))
    page.note(f"<i>Key: {escape(KEY_NOTE)} Rates are percentages; differences are "
              "percentage points.</i>", "key")
    if summary["verdicts"]:
        show = summary["intervals_shown"]
        by_name = {s["name"]: s for s in report["systems"]}
        series = []
        for c in report["comparisons"]:
            ok = [applies(k, by_name[c["baseline"]], by_name[c["system"]]) for k in KEY_FIGURES]
            series.append(Series(
                c["system"], [c["diff"][k] if o else None for k, o in zip(KEY_FIGURES, ok,
                                                                            strict=True)],
                [c["ci"].get(k) if show and o else None
                 for k, o in zip(KEY_FIGURES, ok, strict=True)]))
        note = ("whiskers: 95% paired interval" if show
                else f"no intervals: {n} transcript(s), fewer than {MIN_TRANSCRIPTS}")
        page.chart(diff_chart(f"Difference against {summary['baseline']} ({note})",
                              [FIGURE_NAMES[k] for k in KEY_FIGURES], series,
                              width=page.width_for_charts()))
        page.table(["system", "figure", "difference (points)", "interval (points)"],
                   [[c["system"], FIGURE_NAMES[k],
                     *((points(c["diff"][k]), points_interval(c["ci"].get(k), n))
                       if applies(k, by_name[c["baseline"]], by_name[c["system"]])
                       else ("does not apply", "(a side assigns no metric)"))]
                    for c in report["comparisons"] for k in KEY_FIGURES])
    page.box.addStretch(1)


def mentions_page(page, report: dict) -> None:
    """F1 by mode for every system, leading with the modes that apply to each."""
    systems, n = report["systems"], report["gold"]["transcripts"]
    show = n >= MIN_TRANSCRIPTS
    page.chart(bar_chart(
        "Micro F1 by matching mode" + (" (whiskers: 95% interval)" if show else ""), MODES,
        [Series(s["name"], [s["mentions"][m]["f1"] for m in MODES],
                [s["mentions"][m]["ci"].get("f1") if show else None for m in MODES])
         for s in systems], percent=True, axis="F1 (%)", width=page.width_for_charts()))
    rows = []
    for s in systems:
        order = list(MODES) if assigns_metrics(s) else ["exact", "partial", "strict", "type"]
        for m in order:
            t = s["mentions"][m]
            rows.append([s["name"], m, *prf_cells(t),
                         pct_interval(t["ci"].get("f1"), n), pct(s["macro"][m]["f1"]),
                         t["cor"], t["inc"], t["par"], t["mis"], t["spu"],
                         "0 by construction (no metric)"
                         if not assigns_metrics(s) and m in ("strict", "type") else ""])
    page.table(["system", "mode", "P", "R", "F1", "F1 interval", "macro F1", "COR", "INC",
                "PAR", "MIS", "SPU", "note"], rows)
    page.box.addStretch(1)


def values_page(page, report: dict) -> None:
    """Values, periods and kinds on matched mentions; facts end to end."""
    systems, n = report["systems"], report["gold"]["transcripts"]
    page.chart(bar_chart("Value errors", list(ERRORS), [
        Series(s["name"], [float(s["values"]["errors"].get(e, 0)) for e in ERRORS])
        for s in systems], scale_max=None, axis="matched mentions with this error (count)",
        width=page.width_for_charts()))
    page.table(["system", "matched", "compared", "exact", "within tol.", "interval", "period",
                "kind", "metric"],
               [[s["name"], v["matched"], v["compared"], pct(v["exact_rate"]),
                 pct(v["within_rate"]), pct_interval(v["ci"].get("within_rate"), n),
                 pct(v["period"]["accuracy"]), pct(v["kind"]["accuracy"]),
                 pct(v["metric"]["accuracy"])] for s in systems for v in [s["values"]]])
    page.table(["system", "fact gold", "fact pred", "matched", "P", "R", "F1", "F1 interval"],
               [[s["name"], f["gold"], f["predicted"], f["matched"], pct(f["precision"]),
                 pct(f["recall"]), pct(f["f1"]), pct_interval(f["ci"].get("f1"), n)]
                for s in systems for f in [s["facts"]]])
    page.box.addStretch(1)


def speakers_page(page, report: dict) -> None:
    """Speaker-label accuracy before and after each system's suggestions."""
    systems = report["systems"]
    page.chart(bar_chart("Speaker-label accuracy", ["imported labels", "after suggestions"], [
        Series(s["name"], [s["speakers"]["raw_accuracy"], s["speakers"]["after_accuracy"]])
        for s in systems], percent=True, axis="turns with the right speaker (%)",
        width=page.width_for_charts()))
    page.table(["system", "turns", "raw accuracy", "wrong labels", "suggestions", "caught",
                "wrong fix", "broken", "after"],
               [[s["name"], sp["turns"], pct(sp["raw_accuracy"]), sp["wrong_labels"],
                 sp["suggestions"], sp["caught"], sp["wrong_fix"], sp["broken"],
                 pct(sp["after_accuracy"])] for s in systems for sp in [s["speakers"]]])
    page.box.addStretch(1)


def system_pages(per, slices, s: dict) -> None:
    """The per-metric / per-unit-family and slice pages of one system."""
    if not assigns_metrics(s):
        per.note(f"{escape(s['name'])} assigns no metric: its per-metric strict scores are 0 "
                 "by construction; its exact and partial F1 (span only) are the ones that "
                 "apply.")
    for key, label in (("per_metric", "metric"), ("per_unit_family", "unit family")):
        cats = list(s[key])
        per.chart(bar_chart(f"Strict F1 per {label}: {s['name']}", cats, [
            Series(s["name"], [s[key][c]["strict"]["f1"] for c in cats])], percent=True,
            axis="strict F1 (%)", width=per.width_for_charts()))
        per.table([label, "gold", "pred", "strict P", "strict R", "strict F1", "partial F1",
                   "type F1"],
                  [[k, v["strict"]["possible"], v["strict"]["actual"],
                    *prf_cells(v["strict"], v["partial"], v["type"])]
                   for k, v in s[key].items()], group=False)
    per.box.addStretch(1)
    for dim, label in SLICE_TITLES.items():
        cats = list(s["slices"][dim])
        slices.chart(bar_chart(f"Strict F1 by {label}", cats, [
            Series(s["name"], [s["slices"][dim][c]["strict"]["f1"] for c in cats])],
            percent=True, axis="strict F1 (%)", width=slices.width_for_charts()))
    slices.box.addStretch(1)


ERROR_HEADERS = ["type", "transcript", "span", "text", "metric", "value", "gold metric",
                 "gold value", "value error"]


def error_row(p: dict) -> list[object]:
    """One error of the list: where, what the system said, what the gold says."""
    g = p.get("gold")
    return [p["type"], p["name"], f"{p['start']}\u2013{p['end']}",
            (p.get("text") or "").replace("\n", " ")[:60], p["metric"] or "(none)",
            quantity(p), (g["metric"] or "(none)") if g else None,
            quantity(g) if g else None, p.get("error")]


def quantity(m: dict) -> str:
    """A value as people write it: 129,100,000 or 10 – 12 (with its unit)."""
    def num(v: float | None) -> str:
        return "?" if v is None else f"{v:,.10g}"
    if m["value"] is not None:
        q = num(m["value"])
    elif m["low"] is not None or m["high"] is not None:
        q = f"{num(m['low'])} \u2013 {num(m['high'])}"
    else:
        q = "\u2013"
    return f"{q} {m['unit'] or ''}".strip()
