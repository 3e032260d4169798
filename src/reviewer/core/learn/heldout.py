"""Scores of the rules, a trained model and the two combined on held-out gold transcripts,
with our own evaluation (the same matching modes as ``reviewer evaluate``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reviewer.core.evaluate.report import System, evaluate
from reviewer.core.extract.result import Mention
from reviewer.core.learn.extractor import CombinedExtractor, SpacyExtractor
from reviewer.core.store import Project
from reviewer.core.store.gold import load_transcript
from reviewer.core.store.gold_records import MentionRecord

SYSTEMS = ("rules", "model", "combined")


def as_record(m: Mention) -> MentionRecord:
    """An extractor's mention as the evaluation's record."""
    return MentionRecord(m.start, m.end, m.metric, m.value, m.low, m.high, m.unit, m.period,
                         m.kind, m.basis, m.confidence, turn=m.turn)


def heldout_scores(project: Project, hashes: Sequence[str], model_dir: str | Path
                   ) -> dict[str, dict[str, float]]:
    """``{system: {"<mode>_<p|r|f1>": …}}`` for rules, model and combined on ``hashes``."""
    model = SpacyExtractor({"model": str(model_dir)})
    combined = CombinedExtractor({"model": str(model_dir)})
    systems = {name: System(name, name) for name in SYSTEMS}
    docs = []
    for h in hashes:
        tid = project.has_hash(h)
        if tid is None:
            continue
        parsed = project.load_transcript(tid)
        rules = model.rules.extract(parsed).mentions
        spans = model.model_spans(parsed)
        outputs = {"rules": rules, "model": model.merge(parsed, rules, spans),
                   "combined": combined.merge(parsed, rules, spans)}
        for name, mentions in outputs.items():
            systems[name].mentions[h] = [as_record(m) for m in mentions]
        docs.append(load_transcript(project, tid))
    report = evaluate(docs, [systems[n] for n in SYSTEMS], resamples=0)
    return {s["name"]: flat_scores(s) for s in report["systems"]}


def flat_scores(system_report: dict[str, Any]) -> dict[str, float]:
    """Precision, recall and F1 per matching mode, rounded, from one system's report."""
    out: dict[str, float] = {}
    for mode, d in system_report["mentions"].items():
        for k, short in (("precision", "p"), ("recall", "r"), ("f1", "f1")):
            out[f"{mode}_{short}"] = round(d[k], 4)
    return out
