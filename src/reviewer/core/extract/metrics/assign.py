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
from collections.abc import Callable
from dataclasses import dataclass, field

from reviewer.core.extract.metrics import cues
from reviewer.core.extract.metrics.taxonomy import Metric, Taxonomy
from reviewer.core.extract.numbers import Quantity
from reviewer.core.extract.result import Mention

# Words allowed between a number and the metric noun that follows it.
_ADJACENT_GAP_RE = re.compile(r"\s*(?:(?:in|of|for|on|from|worth\s+of|used\s+in|in\s+total|"
                              r"the|our|its|non-GAAP|GAAP|adjusted|fully|total)\s+)*",
                              re.IGNORECASE)


@dataclass(slots=True)
class SentenceView:
    """A sentence prepared once for all the quantities in it (offsets into ``text``)."""

    text: str
    start: int
    end: int
    clause_starts: list[int]
    matches: list[tuple[int, int, str]]  # (start, end, metric id), excluded ones removed
    lang: str = "en"
    low: str = ""  # ``text`` lower-cased (same offsets), for the cue patterns
    match_clauses: list[int] = field(default_factory=list)  # the clause of each match
    share_words: bool = True  # whether PCT_OF_REVENUE_BEFORE_RE can match in the sentence

    def clause_of(self, pos: int) -> int:
        """The index of the clause holding ``pos``."""
        return bisect_right(self.clause_starts, pos) - 1

    def clause_span(self, pos: int) -> tuple[int, int]:
        """``(start, end)`` of the clause holding ``pos``."""
        _, start, end = self.clause_at(pos)
        return start, end

    def clause_at(self, pos: int) -> tuple[int, int, int]:
        """``(index, start, end)`` of the clause holding ``pos``."""
        starts = self.clause_starts
        i = bisect_right(starts, pos) - 1
        return i, starts[i], starts[i + 1] if i + 1 < len(starts) else self.end


def prepare_sentence(text: str, start: int, end: int, taxonomy: Taxonomy, lang: str,
                     quantity_spans: list[tuple[int, int]],
                     low: str | None = None) -> SentenceView:
    """Find the metric words and clause boundaries of ``text[start:end]`` (``low``: the
    text lower-cased, when the caller has it)."""
    low = low if low is not None else cues.lower(text)
    if low is not text:
        raw = taxonomy.find_in(text, low, start, end, lang)
    else:  # lower-casing changed the offsets somewhere: the sentence is lower-cased alone
        raw = [(start + s, start + e, mid) for s, e, mid in taxonomy.find(text[start:end], lang)]
    matches = raw
    if raw and cues.EXCLUSION_HINT_RE.search(low, start, raw[-1][0]):
        # "Excluding restricted cash, …" (the hint: a literal every exclusion holds)
        matches = [(s, e, mid) for s, e, mid in raw
                   if not cues.EXCLUSION_RE.search(low, max(start, s - 50), s)]
    # "of (total) revenue" after a percentage is a denominator, for every number of the
    # sentence ("9.9% of revenue in Q2 versus 11.8% last quarter").
    share_words = cues.PCT_OF_REVENUE_HINT_RE.search(low, start, end) is not None
    denominators = [(m.start(), m.end())
                    for m in cues.PCT_OF_REVENUE_BEFORE_RE.finditer(low, start, end)
                    ] if share_words else []
    for _qs, qe in quantity_spans:
        m = cues.PCT_OF_REVENUE_AFTER_RE.match(low, qe, min(qe + 60, end))
        if m:
            denominators.append((qe, m.end()))
    if denominators:
        matches = [x for x in matches if not any(a <= x[0] < b for a, b in denominators)]
    starts = [start]
    for m in cues.CLAUSE_END_RE.finditer(low, start, end):
        pos, before = m.end(), m.start()
        # A boundary inside a metric name ("cash, cash equivalents, and investments",
        # "sales and marketing") is not a clause boundary.
        for s, e, _ in raw:
            if s < pos < e or s < before < e:
                break
        else:
            starts.append(pos)
    return SentenceView(text, start, end, starts, matches, lang, low,
                        [bisect_right(starts, s) - 1 for s, _, _ in matches], share_words)


@dataclass(slots=True)
class MetricChoice:
    """The metric picked for a quantity, its score (0..1) and what else was learnt (never
    changed once made; not frozen: a frozen dataclass is three times slower to build, and
    one is built for every number)."""

    metric: str | None
    score: float
    span: tuple[int, int] | None = None  # where the metric's name stands (None: carried over)


