"""The metric taxonomy: canonical ids, labels, synonyms per language and unit families.

The built-in taxonomy is ``resources/taxonomy.json``. Users add their own metrics, or more
synonyms for ours, in ``taxonomy.json`` in their config folder (``reviewer.core.paths``) with
the same layout: an entry whose id exists extends it (label, synonyms), a new id adds a metric
(``family`` required). A user synonym also used by a built-in metric moves to the user's one.

Derived metrics are generated, not listed: ``"growth": true`` adds ``<id>_growth`` (synonyms
"<synonym> growth" and "<synonym> growth rate"), ``"pct_revenue": true`` adds
``<id>_pct_revenue`` (the line as a percentage of revenue).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from pathlib import Path

from reviewer.core.errors import InputError

FAMILIES = ("money", "percent", "count", "per_share", "growth", "rate")
USER_FILE = "taxonomy.json"
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Metric:
    """One taxonomy entry."""

    id: str
    label: str
    family: str
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    gaap: bool = False  # a GAAP / non-GAAP basis applies to it
    revenue_line: bool = False  # a part of revenue: its percentages are a revenue mix
    growth_id: str | None = None  # "<id>_growth" when generated
    pct_revenue_id: str | None = None  # "<id>_pct_revenue" when generated
    base: str | None = None  # for a derived metric, the metric it derives from
    source: str = "builtin"

    def accepts(self, unit: str, per: str | None = None) -> bool:
        """Whether a quantity of this unit can measure the metric."""
        family = self.family
        if family == "money":
            return is_currency(unit) and per in (None, "")
        if family == "per_share":
            return is_currency(unit)
        if family in ("percent", "rate"):
            return unit in ("percent", "bps")
        if family == "count":
            return unit == "count"
        if family == "growth":
            return unit in ("percent", "bps", "count") or is_currency(unit)
        return False


@lru_cache(maxsize=256)
def is_currency(unit: str | None) -> bool:
    """Whether ``unit`` is an ISO currency code ("USD"). Cached: the same few units recur for
    every number, and a dictionary look-up is cheaper than the pattern."""
    return bool(_CURRENCY_RE.match(unit or ""))


class Taxonomy:
    """The metrics by id, with one compiled synonym matcher per language."""

    def __init__(self, metrics: list[Metric], digest: str) -> None:
        self.metrics = {m.id: m for m in metrics}
        self.digest = digest
        self._lookup: dict[str, dict[str, str]] = {}
        self._matchers: dict[str, re.Pattern[str]] = {}
        # English is matched word by word, along a tree of the names' words: the first word
        # of a name indexes a node, each node maps the next word to its child and _END to the
        # metric of the name that ends there (one dict lookup per word of text, then one per
        # word of the longest name that fits, instead of one per length of name).
        self._first: dict[str, dict[str, dict | str]] = {}
        for m in metrics:
            for lang, syns in m.synonyms.items():
                table = self._lookup.setdefault(lang, {})
                for s in syns:
                    table[_key(s)] = m.id
                    if lang == "en":
                        words = [w.lower() for w in _WORD_RE.findall(s)]
                        if words:  # the first name listed wins words written alike
                            node = self._first
                            for w in words:
                                node = node.setdefault(w, {})
                            node.setdefault(_END, m.id)

    def __contains__(self, metric_id: object) -> bool:
        return metric_id in self.metrics

    def __len__(self) -> int:
        return len(self.metrics)

    def get(self, metric_id: str | None) -> Metric | None:
        """The metric with this id, or None."""
        return self.metrics.get(metric_id) if metric_id else None

    def find(self, text: str, lang: str = "en") -> list[tuple[int, int, str]]:
        """Every synonym occurrence in ``text`` as ``(start, end, metric_id)``, leftmost
        longest, non-overlapping."""
        low = text.lower()
        # When lower-casing changes the offsets (rare), English is matched case-sensitively.
        return self.find_in(text, low if len(low) == len(text) else text, 0, len(text), lang)

    def find_in(self, text: str, low: str, start: int, end: int,
                lang: str = "en") -> list[tuple[int, int, str]]:
        """``find`` of ``text[start:end]`` with offsets into ``text``, searched in place
        (``low``: ``text`` lower-cased with the same offsets). Where ``text[start:end]`` is a
        sentence, this finds what the sentence on its own would: a sentence starts after a
        space or a full stop, no pattern looks left of its match, and ``end`` bounds every
        match as the end of a string would."""
        lang = lang if lang in self._lookup else "en"
        if lang == "en":
            return self._find_words(low, start, end)
        pattern = self._matchers.get(lang)
        if pattern is None:
            pattern = self._matchers[lang] = _compile(self._lookup[lang], lang)
        table = self._lookup[lang]
        return [(m.start(), m.end(), table[_key(m.group())])
                for m in pattern.finditer(text, start, end)]

    def _find_words(self, low: str, start: int, end: int) -> list[tuple[int, int, str]]:
        # Splitting on the words gives them with the text between them (no match objects);
        # the offsets are summed up only once a name is found.
        parts = _WORD_SPLIT_RE.split(low[start:end])
        words = parts[1::2]  # word i is parts[2 * i + 1]
        first = self._first
        out = []
        offsets = None
        after = 0  # the first word not inside a name found
        n = len(words)
        for i in [i for i, w in enumerate(words) if w in first]:
            if i < after:
                continue
            node, j, found = first[words[i]], i + 1, None
            while True:  # down the tree: the longest name that starts at word i
                if _END in node:
                    found = j, node[_END]
                if j == n or words[j] not in node:
                    break
                node, j = node[words[j]], j + 1
            if found is not None:
                after, mid = found
                if offsets is None:
                    offsets = list(accumulate(map(len, parts), initial=start))
                out.append((offsets[2 * i + 1], offsets[2 * after], mid))
        return out


# A word of English text as the synonym matcher sees it: "R&D", "non-GAAP", "pre-tax".
# (_END, never a word, keys the metric of a name in the tree of names' words.)
_END = ""
_WORD_RE = re.compile(r"\w[\w&'’-]*(?<!['’-])")
_WORD_SPLIT_RE = re.compile(f"({_WORD_RE.pattern})")


def _key(s: str) -> str:
    return " ".join(s.lower().replace("’", "'").split())


def _compile(table: dict[str, str], lang: str) -> re.Pattern[str]:
    # Longest first: a regex alternation takes the first alternative that matches, so
    # "service revenue margin" must be tried before "service revenue".
    alts = sorted(table, key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)
    if lang == "en":
        # Word boundaries only for scripts that separate words; Chinese has none and
        # Arabic glues articles and conjunctions to the noun ("والإيرادات").
        return re.compile(rf"(?<![\w&-])(?:{body})(?![\w&]|-\w)", re.IGNORECASE)
    return re.compile(f"(?:{body})", re.IGNORECASE)


def _builtin_data() -> dict:
    raw = (resources.files("reviewer") / "resources" / "taxonomy.json").read_text("utf-8")
    return json.loads(raw)


def user_taxonomy_path() -> Path:
    """Where a user's own taxonomy additions live (the file may not exist)."""
    from reviewer.core.paths import config_dir

    return config_dir() / USER_FILE


