"""Every export format loaded by the library a user would reach for — spaCy (DocBin,
``spacy convert``, ``char_span``/BILUO), pandas, seqeval and NLTK — never by our own readers.

The gold is our demo project reviewed by accepting every proposal (tests/core/demo_gold.py).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from reviewer.core.export.dataset import export_project, project_records
from tests.core.demo_gold import build_demo_gold


@pytest.fixture(scope="module")
def gold(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gold")
    project = build_demo_gold(folder / "demo.db")
    records = list(project_records(project))
    for fmt in ("jsonl", "spacy", "csv", "conll"):
        export_project(project, fmt, folder / f"gold.{fmt}")
    export_project(project, "csv", folder / "all.csv", include_rejected=True)
    export_project(project, "spacy", folder / "turns.spacy", unit="turn")
    # A rejected prediction: the CSV must keep it out of the gold rows.
    yield folder, records, project
    project.close()


def _gold_spans(records):
    return sum(len(r["spans"]) for r in records)


def test_every_gold_mention_has_a_label_and_no_metric_means_figure(gold) -> None:
    _folder, records, _p = gold
    labels = [s["label"] for r in records for s in r["spans"]]
    assert labels and None not in labels and "figure" in labels
    # "figure" exactly where the reviewer left the metric empty (read back from the store).
    from reviewer.core.store.gold import iter_transcripts

    no_metric = sum(1 for d in iter_transcripts(gold[2]) for m in d.gold_mentions
                    if not m.metric)
    assert labels.count("figure") == no_metric > 0


def test_jsonl_loads_in_spacy_as_prodigy_tokens(gold) -> None:
    import spacy
    from spacy.tokens import Doc
    from spacy.training import offsets_to_biluo_tags
    from spacy.util import filter_spans

    folder, records, _p = gold
    nlp = spacy.blank("en")
    lines = (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(records)
    n = 0
    for line in lines:
        task = json.loads(line)
        assert task["answer"] == "accept"
        toks = task["tokens"]
        doc = Doc(nlp.vocab, words=[t["text"] for t in toks], spaces=[t["ws"] for t in toks])
        assert doc.text == task["text"]
        assert all(doc[t["id"]].idx == t["start"] for t in toks)
        spans = []
        for s in task["spans"]:
            span = doc.char_span(s["start"], s["end"], label=s["label"])  # strict alignment
            assert span is not None, s
            assert (span.start, span.end - 1) == (s["token_start"], s["token_end"])
            spans.append(span)
            n += 1
        ents = filter_spans(spans)
        tags = offsets_to_biluo_tags(doc, [(e.start_char, e.end_char, e.label_) for e in ents])
        assert "-" not in tags  # every entity aligned with the tokens
        assert sum(t[0] in "BU" for t in tags) == len(ents)
    assert n == _gold_spans(records)


def test_docbin_is_ready_for_spacy_train(gold) -> None:
    import spacy
    from spacy.training import Corpus

    folder, records, _p = gold
    nlp = spacy.blank("en")
    examples = list(Corpus(str(folder / "gold.spacy"))(nlp))
    originals = sum(1 for r in records for t in r["turns"] for p in t["paragraphs"]
                    if p["translation_of"] is None)
    assert len(examples) == originals  # one Doc per original paragraph
    sc = [sp for ex in examples for sp in ex.reference.spans["sc"]]
    assert len(sc) == _gold_spans(records)
    assert all(sp.label_ for sp in sc)
    for ex in examples:
        ref = ex.reference
        assert ref.has_annotation("SENT_START")
        assert len(list(ref.sents)) >= 1
        assert set(ref.ents) <= set(ref.spans["sc"])
        assert len(ref) < 3000
    longest = max(len(ex.reference) for ex in examples)
    by_turn = max(len(ex.reference) for ex in Corpus(str(folder / "turns.spacy"))(nlp))
    assert longest <= by_turn
    # Each Doc says where it comes from: its text is that slice of the transcript.
    texts = {r["hash"]: r["text"] for r in records}
    for ex in examples[:20]:
        u = ex.reference.user_data
        assert texts[u["hash"]][u["start"]:u["end"]] == ex.reference.text


def test_csv_in_pandas_is_gold_only_unless_asked(gold) -> None:
    import pandas as pd

    folder, records, _p = gold
    df = pd.read_csv(folder / "gold.csv")
    assert len(df) == _gold_spans(records)
    assert set(df["status"]) <= {"accepted", "corrected", "added"}
    assert df["label"].notna().all()
    full = pd.read_csv(folder / "all.csv")
    rejected = sum(len(r["rejected_spans"]) for r in records)
    assert len(full) == len(df) + rejected
    assert (full["status"] == "rejected").sum() == rejected


def _conll_sentences(path):
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-") or not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        cur.append(line.split())
    return sents


def test_conll_in_seqeval_nltk_and_spacy_convert(gold, tmp_path) -> None:
    from nltk.corpus.reader import ConllCorpusReader
    from seqeval.metrics.sequence_labeling import get_entities

    folder, records, _p = gold
    path = folder / "gold.conll"
    sents = _conll_sentences(path)
    assert all(len(cols) == 4 for s in sents for cols in s)
    tags = [[cols[-1] for cols in s] for s in sents]
    ents = [e for t in tags for e in get_entities(t)]
    # Every gold mention is one entity, except those nested in a longer one (BIO can't nest).
    nested = sum(1 for r in records for s in r["spans"]
                 if any(o is not s and o["start"] <= s["start"] and s["end"] <= o["end"]
                        and (o["end"] - o["start"]) > (s["end"] - s["start"])
                        for o in r["spans"]))
    assert len(ents) == _gold_spans(records) - nested
    assert max(len(s) for s in sents) < 200  # sentences, not whole paragraphs
    import nltk

    # NLTK 3.10 reads corpora only from folders on its data path.
    if str(folder) not in nltk.data.path:
        nltk.data.path.append(str(folder))
    reader = ConllCorpusReader(str(folder), ["gold.conll"],
                               columntypes=("words", "pos", "ignore", "chunk"))
    nltk_sents = [s for s in reader.iob_sents() if s and s[0][0] != "-DOCSTART-"]
    assert [[w for w, _pos, _tag in s] for s in nltk_sents] == [[c[0] for c in s]
                                                                 for s in sents]
    assert [[tag for _w, _pos, tag in s] for s in nltk_sents] == tags
    out = subprocess.run([sys.executable, "-m", "spacy", "convert", str(path), str(tmp_path),
                          "--converter", "ner"], capture_output=True, text=True, check=True)
    assert "Generated output file" in out.stdout
    import spacy
    from spacy.tokens import DocBin

    docs = list(DocBin().from_disk(tmp_path / "gold.spacy").get_docs(spacy.blank("en").vocab))
    assert len(docs) == len(records)  # one Doc per transcript, no -DOCSTART- tokens
    assert not any(t.text == "-DOCSTART-" for d in docs for t in d)
    assert sum(len(d.ents) for d in docs) == len(ents)


def test_cli_unit_and_include_rejected_options(gold, tmp_path) -> None:
    import pandas as pd
    import spacy
    from click.testing import CliRunner
    from spacy.tokens import DocBin

    from reviewer.cli import cli

    folder, records, project = gold
    # Reject one gold mention of a reviewed transcript: it leaves the gold, joins the negatives.
    from reviewer.core.review import Reject, ReviewSession

    tid = project.list_transcripts()[0].id
    session = ReviewSession(project, tid, "tester")
    session.do(Reject(session.annotations()[0].id))
    db = folder / "demo.db"
    runner = CliRunner()
    for unit in ("transcript", "turn"):
        out = runner.invoke(cli, ["export", "--db", str(db), "--format", "spacy", "--unit",
                                  unit, "--out", str(tmp_path / f"{unit}.spacy")])
        assert out.exit_code == 0, out.output
    vocab = spacy.blank("en").vocab
    by_transcript = list(DocBin().from_disk(tmp_path / "transcript.spacy").get_docs(vocab))
    by_turn = list(DocBin().from_disk(tmp_path / "turn.spacy").get_docs(vocab))
    assert len(by_transcript) == len(records)
    assert len(by_turn) == sum(len(r["turns"]) for r in records)
    for flag, extra in (([], 0), (["--include-rejected"], 1)):
        out = runner.invoke(cli, ["export", "--db", str(db), "--format", "csv", "--out",
                                  str(tmp_path / "g.csv"), *flag])
        assert out.exit_code == 0, out.output
        df = pd.read_csv(tmp_path / "g.csv")
        assert len(df) == _gold_spans(records) - 1 + extra
        assert (df["status"] == "rejected").sum() == extra
