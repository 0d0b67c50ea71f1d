"""Catalogue entries about the graph's shape: talent path tracing, shortest connections
and the neighbourhood of an entity.

``trace`` and ``path`` answer with paths (one per row, in the ``{"nodes",
"relationships"}`` shape of DESIGN.md). On Neo4j their Cypher fetches just the part of
the graph the answer lies in; ``subgraph_from_records`` turns it into a small networkx
graph and the embedded function shapes the answer, so both stores share one definition
of which paths and which relationship per step are shown.

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> neighbourhood(store.graph, "scale-ai", 1)[:2]
[[1, 'meta-scale-ai-2025', 'Meta / Scale AI stake (2025)', 'Deal'], [1, 'alexandr-wang', 'Alexandr Wang', 'Person']]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .catalogue import Param, QueryDef, register
from .nx_walk import subgraph_from_records
from .paths import DEFAULT_LIMIT, DEFAULT_MAX_HOPS, shortest_paths_in_graph, shortest_paths_in_store
from .trace import trace_in_graph

__all__ = ["MAX_DEPTH", "MAX_PATH_HOPS", "neighbourhood", "path_rows", "trace_rows"]

# Cypher cannot take a parameter as a variable-length bound, so the .cypher files carry
# these literals and filter by the parameter below them.
MAX_PATH_HOPS = 20
MAX_DEPTH = 3


def trace_rows(graph: nx.MultiDiGraph, person: str) -> list[list[Any]]:
    """``trace`` as a one-column table: one talent path per row."""
    return [[path] for path in trace_in_graph(graph, person)]


def path_rows(graph, from_=None, to=None, max_hops=DEFAULT_MAX_HOPS, limit=DEFAULT_LIMIT, types=None, **named):
    """``shortest_paths`` as a one-column table: one path per row."""
    source, target = named.get("from", from_), to
    return [[p] for p in shortest_paths_in_graph(graph, source, target, max_hops, limit, types)]


def _path_indexed(store: Any, bound: dict[str, Any]) -> list[list[Any]] | None:
    """On the SQLite store: the search reads only ends and types of relationships
    (``neighbour_types``); ``None`` elsewhere (the twin runs on the graph)."""
    if not hasattr(store, "neighbour_types"):
        return None
    paths = shortest_paths_in_store(
        store, bound["from"], bound["to"], bound["max_hops"], bound["limit"], bound["types"]
    )
    return [[p] for p in paths]


def neighbourhood(graph: nx.MultiDiGraph, entity: str, depth: int = 1) -> list[list[Any]]:
    """Every entity within ``depth`` relationships of ``entity`` (either direction), by
    distance, then label, then id."""
    seen, level, rows = {entity}, [entity], []
    for distance in range(1, depth + 1):
        nxt = []
        for u in level:
            for v in (*graph._succ[u], *graph._pred[u]):
                if v not in seen:
                    seen.add(v)
                    nxt.append(v)
        rows += [[distance, v, graph.nodes[v].get("name"), graph.nodes[v]["label"]] for v in nxt]
        level = nxt
    return sorted(rows, key=lambda r: (r[0], r[3], r[1]))


# Cypher takes no parameter as a quantifier bound: one fixed statement per depth, so the
# breadth-first search stops where the answer does (neighbourhood.cypher, bound at 3 and
# filtered by $depth, is the one to read or run in the Browser)
_NEIGHBOURHOOD_FILES = {1: "neighbourhood_1.cypher", 2: "neighbourhood_2.cypher", 3: "neighbourhood.cypher"}


def _neighbourhood_statement(bound: dict[str, Any], store: Any) -> tuple[str, dict[str, Any]]:
    """The statement file for ``bound["depth"]``.

    >>> _neighbourhood_statement({"entity": "meta", "depth": 2}, None)
    ('neighbourhood_2.cypher', {})
    """
    return _NEIGHBOURHOOD_FILES[bound["depth"]], {}


def _trace_from_records(records: list[dict[str, Any]], params: dict[str, Any]) -> list[list[Any]]:
    graph = subgraph_from_records(records)
    return trace_rows(graph, params["person"]) if params["person"] in graph else []


def _path_from_records(records: list[dict[str, Any]], params: dict[str, Any]) -> list[list[Any]]:
    graph = subgraph_from_records(records)
    if params["from"] not in graph or params["to"] not in graph:
        return []
    return path_rows(graph, **params)


register(
    QueryDef(
        "trace",
        "a person's talent paths: founded -> target -> deal -> acquirer -> role",
        ("path",),
        trace_rows,
        (Param("person", "entity", "the person (name, alias or id)", required=True),),
        from_records=_trace_from_records,
    )
)
register(
    QueryDef(
        "path",
        "all shortest connections between two entities, with a hop limit and a relationship filter",
        ("path",),
        path_rows,
        (
            Param("from", "entity", "one end (name, alias or id)", required=True),
            Param("to", "entity", "the other end (name, alias or id)", required=True),
            Param("max_hops", "int", "longest path to consider", DEFAULT_MAX_HOPS, minimum=1, maximum=MAX_PATH_HOPS),
            Param("limit", "int", "most paths to return", DEFAULT_LIMIT, minimum=1, maximum=1000),
            Param("types", "types", "only these relationship types, e.g. FOUNDED,TARGET,ACQUIRER"),
        ),
        from_records=_path_from_records,
        indexed=_path_indexed,
    )
)
register(
    QueryDef(
        "neighbourhood",
        "every entity within DEPTH relationships of an entity",
        ("distance", "id", "name", "label"),
        neighbourhood,
        (
            Param("entity", "entity", "the centre (name, alias or id)", required=True),
            Param("depth", "int", "how many relationships out", 1, minimum=1, maximum=MAX_DEPTH),
        ),
        statement=_neighbourhood_statement,
    )
)
