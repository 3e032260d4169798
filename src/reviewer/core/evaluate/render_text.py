"""The evaluation report as plain aligned text, for the terminal."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from reviewer.core.evaluate.matching import MODES
from reviewer.core.evaluate.values import ERRORS

# The differences between systems shown in tables (the JSON report has every figure).
KEY_FIGURES = ("strict.f1", "exact.f1", "partial.f1", "type.f1", "values.within_rate",
               "facts.f1", "speakers.after_accuracy")
FIGURE_NAMES = {"strict.f1": "strict F1", "exact.f1": "exact F1", "partial.f1": "partial F1",
                "type.f1": "type F1", "values.within_rate": "values within tolerance",
                "facts.f1": "facts F1", "speakers.after_accuracy": "speakers after suggestions"}
SLICE_TITLES = {"format": "source format", "lang": "language", "section": "prepared vs Q&A",
                "kind": "actual vs guidance (kind)"}


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], *,
          words: Collection[int] = ()) -> list[str]:
    """Columns aligned with two spaces: numbers to the right, words (and the ``words``
    columns, whatever they hold) to the left."""
    cells = [[str(h) for h in headers]] + [[cell(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    numeric = [i > 0 and i not in words and any(_numeric(r[i]) for r in cells[1:])
               and all(_numeric(r[i]) or _neutral(r[i]) for r in cells[1:])
               for i in range(len(headers))]
    out = []
    for n, r in enumerate(cells):
        line = "  ".join(c.rjust(widths[i]) if numeric[i] else c.ljust(widths[i])
                         for i, c in enumerate(r))
        out.append(line.rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


_NUMBER = re.compile(r"[-+]?\d[\d.,]*%?")
_NUMERIC = re.compile(rf"\[.*\]|{_NUMBER.pattern}(([\u2013-]| to ){_NUMBER.pattern})?")


def _numeric(text: str) -> bool:
    # A count, a rate, a difference, an interval ("62.5–67.9%", "+1.5 to +14.1", "[a, b]").
    return bool(_NUMERIC.fullmatch(text)) or text.startswith("too few")


def _neutral(text: str) -> bool:
    # Cells that sit in a numeric column without making it one.
    return text in ("", "-", "\u2013") or text.startswith("does not apply")


def cell(v: object) -> str:
    """A table cell: "-" for nothing, floats to three decimals."""
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def pct(v: float | None) -> str:
    """A rate as a percentage with one decimal ("-" when undefined)."""
    return "-" if v is None else f"{100 * v:.1f}%"


def interval(ci: Sequence[float] | None) -> str:
    """A confidence interval as ``[0.712, 0.801]``."""
    return "-" if not ci else f"[{ci[0]:.3f}, {ci[1]:.3f}]"


def render_text(report: dict, *, problems: int = 0) -> str:
    """The whole report; ``problems`` > 0 also lists that many FP/FN/value errors a system
    (taken in turn from every transcript). Rates are percentages, differences points."""
    from reviewer.core.evaluate.verdict import (
        KEY_NOTE,
        applies,
        assigns_metrics,
        pct_interval,
        points,
        points_interval,
        prf_cells,
        sample_problems,
        summarize,
    )

    g, st = report["gold"], report["settings"]
    systems, n = report["systems"], report["gold"]["transcripts"]
    summary = report.get("summary") or summarize(report)
    lines = [
        f"Gold: {g['transcripts']} reviewed transcript(s), {g['mentions']} mention(s), "
        f"{g['rejected']} rejected prediction(s), {g['turns']} turn(s)"
        + (f", as of {g['as_of']}" if g.get("as_of") else ""),
        f"Settings: value tolerance {100 * st['tolerance']:g}% relative; "
        f"{st['resamples']} bootstrap resamples over transcripts, "
        f"{100 * st['confidence']:g}% intervals (seed {st['seed']})",
    ]

    def section(title: str, body: list[str]) -> None:
        lines.extend(["", title, *body])

    verdicts = [f"- {v['sentence']}" for v in summary["verdicts"]]
    if summary["verdicts"]:
        verdicts.insert(0, f"Baseline: {summary['baseline']}")
    section("Verdict", [*verdicts, summary["gold"], *[f"Note: {x}" for x in summary["notes"]],
                        f"Key: {KEY_NOTE}"])
    rows = []
    for s in systems:
        # Lead with the modes that apply: a system with no metric is judged on spans first.
        structural = not assigns_metrics(s)
        order = ("exact", "partial", "strict", "type") if structural else MODES
        for i, m in enumerate(order):
            t = s["mentions"][m]
            rows.append([s["name"] if i == 0 else "", m, *prf_cells(t),
                         pct_interval(t["ci"].get("f1"), n),
                         t["cor"], t["inc"], t["par"], t["mis"], t["spu"],
                         "0 by construction (no metric)"
                         if structural and m in ("strict", "type") else ""])
    section("Mention detection (micro)", table(
        ["system", "mode", "P", "R", "F1", "F1 interval", "COR", "INC", "PAR", "MIS", "SPU",
         "note"], rows))
    rows = [[s["name"] if m == MODES[0] else "", m, pct(s["macro"][m]["precision"]),
             pct(s["macro"][m]["recall"]), pct(s["macro"][m]["f1"]), s["macro"][m]["groups"]]
            for s in systems for m in MODES]
    section("Mention detection (macro: mean over metrics)",
            table(["system", "mode", "P", "R", "F1", "metrics"], rows))
    for s in systems:
        for key, title in (("per_metric", "metric"), ("per_unit_family", "unit family")):
            rows = [[k, v["strict"]["possible"], v["strict"]["actual"],
                     *prf_cells(v["strict"], v["partial"], v["type"])]
                    for k, v in s[key].items()]
            section(f"Per {title}: {s['name']}", table(
                [title, "gold", "pred", "strict P", "strict R", "strict F1", "partial F1",
                 "type F1"], rows))
    rows = []
    for s in systems:
        v = s["values"]
        rows.append([s["name"], v["matched"], v["compared"], pct(v["exact_rate"]),
                     pct(v["within_rate"]), pct_interval(v["ci"].get("within_rate"), n),
                     pct(v["period"]["accuracy"]), pct(v["kind"]["accuracy"]),
                     pct(v["metric"]["accuracy"])])
    section("Values on matched mentions", table(
        ["system", "matched", "compared", "exact", "within tol.", "interval", "period",
         "kind", "metric"], rows))
    rows = [[s["name"], *[s["values"]["errors"].get(e, 0) for e in ERRORS],
             " ".join(f"x{k}:{c}" for k, c in s["values"]["scale_factors"].items()) or "-"]
            for s in systems]
    section("Value errors", table(["system", *ERRORS, "scale factors"], rows))
    rows = [[s["name"], s["facts"]["gold"], s["facts"]["predicted"], s["facts"]["matched"],
             pct(s["facts"]["precision"]), pct(s["facts"]["recall"]), pct(s["facts"]["f1"]),
             pct_interval(s["facts"]["ci"].get("f1"), n)] for s in systems]
    section("Facts (metric, value, unit, period, kind), end to end", table(
        ["system", "gold", "pred", "matched", "P", "R", "F1", "F1 interval"], rows))
    rows = []
    for s in systems:
        sp = s["speakers"]
        rows.append([s["name"], sp["turns"], pct(sp["raw_accuracy"]), sp["wrong_labels"],
                     sp["suggestions"], sp["caught"], sp["wrong_fix"], sp["broken"],
                     pct(sp["after_accuracy"])])
    section("Speaker labels", table(
        ["system", "turns", "raw accuracy", "wrong", "suggestions", "caught", "wrong fix",
         "broken", "after suggestions"], rows))
    for dim, title in SLICE_TITLES.items():
        rows = []
        for s in systems:
            for k, v in s["slices"][dim].items():
                rows.append([s["name"], k, v["strict"]["possible"], v["strict"]["actual"],
                             pct(v["strict"]["f1"]), pct(v["partial"]["f1"]),
                             pct(v["type"]["f1"])])
        section(f"Slice: {title}", table(
            ["system", dim, "gold", "pred", "strict F1", "partial F1", "type F1"], rows))
    if report["comparisons"]:
        rows = []
        by_name = {s["name"]: s for s in systems}
        for c in report["comparisons"]:
            for k in KEY_FIGURES:
                ok = applies(k, by_name[c["baseline"]], by_name[c["system"]])
                rows.append([c["system"] if k == KEY_FIGURES[0] else "", FIGURE_NAMES[k],
                             points(c["diff"][k]) if ok else "does not apply (no metric)",
                             points_interval(c["ci"].get(k), n) if ok else ""])
        section(f"Differences against {report['comparisons'][0]['baseline']} "
                "(percentage points)",
                table(["system", "figure", "difference", "interval"], rows))
    if problems:
        for s in systems:
            shown = sample_problems(s["problems"], problems)
            rows = [[p["type"], p["name"], f"{p['start']}-{p['end']}",
                     (p.get("text") or "").replace("\n", " ")[:40], p["metric"] or "(none)",
                     (p["gold"]["metric"] or "(none)") if p.get("gold") else "-",
                     p.get("error") or ""] for p in shown]
            section(f"Errors: {s['name']} ({len(shown)} of {len(s['problems'])}, taken in "
                    "turn from every transcript)",
                    table(["type", "transcript", "span", "text", "metric", "gold metric",
                           "value error"], rows, words={3}))
    if report["warnings"]:
        section("Warnings", [f"- {w}" for w in report["warnings"]])
    return "\n".join(lines) + "\n"
