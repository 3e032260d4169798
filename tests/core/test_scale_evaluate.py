"""Evaluation whose cost follows the work: a run's output read per scored transcript, turns
found by bisection, a start-up that imports no heavy library. Each optimisation must leave
the results exactly as the straightforward way gives them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from reviewer.core.evaluate.report import System, evaluate, system_from_run
from reviewer.core.extract.runner import run_on_project
from reviewer.core.importer import import_paths
from reviewer.core.review import Accept, Edit, MarkReviewed, Reject, ReviewSession, preannotate
from reviewer.core.store import open_project
from reviewer.core.store.gold import iter_transcripts, load_transcript, run_coverage, run_output
from reviewer.core.store.gold_records import GoldTranscript, TurnRecord
from tests.conftest import DEMO, ROOT, SEED_FILES, SEEDS

DEMO_FILES = sorted(DEMO.glob("*.txt"))


def _linear_turn_at(doc: GoldTranscript, offset: int) -> TurnRecord | None:
    """The reference: the first turn whose span holds the offset."""
    for t in doc.turns:
        if t.start <= offset < t.end:
            return t
    return None


def _review(project, tid: int, run_id: int, k: int) -> None:
    """Review a transcript in code: reject every k-th prediction, put one value off by a
    factor 1000, accept the rest, mark it reviewed."""
    preannotate(project, tid, run_id)
    s = ReviewSession(project, tid, "tester")
    for i, a in enumerate(s.annotations()):
        if i % k == 0:
            s.do(Reject(a.id))
        elif i == 1 and a.value:
            s.do(Edit(a.id, {"value": a.value * 1000}))
        else:
            s.do(Accept(a.id))
    s.do(MarkReviewed())


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The demo transcripts (and the seeds when present) with two runs: one over every
    transcript, one over half of them; four transcripts reviewed, others left open."""
    seeds = [SEEDS / f for f in SEED_FILES.values() if (SEEDS / f).exists()]
    p = open_project(tmp_path_factory.mktemp("scale") / "p.db")
    report = import_paths(p, DEMO_FILES + seeds)
    ids = [tid for _f, tid in report.added]
    full = run_on_project(p)
    half = run_on_project(p, transcript_ids=ids[::2])
    for k, tid in enumerate(ids[:4]):
        _review(p, tid, full, 3 + k)
    yield p, full, half, len(seeds)
    p.close()


def test_turn_at_by_bisection_matches_the_linear_scan(project) -> None:
    p, _full, _half, _n = project
    for s in p.list_transcripts():
        doc = load_transcript(p, s.id)
        for offset in range(-1, len(doc.text) + 2):
            assert doc.turn_at(offset) is _linear_turn_at(doc, offset), (s.name, offset)


def test_turn_at_with_turns_out_of_order_or_overlapping() -> None:
    def doc(spans):
        return GoldTranscript(None, "h", "n", "plain", "new", None, text="x" * 40,
                              turns=[TurnRecord(i, None, None, None, None, a, b)
                                     for i, (a, b) in enumerate(spans)])
    cases = [[(0, 10), (10, 10), (10, 20), (25, 30)],      # an empty turn, a gap
             [(20, 30), (0, 10), (10, 20)],                  # out of text order
             [(0, 15), (10, 20), (12, 14), (30, 35)]]        # overlapping: the first wins
    for spans in cases:
        d = doc(spans)
        for offset in range(-1, 41):
            assert d.turn_at(offset) is _linear_turn_at(d, offset), (spans, offset)


def _reference_system(p, run_id: int) -> System:
    """The run as evaluation read it before: every output of the run loaded at once."""
    new = system_from_run(p, run_id)
    mentions, suggestions = run_output(p, run_id)
    return System(new.name, new.source, mentions, suggestions, run_coverage(p, run_id))


@pytest.mark.parametrize("runs", [("full",), ("half",), ("full", "half"), ("half", "full")])
def test_evaluate_reading_per_transcript_gives_the_same_report(project, runs) -> None:
    p, full, half, _n = project
    ids = [{"full": full, "half": half}[r] for r in runs]
    new = evaluate(iter_transcripts(p), [system_from_run(p, i) for i in ids], resamples=200)
    ref = evaluate(iter_transcripts(p), [_reference_system(p, i) for i in ids], resamples=200)
    assert json.dumps(new, sort_keys=True) == json.dumps(ref, sort_keys=True)
    assert new["gold"]["transcripts"] == (4 if "half" not in runs else 2)
    # The coverage warnings are counted, not read from a whole set: still right.
    others = len(p.list_transcripts()) - 4
    assert any(f"{others} transcript(s) of" in w for w in new["warnings"]) == ("full" in runs)


def test_a_run_reader_gives_what_the_whole_run_holds(project) -> None:
    p, full, half, _n = project
    for run_id in (full, half):
        mentions, suggestions = run_output(p, run_id)
        reader = system_from_run(p, run_id).reader
        covered = run_coverage(p, run_id)
        assert reader.covered_count() == len(covered)
        for s in p.list_transcripts():
            assert reader.covers(s.id) == (s.hash in covered)
            got = reader.output(s.id)
            assert got == (mentions.get(s.hash, []), suggestions.get(s.hash, []))


def test_version_imports_no_heavy_library() -> None:
    code = ("import sys\nsys.argv = ['reviewer', '--version']\n"
            "from reviewer.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in sys.modules\n"
            "               if m.split('.')[0] in {'numpy', 'spacy', 'sqlite_utils'})\n"
            "print('HEAVY', heavy)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, env={"PYTHONPATH": str(ROOT / "src"),
                                           "PATH": "/usr/bin:/bin"}, check=True).stdout
    assert "reviewer, version" in out
    assert "HEAVY []" in out


def test_importtime_of_version_lists_no_heavy_library() -> None:
    res = subprocess.run([sys.executable, "-X", "importtime", "-c",
                          "from reviewer.cli import main; main()", "--version"],
                         capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert res.returncode == 0 and "version" in res.stdout
    imported = [line.rsplit("|", 1)[-1].strip() for line in res.stderr.splitlines()
                if line.startswith("import time:")]
    assert "click" in imported  # the measurement itself works
    assert not [m for m in imported if m.split(".")[0] in {"numpy", "spacy", "sqlite_utils"}]


def test_list_and_review_import_neither_pandas_nor_spacy(project) -> None:
    p, _full, _half, _n = project
    code = ("import sys\nsys.argv = ['reviewer', 'list', '--db', sys.argv[1]]\n"
            "from reviewer.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "import reviewer.core.review  # what the app loads to open a transcript\n"
            "print('HEAVY', sorted(m for m in sys.modules\n"
            "                      if m.split('.')[0] in {'pandas', 'spacy', 'pyarrow'}))\n")
    out = subprocess.run([sys.executable, "-c", code, str(p.path)], capture_output=True,
                         text=True, timeout=120, env={"PYTHONPATH": str(ROOT / "src"),
                                                      "PATH": "/usr/bin:/bin"},
                         check=True).stdout
    assert f"{len(p.list_transcripts())} transcript(s)" in out
    assert "HEAVY []" in out
