"""The graph as networkx node-link JSON (key "edges"), the interchange format of ``export --format json``.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("meta", label="Organization", name="Meta")
>>> graph_to_node_link(g)["nodes"]
[{'id': 'meta', 'label': 'Organization', 'name': 'Meta'}]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

__all__ = ["graph_from_node_link", "graph_to_node_link"]


def graph_to_node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Node-link data with nodes sorted by id and edges by (source, target, key), so two
    exports of the same graph are byte-identical whatever the order of loading."""
    data = nx.node_link_data(graph, edges="edges")
    # attribute order depends on load history (and differs between stores): sort it too
    data["nodes"] = sorted((dict(sorted(n.items())) for n in data["nodes"]), key=lambda n: n["id"])
    data["edges"] = sorted((dict(sorted(e.items())) for e in data["edges"]), key=lambda e: (e["source"], e["target"], e["key"]))
    return data


def graph_from_node_link(data: dict[str, Any]) -> nx.MultiDiGraph:
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
