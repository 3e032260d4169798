"""Speech-recognition transcripts (EarningsCall style): a short label line, then one long line.

The layout carries no roster, no sections and no metadata block, so all three are recovered
from what people say: the operator's welcome and introductions, the IR host's "joining me
today are ..." sentence. Labels are kept exactly as the recogniser wrote them, even when they
are wrong (a first name, a firm, the previous analyst): correcting them is the reviewer's job.
"""

from __future__ import annotations

import re

from reviewer.core.ingest.build import Builder
from reviewer.core.ingest.roles import role_from_title
from reviewer.core.ingest.text import Line, iter_lines
from reviewer.core.model import ParsedTranscript

FORMAT = "earningscall_asr"

# The vendor's disclaimer on the first line (EarningsCall, or another recogniser's wording).
_DISCLAIMER = re.compile(
    r"EarningsCall,?\s+LLC|transcript\s+(?:was|is|has been)\s+(?:computer|machine|automatically)"
    r"[- ]generated|(?:computer|machine|automatically)[- ]generated\b.{0,80}\btranscript|"
    r"speech[- ]recognition\b.{0,120}\btranscript|\btranscript\b.{0,120}\bspeech[- ]recognition",
    re.I,
)
# A speaker label as a recogniser writes it: one to five words, no digits, no sentence marks.
_LABEL = re.compile(
    r"(?:[A-ZÀ-Þ][\w'’-]*|[A-Z]\.)(?:\s+(?:[^\W\d_][\w'’-]*|[A-Z]\.|&)){0,4}:?"
)
_LABEL_MAX = 40

# A person's name: two to four capitalised words (initials and "van"/"de" particles allowed).
_NAME = (
    r"[A-ZÀ-Þ][\w'’-]+(?:\s+(?:[A-Z]\.|[A-ZÀ-Þ][\w'’-]+|"
    r"(?:de|van|von|der|da|di|del|la|le)(?=\s+[A-ZÀ-Þ]))){1,3}"
)
_NAME_FULL = re.compile(_NAME)
# "My name is Simon, and I will be your conference operator today."
_OPERATOR_NAME = re.compile(
    r"(?i:my name is)\s+(?P<name>[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+)?),?\s+(?i:and\s+)?"
    r"(?i:I\s+will|I'll|I’ll|I\s+am|I'm|I’m)\s+(?i:be\s+)?(?i:your|the)\s+"
    r"(?i:(?:conference|call)\s+)?(?i:operator|moderator|coordinator)"
)
# "turn the call over to Victoria Hyde-Dunn, Head of Investor Relations."
_HANDOVER = re.compile(
    r"(?i:turn|hand)(?:ing)?\s+(?i:(?:the\s+)?(?:call|conference|floor|it|things)\s+)?(?i:over\s+)?"
    r"(?i:to)\s+(?P<name>" + _NAME + r"),\s+(?P<title>[^.;\n]+)"
)
# "Joining me today are Vic Burma, Chief Executive Officer, and Samuel Wilson, ..."
_JOINING = re.compile(
    r"(?i:\b(?:joining|with)\s+me\b)(?:\s+[\w'’]+,?){0,6}?\s+(?i:are|is)\s+(?P<list>[^\n]+?)\.(?=\s|$)"
)
_LIST_SEP = re.compile(r"\s*[,;]\s*(?:and\s+)?|\s+and\s+(?=[A-ZÀ-Þ])")
# "Your next question comes from the line of Rich Valera with Needham."
_ANALYST = re.compile(
    r"(?i:questions?)\s+(?i:comes?|is|will\s+come)\s+from\s+(?i:the\s+line\s+of\s+)?"
    r"(?P<name>" + _NAME + r")\s+(?i:with|from|of|at)\s+(?P<firm>[A-Z0-9][^.,;?!\n]*)"
)
_FIRM_REST = re.compile(r"[^.,;?!\n]*")
_FIRM_ABBREV = re.compile(r"\b(?:Inc|Co|Corp|Ltd|LLC|Cos|Bros|Intl|L\.P)$")
_FIRM_SUFFIX = re.compile(r"\s+(?:Inc|LLC|Ltd|Incorporated)\b\.?")
# The operator's welcome names the company and the event.
_WELCOME = re.compile(
    r"(?i:\bwelcome\b)[^.\n]{0,60}?\b(?i:to)\s+(?i:the\s+|today's\s+|our\s+)?"
    r"(?P<company>[A-Z0-9][\w&.,'’ -]{0,60}?)(?:'s|’s)?\s+"
    r"(?P<event>(?i:(?:fiscal\s+(?:year\s+)?)?(?:first|second|third|fourth|Q[1-4]|full[- ]year|"
    r"\d{4})\b[\w ,'’-]{0,60}?\b(?:earnings|results)\b[\w ]{0,30}?\bcall))"
)


def _label_shaped(s: str) -> bool:
    return len(s) <= _LABEL_MAX and _LABEL.fullmatch(s) is not None


def _is_disclaimer(s: str) -> bool:
    return _DISCLAIMER.search(s) is not None


def _content_lines(text: str) -> list[Line]:
    return [ln for ln in iter_lines(text) if not ln.blank]


