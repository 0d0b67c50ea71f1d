"""The first year each entity and relationship is known to have existed, and why.

The year slider of the page and ``render --as-of`` hide what did not exist yet. A
curated article dates deals, some foundings and the start of some roles, and leaves the
rest undated; this module derives what the dated facts allow, in this order:

1. its own date: a deal's ``year``, an organization's ``founded``, a relationship's
   ``from`` or ``year``;
2. a founding relationship with a year (``Person -FOUNDED-> Organization {year}``);
3. the earliest dated fact it takes part in: a dated relationship (``from``, ``year``
   or ``to`` — a role that ended in 2009 existed in 2009) or a deal it is party to;
4. a relationship without a date exists from when both its ends exist.

A unit or product without any of these is not given its parent's year: a parent founded
in 2004 says nothing about when one of its products appeared. Whatever stays undated is
marked so; the page hides undated items when a year is set, unless the reader keeps
them (a toggle), and says how many there are.

>>> g = nx.MultiDiGraph()
>>> g.add_node("meta", label="Organization"); g.add_node("ig", label="Organization")
>>> g.add_node("d", label="Deal", year=2012); g.add_node("zuck", label="Person")
>>> _ = g.add_edge("d", "ig", type="TARGET"); _ = g.add_edge("zuck", "meta", type="FOUNDED", year=2004)
>>> t = timeline(g); t.nodes["ig"], t.nodes["meta"], t.nodes["zuck"]
((2012, 'party to d'), (2004, 'founded 2004'), (2004, 'zuck founded meta (2004)'))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

__all__ = ["Timeline", "first_year", "timeline"]

DEAL_LINKS = frozenset({"TARGET", "ACQUIRER", "MOVED"})


@dataclass(frozen=True)
class Timeline:
    """``nodes[id]`` and ``edges[(u, v, key)]``: ``(first year, how it is known)``, or ``(None, "undated")``."""

    nodes: dict[str, tuple[int | None, str]]
    edges: dict[tuple[str, str, str], tuple[int | None, str]]

    def node_year(self, node_id: str) -> int | None:
        return self.nodes.get(node_id, (None, ""))[0]

    def edge_year(self, edge: tuple[str, str, str]) -> int | None:
        return self.edges.get(edge, (None, ""))[0]

    def exists_by(self, node_id: str, year: int, keep_undated: bool = False) -> bool:
        """Whether the node existed at the end of ``year`` (undated: only if ``keep_undated``)."""
        first = self.node_year(node_id)
        return keep_undated if first is None else first <= year


def first_year(attrs: dict[str, Any], *keys: str) -> int | None:
    """The earliest integer year among ``keys`` of ``attrs``.

    >>> first_year({"from": 2025, "to": 2024}, "from", "to")
    2024
    """
    best = None
    for key in keys:
        value = attrs.get(key)
        if type(value) is int and (best is None or value < best):  # a bool is not a year
            best = value
    return best


def timeline(graph: nx.MultiDiGraph) -> Timeline:
    """First years for every node and relationship of ``graph`` (see the module docstring).

    One pass over the nodes and three over a list of the relationships taken once, with
    the attribute dicts at hand: no networkx look-up per relationship.
    """
    attrs_of = dict(graph.nodes(data=True))
    relationships = list(graph.edges(keys=True, data=True))
    nodes: dict[str, tuple[int | None, str]] = {}
    for node_id, attrs in attrs_of.items():
        is_deal = attrs.get("label") == "Deal"
        own = first_year(attrs, "year") if is_deal else first_year(attrs, "founded")
        if own is not None:
            nodes[node_id] = (own, f"dated {own}" if is_deal else f"founded {own}")
    # a founding with a year dates the organization it founded
    for _, end, _, attrs in relationships:
        if attrs.get("type") == "FOUNDED" and end not in nodes:
            year = first_year(attrs, "year", "from")
            if year is not None:
                nodes[end] = (year, f"founded {year}")
    # everything else: the earliest dated fact it takes part in, in node-id order for stable reasons
    derived: dict[str, tuple[int, str]] = {}
    for start, end, _, attrs in relationships:
        if start in nodes and end in nodes:
            continue  # both ends are dated already: nothing derived here would be used
        rel_type = attrs.get("type", "")
        start_attrs = attrs_of[start]
        if rel_type in DEAL_LINKS:
            year = nodes.get(start, (None, ""))[0] if start_attrs.get("label") == "Deal" else None
            if year is None:
                continue
            reason = f"party to {start_attrs.get('name', start)}"
        else:
            year = first_year(attrs, "from", "year", "to")
            if year is None:
                continue
            reason = (
                f"{start_attrs.get('name', start)} {rel_type.replace('_', ' ').lower()} "
                f"{attrs_of[end].get('name', end)} ({year})"
            )
        for node_id in (start, end):
            best = derived.get(node_id)
            if node_id not in nodes and (best is None or (year, reason) < best):
                derived[node_id] = (year, reason)
    for node_id, value in derived.items():
        nodes.setdefault(node_id, value)
    for node_id in attrs_of:
        nodes.setdefault(node_id, (None, "undated"))
    edges: dict[tuple[str, str, str], tuple[int | None, str]] = {}
    for start, end, key, attrs in relationships:
        own = first_year(attrs, "from", "year")
        if own is None and attrs.get("type") in DEAL_LINKS and attrs_of[start].get("label") == "Deal":
            own = nodes[start][0]
        if own is not None:
            edges[(start, end, key)] = (own, f"from {own}")
            continue
        a, b = nodes[start][0], nodes[end][0]
        edges[(start, end, key)] = (
            (max(a, b), "from when both ends exist") if a is not None and b is not None else (None, "undated")
        )
    return Timeline(nodes, edges)
