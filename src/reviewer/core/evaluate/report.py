"""The evaluation report: every system scored on the same gold transcripts, side by side.

The report is a plain dict (what ``reviewer evaluate --json`` prints); the terminal table,
the HTML page and the app's evaluation view all display this one structure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from statistics import fmean

from reviewer.core.evaluate.bootstrap import (
    CONFIDENCE,
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    intervals,
    paired_intervals,
    resample_weights,
)
from reviewer.core.evaluate.matching import MODES, Tally, prf
from reviewer.core.evaluate.scoring import (
    DIMENSIONS,
    DocScore,
    ValueTally,
    score_doc,
    stats_from_vector,
)
from reviewer.core.evaluate.speakers import SpeakerTally
from reviewer.core.evaluate.values import DEFAULT_TOLERANCE
from reviewer.core.evaluate.verdict import summarize
from reviewer.core.store import Project
from reviewer.core.store.gold import RunReader, run_info
from reviewer.core.store.gold_records import GoldTranscript, MentionRecord, SuggestionRecord

REPORT_VERSION = 1


@dataclass
class System:
    """One extractor's output to evaluate. ``covered`` is the set of transcript hashes it
    ran on (``None``: every gold transcript). A system read from a stored run has a
    ``reader`` instead, which reads its output one scored transcript at a time."""

    name: str
    source: str
    mentions: dict[str, list[MentionRecord]] = field(default_factory=dict)
    suggestions: dict[str, list[SuggestionRecord]] = field(default_factory=dict)
    covered: set[str] | None = None
    reader: RunReader | None = None

    def covers(self, doc: GoldTranscript) -> bool:
        """Whether the system ran on this transcript."""
        if self.reader is not None and doc.id is not None:
            return self.reader.covers(doc.id)
        return self.covered is None or doc.hash in self.covered

    def output(self, doc: GoldTranscript) -> tuple[list[MentionRecord], list[SuggestionRecord]]:
        """The system's mentions and speaker suggestions for this transcript."""
        if self.reader is not None and doc.id is not None:
            return self.reader.output(doc.id)
        return self.mentions.get(doc.hash, []), self.suggestions.get(doc.hash, [])

    def covered_count(self) -> int | None:
        """How many transcripts the system ran on (``None``: not known, every one)."""
        if self.reader is not None:
            return self.reader.covered_count()
        return None if self.covered is None else len(self.covered)


def system_from_run(project: Project, run_id: int) -> System:
    """The predictions and suggestions of a run stored in the project, read lazily."""
    info = run_info(project, run_id)
    # An interrupted run (its process died) covers only what it finished: say so in its name.
    state = f", {info.status}" if info.status in ("interrupted", "running") else ""
    return System(f"{info.extractor} {info.version} (run {info.id}{state})", f"run {info.id}",
                  reader=RunReader(project, run_id))


@dataclass
class _Acc:
    modes: dict[str, Tally] = field(default_factory=lambda: {m: Tally() for m in MODES})
    groups: dict[str, dict[str, dict[str, Tally]]] = field(
        default_factory=lambda: {d: {} for d in DIMENSIONS})
    values: ValueTally = field(default_factory=ValueTally)
    facts: list[int] = field(default_factory=lambda: [0, 0, 0])
    speakers: SpeakerTally = field(default_factory=SpeakerTally)
    problems: list[dict] = field(default_factory=list)
    vectors: list[list[float]] = field(default_factory=list)
    preannotated: list[int] = field(default_factory=lambda: [0, 0])  # transcripts, gold

    def note_origin(self, doc: GoldTranscript, pred: list[MentionRecord]) -> None:
        """Count the gold a reviewer made from this system's own predictions."""
        ids = {m.id for m in pred if m.id is not None}
        origin = [a for a in doc.annotations if a.prediction_id in ids]
        if origin:
            self.preannotated[0] += 1
            self.preannotated[1] += sum(1 for a in doc.gold_mentions if a.prediction_id in ids)

    def add(self, s: DocScore) -> None:
        for m in MODES:
            self.modes[m].add(s.modes[m])
        for d, by_key in s.groups.items():
            for key, tallies in by_key.items():
                mine = self.groups[d].setdefault(key, {m: Tally() for m in MODES})
                for m in MODES:
                    mine[m].add(tallies[m])
        self.values.add(s.values)
        self.facts = [a + b for a, b in zip(self.facts, s.facts, strict=True)]
        self.speakers.add(s.speakers)
        self.problems.extend(s.problems)
        self.vectors.append(s.vector())


