"""Shortest connections between two entities, on the embedded store.

Direction is ignored (a deal connects its target and acquirer both ways); Source nodes
are not part of paths. All shortest paths are returned, up to ``limit``, in a stable
order. The Cypher twin is ``path.cypher``.

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> [n["name"] for n in shortest_paths(store.graph, "meta", "scale-ai")[0]["nodes"]]
['Meta', 'Meta / Scale AI stake (2025)', 'Scale AI']
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from talentgraph.graph.errors import QueryError

from .records import path_record

__all__ = ["DEFAULT_LIMIT", "DEFAULT_MAX_HOPS", "shortest_paths"]

DEFAULT_MAX_HOPS = 8
DEFAULT_LIMIT = 10


def shortest_paths(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    max_hops: int = DEFAULT_MAX_HOPS,
    limit: int = DEFAULT_LIMIT,
) -> list[dict[str, Any]]:
    """All shortest paths from ``source`` to ``target`` (ids) of at most ``max_hops`` relationships."""
    if max_hops < 1 or limit < 1:
        raise QueryError("max_hops and limit must be at least 1")
    if source == target:
        return [path_record(graph, [source], [])]
    view = nx.subgraph_view(graph, filter_node=lambda n: graph.nodes[n]["label"] != "Source").to_undirected(as_view=True)
    try:
        found = sorted(nx.all_shortest_paths(view, source, target))
    except nx.NetworkXNoPath:
        return []
    paths = []
    for nodes in found:
        if len(nodes) - 1 > max_hops:
            return []
        rels = [_edge_between(graph, u, v) for u, v in zip(nodes, nodes[1:])]
        paths.append(path_record(graph, nodes, rels))
        if len(paths) == limit:
            break
    return paths


def _edge_between(graph: nx.MultiDiGraph, u: str, v: str) -> tuple[str, str, dict]:
    """The one relationship a path step shows: either direction, lowest (type, key) first."""
    candidates = [(u, v, a) for a in (graph.get_edge_data(u, v) or {}).values()]
    candidates += [(v, u, a) for a in (graph.get_edge_data(v, u) or {}).values()]
    return min(candidates, key=lambda c: (c[2]["type"], c[2].get("key", ""), c[0]))
