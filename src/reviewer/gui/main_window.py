"""The main window: transcript list | transcript text | mentions and speakers, wired to the
review controller. Review keys live in ``review_actions``, project work in ``project_actions``,
merge conflicts in ``conflict_actions``, the empty state in ``empty_state``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.store import Project
from reviewer.gui.actions import MENUS, SPECS, TOOLBAR, build_actions
from reviewer.gui.conflict_actions import ConflictActions
from reviewer.gui.controller import ReviewController
from reviewer.gui.empty_state import EmptyStateActions
from reviewer.gui.geometry import LAYOUT_VERSION, default_size, dock_sizes
from reviewer.gui.help_overlay import HelpOverlay
from reviewer.gui.learn_actions import LearnActions
from reviewer.gui.mentions_model import MentionsModel
from reviewer.gui.mentions_panel import MentionsPanel
from reviewer.gui.project_actions import ProjectActions
from reviewer.gui.review_actions import ReviewActions
from reviewer.gui.settings import AppSettings
from reviewer.gui.speaker_actions import SpeakerActions
from reviewer.gui.speakers_panel import SpeakersPanel
from reviewer.gui.status_widgets import NoticeBar, ProgressMeter, QuietStatusBar
from reviewer.gui.theme import Theme, apply_theme
from reviewer.gui.transcript_view import TranscriptView
from reviewer.gui.transcripts_panel import TranscriptsPanel

EXTERNAL_CHECK_MS = 2000


class MainWindow(ReviewActions, SpeakerActions, ProjectActions, ConflictActions,
                 EmptyStateActions, LearnActions, QMainWindow):
    """One window on one project."""

    def __init__(self, project: Project | None = None, settings: AppSettings | None = None,
                 theme: Theme | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or AppSettings()
        self.theme = theme or apply_theme(QApplication.instance(), self.settings.theme)
        self.project: Project | None = None
        self.lock = None
        self.controller = ReviewController(project, self.settings.reviewer, self)
        self.current_turn = -1
        self.jobs: list = []
        self._build_widgets()
        self._build_actions()
        self._wire()
        self._restore_layout()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._check_external)
        self.timer.start(EXTERNAL_CHECK_MS)
        if project is not None:
            self.set_project(project)
        else:
            self._update_title()
            self.update_availability()

    # -- building ---------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.view = TranscriptView(self.theme)
        self.notice_bar = NoticeBar()
        self.find_bar = QWidget()
        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("findEdit")
        self.find_edit.setPlaceholderText("Find in the transcript (Enter: next, "
                                          "Shift+Enter: previous, Esc: close)")
        self.find_edit.returnPressed.connect(lambda: self.find_next())
        self.find_edit.textChanged.connect(
            lambda t: (self.view.find_text(t, again=False), self.show_find_count()) if t
            else self.find_status.clear())
        self.find_edit.installEventFilter(self)
        self.find_status = QLabel()
        fl = QHBoxLayout(self.find_bar)
        fl.setContentsMargins(6, 4, 6, 4)
        fl.addWidget(QLabel("Find:"))
        fl.addWidget(self.find_edit, 1)
        fl.addWidget(self.find_status)
        self.find_bar.hide()
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(self.notice_bar)
        cl.addWidget(self.find_bar)
        cl.addWidget(self._build_stack(self.view), 1)
        self.setCentralWidget(central)

        self.transcripts = TranscriptsPanel()
        self.mentions_model = MentionsModel(self.controller, self)
        self.mentions = MentionsPanel(self.mentions_model)
        self.speakers = SpeakersPanel(self.controller)
        # The text gets most of the width: the list on the left and the speakers on the
        # right run the full height; the mentions table sits under the text, as wide as it,
        # so all its columns show and the speakers never hide it.
        for corner, area in ((Qt.Corner.TopLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea),
                             (Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea),
                             (Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea),
                             (Qt.Corner.BottomRightCorner,
                              Qt.DockWidgetArea.RightDockWidgetArea)):
            self.setCorner(corner, area)
        self.list_dock = self._dock("Transcripts", "transcriptsDock", self.transcripts,
                                    Qt.DockWidgetArea.LeftDockWidgetArea)
        self.mentions_dock = self._dock("Mentions", "mentionsDock", self.mentions,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.speakers_dock = self._dock("Speakers", "speakersDock", self.speakers,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self.help_overlay = HelpOverlay(self)
        self.transcripts.columns.bind(self.settings, "transcripts")
        self.mentions.columns.bind(self.settings, "mentions")

        sb = QuietStatusBar(self)
        self.setStatusBar(sb)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        self.transcript_bar = ProgressMeter()
        self.transcript_bar.setObjectName("transcriptProgress")
        self.project_label = QLabel()
        self.project_label.setObjectName("projectProgress")
        # Fixed widths: a label whose text changes would re-lay the whole window out on
        # every decision (the status bar is part of the main layout).
        # (A fixed size — both ways — keeps a new text from invalidating any layout.)
        h = self.saved_label.fontMetrics().height() + 6
        self.saved_label.setFixedSize(self.saved_label.fontMetrics().horizontalAdvance(
            "\u2713 saved") + 16, h)
        self.project_label.setFixedSize(self.project_label.fontMetrics().horizontalAdvance(
            "Project: 00000/00000 reviewed \u00b7 000000/000000 mentions decided") + 8, h)
        for w in (self.saved_label, self.transcript_bar, self.project_label):
            sb.addPermanentWidget(w)

    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _build_actions(self) -> None:
        handlers = {s.name: getattr(self, s.name, None) for s in SPECS}
        handlers.update(
            translations=lambda on: self.set_view_option(translations=on),
            outside=lambda on: self.set_view_option(outside=on),
            theme_system=lambda on: on and self.set_theme("system"),
            theme_light=lambda on: on and self.set_theme("light"),
            theme_dark=lambda on: on and self.set_theme("dark"),
            quit=self.close, help=self.help_overlay.toggle,
        )
        self.actions_ = build_actions(self, handlers)
        menus = {m: self.menuBar().addMenu(f"&{m}") for m in MENUS}
        for m in ("Edit", "Transcript"):
            menus[m].aboutToShow.connect(self._name_actions)
        for spec in SPECS:
            menus[spec.menu].addAction(self.actions_[spec.name])
            if spec.name == "open_project":
                self.recent_menu = menus["File"].addMenu("Open &recent")
                self.recent_menu.aboutToShow.connect(self._fill_recent)
            if spec.name in ("run_extractor", "redo", "find_prev", "accept_turn",
                             "show_speakers", "outside"):
                menus[spec.menu].addSeparator()
        bar = QToolBar("Review")
        bar.setObjectName("reviewToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for name in TOOLBAR:
            if name is None:
                bar.addSeparator()
            else:
                bar.addAction(self.actions_[name])
        self.addToolBar(bar)
        a = self.actions_
        a["translations"].setChecked(self.settings.flag("translations", True))
        a["outside"].setChecked(self.settings.flag("outside", False))
        self.view.translations = a["translations"].isChecked()
        self.view.outside = a["outside"].isChecked()
        theme_action = a[f"theme_{self.settings.theme}"]
        theme_action.blockSignals(True)  # already applied: checking it must not re-apply
        theme_action.setChecked(True)
        theme_action.blockSignals(False)

    def _wire(self) -> None:
        c = self.controller
        c.transcriptOpened.connect(self._on_opened)
        c.annotationsChanged.connect(self._on_annotations)
        c.speakersChanged.connect(
            lambda: self.view.update_speakers(c.turns, c.suggestions))
        c.stateChanged.connect(self._update_status)
        c.notice.connect(lambda m: self.statusBar().showMessage(m, 8000))
        c.failed.connect(self.show_error)
        c.decided.connect(self._on_decided)
        self.transcripts.transcriptActivated.connect(self.open_transcript)
        self.mentions.currentMentionChanged.connect(
            lambda aid: (self.view.focus_mention(aid), self.remember_mention(aid)))
        self.view.mentionClicked.connect(self._mention_clicked)
        self.view.turnChanged.connect(self._turn_changed)
        self.mentions.delegate.chooseMetric.connect(self.choose_metric)
        self.mentions.delegate.metric_chooser = True
        self.mentions.delegate.preview.connect(
            lambda m: self.statusBar().showMessage(m, 5000))
        hints = QApplication.styleHints()
        hints.colorSchemeChanged.connect(
            lambda _s: self.settings.theme == "system" and self.set_theme("system"))

    # -- reacting to the controller ---------------------------------------------------------

    def _on_opened(self) -> None:
        c = self.controller
        if c.session is None:
            self.view.clear_transcript()
        else:
            self.view.show_transcript(c.session.transcript, c.turns, c.suggestions,
                                      c.annotations, c.checks)
        self.current_turn = -1
        self.speakers.show_turn(-1)
        first = self._last_mention() or self.mentions.step(+1, pending_only=True) \
            or self.mentions.step(+1)
        if first is not None:
            self.go_to_mention(first)
        if c.session is None:  # else the controller's stateChanged follows at once
            self._update_status()

    def _last_mention(self) -> int | None:
        """The mention current when this transcript was last left, if it still exists."""
        s = self.controller.session
        if s is None or self.project is None or self.project.path is None:
            return None
        aid = self.settings.last_mention(self.project.path, s.transcript_id)
        return aid if self.controller.annotation(aid) is not None else None

    def _on_annotations(self, _changed) -> None:
        self.view.update_annotations(self.controller.annotations)

    def _on_decided(self, _d) -> None:
        self.saved_label.setText("\u2713 saved")
        self.saved_label.setToolTip("Every decision is written to the project at once")
        if self.project is not None and self.controller.session is not None:
            self.transcripts.model.update_one(self.project, self.controller.session.transcript_id)

    def _mention_clicked(self, aid: int) -> None:
        self.mentions.select_id(aid)
        self.remember_mention(aid)
        self.view.focus_mention(aid, scroll=False)

    def _turn_changed(self, idx: int) -> None:
        self.current_turn = idx
        self.speakers.show_turn(idx)

    def _update_status(self) -> None:
        c = self.controller
        decided, total = c.progress()
        self.transcript_bar.set(decided, total)
        self.transcript_bar.setVisible(c.session is not None)
        info = c.info()
        self.transcript_bar.setToolTip(f"This transcript: {decided} of {total} mentions "
                                       f"decided; status {info.get('status', '-')}")
        m = self.transcripts.model
        done = sum(d for d, _ in m.progress.values())
        all_ = sum(n for _, n in m.progress.values())
        reviewed = sum(1 for r in m.rows if r.status == "reviewed")
        self.project_label.setText(f"Project: {reviewed}/{len(m.rows)} reviewed \u00b7 "
                                   f"{done}/{all_} mentions decided")
        self.update_availability()
        self._update_title()

    def _name_actions(self) -> None:
        """Say what Undo, Redo and Mark reviewed will do — set when the menus open, not on
        every decision (a changed action text re-lays the toolbar and the whole window)."""
        c = self.controller
        undo, redo = c.can_undo(), c.can_redo()
        self.actions_["undo"].setText(f"&Undo {undo}" if undo else "&Undo")
        self.actions_["redo"].setText(f"&Redo {redo}" if redo else "&Redo")
        self.actions_["mark_reviewed"].setText(
            "Re&open the transcript" if c.info().get("status") == "reviewed"
            else "&Mark the transcript reviewed")

    def _update_title(self) -> None:
        parts = ["Transcript Reviewer"]
        if self.project is not None and self.project.path is not None:
            parts.insert(0, self.project.path.name)
        info = self.controller.info()
        if info:
            label = " ".join(x for x in (info.get("company"), info.get("fiscal_period")) if x)
            flag = " \u2713 reviewed" if info.get("status") == "reviewed" else ""
            parts.insert(0, (label or info.get("name") or "") + flag)
        self.setWindowTitle(" \u2014 ".join(parts))

    def _check_external(self) -> None:
        if self.project is not None and self.controller.check_external():
            self.reload_list()

    # -- errors, view options ---------------------------------------------------------------

    def show_error(self, title: str, message: str) -> QMessageBox:
        """A window-modal message that does not block the event loop (tests read it)."""
        box = QMessageBox(QMessageBox.Icon.Critical, title, message,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.last_error = box
        box.open()
        return box

    def set_view_option(self, **options) -> None:
        for k, v in options.items():
            self.settings.set_flag(k, v)
        self.view.set_options(**options)

    def set_theme(self, choice: str) -> None:
        self.settings.theme = choice
        self.theme = apply_theme(QApplication.instance(), choice)
        self.view.set_theme(self.theme)
        for name in ("system", "light", "dark"):
            act = self.actions_[f"theme_{name}"]
            act.blockSignals(True)
            act.setChecked(name == choice)
            act.blockSignals(False)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.find_edit and event.type() == event.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_find()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.find_prev()
                return True
        return super().eventFilter(obj, event)

    def _restore_layout(self) -> None:
        geometry, state = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = self.screen() or QApplication.primaryScreen()
            area = screen.availableGeometry() if screen is not None else None
            self.resize(default_size(area))
            if area is not None:
                self.move(area.center() - self.rect().center())
        self._default_docks = state is None or not self.restoreState(state, LAYOUT_VERSION)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._default_docks:  # first run: share the width once the window has one
            self._default_docks = False
            left, right, bottom = dock_sizes(self.width(), self.height())
            self.resizeDocks([self.list_dock, self.speakers_dock], [left, right],
                             Qt.Orientation.Horizontal)
            self.resizeDocks([self.mentions_dock], [bottom], Qt.Orientation.Vertical)

    def closeEvent(self, event) -> None:
        for job in list(self.jobs):
            job.cancel()
            job.wait(5000)
        self.save_last_mention()
        self.settings.save_geometry(self.saveGeometry(), self.saveState(LAYOUT_VERSION))
        self.timer.stop()
        self.close_project()
        super().closeEvent(event)
