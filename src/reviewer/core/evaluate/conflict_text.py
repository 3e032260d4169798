"""A merge conflict in words: what differs between the sources (value, metric, boundary,
period, kind, basis, speaker, or a mention only some gave) and that field on each side.

``reviewer merge`` prints these lines; the same ``differs`` list is in its ``--json``."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from reviewer.core.evaluate.agreement import show_number

# The fields a mention conflict can differ in, as people name them.
FIELDS: dict[str, tuple[str, ...]] = {
    "boundary": ("start", "end"), "metric": ("metric",), "value": ("value", "low", "high", "unit"),
    "period": ("period",), "kind": ("kind",), "basis": ("basis",)}
ABSENT = "mention"  # some source has no mention there at all


def _signature(ms: Sequence[Mapping[str, Any]], keys: tuple[str, ...]) -> str:
    # The distinct values a source gave, order-free: a field differs when another source
    # gave another value, not when it gave the same one on more mentions.
    return json.dumps(sorted({json.dumps([m.get(k) for k in keys]) for m in ms}))


def differing(versions: Mapping[str, Any]) -> list[str]:
    """What the sources' versions differ in: field names of ``FIELDS``, "mention" when some
    source gave none there, or "speaker" for a speaker conflict (versions are names)."""
    lists = list(versions.values())
    if not all(isinstance(v, list) for v in lists):
        return ["speaker"]
    out = [ABSENT] if any(not ms for ms in lists) else []
    given = [ms for ms in lists if ms]
    if len({len(ms) for ms in given}) > 1:
        out.append("count")
    out += [name for name, keys in FIELDS.items()
            if len({_signature(ms, keys) for ms in given}) > 1]
    return out


def _field(m: Mapping[str, Any], name: str, text: str | None) -> str:
    if name == "boundary":
        surface = ""
        if text is not None:
            s = " ".join(text[m["start"]:m["end"]].split())
            surface = f" \u201c{s if len(s) <= 30 else s[:27] + '...'}\u201d"
        return f"[{m['start']}-{m['end']}]{surface}"
    if name == "value":
        number = show_number(m)
        return f"{number} {m.get('unit') or ''}".strip() if number else "(no value)"
    return m.get(FIELDS[name][0]) or f"(no {name})"


def side(ms: Any, differs: Sequence[str], text: str | None = None) -> str:
    """One source's version showing the fields that differ (all of them for a mention only
    some sources gave)."""
    if not isinstance(ms, list):
        return ms or "(no speaker)"
    if not ms:
        return "(no mention)"
    shown = [f for f in FIELDS if f in differs] or list(FIELDS)
    if ABSENT in differs or "count" in differs:
        shown = list(FIELDS)
    return "; ".join(" ".join(_field(m, f, text) for f in shown) for m in ms)


def describe_conflict(c: Mapping[str, Any], text: str | None = None) -> str:
    """One line: where, what differs, and each source's side of it."""
    differs = c.get("differs") or differing(c["versions"])
    sides = " | ".join(f"{src}: {side(v, differs, text)}" for src, v in c["versions"].items())
    if c["kind"] == "speaker":
        return f"conflict {c['name']} speaker turn {c['turn']}: speaker differs \u2014 {sides}"
    fields = [("number of mentions" if d == "count" else d) for d in differs if d != ABSENT]
    what = f"{', '.join(fields)} differ{'s' if len(fields) == 1 else ''}" if fields else ""
    if ABSENT in differs:
        gave = ", ".join(src for src, ms in c["versions"].items() if ms)
        what = f"only {gave} gave a mention" + (f"; {what}" if what else "")
    surface = ""
    if text is not None:
        s = " ".join(text[c["start"]:c["end"]].split())
        surface = f" \u201c{s if len(s) <= 40 else s[:37] + '...'}\u201d"
    turn = f" turn {c['turn']}" if c.get("turn") is not None else ""
    where = f"{c['start']}-{c['end']}{surface}"
    return f"conflict {c['name']} mention{turn} {where}: {what} \u2014 {sides}"
