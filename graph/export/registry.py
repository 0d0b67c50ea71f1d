"""The single-file export formats by name, as the bytes ``export --format F`` writes.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("meta", label="Organization", name="Meta")
>>> graph_to_bytes(g, "json").decode().splitlines()[:2]
['{', ' "directed": true,']
"""

from __future__ import annotations

import json

import networkx as nx

from ..errors import ExportError

__all__ = ["FILE_FORMATS", "graph_to_bytes"]

FILE_FORMATS = ("json", "graphml", "cypher")


def graph_to_bytes(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """The whole graph in ``fmt`` (one of FILE_FORMATS), UTF-8, ending in a newline."""
    if fmt == "json":
        from .node_link import graph_to_node_link

        return (json.dumps(graph_to_node_link(graph), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt == "graphml":
        from .graphml import graph_to_graphml

        payload = graph_to_graphml(graph)
        return payload if payload.endswith(b"\n") else payload + b"\n"
    if fmt == "cypher":
        from .cypher_script import graph_to_cypher

        return graph_to_cypher(graph).encode("utf-8")
    raise ExportError(f"unknown export format {fmt!r} — use one of {', '.join(FILE_FORMATS)} (or neo4j-admin, which writes a folder)")
