"""Everything about one entity: its properties with the sources that state them,
disputed values side by side, its text, and its connections grouped by relationship.

The catalogue entry ``describe`` fetches the entity and the relationships touching it
(``describe.cypher`` on Neo4j; the embedded store reads its own graph) and both stores
shape the answer with ``entity_document``, so the two give the same document.
``describe`` adds the primary source and marks the facts it does not state.

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> doc = describe(store, "scale-ai")
>>> doc["label"], doc["kind"], [(g["type"], g["direction"], len(g["items"])) for g in doc["connections"]][:2]
('Organization', 'company', [('FOUNDED', 'in', 1), ('TARGET', 'in', 1)])
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..graph.errors import QueryError
from ..graph.graph_store import GraphStore
from ..graph.model import DISPUTE, PROVENANCE
from .catalogue import Param, QueryDef, register, run_query
from .fact_sources import FACT_LISTS, fact_citations, primary_source, record_sources, states
from .nx_walk import subgraph_from_records

__all__ = ["describe", "entity_document", "is_placeholder_role"]

# shown first, in this order; the rest alphabetically, the text fields last
FIELD_ORDER = (
    "kind",
    "status",
    "country",
    "founded",
    "year",
    "date",
    "amount",
    "currency",
    "amount_usd",
    "stake_pct",
    "valuation_usd",
    "pay",
    "pay_currency",
    "pay_usd",
    "pay_basis",
    "headcount",
    "group",
)
TEXT_FIELDS = ("summary", "note", "evidence")
NOT_FACTS = frozenset({"label", "name", "aliases", "type", "key", *PROVENANCE, *DISPUTE, *FACT_LISTS})
DEAL_FACTS = ("kind", "status", "year", "amount", "currency", "amount_usd", "amount_qualifier")
REL_FACTS = ("role", "from", "to", "year")
# placeholder roles: "joined Meta" says only that a person moved, which the MOVED link says already
_PLACEHOLDER_PREFIXES = ("joined", "moved to", "hired by")


def is_placeholder_role(role: Any) -> bool:
    """A role text that names no role ("joined Meta"): not shown as a role.

    >>> is_placeholder_role("joined ByteDance"), is_placeholder_role("head of mobile Taobao")
    (True, False)
    """
    if not isinstance(role, str):
        return role is None
    text = role.strip().lower()
    return not text or any(text == p or text.startswith(p + " ") for p in _PLACEHOLDER_PREFIXES)


def _order(keys: list[str]) -> list[str]:
    head = [k for k in FIELD_ORDER if k in keys]
    tail = [k for k in TEXT_FIELDS if k in keys]
    return head + sorted(k for k in keys if k not in head and k not in tail) + tail


def _properties(attrs: dict[str, Any], source: str | None) -> list[dict[str, Any]]:
    rows = []
    for key in _order([k for k, v in attrs.items() if k not in NOT_FACTS and v is not None]):
        if source is not None and not states(attrs, key, source):
            continue
        cited = fact_citations(attrs, key)
        rows.append(
            {
                "field": key,
                "value": attrs[key],
                "sources": list(dict.fromkeys(s for s, _ in cited)),
                "locators": [loc for _, loc in cited],
            }
        )
    return rows


def _disputes(attrs: dict[str, Any], source: str | None) -> list[dict[str, Any]]:
    rows = [
        dict(zip(("field", "value", "source", "locator", "note"), row, strict=True))
        for row in zip(*(attrs.get(k) or [] for k in DISPUTE), strict=False)
    ]
    return [
        {
            "field": r["field"],
            "current": attrs.get(r["field"]),
            **{k: r[k] for k in ("value", "source", "locator", "note")},
        }
        for r in rows
        if source is None or r["source"] == source
    ]


def _item(graph: nx.MultiDiGraph, other: str, attrs: dict[str, Any]) -> dict[str, Any]:
    end = graph.nodes[other]
    item: dict[str, Any] = {"id": other, "name": end.get("name", other), "label": end["label"]}
    role = attrs.get("role")
    item["role"] = None if is_placeholder_role(role) else role
    for key in ("from", "to", "year"):
        item[key] = attrs.get(key)
    deal = end if end["label"] == "Deal" else {}
    for key in DEAL_FACTS:
        item["deal_" + key if key != "year" else "deal_year"] = deal.get(key)
    item["sources"] = list(dict.fromkeys(s for s, _ in record_sources(attrs)))
    return item


def entity_document(graph: nx.MultiDiGraph, entity: str, source: str | None = None) -> dict[str, Any]:
    """The describe document of ``entity`` (an id) from ``graph``, which holds at least the
    entity, its relationships and their other ends. With ``source``, only what that source
    states: its properties, disputes and relationships."""
    attrs = graph.nodes[entity]
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    touching = [("out", v, a) for _, v, a in graph.out_edges(entity, data=True)]
    touching += [("in", u, a) for u, _, a in graph.in_edges(entity, data=True)]
    for direction, other, rel in touching:
        if source is not None and not states(rel, None, source):
            continue
        groups.setdefault((rel["type"], direction), []).append({**_item(graph, other, rel), "_rel": rel})
    connections = []
    for (rel_type, direction), items in sorted(groups.items()):
        items.sort(key=lambda i: (_year(i) is None, _year(i) or 0, str(i["name"]), i["id"], i["_rel"].get("key", "")))
        connections.append(
            {
                "type": rel_type,
                "direction": direction,
                "items": [{k: v for k, v in i.items() if k != "_rel"} for i in items],
            }
        )
    if source is not None and not states(attrs, None, source) and not connections:
        cited = ", ".join(sorted({s for s, _ in record_sources(attrs)})) or "none"
        raise QueryError(f"source {source!r} states nothing about {attrs.get('name', entity)} — its sources: {cited}")
    return {
        "id": entity,
        "name": attrs.get("name", entity),
        "label": attrs["label"],
        "kind": attrs.get("kind"),
        "aliases": list(attrs.get("aliases") or []),
        "properties": _properties(attrs, source),
        "disputes": _disputes(attrs, source),
        "sources": [{"source": s, "locator": loc} for s, loc in record_sources(attrs) if source is None or s == source],
        "connections": connections,
    }


def _year(item: dict[str, Any]) -> Any:
    return next((item[k] for k in ("deal_year", "year", "from") if isinstance(item.get(k), int)), None)


def _mark(doc: dict[str, Any], primary: str | None) -> dict[str, Any]:
    doc["primary_source"] = primary
    for prop in doc["properties"]:
        prop["marked"] = primary is not None and primary not in prop["sources"]
    for group in doc["connections"]:
        for item in group["items"]:
            item["marked"] = primary is not None and bool(item["sources"]) and primary not in item["sources"]
    return doc


def describe(store: GraphStore, entity: str, source: str | None = None, primary: str | None = None) -> dict[str, Any]:
    """Everything about ``entity`` (a name, alias or id): label, kind, aliases, each
    property with the sources and locators stating it, disputes, sources, and the
    connections grouped by relationship type and direction. ``source`` keeps what one
    source states; facts the ``primary`` source (default: the most cited one) does not
    state have ``"marked": true``.

    >>> from talentgraph.graph import EmbeddedStore
    >>> from talentgraph.loaders import load_sources
    >>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
    >>> doc = describe(store, "Alexandr Wang")
    >>> [(i["name"], i["role"], i["marked"]) for g in doc["connections"] for i in g["items"] if g["type"] == "FOUNDED"]
    [('Scale AI', None, True)]
    """
    doc = run_query(store, "describe", {"entity": entity, "source": source})["rows"][0][0]
    cited = {s for p in doc["properties"] for s in p["sources"]}
    cited |= {s for g in doc["connections"] for i in g["items"] for s in i["sources"]}
    return _mark(doc, primary if primary is not None else primary_source(store, cited))


def _embedded(graph: nx.MultiDiGraph, entity: str, source: str | None = None) -> list[list[Any]]:
    return [[entity_document(graph, entity, source)]]


def _from_records(records: list[dict[str, Any]], bound: dict[str, Any]) -> list[list[Any]]:
    return _embedded(subgraph_from_records(records), bound["entity"], bound["source"])


register(
    QueryDef(
        "describe",
        "everything about one entity: properties with their sources, disputes, connections by type",
        ("entity",),
        _embedded,
        (
            Param("entity", "entity", "the entity (name, alias or id)", required=True),
            Param("source", "source", "only what this source states (a source id)"),
        ),
        from_records=_from_records,
        applied_after=("source",),
    )
)
