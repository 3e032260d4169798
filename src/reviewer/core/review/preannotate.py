"""Starting a review from an extractor run: its predictions become pending mentions."""

from __future__ import annotations

from reviewer.core.store import Project
from reviewer.core.store import review as store

_COPIED = ("start", "end", "metric", "value", "low", "high", "unit", "period", "kind", "basis",
           "confidence")


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
    rows = [
        {"transcript_id": transcript_id, "prediction_id": p["id"],
         **{k: p[k] for k in _COPIED}, "status": "pending", "reviewer": None,
         "updated_at": None}
        for p in store.run_predictions(db, run_id, transcript_id)
    ]
    return store.insert_annotations(db, rows) if rows else 0


def preannotate_all(project: Project, run_id: int | None = None) -> int:
    """``preannotate`` every transcript of the project; returns mentions created."""
    ids = [s.id for s in project.list_transcripts()]
    return sum(preannotate(project, tid, run_id) for tid in ids)
