"""What a reader takes away from an evaluation report: a verdict in words per system against
the baseline, how much gold stands behind the intervals, and why some zeros are structural.

Every renderer (terminal, HTML page, the app's evaluation view) shows these same sentences;
``evaluate`` stores them in the report under ``"summary"`` so ``--json`` has them too.

Rates are shown as percentages everywhere (one decimal) and differences between rates in
percentage points ("points"): one scale for a figure, its interval and its difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import comb

# Below this many transcripts an interval is not shown. A percentile bootstrap over n
# transcripts can only produce C(2n-1, n) distinct resamples: 3 for n = 2 (the "interval" is
# then just the two transcripts' own scores), 126 for n = 5, 24,310 for n = 9, 92,378 for
# n = 10. From 10 on, the 1,000 resamples are (nearly) all distinct and each 2.5 % tail holds
# 25 different draws; below it the tails are a handful of repeated draws and the interval is
# known to be much too narrow (Efron & Tibshirani 1993, ch. 13), so it would claim a certainty
# the gold does not have.
MIN_TRANSCRIPTS = 10
NO_METRIC = "(none)"
# The mode a verdict is stated in: strict when both sides assign metrics, else exact (span).
LEAD_MODES = ("strict", "exact")
NEEDS_METRIC = ("strict.f1", "type.f1", "facts.f1")
KEY_NOTE = ("0 is a computed zero (the system had the chance and scored nothing); \u2013 means "
            "not defined (nothing to compute: no gold or no prediction of that kind).")


def pct(v: float | None) -> str:
    """A rate as a percentage with one decimal; "\u2013" when undefined."""
    return "\u2013" if v is None else f"{100 * v:.1f}%"


def points(v: float | None) -> str:
    """A difference of two rates in percentage points, signed."""
    return "\u2013" if v is None else f"{100 * v:+.1f}"


def prf_cells(t: dict, *f1_of: dict) -> list[str]:
    """P, R and F1 of a tally (and the F1 of ``f1_of`` tallies of the same group), with
    "\u2013" where undefined: precision with no prediction, recall with no gold, F1 with
    neither. A system that predicted and found nothing gets a computed 0."""
    p = pct(t["precision"]) if t["actual"] else pct(None)
    r = pct(t["recall"]) if t["possible"] else pct(None)
    return [p, r, *[pct(x["f1"]) if x["actual"] or x["possible"] else pct(None)
                    for x in (t, *f1_of)]]


def pct_interval(ci: Sequence[float] | None, n: int) -> str:
    """An interval of a rate, or why there is none (too few transcripts / no bootstrap)."""
    if not ci:
        return "\u2013"
    if n < MIN_TRANSCRIPTS:
        return f"too few ({n})"
    return f"{100 * ci[0]:.1f}\u2013{100 * ci[1]:.1f}%"


def points_interval(ci: Sequence[float] | None, n: int) -> str:
    """An interval of a difference in points, or why there is none."""
    if not ci:
        return "\u2013"
    if n < MIN_TRANSCRIPTS:
        return f"too few ({n})"
    return f"{100 * ci[0]:+.1f} to {100 * ci[1]:+.1f}"


def distinct_resamples(n: int) -> int:
    """How many different bootstrap resamples n transcripts allow (multisets of size n)."""
    return comb(2 * n - 1, n) if n > 0 else 0


def assigns_metrics(system: dict) -> bool:
    """Whether any prediction of the system names a metric."""
    return any(k != NO_METRIC and v["strict"]["actual"]
               for k, v in system["per_metric"].items())


def gives_values(system: dict) -> bool:
    """Whether the system gave a value to any matched mention whose gold has one."""
    v = system["values"]
    return not v["compared"] or v["errors"].get("missing", 0) < v["compared"]


def applies(figure: str, *systems: dict) -> bool:
    """Whether a figure of ``report["comparisons"]`` means anything for ``systems``: strict
    and type F1 and facts need a metric on both sides."""
    return figure not in NEEDS_METRIC or all(assigns_metrics(s) for s in systems)


def lead_mode(*systems: dict) -> str:
    """The matching mode that applies to every one of ``systems``."""
    return LEAD_MODES[0] if all(assigns_metrics(s) for s in systems) else LEAD_MODES[1]


def gold_note(n: int, resamples: int) -> str:
    """How much gold stands behind every interval of the report."""
    if not n:
        return "No reviewed transcript was scored: there is nothing to judge yet."
    if not resamples:
        return f"Every figure rests on {n} reviewed transcript(s); no intervals were computed."
    if n < MIN_TRANSCRIPTS:
        return (f"Too little gold for intervals: {n} reviewed transcript(s), and an interval "
                f"needs at least {MIN_TRANSCRIPTS}. With {n} the bootstrap can only draw "
                f"{distinct_resamples(n)} different resample(s), so an interval would be those "
                "few transcripts' own scores, not a range the true figure is likely in; "
                "intervals are not shown. Review more transcripts.")
    return (f"Every interval rests on {n} reviewed transcripts (95% percentile bootstrap "
            "over transcripts).")


def verdict(comparison: dict, base: dict, other: dict, n: int) -> dict:
    """One system against the baseline, in words, on the lead mode that applies to both."""
    mode = lead_mode(base, other)
    key = f"{mode}.f1"
    diff = comparison["diff"][key]
    ci = comparison["ci"].get(key)
    head = (f"{other['name']} finds {points(diff)} points of {mode} F1 over the baseline "
            f"{base['name']}")
    if not ci:
        word, tail = "no interval computed", f"{n} transcript(s)"
    elif n < MIN_TRANSCRIPTS:
        word = "too little gold to tell"
        tail = (f"{n} transcript(s); an interval needs at least {MIN_TRANSCRIPTS}, none shown")
    else:
        tail = f"95% interval {points_interval(ci, n)}, {n} transcripts"
        word = ("better" if ci[0] > 0 else "worse" if ci[1] < 0
                else "no difference the gold can tell apart")
    return {"system": other["name"], "baseline": base["name"], "figure": key, "diff": diff,
            "ci": list(ci) if ci else None, "transcripts": n, "word": word,
            "sentence": f"{head} ({tail}): {word}."}


def structural_notes(system: dict) -> list[str]:
    """Why some of a system's zeros say nothing about its quality."""
    out = []
    if not assigns_metrics(system) and system["mentions"]["strict"]["actual"]:
        out.append(f"{system['name']} assigns no metric to any mention: its strict and type "
                   "F1 and its per-metric scores are 0 by construction (a structural zero, "
                   "not a measured one). Read its exact and partial F1, which only ask for "
                   "the span.")
    if not gives_values(system):
        out.append(f"{system['name']} gives no value to any matched mention: its value "
                   "accuracy is 0 by construction.")
    return out


