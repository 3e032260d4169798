"""Bilingual pages: every English paragraph followed by its Traditional-Chinese machine
translation.

The layout: a Chinese disclaimer line on top ("使用警語:中文譯文來源為 Google 翻譯…"), then
speaker headers printed twice on consecutive lines ("Kate Patterson - VP of IR" twice), each
followed by body lines that alternate English / Chinese. A header is recognised by being
doubled, never by its shape alone: short body lines such as "Operator, we are ready for
questions." look like headers but are never doubled. Analysts' firms appear only in the
operator's introductions ("Josh Nichols, B. Riley." / "…comes from Ryan MacWilliams with
Barclays."), so they are matched to the roster afterwards.
"""

from __future__ import annotations

import itertools
import re

from rapidfuzz import fuzz

from reviewer.core.ingest.build import Builder
from reviewer.core.ingest.metadata import fiscal_period
from reviewer.core.ingest.roles import role_from_title
from reviewer.core.ingest.roster import normalize_name
from reviewer.core.ingest.text import Line, detect_lang, iter_lines
from reviewer.core.model import ParsedTranscript, Participant

FORMAT = "bilingual_zh"

# "Samuel C. Wilson - CEO & Director", "Operator", "Unidentified Participant". The name part is
# capitalised words, initials or name particles.
_NAME = r"[A-ZÀ-Þ][\w'’.\-]*(?:\s+(?:[A-ZÀ-Þ][\w'’.\-]*|van|von|de|der|da|del|la|le|bin))*"
_HEADER = re.compile(rf"^(?P<name>{_NAME})(?:\s+[-–—]+\s+(?P<title>[^\n]{{1,120}}))?$")
_UNIDENTIFIED = re.compile(r"^(unidentified|unknown)\b", re.I)
_OPERATOR = re.compile(r"^(operator|接線員|操作員)$", re.I)
_DISCLAIMER = re.compile(r"使用警語|譯文|翻譯|免責|僅供參考")
# "Our next question comes from Ryan MacWilliams with Barclays." (firms may start with
# initials: "B. Riley", "J.P. Morgan").
_FIRM = r"(?P<firm>(?:[A-Z]\.\s?)*[^.?!,]+)"
_INTRO_FROM = re.compile(
    r"question (?:comes|is|will come) from (?:the line of )?(?P<name>[A-Z][\w'’.\-]*"
    rf"(?:\s+[A-Z][\w'’.\-]*){{0,4}}?)\s+(?:with|from|at|of)\s+{_FIRM}",
)
# "(Operator Instructions) Josh Nichols, B. Riley."
_INTRO_COMMA = re.compile(
    r"^(?:\((?i:operator instructions)\)\s*)?(?P<name>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){1,3}),"
    r"\s*(?P<firm>[^,()]{2,60}?)\.?$",
)
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_ABBREV_END = re.compile(r"\b(?:Co|Inc|Corp|Ltd|Bros|Cie)$")
_WELCOME = re.compile(
    r"\bwelcome to (?:the )?(?P<body>.{2,120}?)\s+(?:earnings|financial results|results|"
    r"conference call|investor call)", re.I,
)
# Words of a period ("Q2 2024", "fourth quarter fiscal 2024") around the company's name.
_LEADING_PERIOD = re.compile(
    r"^(?:(?:Q[1-4]|FY\s*'?\d{2,4}|fiscal|year|quarter|first|second|third|fourth|\d{4})"
    r"[\s,'’]*)+", re.I)
_TRAILING_PERIOD = re.compile(
    r"\s+(?:Q[1-4]\b|FY\s*'?\d|fiscal\b|(?:first|second|third|fourth)[- ]quarter\b|\d{4}\b|"
    r"for the\b).*$", re.I)
# A translation slot that machine translation left in English is a near copy of its original.
_FAILED_TRANSLATION_SIMILARITY = 85.0


def _header(line: str) -> re.Match[str] | None:
    s = line.strip()
    m = _HEADER.match(s) if len(s) <= 150 else None
    # A bare name never ends a sentence ("Yes. Yes."); a title may ("Analyst, Kestrel & Co.").
    if m and m.group("title") is None and s.endswith((".", "?", "!", ",", ":")):
        return None
    return m


def _nonblank(text: str) -> list[Line]:
    return [ln for ln in iter_lines(text) if not ln.blank]


