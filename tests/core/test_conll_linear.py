"""The CoNLL export's paragraph walk (linear) gives exactly what the straightforward
computation gives (every token tested against every paragraph), on the demo and the seeds."""

from __future__ import annotations

import pytest

from reviewer.core.export.conll import _paragraphs, _tags, paragraph_of_tokens, tagged
from reviewer.core.export.dataset import project_records
from reviewer.core.export.tokens import record_doc, set_sentences
from tests.conftest import SEED_FILES, seed_path


def reference_tagged(rec):
    """The plain computation: for each paragraph, scan every token of the transcript."""
    doc = record_doc(rec)
    tags, kept, dropped = _tags(doc, rec["spans"])
    paras = _paragraphs(rec)
    set_sentences(doc, (s for s, _ in paras), kept)
    sentences = []
    for ps, pe in paras:
        cur = []
        for t in [t for t in doc if ps <= t.idx < pe and not t.is_space]:
            if cur and t.is_sent_start:
                sentences.append(cur)
                cur = []
            cur.append((t.text, t.idx, t.idx + len(t.text), tags[t.i]))
        if cur:
            sentences.append(cur)
    return sentences, dropped


def _records(tmp_path, paths):
    from reviewer.core.extract.runner import run_on_project
    from reviewer.core.importer import import_paths
    from reviewer.core.review import preannotate_all
    from reviewer.core.store import open_project

    p = open_project(tmp_path / "p.db")
    import_paths(p, paths)
    run_on_project(p, "builtin")
    preannotate_all(p)  # pending proposals: spans to tag
    recs = list(project_records(p, include_all=True))
    p.close()
    return recs


def _check(recs) -> None:
    assert recs
    for rec in recs:
        assert rec["spans"]
        doc = record_doc(rec)
        paras = _paragraphs(rec)
        where = paragraph_of_tokens(doc, paras)
        for k, (ps, pe) in enumerate(paras):
            assert [t.i for t in doc if where[t.i] == k] == [t.i for t in doc
                                                              if ps <= t.idx < pe]
        assert tagged(rec) == reference_tagged(rec)


def test_linear_walk_matches_the_plain_scan_on_the_demo(tmp_path) -> None:
    from reviewer.core.demo import demo_files

    _check(_records(tmp_path, demo_files()))


@pytest.mark.seeds
def test_linear_walk_matches_the_plain_scan_on_the_seeds(tmp_path) -> None:
    _check(_records(tmp_path, [seed_path(k) for k in sorted(SEED_FILES)]))
