"""Synthetic variants of the built-in demo transcripts: corpora of any size made of our own
text, for the scale benchmark and the corpus-run tests.

Variant ``i`` of a demo transcript renames the fictional company (a name unique to ``i``) and
redraws the digits after every decimal point from a permutation seeded by ``i``, so every
variant is a distinct transcript (its own content hash) of the same layout and length, whose
figures still parse as figures.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from reviewer.core.demo import demo_files

_COMPANY = "Altamira"
_SYLLABLES = ("ka", "lo", "mi", "ne", "ra", "ti", "vo", "su", "de", "pa",
              "zen", "quo", "ba", "cer", "dri", "fal", "gos", "hul", "jin", "wex")
_DECIMAL_DIGIT = re.compile(r"(?<=\d\.)\d")


def company_name(i: int) -> str:
    """A pronounceable company name unique to ``i`` (base-20 syllables)."""
    parts = []
    n = i
    while True:
        n, d = divmod(n, len(_SYLLABLES))
        parts.append(_SYLLABLES[d])
        if not n:
            break
    return ("Al" + "".join(parts) + "ra").capitalize()


def variant_text(template: str, i: int) -> str:
    """Variant ``i`` of one demo transcript's text."""
    digits = list("0123456789")
    random.Random(i).shuffle(digits)
    text = template.replace(_COMPANY, company_name(i))
    return _DECIMAL_DIGIT.sub(lambda m: digits[int(m.group())], text)


def iter_variants(n: int) -> Iterator[tuple[str, str]]:
    """``n`` variants as ``(file name, text)``, cycling through the demo transcripts."""
    templates = [(f.stem, f.read_text(encoding="utf-8-sig")) for f in demo_files()]
    for i in range(n):
        stem, text = templates[i % len(templates)]
        yield f"{stem}_v{i:06d}.txt", variant_text(text, i)


def write_variants(n: int, folder: str | Path) -> list[Path]:
    """Write ``n`` variants as files into ``folder``; returns their paths."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in iter_variants(n):
        p = out / name
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def write_variant_shards(n: int, folder: str | Path, per_shard: int = 100) -> list[Path]:
    """Write ``n`` variants as JSONL shards (``{"name", "text"}`` per line, the corpus
    input schema) into ``folder``; returns the shard paths."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    handle = None
    try:
        for i, (name, text) in enumerate(iter_variants(n)):
            if i % per_shard == 0:
                if handle:
                    handle.close()
                paths.append(out / f"transcripts-{len(paths):05d}.jsonl")
                handle = paths[-1].open("w", encoding="utf-8")
            handle.write(json.dumps({"name": name, "text": text}, ensure_ascii=False) + "\n")
    finally:
        if handle:
            handle.close()
    return paths
