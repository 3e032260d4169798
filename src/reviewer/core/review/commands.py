"""Decisions on mentions (accept, reject, edit, resize, add, accept a turn) and on the
transcript as a whole (mark reviewed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reviewer.core.review.base import Change, Command, Context, annotation_label, update
from reviewer.core.review.fields import clean_fields
from reviewer.core.review.records import MENTION_FIELDS
from reviewer.core.review.values import InvalidDecision, try_parse_value

_COMPARED = (*MENTION_FIELDS, "start", "end")


def status_for(ctx: Context, row: dict) -> str:
    """The decided status a mention earns once the reviewer stands behind it: ``accepted``
    when it still equals the prediction, else ``corrected``; ``added`` when the reviewer
    created it. A version a merge put up for adjudication keeps its source reviewer's own
    decision when kept as it was, and is ``corrected`` when the judge changed it."""
    pred = ctx.prediction(row.get("prediction_id"))
    if pred is not None:
        return "accepted" if all(row.get(k) == pred.get(k) for k in _COMPARED) else "corrected"
    if row.get("status") != "added":
        merged = _merged_status(ctx, row)
        if merged is not None:
            return merged
    return "added"


def _number(v: Any) -> Any:
    # As merge writes numbers (129100000, not 129100000.0).
    return int(v) if isinstance(v, float) and v.is_integer() else v


def _merged_status(ctx: Context, row: dict) -> str | None:
    """The status of the source version ``row`` equals, in a merge conflict's span;
    ``corrected`` when it is inside one but equals no version; ``None`` outside them."""
    key = tuple(_number(row.get(k)) for k in _COMPARED)
    inside = False
    for c in ctx.merge_versions:
        if not (row["start"] < c["end"] and c["start"] < row["end"]):
            continue
        inside = True
        for ms in c["versions"].values():
            for m in ms:
                if tuple(_number(m.get(k)) for k in _COMPARED) == key:
                    # Older merges did not record the status: the judge accepted it as it was.
                    status = m.get("status")
                    return status if status in ("accepted", "corrected", "added") else "accepted"
    return "corrected" if inside else None


def _decide(ctx: Context, row: dict, new: dict[str, Any]) -> Change | None:
    merged = {**row, **new}
    new = {**new, "status": status_for(ctx, merged)}
    ch = update("annotations", row, new)
    if ch is None:
        return None
    ch["before"].update({k: row[k] for k in ("reviewer", "updated_at")})
    ch["after"].update(ctx.stamp())
    return ch


@dataclass
class Accept(Command):
    """Stand behind a mention as it is (pending or rejected -> accepted)."""

    annotation_id: int
    action = "accept"

    def changes(self, ctx: Context) -> list[Change]:
        row = ctx.annotation(self.annotation_id)
        ch = _decide(ctx, row, {})
        return [ch] if ch else []

    def summary(self, ctx: Context) -> str:
        return f"accept {annotation_label(ctx, ctx.annotation(self.annotation_id))}"


@dataclass
class Reject(Command):
    """A mention that is not one (or not a metric): it stays visible, out of the gold."""

    annotation_id: int
    action = "reject"

    def changes(self, ctx: Context) -> list[Change]:
        row = ctx.annotation(self.annotation_id)
        ch = update("annotations", row, {"status": "rejected", **ctx.stamp()})
        return [ch] if ch and row["status"] != "rejected" else []

    def summary(self, ctx: Context) -> str:
        return f"reject {annotation_label(ctx, ctx.annotation(self.annotation_id))}"


@dataclass
class Edit(Command):
    """Change fields of a mention (validated); ``value`` may be typed text like "$1.2bn"."""

    annotation_id: int
    fields: dict[str, Any] = field(default_factory=dict)
    action = "edit"

    def changes(self, ctx: Context) -> list[Change]:
        row = ctx.annotation(self.annotation_id)
        new = clean_fields(self.fields, row)
        ch = _decide(ctx, row, new)
        return [ch] if ch else []

    def summary(self, ctx: Context) -> str:
        what = ", ".join(f"{k}={v}" for k, v in self.fields.items())
        return f"edit {annotation_label(ctx, ctx.annotation(self.annotation_id))}: {what}"


def check_span(ctx: Context, start: int, end: int) -> tuple[int, int]:
    """A valid span, trimmed of surrounding whitespace."""
    text = ctx.text
    if not (0 <= start < end <= len(text)):
        raise InvalidDecision(f"the span [{start}, {end}) is outside the transcript's text")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise InvalidDecision("the span holds only white space")
    return start, end


@dataclass
class Resize(Command):
    """Move a mention's boundaries."""

    annotation_id: int
    start: int
    end: int
    action = "resize"

    def changes(self, ctx: Context) -> list[Change]:
        row = ctx.annotation(self.annotation_id)
        start, end = check_span(ctx, self.start, self.end)
        ch = _decide(ctx, row, {"start": start, "end": end})
        return [ch] if ch else []

    def summary(self, ctx: Context) -> str:
        row = ctx.annotation(self.annotation_id)
        s, e = check_span(ctx, self.start, self.end)
        return (f"resize {annotation_label(ctx, row)} to "
                f"{annotation_label(ctx, {'start': s, 'end': e})}")


