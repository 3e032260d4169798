"""The number grammar: digits, scale words, spelled numbers, ranges, negatives, bps, 萬/億,
Arabic-Indic digits and Arabic scale words.

``grammar`` joins the pieces into quantities (``find_quantities``, ``parse_value``); ``scan``
finds the pieces; ``words`` reads spelled-out English and Chinese numbers; ``lexicon`` holds
the compiled patterns and word tables they share.
"""

from reviewer.core.extract.numbers.grammar import (
    Quantity,
    find_quantities,
    parse_value,
    shared_quantities,
)

__all__ = ["Quantity", "find_quantities", "parse_value", "shared_quantities"]
