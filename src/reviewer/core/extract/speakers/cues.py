"""What the words of a turn say about who speaks it, who spoke before and who speaks next.

Each finder returns names as written (resolution against the roster is the caller's job)
with the short quote that a reviewer sees in the suggestion's reason.

The patterns that scan whole turns open with "\\b" or a case-insensitive word, which Python's
``re`` tries at every position; each is an ``AnchoredPattern`` with the words (in the
lowercased text) or characters where it can start, so that only those places are tried
(same matches, several times faster: see ``anchored``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.core.extract.anchored import AnchoredPattern, lowered

# A person's name as spoken: one to three capitalised words ("Sam", "Michael Berg").
_ONE = r"[A-Z][A-Za-zà-ÿ]+(?:['’-][A-Z][A-Za-zà-ÿ]+)?"
_NAME = _ONE + r"(?:\s" + _ONE + r"){0,2}"

# "I'm Sam", "This is Vik", "it's Chad TV Bond for Rich", "this is Michael Berg on for Michael".
_SELF_ID = AnchoredPattern(re.compile(
    r"(?i:\b(?:I'm|I’m|I am|this is|it's|it’s|my name is))\s+"
    r"(?P<name>" + _ONE + r"(?:\s+" + _ONE + r"){0,3})(?![\w'’])"
    r"(?:\s+(?i:on\s+)?(?i:for)\s+(?P<for>" + _NAME + r"))?"
), lower=(r"i(?:'m|’m| am)", r"it['’]s", "this is", "my name is"))
# "my defect as a CFO", "when I became CFO": a speaker stating their own role.
_ROLE_SELF = re.compile(
    r"(?:\b(?i:I|my|me)\b[^.?!\n]{0,80}?(?<!\byou )\b(?i:as(?:\s+(?:a|an|the|your))?|became"
    r"(?:\s+(?:the|a))?)|\b(?i:I'm|I’m|I am)(?:\s+(?:the|a|your))?)\s+"
    r"(?P<role>CFO|CEO|(?i:chief financial officer|chief executive(?: officer)?))\b"
)
# Every stated role names one of these, and no stated role spans a ".", "?" or "!": the slow
# pattern, which can start at any "I", "my" or "me", reads only the sentences with one.
_ROLE_WORDS_CASED = ("CFO", "CEO")
_ROLE_WORDS_LOWER = ("chief financial officer", "chief executive")
_SENTENCE_STOPS = ".?!"
# "I'd like to welcome Kevin as our CFO": a role stated for someone else.
_ROLE_OF_OTHER = re.compile(
    r"\b(?:welcom\w*|introduc\w*|appoint\w*|hire[sd]?|hiring|named|promot\w*)\b", re.I)
# A closing one-word question ("… Vic?"), read from the end of the text backwards: where
# the full stop (or ? or !) before the name can be.
_CLOSING_QUESTION_REVERSED = re.compile(r"\s*\?[^\s?]+\s+[.?!]")


def _handoff_starts(text: str, end: int) -> list[int]:
    """Where the last two branches of ``_HANDOFF`` can start: at each "then", at an "and"
    before it ("and then Steven can"), and at the full stop before a closing "Vic?".

    The "and" is found from the "then" (one pass of ``str.find`` instead of that and a
    regex pass); ``str.isspace`` is ``\\s`` (the same test over all of Unicode).
    """
    out = _closing_question(text, end)
    low = lowered(text)
    if low is None:  # (never asked: such a text is scanned the plain way)
        return out
    at = low.find("then", 0, end)
    while at >= 0:
        k = at
        while k > 0 and low[k - 1].isspace():
            k -= 1
        if 3 <= k < at and low.startswith("and", k - 3):
            out.append(k - 3)
        out.append(at)
        at = low.find("then", at + 1, end)
    return out


def _closing_question(text: str, end: int) -> list[int]:
    """Where the last branch of ``_HANDOFF`` can start: at most one place, near the end (none
    unless the text ends with "?", as most turns do not: those are not reversed)."""
    j = end
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j == 0 or text[j - 1] != "?":
        return []
    m = _CLOSING_QUESTION_REVERSED.match(text[end - 1::-1])
    return [end - m.end()] if m else []


# "turn the call over to Sam", "hand it over to Kevin", "Take it away, Lisa", "I'll let Vik
# take that", "and then Steven can provide more color", a closing "Vic?".
_HANDOFF = AnchoredPattern(re.compile(
    r"(?i:\b(?:turn|hand|pass)(?:ing)?\s+(?:(?:the\s+)?(?:call|floor|it|things|this|that)\s+)?"
    r"(?:back\s+)?(?:over\s+|off\s+|on\s+)?(?:back\s+)?to)\s+(?P<a>" + _NAME + r")"
    r"|(?i:\btake it away),?\s+(?P<b>" + _NAME + r")"
    r"|(?i:\bI(?:'ll|’ll| will)\s+let)\s+(?P<c>" + _NAME + r")\s+(?i:take|answer|add|address|"
    r"cover|handle|speak|talk|comment|go)"
    r"|(?i:\b(?:and\s+)?then)\s+(?P<d>" + _ONE + r")\s+(?i:can|will)\s+(?i:provide|add|take|give|"
    r"answer|talk|walk|cover|address|comment)"
    r"|(?:^|[.?!]\s+)(?P<e>" + _ONE + r")\?\s*$"
), lower=("turn", "hand", "pass", "take it away", "i'll", "i’ll", "i will"),
    starts=_handoff_starts)
# A name spoken to: "Sam, I wanted to ask", "one for you, Steve.", "For Vic, you know".
_VOCATIVE = AnchoredPattern(re.compile(
    r"(?:(?:^|[.?!]\s+|,\s+|—\s*|--\s*)(?P<a>" + _ONE + r")(?=,|\?|\.(?:\s|$)))"
    r"|(?:\b(?i:for|ask)\s+(?:you,\s+)?(?P<b>" + _ONE + r")\b(?![\w'’]))"
), lower=(r"for\s+(?:you,\s+)?[a-z]", r"ask\s+(?:you,\s+)?[a-z]"),
    # A capitalised word between punctuation and a comma, question mark or full stop.
    cased=(r"[.?!,—-](?:(?<=[.?!,])\s+|(?<=—)\s*|(?<=-)-\s*)[A-Z][A-Za-zà-ÿ'’-]*+"
           r"(?:[,?]|\.(?:\s|$))",))
# Words that open sentences before a comma and are never a person spoken to.
_NOT_NAMES = frozenset({
    "thanks", "thank", "yes", "yeah", "yep", "no", "so", "okay", "ok", "well", "great", "sure",
    "hi", "hey", "look", "actually", "first", "second", "third", "finally", "lastly", "also",
    "and", "but", "now", "again", "right", "perfect", "excellent", "helpful", "understood",
    "obviously", "however", "additionally", "importantly", "similarly", "today", "operator",
    "sorry",
})
_THANKS_BEFORE = re.compile(r"(?i:thanks|thank you|thank)\s*,?\s*$")
# "Thank you, Victoria." / "Thanks, Vic" opening a turn: the previous speaker is named.
_THANKED = re.compile(
    r"^\W*(?:(?i:okay|ok|great|yes|yeah|well|all right)[.,!]?\s+)?"
    r"(?i:thanks|thank you|much appreciated|I appreciate it)\s*,\s*(?P<name>" + _ONE + r")\b"
)
_ANY_THANKED = AnchoredPattern(
    re.compile(r"(?i:thanks|thank you)\s*,\s*(?P<name>" + _ONE + r")\b"), lower=("thank",))
# "As Vic said", "Vic's comments", "Vic mentioned": a person spoken about, not speaking.
_SAID = "said|mentioned|discussed|noted|talked|alluded|pointed out|highlighted|touched"
_MENTIONED = "mentioned|discussed|alluded|pointed out|highlighted"
_REMARKS = "comments|remarks|good point|point|script"
# The words that can follow the name in the last two branches of _THIRD_PERSON, as found in
# the lowercased text ("pointed out" and "good point" are found from "point").
_AFTER_NAME = ("mentioned", "discussed", "alluded", "point", "highlighted", "comments",
               "remarks", "script")
_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'’-"
                        + "".join(map(chr, range(0xE0, 0x100))))  # [A-Za-zà-ÿ'’-]


def _named_before_verb(text: str, end: int) -> list[int]:
    """Where the last two branches of ``_THIRD_PERSON`` can start: every capital letter of
    the word (its "'s" included) right before the whitespace before one of their verbs or
    nouns, the places where [A-Z][A-Za-zà-ÿ'’-]*+\\s+(?i:verb) matches. A few passes of
    ``str.find`` instead of that regex tried at every capital letter.
    """
    low = lowered(text)
    if low is None:  # (never asked: such a text is scanned the plain way)
        return []
    out: set[int] = set()
    for word in _AFTER_NAME:
        at = low.find(word, 0, end)
        while at >= 0:
            out.update(_capitals_before(text, at))
            if word == "point" and at >= 5 and low.startswith("good ", at - 5):
                out.update(_capitals_before(text, at - 5))
            at = low.find(word, at + 1, end)
    return sorted(out)


def _capitals_before(text: str, at: int) -> list[int]:
    """The capital letters of the run of name characters that whitespace separates from
    ``at`` (``str.isspace`` is ``\\s``: the same test over all of Unicode)."""
    j = at
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j == at:
        return []
    k = j
    while k > 0 and text[k - 1] in _NAME_CHARS:
        k -= 1
    return [i for i in range(k, j) if "A" <= text[i] <= "Z"]


_THIRD_PERSON = AnchoredPattern(re.compile(
    r"(?i:\bas\s+)(?P<a>" + _ONE + r")\s+(?i:" + _SAID + r")"
    r"|\b(?P<b>" + _ONE + r")\s+(?i:" + _MENTIONED + r")\b"
    r"|\b(?P<c>" + _ONE + r")(?:'s|’s)\s+(?i:" + _REMARKS + r")"
), lower=(r"as\s+[a-z][a-zà-ÿ'’-]*+\s+(?:" + _SAID + r")",), starts=_named_before_verb)
# An answer that opens by taking the question away from whoever it was put to.
_TAKES_OVER = re.compile(r"^\W*(?:\w+[.,]\s+){0,2}(?i:I'll|I’ll|I will|let me)\s+take\s+"
                         r"(?i:this|that|the first)")
_PLEASANTRY = re.compile(
    r"^(?:(?:great|good|perfect|excellent|helpful|got it|understood|all right|alright|okay|ok|"
    r"thanks|thank you|thank you (?:very much|so much|both|guys|all)|thanks (?:a lot|again|"
    r"guys|so much)|appreciate it|much appreciated|that's helpful|very helpful|will do|"
    r"congrats(?: again)?|nice job)[\s,.!]*)+$",
    re.I,
)
_QUESTION_CUES = AnchoredPattern(re.compile(
    r"\bthanks? (?:you )?for taking (?:my|the|our) questions?\b|\bmy (?:first|next|last|"
    r"follow[- ]up) question\b|\b(?:a|one) (?:quick )?follow[- ]up\b|\bI (?:wanted|want) to ask\b|"
    r"\bcan you (?:talk|walk|give|help|describe|comment|parse|provide)\b|\bI was hoping\b",
    re.I,
), lower=("thank", "my first", "my next", "my last", "my follow", "a follow", "a quick follow",
          "one follow", "one quick follow", "i want", "can you", "i was hoping"))
_ANSWER_OPENING = re.compile(
    r"^\W*(?:yes|yeah|no|sure|so|well|look|absolutely|great question|good question|"
    r"that's a (?:great|good|fair) question)\b",
    re.I,
)
# The IR host's opening and the CFO's financial review, as wording (not as numbers).
_IR_OPENING = AnchoredPattern(re.compile(
    r"\bjoining me (?:today|on (?:the|today's) call|virtually)\b|\bforward-looking statements?\b|"
    r"\bsafe harbor\b|\btoday's agenda\b",
    re.I,
), lower=("joining me", "forward-looking", "safe harbor", "today's agenda"))
_CFO_TERMS = AnchoredPattern(re.compile(
    r"\bgross margin|\boperating (?:expenses|income|margin|loss)|\bopex\b|\bcash flow|"
    r"\bbalance sheet|\bEBITDA\b|\bnon-GAAP|\bper share\b|\bbasis points\b|\bDSOs?\b|"
    r"\bdeferred revenue|\bRPO\b|\bguidance\b|\bwe (?:anticipate|expect)\b|\bin a range of\b|"
    r"\bcash(?:,| and) cash equivalents|\bnet (?:income|loss)\b|\bstock-based comp|\bdiluted\b",
    re.I,
), lower=("gross margin", "operating ", "opex", "cash", "balance sheet", "ebitda", "non-gaap",
          "per share", "basis points", "dso", "deferred revenue", "rpo", "guidance",
          "we anticipate", "we expect", "in a range of", "net income", "net loss",
          "stock-based comp", "diluted"))


@dataclass(frozen=True)
class Cue:
    """A name found in a turn, with the words that show what it means."""

    name: str
    quote: str
    late: bool = False  # for hand-offs: said at the end of the turn (the strongest place)


def _quote(text: str, start: int, end: int, pad: int = 0) -> str:
    s = text[max(0, start - pad):min(len(text), end + pad)]
    return " ".join(s.split())


def self_identification(text: str, head: int = 300) -> tuple[Cue | None, Cue | None]:
    """The name a speaker gives for themselves near the start of the turn, and the person
    they say they speak for ("it's Chad for Rich" -> (Chad, Rich))."""
    for m in _SELF_ID.finditer(text, head):
        me = Cue(m.group("name"), _quote(text, m.start(), m.end()))
        on_behalf = Cue(m.group("for"), me.quote) if m.group("for") else None
        return me, on_behalf
    return None, None


def role_self_identification(text: str) -> Cue | None:
    """A stated role ("as a CFO", "when I became CFO") as ``Cue(role, quote)``."""
    low = lowered(text)
    spans = [(0, len(text))] if low is None else _role_sentences(text, low)
    m = next((m for start, end in spans for m in _ROLE_SELF.finditer(text, start, end)
              if not _ROLE_OF_OTHER.search(m.group())), None)
    if not m:
        return None
    role = m.group("role").lower()
    role = "cfo" if "financial" in role or role == "cfo" else "ceo"
    return Cue(role, _quote(text, m.start(), m.end()))


def _role_sentences(text: str, low: str) -> list[tuple[int, int]]:
    """The stretches between two of ".?!" that hold a role word, in order: matches of
    ``_ROLE_SELF`` lie in one stretch each and end with a role word, so scanning those
    stretches alone finds the same matches."""
    spans = set()
    for where, words in ((text, _ROLE_WORDS_CASED), (low, _ROLE_WORDS_LOWER)):
        for word in words:
            at = where.find(word)
            while at >= 0:
                start = max(text.rfind(c, 0, at) for c in _SENTENCE_STOPS) + 1
                ends = [e for e in (text.find(c, at) for c in _SENTENCE_STOPS) if e >= 0]
                spans.add((start, min(ends, default=len(text))))
                at = where.find(word, at + 1)
    return sorted(spans)


def handoffs(text: str, tail: int = 400) -> list[Cue]:
    """Names a turn hands the floor to, last one last; ``late`` when said at its very end."""
    found = []
    for m in _HANDOFF.finditer(text):
        name = next(g for g in m.groups() if g)
        late = m.end() >= len(text.rstrip()) - tail
        found.append(Cue(name, _quote(text, m.start(), m.end()), late))
    return found


def spoken_to(text: str) -> list[tuple[bool, Cue]]:
    """``vocatives(text)``, each with True when said after "for" or "ask" ("a question for
    Sam"), which ``vocatives(text, with_for=False)`` leaves out: one reading for both."""
    found = []
    for m in _VOCATIVE.finditer(text):
        key = "a" if m.group("a") else "b"
        if m.group(key).lower() in _NOT_NAMES:
            continue
        if key == "a" and _THANKS_BEFORE.search(text[max(0, m.start(key) - 20):m.start(key)]):
            continue
        found.append((key == "b", Cue(m.group(key), _quote(text, m.start(key), m.end(key), 25))))
    return found


def vocatives(text: str, with_for: bool = True,
              spoken: list[tuple[bool, Cue]] | None = None) -> list[Cue]:
    """Names spoken to, in order, leaving out the thanked ("Thanks, Vic").

    ``with_for`` counts "a question for Sam" too (not when "for" may mean "on behalf of").
    ``spoken`` is ``spoken_to(text)`` when already read.
    """
    if spoken is None:
        spoken = spoken_to(text)
    return [cue for after_for, cue in spoken if with_for or not after_for]


def thanked_at_start(text: str) -> Cue | None:
    """The name thanked in a turn's opening words ("Thank you, Victoria.")."""
    m = _THANKED.search(text[:120])
    return Cue(m.group("name"), _quote(text, m.start(), m.end())) if m else None


def not_the_speaker(text: str, spoken: list[tuple[bool, Cue]] | None = None) -> list[Cue]:
    """Names the speaker talks to or about, so the speaker is none of them (``spoken``:
    ``spoken_to(text)`` when already read)."""
    found = [Cue(m.group("name"), _quote(text, m.start(), m.end()))
             for m in _ANY_THANKED.finditer(text)]
    for m in _THIRD_PERSON.finditer(text):
        key = next(k for k in "abc" if m.group(k))
        found.append(Cue(m.group(key), _quote(text, m.start(), m.end())))
    found.extend(vocatives(text, with_for=False, spoken=spoken))
    return found


def takes_over(text: str) -> bool:
    """True when an answer opens with "I'll take this one": not the person asked."""
    return _TAKES_OVER.search(text[:80]) is not None


def is_pleasantry(text: str) -> bool:
    """A short thanks/acknowledgement with nothing else in it."""
    return len(text) <= 80 and _PLEASANTRY.match(text.strip()) is not None


def is_question(text: str) -> bool:
    """Wording of an analyst's question."""
    return _QUESTION_CUES.search(text) is not None or (
        "?" in text and _ANSWER_OPENING.search(text) is None)


def asks_like_analyst(text: str) -> bool:
    """Wording only an asker uses ("thanks for taking my question", "a follow-up")."""
    return _QUESTION_CUES.search(text) is not None


def is_answer(text: str) -> bool:
    """Wording of an answer: opens like one and asks nothing back."""
    return _ANSWER_OPENING.search(text) is not None and "?" not in text


def ir_opening(text: str) -> str | None:
    """The IR host's opening wording ("Joining me today are"), quoted, or ``None``."""
    m = _IR_OPENING.search(text)
    return _quote(text, m.start(), m.end()) if m else None


def cfo_term_density(text: str) -> float:
    """Financial-review terms per 1,000 characters (the CFO's prepared remarks are dense)."""
    return 1000.0 * _CFO_TERMS.count(text) / max(len(text), 1)
