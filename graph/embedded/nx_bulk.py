"""Bulk-load tuning shared by loaders and stores, and the one home of networkx's private
internals in talentgraph.

``gc_paused`` lives in ``graph/gc_pause.py`` (re-exported here for the store).

networkx's ``add_nodes_from`` / ``add_edges_from`` copy every attribute dict and, for
keyed edges, reach each one through three adjacency views: a third of a million-row
load. ``add_new_nodes`` / ``add_new_edges`` put fresh dicts into the graph's own
adjacency the way ``MultiDiGraph.add_edge`` does, for records the graph lacks.

Private internals used: ``MultiDiGraph._node``, ``._succ``, ``._pred``, the
``adjlist_inner_dict_factory`` / ``edge_key_dict_factory`` attributes and the
``__networkx_cache__`` dict, as networkx 3.4 to 3.6 lay them out (tested on 3.4.2, the
floor, and 3.6.1: tests/test_hygiene.py compares the result with ``add_edge``'s, on both).

>>> with gc_paused():
...     rows = [{"n": i} for i in range(3)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

from ..gc_pause import gc_paused

__all__ = ["add_new_edges", "add_new_nodes", "gc_paused"]


def add_new_nodes(graph: nx.MultiDiGraph, nodes: dict[str, dict[str, Any]]) -> None:
    """Add ``{id: attrs}`` for ids ``graph`` does not hold; ``graph`` takes the dicts themselves.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); add_new_nodes(g, {"a": {"label": "Person"}}); g.nodes["a"]
    {'label': 'Person'}
    """
    node, succ, pred = graph._node, graph._succ, graph._pred
    for node_id, attrs in nodes.items():
        if node_id is None or node_id in node:
            raise ValueError(f"add_new_nodes: {node_id!r} is None or already in the graph")
        node[node_id] = attrs
        succ[node_id] = graph.adjlist_inner_dict_factory()
        pred[node_id] = graph.adjlist_inner_dict_factory()
    _clear_cache(graph)


def add_new_edges(graph: nx.MultiDiGraph, edges: dict[tuple[str, str, str], dict[str, Any]]) -> None:
    """Add ``{(start, end, key): attrs}`` between nodes ``graph`` holds, for keys it does not
    hold yet; ``graph`` takes the dicts themselves.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "b")]); add_new_edges(g, {("a", "b", "k"): {"w": 1}}); g["a"]["b"]["k"]
    {'w': 1}
    """
    succ, pred = graph._succ, graph._pred
    for (start, end, key), attrs in edges.items():
        keydict = succ[start].get(end)
        if keydict is None:
            if end not in succ:
                raise KeyError(f"add_new_edges: no node {end!r}")
            # one key dict shared by both directions, as MultiDiGraph.add_edge leaves it
            keydict = succ[start][end] = pred[end][start] = graph.edge_key_dict_factory()
        elif key in keydict:
            raise ValueError(f"add_new_edges: edge {(start, end, key)!r} is already in the graph")
        keydict[key] = attrs
    _clear_cache(graph)


def _clear_cache(graph: nx.MultiDiGraph) -> None:
    # what networkx's own mutators end with: drop converted graphs cached on this one
    if cache := getattr(graph, "__networkx_cache__", None):
        cache.clear()
