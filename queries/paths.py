"""Shortest connections between two entities, on the embedded store.

Direction is ignored (a deal connects its target and acquirer both ways). Source nodes
have no relationships in the model, so they never lie on a path; claims are statements,
not connections, so their ``ABOUT`` relationships are walked only when ``types`` names
them. All shortest paths are
returned, up to ``limit``, ordered by their node ids; ``types`` keeps only paths whose
every step is one of those relationship types. The Cypher twin is ``path.cypher``.

The search is a level-by-level bidirectional breadth-first search straight over the
``MultiDiGraph``'s adjacency dicts (``_succ`` and ``_pred``): no subgraph or undirected
view is built per call, which keeps it about as fast as ``nx.shortest_path`` itself
(see tests/benchmarks/bench_queries.py).

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> [n["name"] for n in shortest_paths(store, "Meta", "Scale AI")[0]["nodes"]]
['Meta', 'Meta / Scale AI stake (2025)', 'Scale AI']
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from typing import Any

import networkx as nx

from ..graph.errors import QueryError
from ..graph.graph_store import GraphStore
from ..graph.model import RelType
from .records import path_record

__all__ = [
    "CONNECTIONS",
    "DEFAULT_LIMIT",
    "DEFAULT_MAX_HOPS",
    "shortest_node_paths",
    "shortest_paths",
    "shortest_paths_in_graph",
    "shortest_paths_in_store",
]

DEFAULT_MAX_HOPS = 8
# what a path may step along unless told otherwise: a claim's ABOUT is no connection
CONNECTIONS = frozenset(t.value for t in RelType) - {RelType.ABOUT.value}
DEFAULT_LIMIT = 10


def shortest_paths(
    store: GraphStore,
    source: str,
    target: str,
    max_hops: int = DEFAULT_MAX_HOPS,
    limit: int = DEFAULT_LIMIT,
    types: Collection[str] | None = None,
) -> list[dict[str, Any]]:
    """All shortest paths between ``source`` and ``target`` (names, aliases or ids) in ``store``
    of at most ``max_hops`` relationships: the catalogue's ``path`` (on Neo4j, its Cypher)."""
    from .catalogue import run_query

    params: dict[str, Any] = {"from": source, "to": target, "max_hops": max_hops, "limit": limit}
    if types:
        params["types"] = sorted(types)
    return [row[0] for row in run_query(store, "path", params)["rows"]]


def shortest_paths_in_graph(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    max_hops: int = DEFAULT_MAX_HOPS,
    limit: int = DEFAULT_LIMIT,
    types: Collection[str] | None = None,
) -> list[dict[str, Any]]:
    """All shortest paths from ``source`` to ``target`` (ids) of at most ``max_hops`` relationships."""
    return _shortest(graph, graph, source, target, max_hops, limit, types)


def _shortest(
    graph: nx.MultiDiGraph,
    walk: Any,
    source: str,
    target: str,
    max_hops: int,
    limit: int,
    types: Collection[str] | None,
) -> list[dict[str, Any]]:
    """The search over ``walk`` (``graph`` itself, or what stands for its adjacency), then
    the path records read from ``graph``."""
    if max_hops < 1 or limit < 1:
        raise QueryError("max_hops and limit must be at least 1")
    wanted = frozenset(types) if types else None
    paths = []
    for nodes in shortest_node_paths(walk, source, target, max_hops, limit, wanted):
        rels = [_edge_between(graph, u, v, wanted) for u, v in zip(nodes, nodes[1:], strict=False)]
        paths.append(path_record(graph, nodes, rels))
    return paths


class _Neighbours(dict):
    """``{node: {neighbour: {"TYPE|key": {"type": TYPE}}}}``, read a search level at a time
    (``prefetch``) or, for a node not prefetched, on first use."""

    def __init__(self, read: Callable[[list[str], bool], dict[str, Any]], outgoing: bool):
        super().__init__()
        self._read, self._outgoing = read, outgoing

    def prefetch(self, nodes: list[str]) -> None:
        missing = [n for n in nodes if n not in self]
        if missing:
            self.update(self._read(missing, self._outgoing))

    def __missing__(self, node: str) -> dict[str, dict[str, dict[str, str]]]:
        found = self[node] = self._read([node], self._outgoing)[node]
        return found


class _Skeleton:
    """What the search reads of a ``MultiDiGraph`` (``in``, ``_succ``, ``_pred``, ``_node``),
    with the adjacency read through ``neighbour_types``: ends and types, no properties."""

    def __init__(self, graph: nx.MultiDiGraph, neighbour_types: Callable[[list[str], bool], dict[str, Any]]):
        self._graph, self._node = graph, graph._node
        self._succ, self._pred = _Neighbours(neighbour_types, True), _Neighbours(neighbour_types, False)

    def __contains__(self, node: object) -> bool:
        return node in self._graph


