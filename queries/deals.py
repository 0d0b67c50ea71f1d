"""Every deal as one row, filtered and sorted, with totals per currency.

The catalogue entry ``deals`` fetches the deals (those of one acquirer, target or
person when one is given; otherwise all) with their acquirers, targets and the people
they moved — ``deals.cypher`` on Neo4j, the embedded store's own graph otherwise — and
both stores turn them into rows with ``deal_rows``, so their answers are identical.
``deals`` adds the totals: per currency, completed and attempted deals, and what was
paid for people (pay per person times headcount) beside the amounts and included in the
total. Totals cover every matching deal, also those a ``limit`` leaves out.

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> table = deals(store, acquirer="Meta", status=["completed"], sort="amount", descending=True, limit=2)
>>> [row[0] for row in table["rows"]]
['Meta / WhatsApp (2014)', 'Meta / Scale AI stake (2025)']
>>> table["totals"][0]["currency"], table["totals"][0]["amount"], table["totals"][0]["people_pay"]
('USD', 36800000000, 8000000000)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..graph.errors import QueryError
from ..graph.graph_store import GraphStore
from ..graph.model import heads
from .catalogue import AS_OF, COMPLETED, DEAL_KINDS, DEAL_STATUSES, Param, QueryDef, get_query, register, run_query
from .describe import NOT_FACTS
from .fact_sources import primary_source, record_sources, states

__all__ = [
    "DEAL_COLUMNS",
    "GROUP_BY",
    "deal_groups",
    "deal_rows",
    "deal_table_embedded",
    "deal_table_from_records",
    "deal_statement",
    "deal_totals",
    "deals",
]

DEAL_COLUMNS = (
    "deal",
    "kind",
    "status",
    "year",
    "amount",
    "currency",
    "amount_usd",
    "stake_pct",
    "valuation_usd",
    "pay_usd",
    "headcount",
    "people_pay_usd",
    "people",
    "acquirers",
    "targets",
    "amount_qualifier",
    "valuation_qualifier",
    "id",
    "sources",
    "fact_sources",
    "disputed",
)
SORTS = {"amount": "amount_usd", "valuation": "valuation_usd", "pay": "pay_usd", "year": "year", "name": "deal"}
_COL = {name: i for i, name in enumerate(DEAL_COLUMNS)}

# one deal: its properties, and the nodes at the ends of its ACQUIRER, TARGET and MOVED links
Fetched = tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], list[tuple[dict[str, Any], dict[str, Any]]]]


def _per_person(deal: dict[str, Any]) -> bool:
    return str(deal.get("pay_basis") or "").startswith("per ")


def headcount(deal: dict[str, Any], people: int) -> int | None:
    """How many people the deal moved (the model's ``heads``: its ``headcount`` or the people
    named, if more); ``None`` when the deal names nobody and states no count."""
    return heads(deal, people) or None


def _stated_by(deal: dict[str, Any], source: str | None) -> dict[str, Any]:
    """With a source, the deal without the facts that per-fact provenance gives to others."""
    if source is None or not deal.get("fact_fields"):
        return deal
    return {k: v for k, v in deal.items() if k in ("id", "name") or k in NOT_FACTS or states(deal, k, source)}


def _row(deal: dict[str, Any], acquirers, targets, moved) -> list[Any]:
    names = sorted({str(p.get("name", p["id"])) for p, _ in moved})
    heads = headcount(deal, len(names))
    pay = deal.get("pay_usd")
    per_person = pay if _per_person(deal) else None
    # pay per person times heads; a pay stated for the whole group counts once
    people_pay = (per_person * heads if heads else None) if per_person is not None else pay
    return [
        deal.get("name", deal["id"]),
        deal.get("kind"),
        deal.get("status"),
        deal.get("year"),
        deal.get("amount"),
        deal.get("currency") or deal.get("amount_currency"),
        deal.get("amount_usd"),
        deal.get("stake_pct"),
        deal.get("valuation_usd"),
        per_person,
        heads,
        people_pay,
        names,
        sorted(str(o.get("name", o["id"])) for o in acquirers),
        sorted(str(o.get("name", o["id"])) for o in targets),
        deal.get("amount_qualifier"),
        deal.get("valuation_qualifier"),
        deal["id"],
        sorted({s for s, _ in record_sources(deal)}),
        sorted(
            {f"{f}:{s}" for f, s in zip(deal.get("fact_fields") or [], deal.get("fact_sources") or [], strict=False)}
        ),
        # the fields another source states differently (`talentgraph disputes` has the values)
        sorted(set(deal.get("disputed_fields") or [])),
    ]


def _keeps(fetched: Fetched, bound: dict[str, Any]) -> bool:
    deal, acquirers, targets, moved = fetched
    year = deal.get("year")
    if bound["acquirer"] and bound["acquirer"] not in {o["id"] for o in acquirers}:
        return False
    if bound["target"] and bound["target"] not in {o["id"] for o in targets}:
        return False
    if bound["person"] and bound["person"] not in {p["id"] for p, _ in moved}:
        return False
    if bound["kind"] and deal.get("kind") not in bound["kind"]:
        return False
    if bound["status"] and deal.get("status") not in bound["status"]:
        return False
    if bound["country"] and bound["country"].upper() not in {
        str(o.get("country", "")).upper() for o in [*acquirers, *targets]
    }:
        return False
    for limit, later in ((bound["from_year"], False), (bound["to_year"], True), (bound["as_of"], True)):
        if limit is not None and (not isinstance(year, int) or (year > limit if later else year < limit)):
            return False
    return bound["source"] is None or states(deal, None, bound["source"])


def deal_rows(fetched: Iterable[Fetched], bound: dict[str, Any]) -> list[list[Any]]:
    """The rows of the deals that pass the filters in ``bound``, sorted (missing values last
    whichever the direction; ties by name then id). The limit is applied by ``deals``."""
    rows = [_row(_stated_by(f[0], bound["source"]), *f[1:]) for f in fetched if _keeps(f, bound)]
    column = _COL[SORTS[bound["sort"]]]
    descending = bound["order"] == "desc"

    def key(row: list[Any]) -> tuple:
        value = row[column]
        if value is None:
            return (1, 0, row[0], row[_COL["id"]])
        if isinstance(value, str):
            return (0, value.casefold(), row[0], row[_COL["id"]])
        return (0, -value if descending else value, row[0], row[_COL["id"]])

    rows.sort(key=key)
    if descending and bound["sort"] == "name":
        present = [r for r in rows if r[column] is not None]
        rows = (
            sorted(present, key=lambda r: (str(r[column]).casefold(), r[_COL["id"]]), reverse=True)
            + rows[len(present) :]
        )
    return rows


def deal_totals(rows: list[list[Any]]) -> list[dict[str, Any]]:
    """Per outcome (completed, attempted: every other status) and currency: how many deals,
    how many with an amount, the amounts, what was paid for people, and both together."""
    totals: dict[tuple[str, Any], dict[str, Any]] = {}
    for row in rows:
        outcome = "completed" if row[_COL["status"]] == COMPLETED else "attempted"
        parts: dict[Any, list[Any]] = {}
        if row[_COL["amount"]] is not None:
            parts.setdefault(row[_COL["currency"]], [0, 0])[0] += row[_COL["amount"]]
        if row[_COL["people_pay_usd"]] is not None:
            parts.setdefault("USD", [0, 0])[1] += row[_COL["people_pay_usd"]]
        for currency, (amount, paid) in parts.items():
            t = totals.setdefault(
                (outcome, currency),
                {
                    "outcome": outcome,
                    "currency": currency,
                    "deals": 0,
                    "amount": 0,
                    "people_pay": 0,
                    "total": 0,
                    "lower_bounds": 0,
                },
            )
            t["deals"] += 1
            t["amount"] += amount
            t["people_pay"] += paid
            t["total"] += amount + paid
            t["lower_bounds"] += (
                row[_COL["amount_qualifier"]] in ("more than", "at least") and row[_COL["amount"]] is not None
            )
    order = sorted(totals, key=lambda k: (k[0] != "completed", k[1] is None, k[1] or ""))
    return [totals[k] for k in order]


# what `deals --by` groups on: the row column holding the group (a list: one group per entry)
GROUP_BY = {"acquirer": "acquirers", "target": "targets", "kind": "kind", "status": "status", "year": "year"}


def deal_groups(rows: list[list[Any]], by: str) -> list[dict[str, Any]]:
    """The deal rows per acquirer, target, kind, status or year: how many deals, how many
    completed, and what the completed ones cost in US dollars — deals, people (pay per
    person x headcount) and both — largest total first, then by name. A deal with two
    targets counts for each; amounts that are lower bounds are counted in ``lower_bounds``.

    >>> row = [None] * len(DEAL_COLUMNS)
    >>> row[_COL["acquirers"]], row[_COL["status"]], row[_COL["amount_usd"]] = ["Meta"], "completed", 5
    >>> deal_groups([row], "acquirer")[0]["total_usd"]
    5
    """
    groups: dict[Any, dict[str, Any]] = {}
    for row in rows:
        keys = row[_COL[GROUP_BY[by]]]
        for key in (keys or [None]) if isinstance(keys, list) else [keys]:
            g = groups.setdefault(
                key,
                {
                    "group": key,
                    "deals": 0,
                    "completed": 0,
                    "amount_usd": 0,
                    "people_pay_usd": 0,
                    "total_usd": 0,
                    "lower_bounds": 0,
                },
            )
            g["deals"] += 1
            if row[_COL["status"]] != COMPLETED:
                continue
            amount, paid = row[_COL["amount_usd"]] or 0, row[_COL["people_pay_usd"]] or 0
            g["completed"] += 1
            g["amount_usd"] += amount
            g["people_pay_usd"] += paid
            g["total_usd"] += amount + paid
            g["lower_bounds"] += row[_COL["amount_qualifier"]] in ("more than", "at least") and bool(amount)
    return sorted(groups.values(), key=lambda g: (-g["total_usd"], g["group"] is None, str(g["group"])))


def _nodes(graph: nx.MultiDiGraph, deal: str, rel_type: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [
        ({"id": v, **graph.nodes[v]}, a)
        for v, keyed in graph._succ[deal].items()
        for a in keyed.values()
        if a["type"] == rel_type
    ]


def _seeds(graph: nx.MultiDiGraph, bound: dict[str, Any]) -> Iterable[str]:
    for name, rel_type in (("acquirer", "ACQUIRER"), ("target", "TARGET"), ("person", "MOVED")):
        if bound[name]:
            return sorted(
                {u for u, keyed in graph._pred[bound[name]].items() for a in keyed.values() if a["type"] == rel_type}
            )
    return sorted(n for n, a in graph.nodes(data=True) if a["label"] == "Deal")


def deal_table_embedded(graph: nx.MultiDiGraph, bound: dict[str, Any]) -> list[list[Any]]:
    """The ``deals`` rows for ``bound`` (every parameter of the query) on a networkx graph."""
    return _embedded(graph, **bound)


def deal_table_from_records(records: list[dict[str, Any]], bound: dict[str, Any]) -> list[list[Any]]:
    """The ``deals`` rows for ``bound`` from the records of ``deals.cypher``."""
    return _from_records(records, bound)


def _embedded(graph: nx.MultiDiGraph, **bound: Any) -> list[list[Any]]:
    fetched = [
        (
            {"id": d, **graph.nodes[d]},
            [n for n, _ in _nodes(graph, d, "ACQUIRER")],
            [n for n, _ in _nodes(graph, d, "TARGET")],
            _nodes(graph, d, "MOVED"),
        )
        for d in _seeds(graph, bound)
    ]
    return deal_rows(fetched, bound)


def _from_records(records: list[dict[str, Any]], bound: dict[str, Any]) -> list[list[Any]]:
    fetched: list[Fetched] = [(r["d"], r["acquirers"], r["targets"], [(p, {}) for p in r["people"]]) for r in records]
    return deal_rows(fetched, bound)


PARAMS = (
    Param("acquirer", "entity", "only deals with this buyer", labels=("Organization",)),
    Param("target", "entity", "only deals with this target", labels=("Organization",)),
    Param("person", "entity", "only deals that moved this person", labels=("Person",)),
    Param("kind", "choices", "only deals of these kinds", choices=DEAL_KINDS),
    Param("status", "choices", "only deals with these statuses", choices=DEAL_STATUSES),
    Param("country", "str", "only deals where either party is in this country (ISO code, e.g. CN)"),
    Param("from_year", "year", "only deals of this year or later", minimum=1800, maximum=2200),
    Param("to_year", "year", "only deals of this year or earlier", minimum=1800, maximum=2200),
    AS_OF,
    Param("source", "source", "only deals this source states (a source id)"),
    Param("sort", "choice", "order by", default="year", choices=tuple(SORTS)),
    Param("order", "choice", "asc or desc", default="asc", choices=("asc", "desc")),
)


def deal_statement(bound: dict[str, Any], store: GraphStore | None = None) -> tuple[str, dict[str, Any]]:
    """The Cypher file for ``bound``: seeded by an entity through its index, or every deal.

    >>> deal_statement({"acquirer": "meta", "target": None, "person": None})
    ('deals.cypher', {})
    >>> deal_statement({"acquirer": None, "target": None, "person": None})
    ('deals_all.cypher', {})
    """
    seeded = any(bound.get(name) for name in ("acquirer", "target", "person"))
    return ("deals.cypher" if seeded else "deals_all.cypher"), {}


register(
    QueryDef(
        "deals",
        "every deal as one row (kind, status, year, amounts, stake, valuation, pay, headcount, people), filtered",
        DEAL_COLUMNS,
        _embedded,
        PARAMS,
        from_records=_from_records,
        applied_after=tuple(p.name for p in PARAMS if p.name not in ("acquirer", "target", "person")),
        statement=deal_statement,
    )
)


def deals(
    store: GraphStore,
    acquirer: str | None = None,
    target: str | None = None,
    person: str | None = None,
    kind: list[str] | None = None,
    status: list[str] | None = None,
    country: str | None = None,
    from_year: int | None = None,
    to_year: int | None = None,
    as_of: int | None = None,
    source: str | None = None,
    sort: str = "year",
    descending: bool = False,
    limit: int | None = None,
    primary: str | None = None,
    by: str | None = None,
) -> dict[str, Any]:
    """The deals matching every filter given, as ``{"columns", "rows", "totals", "matched",
    "counts", "primary_source", "marked"}``; names go through the resolver, ``limit`` cuts the rows
    (``matched`` says how many there were; the totals count them all). ``marked[i]``
    lists the columns of row i that the primary source (default: the most cited) does
    not state — ``deal`` when it states nothing of the deal. ``by`` (a key of
    ``GROUP_BY``) adds ``"groups"``: the matching deals per acquirer, target, kind,
    status or year, ranked by what the completed ones cost (see ``deal_groups``)."""
    if by is not None and by not in GROUP_BY:
        raise QueryError(f"deals cannot be grouped by {by!r} — use one of {', '.join(GROUP_BY)}")
    raw = {
        "acquirer": acquirer,
        "target": target,
        "person": person,
        "kind": kind or None,
        "status": status or None,
        "country": country,
        "from_year": from_year,
        "to_year": to_year,
        "as_of": as_of,
        "source": source,
        "sort": sort,
        "order": "desc" if descending else "asc",
    }
    get_query("deals")
    table = run_query(store, "deals", {k: v for k, v in raw.items() if v is not None})
    rows = table["rows"]
    shown = rows[:limit] if limit is not None else rows
    cited = {s for row in shown for s in row[_COL["sources"]]}
    primary = primary if primary is not None else primary_source(store, cited)
    completed = sum(row[_COL["status"]] == COMPLETED for row in rows)
    return {
        "columns": table["columns"],
        "rows": shown,
        "totals": deal_totals(rows),
        "matched": len(rows),
        "counts": {"completed": completed, "attempted": len(rows) - completed},
        "primary_source": primary,
        "marked": [_marked(row, primary) for row in shown],
        **({"by": by, "groups": deal_groups(rows, by)} if by is not None else {}),
    }


def _marked(row: list[Any], primary: str | None) -> list[str]:
    if primary is None:
        return []
    if primary not in row[_COL["sources"]]:
        return ["deal"]
    by_field: dict[str, set[str]] = {}
    for pair in row[_COL["fact_sources"]]:
        field, _, source = pair.partition(":")
        by_field.setdefault(field, set()).add(source)
    return sorted(f for f, sources in by_field.items() if primary not in sources and f in _COL)
