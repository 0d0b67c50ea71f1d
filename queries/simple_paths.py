"""Paths beyond the shortest: every simple path between two entities up to N hops,
shortest first, optionally through a given entity.

Direction is ignored, as for ``shortest_paths``; claims are statements, not
connections, so ``ABOUT`` is only walked when ``types`` names it. Paths come in order of
length, then of their node ids, one per sequence of nodes (the relationship a step
shows is the lowest (type, key), as in ``shortest_paths``).

The work is bounded: a depth-first search per length, pruned by breadth-first distances
to the target (and to ``via``), stops at ``limit`` paths or after ``STEP_BUDGET`` steps;
``all_paths`` asks for one path more than it shows, so it can say that the limit cut.

On Neo4j, ``all_paths.cypher`` fetches only the part of the graph such paths can lie in
— the nodes within half the hop limit of either end, and the relationships between
them — and the same search runs on it, so both stores answer alike.

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> found = all_paths(store, "openai", "meta", max_hops=3)
>>> [len(p["relationships"]) for p in found["paths"]], found["truncated"]
([2, 3, 3], False)
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

import networkx as nx

from ..graph.errors import QueryError
from ..graph.graph_store import GraphStore
from .catalogue import Param, QueryDef, register, run_query
from .nx_walk import subgraph_from_records
from .paths import CONNECTIONS, DEFAULT_MAX_HOPS, _edge_between
from .records import path_record

__all__ = [
    "ALL_PATHS_LIMIT",
    "MAX_ALL_HOPS",
    "STEP_BUDGET",
    "all_path_rows",
    "all_paths",
    "find_paths",
    "simple_node_paths",
]

MAX_ALL_HOPS = 10  # all_paths.cypher fetches nodes within MAX_ALL_HOPS // 2 of either end
DEFAULT_ALL_HOPS = 4
ALL_PATHS_LIMIT = 10
STEP_BUDGET = 1_000_000  # neighbour visits per search, whatever the graph's size
MODES = ("all", "shortest")


def simple_node_paths(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    max_hops: int,
    limit: int,
    types: Collection[str] | None = None,
    via: str | None = None,
    shortest: bool = False,
) -> tuple[list[list[str]], bool]:
    """The node-id lists of the first ``limit`` simple paths of at most ``max_hops``
    relationships (shortest first, then by node ids) and whether the step budget ran out.
    With ``via``, only paths through that node; with ``shortest``, only the shortest."""
    if max_hops < 1 or limit < 1:
        raise QueryError("max_hops and limit must be at least 1")
    ends = (source, target) if via is None else (source, target, via)
    if any(n not in graph for n in ends):
        return [], False
    if source == target:
        return ([[source]] if via in (None, source) else []), False
    step = _stepper(graph, frozenset(types) if types else None)
    to_target = _distances(step, target, max_hops)
    to_via = _distances(step, via, max_hops) if via is not None else {}
    if via is not None and (via not in to_target or source not in to_via):
        return [], False
    budget = [STEP_BUDGET]
    found: list[list[str]] = []
    for length in range(1, max_hops + 1):
        for path in _of_length(step, source, target, length, via, to_target, to_via, budget):
            found.append(path)
            if len(found) == limit:
                return found, budget[0] <= 0
        if budget[0] <= 0 or (shortest and found):
            break
    return found, budget[0] <= 0


def _stepper(graph: nx.MultiDiGraph, types: frozenset[str] | None):
    """A function from a node to its neighbours (either direction) along allowed types."""
    allowed = CONNECTIONS if types is None else types
    succ, pred = graph._succ, graph._pred

    def step(u: str) -> set[str]:
        return {
            v
            for adjacency in (succ[u], pred[u])
            for v, keyed in adjacency.items()
            if any(a["type"] in allowed for a in keyed.values())
        }

    return step


def _distances(step, start: str, limit: int) -> dict[str, int]:
    dist, level = {start: 0}, [start]
    for d in range(1, limit + 1):
        nxt = [v for u in level for v in step(u) if v not in dist]
        for v in nxt:
            dist.setdefault(v, d)
        level = list(dict.fromkeys(nxt))
    return dist


def _of_length(
    step,
    source: str,
    target: str,
    length: int,
    via: str | None,
    to_target: dict[str, int],
    to_via: dict[str, int],
    budget: list[int],
) -> Iterator[list[str]]:
    """Simple paths of exactly ``length`` relationships, in node-id order, lazily."""
    far = length + 1
    via_to_target = to_target.get(via, far) if via is not None else 0

    def fits(node: str, left: int, passed: bool) -> bool:
        if passed:
            return to_target.get(node, far) <= left
        return to_via.get(node, far) + via_to_target <= left

    def walk(path: list[str], on_path: set[str], passed: bool) -> Iterator[list[str]]:
        node, left = path[-1], length - len(path) + 1
        if left == 0:
            if node == target and passed:
                yield list(path)
            return
        neighbours = step(node)
        budget[0] -= len(neighbours) + 1
        if budget[0] <= 0:
            return
        for nxt in sorted(neighbours):
            if nxt in on_path or (nxt == target and left > 1):
                continue
            now_passed = passed or nxt == via
            if not fits(nxt, left - 1, now_passed):
                continue
            path.append(nxt)
            on_path.add(nxt)
            yield from walk(path, on_path, now_passed)
            path.pop()
            on_path.discard(nxt)

    yield from walk([source], {source}, via is None or source == via)


def all_path_rows(
    graph,
    from_=None,
    to=None,
    max_hops=DEFAULT_ALL_HOPS,
    limit=ALL_PATHS_LIMIT,
    types=None,
    via=None,
    mode="all",
    **named,
) -> list[list[Any]]:
    """``simple_node_paths`` as a one-column table of path records: the named query ``all_paths``."""
    source = named.get("from", from_)
    wanted = frozenset(types) if types else None
    nodes_list, _ = simple_node_paths(graph, source, to, max_hops, limit, wanted, via, mode == "shortest")
    rows = []
    for nodes in nodes_list:
        rels = [_edge_between(graph, u, v, wanted or CONNECTIONS) for u, v in zip(nodes, nodes[1:], strict=False)]
        rows.append([path_record(graph, nodes, rels)])
    return rows


def all_paths(
    store: GraphStore,
    source: str,
    target: str,
    max_hops: int = DEFAULT_ALL_HOPS,
    limit: int = ALL_PATHS_LIMIT,
    types: Collection[str] | None = None,
    via: str | None = None,
    shortest: bool = False,
) -> dict[str, Any]:
    """``{"paths": [...], "truncated": bool}``: the simple paths between ``source`` and
    ``target`` (ids or names) on any store; ``truncated`` says the limit or the step
    budget cut the list short (there are more paths than shown).

    >>> from talentgraph.graph import EmbeddedStore
    >>> from talentgraph.loaders import load_sources
    >>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
    >>> found = all_paths(store, "Noam Shazeer", "Google", max_hops=3, limit=2)
    >>> [len(p["relationships"]) for p in found["paths"]], found["truncated"]
    ([1, 2], True)
    """
    params: dict[str, Any] = {
        "from": source,
        "to": target,
        "max_hops": max_hops,
        "limit": min(limit, 1000) + 1,
        "types": ",".join(types) if types else None,
        "via": via,
        "mode": "shortest" if shortest else "all",
    }
    rows = run_query(store, "all_paths", params)["rows"]
    return {"paths": [row[0] for row in rows[:limit]], "truncated": len(rows) > limit}


def find_paths(
    store: GraphStore,
    source: str,
    target: str,
    every: bool = False,
    via: str | None = None,
    max_hops: int | None = None,
    limit: int = ALL_PATHS_LIMIT,
    types: str | Collection[str] | None = None,
) -> dict[str, Any]:
    """What ``talentgraph path`` and ``render --path`` show: the shortest paths (``every``
    False), or every simple path (``every`` True), optionally through ``via``, as
    ``{"paths", "truncated"}``. ``max_hops`` defaults to 8 for shortest paths and 4 for
    every path; ``types`` is a list or comma-separated text.

    >>> from talentgraph.graph import EmbeddedStore
    >>> from talentgraph.loaders import load_sources
    >>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
    >>> [len(p["nodes"]) for p in find_paths(store, "musically", "doubao")["paths"]]
    [4]
    """
    wanted = types.split(",") if isinstance(types, str) else types
    if every or via is not None:
        hops = max_hops or (DEFAULT_ALL_HOPS if every else DEFAULT_MAX_HOPS)
        return all_paths(store, source, target, hops, limit, wanted, via, shortest=not every)
    params = {
        "from": source,
        "to": target,
        "max_hops": max_hops or DEFAULT_MAX_HOPS,
        "limit": min(limit + 1, 1000),
        "types": ",".join(wanted) if wanted else None,
    }
    rows = run_query(store, "path", params)["rows"]
    return {"paths": [row[0] for row in rows[:limit]], "truncated": len(rows) > limit}


def _all_paths_from_records(records: list[dict[str, Any]], params: dict[str, Any]) -> list[list[Any]]:
    graph = subgraph_from_records(records)
    return all_path_rows(graph, **params)


register(
    QueryDef(
        "all_paths",
        "every simple path between two entities up to N hops, shortest first, optionally through one entity",
        ("path",),
        all_path_rows,
        (
            Param("from", "entity", "one end (name, alias or id)", required=True),
            Param("to", "entity", "the other end (name, alias or id)", required=True),
            Param("max_hops", "int", "longest path to consider", DEFAULT_ALL_HOPS, minimum=1, maximum=MAX_ALL_HOPS),
            Param("limit", "int", "most paths to return", ALL_PATHS_LIMIT, minimum=1, maximum=1001),
            Param("types", "types", "only these relationship types (ABOUT only when named)"),
            Param("via", "entity", "only paths through this entity (name, alias or id)"),
            Param("mode", "choice", "all paths, or only the shortest", "all", choices=MODES),
        ),
        from_records=_all_paths_from_records,
    )
)
