"""Speaker-label suggestions: which participant most likely speaks each turn.

``suggest`` gathers the evidence (``suggest_speakers``, ``corrections``); ``board`` holds the
per-turn beliefs; ``cues`` the phrases (self-identification, hand-offs, roles); ``names``
resolves a spoken name to the roster; ``qa`` reads the Q&A order.
"""

from reviewer.core.extract.speakers.suggest import (
    SpeakerSuggestion,
    corrections,
    is_correction,
    suggest_speakers,
)

__all__ = ["SpeakerSuggestion", "corrections", "is_correction", "suggest_speakers"]
