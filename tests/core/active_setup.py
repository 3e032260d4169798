"""The active-learning simulation's setup, shared by its test and bench/bench_active_learning.py
(see that script's docstring for what is compared and why)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reviewer.core.extract.builtin import BuiltinExtractor
from reviewer.core.learn.active import rank_spans
from reviewer.core.learn.extractor import SpacyExtractor
from reviewer.core.learn.simulate import review_curve
from reviewer.core.learn.train import TrainOptions, train_model
from reviewer.core.model import ParsedTranscript
from tests.core.demo_gold import build_demo_gold


@dataclass
class Setup:
    model: SpacyExtractor
    pool: list[tuple[str, ParsedTranscript]]  # (name, transcript), import order
    proposals: dict[str, list[tuple[int, int]]]  # pending work: the model's spans
    gold: dict[str, set[tuple[int, int]]]  # hidden gold

    def order(self, mode: str) -> list[tuple[str, tuple[int, int]]]:
        """Every proposal once: file order, or the active order ("uncertainty", "rules")."""
        if mode == "file":
            return [(name, sp) for name, _p in self.pool for sp in self.proposals[name]]
        ranked = {}
        for name, parsed in self.pool:
            useful = rank_spans(self.model, parsed, self.proposals[name],
                                use_rules=(mode == "rules"))
            ranked[name] = useful
        # Transcripts by mean usefulness of their pending proposals, mentions inside by theirs.
        names = sorted(ranked, key=lambda n: -sum(u.score for u in ranked[n])
                       / max(1, len(ranked[n])))
        return [(n, (u.start, u.end)) for n in names for u in ranked[n]]

    def curves(self) -> dict[str, list[float]]:
        """F1 after each decision, per order."""
        return {label: review_curve(self.order(mode), self.gold) for label, mode in
                (("file", "file"), ("uncertainty", "uncertainty"),
                 ("model vs rules (upper bound)", "rules"))}


def simulation_setup(folder: Path, epochs: int = 6, learn_rate: float = 0.001) -> Setup:
    """Two demo transcripts reviewed, a model trained on one of them, the other three as
    the pending pool with the model's proposals and the hidden gold."""
    project = build_demo_gold(folder / "al.db", review=2)
    train_model(project, folder / "model", TrainOptions(
        split=0.5, max_epochs=epochs, eval_frequency=20, learn_rate=learn_rate))
    model = SpacyExtractor({"model": str(folder / "model")})
    rules = BuiltinExtractor()
    pool, proposals, gold = [], {}, {}
    for r in sorted(project.list_transcripts(), key=lambda r: r.id):
        if r.status == "reviewed":
            continue
        parsed = project.load_transcript(r.id)
        pool.append((r.name, parsed))
        proposals[r.name] = [(m.start, m.end) for m in model.extract(parsed).mentions]
        gold[r.name] = {(m.start, m.end) for m in rules.extract(parsed).mentions}
    project.close()
    return Setup(model, pool, proposals, gold)
