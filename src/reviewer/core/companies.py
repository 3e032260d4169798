"""Company names for display: one spelling per company.

Sources spell one company several ways ("8x8, Inc.", "8X8", "8×8 Inc"): the list groups them
under one key and shows the spelling used most often (the first seen on a tie).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

# A legal form at the end of a company name, left out of the list (the tooltip has it all).
_LEGAL_FORM = re.compile(r"(?<!&),?\s+(?:Inc|Incorporated|Corp|Corporation|Ltd|Limited|LLC|plc"
                         r"|Co|AG|SA|S\.A|NV|N\.V|SE|GmbH)\.?$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s.,'’\-]+")


def short_company(name: str | None) -> str:
    """``"Altamira Networks, Inc."`` -> ``"Altamira Networks"`` (for a narrow column)."""
    return _LEGAL_FORM.sub("", name.strip()) if name else ""


def company_key(name: str | None) -> str:
    """What makes two spellings one company: case, the multiplication sign for "x",
    full-width forms, punctuation, spacing and the legal form do not count."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKC", short_company(name)).replace("\u00d7", "x")
    return _SEPARATORS.sub(" ", s.casefold()).strip()


def display_names(names: Iterable[str | None]) -> dict[str, str]:
    """``{spelling: the spelling shown for its company}`` (legal form left out)."""
    names = [n for n in names if n]
    counts: dict[str, Counter[str]] = {}
    for n in names:
        counts.setdefault(company_key(n), Counter())[short_company(n)] += 1
    best = {k: c.most_common(1)[0][0] for k, c in counts.items()}
    return {n: best[company_key(n)] for n in names}