def preannotation_notes(systems: Sequence[dict], n_gold: int) -> list[str]:
    """Which compared system the gold was pre-annotated from (it favours that system)."""
    out = []
    for s in systems:
        pre = s.get("preannotated") or {}
        if pre.get("transcripts"):
            share = pre["gold_mentions"] / n_gold if n_gold else 0.0
            out.append(f"The gold was pre-annotated from {s['name']} in "
                       f"{pre['transcripts']} transcript(s): {pre['gold_mentions']} gold "
                       f"mention(s) ({pct(share)}) are its predictions, kept by a reviewer. "
                       "Reviewers tend to keep what they were shown, so the comparison "
                       "favours this system.")
    return out


def summarize(report: dict) -> dict:
    """The verdicts and notes a report opens with (what ``report["summary"]`` holds)."""
    systems = report["systems"]
    n = report["gold"]["transcripts"]
    by_name = {s["name"]: s for s in systems}
    verdicts = [verdict(c, by_name[c["baseline"]], by_name[c["system"]], n)
                for c in report["comparisons"]]
    notes = [note for s in systems for note in structural_notes(s)]
    notes += preannotation_notes(systems, report["gold"]["mentions"])
    return {"baseline": systems[0]["name"] if len(systems) > 1 else None,
            "verdicts": verdicts, "gold": gold_note(n, report["settings"]["resamples"]),
            "intervals_shown": n >= MIN_TRANSCRIPTS and bool(report["settings"]["resamples"]),
            "min_transcripts": MIN_TRANSCRIPTS,
            "lead_modes": {s["name"]: lead_mode(s) for s in systems}, "notes": notes}


def sample_problems(problems: Sequence[dict], limit: int) -> list[dict]:
    """Up to ``limit`` errors taken round-robin across transcripts (the first of each, then
    the second of each, ...), so a long list does not show one transcript only."""
    by_doc: dict[str, list[dict]] = {}
    for p in problems:
        by_doc.setdefault(p["hash"], []).append(p)
    out: list[dict] = []
    queues = list(by_doc.values())
    depth = 0
    while len(out) < limit and any(depth < len(q) for q in queues):
        for q in queues:
            if depth < len(q) and len(out) < limit:
                out.append(q[depth])
        depth += 1
    return out
