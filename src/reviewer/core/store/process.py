"""Naming the process that owns a run, and telling later whether it is still alive.

A token is ``host:pid:start`` where ``start`` is the process start time (Linux: field 22 of
``/proc/PID/stat``), so a recycled pid is not mistaken for the old owner.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path


def _start_time(pid: int) -> str | None:
    """The kernel's start time of ``pid`` (None where /proc is absent or it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after the last ")".
    fields = stat[stat.rindex(")") + 2:].split()
    if fields[0] == "Z":  # a zombie has died; it only waits to be reaped
        return None
    return fields[19]


def process_token(pid: int | None = None) -> str:
    """This process's (or ``pid``'s) token."""
    pid = pid or os.getpid()
    return f"{socket.gethostname()}:{pid}:{_start_time(pid) or ''}"


def token_alive(token: str | None) -> bool:
    """Whether the process a token names still runs. Tokens of another host (a project on a
    shared drive) are taken as alive: we cannot know, and must not mark a live run."""
    if not token:
        return False  # runs recorded before owners were: never finished, never will
    host, _, rest = token.partition(":")
    pid_s, _, start = rest.partition(":")
    if host != socket.gethostname():
        return True
    try:
        pid = int(pid_s)
        os.kill(pid, 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        pass  # exists, owned by someone else
    now = _start_time(pid)
    if Path("/proc").is_dir():
        return now is not None and (not start or now == start)
    return True
