"""The metric of a count from the noun it counts, when the sentence names no metric of its
own: "160 carriers" is a partner count, "42 countries" a country count, "1,200 loans" a
generic ``count`` whose mention carries ``extra["counted"] = "loans"`` so the reviewer sees
what is counted.

Nouns that count no business quantity ("1 person", "20 people on the call") are proposed at
low confidence only (the review app's confidence filter hides them by default).
"""

from __future__ import annotations

import re

from reviewer.core.extract.metrics.taxonomy import Taxonomy
from reviewer.core.extract.numbers import Quantity
from reviewer.core.extract.numbers import lexicon as lx
from reviewer.core.extract.numbers.counts import ELIDED_CUE_RE, SUBJECT_CUE_RE

_BY_NOUN = {
    "customer_count": "customer customers client clients logos accounts enterprises businesses"
                      " organizations companies brands households merchants advertisers tenants"
                      " عميل عميلًا عملاء شركة شركات",
    "deal_count": "deal deals win wins contract contracts bookings renewals opportunities"
                  " صفقة صفقات انتصارات",
    "active_users": "seat seats user users subscribers members licenses visitors مستخدم مستخدمًا"
                    " subscriptions passengers مستخدمين مقعد مقعدًا مقاعد",
    "employee_count": "employees workers engineers hires موظف موظفًا موظفين",
    "partner_count": "partner partners resellers vars distributors carriers vendors"
                     " suppliers developers retailers sellers franchisees dealers"
                     " شريك شريكًا شركاء وكيل وكلاء",
    "product_count": "product products solutions apps applications integrations skus titles"
                     " منتج منتجات",
    "location_count": "locations stores store branches sites offices restaurants hospitals"
                      " clinics schools facilities plants warehouses cities states متجر متاجر"
                      " فرع فروع موقع موقعًا مواقع",
    "country_count": "countries markets دولة دول",
    "unit_count": "units devices shipments vehicles homes aircraft trucks vessels rigs wells",
    "diluted_shares": "shares",
}
METRIC_OF_NOUN = {noun: mid for mid, nouns in _BY_NOUN.items() for noun in nouns.split()}
WEAK_CONFIDENCE = 0.25  # a count of something that is not a business quantity
GENERIC_SCORE = 0.55  # how sure the noun alone makes us of a generic count


def counted_metric(noun: str | None) -> str:
    """The taxonomy metric of a count of ``noun`` (``count`` when no specific one fits)."""
    if noun is None:
        return "count"
    if noun.startswith("consecutive "):
        return "consecutive_periods"
    return METRIC_OF_NOUN.get(noun, "count")


def is_weak(noun: str | None) -> bool:
    """Whether ``noun`` counts something that is not a business quantity."""
    return noun is None or noun in lx.WEAK_COUNT_NOUNS


_DEAL_AFTER_RE = re.compile(r"[ \t\u00a0]*(?:(?:TCV|ACV|ARR|total[ \t\u00a0]+contract[ \t\u00a0]+"
                            r"value|upsell|new|enterprise|channel)[ \t\u00a0]+)*"
                            r"(?:deal|win|contract|order|transaction|renewal)s?\b", re.IGNORECASE)


def fallback_metric(q: Quantity, metric: str | None, para: str,
                    taxonomy: Taxonomy) -> tuple[str | None, float | None]:
    """The metric of a quantity the sentence's metric names did not place, and the score to
    use for it (None: keep the assignment's): a count takes the metric of its noun, an
    amount right before "deal"/"win" is a deal size. ``(None, None)`` drops a count that
    names nothing it counts."""
    if q.unit == "count":
        if q.counted and q.counted.startswith("consecutive "):
            return "consecutive_periods", 0.9
        m = taxonomy.get(metric)
        if m is not None and m.family in ("count", "growth"):
            return metric, None
        if q.counted is None and not q.vague:
            return None, None  # a bare number that measures nothing we know
        mid = counted_metric(q.counted)
        return (mid, GENERIC_SCORE) if mid in taxonomy else (None, None)
    if q.unit not in ("percent", "bps") and _DEAL_AFTER_RE.match(para, q.end):
        # "a $12,000K deal", "our first seven-figure deal": the noun right after names it
        return ("deal_size", 0.6) if "deal_size" in taxonomy else (metric, None)
    return metric, None


_NOUN_RE = re.compile(rf"\b(?:{lx.COUNT_NOUNS.lower()}|starts)\b")


def elided_noun(low: str, s: int, q: Quantity, prior: list) -> str | None:
    """What a bare number of the sentence starting at ``s`` counts, when its sentence says
    it: the noun of an earlier count it continues, or the sentence's subject noun."""
    before = low[max(s, q.start - 40):q.start]
    counts = [m for m in prior if m.unit == "count" and (m.extra.get("counted") or "")
              and not m.extra["counted"].startswith("consecutive ")]
    if counts and ELIDED_CUE_RE.search(before):
        return counts[-1].extra["counted"]
    if not SUBJECT_CUE_RE.search(before):
        return None
    nouns = list(_NOUN_RE.finditer(low, s, q.start))
    if nouns and not any(m.start >= nouns[-1].start() for m in counts):
        return nouns[-1].group()
    return None
