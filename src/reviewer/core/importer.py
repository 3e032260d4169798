"""Importing files and folders into a project: parse each, skip what cannot be read."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.errors import InputError, ReviewerError
from reviewer.core.ingest import parse_file
from reviewer.core.store import Project

# Files a folder import picks up; a file named explicitly is always tried.
TEXT_SUFFIXES = {".txt", ".text", ".md", ".asc"}
# A folder's own documentation (README.md, LICENSE.txt...): left out of a folder import and
# reported, not imported as a transcript; named explicitly, such a file is tried like any other.
_FOLDER_DOC = re.compile(r"^(?:readme|licen[cs]e|copying|changelog|notice|authors|contributing)"
                         r"(?:$|[^a-z0-9])", re.I)


@dataclass
class ImportReport:
    """What an import did: ids added, duplicates left alone, files skipped with a reason."""

    added: list[tuple[str, int]] = field(default_factory=list)
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False

    def summary(self) -> str:
        """A one-line summary for people."""
        s = (f"{len(self.added)} imported, {len(self.duplicates)} already in the project, "
             f"{len(self.skipped)} skipped")
        return s + (" (cancelled)" if self.cancelled else "")


def _project_files(project: Project) -> set[Path]:
    """The project file and its WAL companions: never read as transcripts (a plain read of
    the project file drops this process's SQLite locks; see store/opening.py)."""
    if project.path is None:
        return set()
    p = project.path.resolve()
    return {p, Path(f"{p}-wal"), Path(f"{p}-shm"), Path(f"{p}-journal")}


def _walk(folder: Path, skipped: list[tuple[str, str]]) -> list[Path]:
    """Text files under ``folder`` (recursively), every other entry reported in ``skipped``.

    Links are not followed (a link can loop, or lead out of the folder the user chose)."""
    found: list[Path] = []
    for entry in sorted(folder.iterdir()):
        why = _skip_reason(entry)
        if why:
            skipped.append((str(entry), f"{entry}: {why}"))
        elif entry.is_dir():
            found.extend(_walk(entry, skipped))
        else:
            found.append(entry)
    return found


def _skip_reason(entry: Path) -> str | None:
    if entry.is_symlink():
        return "a link (links are not followed; name the target itself to import it)"
    if entry.name.startswith("."):
        return f"hidden {'folder' if entry.is_dir() else 'file'}"
    if entry.is_dir():
        return None
    if not entry.is_file():
        return "not a regular file"
    if not entry.suffix:
        return "no file extension (name the file itself to import it)"
    if entry.suffix.lower() not in TEXT_SUFFIXES:
        return (f"not a text file by its extension ({entry.suffix}); "
                f"a folder import takes {', '.join(sorted(TEXT_SUFFIXES))}")
    if _FOLDER_DOC.match(entry.stem):
        return f"the folder's {entry.name}, not a transcript (name the file itself to import it)"
    return None


def expand_paths(paths: Iterable[str | Path],
                 skipped: list[tuple[str, str]] | None = None) -> list[Path]:
    """Files named, plus the text files inside folders (recursively). Everything a folder
    import leaves out (hidden entries, links, other extensions, the folder's own README...)
    goes to ``skipped`` with its reason; a missing path is an ``InputError``."""
    skipped = [] if skipped is None else skipped
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists() and not p.is_symlink():
            raise InputError(f"{p}: no such file or folder")
        files.extend(_walk(p, skipped) if p.is_dir() else [p])
    return files


def import_paths(
    project: Project,
    paths: Iterable[str | Path],
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    encoding: str | None = None,
) -> ImportReport:
    """Import every transcript file under ``paths``; one bad file never stops the others.

    ``progress(done, total, name)`` is called after each file; ``cancelled()`` is polled
    between files (what was imported before stays imported). ``encoding`` reads files that
    are neither UTF-8 nor marked UTF-16/32. A missing path is an ``InputError`` before
    anything is written.
    """
    project.require_writable()
    report = ImportReport()
    files = expand_paths(paths, report.skipped)
    own = _project_files(project)
    for i, f in enumerate(files):
        if cancelled and cancelled():
            report.cancelled = True
            break
        try:
            if f.resolve() in own:
                raise InputError(f"{f}: the project file itself, not a transcript")
            parsed = parse_file(f, encoding)
            tid, created = project.add_transcript(parsed, f.name, str(f.resolve()))
        except InputError as exc:
            report.skipped.append((str(f), str(exc)))
        except ReviewerError:
            raise  # a store problem concerns every file: stop and tell
        else:
            (report.added if created else report.duplicates).append((str(f), tid))
            report.warnings.extend((str(f), w) for w in parsed.warnings if created)
        if progress:
            progress(i + 1, len(files), f.name)
    return report
