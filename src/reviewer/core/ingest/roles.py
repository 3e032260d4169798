"""Turning a title as written ("Chief Financial Officer", "CFO & Director", "محلل") into a role."""

from __future__ import annotations

import re

# Order matters: the first rule that matches wins ("VP of IR" is IR, not a generic executive).
_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("operator", re.compile(r"^\s*operator\b|مشغل|接線員|操作員", re.I)),
    ("ir", re.compile(r"\binvestor relations\b|\bIR\b|علاقات المستثمرين", re.I)),
    ("ceo", re.compile(r"\bchief executive\b|\bCEO\b|الرئيس التنفيذي|執行長", re.I)),
    ("cfo", re.compile(r"\bchief financial\b|\bCFO\b|المدير المالي|財務長", re.I)),
    (
        "analyst",
        re.compile(r"\banalyst\b|\bresearch\b|محلل|قسم الأبحاث|قسم البحوث|分析師", re.I),
    ),
    (
        "executive",
        re.compile(
            r"\bchief\b|\bpresident\b|\bVP\b|\bvice\b|\bdirector\b|\bofficer\b|\bhead\b|"
            r"\bchairman\b|\bfounder\b|\bgeneral manager\b|\btreasurer\b|\bcontroller\b|"
            r"\bSVP\b|\bEVP\b|\bCOO\b|\bCTO\b|\bCRO\b|\bCMO\b|المدير|الرئيس",
            re.I,
        ),
    ),
]


def role_from_title(title: str | None) -> str:
    """The role a title describes; ``unknown`` when nothing in it says."""
    if not title:
        return "unknown"
    for role, pattern in _RULES:
        if pattern.search(title):
            return role
    return "unknown"
