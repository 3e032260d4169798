"""``reviewer train``: a spaCy span categorizer learned from the reviewed transcripts.

Everything runs through spaCy's own config system and training loop (``spacy.cli.train``):
we only write the corpus and the config. The pipeline is ``spacy.blank("en")`` + tok2vec +
``spancat`` on CPU ("efficiency" settings, the n-gram suggester sized to the longest gold
span). The reviewed transcripts are split by transcript (``data.split_hashes``); the held-out
ones are never seen in training, and the rules, the model and the two combined are scored on
them with our evaluation. ``MODEL_DIR`` gets ``model-best`` / ``model-last`` (spaCy's), the
``corpus/`` and ``config.cfg`` used, and ``reviewer-model.json`` (split, labels, scores).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from reviewer.core.export.dataset import project_records
from reviewer.core.learn.data import Corpus, TrainingError, split_hashes, write_corpus
from reviewer.core.store import Project

INFO_FILE = "reviewer-model.json"
# The suggester proposes every n-gram up to this many tokens. Longer gold spans (spelled-out
# amounts, "13,000 voice for Microsoft Teams seats") are rare, and each extra size multiplies
# the negative candidates: on the demo gold, sizes 1-8 left the model predicting nothing after
# 20 epochs (F1 0), sizes 1-5 reached held-out F1 0.86 in 10. The rules still propose the long
# spans in the combined extractor.
MAX_NGRAM = 5


@dataclass
class TrainOptions:
    """What a training run may change."""

    split: float = 0.8
    seed: int = 0
    labels: str = "figure"  # or "metric" (see data.py)
    max_epochs: int = 20
    eval_frequency: int = 50  # steps between spaCy's evaluations (one progress row each)
    learn_rate: float = 0.001  # Adam's (spaCy's default)


@dataclass
class TrainResult:
    """What a training made and how it scored on the held-out transcripts."""

    model_dir: Path
    train: list[str]
    held_out: list[str]
    options: dict[str, Any]
    corpus: dict[str, Any]
    scores: dict[str, dict[str, float]] = field(default_factory=dict)


def training_config(corpus: Corpus, options: TrainOptions) -> Any:
    """spaCy's generated config for a CPU spancat, fitted to our corpus and options."""
    from spacy.cli.init_config import init_config

    cfg = init_config(lang="en", pipeline=["spancat"], optimize="efficiency", gpu=False,
                      pretraining=False, silent=True)
    cfg["paths"]["train"] = str(corpus.train)
    cfg["paths"]["dev"] = str(corpus.dev)
    cfg["system"]["seed"] = options.seed
    sizes = list(range(1, min(corpus.longest, MAX_NGRAM) + 1))
    cfg["components"]["spancat"]["suggester"]["sizes"] = sizes
    t = cfg["training"]
    t["max_epochs"] = options.max_epochs
    t["max_steps"] = 0  # the epochs bound the run
    t["eval_frequency"] = options.eval_frequency
    t["optimizer"]["learn_rate"] = options.learn_rate
    # spaCy's default patience (steps without a better dev score): a small gold learns late
    # (hundreds of steps at zero), so it must not stop early; a larger one stops at its plateau.
    t["patience"] = 1600
    return cfg


def train_model(project: Project, out_dir: str | Path, options: TrainOptions | None = None,
                log: Callable[[str], None] | None = None) -> TrainResult:
    """Train on the project's reviewed transcripts, save to ``out_dir``, score on the
    held-out ones. ``TrainingError`` when there is too little gold or spaCy fails."""
    options = options or TrainOptions()
    say = log or (lambda _m: None)
    out = Path(out_dir)
    records = list(project_records(project))
    train_h, held_h = split_hashes((r["hash"] for r in records), options.split, options.seed)
    train_recs = [r for r in records if r["hash"] in set(train_h)]
    corpus = write_corpus(train_recs, out / "corpus", options.labels)
    if not corpus.spans:
        raise TrainingError("the training transcripts hold no gold mention to learn from")
    say(f"training on {len(train_h)} transcript(s) ({corpus.train_docs} paragraphs, "
        f"{corpus.spans} mentions), {len(held_h)} held out")
    cfg = training_config(corpus, options)
    cfg.to_disk(out / "config.cfg")
    _run_spacy_train(out / "config.cfg", out)
    result = TrainResult(out, train_h, held_h, asdict(options),
                         {k: v for k, v in asdict(corpus).items() if k not in ("train", "dev")})
    from reviewer.core.learn.heldout import heldout_scores

    say("scoring the rules, the model and both combined on the held-out transcripts")
    result.scores = heldout_scores(project, held_h, out)
    (out / INFO_FILE).write_text(json.dumps(
        {"train": train_h, "held_out": held_h, "options": result.options,
         "corpus": result.corpus, "scores": result.scores}, indent=2), encoding="utf-8")
    return result


def _run_spacy_train(config: Path, out: Path) -> None:
    from spacy.cli.train import train

    try:
        train(config, out, use_gpu=-1)
    except SystemExit as exc:  # spaCy's CLI helpers exit on bad input
        raise TrainingError(f"spaCy training stopped (exit status {exc.code})") from exc
    except (ValueError, KeyError) as exc:
        raise TrainingError(f"spaCy training failed: {exc}") from exc
