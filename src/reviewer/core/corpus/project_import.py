"""Predictions of a corpus run (or any file in the ``--predictions`` schema) recorded in a
project as an extractor run, so that the review app pre-annotates from them and
``reviewer evaluate --run`` scores them like a run made in the project.

Lines are matched to the project's transcripts by ``hash``; lines for transcripts the project
does not hold are counted and left out. One run per extractor name and version named by the
lines (``extractor``), its config recording where the predictions came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.errors import InputError
from reviewer.core.evaluate.external import read_objects
from reviewer.core.extract.result import MENTION_FIELDS, ExtractionResult, Mention
from reviewer.core.store import Project
from reviewer.core.store import runs as store_runs


@dataclass
class RunImport:
    """What an import of predictions recorded."""

    runs: dict[int, int] = field(default_factory=dict)  # run id -> transcripts recorded
    unknown: int = 0

    def summary(self) -> str:
        """A one-line summary for people."""
        done = ", ".join(f"run {r} ({n} transcript(s))" for r, n in self.runs.items())
        return (f"recorded {done or 'nothing'}; {self.unknown} line(s) for transcripts not "
                "in this project")


def _result(obj: dict, where: str) -> ExtractionResult:
    ext = obj.get("extractor") if isinstance(obj.get("extractor"), dict) else {}
    try:
        mentions = [Mention(**{k: m.get(k) for k in MENTION_FIELDS if k != "kind"},
                            kind=m.get("kind") or "actual") for m in obj.get("mentions") or []]
    except (TypeError, AttributeError) as exc:
        raise InputError(f"{where}: a mention is not an object with the contract's fields") \
            from exc
    return ExtractionResult(ext.get("name") or "imported", ext.get("version") or "",
                            mentions, list(obj.get("speaker_suggestions") or []),
                            list(obj.get("translation_checks") or []))


def import_predictions(project: Project, path: str | Path) -> RunImport:
    """Record the predictions file or folder at ``path`` as run(s) of ``project``."""
    p = Path(path)
    parsed: list[tuple[int, ExtractionResult]] = []
    out = RunImport()
    for where, no, obj in read_objects(p):  # every line checked before anything is written
        tid = project.has_hash(obj.get("hash"))
        if tid is None:
            out.unknown += 1
            continue
        parsed.append((tid, _result(obj, f"{where}:{no}")))
    run_ids: dict[tuple[str, str], int] = {}
    for tid, result in parsed:
        key = (result.extractor, result.version)
        if key not in run_ids:
            run_ids[key] = store_runs.start_run(project, *key, {"imported_from": str(p)})
        store_runs.save_result(project, run_ids[key], tid, result)
        out.runs[run_ids[key]] = out.runs.get(run_ids[key], 0) + 1
    for run_id in run_ids.values():
        store_runs.finish_run(project, run_id)
    return out
