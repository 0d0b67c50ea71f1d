"""Source-aware removal: take one source's facts out of a store, keep everyone else's.

Every node and relationship lists the sources that support it (``source_ids`` with
their ``locators``). Unloading a source removes what only that source supports —
and the relationships attached to removed nodes — and, where other sources also
support a fact, only drops that source's provenance, dispute and fact rows. A figure whose
preferred value came from the unloaded source falls back to the next source's value;
a figure left with one value is no longer disputed; a property only that source stated
(its fact rows name no other source) goes with it.

>>> from talentgraph.graph import EmbeddedStore, Label, Node
>>> store = EmbeddedStore()
>>> _ = store.write([Node("meta", Label.ORGANIZATION, {"name": "Meta", "source_ids": ["a"], "locators": ["a#1"]})])
>>> unload_source(store, "a")
UnloadSummary(nodes_removed=1, relationships_removed=0, nodes_updated=0, relationships_updated=0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from .errors import StoreError
from .graph_edits import diff_graphs
from .model import DISPUTE, FACTS, PROVENANCE, parallel_rows, value_from_text

if TYPE_CHECKING:
    from .graph_store import GraphStore

__all__ = ["UnloadSummary", "source_ids", "unload_from_graph", "unload_source"]


@dataclass(frozen=True)
class UnloadSummary:
    nodes_removed: int = 0
    relationships_removed: int = 0
    nodes_updated: int = 0
    relationships_updated: int = 0


def source_ids(store: GraphStore) -> list[str]:
    """Every source id some node or relationship cites, sorted.

    >>> from talentgraph.graph import EmbeddedStore
    >>> source_ids(EmbeddedStore())
    []
    """
    # both stores count their sources themselves (on Neo4j without fetching the graph)
    return list(store.source_counts())


def unload_source(store: GraphStore, source_id: str) -> UnloadSummary:
    """Remove what only ``source_id`` supports from ``store`` (embedded or Neo4j); see the
    module docstring. The result is worked out on a copy of the graph and applied as one
    set of edits, so on Neo4j it lands whole or not at all."""
    known = source_ids(store)
    if source_id not in known:
        shown = ", ".join(known[:10]) + (" ..." if len(known) > 10 else "")
        raise StoreError(f"no fact in the store comes from source {source_id!r} — loaded sources: {shown or 'none'}")
    before = store.to_networkx()
    after = before.copy()
    summary = unload_from_graph(after, source_id)
    store.apply_edits(diff_graphs(before, after))
    return summary


def unload_from_graph(g: nx.MultiDiGraph, source_id: str) -> UnloadSummary:
    """``unload_source`` on a networkx graph, in place.

    >>> g = nx.MultiDiGraph(); g.add_node("meta", label="Organization", source_ids=["a"], locators=["a#1"])
    >>> unload_from_graph(g, "a").nodes_removed, len(g)
    (1, 0)
    """
    doomed = [n for n, attrs in g.nodes(data=True) if _only(attrs, source_id)]
    edges_before = g.number_of_edges()
    g.remove_nodes_from(doomed)
    rels_removed = edges_before - g.number_of_edges()
    doomed_edges = [(u, v, k) for u, v, k, attrs in g.edges(keys=True, data=True) if _only(attrs, source_id)]
    g.remove_edges_from(doomed_edges)
    nodes_updated = sum(_drop(attrs, source_id) for _, attrs in g.nodes(data=True))
    rels_updated = sum(_drop(attrs, source_id) for _, _, attrs in g.edges(data=True))
    return UnloadSummary(len(doomed), rels_removed + len(doomed_edges), nodes_updated, rels_updated)


def _only(attrs: dict[str, Any], source_id: str) -> bool:
    sources = attrs.get("source_ids", [])
    return bool(sources) and all(s == source_id for s in sources)


def _drop(attrs: dict[str, Any], source_id: str) -> bool:
    """Drop ``source_id``'s provenance and dispute rows from one record; True if it changed."""
    if source_id not in attrs.get("source_ids", []) and source_id not in attrs.get("disputed_sources", []):
        return False
    provenance = [row for row in parallel_rows(attrs, PROVENANCE) if row[0] != source_id]
    for i, key in enumerate(PROVENANCE):
        attrs[key] = [row[i] for row in provenance]
    rows = parallel_rows(attrs, DISPUTE)
    kept = [row for row in rows if row[2] != source_id]
    promoted: dict[str, tuple[Any, ...]] = {}  # field -> the fact row of the source whose value it now shows
    for field in {row[0] for row in rows}:
        before = [row for row in rows if row[0] == field]
        after = [row for row in kept if row[0] == field]
        # the first row of a field holds the preferred value when a merge made the dispute
        if after and before[0][2] == source_id and attrs.get(field) == value_from_text(before[0][1]):
            attrs[field] = value_from_text(after[0][1])
            promoted[field] = (field, after[0][2], after[0][3])
        if len({row[1] for row in after}) == 1 and value_from_text(after[0][1]) == attrs.get(field):
            kept = [row for row in kept if row[0] != field]
    if any(k in attrs for k in DISPUTE):
        for i, key in enumerate(DISPUTE):
            attrs[key] = [row[i] for row in kept]
    facts = parallel_rows(attrs, FACTS)
    if facts:
        left = [row for row in facts if row[1] != source_id and row[0] not in promoted] + list(promoted.values())
        for field in {row[0] for row in facts} - {row[0] for row in left} - {"name"}:
            attrs.pop(field, None)  # nobody else states it
        for i, key in enumerate(FACTS):
            attrs[key] = [row[i] for row in left]
    return True
