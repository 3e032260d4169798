"""Where the application keeps user data (never next to the executable)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP = "transcript-reviewer"


def data_dir() -> Path:
    """The user's data folder for this application (created when missing)."""
    p = Path(user_data_dir(APP, appauthor=False))
    p.mkdir(parents=True, exist_ok=True)
    return p


def config_dir() -> Path:
    """The user's settings folder for this application (created when missing)."""
    p = Path(user_config_dir(APP, appauthor=False))
    p.mkdir(parents=True, exist_ok=True)
    return p


def demo_project_path() -> Path:
    """Where the built-in demo project lives."""
    return data_dir() / "demo.db"
