"""Scoring one system's output on one gold transcript, and adding scores up.

Every count is kept per transcript so that bootstrap intervals can resample transcripts.
Groups (per metric, unit family and slice) attribute a pair's gold side to the gold mention's
group and its predicted side to the prediction's group, so a prediction with the wrong metric
costs precision in its own metric and recall in the gold one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reviewer.core.evaluate.matching import CREDIT, MODES, Tally, add_counts, align, outcome, prf
from reviewer.core.evaluate.speakers import SpeakerTally, score_speakers
from reviewer.core.evaluate.values import (
    ValueCheck,
    check_value,
    facts,
    match_facts,
    same_text,
    unit_family,
)
from reviewer.core.store.gold_records import GoldTranscript, MentionRecord, SuggestionRecord

# Breakdowns: "metric" and "unit_family" are the per-type tables; the others are slices.
DIMENSIONS = ("metric", "unit_family", "format", "lang", "section", "kind")
NONE = "(none)"


def _keys(doc: GoldTranscript) -> dict[str, Callable[[MentionRecord], str]]:
    def section(m: MentionRecord) -> str:
        t = doc.turn_at(m.start)
        return (t.section if t and t.section else NONE)

    return {
        "metric": lambda m: m.metric or NONE,
        "unit_family": lambda m: unit_family(m.unit),
        "format": lambda m: doc.format,
        "lang": lambda m: doc.lang_at(m.start),
        "section": section,
        "kind": lambda m: (m.kind or NONE).lower(),
    }


@dataclass
class ValueTally:
    """Value, period, kind and metric correctness over matched pairs."""

    matched: int = 0
    compared: int = 0
    exact: int = 0
    within: int = 0
    errors: Counter = field(default_factory=Counter)
    factors: Counter = field(default_factory=Counter)
    period: list[int] = field(default_factory=lambda: [0, 0])  # [compared, correct]
    kind: list[int] = field(default_factory=lambda: [0, 0])
    metric: list[int] = field(default_factory=lambda: [0, 0])

    def add(self, o: ValueTally) -> None:
        add_counts(self, o, ("matched", "compared", "exact", "within"))
        self.errors.update(o.errors)
        self.factors.update(o.factors)
        for k in ("period", "kind", "metric"):
            mine, theirs = getattr(self, k), getattr(o, k)
            mine[0] += theirs[0]
            mine[1] += theirs[1]

    def as_dict(self) -> dict:
        def acc(pair: list[int]) -> dict:
            return {"compared": pair[0], "correct": pair[1],
                    "accuracy": pair[1] / pair[0] if pair[0] else None}
        c = self.compared
        return {
            "matched": self.matched, "compared": c, "exact": self.exact, "within": self.within,
            "exact_rate": self.exact / c if c else None,
            "within_rate": self.within / c if c else None,
            "errors": {e: self.errors.get(e, 0) for e in sorted(self.errors)},
            "scale_factors": dict(sorted(self.factors.items())),
            "period": acc(self.period), "kind": acc(self.kind), "metric": acc(self.metric),
        }


@dataclass
class DocScore:
    """Everything one system scored on one transcript."""

    hash: str
    name: str
    transcript_id: int | None
    modes: dict[str, Tally]
    groups: dict[str, dict[str, dict[str, Tally]]]
    values: ValueTally
    facts: tuple[int, int, int]  # gold, predicted, matched
    speakers: SpeakerTally
    problems: list[dict]

    def vector(self) -> list[float]:
        """The numbers bootstrap resampling adds up (see ``stats_from_vector``)."""
        v: list[float] = []
        for m in MODES:
            t = self.modes[m]
            v += [t.hit_p, t.act, t.hit_r, t.pos]
        v += [self.values.compared, self.values.within, *self.facts,
              self.speakers.turns, self.speakers.raw_correct, self.speakers.after_correct]
        return v


def stats_from_vector(v: Sequence[float]) -> dict[str, float]:
    """Headline figures from a (summed) ``DocScore.vector``."""
    out: dict[str, float] = {}
    for i, m in enumerate(MODES):
        hp, act, hr, pos = v[4 * i: 4 * i + 4]
        p, r, f = prf(hp, act, hr, pos)
        out[f"{m}.precision"], out[f"{m}.recall"], out[f"{m}.f1"] = p, r, f
    compared, within, fg, fp, fm, turns, raw, after = v[16:24]
    out["values.within_rate"] = within / compared if compared else 0.0
    out["facts.precision"], out["facts.recall"], out["facts.f1"] = prf(fm, fp, fm, fg)
    out["speakers.raw_accuracy"] = raw / turns if turns else 0.0
    out["speakers.after_accuracy"] = after / turns if turns else 0.0
    return out


def _problem(kind: str, doc: GoldTranscript, m: MentionRecord, **extra: object) -> dict:
    text = doc.text[m.start:m.end] if doc.text is not None else None
    return {"type": kind, "hash": doc.hash, "transcript_id": doc.id, "name": doc.name,
            "start": m.start, "end": m.end, "text": text, "metric": m.metric,
            "value": m.value, "low": m.low, "high": m.high, "unit": m.unit, **extra}


def score_doc(doc: GoldTranscript, pred: Sequence[MentionRecord],
              suggestions: Sequence[SuggestionRecord], tol: float) -> DocScore:
    """Score one system's mentions and suggestions on one reviewed transcript."""
    gold = doc.gold_mentions
    al = align(gold, pred)
    keys = _keys(doc)
    modes = {m: Tally(pos=len(gold), act=len(pred)) for m in MODES}
    groups: dict[str, dict[str, dict[str, Tally]]] = {d: {} for d in DIMENSIONS}

    def tally(dim: str, key: str, mode: str) -> Tally:
        return groups[dim].setdefault(key, {m: Tally() for m in MODES})[mode]

    for g in gold:
        for d, fn in keys.items():
            for m in MODES:
                tally(d, fn(g), m).pos += 1
    for p in pred:
        for d, fn in keys.items():
            for m in MODES:
                tally(d, fn(p), m).act += 1
    values = ValueTally(matched=len(al.pairs))
    problems: list[dict] = []
    for gi, pi in al.pairs:
        g, p = gold[gi], pred[pi]
        for m in MODES:
            res = outcome(g, p, m)
            c = CREDIT[res]
            t = modes[m]
            t.hit_p += c
            t.hit_r += c
            setattr(t, res.lower(), getattr(t, res.lower()) + 1)
            for d, fn in keys.items():
                tg = tally(d, fn(g), m)
                tg.hit_r += c
                setattr(tg, res.lower(), getattr(tg, res.lower()) + 1)
                tally(d, fn(p), m).hit_p += c
        _check_pair(doc, g, p, tol, values, problems)
    for gi in al.missed:
        for m in MODES:
            modes[m].mis += 1
            for d, fn in keys.items():
                tally(d, fn(gold[gi]), m).mis += 1
        problems.append(_problem("FN", doc, gold[gi]))
    for pi in al.spurious:
        for m in MODES:
            modes[m].spu += 1
            for d, fn in keys.items():
                tally(d, fn(pred[pi]), m).spu += 1
        problems.append(_problem("FP", doc, pred[pi]))
    gf, pf = facts(gold), facts(pred)
    problems.sort(key=lambda e: (e["start"], e["end"], e["type"]))
    return DocScore(doc.hash, doc.name, doc.id, modes, groups, values,
                    (len(gf), len(pf), match_facts(gf, pf, tol)),
                    score_speakers(doc.turns, suggestions), problems)


