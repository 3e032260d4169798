"""Speaker-label suggestions: for each turn, who most likely speaks it, why, and how surely.

Evidence, strongest first (confidences are meant to read as probabilities):

* self-identification — "Okay. I'm Sam." (0.95), "it's Chad for Rich" (the line of Rich, 0.9),
  a stated role — "my defect as a CFO" (0.85);
* hand-offs — "let me turn the call over to Sam", a closing "Vic?" (0.85 at the end of the
  previous turn, 0.6 earlier in it);
* the Q&A order (speakers.qa) — the turn after "your next question comes from the line of
  Peter Levine" is Peter Levine's (0.9), later analyst turns of that exchange too (0.85), a
  closing "Great, thanks." after an answer (0.7); an answer is from the executive the question
  was put to ("Sam, I wanted to ask you", 0.5);
* content — the IR host's opening, the CFO's financial review in the prepared remarks (0.6);
* the same label elsewhere — speech recognition names a voice consistently, so a label shown
  by strong evidence to be another person's stays that person's (0.6-0.75);
* the label as written (0.55 in speech-recognition transcripts, 0.85 elsewhere).

A name "Thanks, Vic", "As Vic said" or "Vic's comments" rules Vic out as the speaker.

Decision (DESIGN.md: "for every turn, suggest the likely true speaker"): one suggestion per
turn for which there is evidence beyond the label itself, whether it confirms the label or
corrects it; operator turns get none. ``is_correction`` / ``corrections`` keep the ones whose
suggested speaker differs from the turn's current speaker — what a reviewer needs to look at.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from reviewer.core.extract.anchored import lowered_texts
from reviewer.core.extract.speakers import cues
from reviewer.core.extract.speakers.board import EXECUTIVE_ROLES, Board, Verdict
from reviewer.core.extract.speakers.qa import block_evidence, find_blocks
from reviewer.core.model import ParsedTranscript, Turn

# Strong evidence from a turn's own words: enough to say what its label stands for.
_STRONG = 0.8
# A prepared-remarks turn whose financial-review wording is this many times denser than
# every other long prepared turn's is the CFO's.
_CFO_DENSITY_RATIO = 3.0
_CFO_MIN_DENSITY = 1.0
_LONG_PREPARED = 1500


@dataclass
class SpeakerSuggestion:
    """The likely true speaker of one turn (the ``speaker_suggestions`` JSON items)."""

    turn: int
    label: str | None
    suggested: str  # canonical roster name
    reason: str
    confidence: float

    def to_json(self) -> dict:
        """The ``reviewer extract --json`` object for this suggestion."""
        return asdict(self)


def suggest_speakers(parsed: ParsedTranscript) -> list[SpeakerSuggestion]:
    """One suggestion per non-operator turn with evidence about its speaker (see module doc).

    ``suggested`` equal to the turn's ``speaker`` confirms the label; otherwise it is a
    correction (``is_correction``).
    """
    if not parsed.turns or not parsed.participants:
        return []
    board = Board.of(parsed)
    with lowered_texts():  # the cue patterns read each turn several times
        _local_evidence(board)
        for block in find_blocks(board):
            block_evidence(board, block)
        _spread_labels(board)
        out = []
        for i, turn in enumerate(parsed.turns):
            if board.operator[i] or not any(e.kind != "label" for e in board.evidence[i]):
                continue
            verdict = _decide(board, i)
            if verdict is None:
                continue
            reason = "; ".join(dict.fromkeys(verdict.reasons[:2]))
            if verdict.who is board.labelled[i]:
                reason = f"confirms the label: {reason}" if reason else \
                    f"the label as written outweighs weaker evidence for {verdict.rival}"
            out.append(SpeakerSuggestion(i, turn.label, verdict.who.name, reason, verdict.conf))
    return out


def is_correction(suggestion: SpeakerSuggestion, turn: Turn) -> bool:
    """True when the suggestion names someone else than the turn's current speaker."""
    return suggestion.suggested != turn.speaker


def corrections(parsed: ParsedTranscript,
                suggestions: list[SpeakerSuggestion] | None = None) -> list[SpeakerSuggestion]:
    """The suggestions that would change a turn's speaker (computed when not given)."""
    if suggestions is None:
        suggestions = suggest_speakers(parsed)
    return [s for s in suggestions if is_correction(s, parsed.turns[s.turn])]


def _local_evidence(board: Board) -> None:
    """Evidence from each turn's own words and its neighbours' (hand-offs, thanks)."""
    n = len(board.texts)
    for i, text in enumerate(board.texts):
        if board.operator[i]:
            continue
        _self_identification(board, i, text)
        if i > 0:
            _handoff(board, i)
        nxt = i + 1
        if nxt < n and not board.operator[nxt] and len(text) >= 150:
            thanked = cues.thanked_at_start(board.texts[nxt])
            if thanked is not None:
                board.add(i, board.resolve(thanked.name), 0.5,
                          f"the next speaker thanks them: \"{thanked.quote}\"", "local")
    _prepared_content(board)


