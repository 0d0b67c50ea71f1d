"""Which part of the graph a page shows: filters, a focus neighbourhood, a node budget.

The filter rules are the same ones the page's own controls apply (script.js,
``visibleSets``), so ``talentgraph render --status failed`` draws what a reader gets by
ticking "failed" in the full page:

- a deal passes if its kind, status and year match; with a country filter, one of
  its parties must be from one of the countries;
- a person or organization passes if its country matches (or there is no country
  filter), or it is a party to a passing deal; with a deal filter (kind, status or a
  year range) it must be a party to a passing deal;
- ``as_of`` hides deals after that year, organizations founded after it and
  relationships that began after it;
- a node left without any of the relationships it had is hidden too.

>>> GraphFilter(statuses=("failed",)).deal_filter_active
True
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ..errors import QueryError

__all__ = ["DEFAULT_MAX_NODES", "GraphFilter", "drawable_graph", "filter_graph", "focus_graph", "limit_graph"]

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
        return self.as_of is None or not isinstance(year, int) or year <= self.as_of

    def began_by_as_of(self, attrs: dict[str, Any], *keys: str) -> bool:
        if self.as_of is None:
            return True
        return all(not isinstance(attrs.get(k), int) or attrs[k] <= self.as_of for k in keys)


def drawable_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph without Source nodes: sources appear in the details, not as dots."""
    sources = [n for n, a in graph.nodes(data=True) if a.get("label") == "Source"]
    if not sources:
        return graph
    excluded = set(sources)
    return graph.subgraph([n for n in graph.nodes if n not in excluded])


def filter_graph(graph: nx.MultiDiGraph, flt: GraphFilter) -> nx.MultiDiGraph:
    """The subgraph ``flt`` keeps (a view; nothing is copied).

    >>> g = nx.MultiDiGraph(); g.add_node("d", label="Deal", status="failed"); len(filter_graph(g, GraphFilter(statuses=("completed",))))
    0
    """
    if not flt.active:
        return graph
    nodes = graph.nodes
    countries = set(flt.countries)

    def country_ok(n: str) -> bool:
        return not countries or nodes[n].get("country") in countries

    deals = set()
    for n, attrs in graph.nodes(data=True):
        if attrs.get("label") == "Deal" and flt.deal_matches(attrs):
            parties = _deal_parties(graph, n)
            if not countries or any(country_ok(p) for p in parties):
                deals.add(n)
    in_deal = {p for d in deals for p in _deal_parties(graph, d)}
    keep = set(deals)
    for n, attrs in graph.nodes(data=True):
        if attrs.get("label") == "Deal" or not flt.began_by_as_of(attrs, "founded"):
            continue
        if flt.deal_filter_active and n not in in_deal:
            continue
        if country_ok(n) or n in in_deal:
            keep.add(n)
    edges = [(u, v, k) for u, v, k, a in graph.edges(keys=True, data=True)
             if u in keep and v in keep and flt.began_by_as_of(a, "from", "year")]
    linked = {n for u, v, _ in edges for n in (u, v)}
    # a node that had relationships and lost them all to the filter says nothing alone
    keep = {n for n in keep if n in linked or graph.degree(n) == 0}
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in graph.nodes if n in keep)
    sub.add_edges_from((u, v, k, graph.edges[u, v, k]) for u, v, k in edges)
    return sub


def _deal_parties(graph: nx.MultiDiGraph, deal: str) -> list[str]:
    return [v for _, v, a in graph.out_edges(deal, data=True) if a.get("type") in DEAL_LINKS]


def focus_graph(graph: nx.MultiDiGraph, centres: list[str], depth: int) -> nx.MultiDiGraph:
    """Everything within ``depth`` relationships of the ``centres`` (either direction)."""
    if depth < 0:
        raise QueryError(f"depth {depth} is negative — use 0 (the node alone) or more")
    return graph.subgraph(_bfs_order(graph, centres, depth))


def limit_graph(graph: nx.MultiDiGraph, max_nodes: int, centres: list[str] = ()) -> tuple[nx.MultiDiGraph, int]:
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
        def weight(n: str) -> tuple:
            attrs = graph.nodes[n]
            return (-graph.degree(n), -(attrs.get("amount_usd") or 0), n)

        keep = sorted(graph.nodes, key=weight)[:max_nodes]
    return graph.subgraph(keep), total - len(keep)


def _bfs_order(graph: nx.MultiDiGraph, centres: list[str], depth: int) -> list[str]:
    seen = dict.fromkeys(centres)
    queue = deque((c, 0) for c in centres)
    while queue:
        node, dist = queue.popleft()
        if dist == depth:
            continue
        for nxt in sorted(set(graph.successors(node)) | set(graph.predecessors(node))):
            if nxt not in seen:
                seen[nxt] = None
                queue.append((nxt, dist + 1))
    return list(seen)
