"""A reviewer's session on one transcript: do, undo and redo decisions, read the state.

Every decision is applied and logged in ONE transaction (durable on return), so undo/redo
work across restarts of the app and a crash loses nothing that was shown as saved.
"""

from __future__ import annotations

from datetime import UTC, datetime

from reviewer.core.model import ParsedTranscript
from reviewer.core.review.base import Command, Context
from reviewer.core.review.records import Annotation, Decision, RosterEntry, Suggestion, TurnState
from reviewer.core.review.values import InvalidDecision
from reviewer.core.store import Project
from reviewer.core.store import review as store


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class ReviewSession:
    """Review state and decisions of one transcript of a project, by one reviewer."""

    def __init__(self, project: Project, transcript_id: int, reviewer: str) -> None:
        if not reviewer or not reviewer.strip():
            raise InvalidDecision("a review needs the reviewer's name")
        self.project = project
        self.db = project.db
        self.transcript_id = transcript_id
        self.reviewer = reviewer.strip()
        self._info = store.transcript_state(self.db, transcript_id)  # raises when absent
        self._transcript: ParsedTranscript | None = None

    # -- reads ------------------------------------------------------------------------------

    @property
    def transcript(self) -> ParsedTranscript:
        """The parsed transcript (text, turns, paragraphs, boilerplate), loaded once."""
        if self._transcript is None:
            self._transcript = self.project.load_transcript(self.transcript_id)
        return self._transcript

    @property
    def text(self) -> str:
        return self.transcript.text

    def info(self) -> dict:
        """Name, company, period, status, reviewed_at/by of the transcript."""
        return store.transcript_state(self.db, self.transcript_id)

    def annotations(self) -> list[Annotation]:
        notes = store.prediction_notes(self.db, self.transcript_id)
        return [Annotation.from_row({**r, **_note_fields(notes.get(r["id"]))})
                for r in store.annotations(self.db, self.transcript_id)]

    def annotation(self, aid: int) -> Annotation | None:
        """One mention of this transcript, or ``None`` (deleted, undone, another transcript)."""
        row = store.annotation(self.db, aid)
        if row is None or row["transcript_id"] != self.transcript_id:
            return None
        notes = store.prediction_notes(self.db, self.transcript_id, aid)
        return Annotation.from_row({**row, **_note_fields(notes.get(aid))})

    def turns(self) -> list[TurnState]:
        return [TurnState.from_row(r) for r in store.turns(self.db, self.transcript_id)]

    def roster(self) -> list[RosterEntry]:
        return [RosterEntry.from_row(r) for r in store.participants(self.db, self.transcript_id)]

    def suggestions(self) -> dict[int, Suggestion]:
        """The newest run's speaker suggestions, by turn index."""
        return {s["turn"]: Suggestion(s["turn"], s["label"], s["suggested"], s["reason"],
                                      s["confidence"])
                for s in store.speaker_suggestions(self.db, self.transcript_id)}

    def translation_checks(self) -> list[dict]:
        return store.translation_checks(self.db, self.transcript_id)

    def progress(self) -> tuple[int, int]:
        """(decided, total) mentions of this transcript."""
        return store.progress(self.db, self.transcript_id).get(self.transcript_id, (0, 0))

    def history(self) -> list[Decision]:
        return [_decision(r) for r in store.decisions(self.db, self.transcript_id)]

    def events(self) -> list[dict]:
        """The audit trail: every do, undo and redo (decision id, time, reviewer, event,
        action, summary), oldest first."""
        return store.decision_events(self.db, self.transcript_id)

    def can_undo(self) -> str | None:
        """The summary of the decision ``undo`` would revert, or ``None``."""
        c = store.undo_candidate(self.db, self.transcript_id)
        return c["summary"] if c else None

    def can_redo(self) -> str | None:
        c = store.redo_candidate(self.db, self.transcript_id)
        return c["summary"] if c else None

    # -- decisions --------------------------------------------------------------------------

    def context(self) -> Context:
        return Context(self.db, self.transcript_id, self.reviewer, _now())

    def do(self, command: Command) -> Decision | None:
        """Apply one decision and log it (one transaction); ``None`` when it changes nothing.

        Raises ``InvalidDecision`` for a decision that cannot be made, ``StoreError`` /
        ``DatabaseLockedError`` when the project cannot be written; nothing changes then.
        """
        ctx = self.context()
        changes = command.changes(ctx)
        if not changes:
            return None
        summary = command.summary(ctx)
        info = store.transcript_state(self.db, self.transcript_id)
        if info["status"] in (None, "new") and command.action != "mark_reviewed":
            changes.append({"table": "transcripts", "id": self.transcript_id,
                            "before": {"status": info["status"]},
                            "after": {"status": "in_progress"}})
        did, logged = store.record_decision(self.db, self.transcript_id, ctx.now,
                                            self.reviewer, command.action, summary, changes)
        return Decision(did, command.action, summary, self.reviewer, ctx.now, logged, 0)

    def undo(self) -> Decision | None:
        """Revert the newest decision in effect (the undo itself is logged with this
        reviewer and the time); ``None`` when there is nothing to undo."""
        row = store.undo_decision(self.db, self.transcript_id, _now(), self.reviewer)
        return _decision(row) if row else None

    def redo(self) -> Decision | None:
        """Re-apply the last undone decision (logged like an undo); ``None`` when there is
        nothing to redo."""
        row = store.redo_decision(self.db, self.transcript_id, _now(), self.reviewer)
        return _decision(row) if row else None


def _note_fields(notes: dict[str, str] | None) -> dict[str, str | None]:
    """The extractor's notes on a mention as Annotation fields (who quoted it, what it
    counts)."""
    notes = notes or {}
    return {"quoted_by": notes.get("quoted"), "counted": notes.get("counted")}


def _decision(row: dict) -> Decision:
    return Decision(row["id"], row["action"], row["summary"] or row["action"], row["reviewer"],
                    row["at"], row["changes"], row["undone"])
