"""The fields of a mention the reviewer adds by hand, guessed by the extractor's own rules.

A missed number is read in its sentence as the built-in extractor reads every number: the
metric from the words around it, the period and kind from the period phrases and tense cues,
the basis from GAAP words — by running the extractor's sentence rules on that sentence with
the selection standing for the number. The reviewer sees the guess and keeps it with Enter.

The extractor is reached through two module paths only (``reviewer.core.extract.builtin``
and ``reviewer.core.extract.annotate``), so moving its inner files does not touch this one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from reviewer.core.extract import annotate as rules
from reviewer.core.extract import builtin
from reviewer.core.model import ParsedTranscript

GUESSED = ("metric", "period", "kind", "basis")


def _paragraph_of(parsed: ParsedTranscript, start: int):
    """``(turn, role, start, end, lang)`` of the original paragraph holding ``start``, and
    the earlier paragraphs of its turn (their subject carries over)."""
    earlier: list[tuple] = []
    for para in builtin.original_paragraphs(parsed):
        if earlier and earlier[-1][0] != para[0]:
            earlier = []
        if para[2] <= start < para[3]:
            return para, earlier
        earlier.append(para)
    return None, []


def _quantity(text: str, ps: int, pe: int, start: int, end: int, lang: str):
    """The quantity the selection stands for, with paragraph offsets: the one the number
    grammar reads there (when it overlaps), else the selection read on its own."""
    para = text[ps:pe]
    found = [q for q in rules.find_quantities(para, lang)
             if q.start < end - ps and start - ps < q.end]
    if found:
        q = max(found, key=lambda q: min(q.end, end - ps) - max(q.start, start - ps))
        return replace(q, start=start - ps, end=end - ps)
    own = rules.find_quantities(text[start:end], lang)
    if own:
        return replace(own[0], start=start - ps, end=end - ps)
    return None


def guess_fields(parsed: ParsedTranscript, start: int, end: int) -> dict[str, Any]:
    """Metric, period, kind and basis the extractor would give the number at
    ``[start, end)`` (keys left out when it has no opinion). Never raises on odd input."""
    para, earlier = _paragraph_of(parsed, start)
    if para is None:
        return {}
    turn, role, ps, pe, lang = para
    text = parsed.text
    end = min(end, pe)
    lang = lang if lang in ("en", "zh", "ar") else "en"
    q = _quantity(text, ps, pe, start, end, lang)
    if q is None:
        return {}
    taxonomy = builtin.default_taxonomy()
    call = rules.CallState(builtin.parse_fiscal_period(parsed.metadata.fiscal_period))
    call.fy_end_month = builtin.fiscal_year_end_month(text, call.period)
    state = rules.TurnState(role=role)
    for t, _r, s, e, lg in earlier:  # what the turn was talking about before
        rules.annotate_paragraph(text, s, e, lg, t, call, state, taxonomy)
    body = text[ps:pe]
    low = rules.cues.lower(body)
    s, e = next(((a, b) for a, b in rules._sentences(body) if a <= q.start < b),
                (0, len(body)))
    # The sentence's other numbers matter (a parallel metric, a threshold): read them all,
    # with the selection in place of whatever it overlaps.
    others = [x for x in rules.find_quantities(body, lang)
              if s <= x.start < e and (x.end <= q.start or x.start >= q.end)]
    qs = sorted([*others, q], key=lambda x: x.start)
    periods = rules._periods(body, s, e, lang)
    tense = ([s + p for p in rules.cues.forward_cues(body[s:e], lang)],
             [s + p for p in rules.cues.past_cues(body[s:e], lang)])
    try:
        found = rules._sentence_mentions(body, low, s, e, qs, periods, tense, lang, turn, call,
                                         state, taxonomy)
    except (ValueError, KeyError, IndexError):  # odd selections must not block adding
        found = []
    mine = next((m for m in found if m.start == q.start), None)
    if mine is None:
        return {"period": str(call.period)} if call.period else {}
    out = {"metric": mine.metric, "period": mine.period, "kind": mine.kind,
           "basis": mine.basis}
    return {k: v for k, v in out.items() if v is not None}
