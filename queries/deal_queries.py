"""Catalogue entries about deals and money: an acquirer's shopping cart, deals by kind
and year, flows of people between organizations or countries, and a timeline. Each
function is the networkx twin of the ``.cypher`` file of the same name.

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> shopping_cart(store.graph, "meta")[-1]
['total completed', None, 'completed', None, 36800000000, 'USD', None, []]
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from ..graph.graph_store import GraphSlice
from ..graph.model import heads
from .catalogue import AS_OF, COMPLETED, DEAL_KINDS, FAILED_STATUSES, Param, QueryDef, by_year, nulls_last, register
from .nx_walk import TIES, label_nodes, out_rels

__all__ = ["deals_by_year", "flows", "shopping_cart", "timeline"]

# What each deal kind is, in the terms analysts use.
CATEGORY = {
    "acquisition": "asset purchase",
    "acquihire": "talent acquisition",
    "licence_and_hire": "talent acquisition",
    "stake": "stake",
    "hire": "hire",
    "merger": "merger",
}


# What deals_by_year and flows read: deals, the organizations and people they move
# between (their labels, names and countries), and the deal properties the twins look at.
DEALS_AND_ENDS = GraphSlice(
    ("Deal",),
    ("TARGET", "ACQUIRER", "MOVED"),
    ("year", "kind", "status", "amount_usd", "headcount"),
    end_props=("name", "country"),
)


def _people(graph: nx.MultiDiGraph, deal: str) -> list[Any]:
    return sorted(graph.nodes[p].get("name") for p in {p for p, _ in out_rels(graph, deal, "MOVED")})


CART_COLUMNS = ("deal", "kind", "status", "year", "amount", "currency", "stake_pct", "people")


def _deals_bound(acquirer: str, as_of: int | None) -> dict[str, Any]:
    from .deals import PARAMS

    return {p.name: p.default for p in PARAMS} | {"acquirer": acquirer, "as_of": as_of}


def cart_rows(deal_table: list[list[Any]]) -> list[list[Any]]:
    """The shopping cart of an acquirer from its ``deals`` rows (year order): each deal
    as stated, then per outcome (completed, attempted: every other status) and currency
    the sum of the stated amounts — what was paid for people is left to ``deals``."""
    from .deals import DEAL_COLUMNS, deal_totals

    col = {name: i for i, name in enumerate(DEAL_COLUMNS)}
    rows = [[row[col[c]] for c in CART_COLUMNS] for row in deal_table]
    without_pay = [
        [None if i == col["people_pay_usd"] else v for i, v in enumerate(row)]
        for row in deal_table
        if row[col["amount"]] is not None
    ]
    for t in deal_totals(without_pay):
        rows.append([f"total {t['outcome']}", None, t["outcome"], None, t["amount"], t["currency"], None, []])
    return rows


def shopping_cart(graph: nx.MultiDiGraph, acquirer: str, as_of: int | None = None) -> list[list[Any]]:
    """The acquirer's deals in year order, then totals per currency: completed deals, and
    attempted ones. A view of the ``deals`` query (the same deals, read the same way)."""
    from .deals import deal_table_embedded

    return cart_rows(deal_table_embedded(graph, _deals_bound(acquirer, as_of)))


def _cart_statement(bound: dict[str, Any], store: Any) -> tuple[str, dict[str, Any]]:
    return "deals.cypher", {"target": None, "person": None}


def _cart_from_records(records: list[dict[str, Any]], bound: dict[str, Any]) -> list[list[Any]]:
    from .deals import deal_table_from_records

    return cart_rows(deal_table_from_records(records, _deals_bound(bound["acquirer"], bound["as_of"])))


def deals_by_year(graph, kind=None, as_of=None) -> list[list[Any]]:
    """Per year and deal kind: how many deals, how many completed or failed, the completed
    amount in US dollars and the people moved (heads: a deal's headcount when it names fewer)."""
    groups: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for deal, d in label_nodes(graph, "Deal"):
        if (kind and d.get("kind") != kind) or not by_year(d.get("year"), as_of):
            continue
        g = groups[(d.get("year"), d.get("kind"))]
        g[0] += 1
        g[1] += d.get("status") == COMPLETED
        g[2] += d.get("status") in FAILED_STATUSES
        if d.get("status") == COMPLETED and d.get("amount_usd") is not None:
            g[3] += d["amount_usd"]
        g[4] += heads(d, sum(1 for p, _ in out_rels(graph, deal, "MOVED") if graph.nodes[p]["label"] == "Person"))
    return [
        [year, k, CATEGORY.get(k), *counts]
        for (year, k), counts in sorted(groups.items(), key=lambda i: nulls_last(*i[0]))
    ]


def flows(graph, level="organization", as_of=None) -> list[list[Any]]:
    """People moved by deals from target to acquirer, counted per pair of organizations or
    of countries, largest flows first. People are heads: each named person once, plus the
    people a deal's headcount adds beyond those it names."""
    people: defaultdict[tuple, set[str]] = defaultdict(set)
    deals: defaultdict[tuple, set[str]] = defaultdict(set)
    unnamed: defaultdict[tuple, int] = defaultdict(int)
    names: dict[tuple, tuple] = {}
    for deal, d in label_nodes(graph, "Deal"):
        if not by_year(d.get("year"), as_of):
            continue
        moved = {p for p, _ in out_rels(graph, deal, "MOVED")}
        extra = heads(d, len(moved)) - len(moved)
        if not moved and not extra:
            continue
        for t in {o for o, _ in out_rels(graph, deal, "TARGET")}:
            for a in {o for o, _ in out_rels(graph, deal, "ACQUIRER")}:
                key = _flow_key(graph, t, a, level)
                people[key].update(moved)
                if deal not in deals[key]:
                    unnamed[key] += extra
                deals[key].add(deal)
                names[key] = _flow_names(graph, t, a, level)
    total = {k: len(people[k]) + unnamed[k] for k in people}
    order = sorted(people, key=lambda k: (-total[k], *nulls_last(*k)))
    return [[*names[k], total[k], len(deals[k])] for k in order]


def _flow_key(graph, t: str, a: str, level: str) -> tuple:
    if level == "country":
        return (graph.nodes[t].get("country"), graph.nodes[a].get("country"))
    return (t, a)


def _flow_names(graph, t: str, a: str, level: str) -> tuple:
    field = "country" if level == "country" else "name"
    return (graph.nodes[t].get(field), graph.nodes[a].get(field))


def timeline(graph, entity=None, as_of=None) -> list[list[Any]]:
    """Dated events in year order: deals, foundings (of organizations and by people) and
    role starts; with ``entity``, only the events it takes part in."""
    rows = []
    if entity is None:
        deals, orgs, people = (
            label_nodes(graph, "Deal"),
            label_nodes(graph, "Organization"),
            label_nodes(graph, "Person"),
        )
    else:  # only what touches the entity, found from it rather than by a scan
        around = {entity, *graph._pred[entity]}
        deals = ((n, graph.nodes[n]) for n in sorted(around) if graph.nodes[n]["label"] == "Deal")
        orgs = [(entity, graph.nodes[entity])] if graph.nodes[entity]["label"] == "Organization" else []
        people = ((n, graph.nodes[n]) for n in sorted(around) if graph.nodes[n]["label"] == "Person")
    for node, d in deals:
        ends = {o for o, _ in out_rels(graph, node, "TARGET", "ACQUIRER", "MOVED")}
        if d.get("year") is not None and (entity is None or entity == node or entity in ends):
            detail = None if d.get("kind") is None or d.get("status") is None else f"{d['kind']}, {d['status']}"
            rows.append([d["year"], "deal", d.get("name"), detail, node])
    for node, o in orgs:
        if o.get("founded") is not None:
            rows.append([o["founded"], "organization founded", o.get("name"), o.get("kind"), node])
    for p, pattrs in people:
        for org, r in out_rels(graph, p, *TIES):
            if entity not in (None, p, org):
                continue
            ident = f"{p}>{org}>{r['type']}>{r.get('key', '')}"
            if r["type"] == "FOUNDED" and r.get("year") is not None:
                rows.append(
                    [r["year"], "founded", f"{pattrs.get('name')} founded {graph.nodes[org].get('name')}", None, ident]
                )
            elif r["type"] != "FOUNDED" and r.get("from") is not None:
                rows.append(
                    [
                        r["from"],
                        "joined",
                        f"{pattrs.get('name')} -> {graph.nodes[org].get('name')}",
                        r.get("role"),
                        ident,
                    ]
                )
    rows = [r for r in rows if as_of is None or r[0] <= as_of]
    return sorted(rows, key=lambda r: (r[0], r[1], r[4]))


register(
    QueryDef(
        "shopping_cart",
        "an acquirer's deals (kind, status, amount, stake, year, people) with totals per currency",
        CART_COLUMNS,
        shopping_cart,
        (Param("acquirer", "entity", "the buyer (name, alias or id)", required=True), AS_OF),
        from_records=_cart_from_records,
        cypher_file="deals.cypher",  # one implementation of an acquirer's deals
        statement=_cart_statement,
        applied_after=("as_of",),
    )
)
register(
    QueryDef(
        "deals_by_year",
        "deals per year and kind: talent acquisitions vs asset purchases vs stakes vs hires, counts and sums",
        ("year", "kind", "category", "deals", "completed", "failed", "completed_usd", "people"),
        deals_by_year,
        (Param("kind", "choice", "only deals of this kind", choices=DEAL_KINDS), AS_OF),
        reads=DEALS_AND_ENDS,
    )
)
register(
    QueryDef(
        "flows",
        "movements of people through deals, target -> acquirer, per organization or country pair",
        ("source", "destination", "people", "deals"),
        flows,
        (
            Param(
                "level",
                "choice",
                "organization or country",
                default="organization",
                choices=("organization", "country"),
            ),
            AS_OF,
        ),
        reads=DEALS_AND_ENDS,
    )
)
register(
    QueryDef(
        "timeline",
        "dated events by year: deals, foundings, role starts",
        ("year", "event", "name", "detail", "id"),
        timeline,
        (Param("entity", "entity", "only events this entity takes part in"), AS_OF),
    )
)
