"""What the review keys do (a mixin of the main window): every change goes through a core
command run by the controller; this module only decides WHICH mention or turn is meant."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from reviewer.core.review import (
    Accept,
    AcceptPending,
    AcceptTurn,
    Add,
    Edit,
    MarkReviewed,
    Reject,
    Resize,
    guess_fields,
)
from reviewer.core.review.fields import known_metrics
from reviewer.gui.mentions_model import COLUMNS, EDITABLE
from reviewer.gui.metric_chooser import MetricChooser


class ReviewActions:
    """Handlers of the Review, Speakers, Edit and Transcript menus."""

    # -- which mention ----------------------------------------------------------------------

    def current_mention(self) -> int | None:
        aid = self.mentions.current_id()
        return aid if aid is not None else self.view.current_mention()

    def go_to_mention(self, aid: int | None) -> None:
        if aid is None:
            return
        self.mentions.select_id(aid)
        self.view.focus_mention(aid)
        self.remember_mention(aid)

    def remember_mention(self, aid: int | None) -> None:
        """Keep the current mention for the next launch (it reopens scrolled to it). Kept in
        memory here and written to the settings when the transcript is left or the window
        closes (a settings write per key press would touch the disk every time)."""
        s = self.controller.session
        if aid is not None and s is not None:
            self.last_mention = (s.transcript_id, aid)

    def save_last_mention(self) -> None:
        """Write the remembered mention to the settings."""
        last = getattr(self, "last_mention", None)
        if last is not None and self.project is not None and self.project.path is not None:
            self.settings.set_last_mention(self.project.path, *last)
        self.last_mention = None

    def _need_mention(self) -> int | None:
        aid = self.current_mention()
        if aid is None or self.controller.annotation(aid) is None:
            self.statusBar().showMessage("No mention selected: press N for the next one", 5000)
            return None
        return aid

    def _advance_from(self, aid: int) -> None:
        """After a decision, move on to the next pending mention in the text (or stay)."""
        anns = self.controller.annotations
        ids = [a.id for a in anns]
        i = ids.index(aid) if aid in ids else -1
        nxt = next((a.id for a in anns[i + 1:]
                    if a.status == "pending" and self.mentions.shows(a)), None)
        self.go_to_mention(nxt if nxt is not None else aid)

    # -- mention decisions ------------------------------------------------------------------

    def accept(self) -> None:
        aid = self._need_mention()
        if aid is not None and self.controller.do(Accept(aid)) is not None:
            self._advance_from(aid)

    def reject(self) -> None:
        aid = self._need_mention()
        if aid is not None and self.controller.do(Reject(aid)) is not None:
            self._advance_from(aid)

    def next(self) -> None:
        self.go_to_mention(self.mentions.step(+1))

    def prev(self) -> None:
        self.go_to_mention(self.mentions.step(-1))

    def next_pending(self) -> None:
        aid = self.mentions.step(+1, pending_only=True)
        if aid is None:
            self.statusBar().showMessage("No pending mention after this one", 4000)
        self.go_to_mention(aid)

    def edit(self) -> None:
        if self._need_mention() is None:
            return
        col = self.mentions.table.currentIndex().column()
        name = COLUMNS[col] if 0 <= col < len(COLUMNS) else "value"
        if name == "metric":
            self.choose_metric(self.current_mention())
            return
        self.mentions_dock.raise_()
        self.mentions.edit_current(name if name in EDITABLE else "value")

    def choose_metric(self, aid: int | None) -> MetricChooser | None:
        """The metric chooser for a mention, its metric highlighted (Enter keeps it)."""
        a = self.controller.annotation(aid)
        if a is None:
            return None
        surface = self.controller.session.text[a.start:a.end]
        dlg = MetricChooser(sorted(known_metrics()), a.metric,
                            f"Metric of \u201c{surface}\u201d"
                            + (f" (guess: {a.metric})" if a.metric else ""), self)
        dlg.chosen.connect(lambda mid: self._set_metric(aid, mid))
        dlg.finished.connect(lambda _r: self.view.setFocus())
        self.metric_chooser = dlg
        dlg.open()
        dlg.edit.setFocus()
        return dlg

    def _set_metric(self, aid: int, metric: str) -> None:
        a = self.controller.annotation(aid)
        if a is not None and a.metric != metric:
            self.controller.do(Edit(aid, {"metric": metric}))
        self.go_to_mention(aid)

    def add(self) -> None:
        span = self.view.selection_span()
        if span is None:
            self.statusBar().showMessage(
                "Select the text of the missed mention first, then press M", 5000)
            return
        # Value from the selection; metric, period, kind and basis as the extractor's rules
        # read that span (the chooser shows the metric: Enter keeps it).
        fields = guess_fields(self.controller.session.transcript, *span)
        d = self.controller.do(Add(*span, fields))
        if d is None and fields:  # a guess the taxonomy refuses must not block adding
            d = self.controller.do(Add(*span))
        if d is not None:
            aid = next(iter(d.touched("annotations")))
            self.mentions.select_id(aid, COLUMNS.index("metric"))
            self.view.focus_mention(aid, scroll=False)
            a = self.controller.annotation(aid)
            self.statusBar().showMessage(
                f"Added \u201c{self.view.parsed.text[a.start:a.end]}\u201d "
                f"({a.period or 'no period'}, {a.kind or 'no kind'}); Enter keeps the "
                "metric, or type to pick another", 8000)
            self.choose_metric(aid)

    def resize_mention(self) -> None:
        aid = self._need_mention()
        span = self.view.selection_span()
        if aid is None:
            return
        if span is None:
            self.statusBar().showMessage("Select the new extent of the mention first", 5000)
            return
        a = self.controller.annotation(aid)
        if span[1] <= a.start or span[0] >= a.end:
            # Most likely the wrong mention is current: moving it elsewhere is refused.
            self.statusBar().showMessage(
                "Not resized: the selection does not overlap the current mention (select "
                "over it, or press M to add the selection as a new mention)", 8000)
            return
        if self.controller.do(Resize(aid, *span)) is not None:
            self.view.focus_mention(aid, scroll=False)

    def _nudge(self, ds: int, de: int) -> None:
        """Move one boundary by one visible character (spaces are stepped over)."""
        aid = self._need_mention()
        if aid is None:
            return
        a = self.controller.annotation(aid)
        text = self.controller.session.text
        start, end = a.start + ds, a.end + de
        while ds and 0 < start < end and text[start].isspace():
            start += ds
        while de and start < end < len(text) and text[end - 1].isspace():
            end += de
        if self.controller.do(Resize(aid, start, end)) is not None:
            self.view.focus_mention(aid, scroll=False)

    def grow_end(self) -> None:
        self._nudge(0, +1)

    def shrink_end(self) -> None:
        self._nudge(0, -1)

    def grow_start(self) -> None:
        self._nudge(-1, 0)

    def shrink_start(self) -> None:
        self._nudge(+1, 0)

    def _turn_for_action(self) -> int:
        aid = self.current_mention()
        a = self.controller.annotation(aid) if aid is not None else None
        if a is not None:
            for t in self.controller.turns:
                if t.start <= a.start < t.end:
                    return t.idx
        return self.current_turn if self.current_turn >= 0 else self.view.turn_at_cursor()

    def accept_turn(self) -> None:
        idx = self._turn_for_action()
        if idx < 0:
            self.statusBar().showMessage("Click in a turn first", 4000)
            return
        self.controller.do(AcceptTurn(idx))

    # -- transcript, history ----------------------------------------------------------------

    def mark_reviewed(self) -> None:
        if self.controller.session is None:
            return
        reviewed = self.controller.info().get("status") == "reviewed"
        pending = sum(1 for a in self.controller.annotations if a.status == "pending")
        if reviewed or not pending:
            self.controller.do(MarkReviewed(not reviewed))
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Mark reviewed",
                          f"{pending} mention(s) of this transcript are still pending. "
                          "A reviewed transcript's pending mentions stay out of the gold.",
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("pendingBox")
        accept = box.addButton(f"&Accept the {pending} and mark reviewed",
                               QMessageBox.ButtonRole.AcceptRole)
        leave = box.addButton("&Leave them out", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(accept)
        box.buttonClicked.connect(lambda b: self._mark_with_pending(b, accept, leave, pending))
        box.finished.connect(lambda _r: (self.activateWindow(), self.view.setFocus()))
        self.pending_box = box
        box.open()

    def _mark_with_pending(self, button, accept, leave, pending: int) -> None:
        if button is accept:
            if self.controller.do(AcceptPending()) is None:
                return
        elif button is not leave:
            self.statusBar().showMessage("Not marked reviewed", 4000)
            return
        if self.controller.do(MarkReviewed(True)) is not None:
            note = (f"{pending} pending mention(s) accepted" if button is accept
                    else f"{pending} pending mention(s) left out of the gold")
            self.statusBar().showMessage(f"Marked reviewed \u2014 {note}", 8000)

    def undo(self) -> None:
        self._show_flip(self.controller.undo())

    def redo(self) -> None:
        self._show_flip(self.controller.redo())

    def _show_flip(self, d) -> None:
        if d is None:
            return
        ids = [i for i in d.touched("annotations") if self.controller.annotation(i)]
        if ids:
            self.go_to_mention(min(ids))

    def show_location(self, tid: int, start: int, end: int) -> None:
        """Open a transcript at a span (from the evaluation's errors, say): its mention when
        there is one on that span, else the text selected."""
        self.open_transcript(tid)
        s = self.controller.session
        if s is None or s.transcript_id != tid:
            return
        # The mention on that span, else the one overlapping it most (a boundary error):
        # it becomes current, so A, R, E act on it at once.
        anns = self.controller.annotations
        same = [a.id for a in anns if (a.start, a.end) == (start, end)]
        if not same:
            over = sorted((min(a.end, end) - max(a.start, start), -a.id) for a in anns
                          if a.start < end and start < a.end)
            same = [-over[-1][1]] if over else []
        if same:
            self.go_to_mention(same[0])
        else:
            self.view.select_source(start, end)
            self.view.centerCursor()
        self.view.setFocus()

    def next_transcript(self) -> None:
        tid = self.transcripts.step(+1)
        if tid is not None:
            self.open_transcript(tid)

    def prev_transcript(self) -> None:
        tid = self.transcripts.step(-1)
        if tid is not None:
            self.open_transcript(tid)

    # -- find, focus ------------------------------------------------------------------------

    def open_find(self) -> None:
        self.find_bar.show()
        sel = self.view.textCursor().selectedText()
        if sel and "\u2029" not in sel:
            self.find_edit.setText(sel)
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def find_next(self) -> None:
        self._find(backward=False)

    def find_prev(self) -> None:
        self._find(backward=True)

    def _find(self, backward: bool) -> None:
        text = self.find_edit.text()
        if not text:
            self.open_find()
            return
        self.view.find_text(text, backward)
        self.show_find_count()

    def show_find_count(self) -> None:
        """"3 of 12" beside the find box (or "not found")."""
        current, total = self.view.find_position(self.find_edit.text())
        self.find_status.setText(f"{current} of {total}" if total else "not found")

    def close_find(self) -> None:
        self.find_bar.hide()
        self.view.clear_find()
        self.view.setFocus()

    def focus_list(self) -> None:
        self.list_dock.show()
        self.transcripts.search.setFocus()
        self.transcripts.search.selectAll()

    def focus_text(self) -> None:
        self.view.setFocus()

    def focus_table(self) -> None:
        self.mentions_dock.raise_()
        self.mentions.table.setFocus()
