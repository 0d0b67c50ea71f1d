"""The graph as GraphML (``export --format graphml``), for Gephi, yEd, Cytoscape and networkx.

GraphML has no list type, so list-valued properties (aliases, source_ids, locators, ...)
are written as JSON strings, e.g. ``["Facebook", "Meta Platforms"]``. The graph element
names those properties in ``json_node_keys`` / ``json_edge_keys`` (JSON lists too), and
:func:`graph_from_graphml` decodes them, so the round trip gives back the same graph.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("meta", label="Organization", aliases=["Facebook"])
>>> graph_from_graphml(graph_to_graphml(g)).nodes["meta"]["aliases"]
['Facebook']
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import networkx as nx

from ..errors import ExportError

__all__ = ["graph_from_graphml", "graph_to_graphml"]

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def graph_to_graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML bytes (UTF-8); edges keep their store key (``TYPE|key``) as the edge id."""
    out = nx.MultiDiGraph()
    node_lists: set[str] = set()
    edge_lists: set[str] = set()
    for node_id, attrs in sorted(graph.nodes(data=True), key=lambda item: item[0]):
        out.add_node(node_id, **_encode(attrs, node_lists, node_id))
    for start, end, key, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        # attrs hold a "key" of their own (the relationship key), so no **attrs into add_edge
        out.add_edge(start, end, key)
        out.edges[start, end, key].update(_encode(attrs, edge_lists, f"{start}->{end}"))
    out.graph.update(json_node_keys=json.dumps(sorted(node_lists)), json_edge_keys=json.dumps(sorted(edge_lists)))
    buffer = io.BytesIO()
    try:
        nx.write_graphml(out, buffer, encoding="utf-8", prettyprint=True)
    except nx.NetworkXError as exc:
        raise ExportError(f"cannot write GraphML: {exc} — export as json or cypher instead") from None
    # XML parsers turn a raw CR into LF; ElementTree leaves CRs in text raw, and every
    # CR in its output comes from a value (its own line breaks are LF), so refer to them
    return buffer.getvalue().replace(b"\r", b"&#13;")


def graph_from_graphml(data: bytes | str) -> nx.MultiDiGraph:
    """The graph from :func:`graph_to_graphml` output, JSON-encoded lists decoded."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    read = nx.read_graphml(io.BytesIO(raw), force_multigraph=True)
    node_lists = set(json.loads(read.graph.get("json_node_keys", "[]")))
    edge_lists = set(json.loads(read.graph.get("json_edge_keys", "[]")))
    graph = nx.MultiDiGraph()
    for node_id, attrs in read.nodes(data=True):
        graph.add_node(node_id, **_decode(attrs, node_lists))
    for start, end, key, attrs in read.edges(keys=True, data=True):
        graph.add_edge(start, end, key)
        graph.edges[start, end, key].update(_decode(attrs, edge_lists))
    return graph


def _encode(attrs: dict[str, Any], list_keys: set[str], where: str) -> dict[str, Any]:
    encoded = {}
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, list):
            list_keys.add(key)
            value = json.dumps(value, ensure_ascii=False)
        elif key in list_keys or not isinstance(value, str | int | float | bool):
            raise ExportError(f"{where}: property {key!r} is a list on some elements and not on others — make it one type")
        for text in (key, value) if isinstance(value, str) else (key,):
            if _XML_FORBIDDEN.search(text):
                raise ExportError(f"{where}: property {key!r} holds a control character XML cannot carry — "
                                  "remove it, or export as json or cypher")
        encoded[key] = value
    return encoded


def _decode(attrs: dict[str, Any], list_keys: set[str]) -> dict[str, Any]:
    return {k: json.loads(v) if k in list_keys else v for k, v in attrs.items()}
