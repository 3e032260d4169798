"""Active learning: review first what the gold needs most.

A span is worth a reviewer's look when the model and the rules disagree about it (the rules
propose it and the model does not, or the model proposes a span no rule mention has: a new one,
or other boundaries), or when the
model is least sure (its probability near 0.5). Its usefulness is

    disagreement (0 or 1) + uncertainty (1 - |2p - 1|, 1 at p = 0.5, 0 at p = 0 or 1)

where ``p`` is the model's probability that the span is a figure. A transcript's usefulness
is the mean over its candidate spans (rules ∪ model), so a long call is not first just for
being long. ``order_transcripts`` and ``order_mentions`` sort pending work by it: "Review ›
Next most useful" in the app.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reviewer.core.extract.builtin import original_paragraphs
from reviewer.core.learn.extractor import THRESHOLD, SpacyExtractor
from reviewer.core.model import ParsedTranscript
from reviewer.core.store import Project
from reviewer.core.store import review as store

Span = tuple[int, int]


@dataclass(frozen=True)
class Useful:
    """One candidate span and why it is worth reviewing."""

    start: int
    end: int
    p_model: float  # the model's probability that it is a figure
    by_rules: bool  # a rule mention has exactly this span
    score: float


def usefulness(p: float, by_rules: bool | None) -> float:
    """Disagreement (0/1) plus the model's uncertainty about the span (uncertainty alone
    when ``by_rules`` is None: no rules to compare with)."""
    disagree = 1.0 if by_rules is not None and by_rules != (p >= THRESHOLD) else 0.0
    return disagree + (1.0 - abs(2.0 * p - 1.0))


def span_probabilities(model: SpacyExtractor, parsed: ParsedTranscript) -> dict[Span, float]:
    """The model's probability for every span its suggester proposes in the original
    paragraphs (character offsets into the transcript): the spancat threshold is lifted for
    this one pass so that unlikely spans get their (low) probability too."""
    spancat = model.nlp.get_pipe("spancat")
    saved = spancat.cfg["threshold"]
    spancat.cfg["threshold"] = 0.0
    try:
        paras = list(original_paragraphs(parsed))
        texts = (parsed.text[s:e] for _t, _r, s, e, _l in paras)
        out: dict[Span, float] = {}
        for (_t, _r, ps, _pe, _l), doc in zip(paras, model.nlp.pipe(texts), strict=True):
            group = doc.spans.get("sc", [])
            scores = group.attrs.get("scores") if len(group) else None
            for i, sp in enumerate(group):
                key = (ps + sp.start_char, ps + sp.end_char)
                out[key] = max(out.get(key, 0.0), float(scores[i]) if scores is not None
                               else 1.0)
        return out
    finally:
        spancat.cfg["threshold"] = saved


def _p_of(span: Span, probs: dict[Span, float]) -> float:
    if span in probs:
        return probs[span]
    # Not a suggested n-gram (the model's tokens cut it differently): the best overlapping
    # candidate's probability, halved for the boundary mismatch.
    s, e = span
    near = [p for (a, b), p in probs.items() if a < e and s < b]
    return max(near, default=0.0) / 2


def rank_spans(model: SpacyExtractor, parsed: ParsedTranscript,
               spans: Sequence[Span] | None = None, use_rules: bool = True) -> list[Useful]:
    """``spans`` (default: the candidates, rule mentions ∪ model spans) with their
    usefulness, most useful first (ties in text order); ``use_rules=False`` ranks by the
    model's uncertainty alone."""
    probs = span_probabilities(model, parsed)
    rules = [(m.start, m.end) for m in model.rules.mentions(parsed)]
    if spans is None:
        found = {k for k, p in probs.items() if p >= THRESHOLD}
        spans = sorted(set(rules) | {k for k in found
                                     if not any(a < k[1] and k[0] < b for a, b in rules)})
    out = []
    exact = set(rules)
    for s, e in spans:
        # Same boundaries as a rule mention: a span the rules cut differently is a disagreement.
        by_rules = (s, e) in exact
        p = _p_of((s, e), probs)
        score = usefulness(p, by_rules if use_rules else None)
        out.append(Useful(s, e, round(p, 4), by_rules, round(score, 4)))
    return sorted(out, key=lambda u: (-u.score, u.start, u.end))


def transcript_usefulness(model: SpacyExtractor, parsed: ParsedTranscript,
                          spans: Sequence[Span] | None = None, use_rules: bool = True) -> float:
    """The mean usefulness of a transcript's pending ``spans`` (default: its candidates,
    rule mentions ∪ model spans); 0 when it has none."""
    ranked = rank_spans(model, parsed, spans, use_rules)
    return sum(u.score for u in ranked) / len(ranked) if ranked else 0.0


def order_transcripts(project: Project, model: SpacyExtractor,
                      ids: Iterable[int] | None = None) -> list[tuple[int, float]]:
    """``(transcript id, usefulness)`` of the transcripts not yet reviewed, most useful
    first (ties by id, i.e. import order)."""
    wanted = set(ids) if ids is not None else None
    rows = [r for r in project.list_transcripts()
            if r.status != "reviewed" and (wanted is None or r.id in wanted)]
    scored = []
    for r in rows:
        # Pre-annotated: what is pending there; not yet: what the rules and model would propose.
        pending = [(a["start"], a["end"]) for a in store.annotations(project.db, r.id)
                   if a["status"] == "pending"] or None
        score = transcript_usefulness(model, project.load_transcript(r.id), pending)
        scored.append((r.id, round(score, 4)))
    return sorted(scored, key=lambda x: (-x[1], x[0]))


def order_mentions(project: Project, model: SpacyExtractor,
                   transcript_id: int) -> list[tuple[int, float]]:
    """``(annotation id, usefulness)`` of a transcript's pending mentions, most useful
    first."""
    pending = [r for r in store.annotations(project.db, transcript_id)
               if r["status"] == "pending"]
    if not pending:
        return []
    parsed = project.load_transcript(transcript_id)
    ranked = {(u.start, u.end): u.score
              for u in rank_spans(model, parsed, [(r["start"], r["end"]) for r in pending])}
    scored = [(r["id"], ranked[(r["start"], r["end"])]) for r in pending]
    return sorted(scored, key=lambda x: (-x[1], x[0]))
