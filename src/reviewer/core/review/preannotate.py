"""Starting a review from an extractor run: its predictions become pending mentions.

Pre-annotation is part of a run (``reviewer extract --db``, the app's run) and can be redone
from any stored run (``reviewer preannotate --run N``). Re-running is safe: reviewed
transcripts are skipped, decided mentions are never touched, and in a transcript a reviewer
has started (any decision, even undone) pending mentions are only ever added, never dropped
(the undo log points at them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reviewer.core.errors import StoreError
from reviewer.core.store import Project
from reviewer.core.store import preannotation as pre
from reviewer.core.store import review as store

_COPIED = ("start", "end", "metric", "value", "low", "high", "unit", "period", "kind", "basis",
           "confidence")
# What makes a pending mention "the same proposal" as a new prediction (not the confidence).
_SAME = _COPIED[:-1]


@dataclass
class PreannotateReport:
    """What one pre-annotation pass did, over all transcripts."""

    run_id: int
    transcripts: int = 0  # transcripts the run covered and that are not reviewed
    skipped_reviewed: int = 0
    added: int = 0
    kept: int = 0
    dropped: int = 0

    def summary(self) -> str:
        """One line for the CLI and the app."""
        skipped = (f"; {self.skipped_reviewed} reviewed transcript(s) left alone"
                   if self.skipped_reviewed else "")
        return (f"pre-annotated from run {self.run_id}: {self.added} pending mention(s) added, "
                f"{self.kept} kept, {self.dropped} dropped in {self.transcripts} "
                f"transcript(s){skipped}; decided mentions untouched")


def _pending_row(tid: int, p: dict) -> dict:
    return {"transcript_id": tid, "prediction_id": p["id"], **{k: p[k] for k in _COPIED},
            "status": "pending", "reviewer": None, "updated_at": None}


def sync_transcript(project: Project, run_id: int, tid: int) -> tuple[int, int, int]:
    """Make the pending mentions of one transcript those of ``run_id``; returns
    ``(added, kept, dropped)``. Decided mentions stay as they are and no prediction is added
    on a span a mention already holds."""
    db = project.db
    preds = pre.predictions_of(db, run_id, tid)
    current = store.annotations(db, tid)
    started = pre.has_decisions(db, tid)
    by_key = {tuple(p[k] for k in _SAME): p for p in preds}
    drop, relink, taken = [], [], set()
    old_link = {a["id"]: a["prediction_id"] for a in current}
    for a in current:
        if a["status"] != "pending":
            taken.add((a["start"], a["end"]))
            continue
        same = by_key.pop(tuple(a[k] for k in _SAME), None)
        if same is not None:
            relink.append((a["id"], same["id"]))
            taken.add((a["start"], a["end"]))
        elif started:
            taken.add((a["start"], a["end"]))  # a review in progress keeps its proposals
        else:
            drop.append(a["id"])
    add = [_pending_row(tid, p) for p in by_key.values() if (p["start"], p["end"]) not in taken]
    relink = [(a, p) for a, p in relink if old_link[a] != p]
    if drop or add or relink:
        pre.sync_annotations(db, drop, relink, add)
    kept = sum(1 for a in current if a["status"] == "pending") - len(drop)
    return len(add), kept, len(drop)


def preannotate_run(project: Project, run_id: int | None = None,
                    progress: Callable[[int, int, str], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> PreannotateReport:
    """Pre-annotate from ``run_id`` (default: the newest run) every transcript the run
    covered that is not yet reviewed. Raises ``StoreError`` when the run does not exist."""
    db = project.db
    if run_id is None:
        run_id = pre.latest_run_id(db)
        if run_id is None:
            raise StoreError("the project has no extractor run yet: run `reviewer extract "
                             "--db PROJECT` first")
    if not pre.run_exists(db, run_id):
        raise StoreError(f"no run {run_id} in this project (`reviewer evaluate --all-runs` "
                         "lists them)")
    report = PreannotateReport(run_id)
    ids, report.skipped_reviewed = pre.covered_open_ids(db, run_id)
    for i, tid in enumerate(ids):
        if cancelled is not None and cancelled():
            break
        added, kept, dropped = sync_transcript(project, run_id, tid)
        report.transcripts += 1
        report.added += added
        report.kept += kept
        report.dropped += dropped
        if progress is not None:
            progress(i + 1, len(ids), str(tid))
    return report


def preannotate(project: Project, transcript_id: int, run_id: int | None = None) -> int:
    """Copy the predictions of ``run_id`` (default: the newest run with any for this
    transcript) into pending annotations, when the transcript has none yet.

    Returns how many were created (0 when the transcript already has annotations: a review
    in progress is never overwritten by a new run).
    """
    db = project.db
    if store.annotations(db, transcript_id):
        return 0
    if run_id is None:
        run_id = store.latest_run(db, transcript_id)
        if run_id is None:
            return 0
    rows = [_pending_row(transcript_id, p)
            for p in store.run_predictions(db, run_id, transcript_id)]
    return store.insert_annotations(db, rows) if rows else 0


def preannotate_all(project: Project, run_id: int | None = None) -> int:
    """``preannotate_run`` over the project; returns the pending mentions added."""
    return preannotate_run(project, run_id).added
