"""Review commands with apply/revert (through the decision log), the review session, and
pre-annotation from extractor runs. No Qt here: the GUI calls these."""

from reviewer.core.review.base import Command, Context
from reviewer.core.review.commands import (
    Accept,
    AcceptPending,
    AcceptTurn,
    Add,
    Edit,
    MarkReviewed,
    Reject,
    Resize,
)
from reviewer.core.review.guess import guess_fields
from reviewer.core.review.preannotate import (
    PreannotateReport,
    preannotate,
    preannotate_all,
    preannotate_run,
)
from reviewer.core.review.records import (
    KINDS,
    STATUSES,
    Annotation,
    Decision,
    RosterEntry,
    Suggestion,
    TurnState,
)
from reviewer.core.review.session import ReviewSession
from reviewer.core.review.speakers import (
    AcceptSuggestion,
    AddParticipant,
    ChooseSpeaker,
    MergeParticipants,
    NoSpeaker,
    RelabelAll,
    RenameParticipant,
    SetRole,
    SetSpeaker,
)
from reviewer.core.review.values import InvalidDecision, ParsedValue, parse_value

__all__ = [
    "KINDS",
    "STATUSES",
    "Accept",
    "AcceptPending",
    "AcceptSuggestion",
    "AcceptTurn",
    "Add",
    "AddParticipant",
    "Annotation",
    "ChooseSpeaker",
    "Command",
    "Context",
    "Decision",
    "Edit",
    "InvalidDecision",
    "MarkReviewed",
    "MergeParticipants",
    "NoSpeaker",
    "ParsedValue",
    "PreannotateReport",
    "Reject",
    "RelabelAll",
    "RenameParticipant",
    "Resize",
    "ReviewSession",
    "RosterEntry",
    "SetRole",
    "SetSpeaker",
    "Suggestion",
    "TurnState",
    "guess_fields",
    "parse_value",
    "preannotate",
    "preannotate_all",
    "preannotate_run",
]