def _header_lines(lines: list[Line]) -> list[tuple[int, int]]:
    """Positions ``(first, last)`` in ``lines`` of every speaker header.

    A header is a header-shaped line printed twice in a row; once such a header is known,
    a single copy of the same line elsewhere is a header too (a page that lost one copy).
    """
    doubled: set[str] = set()
    for a, b in itertools.pairwise(lines):
        if a.stripped == b.stripped and _header(a.text):
            doubled.add(a.stripped)
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if lines[i].stripped in doubled:
            j = i
            while j + 1 < len(lines) and lines[j + 1].stripped == lines[i].stripped:
                j += 1
            found.append((i, j))
            i = j + 1
        else:
            i += 1
    return found


def detect(text: str) -> float:
    """How sure we are that ``text`` is a bilingual English / Chinese page."""
    lines = _nonblank(text[:200_000])
    if len(lines) < 6:
        return 0.0
    headers = _header_lines(lines)
    doubled = sum(1 for a, b in headers if b > a)
    in_header = {k for a, b in headers for k in range(a, b + 1)}
    langs = [None if k in in_header else detect_lang(ln.text) for k, ln in enumerate(lines)]
    en = sum(1 for g in langs if g == "en")
    pairs = sum(1 for g, h in itertools.pairwise(langs) if g == "en" and h == "zh")
    if doubled < 2 or pairs < 3:
        return 0.0
    share = pairs / max(1, en)
    if share < 0.5:
        return 0.3
    disclaimer = 0.1 if _DISCLAIMER.search(lines[0].text) else 0.0
    return min(1.0, 0.6 + 0.2 * min(1.0, share / 0.8) + 0.1 * min(1.0, doubled / 4) + disclaimer)


def parse(text: str) -> ParsedTranscript:
    """Parse a bilingual English / Traditional-Chinese transcript."""
    b = Builder(text, FORMAT, pair_translations=True)
    lines = _nonblank(text)
    headers = _header_lines(lines)
    if not headers:
        b.warnings.append("no doubled speaker headers found: the whole text is one turn")
        b.turn(None, 0, len(text))
        return b.build()
    # Everything above the first header is the page's disclaimer / chrome, not the call.
    first = lines[headers[0][0]]
    for ln in lines[:headers[0][0]]:
        b.boiler(ln.start, ln.end)
    for n, (a, z) in enumerate(headers):
        m = _header(lines[a].text)
        name = m.group("name") if m else lines[a].stripped
        title = (m.group("title") or "").strip() if m else ""
        _add_participant(b, name, title)
        end = lines[headers[n + 1][0]].start if n + 1 < len(headers) else len(text)
        b.turn(name, lines[z].end, end)
    _analysts_from_intros(b)
    _ir_host(b)
    _metadata(b, text[:first.start])
    parsed = b.build()
    _fix_translations(parsed)
    unpaired = sum(
        1 for t in parsed.turns for i, p in enumerate(t.paragraphs)
        if p.lang == "en" and p.translation_of is None
        and not any(q.translation_of == i for q in t.paragraphs)
    )
    if unpaired:
        parsed.warnings.append(f"{unpaired} English paragraph(s) have no Chinese translation")
    return parsed


def _add_participant(b: Builder, name: str, title: str) -> None:
    # The operator is no participant (as in the other families): the builder gives the
    # "Operator" label its role.
    if not _OPERATOR.match(name) and not _UNIDENTIFIED.match(name):
        role = role_from_title(title)
        # Titles are executives' affiliations; an analyst's firm comes from the intros.
        b.participant(name, role, None if role == "analyst" else (title or None))


def _intro(body: str) -> tuple[str, str] | None:
    """The analyst name and firm an operator introduces in ``body`` (English lines only)."""
    for line in body.splitlines():
        s = line.strip()
        if detect_lang(s) != "en":
            continue
        m = _INTRO_FROM.search(s) or _INTRO_COMMA.match(s)
        if m:
            firm = m.group("firm").strip().rstrip(".").strip()
            # The full stop after "Kestrel & Co." is the abbreviation's, not the sentence's.
            if _ABBREV_END.search(firm) and s[m.end("firm"):].lstrip().startswith("."):
                firm += "."
            return m.group("name").strip(), firm
    return None


def _analysts_from_intros(b: Builder) -> None:
    """Give introduced analysts their firm and role; mark unidentified questioners."""
    questioner: str | None = None
    for k, turn in enumerate(b.turns):
        label = turn.label or ""
        if _OPERATOR.match(label):
            questioner = None
            intro = _intro(b.text[turn.start:turn.end])
            if intro is None or k + 1 >= len(b.turns):
                continue
            name, firm = intro
            questioner = b.turns[k + 1].label
            _give_firm(b, name, firm, b.roster.find_exact(questioner or ""))
        elif questioner is not None and label == questioner and _UNIDENTIFIED.match(label):
            turn.role = "analyst"  # an unnamed voice the operator introduced as a questioner


