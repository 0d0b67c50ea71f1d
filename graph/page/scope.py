"""Which part of the graph a page shows: filters, a focus neighbourhood, a node budget.

The filter rules are the same ones the page's own controls apply (script.js,
``visibleSets``), so ``talentgraph render --status failed`` draws what a reader gets by
ticking "failed" in the full page:

- a deal passes if its kind, status and year match; with a country filter, one of
  its parties must be from one of the countries;
- a person or organization passes if its country matches (or there is no country
  filter), or it is a party to a passing deal; with a deal filter (kind, status or a
  year range) it must be a party to a passing deal;
- ``as_of`` hides whatever did not exist yet at the end of that year — each node and
  relationship has its first year from timeline.py — and, unless ``keep_undated``,
  whatever has no year at all;
- a node left without any of the relationships it had is hidden too.

Every function here returns a plain ``MultiDiGraph`` built by ``plain_graph``, never a
view: the page reads each node and relationship several times, and each read through
stacked subgraph views costs a filter call per level (a third of the render time at
5,000 nodes). The attribute dictionaries are shared with the input, not copied — a page
only reads them.

>>> GraphFilter(statuses=("failed",)).deal_filter_active
True
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ..errors import QueryError
from .timeline import Timeline, timeline

__all__ = [
    "DEFAULT_MAX_NODES",
    "GraphFilter",
    "degrees",
    "drawable_graph",
    "filter_graph",
    "focus_graph",
    "induced_graph",
    "limit_graph",
    "plain_graph",
]

DEFAULT_MAX_NODES = 5000
DEAL_LINKS = frozenset({"TARGET", "ACQUIRER", "MOVED"})


@dataclass(frozen=True)
class GraphFilter:
    """What to keep; empty tuples and ``None`` mean "no restriction"."""

    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    from_year: int | None = None
    to_year: int | None = None
    as_of: int | None = None
    keep_undated: bool = False

    @property
    def deal_filter_active(self) -> bool:
        return bool(self.kinds or self.statuses) or self.from_year is not None or self.to_year is not None

    @property
    def active(self) -> bool:
        return self.deal_filter_active or bool(self.countries) or self.as_of is not None

    def deal_matches(self, attrs: dict[str, Any]) -> bool:
        year = attrs.get("year")
        if self.kinds and attrs.get("kind") not in self.kinds:
            return False
        if self.statuses and attrs.get("status") not in self.statuses:
            return False
        if self.from_year is not None and (not isinstance(year, int) or year < self.from_year):
            return False
        if self.to_year is not None and (not isinstance(year, int) or year > self.to_year):
            return False
        return True


def plain_graph(nodes: Iterable[tuple[str, dict]], edges: Iterable[tuple[str, str, str, dict]]) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` of these nodes and relationships; the attribute dicts are shared, not copied.

    ``add_edges_from`` checks, creates and updates a dict per relationship; a page graph is
    only read, so its three mappings are filled directly (networkx's own descriptors keep
    ``_succ``/``_adj`` in step). Every relationship's ends must be among ``nodes``.

    >>> g = plain_graph([("a", {"name": "A"}), ("b", {})], [("a", "b", "K|", {"type": "K"})])
    >>> g.nodes["a"]["name"], list(g.edges(keys=True)), g.degree("b")
    ('A', [('a', 'b', 'K|')], 1)
    """
    node = dict(nodes)
    succ: dict[str, dict[str, dict[str, dict]]] = {n: {} for n in node}
    pred: dict[str, dict[str, dict[str, dict]]] = {n: {} for n in node}
    for start, end, key, attrs in edges:
        keys = succ[start].get(end)
        if keys is None:
            keys = succ[start][end] = pred[end][start] = {}
        keys[key] = attrs
    graph = nx.MultiDiGraph()
    graph._node = node
    graph._succ = succ
    graph._pred = pred
    return graph


def induced_graph(graph: nx.MultiDiGraph, keep: Collection[str]) -> nx.MultiDiGraph:
    """The nodes in ``keep`` (in the graph's order) and the relationships between them, as a plain graph."""
    return plain_graph(
        ((n, a) for n, a in graph.nodes(data=True) if n in keep),
        ((u, v, k, a) for u, v, k, a in graph.edges(keys=True, data=True) if u in keep and v in keep),
    )


def drawable_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph without Source nodes: sources appear in the details, not as dots."""
    keep = {n for n, a in graph.nodes(data=True) if a.get("label") != "Source"}
    if len(keep) == len(graph) and not nx.is_frozen(graph):
        return graph
    return induced_graph(graph, keep)


def degrees(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Relationships per node (in and out, a loop twice), in one pass over the relationships."""
    count = dict.fromkeys(graph.nodes, 0)
    for start, end in graph.edges():
        count[start] += 1
        count[end] += 1
    return count


