"""Validation of the fields a reviewer edits: every value is checked before anything changes."""

from __future__ import annotations

import math
import re
from typing import Any

from reviewer.core.review.records import BASES, KINDS, MENTION_FIELDS
from reviewer.core.review.values import InvalidDecision, parse_value

PERIOD_RE = re.compile(r"^FY\d{4}(?:Q[1-4]|H[12])?$")
METRIC_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
UNITS = ("percent", "bps", "count", "ratio")
_BASIS_ALIASES = {"gaap": "gaap", "non_gaap": "non_gaap", "non-gaap": "non_gaap",
                  "nongaap": "non_gaap", "non gaap": "non_gaap", "adjusted": "non_gaap"}


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def clean_metric(v: Any) -> str | None:
    if _blank(v):
        return None
    s = re.sub(r"[\s\-]+", "_", str(v).strip().lower())
    if not METRIC_RE.match(s):
        raise InvalidDecision(f"{v!r} is not a metric id (letters, digits, _; e.g. total_revenue)")
    known = known_metrics()
    if known and s not in known:
        raise InvalidDecision(f"{s!r} is not in the metric taxonomy; pick a known metric or add "
                              "it to taxonomy.json in your settings folder")
    return s


def known_metrics() -> set[str]:
    """The ids of the metric taxonomy (empty when it cannot be loaded: anything goes)."""
    try:
        from reviewer.core.extract.metrics.taxonomy import default_taxonomy

        return set(default_taxonomy().metrics)
    except Exception:  # a broken user taxonomy must not block reviewing
        return set()


def clean_period(v: Any) -> str | None:
    if _blank(v):
        return None
    s = str(v).strip().upper().replace(" ", "")
    if re.fullmatch(r"Q[1-4]FY\d{4}", s):  # "Q2 FY2021" -> "FY2021Q2"
        s = s[2:] + s[:2]
    if not PERIOD_RE.match(s):
        raise InvalidDecision(f"{v!r} is not a period; write FY2024, FY2024Q3 or FY2024H1")
    return s


def clean_kind(v: Any) -> str | None:
    if _blank(v):
        return None
    s = str(v).strip().lower()
    if s not in KINDS:
        raise InvalidDecision(f"{v!r} is not a kind; use one of {', '.join(KINDS)}")
    return s


def clean_basis(v: Any) -> str | None:
    if _blank(v):
        return None
    s = _BASIS_ALIASES.get(str(v).strip().lower())
    if s not in BASES:
        raise InvalidDecision(f"{v!r} is not a basis; use gaap or non_gaap (or leave it empty)")
    return s


def clean_unit(v: Any) -> str | None:
    if _blank(v):
        return None
    s = str(v).strip()
    if s.lower() in UNITS:
        return s.lower()
    if s == "%":
        return "percent"
    if re.fullmatch(r"[A-Za-z]{3}", s):
        return s.upper()
    raise InvalidDecision(f"{v!r} is not a unit; use a currency code (USD), percent, bps or count")


def clean_number(name: str, v: Any) -> float | None:
    if _blank(v):
        return None
    if isinstance(v, bool):
        raise InvalidDecision(f"{name} must be a number")
    if isinstance(v, int | float):
        f = float(v)
    else:
        got = parse_value(str(v))
        if got.value is None:
            raise InvalidDecision(f"{name} must be one number, not a range")
        f = got.value
    if math.isnan(f) or math.isinf(f):
        raise InvalidDecision(f"{name} must be a finite number")
    return f


def clean_fields(fields: dict[str, Any], current: dict | None = None) -> dict[str, Any]:
    """Validated, normalized mention fields.

    ``value`` given as text ("$1.2bn", "10-12%") is parsed into value/low/high and, unless a
    unit is given too, unit. Raises ``InvalidDecision`` (and changes nothing) on bad input.
    """
    unknown = set(fields) - set(MENTION_FIELDS)
    if unknown:
        raise InvalidDecision(f"unknown mention field(s): {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    if isinstance(fields.get("value"), str) and fields["value"].strip():
        parsed = parse_value(fields["value"])
        out.update(value=parsed.value, low=parsed.low, high=parsed.high)
        if "unit" not in fields and parsed.unit:
            out["unit"] = parsed.unit
    elif "value" in fields:
        out["value"] = clean_number("value", fields["value"])
        if out["value"] is not None and "low" not in fields and "high" not in fields:
            out.update(low=None, high=None)
    for k in ("low", "high"):
        if k in fields:
            out[k] = clean_number(k, fields[k])
    cleaners = {"metric": clean_metric, "period": clean_period, "kind": clean_kind,
                "basis": clean_basis, "unit": clean_unit}
    for k, clean in cleaners.items():
        if k in fields:
            out[k] = clean(fields[k])
    if ("low" in fields or "high" in fields) and "value" not in fields:
        out["value"] = None
    merged = {**(current or {}), **out}
    low, high = merged.get("low"), merged.get("high")
    if (low is None) != (high is None):
        raise InvalidDecision("a range needs both a low and a high bound")
    if low is not None and high is not None and low > high:
        raise InvalidDecision(f"the range is upside down: low {low:g} > high {high:g}")
    return out
