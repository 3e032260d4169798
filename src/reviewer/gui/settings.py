"""What the app remembers between runs (window layout, recent projects, reviewer, theme),
in an INI file of the user's config folder (tests point XDG_CONFIG_HOME elsewhere)."""

from __future__ import annotations

import getpass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from reviewer.core.paths import config_dir

ORGANIZATION = "Transcript Reviewer"
APPLICATION = "Transcript Reviewer"
MAX_RECENT = 10


class AppSettings:
    """Typed access to the settings file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "gui.ini"
        self.q = QSettings(str(self.path), QSettings.Format.IniFormat)

    def recent(self) -> list[str]:
        value = self.q.value("projects/recent", [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if v]

    def add_recent(self, path: str | Path) -> None:
        p = str(Path(path).resolve())
        items = [p] + [r for r in self.recent() if r != p]
        self.q.setValue("projects/recent", items[:MAX_RECENT])
        self.q.sync()

    def remove_recent(self, path: str) -> None:
        self.q.setValue("projects/recent", [r for r in self.recent() if r != path])

    def last_transcript(self, project: str | Path) -> int | None:
        v = self.q.value(f"last_transcript/{_key(project)}")
        try:
            return int(v) if v is not None else None
        except (TypeError, ValueError):
            return None

    def set_last_transcript(self, project: str | Path, tid: int) -> None:
        self.q.setValue(f"last_transcript/{_key(project)}", tid)

    def last_mention(self, project: str | Path, tid: int) -> int | None:
        """The mention that was current when the transcript was last left."""
        v = self.q.value(f"last_mention/{_key(project)}|{tid}")
        try:
            return int(v) if v is not None else None
        except (TypeError, ValueError):
            return None

    def set_last_mention(self, project: str | Path, tid: int, aid: int) -> None:
        self.q.setValue(f"last_mention/{_key(project)}|{tid}", aid)

    @property
    def reviewer(self) -> str:
        v = self.q.value("review/reviewer")
        if v:
            return str(v)
        try:
            return getpass.getuser()
        except (OSError, KeyError):
            return "reviewer"

    @reviewer.setter
    def reviewer(self, name: str) -> None:
        self.q.setValue("review/reviewer", name)

    @property
    def theme(self) -> str:
        v = str(self.q.value("view/theme", "system"))
        return v if v in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self.q.setValue("view/theme", value)

    def flag(self, name: str, default: bool) -> bool:
        v = self.q.value(f"view/{name}", default)
        return v in (True, "true", "1", 1) if not isinstance(v, bool) else v

    def set_flag(self, name: str, value: bool) -> None:
        self.q.setValue(f"view/{name}", value)

    def hidden_columns(self, table: str) -> set[int] | None:
        """The columns hidden in a table, ``None`` when the reviewer never chose."""
        v = self.q.value(f"columns/{table}_hidden")
        if v is None:
            return None
        items = [v] if isinstance(v, str) else list(v or [])
        return {int(x) for x in items if str(x).isdigit()}

    def set_hidden_columns(self, table: str, columns: list[int]) -> None:
        # A marker first: an empty list reads back as None from an INI file.
        self.q.setValue(f"columns/{table}_hidden", ["-"] + [str(c) for c in columns])

    def geometry(self) -> tuple[QByteArray | None, QByteArray | None]:
        return self.q.value("window/geometry"), self.q.value("window/state")

    def save_geometry(self, geometry: QByteArray, state: QByteArray) -> None:
        self.q.setValue("window/geometry", geometry)
        self.q.setValue("window/state", state)
        self.q.sync()


def _key(project: str | Path) -> str:
    return str(Path(project).resolve()).replace("/", "|").replace("\\", "|")