def filter_graph(graph: nx.MultiDiGraph, flt: GraphFilter, years: Timeline | None = None) -> nx.MultiDiGraph:
    """The subgraph ``flt`` keeps; ``years`` is the graph's timeline (computed when not given).

    >>> g = nx.MultiDiGraph(); g.add_node("d", label="Deal", status="failed")
    >>> len(filter_graph(g, GraphFilter(statuses=("completed",))))
    0
    """
    if not flt.active:
        return graph
    nodes = graph.nodes
    countries = set(flt.countries)
    if flt.as_of is not None and years is None:
        years = timeline(graph)

    def existed(n: str) -> bool:
        return years is None or flt.as_of is None or years.exists_by(n, flt.as_of, flt.keep_undated)

    def edge_existed(edge: tuple[str, str, str]) -> bool:
        if years is None or flt.as_of is None:
            return True
        first = years.edge_year(edge)
        return first is None or first <= flt.as_of

    def country_ok(n: str) -> bool:
        return not countries or nodes[n].get("country") in countries

    deals = set()
    for n, attrs in graph.nodes(data=True):
        if attrs.get("label") == "Deal" and flt.deal_matches(attrs) and existed(n):
            parties = _deal_parties(graph, n)
            if not countries or any(country_ok(p) for p in parties):
                deals.add(n)
    in_deal = {p for d in deals for p in _deal_parties(graph, d)}
    keep = set(deals)
    for n, attrs in graph.nodes(data=True):
        if attrs.get("label") == "Deal" or not existed(n):
            continue
        if flt.deal_filter_active and n not in in_deal:
            continue
        if country_ok(n) or n in in_deal:
            keep.add(n)
    kept_edges = {
        (u, v, k) for u, v, k in graph.edges(keys=True) if u in keep and v in keep and edge_existed((u, v, k))
    }
    linked = {n for u, v, _ in kept_edges for n in (u, v)}
    # a node that had relationships and lost them all to the filter says nothing alone
    connected = {n for n, count in degrees(graph).items() if count}
    keep = {n for n in keep if n in linked or n not in connected}
    return plain_graph(
        ((n, a) for n, a in graph.nodes(data=True) if n in keep),
        ((u, v, k, a) for u, v, k, a in graph.edges(keys=True, data=True) if (u, v, k) in kept_edges),
    )


def _deal_parties(graph: nx.MultiDiGraph, deal: str) -> list[str]:
    return [v for _, v, a in graph.out_edges(deal, data=True) if a.get("type") in DEAL_LINKS]


def focus_graph(graph: nx.MultiDiGraph, centres: list[str], depth: int) -> nx.MultiDiGraph:
    """Everything within ``depth`` relationships of the ``centres`` (either direction)."""
    if depth < 0:
        raise QueryError(f"depth {depth} is negative — use 0 (the node alone) or more")
    return induced_graph(graph, set(_bfs_order(graph, centres, depth)))


def limit_graph(graph: nx.MultiDiGraph, max_nodes: int, centres: Sequence[str] = ()) -> tuple[nx.MultiDiGraph, int]:
    """At most ``max_nodes`` nodes, and how many were left out.

    The kept nodes are the ones nearest the ``centres`` (focus or path) when given,
    otherwise the best connected ones, with the largest deals first among equals.
    """
    if max_nodes < 1:
        raise QueryError(f"max_nodes {max_nodes} is below 1 — pass a positive number")
    total = graph.number_of_nodes()
    if total <= max_nodes:
        return graph, 0
    if centres:
        keep = _bfs_order(graph, list(centres), total)[:max_nodes]
    else:
        count = degrees(graph)
        keep = sorted(graph.nodes, key=lambda n: (-count[n], -(graph.nodes[n].get("amount_usd") or 0), n))[:max_nodes]
    return induced_graph(graph, set(keep)), total - len(keep)


def _bfs_order(graph: nx.MultiDiGraph, centres: list[str], depth: int) -> list[str]:
    seen = dict.fromkeys(centres)
    queue = deque((c, 0) for c in centres)
    while queue:
        node, dist = queue.popleft()
        if dist == depth:
            continue
        for nxt in sorted(graph.succ[node].keys() | graph.pred[node].keys()):
            if nxt not in seen:
                seen[nxt] = None
                queue.append((nxt, dist + 1))
    return list(seen)
