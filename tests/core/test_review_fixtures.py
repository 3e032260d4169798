"""Shared helpers of the review tests (core and GUI): a project with the demo transcript and
a fake extractor run whose predictions sit on real numbers of the text."""

from __future__ import annotations

import re
from pathlib import Path

from reviewer.core.importer import import_paths
from reviewer.core.store import Project, open_project
from tests.conftest import DEMO

DEMO_FILE = DEMO / "altamira_q3_fy2024_asr.txt"
# (surface, metric, value, unit, kind): numbers of the demo text the fake run "finds".
FAKE_MENTIONS = [
    ("$212.4 million", "total_revenue", 212.4e6, "USD", "actual"),
    ("18%", "total_revenue_growth", 18.0, "percent", "actual"),
    ("$842 million", "arr", 842e6, "USD", "actual"),
    ("19%", "arr_growth", 19.0, "percent", "actual"),
    ("112%", "net_dollar_retention", 112.0, "percent", "actual"),
    ("46%", "channel_share", 46.0, "percent", "actual"),
]


def demo_project(path: Path) -> tuple[Project, int]:
    """A file project holding the demo transcript; returns (project, transcript id)."""
    project = open_project(path)
    report = import_paths(project, [DEMO_FILE])
    tid = (report.added or report.duplicates)[0][1]
    return project, tid


def turn_of(project: Project, tid: int, offset: int) -> int:
    row = project.db.execute(
        'SELECT idx FROM turns WHERE transcript_id = ? AND start <= ? AND "end" > ?',
        (tid, offset, offset)).fetchone()
    return row[0] if row else -1


def fake_run(project: Project, tid: int, suggestions: list[tuple] = ()) -> int:
    """A finished run with predictions on FAKE_MENTIONS (first occurrence each) and the given
    speaker suggestions ``(turn, label, suggested, reason)``; returns the run id."""
    text = project.db.execute("SELECT text FROM transcripts WHERE id = ?", (tid,)).fetchone()[0]
    with project.db.conn:
        run_id = project.db.conn.execute(
            "INSERT INTO runs (extractor, version, config_hash, config, started_at, finished_at,"
            " status) VALUES ('fake', '0', '', '{}', '2024-01-01', '2024-01-01', 'finished')"
        ).lastrowid
        for surface, metric, value, unit, kind in FAKE_MENTIONS:
            m = re.search(re.escape(surface), text)
            assert m, surface
            project.db.conn.execute(
                'INSERT INTO predictions (run_id, transcript_id, start, "end", text, turn, metric,'
                " value, unit, period, kind, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (run_id, tid, m.start(), m.end(), surface, turn_of(project, tid, m.start()),
                 metric, value, unit, "FY2024Q3", kind, 0.9))
        for turn, label, suggested, reason in suggestions:
            project.db.conn.execute(
                "INSERT INTO speaker_suggestions (run_id, transcript_id, turn, label, suggested,"
                " reason, confidence) VALUES (?,?,?,?,?,?,?)",
                (run_id, tid, turn, label, suggested, reason, 0.8))
    return int(run_id)
