"""Speakers by keyboard (a mixin of the main window): the next flagged turn (F), accept the
suggestion and move on (S), focus the speaker box (Ctrl+3), turns by turn ([ and ])."""

from __future__ import annotations

from reviewer.core.review import TurnState


def is_flagged(t: TurnState, suggested: str | None) -> bool:
    """A turn that wants a look: the extractor suggests another speaker, or the label names
    no one on the roster — and no reviewer has settled it yet."""
    if t.speaker_status is not None:
        return False
    return (suggested is not None and suggested != t.current_speaker) or \
        (t.current_speaker is None and t.current_role != "operator")


class SpeakerActions:
    """Handlers of the Speakers menu."""

    def flagged_turns(self) -> list[int]:
        c = self.controller
        return [t.idx for t in c.turns
                if is_flagged(t, s.suggested if (s := c.suggestions.get(t.idx)) else None)]

    def next_flagged(self) -> int | None:
        """Go to the next flagged turn after the current one (wrapping around)."""
        flagged = self.flagged_turns()
        if not flagged:
            self.statusBar().showMessage("No flagged turn left: every speaker is settled", 5000)
            return None
        later = [i for i in flagged if i > self.current_turn]
        idx = later[0] if later else flagged[0]
        self.view.go_to_turn(idx)
        self.speakers.show_turn(idx)
        self.statusBar().showMessage(
            f"Flagged turn {idx} ({len(flagged)} flagged): S accepts the suggestion, "
            "Ctrl+3 picks another speaker", 6000)
        return idx

    def accept_suggestion(self) -> None:
        """Accept the current turn's suggestion, then move on to the next flagged turn."""
        idx = self.current_turn if self.current_turn >= 0 else self._turn_for_action()
        if idx < 0:
            self.statusBar().showMessage("Click in a turn first (or F: next flagged turn)", 4000)
            return
        self.speakers.show_turn(idx)
        if self.speakers.accept_suggestion() and self.flagged_turns():
            self.next_flagged()

    def next_turn(self) -> None:
        self._step_turn(+1)

    def prev_turn(self) -> None:
        self._step_turn(-1)

    def _step_turn(self, delta: int) -> None:
        idxs = [t.idx for t in self.controller.turns]
        if not idxs:
            return
        cur = self.current_turn
        later = [i for i in idxs if (i > cur if delta > 0 else i < cur)]
        if later:
            self.view.go_to_turn(later[0] if delta > 0 else later[-1])

    def show_speakers(self) -> None:
        """Show the speakers panel and put the focus in its speaker box (Enter: this turn,
        Shift+Enter: every turn with this label, after a preview)."""
        self.speakers_dock.show()
        self.speakers_dock.raise_()
        if self.current_turn < 0:
            idx = self._turn_for_action()
            if idx >= 0:
                self.speakers.show_turn(idx)
        self.speakers.speaker.setFocus()
        self.speakers.speaker.lineEdit().selectAll()  # typing replaces the name
