"""Export in the four formats, each read back; JSONL import; atomic writes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.errors import ExportError, InputError
from reviewer.core.export.conll import read_conll, tagged
from reviewer.core.export.csvfile import read_csv, rows
from reviewer.core.export.dataset import export_project, import_annotations, project_records
from reviewer.core.export.docbin import read_docbin, to_docs
from reviewer.core.export.records import SCHEMA
from reviewer.core.store import open_project
from tests.core.test_evaluate_helpers import (
    TEXT,
    add_doc,
    annotate,
    mark_reviewed,
    mention,
    set_gold_speaker,
    span,
)
from tests.core.test_evaluate_report import GOLD

ZH_TEXT = TEXT.replace("Mostly hiring.", "Mostly hiring. 營收為 1,750 萬美元。")


@pytest.fixture
def project():
    p = open_project(memory=True)
    tid = add_doc(p)
    annotate(p, tid, GOLD[:3], status="accepted")
    annotate(p, tid, GOLD[3:5], status="corrected")
    annotate(p, tid, GOLD[5:], status="added")
    annotate(p, tid, [mention(TEXT, "2025", "revenue", value=2025, unit="count")],
             status="rejected")
    # "$129.1" inside "$129.1 million": overlaps a longer mention (BIO cannot hold both).
    annotate(p, tid, [mention(TEXT, "129.1", "revenue", value=129.1, unit="USD")],
             status="added")
    set_gold_speaker(p, tid, 1, "Priya Raman")
    mark_reviewed(p, tid)
    open_tid = add_doc(p, ZH_TEXT, "zh.txt", fmt="bilingual", lang="zh")
    annotate(p, open_tid, GOLD[:2], status="pending")
    yield p
    p.close()


def test_jsonl_record_follows_the_schema(project, tmp_path) -> None:
    out = tmp_path / "gold.jsonl"
    result = export_project(project, "jsonl", out)
    assert (result.transcripts, result.mentions) == (1, 7)
    (rec,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rec["schema"] == SCHEMA
    assert list(rec) == ["schema", "hash", "name", "text", "meta", "participants", "turns",
                         "spans", "rejected_spans", "boilerplate", "warnings", "answer",
                         "tokens"]
    s = rec["spans"][0]
    assert list(s) == ["start", "end", "token_start", "token_end", "text", "label", "turn",
                       "value", "low", "high", "unit", "period", "kind", "basis", "status",
                       "reviewer", "updated_at"]
    assert (s["text"], s["label"], s["value"], s["unit"]) == ("$129.1 million", "revenue",
                                                             129100000, "USD")
    assert rec["text"][s["start"]:s["end"]] == s["text"]
    assert [r["label"] for r in rec["rejected_spans"]] == ["revenue"]
    t = rec["turns"][1]
    assert (t["label"], t["speaker"], t["parsed_speaker"]) == ("Kate Patterson", "Priya Raman",
                                                               "Kate Patterson")
    assert rec["meta"]["status"] == "reviewed"


@pytest.mark.parametrize("include_all", [False, True])
def test_jsonl_export_import_export_is_byte_identical(project, tmp_path, include_all) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    export_project(project, "jsonl", first, include_all=include_all)
    fresh = open_project(tmp_path / "fresh.db")
    result = import_annotations(fresh, first, reviewer="importer")
    assert len(result.created) == (2 if include_all else 1)
    export_project(fresh, "jsonl", second, include_all=include_all)
    assert first.read_bytes() == second.read_bytes()
    again = import_annotations(fresh, first)
    assert len(again.unchanged) == len(result.created)
    fresh.close()


def test_spacy_docbin_round_trip_keeps_spans_and_attributes(project, tmp_path) -> None:
    out = tmp_path / "gold.spacy"
    export_project(project, "spacy", out, include_all=True)
    records = list(project_records(project, include_all=True))
    assert read_docbin(out) == records
    (doc,) = to_docs(records[0], "transcript")
    assert doc.text == TEXT
    spans, attrs = doc.spans["sc"], doc.user_data["mentions"]
    assert len(spans) == len(attrs) == 7
    first = spans[0]
    assert (first.text, first.label_) == ("$129.1 million", "revenue")
    assert attrs[0]["value"] == 129100000 and attrs[0]["status"] == "accepted"
    assert [s.label_ for s in doc.spans["turns"]][1] == "Priya Raman"
    # ... and a DocBin imports back as gold.
    fresh = open_project(tmp_path / "fresh.db")
    import_annotations(fresh, out)
    export_project(fresh, "jsonl", tmp_path / "b.jsonl", include_all=True)
    export_project(project, "jsonl", tmp_path / "a.jsonl", include_all=True)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    fresh.close()


def test_csv_one_row_per_mention_round_trip(project, tmp_path) -> None:
    out = tmp_path / "gold.csv"
    export_project(project, "csv", out, include_rejected=True)
    (rec,) = project_records(project)
    back = read_csv(out)
    assert back == rows(rec, include_rejected=True)
    assert len(back) == 8 and {r["status"] for r in back} == {"accepted", "corrected",
                                                              "added", "rejected"}
    fcf = next(r for r in back if r["label"] == "fcf")
    assert (fcf["value"], fcf["speaker"], fcf["section"]) == (-3000000, "Sam Wilson", "qa")


def test_conll_bio_tags_and_sentences(project, tmp_path) -> None:
    out = tmp_path / "gold.conll"
    result = export_project(project, "conll", out, include_all=True)
    assert any("overlap a longer one" in w for w in result.warnings)
    recs = list(project_records(project, include_all=True))
    docs = read_conll(out)
    assert len(docs) == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["-DOCSTART- -X- O O", ""]
    assert ["$", "-X-", "O", "B-revenue"] in [ln.split() for ln in lines]
    assert ["million", "-X-", "O", "I-revenue"] in [ln.split() for ln in lines]
    # Every kept gold mention is one B- tag; "$129.1" inside "$129.1 million" is left out.
    b_tags = sum(1 for sent in docs[0] for _tok, tag in sent if tag.startswith("B-"))
    assert b_tags == len(recs[0]["spans"]) - 1
    # Chinese paragraphs are cut by the Chinese tokenizer, one character a token.
    sentences, _dropped = tagged(recs[1])
    zh = next(sent for sent in sentences if any(t[0] == "營" for t in sent))
    assert [t[0] for t in zh if t[0] in "營收為"] == ["營", "收", "為"]
    assert zh[-1][0] == "。"  # the Chinese full stop ends the sentence


def test_unwritable_targets_raise_and_leave_nothing(project, tmp_path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_project(project, "jsonl", tmp_path / "nowhere" / "x.jsonl")
    with pytest.raises(ExportError, match="is a folder"):
        export_project(project, "csv", tmp_path)
    keep = tmp_path / "keep.jsonl"
    keep.write_text("old\n")

    def boom(*_a, **_k):
        yield next(project_records(project))
        raise OSError(28, "No space left on device")

    import reviewer.core.export.dataset as dataset

    original = dataset.project_records
    dataset.project_records = boom
    try:
        with pytest.raises(ExportError, match="No space left"):
            export_project(project, "jsonl", keep)
    finally:
        dataset.project_records = original
    assert keep.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.jsonl"]


def test_import_refuses_bad_records_and_keeps_existing_gold(project, tmp_path) -> None:
    out = tmp_path / "gold.jsonl"
    export_project(project, "jsonl", out)
    rec = json.loads(out.read_text(encoding="utf-8"))
    bad = dict(rec, spans=[dict(rec["spans"][0], start=rec["spans"][0]["start"] + 1)])
    (tmp_path / "bad.jsonl").write_text(json.dumps(bad) + "\n", encoding="utf-8")
    fresh = open_project(tmp_path / "f.db")
    with pytest.raises(InputError, match="offsets must index the text"):
        import_annotations(fresh, tmp_path / "bad.jsonl")
    assert fresh.count() == 0
    # Different gold for a transcript that has gold: skipped, or replaced on request.
    changed = dict(rec, spans=rec["spans"][:2])
    (tmp_path / "changed.jsonl").write_text(json.dumps(changed) + "\n", encoding="utf-8")
    result = import_annotations(project, tmp_path / "changed.jsonl")
    assert result.skipped and "--replace" in result.skipped[0][1]
    result = import_annotations(project, tmp_path / "changed.jsonl", replace=True,
                                reviewer="lead")
    assert result.updated == ["call.txt"]
    (now,) = project_records(project)
    assert len(now["spans"]) == 2
    fresh.close()


def test_prodigy_style_records_are_parsed_and_imported(tmp_path) -> None:
    s, e = span(TEXT, "$40 million")
    rec = {"text": TEXT, "spans": [{"start": s, "end": e, "label": "opex", "value": 40e6,
                                    "unit": "USD"}]}
    (tmp_path / "p.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    p = open_project(tmp_path / "p.db")
    assert import_annotations(p, tmp_path / "p.jsonl").created
    (back,) = project_records(p)
    assert back["meta"]["status"] == "reviewed" and back["meta"]["reviewed_at"]
    assert back["spans"][0]["status"] == "accepted" and back["turns"]
    p.close()


def test_cli_export_and_import(project, tmp_path) -> None:
    db = tmp_path / "p.db"
    project.db.execute(f"VACUUM INTO '{db}'")
    runner = CliRunner()
    for fmt in ("jsonl", "spacy", "csv", "conll"):
        out = runner.invoke(cli, ["export", "--db", str(db), "--format", fmt, "--out",
                                  str(tmp_path / f"g.{fmt}")])
        assert out.exit_code == 0, out.output
        assert "exported 1 transcript(s), 7 mention(s)" in out.output
    out = runner.invoke(cli, ["export", "--db", str(db), "--format", "csv", "--out",
                              str(tmp_path / "missing" / "g.csv")])
    assert out.exit_code == 1 and out.output.startswith("error: ")
    out = runner.invoke(cli, ["import-annotations", str(tmp_path / "g.jsonl"), "--db",
                              str(tmp_path / "new.db")])
    assert out.exit_code == 0 and "1 transcript(s) added" in out.output


@pytest.mark.seeds
def test_every_seed_round_trips_in_every_format(tmp_path) -> None:
    from reviewer.core.importer import import_paths
    from tests.conftest import SEED_FILES, seed_path

    p = open_project(tmp_path / "seeds.db")
    import_paths(p, [seed_path(k) for k in sorted(SEED_FILES)])
    for r in p.list_transcripts():
        text = p.load_transcript(r.id).text
        first_number = next(i for i, c in enumerate(text) if c.isdigit())
        annotate(p, r.id, [{"start": first_number, "end": first_number + 1,
                            "metric": "revenue", "value": 1.0, "unit": "count"}])
        mark_reviewed(p, r.id)
    for fmt in ("jsonl", "spacy", "csv", "conll"):
        assert export_project(p, fmt, tmp_path / f"s.{fmt}").transcripts == 5
    assert read_docbin(tmp_path / "s.spacy") == list(project_records(p))
    assert len(read_conll(tmp_path / "s.conll")) == 5
    fresh = open_project(tmp_path / "fresh.db")
    import_annotations(fresh, tmp_path / "s.jsonl")
    export_project(fresh, "jsonl", tmp_path / "t.jsonl")
    assert (tmp_path / "s.jsonl").read_bytes() == (tmp_path / "t.jsonl").read_bytes()
    fresh.close()
    p.close()


def test_pending_mentions_of_a_reviewed_transcript_are_not_exported(project, tmp_path) -> None:
    # Marked reviewed with a mention still undecided: that mention is not gold (the evaluation
    # ignores it), so no format may hand it out as a label.
    s, e = span(TEXT, "Welcome")
    annotate(project, 1, [{"start": s, "end": e, "metric": "revenue"}], status="pending")
    for fmt in ("jsonl", "spacy", "csv", "conll"):
        result = export_project(project, fmt, tmp_path / f"gold.{fmt}")
        assert (result.transcripts, result.mentions) == (1, 7), fmt
    (rec,) = project_records(project)
    assert all(sp["status"] != "pending" for sp in rec["spans"])
    assert all(r["status"] != "pending" for r in read_csv(tmp_path / "gold.csv"))
    welcome = [tag for sent in read_conll(tmp_path / "gold.conll")[0] for tok, tag in sent
               if tok == "Welcome"]
    assert welcome and set(welcome) == {"O"}
    # An open transcript exported with --all keeps its pending mentions, with their status.
    recs = list(project_records(project, include_all=True))
    assert [sp["status"] for sp in recs[1]["spans"]] == ["pending", "pending"]
