"""The Datasette metadata of a published project: what each table and column means, the
facets a team filters by (metric, status, reviewer, format), and canned queries.

The SQL of the canned queries is publishing configuration, read by Datasette: it lives here
with the descriptions it belongs to, not in ``reviewer.core.store``.
"""

from __future__ import annotations

from typing import Any

from reviewer import __version__
from reviewer.core.annotations import GOLD_STATUSES

_GOLD = ", ".join(f"'{s}'" for s in sorted(GOLD_STATUSES))

TABLES: dict[str, dict[str, Any]] = {
    "transcripts": {
        "description": "One earnings call as imported, identified by the SHA-256 of its text.",
        "facets": ["status", "format", "reviewed_by"],
        "columns": {
            "hash": "SHA-256 of the source text: the transcript's identity",
            "name": "the file name it was imported from",
            "format": "the source family detected (streetevents, seekingalpha, asr...)",
            "company": "company named by the call", "ticker": "its ticker",
            "fiscal_period": "the fiscal period of the call, like FY2024Q3",
            "text": "the source text; every span is a character offset into it",
            "status": "review status: new, in_progress or reviewed (reviewed = gold)",
            "reviewed_by": "who marked it reviewed", "reviewed_at": "when (UTC)",
        },
    },
    "annotations": {
        "description": "The mentions under review; accepted, corrected and added ones of "
                       "reviewed transcripts are the gold.",
        "facets": ["metric", "status", "reviewer", "unit"],
        "columns": {
            "start": "character offset where the mention starts", "end": "where it ends",
            "metric": "taxonomy id of what is measured", "value": "normalized value",
            "low": "a range's low end", "high": "a range's high end",
            "unit": "ISO currency code, percent, bps or count",
            "period": "fiscal period, like FY2024Q3", "kind": "actual, guidance, target...",
            "status": "pending, accepted, corrected, rejected or added",
            "reviewer": "who decided it", "prediction_id": "the run prediction it came from",
        },
    },
    "predictions": {
        "description": "What extractor runs proposed, one row per predicted mention.",
        "facets": ["metric", "run_id", "unit"],
        "columns": {"run_id": "the run", "text": "the surface text of the mention",
                    "confidence": "the extractor's confidence (0-1)"},
    },
    "turns": {
        "description": "Speaker turns with the label as written and the speaker as reviewed.",
        "facets": ["role", "section", "speaker_status"],
        "columns": {"label": "the speaker label as written in the source",
                    "speaker": "the participant it was parsed as",
                    "gold_speaker": "the speaker a reviewer set",
                    "speaker_status": "null, confirmed or corrected"},
    },
    "decisions": {
        "description": "The audit log: every review decision with who, when, before, after.",
        "facets": ["reviewer", "action"],
        "columns": {"changes": "JSON list of the rows before and after",
                    "undone": "1 while the decision is undone"},
    },
    "runs": {"description": "Every extractor run: name, version, config, status.",
             "facets": ["extractor", "status"]},
    "participants": {"description": "Each call's roster: name, role, firm or title.",
                     "facets": ["role"]},
    "speaker_suggestions": {"description": "Speaker-label corrections proposed by runs.",
                            "facets": ["run_id"]},
    "merge_conflicts": {"description": "What merging reviewers' projects left to adjudicate.",
                        "facets": ["kind"]},
}

QUERIES: dict[str, dict[str, str]] = {
    "gold_mentions_by_metric_and_period": {
        "title": "Gold mentions by metric and period",
        "description": "Accepted, corrected and added mentions of reviewed transcripts.",
        "sql": "SELECT a.metric, a.period, count(*) AS mentions,"
               " count(DISTINCT a.transcript_id) AS transcripts"
               " FROM annotations a JOIN transcripts t ON t.id = a.transcript_id"
               f" WHERE t.status = 'reviewed' AND a.status IN ({_GOLD})"
               " GROUP BY a.metric, a.period ORDER BY a.metric, a.period",
    },
    "reviewer_disagreements": {
        "title": "Reviewer disagreements",
        "description": "Mentions and speaker labels that reviewers' projects disagree on "
                       "(left by reviewer merge), unresolved first.",
        "sql": "SELECT t.name AS transcript, c.kind, c.turn, c.start, c.\"end\", c.versions,"
               " c.resolved_at FROM merge_conflicts c"
               " JOIN transcripts t ON t.id = c.transcript_id"
               " ORDER BY c.resolved_at IS NOT NULL, t.name, c.start",
    },
    "speaker_corrections": {
        "title": "Speaker corrections",
        "description": "Turns whose speaker a reviewer changed from the label as written.",
        "sql": "SELECT t.name AS transcript, u.idx AS turn, u.label, u.speaker AS parsed,"
               " u.gold_speaker AS corrected, u.gold_role AS role"
               " FROM turns u JOIN transcripts t ON t.id = u.transcript_id"
               " WHERE u.speaker_status = 'corrected'"
               " OR (u.gold_speaker IS NOT NULL AND u.gold_speaker IS NOT u.speaker)"
               " ORDER BY t.name, u.idx",
    },
    "transcripts_by_review_status": {
        "title": "Transcripts by review status",
        "description": "How many transcripts are new, in progress and reviewed, by format.",
        "sql": "SELECT status, format, count(*) AS transcripts,"
               " max(reviewed_at) AS last_reviewed FROM transcripts"
               " GROUP BY status, format ORDER BY status, format",
    },
}


def build_metadata(database: str, tables: list[str] | None = None,
                   title: str | None = None) -> dict[str, Any]:
    """Datasette metadata for the project published as ``database`` (the file's stem).
    ``tables``, when given, limits table settings to the tables the file holds (a facet on a
    table that is not there would fail)."""
    present = {k: v for k, v in TABLES.items() if tables is None or k in tables}
    return {
        "title": title or f"Transcript Reviewer gold: {database}",
        "description": "A gold standard of financial metrics in earnings-call transcripts, "
                       f"published read-only by reviewer {__version__}.",
        "databases": {database: {
            "tables": {**present, "_migrations": {"hidden": True}},
            "queries": QUERIES,
        }},
    }
