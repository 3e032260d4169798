"""``reviewer gui``: the desktop review app from the command line, and the choice of what plain
``reviewer`` does (the app when it can be shown, else the printed demo project)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import click


def display_available() -> bool:
    """Whether a window can be shown: a display server, or a Qt platform chosen explicitly."""
    if sys.platform in ("win32", "darwin"):
        return True
    return any(os.environ.get(v) for v in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"))


def gui_available() -> bool:
    return importlib.util.find_spec("PySide6") is not None and display_available()


@click.command("gui")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The project file to open (created when missing). Default: the last "
                   "project, else the demo project.")
@click.option("--demo", is_flag=True, help="Open the built-in demo project.")
@click.option("--reviewer", help="Your name, recorded with each decision (remembered).")
@click.option("--theme", type=click.Choice(["system", "light", "dark"]),
              help="Colours (default: follow the system).")
@click.option("--quit-after-load", is_flag=True,
              help="Open the project and the window, print a summary line, exit.")
@click.pass_context
def gui(ctx: click.Context, db_path: Path | None, demo: bool, reviewer: str | None,
        theme: str | None, quit_after_load: bool) -> None:
    """Open the review app (keyboard-driven review of mentions and speakers)."""
    if importlib.util.find_spec("PySide6") is None:
        raise click.ClickException(
            "the desktop app needs PySide6: pip install 'transcript-reviewer[gui]'")
    from reviewer.gui.app import main

    argv: list[str] = []
    if db_path is not None:
        argv += ["--db", str(db_path)]
    if demo:
        argv.append("--demo")
    if reviewer:
        argv += ["--reviewer", reviewer]
    if theme:
        argv += ["--theme", theme]
    if quit_after_load:
        argv.append("--quit-after-load")
    ctx.exit(main(argv))


def run_default(ctx: click.Context, demo: click.Command) -> None:
    """What plain ``reviewer`` does: the app on the demo project when a window can be shown,
    else ``reviewer demo`` (print the demo project)."""
    if gui_available():
        ctx.invoke(gui, demo=True)
    else:
        ctx.invoke(demo)


def register(cli: click.Group) -> None:
    cli.add_command(gui)
