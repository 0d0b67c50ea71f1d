"""Disputed facts: where sources disagree on a figure, every value with its source.

A dispute row is one value some source gives for a field of an entity; ``current`` is
the value the entity shows (the first source's, unless a reload or an unload changed
it). The catalogue entry ``disputes`` runs ``dispute_rows`` on the embedded store and
``disputes.cypher`` on Neo4j.

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> disputes(store)["rows"][0][:4]
['amazon-adept-2024', 'Amazon / Adept licence and hire (2024)', 'Deal', 'kind']
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..graph.errors import QueryError
from ..graph.graph_store import GraphSlice, GraphStore
from .catalogue import Param, QueryDef, register

__all__ = ["DISPUTE_COLUMNS", "dispute_rows", "disputes", "disputes_in_graph"]

DISPUTE_COLUMNS = ["id", "name", "label", "field", "current", "value", "source", "locator", "note"]


def dispute_rows(graph: nx.MultiDiGraph, field: str | None = None) -> list[list[Any]]:
    """Every dispute row of every node, ordered by id then field (rows of one field in
    the order they were recorded); ``field`` keeps one field only.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("d", label="Deal", name="D", year=2024, disputed_fields=["year", "year"],
    ...            disputed_values=["2024", "2023"], disputed_sources=["a", "b"],
    ...            disputed_locators=["a#1", "b#4"], disputed_notes=["", ""])
    >>> [row[4:7] for row in dispute_rows(g, "year")]
    [[2024, '2024', 'a'], [2024, '2023', 'b']]
    """
    rows = []
    for node_id, attrs in sorted(graph.nodes(data=True), key=lambda item: item[0]):
        found = zip(
            *(
                attrs.get(k, [])
                for k in (
                    "disputed_fields",
                    "disputed_values",
                    "disputed_sources",
                    "disputed_locators",
                    "disputed_notes",
                )
            ),
            strict=False,
        )
        for _, (name, value, source, locator, note) in sorted(enumerate(found), key=lambda r: (r[1][0], r[0])):
            if field is None or name == field:
                rows.append(
                    [
                        node_id,
                        attrs.get("name", node_id),
                        attrs["label"],
                        name,
                        attrs.get(name),
                        value,
                        source,
                        locator,
                        note,
                    ]
                )
    return rows


def disputes(store: GraphStore, field: str | None = None) -> dict[str, Any]:
    """Every disputed fact in ``store`` (about ``field`` only, when given) as a ``{"columns",
    "rows"}`` table: the catalogue's ``disputes`` (on Neo4j, its Cypher). A ``field`` no
    source disputes is refused with the fields that are disputed (a typo must not read as
    "no disputes").

    >>> from talentgraph.graph import EmbeddedStore
    >>> from talentgraph.loaders import load_sources
    >>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
    >>> disputes(store, "amout")
    Traceback (most recent call last):
    ...
    talentgraph.graph.errors.QueryError: no disputes about 'amout' — disputed fields: amount_usd, currency, kind, pay_usd, targets, valuation_round (or leave out the field)
    """
    from .catalogue import run_query

    table = run_query(store, "disputes", {})
    if field is None:
        return table
    fields = sorted({row[3] for row in table["rows"]})
    if field not in fields:
        raise QueryError(
            f"no disputes about {field!r} — disputed fields: {', '.join(fields) or 'none'} (or leave out the field)"
        )
    return {"columns": table["columns"], "rows": [row for row in table["rows"] if row[3] == field]}


def disputes_in_graph(graph: nx.MultiDiGraph, field: str | None = None) -> dict[str, Any]:
    """``dispute_rows`` as a ``{"columns", "rows"}`` table, for a networkx graph."""
    return {"columns": list(DISPUTE_COLUMNS), "rows": dispute_rows(graph, field)}


register(
    QueryDef(
        "disputes",
        "facts that sources state differently, one row per value with its source",
        tuple(DISPUTE_COLUMNS),
        dispute_rows,
        (Param("field", "str", "only disputes about this property (e.g. amount, amount_usd, year, kind)"),),
        reads=GraphSlice(having="disputed_fields"),  # only the nodes some source disputes, every property
    )
)
