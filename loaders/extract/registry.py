"""Extractors, built-in or third-party, through one registry.

An extractor is an object with ``name``, ``description`` and
``extract(text, fmt, lang, store_index) -> Draft``. The built-in ``rules`` extractor
registers exactly as plugins do; plugins are found through the entry-point group
``talentgraph.extractors`` the first time the registry is asked (an LLM-based
extractor, say), and a plugin that fails to import is a warning, not a crash.

>>> registry = ExtractorRegistry()
>>> registry.names()
[]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ...graph.errors import SourceError
from ..registry import discover_plugins

if TYPE_CHECKING:
    from .draft import Draft
    from .names import StoreIndex

__all__ = ["ENTRY_POINT_GROUP", "Extractor", "ExtractorInfo", "ExtractorRegistry", "default_extractors"]

ENTRY_POINT_GROUP = "talentgraph.extractors"


@runtime_checkable
class Extractor(Protocol):
    name: str
    description: str

    def extract(self, text: str, fmt: str, lang: str, store: StoreIndex | None) -> Draft: ...


@dataclass(frozen=True)
class ExtractorInfo:
    name: str
    description: str
    origin: str  # "built-in" or the distribution that provides the plugin
    version: str


class ExtractorRegistry:
    def __init__(self, entry_point_group: str | None = None):
        self._extractors: dict[str, tuple[Extractor, str, str]] = {}
        self._group = entry_point_group
        self._discovered = entry_point_group is None
        self.plugin_errors: list[str] = []

    def register(self, extractor: Extractor, origin: str = "built-in", version: str = "") -> None:
        if not isinstance(extractor, Extractor):
            raise TypeError(f"{extractor!r} lacks name, description or extract")
        self._extractors[extractor.name] = (extractor, origin, version)

    def _discover(self) -> None:
        if self._discovered or self._group is None:
            return
        self._discovered = True
        discover_plugins(self._group, "extractor", self._extractors, self.register, self.plugin_errors, UserWarning)

    def names(self) -> list[str]:
        self._discover()
        return sorted(self._extractors)

    def infos(self) -> list[ExtractorInfo]:
        self._discover()
        return [ExtractorInfo(n, e.description, o, v) for n, (e, o, v) in sorted(self._extractors.items())]

    def get(self, name: str) -> Extractor:
        self._discover()
        if name not in self._extractors:
            raise SourceError(f"no extractor named {name!r} — available: {', '.join(self.names())}")
        return self._extractors[name][0]


def default_extractors() -> ExtractorRegistry:
    """The registry with the built-in ``rules`` extractor; plugins are discovered on first use."""
    from .pipeline import RuleExtractor

    registry = ExtractorRegistry(ENTRY_POINT_GROUP)
    registry.register(RuleExtractor())
    return registry
