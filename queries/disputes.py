"""Disputed facts: where sources disagree on a figure, every value with its source.

A dispute row is one value some source gives for a field of an entity; ``current`` is
the value the entity shows (the first source's, unless a reload or an unload changed
it). The Cypher twin is ``disputes.cypher``.

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> disputes(store.graph)["rows"][0][:4]
['amazon-adept-2024', 'Amazon / Adept licence and hire (2024)', 'Deal', 'kind']
"""

from __future__ import annotations

from typing import Any

import networkx as nx

__all__ = ["DISPUTE_COLUMNS", "disputes"]

DISPUTE_COLUMNS = ["id", "name", "label", "field", "current", "value", "source", "locator", "note"]


def disputes(graph: nx.MultiDiGraph, field: str | None = None) -> dict[str, Any]:
    """Every dispute row of every node, ordered by id then field (rows of one field in
    the order they were recorded); ``field`` keeps one field only."""
    rows = []
    for node_id, attrs in sorted(graph.nodes(data=True), key=lambda item: item[0]):
        found = zip(*(attrs.get(k, []) for k in (
            "disputed_fields", "disputed_values", "disputed_sources", "disputed_locators", "disputed_notes")))
        for i, (name, value, source, locator, note) in sorted(enumerate(found), key=lambda r: (r[1][0], r[0])):
            if field is None or name == field:
                rows.append([node_id, attrs.get("name", node_id), attrs["label"], name, attrs.get(name), value, source, locator, note])
    return {"columns": list(DISPUTE_COLUMNS), "rows": rows}
