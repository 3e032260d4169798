"""``reviewer publish``: a project served by Datasette on a free local port, its pages and JSON
API fetched with bounded timeouts, then stopped. The expected figures come from the review
done in the test, not from the server."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.extract.runner import run_on_project
from reviewer.core.importer import import_paths
from reviewer.core.review import (
    Accept,
    MarkReviewed,
    Reject,
    ReviewSession,
    SetSpeaker,
    preannotate,
)
from reviewer.core.store import open_project
from tests.conftest import DEMO, ROOT


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """The demo project with two transcripts reviewed and one speaker corrected; returns the
    path and what the review did."""
    db = tmp_path_factory.mktemp("publish") / "gold.db"
    project = open_project(db)
    ids = [tid for _f, tid in import_paths(project, sorted(DEMO.glob("*.txt"))).added]
    run_id = run_on_project(project)
    gold: Counter = Counter()
    statuses: Counter = Counter()
    corrected = None
    for tid in ids[:2]:
        preannotate(project, tid, run_id)
        s = ReviewSession(project, tid, "ana")
        for i, a in enumerate(s.annotations()):
            if i % 3 == 0:
                s.do(Reject(a.id))
                statuses["rejected"] += 1
            else:
                s.do(Accept(a.id))
                statuses["accepted"] += 1
                gold[(a.metric, a.period)] += 1
        if corrected is None:
            turn = next(t for t in s.turns() if t.speaker)
            other = next(p.name for p in s.roster() if p.name != turn.speaker)
            s.do(SetSpeaker(turn.idx, other))
            corrected = (turn.idx, other)
        s.do(MarkReviewed())
    project.close()
    return db, gold, statuses, corrected, len(ids)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read()


@contextmanager
def served(db, *extra: str):
    """``reviewer publish`` in a subprocess on a free port; yields the base URL."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    log = tempfile.TemporaryFile()  # noqa: SIM115  (a file, not a pipe: it logs each request)
    proc = subprocess.Popen([sys.executable, "-c", "from reviewer.cli import main; main()",
                             "publish", "--db", str(db), "--port", str(port), *extra],
                            env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _get(base + "/-/versions.json")
                break
            except OSError:
                if proc.poll() is not None:
                    log.seek(0)
                    pytest.fail(f"reviewer publish exited: {log.read().decode()[-2000:]}")
                assert time.monotonic() < deadline, "the server did not start in 90 s"
                time.sleep(0.3)
        yield base, port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()


def _listening_addresses(port: int) -> set[str]:
    """Local addresses listening on ``port`` (from /proc/net/tcp, IPv4, hex)."""
    out = set()
    for line in Path("/proc/net/tcp").read_text(encoding="ascii").splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        addr, p = local.split(":")
        if int(p, 16) == port and state == "0A":
            out.add(".".join(str(int(addr[i:i + 2], 16)) for i in (6, 4, 2, 0)))
    return out


def test_publish_serves_pages_json_facets_and_canned_queries(reviewed) -> None:
    db, gold, statuses, corrected, n = reviewed
    with served(db) as (base, port):
        assert _listening_addresses(port) == {"127.0.0.1"}
        home = _get(base + "/").decode()
        assert "Transcript Reviewer gold: gold" in home
        page = _get(base + "/gold/transcripts").decode()
        assert "One earnings call as imported" in page
        dbs = json.loads(_get(base + "/-/databases.json"))
        assert [d["is_mutable"] for d in dbs if d["name"] == "gold"] == [False]

        rows = json.loads(_get(base + "/gold/gold_mentions_by_metric_and_period.json"
                                      "?_shape=array"))
        assert {(r["metric"], r["period"]): r["mentions"] for r in rows} == dict(gold)

        ann = json.loads(_get(base + "/gold/annotations.json?_size=0"))
        facets = ann["facet_results"]
        facets = facets.get("results", facets)  # the shape changed across Datasette versions
        assert {"metric", "status", "reviewer"} <= set(facets)
        got = {v["value"]: v["count"] for v in facets["status"]["results"]}
        assert got == {k: v for k, v in statuses.items() if v}
        fmt = json.loads(_get(base + "/gold/transcripts.json?_size=0"))["facet_results"]
        fmt = fmt.get("results", fmt)
        assert sum(v["count"] for v in fmt["format"]["results"]) == n

        by_status = json.loads(_get(base + "/gold/transcripts_by_review_status.json"
                                           "?_shape=array"))
        assert sum(r["transcripts"] for r in by_status if r["status"] == "reviewed") == 2
        assert sum(r["transcripts"] for r in by_status) == n
        fixes = json.loads(_get(base + "/gold/speaker_corrections.json?_shape=array"))
        assert [(r["turn"], r["corrected"]) for r in fixes] == [corrected]
        assert json.loads(_get(base + "/gold/reviewer_disagreements.json?_shape=array")) == []


def test_live_serves_the_file_mutable(reviewed) -> None:
    db = reviewed[0]
    with served(db, "--live") as (base, _port):
        dbs = json.loads(_get(base + "/-/databases.json"))
        assert [d["is_mutable"] for d in dbs if d["name"] == "gold"] == [True]


def test_inspect_writes_the_metadata_file(reviewed, tmp_path) -> None:
    db = reviewed[0]
    out = tmp_path / "metadata.json"
    res = CliRunner().invoke(cli, ["publish", "--db", str(db), "--inspect", str(out)])
    assert res.exit_code == 0, res.output
    meta = json.loads(out.read_text(encoding="utf-8"))
    gold = meta["databases"]["gold"]
    assert set(gold["queries"]) == {"gold_mentions_by_metric_and_period",
                                    "reviewer_disagreements", "speaker_corrections",
                                    "transcripts_by_review_status"}
    assert gold["tables"]["annotations"]["facets"][:3] == ["metric", "status", "reviewer"]
    assert "format" in gold["tables"]["transcripts"]["facets"]
    assert gold["tables"]["transcripts"]["columns"]["hash"].startswith("SHA-256")