def shortest_paths_in_store(
    store: Any,
    source: str,
    target: str,
    max_hops: int = DEFAULT_MAX_HOPS,
    limit: int = DEFAULT_LIMIT,
    types: Collection[str] | None = None,
) -> list[dict[str, Any]]:
    """``shortest_paths_in_graph`` on a store that reads its graph from a file (SQLite):
    the same search over ``store.neighbour_types`` (ends and types only), then the
    properties of just the nodes and relationships of the paths found."""
    graph = store.to_networkx()
    return _shortest(graph, _Skeleton(graph, store.neighbour_types), source, target, max_hops, limit, types)


def shortest_node_paths(
    graph: nx.MultiDiGraph, source: str, target: str, max_hops: int, limit: int, types: frozenset[str] | None = None
) -> list[list[str]]:
    """The node-id lists of the first ``limit`` shortest paths, in sorted order."""
    if source not in graph or target not in graph:
        return []
    if source == target:
        return [[source]]
    if types is None:
        # Claims are rare: search without looking at labels (the fast loop; a label check
        # per node costs several times the search), and only if a path found runs through
        # a claim, search again without ABOUT. Found paths free of claims are also the
        # first shortest ones of the graph without them: removing edges lengthens no path.
        found = _search(graph, source, target, max_hops, limit, None)
        if not any(graph._node[n]["label"] == "Claim" for path in found for n in path):
            return found
        types = CONNECTIONS
    return _search(graph, source, target, max_hops, limit, types)


def _search(
    graph: nx.MultiDiGraph, source: str, target: str, max_hops: int, limit: int, types: frozenset[str] | None
) -> list[list[str]]:
    succ, pred = graph._succ, graph._pred
    # distance from each side's start; only distances are kept while searching (the
    # cheapest bookkeeping), the paths are read back from them once the sides meet
    fwd, bwd = {source: 0}, {target: 0}
    fwd_level, bwd_level = [source], [target]
    hops = 0
    while fwd_level and bwd_level and hops < max_hops:
        hops += 1
        # expand the smaller side by one whole level, so every meeting node is found
        level = fwd_level if len(fwd_level) <= len(bwd_level) else bwd_level
        if hasattr(succ, "prefetch"):  # a store's adjacency (``_Neighbours``): one read per level
            succ.prefetch(level)
            pred.prefetch(level)
        if level is fwd_level:
            fwd_level, meets = _expand(fwd_level, fwd, bwd, succ, pred, types)
        else:
            bwd_level, meets = _expand(bwd_level, bwd, fwd, succ, pred, types)
        if meets:
            return list(_enumerate(graph, source, sorted(meets), fwd, bwd, limit, types))
    return []


def _expand(
    level: list[str], dist: dict[str, int], other: dict[str, int], succ, pred, types
) -> tuple[list[str], list[str]]:
    nxt: list[str] = []
    add = nxt.append
    d = dist[level[0]] + 1
    if types is None:  # the common case, kept to plain dict lookups: this loop is the whole cost
        for u in level:
            for v in succ[u]:
                if v not in dist:
                    dist[v] = d
                    add(v)
            for v in pred[u]:
                if v not in dist:
                    dist[v] = d
                    add(v)
    else:
        for u in level:
            for adjacency in (succ[u], pred[u]):
                for v, keyed in adjacency.items():
                    if v not in dist and any(a["type"] in types for a in keyed.values()):
                        dist[v] = d
                        add(v)
    return nxt, [v for v in nxt if v in other]


def _neighbours(graph: nx.MultiDiGraph, v: str, types) -> Iterator[str]:
    """Neighbours either way (a node can come twice); callers filter first, so a hub's
    thousands of neighbours are never collected into a set."""
    for adjacency in (graph._succ[v], graph._pred[v]):
        if types is None:
            yield from adjacency
        else:
            yield from (w for w, keyed in adjacency.items() if any(a["type"] in types for a in keyed.values()))


def _enumerate(graph, source: str, meets: list[str], fwd, bwd, limit: int, types) -> Iterator[list[str]]:
    """Paths source -> meet -> target in lexicographic order of their node ids, lazily."""
    # the nodes of the forward search that lie on a shortest path to a meeting node
    on_path, stack = set(meets), list(meets)
    while stack:
        v = stack.pop()
        for w in _neighbours(graph, v, types):
            if fwd.get(w) == fwd[v] - 1 and w not in on_path:
                on_path.add(w)
                stack.append(w)
    meet_set = set(meets)
    count = 0

    def forward(node: str, prefix: list[str]) -> Iterator[list[str]]:
        if node in meet_set:
            yield from backward(node, prefix)
            return
        for child in sorted({w for w in _neighbours(graph, node, types) if w in on_path and fwd[w] == fwd[node] + 1}):
            yield from forward(child, prefix + [child])

    def backward(node: str, prefix: list[str]) -> Iterator[list[str]]:
        if bwd[node] == 0:
            yield prefix
            return
        for nxt in sorted({w for w in _neighbours(graph, node, types) if bwd.get(w) == bwd[node] - 1}):
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
