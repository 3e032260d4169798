"""Offsets follow the contract on any file: LF, CRLF and CR copies of every source family
give identical offsets, the text ``Path.read_text(encoding="utf-8-sig")`` reads, one content
hash, and mentions whose ``text[start:end]`` is their text. Encodings too."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.core.errors import InputError
from reviewer.core.extract.builtin import BuiltinExtractor
from reviewer.core.ingest import parse_file
from tests.conftest import DEMO, FIXTURES, SEED_FILES, seed_path

OURS = sorted(DEMO.glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))
ENDS = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


def copies(src: Path, folder: Path) -> dict[str, Path]:
    """The file written with each kind of line end (bytes, so nothing is translated)."""
    lf = src.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    out = {}
    for name, end in ENDS.items():
        p = folder / f"{src.stem}.{name}.txt"
        p.write_bytes(lf.replace("\n", end).encode("utf-8"))
        out[name] = p
    return out


def shape(parsed) -> list:
    return [(t.index, t.label, t.role, t.start, t.end,
             [(p.start, p.end, p.lang, p.translation_of) for p in t.paragraphs])
            for t in parsed.turns]


def check_family(src: Path, tmp_path: Path) -> None:
    paths = copies(src, tmp_path)
    parsed = {k: parse_file(p) for k, p in paths.items()}
    ref = parsed["lf"]
    for kind, p in paths.items():
        contract = p.read_text(encoding="utf-8-sig")  # the contract's own reader
        assert parsed[kind].text == contract, kind
        assert shape(parsed[kind]) == shape(ref), kind
        assert parsed[kind].boilerplate == ref.boilerplate, kind
        assert parsed[kind].content_hash == ref.content_hash, kind
    result = BuiltinExtractor().extract(parsed["crlf"])
    text = paths["crlf"].read_text(encoding="utf-8-sig")
    assert result.mentions, f"{src.name}: no mention to check"
    for m in result.mentions:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("src", OURS, ids=[p.name for p in OURS])
def test_our_files_with_any_line_end(src: Path, tmp_path: Path) -> None:
    check_family(src, tmp_path)


@pytest.mark.seeds
@pytest.mark.parametrize("key", sorted(SEED_FILES))
def test_seeds_with_any_line_end(key: str, tmp_path: Path) -> None:
    check_family(seed_path(key), tmp_path)


def test_cli_json_offsets_on_a_crlf_file(tmp_path: Path) -> None:
    src = DEMO / "altamira_q2_fy2024_seekingalpha.txt"
    crlf = copies(src, tmp_path)["crlf"]
    proc = subprocess.run([sys.executable, "-c", "import sys; from reviewer.cli import main;"
                           "sys.argv[0] = 'reviewer'; main()", "extract", str(crlf), "--json"],
                          capture_output=True, text=True, check=True, timeout=120)
    text = crlf.read_text(encoding="utf-8-sig")
    mentions = json.loads(proc.stdout)["mentions"]
    assert mentions and all(text[m["start"]:m["end"]] == m["text"] for m in mentions)


# -- encodings --------------------------------------------------------------------------

SAMPLE = ("Operator\nGood day. Revenue was €12.5 million, up 7%.\n"
          "Zoë Müller — Chief Financial Officer\nThank you. Margin was 61%.\n")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_files_with_a_byte_order_mark_are_read(codec: str, tmp_path: Path) -> None:
    p = tmp_path / f"{codec}.txt"
    raw = SAMPLE.encode(codec)
    if codec == "utf-16-be":  # the BE codec writes no mark: add it as a BE file has it
        raw = b"\xfe\xff" + raw
    p.write_bytes(raw)
    assert parse_file(p).text == SAMPLE


def test_a_legacy_encoding_is_refused_with_its_name_then_read_with_encoding(tmp_path) -> None:
    p = tmp_path / "cp1252.txt"
    text = SAMPLE.replace("€", "EUR ") + "Our café’s “smart quotes” — and naïve façades.\n" * 20
    p.write_bytes(text.encode("cp1252"))
    with pytest.raises(InputError) as err:
        parse_file(p)
    msg = str(err.value)
    assert "not UTF-8" in msg and "--encoding" in msg and "\n" not in msg
    assert parse_file(p, "cp1252").text == text


def test_utf16_without_a_mark_is_named(tmp_path: Path) -> None:
    p = tmp_path / "nobom.txt"
    p.write_bytes(SAMPLE.encode("utf-16-le"))
    with pytest.raises(InputError, match="utf-16-le"):
        parse_file(p)
    assert parse_file(p, "utf-16-le").text == SAMPLE
