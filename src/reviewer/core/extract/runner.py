"""Run an extractor over every transcript of a project, recorded as one run.

Workers (``jobs > 1``: a process pool) receive each stored transcript and extract; the main
process does all the writing, one transaction per transcript, so the project file has a single
writer. Cancellation is checked between transcripts; what was saved stays saved and the run is
marked ``cancelled``.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from reviewer.core.extract.registry import Extractor, ExtractorError, get_extractor
from reviewer.core.extract.result import ExtractionResult
from reviewer.core.model import ParsedTranscript
from reviewer.core.store import runs
from reviewer.core.store.project import Project

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]  # (done, total, transcript name)

_worker: Extractor | None = None


def _init_worker(name: str, config: dict[str, Any] | None, parent: int) -> None:
    global _worker
    die_with_parent(parent)
    _worker = get_extractor(name, config)


def die_with_parent(parent: int) -> None:
    """End this worker when the process that started it dies, even by ``kill -9`` (which
    gives the pool no chance to stop its workers; they would linger with work in memory).

    Linux: the kernel sends SIGKILL on the parent's death (``PR_SET_PDEATHSIG``). Elsewhere,
    and for the race where the parent died before the call, a daemon thread polls."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


_PR_SET_PDEATHSIG = 1


def _extract_in_worker(parsed: ParsedTranscript) -> ExtractionResult:
    assert _worker is not None, "worker not initialised"
    return _worker.extract(parsed)


def resolve_jobs(jobs: int | None) -> int:
    """The number of worker processes: ``0``/None means all cores."""
    if not jobs or jobs < 0:
        return os.cpu_count() or 1
    return jobs


def run_on_project(project: Project, extractor_name: str = "builtin", jobs: int = 1,
                   progress: Progress | None = None,
                   cancelled: Callable[[], bool] | None = None,
                   config: dict[str, Any] | None = None,
                   transcript_ids: list[int] | None = None) -> int:
    """Run ``extractor_name`` over the project's transcripts (or ``transcript_ids``) and
    record it; returns the run id.

    A transcript whose extraction fails is logged and skipped (the run ends ``partial``);
    ``ExtractorError`` when the extractor cannot be created.
    """
    project.require_writable()
    extractor = get_extractor(extractor_name, config)
    todo = [(tid, name) for tid, name in runs.transcript_ids(project)
            if transcript_ids is None or tid in set(transcript_ids)]
    run_id = runs.start_run(project, extractor.name, extractor.version, extractor.config)
    is_cancelled = cancelled or (lambda: False)
    status = "completed"
    try:
        workers = min(resolve_jobs(jobs), max(1, len(todo)))
        if workers <= 1:
            failures, stopped = _run_inline(project, extractor, run_id, todo, progress,
                                            is_cancelled)
        else:
            failures, stopped = _run_pool(project, extractor_name, config, run_id, todo,
                                          workers, progress, is_cancelled)
        status = "cancelled" if stopped else ("partial" if failures else "completed")
    except BaseException:
        runs.finish_run(project, run_id, "failed")
        raise
    runs.finish_run(project, run_id, status)
    return run_id


def _run_inline(project: Project, extractor: Extractor, run_id: int,
                todo: list[tuple[int, str]], progress: Progress | None,
                cancelled: Callable[[], bool]) -> tuple[int, bool]:
    failures = 0
    for done, (tid, name) in enumerate(todo, 1):
        if cancelled():
            return failures, True
        try:
            result = extractor.extract(project.load_transcript(tid))
        except Exception:
            log.exception("extractor %s failed on transcript %s (%s)", extractor.name, tid,
                          name)
            failures += 1
        else:
            runs.save_result(project, run_id, tid, result)
        if progress:
            progress(done, len(todo), name)
    return failures, False


def _run_pool(project: Project, name: str, config: dict[str, Any] | None, run_id: int,
              todo: list[tuple[int, str]], workers: int, progress: Progress | None,
              cancelled: Callable[[], bool]) -> tuple[int, bool]:
    failures = done = 0
    pending: dict[Future, tuple[int, str]] = {}
    queue = list(reversed(todo))
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                             initargs=(name, config, os.getpid())) as pool:
        try:
            while queue or pending:
                # Keep a few transcripts in flight per worker: bounded memory, and a cancel
                # does not wait for the whole project to be read.
                while queue and len(pending) < workers * 2 and not cancelled():
                    tid, tname = queue.pop()
                    fut = pool.submit(_extract_in_worker, project.load_transcript(tid))
                    pending[fut] = (tid, tname)
                if cancelled():
                    for fut in pending:
                        fut.cancel()
                    return failures, True
                finished, _ = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                for fut in finished:
                    tid, tname = pending.pop(fut)
                    done += 1
                    try:
                        result = fut.result()
                    except ExtractorError:
                        raise
                    except Exception:
                        log.exception("extractor %s failed on transcript %s (%s)", name, tid,
                                      tname)
                        failures += 1
                    else:
                        runs.save_result(project, run_id, tid, result)
                    if progress:
                        progress(done, len(todo), tname)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return failures, False
