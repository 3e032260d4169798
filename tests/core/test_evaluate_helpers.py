"""Helpers shared by the evaluation, agreement and export tests (no tests here).

A small synthetic call written for these tests; rows are inserted straight into the tables of
migration m002, as the extractor and the review core would leave them.
"""

from __future__ import annotations

from reviewer.core.model import Metadata, Paragraph, ParsedTranscript, Participant, Turn
from reviewer.core.store import Project

TEXT = (
    "Operator\n"
    "Welcome to the Altamira call.\n"
    "Kate Patterson\n"
    "Revenue was $129.1 million, up 5% year over year. We expect 10% to 12% growth in "
    "fiscal 2025. Gross margin improved 50 basis points.\n"
    "John Analyst\n"
    "Thanks. What drove operating expenses of $40 million?\n"
    "Sam Wilson\n"
    "Mostly hiring. Free cash flow was negative $3 million.\n"
)


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``needle`` in ``text``."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return pos, pos + len(needle)


def parsed(text: str = TEXT, fmt: str = "plain", lang: str = "en") -> ParsedTranscript:
    """The synthetic call with four turns (the labels as written; speakers canonical)."""
    heads = ["Operator", "Kate Patterson", "John Analyst", "Sam Wilson"]
    roles = ["operator", "cfo", "analyst", "ceo"]
    sections = ["prepared", "prepared", "qa", "qa"]
    turns = []
    pos = 0
    for i, (h, role, sec) in enumerate(zip(heads, roles, sections, strict=True)):
        start = text.index(h + "\n", pos) + len(h) + 1
        end = text.index("\n", start)
        pos = end
        turns.append(Turn(i, h, h, role, sec, start, end, [Paragraph(start, end, lang)]))
    return ParsedTranscript(
        fmt, text, Metadata("Altamira", "ALT", "Q2 2025 call", "FY2025Q2", "2025-05-01"),
        [Participant(h, r) for h, r in zip(heads, roles, strict=True)], turns)


def add_doc(project: Project, text: str = TEXT, name: str = "call.txt", fmt: str = "plain",
            lang: str = "en") -> int:
    tid, _ = project.add_transcript(parsed(text, fmt, lang), name)
    return tid


def annotate(project: Project, tid: int, rows: list[dict], status: str = "accepted") -> None:
    with project.db.conn:
        for r in rows:
            row = {"transcript_id": tid, "status": status, **r}
            cols = ", ".join(f'"{c}"' for c in row)
            project.db.conn.execute(
                f"INSERT INTO annotations ({cols}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()))


def mark_reviewed(project: Project, tid: int, at: str = "2025-06-01T10:00:00+00:00",
                  by: str = "ann") -> None:
    with project.db.conn:
        project.db.conn.execute(
            "UPDATE transcripts SET status = 'reviewed', reviewed_at = ?, reviewed_by = ?"
            " WHERE id = ?", (at, by, tid))


def set_gold_speaker(project: Project, tid: int, idx: int, name: str) -> None:
    with project.db.conn:
        project.db.conn.execute(
            "UPDATE turns SET gold_speaker = ?, speaker_status = 'corrected'"
            " WHERE transcript_id = ? AND idx = ?", (name, tid, idx))


def add_run(project: Project, preds: dict[int, list[dict]],
            suggestions: dict[int, list[dict]] | None = None, name: str = "toy",
            version: str = "1.0") -> int:
    with project.db.conn:
        cur = project.db.conn.execute(
            "INSERT INTO runs (extractor, version, status) VALUES (?, ?, 'finished')",
            (name, version))
        run_id = int(cur.lastrowid)
        for tid, rows in preds.items():
            for r in rows:
                row = {"run_id": run_id, "transcript_id": tid, **r}
                cols = ", ".join(f'"{c}"' for c in row)
                project.db.conn.execute(
                    f"INSERT INTO predictions ({cols}) VALUES ({', '.join('?' * len(row))})",
                    list(row.values()))
        for tid, rows in (suggestions or {}).items():
            for r in rows:
                project.db.conn.execute(
                    "INSERT INTO speaker_suggestions (run_id, transcript_id, turn, label,"
                    " suggested, reason, confidence) VALUES (?,?,?,?,?,?,?)",
                    (run_id, tid, r["turn"], r.get("label"), r["suggested"], r.get("reason"),
                     r.get("confidence", 0.9)))
    return run_id


def mention(text: str, needle: str, metric: str, nth: int = 0, **fields) -> dict:
    """A mention row over ``needle`` with the given metric and value fields."""
    s, e = span(text, needle, nth)
    return {"start": s, "end": e, "metric": metric, **fields}
