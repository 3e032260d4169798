"""The main window: transcript list | transcript text | mentions and speakers, wired to the
review controller. Review keys live in ``review_actions``, project work in ``project_actions``,
merge conflicts in ``conflict_actions``, the empty state in ``empty_state``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.store import Project
from reviewer.gui.actions import MENUS, SPECS, TOOLBAR, build_actions
from reviewer.gui.conflict_actions import ConflictActions
from reviewer.gui.controller import ReviewController
from reviewer.gui.empty_state import EmptyStateActions
from reviewer.gui.geometry import default_size, dock_widths
from reviewer.gui.help_overlay import HelpOverlay
from reviewer.gui.learn_actions import LearnActions
from reviewer.gui.mentions_model import MentionsModel
from reviewer.gui.mentions_panel import MentionsPanel
from reviewer.gui.project_actions import ProjectActions
from reviewer.gui.review_actions import ReviewActions
from reviewer.gui.settings import AppSettings
from reviewer.gui.speakers_panel import SpeakersPanel
from reviewer.gui.theme import Theme, apply_theme
from reviewer.gui.transcript_view import TranscriptView
from reviewer.gui.transcripts_panel import TranscriptsPanel

EXTERNAL_CHECK_MS = 2000


class ProgressMeter(QWidget):
    """A thin "decided / total" bar for the status bar. (QProgressBar repaints synchronously
    on every change, which costs more than saving the decision itself.)"""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._value, self._total = 0, 0
        self.setFixedWidth(170)

    def set(self, value: int, total: int) -> None:
        if (value, total) != (self._value, self._total):
            self._value, self._total = value, total
            self.update()

    def value(self) -> int:
        return self._value

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        pal = self.palette()
        r = self.rect().adjusted(2, 4, -2, -4)
        p.setPen(pal.color(QPalette.ColorRole.Mid))
        p.setBrush(pal.color(QPalette.ColorRole.Base))
        p.drawRoundedRect(r, 3, 3)
        if self._total:
            done = r.adjusted(1, 1, 0, 0)
            done.setWidth(int((r.width() - 1) * self._value / self._total))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(pal.color(QPalette.ColorRole.Highlight))
            p.drawRoundedRect(done, 2, 2)
        p.setPen(pal.color(QPalette.ColorRole.Text))
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, f"{self._value} / {self._total} decided")


class NoticeBar(QFrame):
    """A dismissable banner for lasting conditions (read-only project, second window)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setStyleSheet("#noticeBar { background: #fff3cd; color: #4d3b00;"
                           " border-bottom: 1px solid #e0c97a; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        close = QPushButton("\u2715")
        close.setFlat(True)
        close.setFixedWidth(28)
        close.clicked.connect(self.hide)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 6, 6)
        lay.addWidget(self.label, 1)
        lay.addWidget(close)
        self.hide()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.show()


class MainWindow(ReviewActions, ProjectActions, ConflictActions, EmptyStateActions,
                 LearnActions, QMainWindow):
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
            lambda t: self.view.find_text(t, again=False) if t else None)
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
        self.list_dock = self._dock("Transcripts", "transcriptsDock", self.transcripts,
                                    Qt.DockWidgetArea.LeftDockWidgetArea)
        self.mentions_dock = self._dock("Mentions", "mentionsDock", self.mentions,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self.speakers_dock = self._dock("Speakers", "speakersDock", self.speakers,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.mentions_dock, self.speakers_dock)
        self.mentions_dock.raise_()
        self.help_overlay = HelpOverlay(self)
        self.transcripts.columns.bind(self.settings, "transcripts")
        self.mentions.columns.bind(self.settings, "mentions")

        sb = self.statusBar()
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        self.transcript_bar = ProgressMeter()
        self.transcript_bar.setObjectName("transcriptProgress")
        self.project_label = QLabel()
        self.project_label.setObjectName("projectProgress")
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
            lambda aid: self.view.focus_mention(aid))
        self.view.mentionClicked.connect(self._mention_clicked)
        self.view.turnChanged.connect(self._turn_changed)
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
        first = self.mentions.step(+1, pending_only=True) or self.mentions.step(+1)
        if first is not None:
            self.go_to_mention(first)
        self._update_status()
        self._update_title()

    def _on_annotations(self, _changed) -> None:
        self.view.update_annotations(self.controller.annotations)

    def _on_decided(self, _d) -> None:
        self.saved_label.setText("\u2713 saved")
        self.saved_label.setToolTip("Every decision is written to the project at once")
        if self.project is not None and self.controller.session is not None:
            self.transcripts.model.update_one(self.project, self.controller.session.transcript_id)

    def _mention_clicked(self, aid: int) -> None:
        self.mentions.select_id(aid)
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
        undo, redo = c.can_undo(), c.can_redo()
        self.update_availability()
        self.actions_["undo"].setText(f"&Undo {undo}" if undo else "&Undo")
        self.actions_["redo"].setText(f"&Redo {redo}" if redo else "&Redo")
        self.actions_["mark_reviewed"].setText(
            "Re&open the transcript" if info.get("status") == "reviewed"
            else "&Mark the transcript reviewed")
        self._update_title()

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
        self._default_docks = state is None or not self.restoreState(state)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._default_docks:  # first run: share the width once the window has one
            self._default_docks = False
            self.resizeDocks([self.list_dock, self.mentions_dock],
                             list(dock_widths(self.width())), Qt.Orientation.Horizontal)

    def closeEvent(self, event) -> None:
        for job in list(self.jobs):
            job.cancel()
            job.wait(5000)
        self.settings.save_geometry(self.saveGeometry(), self.saveState())
        self.timer.stop()
        self.close_project()
        super().closeEvent(event)
