"""Projects (a mixin of the main window): create, open, reopen recent, import files and
folders, run an extractor — long jobs in worker threads with progress and cancel."""

from __future__ import annotations

import contextlib
import html
from pathlib import Path

from PySide6.QtCore import QLockFile, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QProgressDialog

from reviewer import __version__
from reviewer.core.errors import ReviewerError
from reviewer.core.store import open_project
from reviewer.gui.export_dialog import ExportDialog, export_message
from reviewer.gui.workers import (
    Job,
    export_job,
    extract_job,
    extractor_available,
    import_job,
    preannotate_job,
)


class ProjectActions:
    """Handlers of the File menu and the project lifecycle."""

    # -- lifecycle --------------------------------------------------------------------------

    def set_project(self, project) -> None:
        """Show ``project`` (already open) in this window."""
        self.close_project()
        self.project = project
        self.controller.set_project(project)
        self.notice_bar.hide()
        if project.path is not None:
            self.settings.add_recent(project.path)
            self._take_lock(project.path)
            if project.read_only:
                why = project.read_only_reason.removesuffix(" — it is open read-only")
                self.notice_bar.show_text(
                    f"<b>Read-only</b>: {html.escape(why)}. You can read, evaluate and export "
                    "this project, but decisions cannot be saved.")
        self.reload_list()
        last = self.settings.last_transcript(project.path) if project.path else None
        rows = self.transcripts.model.rows
        tid = last if any(r.id == last for r in rows) else (rows[0].id if rows else None)
        if tid is not None:
            self.open_transcript(tid)
        self._update_title()

    def _take_lock(self, path: Path) -> None:
        # A second window on the same project is allowed (every decision is its own
        # transaction and each window re-reads what the other saves), but the user is told.
        lock = QLockFile(str(path) + ".lock")
        lock.setStaleLockTime(0)
        if lock.tryLock(0):
            self.lock = lock
            return
        info = lock.getLockInfo()  # (pid, host, app) in PySide6; older ones prepend a flag
        pid, host = (info[-3], info[-2]) if info and len(info) >= 3 else (None, None)
        who = f" (process {pid} on {host})" if pid else ""
        self.notice_bar.show_text(
            f"This project is also open in another Transcript Reviewer window{who}. "
            "Both can work: each decision is saved at once and this window reloads what the "
            "other saves \u2014 but avoid reviewing the same transcript in both.")

    def close_project(self) -> None:
        if self.project is None:
            return
        self.save_last_mention()
        self.controller.open_transcript(None)
        with contextlib.suppress(Exception):  # a broken connection must not stop the app
            self.project.close()
        self.project = None
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None
        self.transcripts.model.load(None)
        self.update_availability()

    def open_project_path(self, path: str | Path) -> bool:
        """Open a project file; on failure show why and keep the current project."""
        try:
            project = open_project(path)
        except ReviewerError as exc:
            self.show_error("Cannot open the project", str(exc))
            return False
        self.set_project(project)
        return True

    def reload_list(self) -> None:
        self.transcripts.model.load(self.project)
        if self.controller.session is not None:
            self.transcripts.select(self.controller.session.transcript_id)
        self._update_status()

    def open_transcript(self, tid: int) -> None:
        s = self.controller.session
        if s is not None and s.transcript_id == tid:
            return
        self.save_last_mention()
        if self.controller.open_transcript(tid):
            self.transcripts.select(tid)  # opening writes nothing: the list row is current
            if self.project is not None and self.project.path is not None:
                self.settings.set_last_transcript(self.project.path, tid)

    # -- File menu --------------------------------------------------------------------------

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project", str(Path.home()),
                                              "Projects (*.db *.sqlite)")
        if path:
            if not Path(path).suffix:
                path += ".db"
            self.open_project_path(path)

    def open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", str(Path.home()),
                                              "Projects (*.db *.sqlite);;All files (*)")
        if path:
            self.open_project_path(path)

    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        for p in self.settings.recent():
            act = menu.addAction(p)
            act.setEnabled(Path(p).exists())
            act.triggered.connect(lambda _c=False, p=p: self.open_project_path(p))
        if menu.isEmpty():
            menu.addAction("(none yet)").setEnabled(False)

    def import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Import transcripts", str(Path.home()),
                                                "Text files (*.txt *.text *.md);;All files (*)")
        if files:
            self.import_paths(files)

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder", str(Path.home()))
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths: list[str]) -> Job | None:
        job = self._start(import_job, [str(p) for p in paths])
        if job is not None:
            job.succeeded.connect(self._imported)
        return job

    def _imported(self, report) -> None:
        self.reload_list()
        lines = [report.summary()]
        lines += [f"skipped {Path(f).name}: {why.split(': ', 1)[-1]}"
                  for f, why in report.skipped]
        lines += [f"warning {Path(f).name}: {w}" for f, w in report.warnings[:30]]
        self.last_import = report
        self._info("Import finished", "\n".join(lines))
        if self.controller.session is None and self.transcripts.model.rows:
            self.open_transcript(self.transcripts.model.rows[0].id)

    def run_extractor(self, quiet: bool = False) -> Job | None:
        """Run the built-in extractor over the project (``quiet``: no summary dialog)."""
        if not extractor_available():
            self.show_error("No extractor", "The extractor is not installed in this build.")
            return None
        job = self._start(extract_job)
        if job is not None:
            job.succeeded.connect(lambda result: self._extracted(result, quiet))
        return job

    def _extracted(self, result, quiet: bool = False) -> None:
        run_id, report = result
        self.reload_list()
        s = self.controller.session
        if s is not None:
            tid = s.transcript_id
            self.controller.open_transcript(None)
            self.controller.open_transcript(tid)
        text = (f"Run {run_id} finished; {report.summary()}." if report is not None
                else f"Run {run_id} cancelled; nothing was pre-annotated.")
        if quiet:
            self.statusBar().showMessage(text, 10000)
        else:
            self._info("Extractor finished", text)

    def preannotate(self) -> Job | None:
        """Pending mentions from the newest stored run (a run recorded with
        ``--no-preannotate``, or by an older version): what ``reviewer preannotate`` does."""
        job = self._start(preannotate_job)
        if job is not None:
            job.succeeded.connect(self._preannotated)
        return job

    def _preannotated(self, report) -> None:
        self.reload_list()
        s = self.controller.session
        if s is not None:  # show the new pending mentions of the open transcript
            tid = s.transcript_id
            self.controller.open_transcript(None)
            self.controller.open_transcript(tid)
        self._info("Pre-annotation finished", report.summary()[0].upper()
                   + report.summary()[1:] + ".")

    def export_dataset(self) -> ExportDialog | None:
        """File › Export…: ask format, which transcripts and where, then export."""
        if self.project is None or self.project.path is None:
            self.show_error("No project", "Open or create a project first.")
            return None
        dlg = ExportDialog(self.project.path, self)
        dlg.accepted.connect(lambda: self.run_export(*dlg.choice()))
        self.export_dialog = dlg
        dlg.open()
        return dlg

    def run_export(self, fmt: str, out: Path, include_all: bool) -> Job | None:
        job = self._start(export_job, fmt, out, include_all)
        if job is not None:
            job.succeeded.connect(lambda r: self._info("Export finished", export_message(r)))
        return job

    def evaluate(self) -> None:
        """Evaluate the newest run against the gold in a dock; its errors open their place."""
        if self.project is None or self.project.path is None:
            self.show_error("No project", "Open or create a project first.")
            return
        if getattr(self, "evaluation_dock", None) is None:
            from PySide6.QtWidgets import QDockWidget

            from reviewer.gui.evaluation_view import EvaluationView

            self.evaluation = EvaluationView()
            self.evaluation.locationRequested.connect(self.show_location)
            self.evaluation.evaluationFailed.connect(
                lambda msg: self.show_error("Evaluation failed", msg))
            dock = QDockWidget("Evaluation", self)
            dock.setObjectName("evaluationDock")
            dock.setWidget(self.evaluation)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            self.tabifyDockWidget(self.mentions_dock, dock)  # a tab: the full width
            self.evaluation_dock = dock
        self.evaluation_dock.show()
        self.evaluation_dock.raise_()
        self.evaluation.start_evaluation(self.project.path)

    def set_reviewer(self) -> None:
        name, ok = QInputDialog.getText(self, "Reviewer", "Your name (recorded with each "
                                        "decision):", text=self.settings.reviewer)
        if ok and name.strip():
            self.settings.reviewer = name.strip()
            self.controller.set_reviewer(name.strip())
            self.statusBar().showMessage(f"Reviewer: {name.strip()}", 4000)

    def about(self) -> None:
        self._info("About Transcript Reviewer",
                   f"Transcript Reviewer {__version__}\nBuild gold-standard datasets of "
                   "financial metrics and speaker labels in earnings-call transcripts.")

    # -- jobs -------------------------------------------------------------------------------

    def _start(self, factory, *args) -> Job | None:
        if self.project is None or self.project.path is None:
            self.show_error("No project", "Open or create a project first.")
            return None
        if self.jobs:
            self.statusBar().showMessage("Another job is running; wait for it or cancel it",
                                         5000)
            return None
        job = factory(self.project.path, *args, parent=self)
        dlg = QProgressDialog(f"{job.title}\u2026", "Cancel", 0, 0, self)
        dlg.setObjectName("jobProgress")
        dlg.setWindowTitle(job.title)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(300)
        dlg.canceled.connect(job.cancel)
        job.progress.connect(lambda d, t, w: (dlg.setMaximum(t), dlg.setValue(d),
                                              dlg.setLabelText(f"{job.title}: {w}")))
        job.failed.connect(lambda msg: self.show_error(f"{job.title} failed", msg))
        job.finished.connect(lambda: self._job_done(job, dlg))
        self.jobs.append(job)
        self.progress_dialog = dlg
        job.start()
        return job

    def _job_done(self, job: Job, dlg: QProgressDialog) -> None:
        dlg.reset()
        dlg.hide()
        if job in self.jobs:
            self.jobs.remove(job)
        if job.is_cancelled:
            self.statusBar().showMessage(f"{job.title}: cancelled (what was done is kept)",
                                         8000)
        self.reload_list()
        job.deleteLater()

    def _info(self, title: str, text: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, title, text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("infoBox")
        self.last_info = box
        box.open()
        return box
