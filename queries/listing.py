"""``list people|organizations``: the entities of one label, filtered by country, kind,
the source that states them and a name fragment, with how many deals they take part in.

The catalogue entry ``entities`` reads the label's nodes (``entities.cypher`` on Neo4j)
and both stores filter and sort them with ``entity_rows``.

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> [row[0] for row in list_entities(store, "organizations", country="CN", kind="company")["rows"]][:4]
['Alibaba', 'Baidu', 'ByteDance', 'Meituan']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..graph.errors import QueryError
from ..graph.graph_store import GraphStore
from ..graph.model import OrgKind
from .catalogue import Param, QueryDef, register, run_query
from .fact_sources import record_sources, states
from .text_match import fold

__all__ = ["ENTITY_COLUMNS", "entity_rows", "list_entities"]

ENTITY_COLUMNS = ("name", "kind", "country", "aliases", "deals", "sources", "id")
LABELS = {"people": "Person", "person": "Person", "organizations": "Organization", "organization": "Organization"}
_DEAL_LINKS = ("ACQUIRER", "TARGET", "MOVED")


def _passes(attrs: dict[str, Any], bound: dict[str, Any]) -> bool:
    if bound["country"] and str(attrs.get("country") or "").upper() != bound["country"].upper():
        return False
    if bound["kind"] and attrs.get("kind") != bound["kind"]:
        return False
    if bound["source"] and not states(attrs, None, bound["source"]):
        return False
    search = fold(bound["search"]) if bound["search"] else None
    names = [str(attrs.get("name", attrs["id"])), *(str(a) for a in attrs.get("aliases") or [])]
    return not search or any(search in fold(n) for n in names)


def entity_rows(entities: Iterable[tuple[dict[str, Any], int]], bound: dict[str, Any]) -> list[list[Any]]:
    """Rows of the entities (properties, deal count) that pass the filters, by name then id."""
    rows = []
    for attrs, deal_count in entities:
        if not _passes(attrs, bound):
            continue
        names = [str(attrs.get("name", attrs["id"])), *(str(a) for a in attrs.get("aliases") or [])]
        rows.append(
            [
                names[0],
                attrs.get("kind"),
                attrs.get("country"),
                names[1:],
                deal_count,
                sorted({s for s, _ in record_sources(attrs)}),
                attrs["id"],
            ]
        )
    return sorted(rows, key=lambda r: (r[0].casefold(), r[-1]))


def _embedded(graph: nx.MultiDiGraph, **bound: Any) -> list[list[Any]]:
    found = []
    for node, attrs in graph.nodes(data=True):
        # the filters first: counting deals reads every incoming relationship
        if attrs["label"] == bound["label"] and _passes({"id": node, **attrs}, bound):
            deals = {u for u, keyed in graph._pred[node].items() for a in keyed.values() if a["type"] in _DEAL_LINKS}
            found.append(({"id": node, **attrs}, len(deals)))
    return entity_rows(found, bound)


def _from_records(records: list[dict[str, Any]], bound: dict[str, Any]) -> list[list[Any]]:
    return entity_rows(((r["n"], r["deals"]) for r in records), bound)


register(
    QueryDef(
        "entities",
        "the people or organizations, filtered by country, kind, source and name, with their deal counts",
        ENTITY_COLUMNS,
        _embedded,
        (
            Param("label", "choice", "Person or Organization", default="Person", choices=("Person", "Organization")),
            Param("country", "str", "only entities in this country (ISO code, e.g. CN)"),
            Param("kind", "choice", "only organizations of this kind", choices=tuple(k.value for k in OrgKind)),
            Param("source", "source", "only entities this source states (a source id)"),
            Param("search", "str", "only entities whose name or an alias contains this text"),
        ),
        from_records=_from_records,
        applied_after=("country", "kind", "source", "search"),
    )
)


def list_entities(
    store: GraphStore,
    what: str,
    country: str | None = None,
    kind: str | None = None,
    source: str | None = None,
    search: str | None = None,
) -> dict[str, Any]:
    """``what`` is ``people`` or ``organizations``: their table, filtered.

    >>> from talentgraph.graph import EmbeddedStore
    >>> list_entities(EmbeddedStore(), "deals")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    talentgraph.graph.errors.QueryError: cannot list 'deals' — choose people or organizations ...
    """
    if what not in LABELS:
        raise QueryError(f"cannot list {what!r} — choose people or organizations (deals: `talentgraph deals`)")
    params = {"label": LABELS[what], "country": country, "kind": kind, "source": source, "search": search}
    return run_query(store, "entities", {k: v for k, v in params.items() if v is not None})
