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
from dataclasses import dataclass, field

from reviewer.core.extract import cues
from reviewer.core.extract.metrics import assign_metric, find_thresholds, prepare_sentence
from reviewer.core.extract.numbers import Quantity, find_quantities
from reviewer.core.extract.periods import FiscalPeriod, PeriodExpr, find_periods, resolve
from reviewer.core.extract.result import Mention
from reviewer.core.extract.taxonomy import Taxonomy

_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
_FY_RELS = ("fy", "next_fy")
QUOTING_ROLES = ("analyst", "operator")


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
    extra: dict = field(default_factory=dict)


def annotate_paragraph(text: str, start: int, end: int, lang: str, turn: int | None,
                       call: CallState, state: TurnState, taxonomy: Taxonomy) -> list[Mention]:
    """The mentions of ``text[start:end]`` (offsets of the result are into ``text``)."""
    para = text[start:end]
    lang = lang if lang in ("en", "zh", "ar") else "en"
    quantities = [q for q in find_quantities(para, lang) if _kept_unit(q.unit)]
    state.paragraph_basis = None
    if "gaap" in para.lower():
        _scan_basis_scope(para, call, state)
    out: list[Mention] = []
    qi = 0
    for s, e in _sentences(para):
        sent_qs = []
        while qi < len(quantities) and quantities[qi].start < e:
            if quantities[qi].start >= s:
                sent_qs.append(quantities[qi])
            qi += 1
        periods = [PeriodExpr(p.start + s, p.end + s, p.rel, p.quarter, p.year, p.month,
                              p.base, p.ends_month) for p in find_periods(para[s:e], lang)]
        forward = cues.forward_cues(para[s:e], lang)
        if forward and periods:
            _update_guided(periods, call, state)
        if not sent_qs:
            first = taxonomy.find(para[s:e], lang)[:1]
            if first:
                state.subject, state.subject_basis = first[0][2], None
            continue
        out.extend(_sentence_mentions(para, s, e, sent_qs, periods, lang, turn, call, state,
                                      taxonomy))
    for m in out:
        m.start += start
        m.end += start
    return out


def _kept_unit(unit: str) -> bool:
    return unit in ("percent", "bps", "count") or bool(_CURRENCY_RE.match(unit or ""))


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
        if p.base:
            continue
        fp = resolve(p, call.period, guidance=True, fy_end_month=call.fy_end_month)
        if fp is not None and (call.period is None or fp.compare(call.period) >= 0):
            state.guided = fp
            return


def _sentence_mentions(para: str, s: int, e: int, qs: list[Quantity],
                       periods: list[PeriodExpr], lang: str, turn: int | None,
                       call: CallState, state: TurnState, taxonomy: Taxonomy) -> list[Mention]:
    view = prepare_sentence(para, s, e, taxonomy, lang, [(q.start, q.end) for q in qs])
    thresholds = find_thresholds(view, qs)
    threshold_clauses = {view.clause_of(qs[i].start) for i in thresholds}
    year_scope = any(p.rel in _FY_RELS and not p.base for p in periods)
    lead = next((p for p in periods if not p.base and p.end <= qs[0].start), None)
    out = []
    for i, q in enumerate(qs):
        if i in thresholds:
            continue
        choice = assign_metric(view, q.start, q.end, q.unit, q.per, taxonomy, state.subject)
        metric = choice.metric
        if metric and view.clause_of(q.start) in threshold_clauses:
            metric = {"customer_count": "customers_over_threshold",
                      "deal_count": "deals_over_threshold"}.get(metric, metric)
        m = taxonomy.get(metric)
        if q.unit == "count" and (m is None or m.family not in ("count", "growth")):
            continue  # a bare number that measures nothing we know
        left = qs[i - 1].end if i else s
        right = qs[i + 1].start if i + 1 < len(qs) else e
        kind = _kind(para, view, q, left, lang)
        period, kind = _period(para, q, left, right, periods, lead, kind, year_scope, call,
                               state)
        basis = _basis(para, view, q, choice.span, m, call, state)
        conf = q.confidence * (0.35 + 0.65 * choice.score) * (1.0 if metric else 0.5)
        extra = {"approx": q.approx}
        if q.per:
            extra["per"] = q.per
        if q.spelled:
            extra["spelled"] = True
        if state.role in QUOTING_ROLES:
            conf *= 0.5
            extra["quoted"] = state.role
        if period is None:
            conf *= 0.9
        out.append(Mention(q.start, q.end, para[q.start:q.end], turn, metric, q.value, q.low,
                           q.high, q.unit, str(period) if period else None, kind, basis,
                           round(conf, 3), extra))
    if view.matches:
        state.subject = view.matches[0][2]
        state.subject_basis = _explicit_basis(para, s, view.matches[0][1])
    return out


def _kind(para: str, view, q: Quantity, left: int, lang: str) -> str:
    c_start, c_end = view.clause_span(q.start)
    if cues.COMPARATOR_BEFORE_RE.search(para[max(left, q.start - 60):q.start]):
        return "comparison"
    if cues.TARGET_AFTER_RE.match(para, q.end) or cues.TARGET_RE.search(
            para, max(c_start, q.start - 60), q.start):
        return "target"
    for lo, hi in ((c_start, c_end), (view.start, view.end)):
        seg = para[lo:hi]
        fwd = [lo + p for p in cues.forward_cues(seg, lang)]
        past = [lo + p for p in cues.past_cues(seg, lang)]
        if not fwd and not past:
            continue
        before = [(p, "guidance") for p in fwd if p < q.start] + [
            (p, "actual") for p in past if p < q.start]
        if before:
            return max(before)[1]
        return "guidance" if min(fwd or [hi]) < min(past or [hi]) else "actual"
    return "actual"


def _period(para: str, q: Quantity, left: int, right: int, periods: list[PeriodExpr],
            lead: PeriodExpr | None, kind: str, year_scope: bool, call: CallState,
            state: TurnState) -> tuple[FiscalPeriod | None, str]:
    expr = next((p for p in periods if q.end <= p.start < min(right, q.end + 80)
                 and not p.base), None)
    if expr is None:
        expr = next((p for p in reversed(periods) if left <= p.start and p.end <= q.start
                     and not p.base), None)
    if expr is None and kind == "comparison":
        # "sequentially improved from the minus 34.7%": the base names the compared period.
        expr = next((p for p in reversed(periods) if left <= p.start and p.end <= q.start),
                    None)
    if expr is None:
        expr = lead
    guidance = kind == "guidance"
    period = None
    if expr is not None:
        period = resolve(expr, call.period, guidance=guidance, fy_end_month=call.fy_end_month,
                         year_scope=year_scope)
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


def _explicit_basis(para: str, lo: int, hi: int) -> str | None:
    found = None
    for m in cues.BASIS_RE.finditer(para, lo, hi):
        found = m
    return cues.basis_of(m) if (m := found) else None


def _basis(para: str, view, q: Quantity, span: tuple[int, int] | None, metric, call: CallState,
           state: TurnState) -> str | None:
    if span is not None:
        b = _explicit_basis(para, max(view.start, span[0] - 25), span[1])
        if b:
            return b
    c_start, _ = view.clause_span(q.start)
    b = _explicit_basis(para, c_start, q.start) or _explicit_basis(para, view.start, q.start)
    if b:
        return b
    if span is None and state.subject_basis:
        return state.subject_basis
    if metric is not None and metric.gaap:
        return state.paragraph_basis or call.basis
    return None
