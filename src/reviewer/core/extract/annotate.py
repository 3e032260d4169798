"""Mentions of one paragraph: quantities from the number grammar, then metric, period, kind,
basis and confidence from the words around each one.

Works on raw text with compiled patterns (no tokenizer: the spaCy component in ``pipeline``
wraps this same function). State that outlives a sentence lives in ``CallState`` (the call's
period, its fiscal calendar, a basis declared for the whole call) and ``TurnState`` (the
period being guided, the metric being talked about, a basis declared for a paragraph).

Analysts' numbers: a number quoted in an analyst's (or the operator's) turn is kept, with the
metric, period and kind its words give, but its confidence is halved and ``extra["quoted"]``
is set, so reviewers and evaluations can tell it apart from what the company reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import partial

from reviewer.core.extract.metrics import cues
from reviewer.core.extract.metrics.assign import (
    MetricChoice,
    assign_metric,
    find_thresholds,
    parallel_metric,
    prepare_sentence,
)
from reviewer.core.extract.metrics.counted import (
    WEAK_CONFIDENCE,
    elided_noun,
    fallback_metric,
    is_weak,
)
from reviewer.core.extract.metrics.fiscal import FiscalPeriod, resolve
from reviewer.core.extract.metrics.periods import PeriodExpr, find_periods, find_periods_in
from reviewer.core.extract.metrics.taxonomy import Taxonomy, is_currency
from reviewer.core.extract.numbers import Quantity, find_quantities
from reviewer.core.extract.numbers.counts import find_counts, merge
from reviewer.core.extract.result import Mention

_FY_RELS = ("fy", "next_fy")
_KEPT_UNITS = ("percent", "bps", "count", "ratio", "weeks", "months", "days")
QUOTING_ROLES = ("analyst", "operator")
# Between a compared period and the number it describes: "'s ", " peak debt of ".
_DESCRIBED_GAP_RE = re.compile(r"(?:['’]s)?\s+(?:(?:[\w-]+\s+){0,3}(?:of|at|was|were)\s+"
                               r"(?:approximately\s+|about\s+|roughly\s+)?)?", re.IGNORECASE)


@dataclass
class CallState:
    """What holds for the whole call."""

    period: FiscalPeriod | None
    fy_end_month: int | None = None
    basis: str | None = None  # "all figures are non-GAAP unless otherwise noted"


@dataclass
class TurnState:
    """What carries from sentence to sentence within one turn."""

    role: str = "unknown"
    guided: FiscalPeriod | None = None  # the period the current guidance is for
    subject: str | None = None  # the metric the previous sentence talked about
    subject_basis: str | None = None
    paragraph_basis: str | None = None
    # Sentences without numbers since the subject was last set, newest last: their metric
    # names are looked up only when a later number needs a subject (most never do).
    pending: list[tuple[str, int, int, str]] = field(default_factory=list)

    def resolve_subject(self, taxonomy: Taxonomy) -> str | None:
        """The metric the turn was last talking about: the first metric name of the latest
        sentence that has one."""
        while self.pending:
            para, s, e, lang = self.pending.pop()
            for ss, se in reversed(_sentences(para[s:e])):
                found = taxonomy.find(para[s + ss:s + se], lang)
                if found:
                    self.subject, self.subject_basis = found[0][2], None
                    self.pending.clear()
                    return self.subject
        return self.subject


_PENDING_MAX = 4
# Cheap test before the period grammar runs on a sentence without numbers. Every branch opens
# with a literal ("1q|2q…", not "[1-4]q"), so that re skips to those characters.
_PERIOD_HINT_RE = re.compile(r"quarter|year|fiscal|fy|q[1-4]|1q|2q|3q|4q|half|季|财年|財年|"
                             r"الربع|المالي")  # on lower-cased text


def annotate_paragraph(text: str, start: int, end: int, lang: str, turn: int | None,
                       call: CallState, state: TurnState, taxonomy: Taxonomy) -> list[Mention]:
    """The mentions of ``text[start:end]`` (offsets of the result are into ``text``)."""
    para = text[start:end]
    lang = lang if lang in ("en", "zh", "ar") else "en"
    low = cues.lower(para)
    found = [q for q in find_quantities(para, lang)
             if q.unit in _KEPT_UNITS or is_currency(q.unit)]
    quantities = merge(found, find_counts(para, lang, low, any(q.counted for q in found)))
    state.paragraph_basis = None
    if "gaap" in low:
        _scan_basis_scope(low, call, state)
    out: list[Mention] = []
    if not quantities and not _PERIOD_HINT_RE.search(low):
        # Nothing to find and no period to note: only a possible subject, looked up lazily.
        state.pending.append((para, 0, len(para), lang))
        del state.pending[:-_PENDING_MAX]
        return out
    qi = 0
    for s, e in _sentences(para):
        sent_qs = []
        while qi < len(quantities) and quantities[qi].start < e:
            if quantities[qi].start >= s:
                sent_qs.append(quantities[qi])
            qi += 1
        if not sent_qs:
            # Only the guided period and the subject can change here.
            state.pending.append((para, s, e, lang))
            del state.pending[:-_PENDING_MAX]
            if _PERIOD_HINT_RE.search(low, s, e) and (
                    cues.SCOPE_SENTENCE_RE.match(low, s) or _forward(para, low, s, e, lang)):
                _update_guided(_periods(para, s, e, lang, low), call, state)
            continue
        periods = _periods(para, s, e, lang, low)
        if low is not para:
            forward, past = cues.tense_in(low, s, e, lang)
        else:
            forward = [s + p for p in cues.forward_cues(para[s:e], lang)]
            past = [s + p for p in cues.past_cues(para[s:e], lang)]
        if periods and forward:
            _update_guided(periods, call, state)
        out.extend(_sentence_mentions(para, low, s, e, sent_qs, periods, (forward, past),
                                      lang, turn, call, state, taxonomy))
    for m in out:
        m.start += start
        m.end += start
    return out


def _periods(para: str, s: int, e: int, lang: str, low: str | None = None) -> list[PeriodExpr]:
    """The period expressions of the sentence ``para[s:e]``; ``low``: ``para`` lower-cased
    (when it is ``para`` itself, lower-casing changed the offsets somewhere in the paragraph,
    and the sentence is lower-cased on its own)."""
    if low is not None and low is not para:
        return find_periods_in(para, low, s, e, lang)
    found = find_periods(para[s:e], lang)
    if not s:
        return found  # the offsets are already right (and the expressions are frozen)
    return [p.shifted(s) for p in found]


def _forward(para: str, low: str, s: int, e: int, lang: str) -> list[int]:
    """The forward-looking cues of the sentence ``para[s:e]``, found in ``low`` when it is
    ``para`` lower-cased (it is ``para`` itself in the rare case lower-casing changes the
    offsets, and the sentence is then lower-cased on its own, as ``forward_cues`` does)."""
    if low is not para:
        return cues.forward_in(low, s, e, lang)
    return [s + p for p in cues.forward_cues(para[s:e], lang)]


def _sentences(para: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in cues.SENTENCE_END_RE.finditer(para):
        if m.start() > pos:
            out.append((pos, m.start() + (1 if para[m.start()] in ".!?。！？؟" else 0)))
        pos = m.end()
    if pos < len(para):
        out.append((pos, len(para)))
    return out


def _scan_basis_scope(para: str, call: CallState, state: TurnState) -> None:
    m = cues.BASIS_SCOPE_RE.search(para)
    if m:
        call.basis = cues.basis_of(m)
    m = cues.BASIS_TURN_RE.search(para)
    if m:
        state.paragraph_basis = cues.basis_of(m)


def _update_guided(periods: list[PeriodExpr], call: CallState, state: TurnState) -> None:
    for p in periods:
        if p.base or p.rel == "cur_q":
            continue  # in guidance talk "the quarter" is the quarter being guided
        fp = resolve(p, call.period, guidance=True, fy_end_month=call.fy_end_month)
        if fp is not None and (call.period is None or fp.compare(call.period) >= 0):
            state.guided = fp
            return


def _sentence_mentions(para: str, low: str, s: int, e: int, qs: list[Quantity],
                       periods: list[PeriodExpr], tense: tuple[list[int], list[int]],
                       lang: str, turn: int | None,
                       call: CallState, state: TurnState, taxonomy: Taxonomy) -> list[Mention]:
    view = prepare_sentence(para, s, e, taxonomy, lang, [(q.start, q.end) for q in qs], low)
    thresholds = find_thresholds(view, qs)
    threshold_clauses = {view.clause_of(qs[i].start) for i in thresholds} if thresholds else ()
    year_scope, lead, right_of = False, None, [None] * len(qs)
    if periods:
        year_scope = any(p.rel in _FY_RELS and not p.base for p in periods)
        lead = next((p for p in periods if not p.base and p.end <= qs[0].start), None)
        # Chinese and Arabic put the period before the number ("第一季營收", "للربع الرابع"),
        # English mostly after it ("$129.1 million for the quarter").
        if lang not in ("zh", "ar"):
            right_of = [_right_expr(view, q, qs[i + 1].start if i + 1 < len(qs) else e, periods)
                        for i, q in enumerate(qs)]
    # No basis word in the sentence: no window of it holds one (the hint is a plain literal).
    basis_words = cues.BASIS_HINT_RE.search(low, s, e) is not None
    subject = partial(state.resolve_subject, taxonomy)
    quoted = state.role in QUOTING_ROLES
    out: list[Mention] = []
    for i, q in enumerate(qs):
        clause = view.clause_at(q.start)  # for the metric and the kind
        if i in thresholds and "size_threshold" in taxonomy:
            # "deals over $100,000": the size that defines the counted group
            choice = MetricChoice("size_threshold", 0.75)
        else:
            choice = assign_metric(view, q.start, q.end, q.unit, q.per, taxonomy, subject,
                                   clause)
        if q.unit == "count" and q.counted is None and not q.vague:
            noun = elided_noun(low, s, q, out)  # "closed 4", "up from 5,100 a year ago"
            q = replace(q, counted=noun, confidence=min(q.confidence, 0.6)) if noun else q
        metric, score = fallback_metric(q, choice.metric, para, taxonomy)
        if metric is None and q.unit == "count":
            continue  # a bare number that counts nothing we know
        if score is not None:
            choice = MetricChoice(metric, score, choice.span)
        if threshold_clauses and metric and view.clause_of(q.start) in threshold_clauses:
            metric = {"customer_count": "customers_over_threshold",
                      "deal_count": "deals_over_threshold"}.get(metric, metric)
        # A size threshold is no parallel figure ("48 deals over $100,000, up from 30 deals").
        left = qs[i - 1].end if i else s  # where the words on its left start
        prev = _previous(out, q.start) if out else None
        if prev is not None:
            metric = parallel_metric(metric, prev, q, low, left, taxonomy)
        m = taxonomy.get(metric)
        if q.unit == "count" and (m is None or m.family not in ("count", "growth")):
            continue  # a bare number that measures nothing we know
        kind = cues.number_kind(low, view, q.start, q.end, left, tense, clause)
        if metric == "consecutive_periods":
            # A streak names periods but is stated of the quarter being reported.
            period, kind = call.period, "actual"
        elif not periods:  # what _period gives when the sentence names no period
            period = (state.guided if kind == "guidance" else None if kind == "target"
                      else call.period)
        else:
            described = _described_base(para, q, left, periods)
            if described is not None and kind != "comparison":
                kind = "comparison"
            period, kind = _period(view, q, left, right_of[i] or described,
                                   right_of[i - 1] if i else None, periods, lead, kind,
                                   year_scope, call, state)
        # Without a basis word in the sentence, only a GAAP metric takes a basis (_basis).
        basis = (_basis(low if basis_words else None, view, q, choice.span, m, call, state)
                 if basis_words or (m is not None and m.gaap) else None)
        conf = q.confidence * (0.35 + 0.65 * choice.score) * (1.0 if metric else 0.5)
        extra = {"approx": q.approx}
        if q.per:
            extra["per"] = q.per
        if q.spelled:
            extra["spelled"] = True
        if q.counted:
            extra["counted"] = q.counted
        if q.vague:
            extra["vague"] = True
        if q.unit == "count" and metric == "count" and is_weak(q.counted):
            conf = min(conf, WEAK_CONFIDENCE)
        if quoted:
            conf *= 0.5
            extra["quoted"] = state.role
        if period is None:
            conf *= 0.9
        out.append(Mention(q.start, q.end, para[q.start:q.end], turn, metric, q.value, q.low,
                           q.high, q.unit, str(period) if period else None, kind, basis,
                           round(conf, 3), extra))
    if view.matches:
        state.subject = view.matches[0][2]
        state.subject_basis = (cues.explicit_basis(low, s, view.matches[0][1]) if basis_words
                               else None)
        state.pending.clear()
    return out


def _previous(out: list[Mention], pos: int) -> Mention | None:
    """The latest mention before ``pos`` that is not a size threshold (None if the latest
    other than a threshold ends after ``pos``)."""
    for o in reversed(out):
        if o.metric != "size_threshold":
            return o if o.end <= pos else None
    return None


def _described_base(para: str, q: Quantity, left: int,
                    periods: list[PeriodExpr]) -> PeriodExpr | None:
    """A compared period written just before the number it describes: "since the August
    2022 peak debt of $548 million", "versus last year's 12%" (but not "over the last
    quarter to 66.8%", where the number after "to" is the new level)."""
    for p in reversed(periods):
        if p.end <= q.start and p.start >= left and p.base:
            if _DESCRIBED_GAP_RE.fullmatch(para, p.end, q.start):
                return p
            return None
    return None