@dataclass(slots=True)
class _Target:
    """The quantity a metric is being fitted to, with the words around it."""

    view: SentenceView
    start: int
    end: int
    unit: str
    per: str | None
    share: re.Match[str] | None  # "of total revenue" right after it
    share_before: bool  # "as a percentage of revenue" before it
    c_start: int
    c_end: int
    # What the words before the number say, the same for every candidate metric: found on
    # the first candidate that asks (None: not yet looked at).
    growth: bool | None = None
    money_change: bool | None = None


def _is_growth(t: _Target) -> bool:
    """Whether a growth word stands in the percentage's clause and no level ("to") right
    before it: "up 5%", not "declined to 4%"."""
    if t.growth is None:
        text = t.view.low
        t.growth = (not cues.level_before(text, max(t.c_start, t.start - 40), t.start)
                    and cues.GROWTH_RE.search(text, t.c_start, t.c_end) is not None)
    return t.growth


def _is_money_change(t: _Target) -> bool:
    """Whether the amount is a change: "up approximately $3 million"."""
    if t.money_change is None:
        t.money_change = cues.money_change_before(t.view.low, max(t.view.start, t.start - 40),
                                                  t.start)
    return t.money_change


def assign_metric(view: SentenceView, q_start: int, q_end: int, unit: str, per: str | None,
                  taxonomy: Taxonomy, fallback: Callable[[], str | None] | None = None,
                  clause: tuple[int, int, int] | None = None) -> MetricChoice:
    """The metric a quantity at ``[q_start, q_end)`` measures (offsets into ``view.text``).

    ``fallback`` gives the subject carried over from earlier sentences (called only when
    needed), used with a low score when this sentence names no metric near the number. A
    count only takes a metric named inside or right after it ("1,250 enterprise
    customers"); a candidate that cannot measure the unit gives no metric, not a wrong one.
    ``clause``: ``view.clause_at(q_start)`` when the caller has it.
    """
    low = view.low
    q_clause, c_start, c_end = clause if clause is not None else view.clause_at(q_start)
    pct = unit in ("percent", "bps")
    target = _Target(view, q_start, q_end, unit, per,
                     cues.PCT_OF_REVENUE_AFTER_RE.match(low, q_end, view.end) if pct else None,
                     pct and view.share_words
                     and bool(cues.PCT_OF_REVENUE_BEFORE_RE.search(low, c_start, q_start)),
                     c_start, c_end)
    best: tuple[float, str | None, tuple[int, int]] | None = None
    subject = _sentence_subject(view, q_start, c_start) if view.matches else None
    metrics = taxonomy.metrics
    for (s, e, mid), m_clause in zip(view.matches, view.match_clauses, strict=True):
        score, near = _position_score(view, s, e, q_start, q_end, q_clause, m_clause)
        if subject is not None and (s, e) == subject:
            score += 0.8
        if unit == "count" and score < 2.5:
            continue  # "42 countries" is not a customer count because "customers" is near
        metric = metrics.get(mid)
        fitted = _fit(metric, target, taxonomy, near) if metric else None
        if fitted is None:
            score -= 1.5
        score += min(e - s, 30) / 100  # a longer name is more specific
        if best is None or score > best[0]:
            best = (score, fitted, (s, e))
    carried = None
    if (best is not None and fallback and best[2][0] >= q_end
            and view.clause_of(best[2][0]) != q_clause and best[0] < 1.0):
        # Only names after the number, in later clauses: the sentence most likely goes on
        # about the previous one's subject ("This was better than the $7.5 million guidance
        # … better than expected total revenue").
        carried = fallback()
        metric = taxonomy.get(carried)
        if carried != best[1] and metric and _fit(metric, target, taxonomy, False):
            best = None
    if best is None:
        if fallback and unit != "count" and carried is None:
            carried = fallback()
        if carried and unit != "count" and (metric := taxonomy.get(carried)):
            fitted = _fit(metric, target, taxonomy, False)
            if fitted:
                return MetricChoice(fitted, 0.4)
        if per == "share" and "eps" in taxonomy:
            return MetricChoice("eps", 0.6)
        return MetricChoice(None, 0.0)
    score, mid, span = best
    if per == "share" and "eps" in taxonomy and (mid is None or taxonomy.metrics[mid].family
                                                 != "per_share"):
        mid, score = "eps", max(score, 1.5)
    if mid is None:
        return MetricChoice(None, 0.0, span)
    return MetricChoice(mid, max(0.1, min(1.0, (score + 0.2) / 2.6)), span)


_VERB_START_RE = re.compile(r"\s*(?:(?:was|were|is|are|came|grew|increased|decreased|"
                            r"declined|improved|rose|fell|ended|remained|totaled|reached)\b)",
                            re.IGNORECASE)


