"""Which source states which fact: the per-fact view of a record's provenance.

A record (node or relationship) cites its sources in the parallel lists ``source_ids``
/ ``locators``. Where sources state different facts of one record, the parallel lists
``fact_fields`` / ``fact_sources`` / ``fact_locators`` say which source states which
property; a property not listed there is stated by every source of the record.

``primary_source`` is the source readers compare against — the one the graph cites
most — and ``marked`` tells whether a fact comes from elsewhere (the text output puts a
dagger on it, with a footnote naming the other source).

>>> attrs = {"year": 2025, "amount": 5, "source_ids": ["a", "b"], "locators": ["a#1", "b#2"],
...          "fact_fields": ["year"], "fact_sources": ["b"], "fact_locators": ["b#2"]}
>>> fact_citations(attrs, "year"), fact_citations(attrs, "amount")
([('b', 'b#2')], [('a', 'a#1'), ('b', 'b#2')])
>>> states(attrs, "year", "a"), states(attrs, "amount", "a")
(False, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..graph.graph_store import GraphStore

__all__ = [
    "FACT_LISTS",
    "fact_citations",
    "mark_paths",
    "marked",
    "paths_stated_by",
    "primary_source",
    "record_sources",
    "states",
]

FACT_LISTS = ("fact_fields", "fact_sources", "fact_locators")


def record_sources(attrs: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(source, locator)`` pairs citing the record, in order, without repeats."""
    return list(dict.fromkeys(zip(attrs.get("source_ids") or [], attrs.get("locators") or [], strict=False)))


def fact_citations(attrs: Mapping[str, Any], field: str) -> list[tuple[str, str]]:
    """``(source, locator)`` pairs stating property ``field`` of the record."""
    own = [(s, loc) for f, s, loc in zip(*(attrs.get(k) or [] for k in FACT_LISTS), strict=False) if f == field]
    return list(dict.fromkeys(own)) if own else record_sources(attrs)


def states(attrs: Mapping[str, Any], field: str | None, source: str) -> bool:
    """Whether ``source`` states ``field`` of the record (``None``: the record itself)."""
    cited = record_sources(attrs) if field is None else fact_citations(attrs, field)
    return any(s == source for s, _ in cited)


def marked(attrs: Mapping[str, Any], field: str | None, primary: str | None) -> bool:
    """A fact to mark: it has sources, and ``primary`` is not among them."""
    if primary is None:
        return False
    cited = record_sources(attrs) if field is None else fact_citations(attrs, field)
    return bool(cited) and not any(s == primary for s, _ in cited)


def primary_source(store: GraphStore, cited: set[str] | None = None) -> str | None:
    """The source cited by the most records (ties: the smaller id); ``None`` if the
    facts at hand (``cited``) come from one source only, so nothing needs a mark —
    which also spares a count over the whole store.

    >>> from talentgraph.graph import EmbeddedStore
    >>> from talentgraph.loaders import load_sources
    >>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
    >>> primary_source(store, {"36kr-2025-07-11", "public-record"})
    '36kr-2025-07-11'
    """
    if cited is not None and len(cited) < 2:
        return None
    counts = store.source_counts()
    if not counts:
        return None
    return min(counts, key=lambda s: (-counts[s], s))


def paths_stated_by(paths: list[dict[str, Any]], source: str) -> list[dict[str, Any]]:
    """Talent paths cut to what ``source`` states: the relationships it states, in the
    paths whose deal it states.

    >>> node = {"id": "d", "source_ids": ["a"], "locators": ["a#1"]}
    >>> rel = {"type": "FOUNDED", "source_ids": ["b"], "locators": ["b#1"]}
    >>> paths_stated_by([{"nodes": [{}, {}, node], "relationships": [rel]}], "a")
    [{'nodes': [{}, {}, {'id': 'd', 'source_ids': ['a'], 'locators': ['a#1']}], 'relationships': []}]
    """
    kept = []
    for path in paths:
        deal = path["nodes"][2] if len(path["nodes"]) > 2 else {}
        if states(deal, None, source):
            kept.append({**path, "relationships": [r for r in path["relationships"] if states(r, None, source)]})
    return kept


def mark_paths(paths: list[dict[str, Any]], primary: str | None) -> list[dict[str, Any]]:
    """The paths with ``"marked": true`` on each node and relationship that ``primary``
    does not state (false on the others)."""
    return [
        {
            "nodes": [{**n, "marked": marked(n, None, primary)} for n in path["nodes"]],
            "relationships": [{**r, "marked": marked(r, None, primary)} for r in path["relationships"]],
        }
        for path in paths
    ]
