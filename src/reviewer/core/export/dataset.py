"""Exporting a project's labelled dataset, and importing JSONL gold into a project."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reviewer.core.errors import ExportError, InputError
from reviewer.core.export.records import from_record, to_record
from reviewer.core.store import Project
from reviewer.core.store.gold import iter_transcripts, load_transcript
from reviewer.core.store.gold_import import write_gold
from reviewer.core.store.gold_records import GoldTranscript

FORMATS = ("jsonl", "spacy", "csv", "conll")


@dataclass
class ExportResult:
    """What an export wrote."""

    path: Path
    format: str
    transcripts: int = 0
    mentions: int = 0
    warnings: list[str] = field(default_factory=list)


def project_records(project: Project, *, include_all: bool = False,
                    as_of: str | None = None) -> Iterator[dict[str, Any]]:
    """The JSONL records of the reviewed transcripts (every transcript with ``include_all``)."""
    for doc in iter_transcripts(project, include_all=include_all, as_of=as_of):
        yield to_record(doc)


def export_project(project: Project, fmt: str, out: str | Path, *, include_all: bool = False,
                   as_of: str | None = None,
                   progress: Callable[[int], None] | None = None,
                   unit: str = "paragraph", include_rejected: bool = False) -> ExportResult:
    """Write the dataset in ``fmt`` (jsonl, spacy, csv, conll) to ``out``, atomically.
    ``unit`` is the DocBin's Doc size (paragraph, turn, transcript); ``include_rejected``
    adds the rejected predictions to the CSV. ``ExportError`` when the target cannot be
    written (nothing is left behind)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    own = {Path(f"{project.path.resolve()}{s}") for s in ("", "-wal", "-shm", "-journal")} \
        if project.path is not None else set()
    if Path(out).resolve() in own:
        # Replacing the project file by its own export would destroy the project.
        raise ExportError(f"{out}: this is the project file itself; export to another file")
    result = ExportResult(Path(out), fmt)

    def counted() -> Iterator[dict[str, Any]]:
        for rec in project_records(project, include_all=include_all, as_of=as_of):
            result.transcripts += 1
            result.mentions += len(rec["spans"])
            if progress:
                progress(result.transcripts)
            yield rec

    if fmt == "jsonl":
        from reviewer.core.export.jsonl import write_jsonl
        write_jsonl(counted(), out)
    elif fmt == "spacy":
        from reviewer.core.export.docbin import write_docbin
        write_docbin(counted(), out, unit)
    elif fmt == "csv":
        from reviewer.core.export.csvfile import write_csv
        write_csv(counted(), out, include_rejected)
    else:
        from reviewer.core.export.conll import write_conll
        _tokens, dropped = write_conll(counted(), out)
        if dropped:
            result.warnings.append(f"{dropped} mention(s) overlap a longer one and cannot be "
                                   "expressed in BIO tags: left out of the CoNLL file")
    if not result.transcripts:
        result.warnings.append("no transcript exported: none is reviewed yet "
                               "(use --all to export every transcript with its status)")
    return result


@dataclass
class ImportResult:
    """What an import of annotations did, transcript by transcript."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{len(self.created)} transcript(s) added, {len(self.updated)} updated, "
                f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped")


def read_records(path: str | Path) -> list[GoldTranscript]:
    """Every record of a JSONL (or ``.spacy``) gold file, all checked before any is used."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    if p.suffix == ".spacy":
        from reviewer.core.export.docbin import read_docbin
        return [from_record(r, f"{p.name} doc {i}") for i, r in enumerate(read_docbin(p), 1)]
    from reviewer.core.export.jsonl import read_jsonl
    return [from_record(obj, f"{p.name}:{no}") for no, obj in read_jsonl(p)]


def _unknown_labels(docs: list[GoldTranscript]) -> list[str]:
    """Labels of imported spans that the taxonomy does not know, in first-seen order."""
    from reviewer.core.extract.metrics.taxonomy import default_taxonomy

    tax = default_taxonomy()
    labels = (a.metric for d in docs for a in d.annotations if a.metric)
    return [m for m in dict.fromkeys(labels) if m not in tax]


def import_annotations(project: Project, path: str | Path, *, reviewer: str | None = None,
                       replace: bool = False) -> ImportResult:
    """Bring gold from a JSONL file into the project.

    New transcripts are added with their gold. A transcript already in the project gets the
    file's annotations when it has no gold of its own yet, or with ``replace``; otherwise it
    is skipped with the reason. Each transcript is one transaction, logged as one decision.
    """
    docs = read_records(path)  # bad input raises here, before anything is written
    project.require_writable()
    result = ImportResult()
    unknown = _unknown_labels(docs)
    if unknown:
        from reviewer.core.store.gold_import import add_project_metrics

        added = add_project_metrics(project, unknown, f"import of {Path(path).name}")
        if added:
            result.warnings.append(
                f"{len(added)} label(s) not in the taxonomy added to the project's metrics: "
                + ", ".join(added))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    from reviewer.core.store.gold_import import has_gold

    for doc in docs:
        if doc.reviewed and not doc.reviewed_at:
            doc.reviewed_at, doc.reviewed_by = now, doc.reviewed_by or reviewer
        existing = project.has_hash(doc.hash)
        if existing is not None:
            mine = to_record(load_transcript(project, existing))
            theirs = to_record(doc)
            if all(mine[k] == theirs[k] for k in ("spans", "rejected_spans", "turns")) and \
                    mine["meta"]["status"] == theirs["meta"]["status"]:
                result.unchanged.append(doc.name)
                continue
            if has_gold(project, existing) and not replace:
                result.skipped.append((doc.name, "already has gold in this project that "
                                       "differs; use --replace to overwrite it"))
                continue
        _, created = write_gold(project, doc, at=now, reviewer=reviewer or doc.reviewed_by)
        (result.created if created else result.updated).append(doc.name)
    return result