def _decide(board: Board, i: int, kinds: tuple[str, ...] | None = None) -> Verdict | None:
    """``board.decide`` of a turn with evidence, once the names it talks to or about ("Thanks,
    Vic", "As Vic said") are ruled out.

    Those names only lower the score of a candidate, so they are read (once) only for a turn
    about to be decided: most short turns, a third of the text, have no evidence and are
    never read for them.
    """
    if i not in board.named_read:
        board.named_read.add(i)
        for cue in cues.not_the_speaker(board.texts[i], board.spoken_to(i)):
            board.rule_out(i, board.resolve(cue.name), cue.quote)
    return board.decide(i, kinds)


def _self_identification(board: Board, i: int, text: str) -> None:
    me, on_behalf = cues.self_identification(text)
    who = board.resolve(me.name) if me else None
    if who is not None:
        board.add(i, who, 0.95, f"self-identification: \"{me.quote}\"", "local", "self")
    elif on_behalf is not None:
        line = board.resolve(on_behalf.name, ("analyst",))
        board.add(i, line, 0.9, f"speaks on the line of {line.name if line else ''}: "
                  f"\"{on_behalf.quote}\"", "local")
    role = cues.role_self_identification(text)
    if role is not None:
        holders = [p for p in board.parsed.participants if p.role == role.name]
        if len(holders) == 1:
            board.add(i, holders[0], 0.85, f"states their role: \"{role.quote}\"", "local")


def _handoff(board: Board, i: int) -> None:
    """The previous turn handing the floor to someone: the last hand-off in it counts."""
    found = cues.handoffs(board.texts[i - 1])
    if not found:
        return
    cue = found[-1]
    who = board.resolve(cue.name, EXECUTIVE_ROLES)
    conf = 0.85 if cue.late else 0.6
    board.add(i, who, conf, f"hand-off: \"{cue.quote}\"", "local")


def _prepared_content(board: Board) -> None:
    """The IR host's opening and the CFO's financial review, by their wording (0.6)."""
    turns = board.parsed.turns
    prepared = [i for i, t in enumerate(turns)
                if t.section == "prepared" and not board.operator[i]]
    ir = [p for p in board.parsed.participants if p.role == "ir"]
    cfo = [p for p in board.parsed.participants if p.role == "cfo"]
    for i in prepared:
        quote = cues.ir_opening(board.texts[i])
        if quote and len(ir) == 1:
            board.add(i, ir[0], 0.6, f"the IR host's opening: \"{quote}\"", "local")
    long_turns = [i for i in prepared if len(board.texts[i]) >= _LONG_PREPARED]
    if len(cfo) != 1 or len(long_turns) < 2:
        return
    density = {i: cues.cfo_term_density(board.texts[i]) for i in long_turns}
    top = max(long_turns, key=lambda i: density[i])
    others = max(d for i, d in density.items() if i != top)
    if density[top] >= _CFO_MIN_DENSITY and density[top] >= _CFO_DENSITY_RATIO * others:
        board.add(top, cfo[0], 0.6, "the financial review of the prepared remarks "
                  "(margins, cash, guidance)", "local")


def _spread_labels(board: Board) -> None:
    """A label that strong evidence shows to be another person's stays that person's.

    Speech recognition names a voice consistently, so when turns labelled "Victoria" are
    Sam by self-identification or hand-off (and none is Victoria by such evidence), the other
    "Victoria" answers are likely Sam's too. Only executive-side, non-trivial turns inherit:
    analysts' turns are settled by the Q&A order.
    """
    by_label: dict[str, list[int]] = {}
    for i in range(len(board.texts)):
        if not board.operator[i] and board.label_key(i):
            by_label.setdefault(board.label_key(i), []).append(i)
    for turns in by_label.values():
        strong = {}
        confirmed = False
        for i in turns:
            if not any(e.kind == "local" for e in board.evidence[i]):
                continue  # no verdict from the turn's own words
            local = _decide(board, i, ("local",))
            if local is None or local.local < _STRONG:
                continue
            if local.who is board.labelled[i]:
                confirmed = True
            else:
                strong[i] = local.who
        targets = {p.name for p in strong.values()}
        if confirmed or len(targets) != 1:
            continue
        who = next(iter(strong.values()))
        if who.role == "analyst":
            continue
        conf = min(0.75, 0.6 + 0.05 * (len(strong) - 1))
        shown = ", ".join(str(i) for i in strong)
        label = board.parsed.turns[turns[0]].label
        for i in turns:
            if i in strong or board.side[i] == "analyst":
                continue
            text = board.texts[i]
            if len(text) < 60 or cues.is_pleasantry(text):
                continue
            board.add(i, who, conf, f"the label {label!r} is {who.name} in turn(s) {shown}",
                      "spread")
