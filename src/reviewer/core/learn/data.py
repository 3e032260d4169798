"""The training data: a deterministic held-out split by transcript, and the DocBins spaCy's
training reads (one Doc per original paragraph, spans under "sc").

Labels: ``figure`` for every span (the default: the model learns *where* a figure is, our
rules say what it measures — the gold of a few calls has too few examples per metric), or
``metric`` (the export's label rule: the metric id, ``figure`` without one).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import DocBin

from reviewer.core.errors import ReviewerError
from reviewer.core.export.docbin import to_docs
from reviewer.core.export.labels import FIGURE

LABEL_MODES = ("figure", "metric")
DEV_EVERY = 10  # every 10th training Doc is kept for spaCy's own model selection


class TrainingError(ReviewerError):
    """Training cannot start (too little gold, a bad option) or failed."""


def split_hashes(hashes: Iterable[str], split: float, seed: int) -> tuple[list[str], list[str]]:
    """``(train, held_out)`` transcript hashes: the sorted hashes shuffled with ``seed``, the
    first ``split`` share (at least one) for training, the rest (at least one) held out.
    The same gold, split and seed give the same split on every machine."""
    if not 0 < split < 1:
        raise TrainingError(f"--split must be between 0 and 1 (exclusive), not {split}")
    order = sorted(set(hashes))
    if len(order) < 2:
        raise TrainingError(f"{len(order)} reviewed transcript(s): training needs at least 2 "
                            "(one to learn from, one held out to score on); review more")
    random.Random(seed).shuffle(order)
    n = min(len(order) - 1, max(1, round(split * len(order))))
    return sorted(order[:n]), sorted(order[n:])


def relabel(doc: Any, labels: str) -> Any:
    """The Doc with its "sc" spans (and ents) relabelled for the ``labels`` mode."""
    if labels == "metric":
        return doc
    spans = [doc.char_span(s.start_char, s.end_char, label=FIGURE) for s in doc.spans["sc"]]
    doc.spans["sc"] = spans
    doc.ents = [doc.char_span(e.start_char, e.end_char, label=FIGURE) for e in doc.ents]
    return doc


@dataclass
class Corpus:
    """The DocBins written for one training."""

    train: Path
    dev: Path
    train_docs: int
    dev_docs: int
    spans: int
    longest: int  # the most tokens a gold span has (the suggester's largest n-gram)


def write_corpus(records: Sequence[dict[str, Any]], folder: Path,
                 labels: str = "figure") -> Corpus:
    """``train.spacy`` and ``dev.spacy`` in ``folder`` from the training records: one Doc per
    original paragraph, every ``DEV_EVERY``-th Doc kept aside for spaCy's model selection
    (never the held-out transcripts, which stay unseen)."""
    if labels not in LABEL_MODES:
        raise TrainingError(f"unknown label mode {labels!r} (one of {', '.join(LABEL_MODES)})")
    train, dev = DocBin(), DocBin()
    docs = [relabel(d, labels) for rec in records for d in to_docs(rec, "paragraph")]
    for i, d in enumerate(docs):
        (dev if i % DEV_EVERY == DEV_EVERY - 1 else train).add(d)
    if len(dev) == 0:  # too few paragraphs to set any aside: select on the training Docs
        for d in docs:
            dev.add(d)
    folder.mkdir(parents=True, exist_ok=True)
    paths = folder / "train.spacy", folder / "dev.spacy"
    train.to_disk(paths[0])
    dev.to_disk(paths[1])
    spans = [len(s) for d in docs for s in d.spans["sc"]]
    return Corpus(paths[0], paths[1], len(train), len(dev), len(spans), max(spans, default=1))


def model_path(model_dir: str | Path) -> Path:
    """The pipeline folder of a ``reviewer train`` output (``model-best``), or ``model_dir``
    itself when it is a spaCy pipeline folder."""
    d = Path(model_dir)
    for sub in ("model-best", "model-last"):
        if (d / sub / "meta.json").is_file():
            return d / sub
    if (d / "meta.json").is_file():
        return d
    raise TrainingError(f"{d}: no trained spaCy pipeline here (run `reviewer train` first)")
