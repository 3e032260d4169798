"""End to end on a seed transcript: import, run the extractor, review in code, evaluate,
export. The extractor run comes from ``reviewer.core.extract.runner.run_on_project`` when it
is installed, else from a stand-in that writes the same tables."""

from __future__ import annotations

import json
import re

import pytest

from reviewer.core.evaluate.report import evaluate, system_from_run
from reviewer.core.export.dataset import export_project, import_annotations
from reviewer.core.importer import import_paths
from reviewer.core.review import (
    Accept,
    Add,
    Edit,
    MarkReviewed,
    Reject,
    ReviewSession,
    SetSpeaker,
    preannotate,
)
from reviewer.core.review.fields import known_metrics
from reviewer.core.store import open_project
from reviewer.core.store.gold import iter_transcripts
from tests.conftest import seed_path
from tests.core.test_evaluate_helpers import add_run

pytestmark = pytest.mark.seeds

_NUMBER = re.compile(r"\$\d+(?:\.\d+)?(?: million| billion)?|\d+(?:\.\d+)?%")


def _run_extractor(project, tid: int) -> int:
    try:
        from reviewer.core.extract.runner import run_on_project
    except ImportError:
        text = project.load_transcript(tid).text
        preds = []
        for m in _NUMBER.finditer(text):
            s = m.group()
            scale = 1e9 if "billion" in s else 1e6 if "million" in s else 1.0
            num = float(re.sub(r"[^\d.]", "", s.split()[0]))
            unit = "percent" if s.endswith("%") else "USD"
            preds.append({"start": m.start(), "end": m.end(), "text": s,
                          "metric": "revenue" if unit == "USD" else "revenue_growth",
                          "value": num * (scale if unit == "USD" else 1), "unit": unit})
        return add_run(project, {tid: preds}, name="stand-in", version="0")
    return run_on_project(project)


def test_import_extract_review_evaluate_export(tmp_path) -> None:
    project = open_project(tmp_path / "gold.db")
    report = import_paths(project, [seed_path("000")])
    ((_, tid),) = report.added
    run_id = _run_extractor(project, tid)
    assert preannotate(project, tid, run_id) > 5
    s = ReviewSession(project, tid, "tester")
    notes = [a for a in s.annotations() if a.value]  # a zero cannot be off by x1000
    rejected = notes[::5]                     # every fifth prediction is wrong
    edited = notes[1]                         # one value is off by a factor 1000
    for a in s.annotations():
        if a in rejected:
            s.do(Reject(a.id))
        elif a.id == edited.id:
            s.do(Edit(a.id, {"value": a.value * 1000}))
        else:
            s.do(Accept(a.id))
    # A mention the extractor missed, where it predicted nothing.
    taken = [(a.start, a.end) for a in s.annotations()]
    text = s.text
    candidates = re.finditer(r"\b(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|"
                             r"nine|ten|twenty|thirty|forty|fifty|hundred)\b", text)
    free = next(m for m in candidates if text.index("Operator") < m.start()
                and not any(a < m.end() and m.start() < b for a, b in taken))
    known = sorted(known_metrics())
    metric = "revenue_growth" if not known or "revenue_growth" in known else known[0]
    s.do(Add(free.start(), free.end(), {"metric": metric, "value": 4, "unit": "percent"}))
    turn = next(t for t in s.turns() if t.speaker)
    other = next(p.name for p in s.roster() if p.name != turn.speaker)
    s.do(SetSpeaker(turn.idx, other))
    s.do(MarkReviewed())

    rep = evaluate(iter_transcripts(project), [system_from_run(project, run_id)],
                   resamples=100)
    n, r = len(s.annotations()) - 1, len(rejected)   # predictions; rejected ones
    strict = rep["systems"][0]["mentions"]["strict"]
    assert (strict["possible"], strict["actual"]) == (n - r + 1, n)
    assert (strict["cor"], strict["spu"], strict["mis"]) == (n - r, r, 1)
    assert strict["precision"] == pytest.approx((n - r) / n)
    values = rep["systems"][0]["values"]
    assert values["errors"].get("scale") == 1 and values["within"] == values["compared"] - 1
    speakers = rep["systems"][0]["speakers"]
    assert speakers["wrong_labels"] >= 1

    for fmt in ("jsonl", "spacy", "csv", "conll"):
        out = export_project(project, fmt, tmp_path / f"gold.{fmt}")
        assert (out.transcripts, out.mentions) == (1, n - r + 1)
    fresh = open_project(tmp_path / "copy.db")
    import_annotations(fresh, tmp_path / "gold.jsonl")
    export_project(fresh, "jsonl", tmp_path / "again.jsonl")
    assert (tmp_path / "gold.jsonl").read_bytes() == (tmp_path / "again.jsonl").read_bytes()
    rec = json.loads((tmp_path / "gold.jsonl").read_text(encoding="utf-8"))
    assert sum(t["speaker_status"] == "corrected" for t in rec["turns"]) >= 1
    fresh.close()
    project.close()