def _right_expr(view, q: Quantity, right: int, periods: list[PeriodExpr]) -> PeriodExpr | None:
    """The period written right after a quantity, in its clause ("$48 million used in the
    fourth quarter of fiscal 2020")."""
    clause, stop = view.clause_of(q.start), min(right, q.end + 80)
    for p in periods:
        if q.end <= p.start < stop and not p.base and view.clause_of(p.start) == clause:
            return p
    return None


def _left_expr(view, q: Quantity, left: int, periods: list[PeriodExpr],
               claimed: PeriodExpr | None, comparison: bool) -> PeriodExpr | None:
    """The nearest period between ``left`` and ``q`` not claimed by the number before and not
    a base; for a comparison, else the nearest in its clause ("sequentially improved from
    the minus 34.7%": the base names the compared period)."""
    between = [p for p in periods if left <= p.start and p.end <= q.start]
    for p in reversed(between):
        if not p.base and p is not claimed:
            return p
    if comparison and between:
        clause = view.clause_of(q.start)
        for p in reversed(between):
            if view.clause_of(p.start) == clause:
                return p
    return None


def _period(view, q: Quantity, left: int, expr: PeriodExpr | None, claimed: PeriodExpr | None,
            periods: list[PeriodExpr], lead: PeriodExpr | None, kind: str, year_scope: bool,
            call: CallState, state: TurnState) -> tuple[FiscalPeriod | None, str]:
    if expr is None and periods:
        expr = _left_expr(view, q, left, periods, claimed, kind == "comparison")
    if expr is None:
        expr = lead
    guidance = kind == "guidance"
    if guidance and expr is not None and expr.rel == "cur_q" and state.guided is not None:
        return state.guided, kind
    period = None
    if expr is not None:
        period = resolve(expr, call.period, guidance=guidance, fy_end_month=call.fy_end_month,
                         year_scope=year_scope)
    if period is None and expr is not None and expr.rel in ("month", "month_q"):
        return None, kind  # a calendar date, and the fiscal calendar is unknown
    if period is None:
        if guidance:
            return state.guided, kind
        if kind == "target":
            return None, kind
        return call.period, kind
    if call.period is not None and kind == "actual":
        order = period.compare(call.period)
        if order < 0:
            kind = "comparison"
        elif order > 0:
            kind = "guidance"
    return period, kind


def _basis(para: str | None, view, q: Quantity, span: tuple[int, int] | None, metric,
           call: CallState, state: TurnState) -> str | None:
    """The basis of ``q``: written with its metric's name, in its clause or sentence, else
    the subject's, the paragraph's or the call's (``para``: the lower-cased text, None when
    the sentence holds no basis word)."""
    if span is not None and para is not None:
        b = cues.explicit_basis(para, max(view.start, span[0] - 25), span[1])
        if b:
            return b
    if metric is None or not metric.gaap:
        return None  # revenue, cash, counts: only a basis written with the name counts
    if para is not None:
        c_start, _ = view.clause_span(q.start)
        b = (cues.explicit_basis(para, c_start, q.start)
             or cues.explicit_basis(para, view.start, q.start))
        if b:
            return b
    if span is None and state.subject_basis:
        return state.subject_basis
    return state.paragraph_basis or call.basis