def _sentence_subject(view: SentenceView, q_start: int, c_start: int) -> tuple[int, int] | None:
    """The sentence's first metric name when the number's clause starts with the verb of a
    long subject ("Total non-GAAP spending as measured by … plus G&A, was down $17
    million"), so that the names inside the subject do not win by being closer."""
    if not view.matches:
        return None
    for s, _, _ in view.matches:
        if c_start <= s < q_start:
            return None
    if not _VERB_START_RE.match(view.text, c_start, q_start):
        return None
    s, e, _ = view.matches[0]
    return (s, e) if e <= c_start else None


def _position_score(view: SentenceView, s: int, e: int, q_start: int, q_end: int,
                    q_clause: int, m_clause: int) -> tuple[float, bool]:
    """How likely the name at ``[s, e)`` (in clause ``m_clause``) is what the number
    measures, and whether it is near (inside, adjacent, or in the number's clause before
    it)."""
    if q_start <= s and e <= q_end:
        return 2.8, True  # inside the quantity: "1,250 enterprise customers"
    if e <= q_start:
        dist = q_start - e
        near = m_clause == q_clause
        base = 2.0 if near else 1.2 - 0.2 * min(q_clause - m_clause, 3)
    else:
        dist = s - q_end
        near = dist <= 30 and bool(_ADJACENT_GAP_RE.fullmatch(view.text[q_end:s]))
        base = 2.6 if near else (0.8 if m_clause == q_clause else 0.3)
    return base - min(dist, 300) / 300 * 0.8, near


def _fit(metric: Metric, t: _Target, taxonomy: Taxonomy, near: bool) -> str | None:
    """The id of the metric this candidate becomes for the target quantity, or None when
    it cannot measure it."""
    if t.unit in ("percent", "bps") and metric.family not in ("percent", "rate", "growth"):
        if t.share is not None or t.share_before:
            if t.share is not None and t.share.group("arr"):
                return "arr_mix" if "arr_mix" in taxonomy else None
            if t.share is not None and t.share.group("book"):
                return "channel_share" if metric.id == "channel_share" else None
            if metric.pct_revenue_id:
                return metric.pct_revenue_id
            if metric.revenue_line and "revenue_mix" in taxonomy:
                return "revenue_mix"
            return None
        if metric.growth_id and _is_growth(t):
            return metric.growth_id
        if near and metric.revenue_line and "revenue_mix" in taxonomy:
            return "revenue_mix"  # a level of a part of revenue is its share
        return None
    if metric.accepts(t.unit, t.per):
        if metric.growth_id and metric.family in ("money", "count") and _is_money_change(t):
            return metric.growth_id
        return metric.id
    if metric.base and t.unit in ("percent", "bps"):
        return metric.id
    return None


def find_thresholds(view: SentenceView, quantities: list) -> set[int]:
    """Indexes (into ``quantities``) of money amounts that are size thresholds of a count
    ("611 customers generating ARR greater than $100,000"), not values of a metric."""
    out: set[int] = set()
    for i, q in enumerate(quantities):
        if q.unit in ("count", "percent", "bps", "") or q.start < view.start:
            continue
        if not cues.threshold_before(view.low, max(view.start, q.start - 25), q.start):
            continue
        if cues.THRESHOLD_OWNER_RE.search(view.low, max(view.start, q.start - 90), q.start):
            out.add(i)
    return out


def parallel_metric(metric: str | None, prev: Mention | None, q: Quantity, para: str,
                    left: int, taxonomy: Taxonomy) -> str | None:
    """Reuse the previous number's metric for a parallel one: "9.9% of revenue in Q2 versus
    11.8% last quarter", "R&D was 15.2% of revenue, in line with our 15% target", "10.4% and
    down 50 basis points sequentially"."""
    if prev is None or prev.metric is None or _family(prev.unit) != _family(q.unit):
        return metric
    if metric is None and q.unit == "count":
        return None  # a count names what it counts ("in 42 countries")
    if metric is None or cues.comparator_before(para, max(left, q.start - 60), q.start):
        return prev.metric
    m = taxonomy.get(metric)
    base = taxonomy.get(m.base) if m is not None and m.base else None
    if base is not None and base.pct_revenue_id == prev.metric and (
            q.unit == "bps" or _RATIO_CHANGE_RE.match(para, q.end)):
        return prev.metric  # a change of the ratio, not growth of the expense
    return metric


_RATIO_CHANGE_RE = re.compile(r"\s*(?:lower|higher|better|worse)\s+than\b", re.IGNORECASE)


def _family(unit: str | None) -> str | None:
    return "percent" if unit in ("percent", "bps") else unit
