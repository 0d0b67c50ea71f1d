"""Bulk-load tuning shared by loaders and stores.

Building a million small dicts and records makes CPython's cyclic garbage collector
scan the growing heap again and again, which more than doubles load time (see
tests/benchmarks/bench_positions.py). Loads create no reference cycles worth
collecting, so the collector is paused for their duration and restored after.

networkx's ``add_nodes_from`` / ``add_edges_from`` copy every attribute dict and, for
keyed edges, reach each one through three adjacency views: a third of a million-row
load. ``add_new_nodes`` / ``add_new_edges`` put fresh dicts into the graph's own
adjacency the way ``MultiDiGraph.add_edge`` does, for records the graph lacks.

>>> with gc_paused():
...     rows = [{"n": i} for i in range(3)]
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import Any

import networkx as nx

__all__ = ["add_new_edges", "add_new_nodes", "gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block (re-entrant; restores the previous state)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            _promote_to_oldest()
            gc.enable()


def _promote_to_oldest() -> None:
    """Move every object the collector tracks into its oldest generation, unscanned.

    Re-enabling the collector after a load would otherwise start with a young-generation
    collection over everything the load built (millions of dicts and lists: about half a
    second per million rows) that finds nothing, since a loaded graph lives on. Objects
    in the oldest generation are still collected by full collections, as usual. Skipped
    when the process froze objects itself: unfreezing would undo that.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()  # tracked objects -> the permanent generation (a list splice) ...
        gc.unfreeze()  # ... -> the oldest generation


def add_new_nodes(graph: nx.MultiDiGraph, nodes: dict[str, dict[str, Any]]) -> None:
    """Add ``{id: attrs}`` for ids ``graph`` does not hold; ``graph`` takes the dicts themselves.

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
