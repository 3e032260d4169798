"""The order of a Q&A session as evidence: the operator introduces an analyst, the analyst
asks, executives answer, the analyst follows up or says thanks, the operator introduces the
next one. Inside one such block, an analyst-side turn is the introduced analyst's (or their
stand-in's), whatever name the label carries; an answer is likely from the executive the
question was put to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewer.core.extract.anchored import AnchoredPattern
from reviewer.core.extract.speakers import cues
from reviewer.core.extract.speakers.board import Board
from reviewer.core.model import Participant

_WORD = r"[A-Z][A-Za-zà-ÿ]+(?:['’-][A-Z][A-Za-zà-ÿ]+)?"
_PERSON = _WORD + r"(?:\s+(?:[A-Z]\.\s+)?" + _WORD + r"){1,2}"
# "Your next question comes from the line of Rich Valera with Needham."
# (Anchored at the words where they can start, as in speakers/cues.py.)
_INTRO = AnchoredPattern(re.compile(
    r"(?i:\bquestions?\s+(?:comes?|is|will\s+come)\s+from\s+(?:the\s+line\s+of\s+)?|"
    r"\bline\s+of\s+)(?P<name>" + _PERSON + r")"
), lower=("question", r"line\s+of"))
# "(Operator Instructions) Josh Nichols, B. Riley." — a bare "Name, Firm." introduction.
_BARE_INTRO = re.compile(
    r"^\W*(?:[(\[](?i:operator instructions)[)\]]\s*)?(?P<name>" + _PERSON + r"),\s+\S"
)
_INTRO_WORDS = AnchoredPattern(re.compile(
    r"\b(?:next|first|following) question\b|\bquestion (?:comes|is) from\b|\bline of\b",
    re.I), lower=("next question", "first question", "following question", "question ",
                 "line of"))
_CLOSING = AnchoredPattern(re.compile(
    r"no further questions|\bconcludes\b|turn (?:the call|it) back|closing remarks|"
    r"\bdisconnect\b", re.I),
    lower=("no further questions", "concludes", "turn the call back", "turn it back",
           "closing remarks", "disconnect"))
_ANALYST_ROLES = ("analyst", "unknown")


@dataclass
class Block:
    """One analyst's stretch of the Q&A: the introducing operator turn and what follows."""

    intro: int
    analyst: Participant | None
    introduced_as: str | None
    turns: list[int] = field(default_factory=list)

    def describe(self) -> str:
        """ "Rich Valera (Needham)", for reasons."""
        if self.analyst is None:
            return self.introduced_as or "the next analyst"
        firm = f" ({self.analyst.affiliation})" if self.analyst.affiliation else ""
        return f"{self.analyst.name}{firm}"


def find_blocks(board: Board) -> list[Block]:
    """The Q&A blocks, one per operator introduction of an analyst."""
    blocks: list[Block] = []
    current: Block | None = None
    for i, text in enumerate(board.texts):
        if not board.operator[i]:
            if current is not None:
                current.turns.append(i)
            continue
        names = [m.group("name") for m in _INTRO.finditer(text)]
        bare = _BARE_INTRO.search(text)
        if bare and not names:
            names = [bare.group("name")]
        if names or _INTRO_WORDS.search(text):
            # Several introductions in one turn (an analyst who does not answer, then the
            # next one): the last is the one who speaks.
            named = names[-1] if names else None
            who = board.resolve(named, _ANALYST_ROLES) if named else None
            current = Block(i, who, named)
            blocks.append(current)
        elif _CLOSING.search(text):
            current = None
    return blocks


