"""Shortest connections between two entities, on the embedded store.

Direction is ignored (a deal connects its target and acquirer both ways). Source nodes
have no relationships in the model, so they never lie on a path. All shortest paths are
returned, up to ``limit``, ordered by their node ids; ``types`` keeps only paths whose
every step is one of those relationship types. The Cypher twin is ``path.cypher``.

The search is a level-by-level bidirectional breadth-first search straight over the
``MultiDiGraph``'s adjacency dicts (``_succ`` and ``_pred``): no subgraph or undirected
view is built per call, which keeps it about as fast as ``nx.shortest_path`` itself
(see tests/benchmarks/bench_queries.py).

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> [n["name"] for n in shortest_paths(store.graph, "meta", "scale-ai")[0]["nodes"]]
['Meta', 'Meta / Scale AI stake (2025)', 'Scale AI']
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

import networkx as nx

from talentgraph.graph.errors import QueryError

from .records import path_record

__all__ = ["DEFAULT_LIMIT", "DEFAULT_MAX_HOPS", "shortest_node_paths", "shortest_paths"]

DEFAULT_MAX_HOPS = 8
DEFAULT_LIMIT = 10


def shortest_paths(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    max_hops: int = DEFAULT_MAX_HOPS,
    limit: int = DEFAULT_LIMIT,
    types: Collection[str] | None = None,
) -> list[dict[str, Any]]:
    """All shortest paths from ``source`` to ``target`` (ids) of at most ``max_hops`` relationships."""
    if max_hops < 1 or limit < 1:
        raise QueryError("max_hops and limit must be at least 1")
    wanted = frozenset(types) if types else None
    paths = []
    for nodes in shortest_node_paths(graph, source, target, max_hops, limit, wanted):
        rels = [_edge_between(graph, u, v, wanted) for u, v in zip(nodes, nodes[1:])]
        paths.append(path_record(graph, nodes, rels))
    return paths


def shortest_node_paths(
    graph: nx.MultiDiGraph, source: str, target: str, max_hops: int, limit: int, types: frozenset[str] | None = None
) -> list[list[str]]:
    """The node-id lists of the first ``limit`` shortest paths, in sorted order."""
    if source not in graph or target not in graph:
        return []
    if source == target:
        return [[source]]
    succ, pred = graph._succ, graph._pred
    # parents[v]: neighbours of v one level closer to that side's start
    fwd: dict[str, list[str]] = {source: []}
    bwd: dict[str, list[str]] = {target: []}
    fwd_level, bwd_level = [source], [target]
    hops = 0
    while fwd_level and bwd_level and hops < max_hops:
        # expand the smaller side by one whole level, so every shortest path is kept
        if len(fwd_level) <= len(bwd_level):
            fwd_level = _expand(fwd_level, fwd, succ, pred, types)
            level, other = fwd_level, bwd
        else:
            bwd_level = _expand(bwd_level, bwd, succ, pred, types)
            level, other = bwd_level, fwd
        hops += 1
        meets = [v for v in level if v in other]
        if meets:
            return list(_enumerate(source, sorted(meets), fwd, bwd, limit))
    return []


def _expand(level: list[str], parents: dict[str, list[str]], succ, pred, types) -> list[str]:
    nxt: list[str] = []
    fresh: set[str] = set()  # found in this level: another parent is another shortest way in
    for u in level:
        for adjacency in (succ[u], pred[u]):
            for v, keyed in adjacency.items():
                if types is not None and not any(a["type"] in types for a in keyed.values()):
                    continue
                if v not in parents:
                    parents[v] = [u]
                    fresh.add(v)
                    nxt.append(v)
                elif v in fresh and parents[v][-1] != u:
                    parents[v].append(u)
    return nxt


def _enumerate(source: str, meets: list[str], fwd, bwd, limit: int) -> Iterator[list[str]]:
    """Paths source -> meet -> target in lexicographic order of their node ids, lazily."""
    # children in the forward tree, restricted to nodes that lead to a meeting node
    children: dict[str, set[str]] = {}
    stack, seen = list(meets), set(meets)
    while stack:
        v = stack.pop()
        for u in fwd[v]:
            children.setdefault(u, set()).add(v)
            if u not in seen:
                seen.add(u)
                stack.append(u)
    meet_set = set(meets)
    count = 0

    def forward(node: str, prefix: list[str]) -> Iterator[list[str]]:
        if node in meet_set:
            yield from backward(node, prefix)
            return
        for child in sorted(children.get(node, ())):
            yield from forward(child, prefix + [child])

    def backward(node: str, prefix: list[str]) -> Iterator[list[str]]:
        nexts = bwd[node]
        if not nexts:
            yield prefix
            return
        for nxt in sorted(set(nexts)):
            yield from backward(nxt, prefix + [nxt])

    for path in forward(source, [source]):
        yield path
        count += 1
        if count == limit:
            return


def _edge_between(graph: nx.MultiDiGraph, u: str, v: str, types: frozenset[str] | None = None) -> tuple[str, str, dict]:
    """The one relationship a path step shows: either direction, lowest (type, key) first."""
    candidates = [(u, v, a) for a in (graph.get_edge_data(u, v) or {}).values()]
    candidates += [(v, u, a) for a in (graph.get_edge_data(v, u) or {}).values()]
    if types is not None:
        candidates = [c for c in candidates if c[2]["type"] in types]
    return min(candidates, key=lambda c: (c[2]["type"], c[2].get("key", ""), c[0]))
