"""Merging several reviewers' projects into one, with the conflicts left for adjudication.

A transcript reviewed in one source only is copied as it is. One reviewed in several keeps
what all of them agree on: a mention identical in every version stays gold, a speaker label
every version gives stays. Everything else is a conflict: each differing mention becomes a
*pending* annotation (so the app shows it for accept/reject), each differing speaker label is
left unset, the conflicts are listed in ``merge_conflicts``, and the transcript stays
``in_progress`` until someone adjudicates it. Predictions and runs are not merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from reviewer.core.errors import StoreError
from reviewer.core.evaluate.conflict_text import describe_conflict, differing
from reviewer.core.evaluate.matching import overlap
from reviewer.core.evaluate.speakers import norm_name
from reviewer.core.export.records import number
from reviewer.core.store import Project
from reviewer.core.store.gold import load_transcript, transcript_keys
from reviewer.core.store.gold_import import write_gold
from reviewer.core.store.gold_records import GoldTranscript, MentionRecord


@dataclass
class MergeResult:
    """What a merge did: transcripts copied, merged cleanly, or left with conflicts."""

    copied: int = 0
    agreed: int = 0
    conflicted: int = 0
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.copied} transcript(s) copied, {self.agreed} merged without conflict, "
                f"{self.conflicted} with {len(self.conflicts)} conflict(s) to adjudicate")


def _key(m: MentionRecord) -> tuple:
    return (m.start, m.end, m.metric, number(m.value), number(m.low), number(m.high),
            m.unit, m.period, m.kind, m.basis)


def merge_projects(sources: list[tuple[str, Project]], target: Project, *,
                   include_all: bool = False) -> MergeResult:
    """Merge the reviewed transcripts of ``sources`` (name, project) into ``target``, which
    must hold no transcript yet (``StoreError`` otherwise)."""
    if target.count():
        raise StoreError("the merge target already holds transcripts: merge into a new project")
    order: list[str] = []
    where: dict[str, list[tuple[str, Project, int]]] = {}
    for name, project in sources:
        for r in transcript_keys(project):
            if r["hash"] not in where:
                order.append(r["hash"])
            where.setdefault(r["hash"], []).append((name, project, r["id"]))
    result = MergeResult()
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for h in order:
        versions = [(name, load_transcript(project, tid)) for name, project, tid in where[h]]
        kept = [(n, d) for n, d in versions if d.reviewed or (include_all and d.annotations)]
        if not kept:
            kept = versions[:1]
        if len(kept) == 1:
            write_gold(target, kept[0][1], at=now, reviewer=None, action="merge")
            result.copied += 1
            continue
        doc, conflicts = _merge_versions(kept)
        write_gold(target, doc, at=now, reviewer=None, action="merge", conflicts=conflicts)
        if conflicts:
            result.conflicted += 1
            result.conflicts += [{"hash": h, "name": doc.name, **c,
                                  "differs": differing(c["versions"]),
                                  "text": describe_conflict({"name": doc.name, **c}, doc.text)}
                                 for c in conflicts]
        else:
            result.agreed += 1
    return result


def _merge_versions(kept: list[tuple[str, GoldTranscript]]) -> tuple[GoldTranscript, list[dict]]:
    base = kept[0][1]
    keys: dict[tuple, MentionRecord] = {}
    holders: dict[tuple, list[str]] = {}
    for name, d in kept:
        for m in d.gold_mentions:
            keys.setdefault(_key(m), m)
            holders.setdefault(_key(m), []).append(name)
    everyone = [n for n, _ in kept]
    agreed = [keys[k] for k in keys if sorted(set(holders[k])) == sorted(everyone)]
    disputed = [keys[k] for k in keys if k not in {_key(a) for a in agreed}]
    rejected = {}
    for _n, d in kept:
        for m in d.rejected:
            rejected.setdefault(_key(m), []).append(m)
    agreed_rejects = [ms[0] for ms in rejected.values() if len(ms) == len(kept)]
    notes = ([replace(m, id=None, prediction_id=None) for m in agreed + agreed_rejects]
             + [replace(m, id=None, prediction_id=None, status="pending") for m in disputed])
    conflicts = []
    for cluster in _clusters(disputed):
        versions = {name: [_brief(m) for m in d.gold_mentions
                           if any(overlap(m, c) for c in cluster)] for name, d in kept}
        conflicts.append({"kind": "mention", "start": min(m.start for m in cluster),
                          "end": max(m.end for m in cluster), "turn": None,
                          "versions": versions})
    turns = []
    for t in base.turns:
        golds = {}
        for name, d in kept:
            other = next((u for u in d.turns if (u.start, u.end) == (t.start, t.end)), None)
            golds[name] = other.gold if other else t.gold
        if len({norm_name(g) for g in golds.values()}) > 1:
            conflicts.append({"kind": "speaker", "turn": t.index, "start": t.start,
                              "end": t.end, "versions": golds})
            t = replace(t, gold_speaker=None, gold_role=None, speaker_status=None)
        turns.append(t)
    reviewed = all(d.reviewed for _n, d in kept) and not conflicts
    stamps = [d.reviewed_at for _n, d in kept if d.reviewed_at]
    by = sorted({d.reviewed_by for _n, d in kept if d.reviewed_by})
    doc = replace(base, id=None, annotations=sorted(notes, key=lambda m: (m.start, m.end)),
                  turns=turns, status="reviewed" if reviewed else "in_progress",
                  reviewed_at=max(stamps) if reviewed and stamps else None,
                  reviewed_by=", ".join(by) if reviewed and by else None)
    return doc, conflicts


def _clusters(mentions: list[MentionRecord]) -> list[list[MentionRecord]]:
    """Groups of mutually overlapping (chained) mentions, in text order."""
    out: list[list[MentionRecord]] = []
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if out and m.start < max(c.end for c in out[-1]):
            out[-1].append(m)
        else:
            out.append([m])
    return out


def _brief(m: MentionRecord) -> dict:
    # "status" is the source reviewer's own decision (accepted, corrected or added): kept,
    # a version goes back to the gold with it, not as a mention the judge added.
    return {"start": m.start, "end": m.end, "metric": m.metric, "value": number(m.value),
            "low": number(m.low), "high": number(m.high), "unit": m.unit, "period": m.period,
            "kind": m.kind, "basis": m.basis, "reviewer": m.reviewer, "status": m.status}