def block_evidence(board: Board, block: Block) -> None:
    """Evidence from the order of one block (see the module docstring)."""
    turns = block.turns
    analyst_labels: set[str] = set()
    addressees: list[Participant] = []
    answers_since_question = 0
    for k, i in enumerate(turns):
        text = board.texts[i]
        labelled = board.labelled[i]
        label = board.parsed.turns[i].label or ""
        prev = turns[k - 1] if k else None
        nxt = turns[k + 1] if k + 1 < len(turns) else None
        followed_by_operator = nxt is None or nxt != i + 1
        side = "executive"
        if k == 0:
            side = "analyst"
            _first_turn(board, block, i)
        elif labelled is not None and labelled.role == "analyst":
            if prev is not None and board.side[prev] == "analyst" and addressees \
                    and len(text) > 300 and cues.is_answer(text):
                # An analyst label on a long answer right after the question: the recogniser
                # kept the asker's name on whoever answered.
                board.add(i, addressees[0], 0.6, f"answers the question put to "
                          f"{addressees[0].name}, right after it", "block")
                board.rule_out(i, labelled, "answers the question just asked")
            else:
                side = "analyst"
                _analyst_turn(board, block, i, labelled)
        elif block.analyst is not None and _names_firm(board, label, block.analyst):
            side = "analyst"
            board.add(i, block.analyst, 0.9, f"the label {label!r} is the firm of "
                      f"{block.describe()}", "block")
        elif labelled is None and board.normalized(label) in analyst_labels:
            # Only a label that names nobody on the roster ("Steve Seeger", a firm) follows
            # the analyst: an executive's name on the first question is the recogniser's
            # slip, and the same name later is most often that executive answering.
            side = "analyst"
            board.add(i, block.analyst, 0.85, f"same label as the question of "
                      f"{block.describe()} earlier in this exchange", "block")
        elif labelled is None:
            if cues.is_question(text):
                side = "analyst"
                board.add(i, block.analyst, 0.6, "asks a question in the exchange with "
                          f"{block.describe()}", "block")
        elif prev is not None and board.side[prev] == "executive" and block.analyst is not None:
            if cues.is_pleasantry(text) and followed_by_operator \
                    and len(board.texts[prev]) >= 80:
                side = "analyst"
                board.add(i, block.analyst, 0.7, f"a closing {_short(text)!r} after the "
                          f"answer, before the operator's next introduction: "
                          f"{block.describe()}", "block")
            elif cues.asks_like_analyst(text):
                side = "analyst"
                board.add(i, block.analyst, 0.6, "asks a follow-up question in the exchange "
                          f"with {block.describe()}", "block")
        board.side[i] = side
        if side == "analyst":
            analyst_labels.add(board.normalized(label))
            addressees = _addressees(board, i)
            answers_since_question = 0
        else:
            if addressees and answers_since_question < 2:
                _addressed(board, i, addressees, answers_since_question)
            answers_since_question += 1


def _first_turn(board: Board, block: Block, i: int) -> None:
    """The turn right after an introduction is the introduced analyst's line; a stand-in who
    names themself and is on the roster ("Michael Berg on for Michael Turrin") owns the
    rest of the block."""
    stand_in = next((e.who for e in board.evidence[i]
                     if e.kind == "local" and e.who.role == "analyst"
                     and e.who is not block.analyst and e.cue == "self"), None)
    if block.analyst is not None:
        board.add(i, block.analyst, 0.9, f"first turn after the operator introduced "
                  f"{block.describe()}", "block")
    if stand_in is not None:
        block.analyst = stand_in
    elif block.analyst is None:
        labelled = board.labelled[i]
        if labelled is not None and labelled.role == "analyst":
            block.analyst = labelled


def _analyst_turn(board: Board, block: Block, i: int, labelled: Participant) -> None:
    if block.analyst is None:
        return
    if labelled is block.analyst:
        board.add(i, block.analyst, 0.85, f"in the exchange with {block.describe()}", "block")
    else:
        board.add(i, block.analyst, 0.85, f"the operator introduced {block.describe()}; "
                  f"{labelled.name} asked earlier in the call", "block")


def _addressees(board: Board, i: int) -> list[Participant]:
    found: list[Participant] = []
    for cue in cues.vocatives(board.texts[i], spoken=board.spoken_to(i)):
        who = board.resolve(cue.name, ("ceo", "cfo", "executive"))
        if who is not None and who not in found:
            found.append(who)
    return found


def _addressed(board: Board, i: int, addressees: list[Participant], nth: int) -> None:
    """The first answer after a question is likely from the person it was put to (weak:
    executives pass questions on); an answer that opens "I'll take this one" is not."""
    if cues.takes_over(board.texts[i]):
        return
    if nth < len(addressees):
        who = addressees[nth]
        conf = 0.5 if nth == 0 else 0.4
        board.add(i, who, conf, f"the question before was put to {who.name}", "block")


def _names_firm(board: Board, label: str, analyst: Participant) -> bool:
    firm = board.normalized(analyst.affiliation or "")
    key = board.normalized(label)
    return bool(key) and bool(firm) and (key == firm or firm.startswith(key + " "))


def _short(text: str) -> str:
    return " ".join(text.split())[:40]
