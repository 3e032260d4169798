"""CSV: one row per gold mention; with ``include_rejected`` the rejected predictions too (told
apart by ``status``), so that a plain ``pandas.read_csv`` never trains on the negatives by
accident. ``label`` follows the one label rule (metric id, or ``figure``)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reviewer.core.errors import InputError
from reviewer.core.export.atomic import atomic_write

COLUMNS = ("hash", "name", "transcript_status", "turn", "speaker", "section", "lang", "start",
           "end", "text", "label", "value", "low", "high", "unit", "period", "kind", "basis",
           "status", "reviewer", "updated_at")
_INTS = ("turn", "start", "end")
_NUMBERS = ("value", "low", "high")


def rows(rec: dict[str, Any], include_rejected: bool = False) -> list[dict[str, Any]]:
    """The CSV rows of one record, in text order (gold only unless ``include_rejected``)."""
    turns = {t["index"]: t for t in rec["turns"]}
    out = []
    spans = rec["spans"] + (rec["rejected_spans"] if include_rejected else [])
    for s in sorted(spans, key=lambda s: (s["start"], s["end"])):
        t = turns.get(s["turn"]) or {}
        lang = next((p["lang"] for p in t.get("paragraphs", [])
                     if p["start"] <= s["start"] < p["end"]), None)
        out.append({"hash": rec["hash"], "name": rec["name"],
                    "transcript_status": rec["meta"]["status"], "turn": s["turn"],
                    "speaker": t.get("speaker"), "section": t.get("section"), "lang": lang,
                    **{k: s[k] for k in COLUMNS[7:]}})
    return out


def write_csv(records: Iterable[dict[str, Any]], path: str | Path,
              include_rejected: bool = False) -> int:
    """Write the CSV atomically (UTF-8, header row); returns how many mention rows."""
    count = 0

    def write(fh) -> None:
        nonlocal count
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for rec in records:
            for r in rows(rec, include_rejected):
                w.writerow({k: "" if v is None else v for k, v in r.items()})
                count += 1

    atomic_write(path, write, newline="")
    return count


def read_csv(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a CSV written by ``write_csv``, with numbers as numbers and blanks as None."""
    p = Path(path)
    try:
        with open(p, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                raise InputError(f"{p}: not a Transcript Reviewer mentions CSV (columns differ)")
            return [_typed(r) for r in reader]
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from exc


def _typed(r: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k in COLUMNS:
        v = r.get(k, "")
        if v == "":
            out[k] = None
        elif k in _INTS:
            out[k] = int(v)
        elif k in _NUMBERS:
            f = float(v)
            out[k] = int(f) if "." not in v and "e" not in v.lower() else f
        else:
            out[k] = v
    return out
