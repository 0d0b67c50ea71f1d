"""How query results look, on every store: the JSON shapes of DESIGN.md.

A path is ``{"nodes": [{"id", "name", "label", ...}], "relationships": [{"type",
"start", "end", ...}]}``; a table is ``{"columns": [...], "rows": [[...]]}``.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

__all__ = ["node_record", "path_record", "relationship_record"]


def node_record(graph: nx.MultiDiGraph, node_id: str) -> dict[str, Any]:
    attrs = graph.nodes[node_id]
    rest = {k: v for k, v in sorted(attrs.items()) if k not in ("label", "name")}
    return {"id": node_id, "name": attrs.get("name", node_id), "label": attrs["label"], **rest}


def relationship_record(start: str, end: str, attrs: dict[str, Any]) -> dict[str, Any]:
    rest = {k: v for k, v in sorted(attrs.items()) if k != "type"}
    return {"type": attrs["type"], "start": start, "end": end, **rest}


def path_record(graph: nx.MultiDiGraph, node_ids: list[str], rels: list[tuple[str, str, dict]]) -> dict[str, Any]:
    return {
        "nodes": [node_record(graph, n) for n in node_ids],
        "relationships": [relationship_record(s, e, a) for s, e, a in rels],
    }
