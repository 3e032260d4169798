"""The evidence board: what every cue says about each turn's speaker, and how it adds up.

Every cue adds a piece of evidence (a participant, a confidence, a reason) to a turn, or marks
a participant as *not* the speaker of a turn ("Thanks, Vic" is not said by Vic). Pieces for
the same participant combine like independent witnesses (noisy-OR); the label as written is
one more witness, trusted less in speech-recognition transcripts, where labels are often wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewer.core.extract.speakers.cues import Cue, spoken_to
from reviewer.core.extract.speakers.names import NameIndex
from reviewer.core.model import ParsedTranscript, Participant, Turn

# How much the label as written is worth on its own: speech recognition guesses its labels
# (seed 000 has a third of them wrong), the other sources copy a human-made header.
LABEL_TRUST_ASR = 0.55
LABEL_TRUST = 0.85
# A participant the text shows is not the speaker keeps this share of its score.
AGAINST_FACTOR = 0.3
EXECUTIVE_ROLES = ("ceo", "cfo", "executive", "ir")

_OPERATOR_LABEL = re.compile(r"^\s*(operator|مشغل|接線員|操作員)\b", re.I)
_OPERATOR_WORDS = re.compile(
    r"question (?:comes?|is) from|your line is open|operator instructions|conference operator|"
    r"press star|\bconcludes\b|\bdisconnect\b|further questions|\bline of\b",
    re.I,
)


@dataclass
class Evidence:
    """One cue's vote: ``who`` speaks the turn, with ``conf`` and a reason a person can check.

    ``kind`` is where it comes from: ``label`` (as written), ``local`` (the turn's own words
    and its neighbours': self-identification, hand-offs), ``block`` (the Q&A order: the
    operator's introduction, who answers a question) or ``spread`` (the same label elsewhere).
    """

    who: Participant
    conf: float
    reason: str
    kind: str
    cue: str = ""  # which rule, when a later rule needs to know ("self": self-identification)


@dataclass
class Verdict:
    """The combined view of one turn: the most likely speaker and how sure we are."""

    who: Participant
    conf: float
    reasons: list[str]
    scores: dict[str, float]
    local: float  # the winner's score from the turn's own words alone
    rival: str | None = None  # the strongest other candidate with real evidence, and why


@dataclass
class Board:
    """Evidence collected per turn, plus what every cue finder needs to know."""

    parsed: ParsedTranscript
    texts: list[str] = field(default_factory=list)
    operator: list[bool] = field(default_factory=list)
    labelled: list[Participant | None] = field(default_factory=list)
    evidence: list[list[Evidence]] = field(default_factory=list)
    against: list[dict[str, str]] = field(default_factory=list)
    named_read: set[int] = field(default_factory=set)  # turns read for names ruled out
    side: list[str | None] = field(default_factory=list)  # "analyst" / "executive" in Q&A
    label_trust: float = LABEL_TRUST
    names: NameIndex = field(default_factory=lambda: NameIndex([]))
    _resolved: dict[tuple[str, tuple[str, ...] | None], Participant | None] = field(
        default_factory=dict)
    _spoken_to: dict[int, list[tuple[bool, Cue]]] = field(default_factory=dict)

    @classmethod
    def of(cls, parsed: ParsedTranscript) -> Board:
        """A board with every turn's spoken text, operator flag and labelled participant."""
        b = cls(parsed)
        b.label_trust = LABEL_TRUST_ASR if "asr" in parsed.format else LABEL_TRUST
        b.names = NameIndex(parsed.participants)
        by_name = {p.name: p for p in parsed.participants}
        for t in parsed.turns:
            text = turn_text(parsed, t)
            b.texts.append(text)
            b.operator.append(_is_operator_turn(t, text))
            b.labelled.append(by_name.get(t.speaker) if t.speaker else None)
            b.evidence.append([])
            b.against.append({})
            b.side.append(None)
        return b

    def resolve(self, name: str, roles: tuple[str, ...] | None = None) -> Participant | None:
        """The roster participant a name in the text refers to (``None`` when unclear)."""
        key = (name, roles)
        if key not in self._resolved:
            self._resolved[key] = self.names.resolve(name, roles)
        return self._resolved[key]

    def spoken_to(self, turn: int) -> list[tuple[bool, Cue]]:
        """``cues.spoken_to`` of a turn, read once (for the Q&A order and the ruled-out
        names)."""
        if turn not in self._spoken_to:
            self._spoken_to[turn] = spoken_to(self.texts[turn])
        return self._spoken_to[turn]

    def add(self, turn: int, who: Participant | None, conf: float, reason: str,
            kind: str, cue: str = "") -> None:
        """Record one piece of evidence (ignored when ``who`` is unknown)."""
        if who is not None:
            self.evidence[turn].append(Evidence(who, conf, reason, kind, cue))

    def rule_out(self, turn: int, who: Participant | None, quote: str) -> None:
        """Record that ``who`` is not the speaker of ``turn`` (they are talked to or about)."""
        if who is not None:
            self.against[turn].setdefault(who.name, quote)

    def label_key(self, turn: int) -> str:
        """The label as written, normalised (turns with equal keys carry the same label)."""
        label = self.parsed.turns[turn].label
        return self.normalized(label) if label else ""

    def normalized(self, name: str) -> str:
        """``normalize_name(name)``, computed once per board (labels recur in every turn, and
        are most often the roster's names, which the name index has normalised already)."""
        return self.names.normalized(name)

    def decide(self, turn: int, kinds: tuple[str, ...] | None = None) -> Verdict | None:
        """Combine the evidence of a turn (of the given kinds only, when given), and what
        ``against`` holds for it (``suggest`` reads the ruled-out names of a turn just
        before deciding it)."""
        pieces = [e for e in self.evidence[turn] if kinds is None or e.kind in kinds]
        labelled = self.labelled[turn]
        if labelled is not None and (kinds is None or "label" in kinds):
            pieces.append(Evidence(labelled, self.label_trust,
                                   f"label {self.parsed.turns[turn].label!r}", "label"))
        if not pieces:
            return None
        people: dict[str, Participant] = {}
        miss: dict[str, float] = {}
        local_miss: dict[str, float] = {}
        for e in pieces:
            people[e.who.name] = e.who
            miss[e.who.name] = miss.get(e.who.name, 1.0) * (1.0 - e.conf)
            if e.kind == "local":
                local_miss[e.who.name] = local_miss.get(e.who.name, 1.0) * (1.0 - e.conf)
        scores = {}
        for name, m in miss.items():
            factor = AGAINST_FACTOR if name in self.against[turn] else 1.0
            scores[name] = (1.0 - m) * factor
        best = max(scores, key=lambda n: (scores[n], n == (labelled.name if labelled else "")))
        # A rival backed by real evidence (not just its label) makes the winner less sure.
        rivals = _without_label(pieces, best)
        rival = max((1.0 - m for m in rivals.values()), default=0.0)
        conf = scores[best] * (1.0 - 0.5 * rival)
        ranked = sorted(pieces, key=lambda e: -e.conf)
        reasons = [e.reason for e in ranked if e.who.name == best and e.kind != "label"]
        local = 1.0 - local_miss.get(best, 1.0)
        other = next((e for e in ranked if e.who.name in rivals), None)
        rival_note = f"{other.who.name} ({other.reason})" if other else None
        return Verdict(people[best], round(min(conf, 0.99), 2), reasons, scores, local,
                       rival_note)


def _without_label(pieces: list[Evidence], best: str) -> dict[str, float]:
    miss: dict[str, float] = {}
    for e in pieces:
        if e.who.name != best and e.kind != "label":
            miss[e.who.name] = miss.get(e.who.name, 1.0) * (1.0 - e.conf)
    return miss


def turn_text(parsed: ParsedTranscript, turn: Turn) -> str:
    """What the speaker said, without translations (cues are read in the original)."""
    parts = [parsed.text[p.start:p.end] for p in turn.paragraphs if p.translation_of is None]
    return "\n".join(parts) if parts else parsed.text[turn.start:turn.end]


def _is_operator_turn(turn: Turn, text: str) -> bool:
    """An operator's turn: labelled as the operator, or an operator's name on operator words.

    A turn labelled with the operator's *name* but saying something else ("Simon" on the IR
    host's welcome in seed 000) is a mislabelled turn, not an operator turn.
    """
    if turn.role != "operator":
        return False
    if not turn.label or _OPERATOR_LABEL.match(turn.label):
        return True
    return _OPERATOR_WORDS.search(text) is not None