def _give_firm(b: Builder, name: str, firm: str, nxt: Participant | None) -> None:
    """Attach ``firm`` to the analyst the operator introduced as ``name``; ``nxt`` is the
    participant whose header follows the introduction."""
    who = b.roster.identify(name)
    if who is not None and nxt is not None and who is not nxt:
        who = None  # the intro names someone else than the one who speaks next
    if who is None and nxt is not None:
        # "Josh Nichols" introduced, "Michael Joshua Nichols" speaks: same surname, so the
        # intro's form is an alias. "Michael Berg on for Michael Turrin" is not, but Berg
        # still asks for Turrin's firm.
        same = normalize_name(name).split()[-1:] == normalize_name(nxt.name).split()[-1:]
        if same or nxt.role in ("analyst", "unknown"):
            who = nxt
        if same and name not in who.aliases and name != who.name:
            who.aliases.append(name)
    if who is not None and who.role not in ("ceo", "cfo", "ir", "operator"):
        who.role = "analyst"  # "Meta A. Marshall - VP" is a VP of her bank, not of ours
        who.affiliation = firm


def _ir_host(b: Builder) -> None:
    """The executive who reads the safe-harbor statement hosts the call for investor
    relations, whatever the title says ("Vice President, Finance")."""
    for turn in b.turns:
        who = b.roster.find_exact(turn.label or "")
        if who is None or who.role == "operator":
            continue
        if who.role in ("executive", "unknown") and re.search(
                r"forward-looking statements", b.text[turn.start:turn.end], re.I):
            who.role = "ir"
        return


def _metadata(b: Builder, preface: str) -> None:
    """Company, period, event, date and ticker from the preface and the operator's welcome."""
    # Only the welcome: later turns name fiscal year-end dates that are not the call's date.
    opening = ""
    if b.turns and _OPERATOR.match(b.turns[0].label or ""):
        opening = b.text[b.turns[0].start:b.turns[0].end]
    head = preface + "\n" + opening
    b.fill_metadata(head)
    m = _WELCOME.search(opening)
    if m:
        body = re.sub(r"\([^)]*\)", " ", m.group("body"))
        body = _TRAILING_PERIOD.sub("", _LEADING_PERIOD.sub("", body.strip()))
        company = re.sub(r",?\s+(Inc|Corp|Corporation|Ltd|LLC|plc|Co|AG|SA|NV)\.?(?=\s|$)",
                         r" \1", body)
        company = re.sub(r"['’]s$", "", " ".join(company.split()).strip(" ,.'’"))
        b.metadata.company = company or None
    fp = b.metadata.fiscal_period or fiscal_period(b.text[:5000])
    b.metadata.fiscal_period = fp
    m = re.fullmatch(r"FY(\d{4})(?:Q([1-4]))?", fp or "")
    if m and re.search(r"earnings|results", head, re.I):
        b.metadata.event = (f"Q{m.group(2)} {m.group(1)} Earnings Call" if m.group(2)
                            else f"FY{m.group(1)} Earnings Call")


def _fix_translations(parsed: ParsedTranscript) -> None:
    """Pair what the script-based pairing missed in an English slot's follower: a near copy
    of the English (machine translation failed on it: same language, but a translation, so
    its numbers are not counted twice), or a Chinese line so full of Latin names that it
    scored as English ("Brightwater Capital 的 Elena Sokolova。")."""
    text = parsed.text
    for t in parsed.turns:
        paras = t.paragraphs
        originals = {p.translation_of for p in paras if p.translation_of is not None}
        for i in range(1, len(paras)):
            prev, cur = paras[i - 1], paras[i]
            if not (cur.lang == prev.lang == "en" and cur.translation_of is None
                    and prev.translation_of is None and i - 1 not in originals):
                continue
            body = text[cur.start:cur.end]
            if fuzz.ratio(text[prev.start:prev.end], body) >= _FAILED_TRANSLATION_SIMILARITY:
                line = text.count("\n", 0, cur.start) + 1
                parsed.warnings.append(
                    f"line {line}: the translation is an untranslated copy of the English")
            elif _IDEOGRAPH.search(body):
                cur.lang = "zh"
            else:
                continue
            cur.translation_of = i - 1
            originals.add(i - 1)
