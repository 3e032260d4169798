"""Review › Next most useful (a mixin of the main window): jump to the pending mention the
gold needs most — where a trained model and the rules disagree, or the model is least sure
(core/learn/active.py) — in the open transcript, or else open the most useful pending
transcript. The model folder (``reviewer train --out``) is asked for once and remembered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from reviewer.core.errors import ReviewerError

SETTING = "learn/model_dir"


class LearnActions:
    """Handler of Review › Next most useful."""

    _useful_model = None  # (path, SpacyExtractor), loaded once

    def useful_model(self, ask: bool = True):
        """The trained model to order by, asking for its folder the first time."""
        path = self.settings.q.value(SETTING, "") or ""
        if not path and ask:
            path = QFileDialog.getExistingDirectory(
                self, "Trained model folder (made by: reviewer train --out MODEL_DIR)")
        if not path:
            return None
        if self._useful_model is None or self._useful_model[0] != path:
            from reviewer.core.learn.extractor import SpacyExtractor

            try:
                self._useful_model = (path, SpacyExtractor({"model": path}))
            except ReviewerError as exc:
                self.settings.q.remove(SETTING)
                self.show_error("No usable model", str(exc))
                return None
            self.settings.q.setValue(SETTING, path)
        return self._useful_model[1]

    def next_most_useful(self) -> None:
        """Select the most useful pending mention (opening the most useful transcript when the
        open one has nothing pending)."""
        if self.project is None:
            self.show_error("No project", "Open or create a project first.")
            return
        model = self.useful_model()
        if model is None:
            return
        from reviewer.core.learn.active import order_mentions, order_transcripts

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            session = self.controller.session
            order = order_mentions(self.project, model, session.transcript_id) \
                if session is not None else []
            if not order:
                ranked = order_transcripts(self.project, model)
                if not ranked:
                    self.statusBar().showMessage("Nothing pending: every transcript is "
                                                 "reviewed", 5000)
                    return
                self.open_transcript(ranked[0][0])
                order = order_mentions(self.project, model, ranked[0][0])
        finally:
            QApplication.restoreOverrideCursor()
        if order:
            self.go_to_mention(order[0][0])
            self.statusBar().showMessage(f"Most useful pending mention (usefulness "
                                         f"{order[0][1]:.2f} of 2)", 5000)
