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


def _folder_files(folder: Path) -> list[Path]:
    return [f for f in sorted(folder.rglob("*"))
            if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES
            and not any(part.startswith(".") for part in f.relative_to(folder).parts)]


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, plus the text files inside folders (recursively; hidden files and the
    folder's documentation, see ``folder_docs``, left out)."""
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(f for f in _folder_files(p) if not _FOLDER_DOC.match(f.stem))
        else:
            files.append(p)
    return files


def folder_docs(paths: Iterable[str | Path]) -> list[Path]:
    """The README, LICENSE... files inside the folders of ``paths``: not transcripts."""
    return [f for raw in paths if Path(raw).is_dir()
            for f in _folder_files(Path(raw)) if _FOLDER_DOC.match(f.stem)]


def import_paths(
    project: Project,
    paths: Iterable[str | Path],
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import every transcript file under ``paths``; one bad file never stops the others.

    ``progress(done, total, name)`` is called after each file; ``cancelled()`` is polled
    between files (what was imported before stays imported).
    """
    report = ImportReport()
    paths = list(paths)
    files = expand_paths(paths)
    report.skipped.extend(
        (str(f), f"{f}: the folder's {f.name}, not a transcript (name the file itself to "
                 "import it)") for f in folder_docs(paths))
    for i, f in enumerate(files):
        if cancelled and cancelled():
            report.cancelled = True
            break
        try:
            parsed = parse_file(f)
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
