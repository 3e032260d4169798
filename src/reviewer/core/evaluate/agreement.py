"""Agreement between two reviewers: span F1 in the four modes, value agreement, Cohen's
kappa on speaker labels, and every disagreement.

Reviewer A plays the gold and B the prediction; the F1 is the same either way round (the
credits of a pair are symmetric, only precision and recall swap).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict

from reviewer.core.evaluate.matching import CREDIT, MODES, Tally, align, outcome
from reviewer.core.evaluate.render_text import pct, table
from reviewer.core.evaluate.speakers import norm_name
from reviewer.core.evaluate.values import DEFAULT_TOLERANCE, check_value, quantity, same_text
from reviewer.core.store.gold_records import GoldTranscript, MentionRecord


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> tuple[float, float, float | None]:
    """(observed agreement, chance agreement, kappa) of two raters' labels on the same items.
    Kappa is None when there is nothing to rate, 1.0 when both always say the same thing."""
    n = len(a)
    if not n:
        return 0.0, 0.0, None
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if pe == 1.0:
        return po, pe, 1.0 if po == 1.0 else 0.0
    return po, pe, (po - pe) / (1 - pe)


def _brief(m: MentionRecord | None, text: str | None = None) -> dict | None:
    if m is None:
        return None
    d = asdict(m)
    out = {k: d[k] for k in ("start", "end", "metric", "value", "low", "high", "unit",
                             "period", "kind", "basis", "reviewer")}
    out["text"] = text[m.start:m.end] if text else None
    return out


def agreement(a_docs: Iterable[GoldTranscript], b_docs: Iterable[GoldTranscript], *,
              names: tuple[str, str] = ("A", "B"),
              tolerance: float = DEFAULT_TOLERANCE) -> dict:
    """Compare two reviewers' versions of the transcripts they both did (by content hash)."""
    a_by = {d.hash: d for d in a_docs}
    b_by = {d.hash: d for d in b_docs}
    shared = [h for h in a_by if h in b_by]
    modes = {m: Tally() for m in MODES}
    values = Counter()
    labels_a: list[str] = []
    labels_b: list[str] = []
    problems: list[dict] = []
    for h in shared:
        da, db = a_by[h], b_by[h]
        ga, gb = da.gold_mentions, db.gold_mentions
        al = align(ga, gb)

        def note(kind: str, x: MentionRecord | None, y: MentionRecord | None,
                 da: GoldTranscript = da) -> None:
            ref = x or y
            problems.append({"kind": kind, "hash": da.hash, "name": da.name,
                             "transcript_id": da.id, "start": ref.start, "end": ref.end,
                             "text": da.text[ref.start:ref.end] if da.text else None,
                             names[0]: _brief(x, da.text), names[1]: _brief(y, da.text)})

        for m in MODES:
            t = modes[m]
            t.pos += len(ga)
            t.act += len(gb)
            t.mis += len(al.missed)
            t.spu += len(al.spurious)
        for gi, pi in al.pairs:
            x, y = ga[gi], gb[pi]
            for m in MODES:
                res = outcome(x, y, m)
                credit = CREDIT[res]
                modes[m].hit_p += credit
                modes[m].hit_r += credit
            if (x.start, x.end) != (y.start, y.end):
                note("span", x, y)
            if x.metric != y.metric:
                note("metric", x, y)
            vc = check_value(x, y, tolerance)
            if vc.compared or quantity(y) is not None:
                values["compared"] += 1
                values["exact"] += vc.exact
                values["within"] += vc.within
                if not vc.within:
                    note("value", x, y)
            for attr in ("period", "kind"):
                if not (getattr(x, attr) or getattr(y, attr)):
                    continue  # neither gave one: nothing to agree on (as in evaluate)
                values[f"{attr}_compared"] += 1
                same = same_text(getattr(x, attr), getattr(y, attr))
                values[f"{attr}_same"] += same
                if not same:
                    note(attr, x, y)
        for gi in al.missed:
            note(f"only {names[0]}", ga[gi], None)
        for pi in al.spurious:
            note(f"only {names[1]}", None, gb[pi])
        b_turns = {(t.start, t.end): t for t in db.turns}
        for ta in da.turns:
            tb = b_turns.get((ta.start, ta.end))
            if tb is None:
                continue
            sa, sb = norm_name(ta.gold), norm_name(tb.gold)
            labels_a.append(sa)
            labels_b.append(sb)
            if sa != sb:
                problems.append({"kind": "speaker", "hash": da.hash, "name": da.name,
                                 "transcript_id": da.id, "start": ta.start, "end": ta.end,
                                 "turn": ta.index, "text": None,
                                 names[0]: ta.gold, names[1]: tb.gold})
    po, pe, kappa = cohen_kappa(labels_a, labels_b)
    c = values["compared"]
    return {
        "reviewers": list(names),
        "transcripts": {names[0]: len(a_by), names[1]: len(b_by), "shared": len(shared)},
        "mentions": {m: {"f1": t.f1, "precision": t.precision, "recall": t.recall,
                         names[0]: t.pos, names[1]: t.act} for m, t in modes.items()},
        "values": {"compared": c, "exact": values["exact"], "within": values["within"],
                   "agreement": values["within"] / c if c else None,
                   "period_agreement": _rate(values, "period"),
                   "period_compared": values["period_compared"],
                   "kind_agreement": _rate(values, "kind"),
                   "kind_compared": values["kind_compared"]},
        "speakers": {"turns": len(labels_a), "observed": po, "expected": pe, "kappa": kappa},
        "disagreements": sorted(problems, key=lambda p: (p["name"], p["start"], p["kind"])),
    }