@dataclass
class Add(Command):
    """A mention the extractor missed; its value is read from the text unless given."""

    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict)
    action = "add"

    def row(self, ctx: Context) -> dict:
        start, end = check_span(ctx, self.start, self.end)
        for other in ctx.annotations():
            if (other["start"], other["end"]) == (start, end) and other["status"] != "rejected":
                raise InvalidDecision(
                    f"there is already a mention on {annotation_label(ctx, other)}")
        base: dict[str, Any] = dict.fromkeys(MENTION_FIELDS)
        if "value" not in self.fields and "low" not in self.fields:
            parsed = try_parse_value(ctx.text[start:end])
            if parsed is not None:
                base.update(parsed.fields())
                base["unit"] = base["unit"] or "count"
        base.update(clean_fields(self.fields, base))
        return {"id": None, "transcript_id": ctx.transcript_id, "prediction_id": None,
                "start": start, "end": end, **base, "confidence": None, "status": "added",
                **ctx.stamp()}

    def changes(self, ctx: Context) -> list[Change]:
        return [{"table": "annotations", "id": None, "before": None, "after": self.row(ctx)}]

    def summary(self, ctx: Context) -> str:
        s, e = check_span(ctx, self.start, self.end)
        return f"add {annotation_label(ctx, {'start': s, 'end': e})}"


@dataclass
class AcceptTurn(Command):
    """Accept every pending mention inside one turn."""

    turn: int
    action = "accept_turn"

    def changes(self, ctx: Context) -> list[Change]:
        t = ctx.turn(self.turn)
        out = []
        for row in ctx.annotations():
            if row["status"] == "pending" and t.start <= row["start"] < t.end:
                ch = _decide(ctx, row, {})
                if ch:
                    out.append(ch)
        return out

    def summary(self, ctx: Context) -> str:
        t = ctx.turn(self.turn)
        return f"accept all pending mentions of turn {t.idx} ({t.current_speaker or t.label})"


@dataclass
class MarkReviewed(Command):
    """Mark the transcript reviewed (its decided mentions become gold), or reopen it."""

    reviewed: bool = True
    action = "mark_reviewed"

    def changes(self, ctx: Context) -> list[Change]:
        from reviewer.core.store import review as store

        row = store.transcript_state(ctx.db, ctx.transcript_id)
        if self.reviewed:
            new = {"status": "reviewed", "reviewed_at": ctx.now, "reviewed_by": ctx.reviewer}
            if row["status"] == "reviewed":
                return []
        else:
            new = {"status": "in_progress", "reviewed_at": None, "reviewed_by": None}
        ch = update("transcripts", row, new)
        return [ch] if ch else []

    def summary(self, ctx: Context) -> str:
        return "mark the transcript reviewed" if self.reviewed else "reopen the transcript"


@dataclass
class AcceptPending(Command):
    """Accept every mention of the transcript still pending (before marking it reviewed)."""

    action = "accept_pending"

    def changes(self, ctx: Context) -> list[Change]:
        out = []
        for row in ctx.annotations():
            if row["status"] == "pending":
                ch = _decide(ctx, row, {})
                if ch:
                    out.append(ch)
        return out

    def summary(self, ctx: Context) -> str:
        n = sum(1 for row in ctx.annotations() if row["status"] == "pending")
        return f"accept the {n} pending mention(s) of the transcript"
