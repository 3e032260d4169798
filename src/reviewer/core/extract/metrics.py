"""Metric assignment: which taxonomy metric a quantity measures, from its sentence.

Every synonym occurrence of the sentence is a candidate, scored by where it stands relative to
the number: the subject before it in the same clause ("Service revenue was $176.3 million")
and a noun right after it ("$15 million term loan prepayment", "$82.2 million in cash") score
highest; candidates in other clauses score less the farther they are. The candidate is then
fitted to the quantity's unit: a percentage of a money metric becomes its growth ("up 5%" →
``service_revenue_growth``) or its share of revenue ("41.3% of revenue" →
``sales_marketing_expense_pct_revenue``; a part of revenue → ``revenue_mix``); a candidate
that cannot measure the unit loses most of its score.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from reviewer.core.extract import cues
from reviewer.core.extract.taxonomy import Metric, Taxonomy

# Words allowed between a number and the metric noun that follows it.
_ADJACENT_GAP_RE = re.compile(r"\s*(?:(?:in|of|for|on|from|worth\s+of|used\s+in|in\s+total|"
                              r"the|our|its|non-GAAP|GAAP|adjusted|fully|total)\s+)*",
                              re.IGNORECASE)


@dataclass
class SentenceView:
    """A sentence prepared once for all the quantities in it (offsets into ``text``)."""

    text: str
    start: int
    end: int
    clause_starts: list[int]
    matches: list[tuple[int, int, str]]  # (start, end, metric id), excluded ones removed
    lang: str = "en"

    def clause_of(self, pos: int) -> int:
        """The index of the clause holding ``pos``."""
        return bisect_right(self.clause_starts, pos) - 1

    def clause_span(self, pos: int) -> tuple[int, int]:
        """``(start, end)`` of the clause holding ``pos``."""
        i = self.clause_of(pos)
        end = self.clause_starts[i + 1] if i + 1 < len(self.clause_starts) else self.end
        return self.clause_starts[i], end


def prepare_sentence(text: str, start: int, end: int, taxonomy: Taxonomy, lang: str,
                     quantity_spans: list[tuple[int, int]]) -> SentenceView:
    """Find the metric words and clause boundaries of ``text[start:end]``."""
    sent = text[start:end]
    raw = [(start + s, start + e, mid) for s, e, mid in taxonomy.find(sent, lang)]
    matches = []
    for s, e, mid in raw:
        head = text[max(start, s - 20):s]
        if cues.EXCLUSION_RE.search(head):
            continue  # "Excluding restricted cash, …"
        matches.append((s, e, mid))
    starts = [start]
    for m in cues.CLAUSE_END_RE.finditer(sent):
        pos = start + m.end()
        # A boundary inside a metric name ("cash, cash equivalents, and investments",
        # "sales and marketing") is not a clause boundary.
        if not any(s < pos < e or s < start + m.start() < e for s, e, _ in raw):
            starts.append(pos)
    return SentenceView(text, start, end, starts, matches, lang)


@dataclass(frozen=True)
class MetricChoice:
    """The metric picked for a quantity, its score (0..1) and what else was learnt."""

    metric: str | None
    score: float
    span: tuple[int, int] | None = None  # where the metric's name stands (None: carried over)


def assign_metric(view: SentenceView, q_start: int, q_end: int, unit: str, per: str | None,
                  taxonomy: Taxonomy, fallback: str | None = None) -> MetricChoice:
    """The metric a quantity at ``[q_start, q_end)`` measures (offsets into ``view.text``).

    ``fallback`` is the subject carried over from the previous sentence, used (with a low
    score) when this sentence names no metric.
    """
    text = view.text
    c_start, c_end = view.clause_span(q_start)
    q_clause = view.clause_of(q_start)
    after = text[q_end:min(q_end + 60, view.end)]
    share = cues.PCT_OF_REVENUE_AFTER_RE.match(after) if unit in ("percent", "bps") else None
    share_before = unit in ("percent", "bps") and bool(
        cues.PCT_OF_REVENUE_BEFORE_RE.search(text, c_start, q_start))
    denominator_end = q_end + share.end() if share else q_end
    best: tuple[float, str, tuple[int, int]] | None = None
    for s, e, mid in view.matches:
        if q_end <= s < denominator_end:
            continue  # "of total revenue" is the denominator, not the metric
        score = _position_score(view, s, e, q_start, q_end, q_clause)
        metric = taxonomy.get(mid)
        fitted = _fit(metric, text, view, q_start, q_end, unit, per, share, share_before,
                      c_start, c_end, taxonomy) if metric else None
        if fitted is None:
            score -= 1.5
            fitted = mid
        score += min(e - s, 30) / 100  # a longer name is more specific
        if best is None or score > best[0]:
            best = (score, fitted, (s, e))
    if best is None:
        if fallback and (metric := taxonomy.get(fallback)):
            fitted = _fit(metric, text, view, q_start, q_end, unit, per, share, share_before,
                          c_start, c_end, taxonomy)
            if fitted:
                return MetricChoice(fitted, 0.4)
        if per == "share" and "eps" in taxonomy:
            return MetricChoice("eps", 0.6)
        return MetricChoice(None, 0.0)
    score, mid, span = best
    if per == "share" and "eps" in taxonomy and taxonomy.metrics[mid].family != "per_share":
        mid, score = "eps", max(score, 1.5)
    return MetricChoice(mid, max(0.1, min(1.0, (score + 0.2) / 2.6)), span)


def _position_score(view: SentenceView, s: int, e: int, q_start: int, q_end: int,
                    q_clause: int) -> float:
    if q_start <= s and e <= q_end:
        return 2.8  # inside the quantity: "1,250 enterprise customers"
    m_clause = view.clause_of(s)
    if e <= q_start:
        dist = q_start - e
        base = 2.0 if m_clause == q_clause else 1.2 - 0.2 * min(q_clause - m_clause, 3)
    else:
        dist = s - q_end
        gap = view.text[q_end:s]
        if dist <= 30 and _ADJACENT_GAP_RE.fullmatch(gap):
            base = 2.6
        else:
            base = 0.8 if m_clause == q_clause else 0.3
    return base - min(dist, 300) / 300 * 0.8


def _fit(metric: Metric, text: str, view: SentenceView, q_start: int, q_end: int, unit: str,
         per: str | None, share: re.Match[str] | None, share_before: bool, c_start: int,
         c_end: int, taxonomy: Taxonomy) -> str | None:
    """The id of the metric this candidate becomes for a quantity of ``unit``, or None when
    it cannot measure it."""
    if unit in ("percent", "bps") and metric.family not in ("percent", "rate", "growth"):
        if share is not None or share_before:
            if share is not None and share.group("arr"):
                return "arr_mix" if "arr_mix" in taxonomy else None
            if share is not None and share.group("book"):
                return "channel_share" if metric.id == "channel_share" else None
            if metric.pct_revenue_id:
                return metric.pct_revenue_id
            if metric.revenue_line and "revenue_mix" in taxonomy:
                return "revenue_mix"
            return None
        if metric.growth_id and cues.GROWTH_RE.search(text, c_start, c_end):
            return metric.growth_id
        return None
    if metric.accepts(unit, per):
        if (metric.growth_id and metric.family in ("money", "count")
                and cues.MONEY_CHANGE_BEFORE_RE.search(text, max(view.start, q_start - 40),
                                                       q_start)):
            return metric.growth_id
        return metric.id
    if metric.base and unit in ("percent", "bps"):
        return metric.id
    return None


def find_thresholds(view: SentenceView, quantities: list) -> set[int]:
    """Indexes (into ``quantities``) of money amounts that are size thresholds of a count
    ("611 customers generating ARR greater than $100,000"), not values of a metric."""
    out: set[int] = set()
    for i, q in enumerate(quantities):
        if q.unit in ("count", "percent", "bps", "") or q.start < view.start:
            continue
        head = view.text[max(view.start, q.start - 25):q.start]
        if not cues.THRESHOLD_BEFORE_RE.search(head):
            continue
        window = view.text[max(view.start, q.start - 90):q.start]
        if cues.THRESHOLD_OWNER_RE.search(window):
            out.add(i)
    return out