def _rate(values: Counter, attr: str) -> float | None:
    n = values[f"{attr}_compared"]
    return values[f"{attr}_same"] / n if n else None


def render_agreement(rep: dict, *, limit: int = 50) -> str:
    """The agreement report as aligned text, with the first ``limit`` disagreements."""
    a, b = rep["reviewers"]
    tr = rep["transcripts"]
    lines = [f"Agreement between {a} and {b}: {tr['shared']} shared transcript(s) "
             f"({tr[a]} for {a}, {tr[b]} for {b})", ""]
    lines += table(["mode", "F1", f"P (vs {a})", f"R (vs {a})", a, b],
                   [[m, v["f1"], v["precision"], v["recall"], v[a], v[b]]
                    for m, v in rep["mentions"].items()])
    v, s = rep["values"], rep["speakers"]
    lines += ["", f"Values: {pct(v['agreement'])} of {v['compared']} matched mention(s) agree "
                  f"within tolerance ({v['exact']} exactly); period {pct(v['period_agreement'])}"
                  f" of {v['period_compared']}, kind {pct(v['kind_agreement'])} of "
                  f"{v['kind_compared']} (pairs where either gave one)",
              f"Speakers: {s['turns']} turn(s), observed agreement "
              f"{pct(s['observed'] if s['turns'] else None)},"
              f" chance {pct(s['expected'] if s['turns'] else None)}, Cohen's kappa "
              + ("-" if s["kappa"] is None else f"{s['kappa']:.3f}"), ""]
    dis = rep["disagreements"]
    lines.append(f"Disagreements: {len(dis)}" + (f" (first {limit})" if len(dis) > limit else ""))
    rows = []
    for d in dis[:limit]:
        where = (f"turn {d['turn']}" if d["kind"] == "speaker" and d.get("turn") is not None
                 else f"{d['start']}-{d['end']}")
        rows.append([d["name"], d["kind"], where,
                     (d.get("text") or "").replace("\n", " ")[:30],
                     _show(d.get(a), d["kind"]), _show(d.get(b), d["kind"])])
    if rows:
        lines += table(["transcript", "kind", "where", "text", a, b], rows, words={3, 4, 5})
    return "\n".join(lines) + "\n"


def _show(v: object, kind: str = "") -> str:
    """One side of a disagreement; a boundary difference leads with that side's own span."""
    if v is None:
        return "-" if kind != "speaker" else "(no speaker)"
    if isinstance(v, dict):
        # The field that differs is shown even when blank on this side.
        blank = {k: v[k] or (f"(no {k})" if kind == k else None) for k in ("period", "kind")}
        parts = [v["metric"] or "(no metric)", show_number(v), v["unit"], blank["period"],
                 blank["kind"]]
        if kind == "span":
            surface = (v.get("text") or "").replace("\n", " ")
            parts.insert(0, f"[{v['start']}-{v['end']}]"
                         + (f" \u201c{surface[:30]}\u201d" if surface else ""))
        return " ".join(p for p in parts if p)
    return str(v)


def show_number(v: dict) -> str:
    """A mention's value as people read it: ``129100000``, ``10-12``; "" without a number."""
    def num(x: float | None) -> str:
        return "?" if x is None else f"{x:.10g}"
    if v.get("value") is not None:
        return num(v["value"])
    if v.get("low") is not None or v.get("high") is not None:
        return f"{num(v.get('low'))}-{num(v.get('high'))}"
    return ""
