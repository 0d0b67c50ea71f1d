"""Talent paths: founder -> startup -> deal -> acquirer -> new role, on the embedded store.

For each deal that moved a person, the path runs from the person's tie to the target
(founded, led or worked at it), through the deal to the acquirer, and on to the roles
the person holds there — in units or products that are part of the acquirer — in the
order they began. The Cypher twin is ``trace.cypher``.

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> [n["name"] for n in trace(store, "Alexandr Wang")[0]["nodes"]]
['Alexandr Wang', 'Scale AI', 'Meta / Scale AI stake (2025)', 'Meta', 'Meta Superintelligence Lab']
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..graph.graph_store import GraphStore
from ..graph.model import RelType
from .records import path_record

__all__ = ["trace", "trace_in_graph"]

# How a person is tied to an organization, strongest first.
TIES = (RelType.FOUNDED.value, RelType.LEADS.value, RelType.WORKED_AT.value)
MAX_PARENT_DEPTH = 4
_NO_YEAR = 10**6


def _edges(graph: nx.MultiDiGraph, u: str, v: str, types: tuple[str, ...]) -> list[dict]:
    data = graph.get_edge_data(u, v) or {}
    found = [attrs for attrs in data.values() if attrs["type"] in types]
    return sorted(found, key=lambda a: (types.index(a["type"]), a.get("key", "")))


def _out(graph: nx.MultiDiGraph, node: str, rel_type: str) -> list[str]:
    return sorted({v for _, v, a in graph.out_edges(node, data=True) if a["type"] == rel_type})


def _chain_to(graph: nx.MultiDiGraph, org: str, ancestor: str) -> list[str] | None:
    """The PART_OF chain from ``org`` up to ``ancestor`` (both included), if there is one."""
    chain = [org]
    while chain[-1] != ancestor:
        parents = _out(graph, chain[-1], RelType.PART_OF.value)
        if not parents or len(chain) > MAX_PARENT_DEPTH:
            return None
        chain.append(parents[0])
    return chain


def trace(store: GraphStore, person: str) -> list[dict[str, Any]]:
    """Every talent path of ``person`` (a name, alias or id) in ``store``, ordered by deal year
    then deal id: the catalogue's ``trace`` (on Neo4j its Cypher runs on the server)."""
    from .catalogue import run_query

    return [row[0] for row in run_query(store, "trace", {"person": person})["rows"]]


def trace_in_graph(graph: nx.MultiDiGraph, person: str) -> list[dict[str, Any]]:
    """Every talent path of ``person`` (an id) in a networkx graph: the catalogue's embedded twin."""
    paths = []
    deals = [u for u, _, a in graph.in_edges(person, data=True) if a["type"] == RelType.MOVED.value]
    for deal in sorted(set(deals), key=lambda d: (graph.nodes[d].get("year", _NO_YEAR), d)):
        deal_year = graph.nodes[deal].get("year")
        for target in _out(graph, deal, RelType.TARGET.value):
            for acquirer in _out(graph, deal, RelType.ACQUIRER.value):
                paths.append(_one_path(graph, person, target, deal, acquirer, deal_year))
    return paths


def _one_path(graph, person, target, deal, acquirer, deal_year) -> dict[str, Any]:
    nodes = [person, target, deal, acquirer]
    rels = []
    ties = _edges(graph, person, target, TIES)
    if ties:
        rels.append((person, target, ties[0]))
    rels.append((deal, target, _edges(graph, deal, target, (RelType.TARGET.value,))[0]))
    rels.append((deal, person, _edges(graph, deal, person, (RelType.MOVED.value,))[0]))
    rels.append((deal, acquirer, _edges(graph, deal, acquirer, (RelType.ACQUIRER.value,))[0]))
    roles = []
    for _, org, attrs in graph.out_edges(person, data=True):
        if attrs["type"] not in TIES or org == target:
            continue
        ended = attrs.get("to")
        if deal_year is not None and isinstance(ended, int) and ended < deal_year:
            continue  # a job that ended before the deal is not where the deal took them
        chain = _chain_to(graph, org, acquirer)
        if chain is not None:
            roles.append(
                (attrs.get("from", deal_year or _NO_YEAR) or _NO_YEAR, TIES.index(attrs["type"]), org, attrs, chain)
            )
    seen = set(nodes)
    for _, _, org, attrs, chain in sorted(roles, key=lambda r: (r[0], r[1], r[2])):
        if org == acquirer and any(r[2] != acquirer for r in roles):
            continue  # a specific unit says more than "works at the parent"
        if org not in seen:
            nodes.append(org)
            seen.add(org)
        rels.append((person, org, attrs))
        for child, parent in zip(chain, chain[1:], strict=False):
            if parent not in seen:
                nodes.append(parent)
                seen.add(parent)
            rels.append((child, parent, _edges(graph, child, parent, (RelType.PART_OF.value,))[0]))
    return path_record(graph, nodes, _unique(rels))


def _unique(rels: list[tuple[str, str, dict]]) -> list[tuple[str, str, dict]]:
    seen, out = set(), []
    for start, end, attrs in rels:
        ident = (start, end, attrs["type"], attrs.get("key", ""))
        if ident not in seen:
            seen.add(ident)
            out.append((start, end, attrs))
    return out
