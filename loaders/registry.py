"""One registry for every loader, built-in or third-party.

A loader is an object with ``name``, ``description``, ``formats`` (file endings it
reads), ``can_load(source)`` and ``load(source) -> Batch``. Built-in loaders register
through ``register`` exactly as plugins do; plugins are found through the entry-point
group ``talentgraph.loaders`` the first time the registry is asked, and a plugin that
fails to import is a warning, not a crash.

>>> registry = LoaderRegistry()
>>> registry.names()
[]
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from ..graph.errors import SourceError
from .records import Batch

__all__ = [
    "ENTRY_POINT_GROUP",
    "Loader",
    "LoaderInfo",
    "LoaderRegistry",
    "PluginWarning",
    "default_registry",
    "discover_plugins",
]

ENTRY_POINT_GROUP = "talentgraph.loaders"


class PluginWarning(UserWarning):
    """A loader plugin could not be loaded and was skipped (the CLI prints it on stderr)."""


@runtime_checkable
class Loader(Protocol):
    name: str
    description: str
    formats: tuple[str, ...]

    def can_load(self, source: str) -> bool: ...

    def load(self, source: str) -> Batch: ...

    # Optional: ``load(source, progress=None)`` — call ``progress(done, total)`` now and
    # then on big sources; ingest passes a callback when the loader accepts one.


@dataclass(frozen=True)
class LoaderInfo:
    name: str
    description: str
    formats: tuple[str, ...]
    origin: str  # "built-in" or the distribution that provides the plugin
    version: str


def discover_plugins(
    group: str,
    what: str,
    taken: Mapping[str, tuple[Any, str, str]],
    register: Callable[..., Any],
    errors: list[str],
    category: type[Warning],
) -> None:
    """Register every plugin of entry-point ``group`` (a class is instantiated): a plugin
    that fails to import, or whose name is ``taken``, becomes a warning of ``category`` and
    a line in ``errors``, never a crash. Loaders and extractors are found this way."""
    for ep in metadata.entry_points(group=group):
        dist = ep.dist.name if ep.dist else "unknown"
        version = ep.dist.version if ep.dist else ""
        try:
            obj = ep.load()
            plugin = obj() if isinstance(obj, type) else obj
            name = getattr(plugin, "name", None)
            if isinstance(name, str) and name in taken:
                raise ValueError(f"the name {name!r} is taken by a {taken[name][1]} {what}")
            register(plugin, origin=dist, version=version)
        except Exception as exc:  # a broken plugin must not take the tool down
            message = (
                f"{what} plugin {ep.name!r} from {dist} {version} was skipped: {type(exc).__name__}: "
                f"{str(exc).splitlines()[0] if str(exc) else ''} — fix or uninstall it"
            )
            errors.append(message)
            warnings.warn(message, category, stacklevel=3)


class LoaderRegistry:
    def __init__(self, entry_point_group: str | None = None):
        self._loaders: dict[str, tuple[Loader, str, str]] = {}
        self._group = entry_point_group
        self._discovered = entry_point_group is None
        self.plugin_errors: list[str] = []  # one line per plugin that was skipped

    def register(self, loader: Loader, origin: str = "built-in", version: str = "") -> None:
        if not isinstance(loader, Loader):
            raise TypeError(f"{loader!r} lacks name, description, formats, can_load or load")
        self._loaders[loader.name] = (loader, origin, version)

    def _discover(self) -> None:
        if self._discovered or self._group is None:
            return
        self._discovered = True
        discover_plugins(self._group, "loader", self._loaders, self.register, self.plugin_errors, PluginWarning)

    def names(self) -> list[str]:
        self._discover()
        return sorted(self._loaders)

    def infos(self) -> list[LoaderInfo]:
        self._discover()
        return [
            LoaderInfo(name, loader.description, tuple(loader.formats), origin, version)
            for name, (loader, origin, version) in sorted(self._loaders.items())
        ]

    def get(self, name: str) -> Loader:
        self._discover()
        if name not in self._loaders:
            raise SourceError(
                f"no loader named {name!r} — available: {', '.join(self.names())} (see `talentgraph loaders`)"
            )
        return self._loaders[name][0]

    def find(self, source: str) -> Loader:
        """The loader for ``source``: a built-in name such as ``article``, or a file."""
        self._discover()
        for loader, _, _ in self._loaders.values():
            if loader.can_load(source):
                return loader
        if not Path(source).exists():
            raise SourceError(
                f"unknown source {source!r}: not a built-in source name and no such file — "
                f"built-in sources: article; see `talentgraph loaders`"
            )
        raise SourceError(
            f"no loader recognises {source!r} — pass --loader NAME (one of: {', '.join(self.names())}); "
            "a deal sheet needs 'acquirer' and 'target' columns, or --map COLUMN=acquirer"
        )


def default_registry() -> LoaderRegistry:
    """The registry with the built-in loaders; plugins are discovered on first use."""
    from .builtin import register_builtins

    registry = LoaderRegistry(ENTRY_POINT_GROUP)
    register_builtins(registry, _own_version())
    return registry


def _own_version() -> str:
    try:
        return metadata.version("talentgraph")
    except metadata.PackageNotFoundError:
        return ""