def evaluate(docs: Iterable[GoldTranscript], systems: list[System], *,
             tolerance: float = DEFAULT_TOLERANCE, resamples: int = DEFAULT_RESAMPLES,
             seed: int = DEFAULT_SEED, confidence: float = CONFIDENCE,
             as_of: str | None = None,
             progress: Callable[[int, str], None] | None = None,
             cancelled: Callable[[], bool] | None = None) -> dict:
    """Score every system on the gold transcripts all of them covered.

    ``progress(done, name)`` is called after each transcript and ``cancelled()`` polled
    between them (a cancelled evaluation reports on what was scored, with a warning).
    """
    accs = [_Acc() for _ in systems]
    warnings: list[str] = []
    covered_gold = [0] * len(systems)  # transcripts each system ran on among the gold read
    n_docs = n_gold = n_rejected = n_turns = n_pending = 0
    skipped: dict[str, int] = {}
    for doc in docs:
        if cancelled and cancelled():
            warnings.append("evaluation cancelled: the figures cover part of the gold only")
            break
        covers = [s.covers(doc) for s in systems]
        covered_gold = [n + c for n, c in zip(covered_gold, covers, strict=True)]
        missing = [s.name for s, c in zip(systems, covers, strict=True) if not c]
        if missing:
            for name in missing:
                skipped[name] = skipped.get(name, 0) + 1
            continue
        n_docs += 1
        n_gold += len(doc.gold_mentions)
        n_rejected += len(doc.rejected)
        n_turns += len(doc.turns)
        n_pending += sum(1 for a in doc.annotations if a.status == "pending")
        for s, acc in zip(systems, accs, strict=True):
            pred, suggestions = s.output(doc)
            acc.add(score_doc(doc, pred, suggestions, tolerance))
            acc.note_origin(doc, pred)
        if progress:
            progress(n_docs, doc.name)
    for name, n in skipped.items():
        warnings.append(f"{n} gold transcript(s) left out of every score: {name} has no "
                        "output for them (all systems are scored on the same transcripts)")
    for s, n in zip(systems, covered_gold, strict=True):
        total = s.covered_count()
        # Hashes are unique in a project: what it ran on minus the gold it covered.
        if total is not None and total - n:
            warnings.append(f"{total - n} transcript(s) of {s.name} are not reviewed gold in "
                            "this project: not scored")
    if n_pending:
        warnings.append(f"{n_pending} mention(s) were left pending in the reviewed transcripts: "
                        "they are not gold, so predictions there count as false positives "
                        "(decide them, or reopen those transcripts)")
    if not n_docs:
        warnings.append("no reviewed transcript to evaluate on: mark transcripts reviewed first")
    weights = resample_weights(n_docs, resamples, seed) if resamples and n_docs else []
    report = {
        "report_version": REPORT_VERSION,
        "gold": {"transcripts": n_docs, "mentions": n_gold, "rejected": n_rejected,
                 "turns": n_turns, "as_of": as_of},
        "settings": {"tolerance": tolerance, "resamples": resamples, "seed": seed,
                     "confidence": confidence},
        "systems": [_system_report(s, a, weights, confidence)
                    for s, a in zip(systems, accs, strict=True)],
        "comparisons": _comparisons(systems, accs, weights, confidence),
        "warnings": warnings,
    }
    report["summary"] = summarize(report)
    return report


def _prf_dict(t: Tally) -> dict:
    return {"precision": t.precision, "recall": t.recall, "f1": t.f1,
            "possible": t.pos, "actual": t.act}


def _system_report(s: System, a: _Acc, weights, confidence: float) -> dict:
    ci = intervals(a.vectors, stats_from_vector, weights, confidence) if len(weights) else {}

    def with_ci(prefix: str, d: dict, names: tuple[str, ...]) -> dict:
        d["ci"] = {n: list(ci[f"{prefix}.{n}"]) for n in names if f"{prefix}.{n}" in ci}
        return d

    mentions = {m: with_ci(m, a.modes[m].as_dict(), ("precision", "recall", "f1"))
                for m in MODES}
    metric_groups = a.groups["metric"]
    macro = {}
    for m in MODES:
        rows = [t[m] for t in metric_groups.values() if t[m].pos or t[m].act]
        macro[m] = {"precision": fmean(t.precision for t in rows) if rows else 0.0,
                    "recall": fmean(t.recall for t in rows) if rows else 0.0,
                    "f1": fmean(t.f1 for t in rows) if rows else 0.0, "groups": len(rows)}
    groups = {d: {k: {m: _prf_dict(v[m]) for m in MODES} for k, v in sorted(by.items())}
              for d, by in a.groups.items()}
    fg, fp, fm = a.facts
    p, r, f = prf(fm, fp, fm, fg)
    values = a.values.as_dict()
    values["ci"] = {"within_rate": list(ci["values.within_rate"])} if ci else {}
    speakers = a.speakers.as_dict()
    speakers["ci"] = ({k: list(ci[f"speakers.{k}"]) for k in ("raw_accuracy", "after_accuracy")}
                      if ci else {})
    return {
        "name": s.name, "source": s.source, "transcripts": len(a.vectors),
        "mentions": mentions, "macro": macro,
        "per_metric": groups["metric"], "per_unit_family": groups["unit_family"],
        "slices": {d: groups[d] for d in ("format", "lang", "section", "kind")},
        "values": values,
        "facts": with_ci("facts", {"gold": fg, "predicted": fp, "matched": fm,
                                   "precision": p, "recall": r, "f1": f},
                         ("precision", "recall", "f1")),
        "speakers": speakers,
        "preannotated": {"transcripts": a.preannotated[0], "gold_mentions": a.preannotated[1]},
        "problems": a.problems,
    }


def _comparisons(systems: list[System], accs: list[_Acc], weights,
                 confidence: float) -> list[dict]:
    """Each system against the first one: differences and their paired intervals."""
    if len(systems) < 2:
        return []
    base = accs[0]
    base_stats = stats_from_vector(_total(base.vectors))
    out = []
    for s, a in zip(systems[1:], accs[1:], strict=True):
        stats = stats_from_vector(_total(a.vectors))
        ci = (paired_intervals(base.vectors, a.vectors, stats_from_vector, weights, confidence)
              if len(weights) else {})
        out.append({"baseline": systems[0].name, "system": s.name,
                    "diff": {k: stats[k] - base_stats[k] for k in stats},
                    "ci": {k: list(v) for k, v in ci.items()}})
    return out


def _total(vectors: list[list[float]]) -> list[float]:
    if not vectors:
        return [0.0] * 24
    return [sum(col) for col in zip(*vectors, strict=True)]