def _check_pair(doc: GoldTranscript, g: MentionRecord, p: MentionRecord, tol: float,
                values: ValueTally, problems: list[dict]) -> None:
    vc: ValueCheck = check_value(g, p, tol)
    if vc.compared:
        values.compared += 1
        values.exact += vc.exact
        values.within += vc.within
        if vc.error:
            values.errors[vc.error] += 1
            if vc.factor:
                values.factors[vc.factor] += 1
    for attr, pair in (("period", values.period), ("kind", values.kind),
                       ("metric", values.metric)):
        # A pair counts when either side gives one (agreement counts the same way): a
        # period where the gold has none is wrong, and two blanks say nothing.
        if getattr(g, attr) or getattr(p, attr):
            pair[0] += 1
            pair[1] += same_text(getattr(g, attr), getattr(p, attr))
    gold_side = {"gold": {"start": g.start, "end": g.end, "metric": g.metric,
                          "value": g.value, "low": g.low, "high": g.high, "unit": g.unit}}
    if (g.start, g.end) != (p.start, p.end):
        problems.append(_problem("boundary", doc, p, **gold_side))
    if g.metric != p.metric:
        problems.append(_problem("metric", doc, p, **gold_side))
    if vc.error:
        problems.append(_problem("value", doc, p, error=vc.error, factor=vc.factor,
                                 **gold_side))
