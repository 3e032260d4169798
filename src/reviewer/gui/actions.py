"""Every command of the window, its menu text, shortcuts and icon — one table, so menus, the
toolbar and the help overlay can never disagree."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from reviewer.gui.icons import icon


@dataclass(frozen=True)
class Spec:
    name: str
    menu: str
    text: str
    keys: tuple[str, ...] = ()
    icon: str | None = None
    checkable: bool = False


SPECS: tuple[Spec, ...] = (
    Spec("new_project", "File", "&New project\u2026", ("Ctrl+N",)),
    Spec("open_project", "File", "&Open project\u2026", ("Ctrl+O",)),
    Spec("import_files", "File", "&Import files\u2026", ("Ctrl+I",), "import"),
    Spec("import_folder", "File", "Import &folder\u2026", ("Ctrl+Shift+I",)),
    Spec("run_extractor", "File", "&Run the extractor on the project", ("Ctrl+Shift+R",),
         "run"),
    Spec("preannotate", "File", "&Pre-annotate from the newest run"),
    Spec("export_dataset", "File", "E&xport the dataset\u2026", ("Ctrl+Shift+X",)),
    Spec("evaluate", "File", "&Evaluate runs against the gold", ("Ctrl+Shift+E",)),
    Spec("set_reviewer", "File", "Reviewer &name\u2026"),
    Spec("quit", "File", "&Quit", ("Ctrl+Q",)),
    Spec("undo", "Edit", "&Undo", ("Ctrl+Z",), "undo"),
    Spec("redo", "Edit", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "redo"),
    Spec("open_find", "Edit", "&Find in transcript\u2026", ("Ctrl+F",), "find"),
    Spec("find_next", "Edit", "Find &next", ("F3",)),
    Spec("find_prev", "Edit", "Find &previous", ("Shift+F3",)),
    Spec("accept", "Review", "&Accept mention", ("A",), "accept"),
    Spec("reject", "Review", "&Reject mention", ("R", "X"), "reject"),
    Spec("next", "Review", "&Next mention", ("N", "J"), "next"),
    Spec("prev", "Review", "&Previous mention", ("P", "K"), "prev"),
    Spec("next_pending", "Review", "Next &pending mention", ("Shift+N",)),
    Spec("next_most_useful", "Review", "Next most &useful (model and rules disagree)", ("U",)),
    Spec("edit", "Review", "&Edit field (value, or the current column)", ("E", "F2")),
    Spec("add", "Review", "A&dd mention from the selection", ("M", "Ins"), "add"),
    Spec("resize_mention", "Review", "Resize mention to the &selection", ("Z",)),
    Spec("grow_end", "Review", "Extend the mention's end by one character", ("Alt+Right",)),
    Spec("shrink_end", "Review", "Shrink the mention's end by one character", ("Alt+Left",)),
    Spec("grow_start", "Review", "Extend the mention's start by one character",
         ("Alt+Shift+Left",)),
    Spec("shrink_start", "Review", "Shrink the mention's start by one character",
         ("Alt+Shift+Right",)),
    Spec("accept_turn", "Review", "Accept every pending mention of the &turn", ("T",), "turn"),
    Spec("merge_conflicts", "Review", "Merge &conflicts\u2026", ("Ctrl+Shift+M",)),
    Spec("next_conflict", "Review", "Next unresolved merge conflict", ("Ctrl+Shift+N",)),
    Spec("accept_suggestion", "Speakers", "Accept the &suggested speaker and go to the next "
         "flagged turn", ("S",),
         "speaker"),
    Spec("next_flagged", "Speakers", "Next &flagged turn (a suggestion or an unknown label)",
         ("F",)),
    Spec("next_turn", "Speakers", "Next turn", ("]",)),
    Spec("prev_turn", "Speakers", "Previous turn", ("[",)),
    Spec("show_speakers", "Speakers", "Choose the speaker (Enter: this turn, Shift+Enter: "
         "every turn with the label)", ("Ctrl+3",)),
    Spec("mark_reviewed", "Transcript", "&Mark reviewed / reopen",
         ("Ctrl+Return", "Ctrl+Enter"), "reviewed"),
    Spec("next_transcript", "Transcript", "Next transcript", ("Ctrl+PgDown",)),
    Spec("prev_transcript", "Transcript", "Previous transcript", ("Ctrl+PgUp",)),
    Spec("focus_list", "View", "Search the transcript list", ("Ctrl+L",)),
    Spec("focus_text", "View", "Focus the text", ("Ctrl+1",)),
    Spec("focus_table", "View", "Focus the mentions table", ("Ctrl+2",)),
    Spec("translations", "View", "Show &translations", ("Ctrl+T",), checkable=True),
    Spec("outside", "View", "Show text &outside turns (boilerplate, greyed)", ("Ctrl+B",),
         checkable=True),
    Spec("theme_system", "View", "Colours: follow the system", checkable=True),
    Spec("theme_light", "View", "Colours: light", checkable=True),
    Spec("theme_dark", "View", "Colours: dark", checkable=True),
    Spec("help", "Help", "&Keyboard shortcuts", ("F1", "?"), "help"),
    Spec("about", "Help", "&About Transcript Reviewer"),
)
MENUS = ("File", "Edit", "Review", "Speakers", "Transcript", "View", "Help")
TOOLBAR = ("accept", "reject", "prev", "next", "accept_turn", "add", None, "undo", "redo",
           None, "accept_suggestion", "mark_reviewed", None, "open_find", "import_files",
           "run_extractor", "help")


def build_actions(window, handlers: dict[str, object]) -> dict[str, QAction]:
    """Create the window's actions (window-wide shortcuts), connected to ``handlers``."""
    out: dict[str, QAction] = {}
    for spec in SPECS:
        act = QAction(spec.text, window)
        act.setObjectName(f"action_{spec.name}")
        if spec.keys:
            act.setShortcuts([QKeySequence(k) for k in spec.keys])
            act.setToolTip(f"{spec.text.replace('&', '')} ({spec.keys[0]})")
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if spec.icon:
            act.setIcon(icon(spec.icon))
        act.setCheckable(spec.checkable)
        handler = handlers.get(spec.name)
        if handler is not None:
            if spec.checkable:
                act.toggled.connect(handler)
            else:
                act.triggered.connect(lambda _checked=False, h=handler: h())
        window.addAction(act)
        out[spec.name] = act
    return out


def shortcut_text(spec: Spec) -> str:
    return "  /  ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                        for k in spec.keys)
