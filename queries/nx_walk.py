"""Small reads over the embedded ``MultiDiGraph`` that every networkx twin needs.

They walk ``graph._succ`` / ``graph._pred`` through the public ``out_edges`` /
``in_edges`` views only where the cost does not matter; the path search in
``paths.py`` reads the adjacency directly for speed.

>>> g = nx.MultiDiGraph(); g.add_node("d", label="Deal"); g.add_node("o", label="Organization")
>>> g.add_edge("d", "o", "TARGET|", type="TARGET")
'TARGET|'
>>> out_rels(g, "d", "TARGET")
[('o', {'type': 'TARGET'})]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

__all__ = ["TIES", "ancestors_within", "in_rels", "label_nodes", "out_rels", "subgraph_from_records"]

# How a person is tied to an organization.
TIES = ("FOUNDED", "LEADS", "WORKED_AT")


def label_nodes(graph: nx.MultiDiGraph, label: str) -> Iterator[tuple[str, dict[str, Any]]]:
    return ((n, a) for n, a in graph.nodes(data=True) if a["label"] == label)


def out_rels(graph: nx.MultiDiGraph, node: str, *types: str) -> list[tuple[str, dict[str, Any]]]:
    """``(end, attrs)`` of the relationships leaving ``node`` with one of ``types``."""
    return [(v, a) for v, keyed in graph._succ[node].items() for a in keyed.values() if a["type"] in types]


def in_rels(graph: nx.MultiDiGraph, node: str, *types: str) -> list[tuple[str, dict[str, Any]]]:
    """``(start, attrs)`` of the relationships reaching ``node`` with one of ``types``."""
    return [(u, a) for u, keyed in graph._pred[node].items() for a in keyed.values() if a["type"] in types]


def ancestors_within(graph: nx.MultiDiGraph, org: str, depth: int = 4) -> set[str]:
    """``org`` and every organization it is ``PART_OF`` within ``depth`` steps
    (Cypher: ``(org)-[:PART_OF*0..depth]->(ancestor)``)."""
    seen, frontier = {org}, [org]
    for _ in range(depth):
        frontier = [p for o in frontier for p, _ in out_rels(graph, o, "PART_OF") if p not in seen]
        seen.update(frontier)
    return seen


def subgraph_from_records(records: list[dict[str, Any]]) -> nx.MultiDiGraph:
    """The nodes and relationships found anywhere in Neo4j records, as an embedded graph.

    Records hold nodes as ``{"id", "label", ...props}`` and relationships as ``{"type",
    "start", "end", ...props}``; queries whose answer is built from paths (trace, path)
    fetch the part of the graph they need with Cypher and then run the same networkx twin
    on it, so both stores shape the answer with one piece of code.
    """
    graph = nx.MultiDiGraph()
    rels: list[dict[str, Any]] = []

    def visit(value: Any) -> None:
        if isinstance(value, dict):
            if "label" in value and "id" in value:
                graph.add_node(value["id"], **{k: v for k, v in value.items() if k != "id" and v is not None})
            elif {"type", "start", "end"} <= value.keys():
                rels.append(value)
            else:
                for item in value.values():
                    visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    for record in records:
        visit(record)
    for rel in rels:
        key = rel.get("key") or ""
        attrs = {k: v for k, v in rel.items() if k not in ("start", "end") and v is not None}
        attrs["key"] = key
        edge = f"{rel['type']}|{key}"
        graph.add_edge(rel["start"], rel["end"], edge)
        # "key" is networkx's edge-key argument too, so the property is set afterwards
        graph.edges[rel["start"], rel["end"], edge].update(attrs)
    return graph