def load_taxonomy(user_file: Path | None = None, *, include_user: bool = True) -> Taxonomy:
    """The built-in taxonomy merged with a user file.

    ``user_file`` defaults to ``taxonomy.json`` in the user's config folder (used when it
    exists and ``include_user``). Raises ``InputError`` for a malformed user file.
    """
    data = _builtin_data()
    entries = [dict(e, source="builtin") for e in data["metrics"]]
    _validate(entries, "built-in taxonomy")
    user: list[dict] = []
    if include_user:
        path = user_file if user_file is not None else user_taxonomy_path()
        if path.exists():
            try:
                udata = json.loads(path.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise InputError(f"{path}: not a readable taxonomy file ({exc})") from exc
            if not isinstance(udata, dict) or not isinstance(udata.get("metrics"), list):
                raise InputError(f'{path}: a taxonomy file needs a "metrics" list')
            user = [dict(e, source="user") for e in udata["metrics"] if isinstance(e, dict)]
            if len(user) != len(udata["metrics"]):
                raise InputError(f"{path}: every metric must be an object")
    merged = _merge(entries, user)
    _validate(merged, "taxonomy")
    metrics = _expand(merged)
    canonical = json.dumps(merged, sort_keys=True, ensure_ascii=False)
    return Taxonomy(metrics, hashlib.sha256(canonical.encode()).hexdigest()[:16])


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The taxonomy used by default (built-in + the user's file), loaded once per process."""
    return load_taxonomy()


def _merge(builtin: list[dict], user: list[dict]) -> list[dict]:
    by_id = {e["id"]: e for e in builtin}
    order = [e["id"] for e in builtin]
    user_syns: set[tuple[str, str]] = set()
    for u in user:
        mid = u.get("id")
        if not isinstance(mid, str):
            raise InputError(f"taxonomy: a user metric without an id: {u!r}")
        syns = _syn_dict(u.get("synonyms", {}), mid)
        user_syns |= {(lang, _key(s)) for lang, ss in syns.items() for s in ss}
        if mid in by_id:
            base = by_id[mid]
            merged_syns = _syn_dict(base.get("synonyms", {}), mid)
            for lang, ss in syns.items():
                merged_syns[lang] = list(dict.fromkeys(merged_syns.get(lang, []) + ss))
            by_id[mid] = {**base, **{k: v for k, v in u.items() if k != "synonyms"},
                          "synonyms": merged_syns, "source": "user"}
        else:
            by_id[mid] = {**u, "synonyms": syns}
            order.append(mid)
    out = []
    for mid in order:
        e = dict(by_id[mid])
        if e.get("source") == "builtin" and user_syns:
            e["synonyms"] = {lang: [s for s in ss if (lang, _key(s)) not in user_syns]
                             for lang, ss in _syn_dict(e.get("synonyms", {}), mid).items()}
        out.append(e)
    return out


def _syn_dict(value: object, mid: str) -> dict[str, list[str]]:
    if isinstance(value, list):  # a plain list means English
        value = {"en": value}
    if not isinstance(value, dict) or not all(
            isinstance(v, list) and all(isinstance(s, str) and s.strip() for s in v)
            for v in value.values()):
        raise InputError(f"taxonomy: synonyms of {mid!r} must be lists of words per language")
    return {str(k): list(v) for k, v in value.items()}


def _validate(entries: list[dict], where: str) -> None:
    seen: set[str] = set()
    owner: dict[tuple[str, str], str] = {}
    for e in entries:
        mid = e.get("id")
        if not isinstance(mid, str) or not _ID_RE.match(mid):
            raise InputError(f"{where}: bad metric id {mid!r} (lower-case letters, digits, _)")
        if mid in seen:
            raise InputError(f"{where}: metric id {mid!r} appears twice")
        seen.add(mid)
        if e.get("family") not in FAMILIES:
            raise InputError(f"{where}: metric {mid!r} needs a family, one of {FAMILIES}")
        for lang, syns in _syn_dict(e.get("synonyms", {}), mid).items():
            for s in syns:
                other = owner.setdefault((lang, _key(s)), mid)
                if other != mid:
                    raise InputError(f"{where}: synonym {s!r} belongs to both {other!r} "
                                     f"and {mid!r}")


def _expand(entries: list[dict]) -> list[Metric]:
    out: list[Metric] = []
    for e in entries:
        mid, label = e["id"], e.get("label") or e["id"]
        syns = {k: tuple(v) for k, v in _syn_dict(e.get("synonyms", {}), mid).items()}
        growth = f"{mid}_growth" if e.get("growth") else None
        pct = f"{mid}_pct_revenue" if e.get("pct_revenue") else None
        out.append(Metric(mid, label, e["family"], syns, bool(e.get("gaap")),
                          bool(e.get("revenue_line")), growth, pct, None, e["source"]))
        if growth:
            gsyn = {lang: tuple(f"{s} {suffix}" for s in ss for suffix in ("growth",
                                                                           "growth rate"))
                    for lang, ss in syns.items() if lang == "en"}
            out.append(Metric(growth, f"{label} growth", "growth", gsyn, bool(e.get("gaap")),
                              False, None, None, mid, e["source"]))
        if pct:
            out.append(Metric(pct, f"{label} as % of revenue", "percent", {},
                              bool(e.get("gaap")), False, None, None, mid, e["source"]))
    ids = [m.id for m in out]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise InputError(f"taxonomy: generated ids collide with listed ones: {dupes}")
    return out
