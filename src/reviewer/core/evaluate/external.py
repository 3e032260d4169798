"""Predictions of an outside system, read from a JSONL file.

One JSON object per line, each in the ``reviewer extract FILE --json`` schema (DESIGN.md),
plus what identifies the transcript it is about: ``"hash"`` (the SHA-256 of the source text,
also accepted as ``"content_hash"`` or ``"transcript"``) or ``"file"`` (the file name it was
imported from; ``"name"`` also accepted). Lines that name no transcript of the project are
reported, not fatal. A folder is read as one system: every ``*.jsonl`` shard in it (what
``reviewer extract-corpus`` writes).
"""

from __future__ import annotations

import json
from pathlib import Path

from reviewer.core.errors import InputError
from reviewer.core.evaluate.report import System
from reviewer.core.store import Project
from reviewer.core.store.gold import transcript_keys
from reviewer.core.store.gold_records import MentionRecord, SuggestionRecord

ERRORS_FILE = "errors.jsonl"  # beside the shards of a corpus run: what it could not read
_HASH_KEYS = ("hash", "content_hash", "transcript")
_NAME_KEYS = ("file", "name", "source", "path")


def read_predictions(project: Project, path: str | Path) -> tuple[System, list[str]]:
    """Read a predictions file into a ``System``; returns it with warnings about lines
    that could not be used. ``InputError`` for a file that cannot be read at all."""
    p = Path(path)
    objects = read_objects(p)
    by_hash: dict[str, str] = {}
    by_name: dict[str, list[str]] = {}
    for r in transcript_keys(project):
        by_hash[r["hash"]] = r["hash"]
        for n in {r["name"], Path(r["source_path"]).name if r["source_path"] else None}:
            if n:
                by_name.setdefault(n, []).append(r["hash"])
    system = System(p.stem, f"{'folder' if p.is_dir() else 'file'} {p.name}", covered=set())
    warnings: list[str] = []
    names: set[str] = set()
    for where, no, obj in objects:
        h = _resolve(obj, by_hash, by_name)
        if h is None:
            warnings.append(f"{Path(where).name}:{no}: names no transcript of this project "
                            f"({_ident(obj)}); line skipped")
            continue
        ext = obj.get("extractor") or {}
        if isinstance(ext, dict) and ext.get("name"):
            names.add(f"{ext['name']} {ext.get('version') or ''}".strip())
        try:
            mentions = [MentionRecord.from_row(m) for m in obj.get("mentions") or []]
            suggestions = [SuggestionRecord(s["turn"], s.get("label"), s.get("suggested"),
                                            s.get("reason"), s.get("confidence"))
                           for s in obj.get("speaker_suggestions") or []]
        except (TypeError, KeyError) as exc:
            raise InputError(f"{where}:{no}: a mention or suggestion lacks a field "
                             f"({exc})") from exc
        if h in system.covered:
            warnings.append(f"{Path(where).name}:{no}: a second line for the same "
                            "transcript; merged")
        system.covered.add(h)
        system.mentions.setdefault(h, []).extend(mentions)
        system.suggestions.setdefault(h, []).extend(suggestions)
    if len(names) == 1:
        system.name = f"{names.pop()} ({p.name})"
    return system, warnings


def read_objects(p: Path) -> list[tuple[str, int, dict]]:
    """``(file, line number, object)`` of every non-blank line of a predictions file, or of
    every ``*.jsonl`` shard of a folder in name order (what ``reviewer extract-corpus``
    writes; its ``errors.jsonl`` is not predictions). All lines are checked before any is
    returned: ``InputError`` names the first that is not a JSON object."""
    files = ([f for f in sorted(p.glob("*.jsonl")) if f.name != ERRORS_FILE]
             if p.is_dir() else [p])
    if not files:
        raise InputError(f"{p}: no predictions shards (*.jsonl) in this folder")
    out = []
    for f in files:
        try:
            text = f.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{f}: cannot read the predictions file ({exc})") from exc
        for no, line in enumerate(text.splitlines(), 1):
            if line.strip():
                out.append((str(f), no, _object(line, f"{f}:{no}")))
    return out


def _object(line: str, where: str) -> dict:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg})") from exc
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected one JSON object per line")
    return obj


def _resolve(obj: dict, by_hash: dict[str, str], by_name: dict[str, list[str]]) -> str | None:
    for k in _HASH_KEYS:
        v = obj.get(k)
        if isinstance(v, str) and v in by_hash:
            return v
    for k in _NAME_KEYS:
        v = obj.get(k)
        if isinstance(v, str):
            hits = by_name.get(v) or by_name.get(Path(v).name) or []
            if len(hits) == 1:  # a name shared by two transcripts identifies neither
                return hits[0]
    return None


def _ident(obj: dict) -> str:
    for k in (*_HASH_KEYS, *_NAME_KEYS):
        if obj.get(k):
            return f"{k} {str(obj[k])[:40]!r}"
    return "no hash or file name"
