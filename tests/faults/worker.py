"""The child side of the fault tests: real work in a real process, each saved step printed
(and flushed) only after the call that saved it returned, so the parent knows what was
shown as saved when it kills us.

    python -m tests.faults.worker decide DB          accept/reject every pending mention
    python -m tests.faults.worker review-all DB      the same, and mark each one reviewed
    python -m tests.faults.worker app-writer DB N    section 1 of issue 9: the app's writes
"""

from __future__ import annotations

import sys


def decide(db: str, mark_reviewed: bool = False) -> None:
    """Accept and reject (alternately) every pending mention of every transcript (and mark
    each transcript reviewed with ``mark_reviewed``)."""
    from reviewer.core.review.commands import Accept, MarkReviewed, Reject
    from reviewer.core.review.preannotate import preannotate
    from reviewer.core.review.session import ReviewSession
    from reviewer.core.store import open_project

    project = open_project(db)
    for row in project.list_transcripts():
        preannotate(project, row.id)
        session = ReviewSession(project, row.id, "fault-test")
        for i, a in enumerate(session.annotations()):
            if a.status != "pending":
                continue
            command = Accept(a.id) if i % 2 == 0 else Reject(a.id)
            session.do(command)
            status = "accepted" if i % 2 == 0 else "rejected"
            print(f"saved {a.id} {status}", flush=True)
        if mark_reviewed:
            session.do(MarkReviewed())
    project.close()


def app_writer(db: str, rounds: int) -> None:
    """The app's pattern: one long-lived connection, a second open of the same file in this
    process (a worker), then batches of writes while other processes read and write."""
    from reviewer.core.store import open_project

    app = open_project(db)
    app.db.execute("CREATE TABLE IF NOT EXISTS probe (x INTEGER)")
    app.db.conn.commit()
    open_project(db).close()  # what an import or extractor worker does
    for r in range(rounds):
        with app.db.conn:
            app.db.conn.executemany("INSERT INTO probe VALUES (?)", [(r,)] * 300)
        print(f"batch {r}", flush=True)
        sys.stdin.readline()  # the parent lets another process in between batches
    app.close()


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    if cmd == "decide":
        decide(args[0])
    elif cmd == "review-all":
        decide(args[0], mark_reviewed=True)
    elif cmd == "app-writer":
        app_writer(args[0], int(args[1]))
    else:
        raise SystemExit(f"unknown command {cmd}")
