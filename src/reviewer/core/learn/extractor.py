"""A trained pipeline as an extractor: ``spacy:MODEL_DIR`` and ``combined:MODEL_DIR``.

The model says where the figures are (spans, with its confidence); what each one is —
value, unit, period, kind, basis, and the metric unless the model was trained on metric
labels — comes from our number grammar and rules: the rule mention over the same characters
when there is one, else the number grammar on the span's own text. ``combined`` keeps every
rule mention and adds the model's spans where no rule mention lies (with the model's
confidence): rules ∪ model. Speaker suggestions and translation checks are the rules'.

Imports from the rule extractor go through three modules only: ``extract.builtin``,
``extract.result`` and ``extract.numbers``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from reviewer.core.export.labels import label_metric
from reviewer.core.extract.builtin import BuiltinExtractor, original_paragraphs
from reviewer.core.extract.numbers import find_quantities
from reviewer.core.extract.result import ExtractionResult, Mention
from reviewer.core.learn.data import model_path
from reviewer.core.model import ParsedTranscript

VERSION = "0.1.0"
THRESHOLD = 0.5  # spancat's own decision threshold


@dataclass(frozen=True)
class ModelSpan:
    """A span the model proposes, with its score (the probability it is a figure)."""

    start: int
    end: int
    label: str
    score: float
    turn: int | None
    lang: str


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


class SpacyExtractor:
    """Mentions found by a trained spaCy pipeline (entry point ``spacy``; ``spacy:MODEL_DIR``)."""

    name = "spacy"
    usage = "spacy:MODEL_DIR"  # a trained model folder (`reviewer train --out MODEL_DIR`)
    version = VERSION

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        options = dict(config or {})
        model = options.pop("model", None)
        self.min_confidence = float(options.pop("min_confidence", 0.0) or 0.0)
        if options:
            from reviewer.core.extract.registry import ExtractorError

            raise ExtractorError(f"unknown option(s) of the {self.name} extractor: "
                                 f"{', '.join(sorted(options))}")
        if not model:
            from reviewer.core.extract.registry import ExtractorError

            raise ExtractorError(f"the {self.name} extractor needs a model folder: "
                                 f"--extractor {self.name}:MODEL_DIR")
        self.path = model_path(model)
        self.rules = BuiltinExtractor()

    @cached_property
    def nlp(self) -> Any:
        """The pipeline, loaded on first use (a worker process loads its own)."""
        import spacy

        return spacy.load(self.path)

    @property
    def config(self) -> dict[str, Any]:
        """The model folder and its identity (recorded with a run)."""
        import json

        meta = json.loads((self.path / "meta.json").read_text(encoding="utf-8"))
        return {"model": str(self.path.resolve()), "model_name": meta.get("name"),
                "model_version": meta.get("version"), "min_confidence": self.min_confidence}

    def model_spans(self, parsed: ParsedTranscript, threshold: float = THRESHOLD
                    ) -> list[ModelSpan]:
        """The model's spans over every original paragraph, non-overlapping (best score
        first), scoring at least ``threshold``."""
        paras = list(original_paragraphs(parsed))
        texts = (parsed.text[s:e] for _t, _r, s, e, _l in paras)
        out: list[ModelSpan] = []
        for (turn, _role, ps, _pe, lang), doc in zip(paras, self.nlp.pipe(texts), strict=True):
            group = doc.spans.get("sc", [])
            scores = group.attrs.get("scores") if len(group) else None
            cands = sorted(((float(scores[i]) if scores is not None else 1.0, sp)
                            for i, sp in enumerate(group)), key=lambda x: -x[0])
            taken: list[tuple[int, int]] = []
            for score, sp in cands:
                if score < threshold or any(_overlap(sp.start, sp.end, a, b) for a, b in taken):
                    continue
                taken.append((sp.start, sp.end))
                out.append(ModelSpan(ps + sp.start_char, ps + sp.end_char, sp.label_, score,
                                     turn, lang))
        return sorted(out, key=lambda m: (m.start, m.end))

    def extract(self, parsed: ParsedTranscript) -> ExtractionResult:
        """The model's mentions, described by the rules; the rules' suggestions and checks."""
        rules = self.rules.extract(parsed)
        spans = self.model_spans(parsed)
        mentions = self.merge(parsed, rules.mentions, spans)
        return ExtractionResult(self.name, self.version,
                                [m for m in mentions if m.confidence >= self.min_confidence],
                                rules.speaker_suggestions, rules.translation_checks)

    def merge(self, parsed: ParsedTranscript, rules: list[Mention], spans: list[ModelSpan]
              ) -> list[Mention]:
        """Each model span as a mention described by the rules."""
        return [describe(parsed, s, rules) for s in spans]


class CombinedExtractor(SpacyExtractor):
    """Rules ∪ model (entry point ``combined``; ``combined:MODEL_DIR``)."""

    name = "combined"
    usage = "combined:MODEL_DIR"

    def merge(self, parsed: ParsedTranscript, rules: list[Mention], spans: list[ModelSpan]
              ) -> list[Mention]:
        """Every rule mention, plus the model's spans that no rule mention overlaps."""
        extra = [describe(parsed, s, rules) for s in spans
                 if not any(_overlap(s.start, s.end, m.start, m.end) for m in rules)]
        return sorted(rules + extra, key=lambda m: (m.start, m.end))


def describe(parsed: ParsedTranscript, s: ModelSpan, rules: list[Mention]) -> Mention:
    """A model span as a mention: the rule mention overlapping it most gives value, unit,
    period, kind and basis (and the metric when the model only says ``figure``); without
    one, the number grammar reads the span's own text."""
    text = parsed.text[s.start:s.end]
    metric = label_metric(s.label)
    best = max(rules, key=lambda m: _overlap(s.start, s.end, m.start, m.end), default=None)
    if best is not None and _overlap(s.start, s.end, best.start, best.end):
        return replace(best, start=s.start, end=s.end, text=text, turn=s.turn,
                       metric=metric or best.metric, confidence=round(s.score, 4),
                       extra={**best.extra, "model": True})
    qs = find_quantities(text, s.lang)
    q = qs[0] if qs else None
    return Mention(s.start, s.end, text, s.turn, metric,
                   q.value if q else None, q.low if q else None, q.high if q else None,
                   (q.unit or None) if q else None, _call_period(parsed), "actual", None,
                   round(s.score, 4), {"model": True, "model_only": True})


def _call_period(parsed: ParsedTranscript) -> str | None:
    fp = parsed.metadata.fiscal_period
    return fp if fp and fp.upper().startswith("FY") else None


def load_extractor(model_dir: str | Path, combined: bool = False) -> SpacyExtractor:
    """The extractor of a model folder (the ``combined`` one on request)."""
    cls = CombinedExtractor if combined else SpacyExtractor
    return cls({"model": str(model_dir)})
