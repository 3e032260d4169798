"""Extractors are plugins: objects found through the ``reviewer.extractors`` entry-point group.

An entry point names a class (or factory) taking an optional ``config`` dict and giving an
object with ``name``, ``version``, ``config`` (a JSON-able dict) and
``extract(parsed: ParsedTranscript) -> ExtractionResult``. Ours are ``builtin`` and
``quantulum3`` (the adapter of the third-party quantulum3 library, extra ``quantulum``).
Another package adds its own in its ``pyproject.toml``::

    [project.entry-points."reviewer.extractors"]
    mine = "my_package.module:MyExtractor"
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from typing import Any, Protocol

from reviewer.core.errors import ReviewerError
from reviewer.core.extract.result import ExtractionResult
from reviewer.core.model import ParsedTranscript

GROUP = "reviewer.extractors"
# Ours, also when the package metadata is stale (an editable install made before the entry
# points were declared): a plugin's absence must never hide the built-in extractor.
BUILTIN = {
    "builtin": "reviewer.core.extract.builtin:BuiltinExtractor",
    "quantulum3": "reviewer.core.extract.quantulum_adapter:QuantulumExtractor",
    "spacy": "reviewer.core.learn.extractor:SpacyExtractor",
    "combined": "reviewer.core.learn.extractor:CombinedExtractor",
}


class ExtractorError(ReviewerError):
    """An extractor that is unknown, not installed, misconfigured or broken."""


class Extractor(Protocol):
    """What the registry hands out."""

    name: str
    version: str

    @property
    def config(self) -> dict[str, Any]: ...

    def extract(self, parsed: ParsedTranscript) -> ExtractionResult: ...


@dataclass(frozen=True)
class ExtractorInfo:
    """One registered extractor, as listed by ``reviewer extractors``."""

    name: str
    target: str  # "module:attr"
    installed: bool  # whether it can be loaded here
    problem: str | None = None
    usage: str | None = None  # how to name it when it needs an argument ("spacy:MODEL_DIR")


def _entry_points() -> dict[str, EntryPoint]:
    found = {ep.name: ep for ep in entry_points(group=GROUP)}
    for name, target in BUILTIN.items():
        found.setdefault(name, EntryPoint(name, target, GROUP))
    return found


def available_extractors() -> list[ExtractorInfo]:
    """Every extractor registered under ``reviewer.extractors``, built-in ones first."""
    out = []
    eps = _entry_points()
    order = list(BUILTIN) + sorted(n for n in eps if n not in BUILTIN)
    for name in order:
        ep = eps[name]
        problem = usage = None
        try:
            factory = ep.load()
            check = getattr(factory, "available", None)
            if callable(check):
                problem = check()
            usage = getattr(factory, "usage", None)
        except Exception as exc:  # a broken plugin is listed, not fatal
            problem = f"cannot be loaded ({exc})"
        out.append(ExtractorInfo(name, ep.value, problem is None, problem, usage))
    return out


def get_extractor(name: str = "builtin", config: dict[str, Any] | None = None) -> Extractor:
    """An instance of the extractor registered as ``name`` (``ExtractorError`` when unknown
    or unusable). ``name:ARG`` passes ARG as the ``model`` option (``spacy:MODEL_DIR``)."""
    name, _, arg = name.partition(":")
    if arg:
        config = {**(config or {}), "model": arg}
    eps = _entry_points()
    ep = eps.get(name)
    if ep is None:
        raise ExtractorError(f"no extractor named {name!r}; available: {', '.join(eps)}")
    try:
        factory = ep.load()
    except Exception as exc:
        raise ExtractorError(f"extractor {name!r} cannot be loaded: {exc}") from exc
    check = getattr(factory, "available", None)
    problem = check() if callable(check) else None
    if problem:
        raise ExtractorError(f"extractor {name!r} is not usable: {problem}")
    try:
        return factory(config) if config is not None else factory()
    except ReviewerError:
        raise
    except Exception as exc:
        raise ExtractorError(f"extractor {name!r} failed to start: {exc}") from exc
