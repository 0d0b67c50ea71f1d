"""Finding entities by what people call them: ids, names and aliases, in any case.

"alexandr wang", "Allen Zhang" and "Facebook" resolve to the same ids as "Alexandr
Wang", "Zhang Xiaolong" and "Meta". A name that matches nothing raises
``NameNotFoundError`` with the closest names; one that matches several entities raises
``AmbiguousNameError`` rather than guessing.

>>> index = NameIndex([("meta", "Meta", ["Facebook", "Meta Platforms"], "Organization")])
>>> index.resolve("facebook")
'meta'
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from ..errors import AmbiguousNameError, NameNotFoundError

__all__ = ["NameIndex", "normalize_name"]

_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def normalize_name(text: str) -> str:
    """Case, width, accents, spacing and punctuation folded away.

    >>> normalize_name("  Musical.ly ") == normalize_name("musically")
    True
    """
    if text.isascii():  # nothing to decompose: the common case, kept fast for big loads
        return _PUNCT.sub("", text.lower())
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _PUNCT.sub("", folded)


class NameIndex:
    """Maps every id, name and alias (normalised) to the ids that carry it."""

    def __init__(self, entries: Iterable[tuple[str, str, list[str], str]]):
        self._ids: set[str] = set()
        self._by_key: dict[str, set[str]] = defaultdict(set)
        self._display: dict[str, str] = {}
        self._names: dict[str, str] = {}
        for node_id, name, aliases, _label in entries:
            self._ids.add(node_id)
            self._names[node_id] = name
            for text in (node_id, name, *aliases):
                key = normalize_name(text)
                if key:
                    self._by_key[key].add(node_id)
                    self._display.setdefault(key, text)

    @classmethod
    def from_graph(cls, graph: nx.MultiDiGraph) -> NameIndex:
        return cls(
            (node_id, attrs.get("name", node_id), attrs.get("aliases", []), attrs["label"])
            for node_id, attrs in graph.nodes(data=True)
        )

    def resolve(self, name: str) -> str:
        """The id of the one entity called ``name``."""
        if name in self._ids:
            return name
        matches = self._by_key.get(normalize_name(name), set())
        if len(matches) == 1:
            return next(iter(matches))
        if matches:
            raise AmbiguousNameError(name, sorted(matches))
        raise NameNotFoundError(name, self.suggest(name))

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """The entity names closest to ``name``, best first."""
        key = normalize_name(name)
        close = difflib.get_close_matches(key, list(self._by_key), n=limit * 3, cutoff=0.6)
        if key:
            # a fragment such as "wang" should still find "Alexandr Wang"
            close += sorted(k for k in self._by_key if key in k and k not in close)
        names: list[str] = []
        for match in close:
            for node_id in sorted(self._by_key[match]):
                if self._names[node_id] not in names:
                    names.append(self._names[node_id])
        return names[:limit]
