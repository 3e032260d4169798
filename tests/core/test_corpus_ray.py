"""The ray engine of a corpus run, on a local Ray with 2 CPUs, over a few hundred variants of
our own demo transcripts: byte-for-byte the shards the local engine writes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.corpus.ray_engine import run_ray
from reviewer.core.corpus.run import run_local
from reviewer.core.corpus.sources import iter_items
from reviewer.core.corpus.variants import write_variant_shards, write_variants


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """240 transcripts in JSONL shards, 9 as files, and what the local engine makes of them."""
    root = tmp_path_factory.mktemp("corpus")
    write_variant_shards(240, root / "shards", per_shard=80)
    write_variants(9, root / "files")
    inputs = [root / "shards", root / "files"]
    report = run_local(iter_items(inputs), root / "local", jobs=2, per_shard=100)
    assert report.transcripts == 249 and not report.errors
    return root, inputs


def test_ray_writes_the_same_shards_as_local(corpus) -> None:
    root, inputs = corpus
    report = run_ray(inputs, root / "ray", num_cpus=2, per_shard=100)
    assert report.transcripts == 249 and not report.errors
    local = sorted((root / "local").glob("*.jsonl"))
    ray = sorted((root / "ray").glob("*.jsonl"))
    assert [p.name for p in local] == [p.name for p in ray] == [
        "predictions-00000.jsonl", "predictions-00001.jsonl", "predictions-00002.jsonl"]
    for a, b in zip(local, ray, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_the_command_with_the_ray_engine(corpus) -> None:
    root, _inputs = corpus
    res = CliRunner().invoke(cli, ["extract-corpus", str(root / "files"), "--out",
                                   str(root / "ray_cli"), "--engine", "ray", "--jobs", "2"])
    assert res.exit_code == 0, res.output
    assert "9 transcript(s)" in res.output
    got = (root / "ray_cli" / "predictions-00000.jsonl").read_text(encoding="utf-8")
    want = (root / "local" / "predictions-00002.jsonl").read_text(encoding="utf-8")
    # The files come after the 240 shard lines: the last 49 lines of the local run's last
    # shard, of which the files' 9 close it.
    assert got.splitlines() == want.splitlines()[-9:]