def detect(text: str) -> float:
    """How sure we are that ``text`` is a speech-recognition transcript (0..1)."""
    lines = _content_lines(text[:60000])
    if not lines:
        return 0.0
    first = 1 if _is_disclaimer(lines[0].stripped) else 0
    pairs = [(lines[i].stripped, lines[i + 1].stripped)
             for i in range(first, len(lines) - 1, 2)][:80]
    if first and len(pairs) >= 2 and all(_label_shaped(lab) for lab, _ in pairs[:2]):
        return 0.95
    if len(pairs) < 4:
        return 0.0
    labels_ok = sum(_label_shaped(lab) for lab, _ in pairs) / len(pairs)
    long_texts = sum(len(body) >= 100 for _, body in pairs) / len(pairs)
    distinct = len({lab for lab, _ in pairs}) / len(pairs)
    # Labels repeat (the same few people speak many times) and the text lines are long.
    if labels_ok >= 0.9 and long_texts >= 0.35 and distinct <= 0.6:
        return 0.75
    return 0.0


def parse(text: str) -> ParsedTranscript:
    """Parse a label-line / text-line transcript; never raises on odd input."""
    b = Builder(text, FORMAT)
    lines = _content_lines(text)
    i = 0
    if lines and _is_disclaimer(lines[0].stripped):
        b.boiler(lines[0].start, lines[0].end)
        i = 1
    body_from = lines[i].start if i < len(lines) else len(text)
    stray = 0
    while i < len(lines):
        line = lines[i]
        label = line.stripped
        if _label_shaped(label):
            if label.rstrip(":").lower() == "disclaimer":
                # A trailing heading (and whatever text follows it) is not a turn.
                b.boiler(line.start, len(text))
                break
            if i + 1 >= len(lines):
                b.boiler(line.start, len(text))
                b.warnings.append(f"the last label {label!r} has no text; it is not a turn")
                break
            body = lines[i + 1]
            b.turn(label.rstrip(":"), body.start, body.end)
            i += 2
            continue
        # A text line where a label should be: the recogniser split one speaker's text, so it
        # stays with the previous turn rather than becoming an unlabelled one.
        if b.turns:
            b.turns[-1].end = line.end
        else:
            b.turn(None, line.start, line.end)
        stray += 1
        i += 1
    if stray:
        b.warnings.append(f"{stray} line(s) where a speaker label was expected were kept "
                          "with the turn before them")
    spoken = text[body_from:]
    _roster(b, spoken)
    _metadata(b, spoken[:3000])
    return b.build()


def _roster(b: Builder, text: str) -> None:
    """Participants named in the text, added in the order they are introduced."""
    found: list[tuple[int, str, str, str | None]] = []
    for m in _OPERATOR_NAME.finditer(text):
        found.append((m.start(), m.group("name"), "operator", None))
    for m in _HANDOVER.finditer(text):
        title = re.split(r",\s+(?:who|for|to|please)\b", m.group("title"), maxsplit=1)[0]
        title = re.sub(r"^(?:our|the)\s+", "", title.strip(), flags=re.I)
        if role_from_title(title) != "unknown":
            found.append((m.start(), m.group("name"), role_from_title(title), title))
    for m in _JOINING.finditer(text):
        found.extend(_people_list(m.group("list"), m.start("list")))
    for m in _ANALYST.finditer(text):
        found.append((m.start(), m.group("name"), "analyst",
                      _firm(text, m.start("firm"), m.end("firm"))))
    for _, name, role, affiliation in sorted(found, key=lambda f: f[0]):
        b.participant(name, role, affiliation)


def _people_list(s: str, offset: int) -> list[tuple[int, str, str, str | None]]:
    """People in "A, Chief Executive Officer, and B, our CFO": a name chunk starts a person,
    the chunks after it (until the next name) are that person's title, kept as written."""
    chunks: list[tuple[int, int]] = []
    pos = 0
    for m in _LIST_SEP.finditer(s):
        chunks.append((pos, m.start()))
        pos = m.end()
    chunks.append((pos, len(s)))
    people: list[tuple[int, str, str, str | None]] = []
    person: tuple[int, str] | None = None
    titles: list[tuple[int, int]] = []

    def flush() -> None:
        if person is not None:
            title = s[titles[0][0]:titles[-1][1]] if titles else None
            people.append((offset + person[0], person[1], role_from_title(title), title))

    for a, e in chunks:
        chunk = s[a:e].strip()
        if not chunk:
            continue
        if _NAME_FULL.fullmatch(chunk) and role_from_title(chunk) == "unknown":
            flush()
            person, titles = (a, chunk), []
        elif person is not None:
            lead = re.match(r"\s*(?:(?:our|the|its)\s+)?", s[a:e], re.I)
            titles.append((a + (lead.end() if lead else 0), a + len(s[a:e].rstrip())))
    flush()
    return people


def _firm(text: str, start: int, end: int) -> str:
    """The firm as written, keeping the period of "Inc." / "& Co." that the match stopped at."""
    # An initial ("Robert W. Baird") does not end the firm's name.
    while text[end:end + 1] == "." and re.search(r"(?:^|\s)[A-Z]$", text[start:end]):
        more = _FIRM_REST.match(text, end + 1)
        if not more:
            break
        end = more.end()
    firm = text[start:end].strip()
    end = start + len(text[start:end].rstrip())
    if text[end:end + 1] == "." and _FIRM_ABBREV.search(firm):
        firm += "."
        suffix = _FIRM_SUFFIX.match(text, end + 1)
        if suffix:
            firm += suffix.group(0)
    return firm


def _metadata(b: Builder, head: str) -> None:
    """Company and event from the operator's welcome; period, date, ticker from the opening."""
    m = _WELCOME.search(head)
    if m:
        b.metadata.company = m.group("company").strip(" ,")
        b.metadata.event = " ".join(m.group("event").split())
    b.fill_metadata(head)
