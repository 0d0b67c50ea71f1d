"""Catalogue entries about people: talent paths, founders who lead at the buyer,
boomerangs, co-movers and what a failed bidder did next. Each function is the
networkx twin of the ``.cypher`` file of the same name and sorts its rows by the same key.

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> [row[0] for row in boomerangs(store.graph)]
['Noam Shazeer']
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..graph.model import heads
from .catalogue import AS_OF, DEAL_KINDS, FAILED_STATUSES, Param, QueryDef, by_year, nulls_last, register, started_by
from .nx_walk import TIES, ancestors_within, in_rels, label_nodes, out_rels

__all__ = ["acquired_leaders", "boomerangs", "co_movers", "failed_bids", "talent_paths"]

PERSON = Param("person", "entity", "only this person (name, alias or id)")
ACQUIRER = Param("acquirer", "entity", "only deals with this acquirer (name, alias or id)")
PART_OF_DEPTH = 4


def _moves(graph: nx.MultiDiGraph, as_of: int | None, person: str | None = None, acquirer: str | None = None):
    """``(deal, deal attrs, person)`` for every MOVED relationship of a deal dated by ``as_of``;
    with ``person`` or ``acquirer``, only their deals (found from them, not by a scan)."""
    if person:
        deals = sorted({d for d, _ in in_rels(graph, person, "MOVED")})
    elif acquirer:
        deals = sorted({d for d, _ in in_rels(graph, acquirer, "ACQUIRER")})
    else:
        deals = (d for d, _ in label_nodes(graph, "Deal"))
    for deal in deals:
        attrs = graph.nodes[deal]
        if by_year(attrs.get("year"), as_of):
            for moved in sorted({p for p, _ in out_rels(graph, deal, "MOVED")}):
                if person is None or moved == person:
                    yield deal, attrs, moved


def _ends(graph: nx.MultiDiGraph, deal: str, rel_type: str) -> list[str]:
    return sorted({o for o, _ in out_rels(graph, deal, rel_type)})


def _name(graph: nx.MultiDiGraph, node: str | None) -> Any:
    return None if node is None else graph.nodes[node].get("name")


def _role(rel: dict[str, Any], rel_type: str) -> str | None:
    """The role a relationship records: its ``role``, else ``founded`` / ``leads`` from
    its type; a WORKED_AT without a role records none (never the placeholder)."""
    if rel.get("role") is not None:
        return rel["role"]
    return None if rel_type == "WORKED_AT" else rel_type.lower()


def talent_paths(graph, person=None, acquirer=None, kind=None, as_of=None) -> list[list[Any]]:
    """Person -> organization they founded, led or worked at -> deal -> acquirer -> role there."""
    rows = []
    for deal, d, p in _moves(graph, as_of, person, acquirer):
        if kind and d.get("kind") != kind:
            continue
        for org in _ends(graph, deal, "TARGET"):
            ties = sorted({a["type"] for o, a in out_rels(graph, p, *TIES) if o == org and started_by(a, as_of)})
            if not ties:
                continue
            for acq in _ends(graph, deal, "ACQUIRER"):
                if acquirer and acq != acquirer:
                    continue
                roles = {
                    (unit, a["type"], a.get("key", "")): a
                    for unit, a in out_rels(graph, p, *TIES)
                    if unit != org
                    and acq in ancestors_within(graph, unit, PART_OF_DEPTH)
                    and (a.get("to") is None or d.get("year") is None or a["to"] >= d["year"])
                    and started_by(a, as_of)
                } or {(None, None, None): None}
                for (unit, rtype, rkey), rel in roles.items():
                    role = None if rel is None else _role(rel, rtype)
                    key = nulls_last(d.get("year"), deal, p, org, acq, unit, rtype, rkey)
                    rows.append(
                        (
                            key,
                            [
                                _name(graph, p),
                                ties,
                                _name(graph, org),
                                d.get("name"),
                                d.get("kind"),
                                d.get("status"),
                                d.get("year"),
                                _name(graph, acq),
                                role,
                                _name(graph, unit),
                            ],
                        )
                    )
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def acquired_leaders(graph, acquirer=None, as_of=None) -> list[list[Any]]:
    """Founders whose company was the target of a deal that moved them, and who now lead a
    unit or product that is part of the acquirer."""
    rows = []
    for deal, d, p in _moves(graph, as_of, acquirer=acquirer):
        for org in _ends(graph, deal, "TARGET"):
            if not any(o == org for o, _ in out_rels(graph, p, "FOUNDED")):
                continue
            for acq in _ends(graph, deal, "ACQUIRER"):
                if acquirer and acq != acquirer:
                    continue
                for unit, r in out_rels(graph, p, "LEADS"):
                    if (
                        unit == acq
                        or acq not in ancestors_within(graph, unit, PART_OF_DEPTH)
                        or not started_by(r, as_of)
                    ):
                        continue
                    u = graph.nodes[unit]
                    key = nulls_last(d.get("year"), deal, p, acq, unit, r.get("key", ""))
                    rows.append(
                        (
                            key,
                            [
                                _name(graph, p),
                                _name(graph, org),
                                d.get("name"),
                                d.get("year"),
                                _name(graph, acq),
                                u.get("name"),
                                u.get("kind"),
                                r.get("role"),
                                r.get("from"),
                            ],
                        )
                    )
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def boomerangs(graph, person=None, as_of=None) -> list[list[Any]]:
    """People a deal brought back to an employer (or one of its units) they had left."""
    rows = {}
    for deal, d, p in _moves(graph, as_of, person):
        ties = out_rels(graph, p, *TIES)
        year = d.get("year")
        for via in _ends(graph, deal, "TARGET"):
            if not any(o == via for o, _ in ties):
                continue
            for acq in _ends(graph, deal, "ACQUIRER"):
                for old, before in ties:
                    left = before.get("to")
                    if left is None or (year is not None and left > year):
                        continue
                    if acq not in ancestors_within(graph, old, PART_OF_DEPTH):
                        continue
                    key = nulls_last(year, deal, p, via, acq, old, before["type"], before.get("key", ""))
                    rows[key] = [
                        _name(graph, p),
                        _name(graph, old),
                        left,
                        _name(graph, via),
                        d.get("name"),
                        year,
                        _name(graph, acq),
                    ]
    return [rows[k] for k in sorted(rows)]


def co_movers(graph, person=None, as_of=None) -> list[list[Any]]:
    """Deals that moved two or more people (heads: a group's headcount counts, named or
    not), with the named people who moved together."""
    rows = []
    deals = (
        sorted({d for d, _ in in_rels(graph, person, "MOVED")})
        if person
        else [d for d, _ in label_nodes(graph, "Deal")]
    )
    for deal in deals:
        d = graph.nodes[deal]
        if not by_year(d.get("year"), as_of):
            continue
        people = sorted({p for p, _ in out_rels(graph, deal, "MOVED")})
        count = heads(d, len(people))
        if count < 2 or (person and person not in people):
            continue
        names = sorted(_name(graph, p) for p in people)
        for acq in _ends(graph, deal, "ACQUIRER"):
            key = nulls_last(d.get("year"), deal, acq)
            rows.append((key, [d.get("name"), d.get("year"), _name(graph, acq), count, names]))
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def failed_bids(graph, acquirer=None, as_of=None) -> list[list[Any]]:
    """Failed, rejected and abandoned bids, and the later deals in which the bidder took
    people from the same target."""
    rows = []
    bids = (
        sorted({d for d, _ in in_rels(graph, acquirer, "ACQUIRER")})
        if acquirer
        else [d for d, _ in label_nodes(graph, "Deal")]
    )
    for bid in bids:
        b = graph.nodes[bid]
        if b.get("status") not in FAILED_STATUSES or not by_year(b.get("year"), as_of):
            continue
        for acq in _ends(graph, bid, "ACQUIRER"):
            if acquirer and acq != acquirer:
                continue
            for target in _ends(graph, bid, "TARGET"):
                follow_ups = sorted(
                    {d for d, _ in in_rels(graph, target, "TARGET")}
                    & {d for d, _ in in_rels(graph, acq, "ACQUIRER")} - {bid}
                )
                nexts = []
                for nxt in follow_ups:
                    n = graph.nodes[nxt]
                    people = sorted(_name(graph, p) for p in {p for p, _ in out_rels(graph, nxt, "MOVED")})
                    later = b.get("year") is None or n.get("year") is None or n["year"] >= b["year"]
                    if people and later and by_year(n.get("year"), as_of):
                        nexts.append((nxt, n, people))
                for nxt, n, people in nexts or [(None, {}, [])]:
                    key = nulls_last(b.get("year"), bid, acq, target, nxt)
                    rows.append(
                        (
                            key,
                            [
                                b.get("name"),
                                b.get("status"),
                                b.get("year"),
                                _name(graph, acq),
                                _name(graph, target),
                                n.get("name"),
                                n.get("kind"),
                                people,
                            ],
                        )
                    )
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


register(
    QueryDef(
        "talent_paths",
        "founder or leader -> organization -> deal -> acquirer -> new role, one row per role",
        ("person", "tie", "organization", "deal", "kind", "status", "year", "acquirer", "role", "role_at"),
        talent_paths,
        (PERSON, ACQUIRER, Param("kind", "choice", "only deals of this kind", choices=DEAL_KINDS), AS_OF),
    )
)
register(
    QueryDef(
        "acquired_leaders",
        "acquired founders who went on to lead a unit or product of the acquirer",
        ("founder", "founded", "deal", "year", "acquirer", "leads", "unit_kind", "role", "since"),
        acquired_leaders,
        (ACQUIRER, AS_OF),
    )
)
register(
    QueryDef(
        "boomerangs",
        "people a deal brought back to a former employer (Google -> Character.ai -> Google)",
        ("person", "former_employer", "left_in", "via", "deal", "year", "returned_to"),
        boomerangs,
        (PERSON, AS_OF),
    )
)
register(
    QueryDef(
        "co_movers",
        "people who moved together in the same deal",
        ("deal", "year", "acquirer", "people", "movers"),
        co_movers,
        (PERSON, AS_OF),
    )
)
register(
    QueryDef(
        "failed_bids",
        "failed, rejected and abandoned bids, and what the bidder did next with the target's people",
        ("bid", "status", "year", "bidder", "target", "next_deal", "next_kind", "moved"),
        failed_bids,
        (ACQUIRER, AS_OF),
    )
)
