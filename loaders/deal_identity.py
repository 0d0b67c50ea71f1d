"""One deal per deal: deal identity computed after entity resolution.

A loader names a deal before it knows who the parties are in the store ("Alphabet" in
one sheet, "Google" in another, one organization once resolved). ``unify_deals`` runs
after ``resolve_batch``: a deal's identity is its *resolved* acquirer and target, its
year and its kind. An incoming deal with the identity of a stored deal (or of an earlier
deal in the same load) takes that deal's id, so the store keeps one node citing every
source. A deal whose id the source gave explicitly (``explicit_id``) keeps it.

When two sources describe one deal, figures that really differ become disputes (the
store's ``merge_props`` does that); wording does not: the raw cell texts
(``amount_text``, ``date_text``, notes on conversion, extra sheet columns) of the later
source are dropped when the figures they stand for are equal, and a date that only
adds or drops precision ("2009-11" vs "2009-11-09") is the same date.

>>> import networkx as nx
>>> from talentgraph.graph.model import Label, Node, Relationship, RelType
>>> g = nx.MultiDiGraph()
>>> g.add_node("google-admob-2009", label="Deal", kind="acquisition", year=2009, amount_usd=750000000)
>>> g.add_node("google", label="Organization"); g.add_node("admob", label="Organization")
>>> _ = g.add_edge("google-admob-2009", "google", type="ACQUIRER")
>>> _ = g.add_edge("google-admob-2009", "admob", type="TARGET")
>>> deal = Node("alphabet-admob-2009", Label.DEAL, {"kind": "acquisition", "year": 2009, "amount_usd": 750000000,
...             "amount_text": "$750 million", "source_ids": ["cb"], "locators": ["cb.csv#row 4"]})
>>> rels = [Relationship(RelType.ACQUIRER, deal.id, "google"), Relationship(RelType.TARGET, deal.id, "admob")]
>>> nodes, rels, notes = unify_deals(g, [deal], rels)
>>> nodes[0].id, "amount_text" in nodes[0].props, notes
('google-admob-2009', False, ['deal alphabet-admob-2009 is google-admob-2009 (same acquirer, target, year and kind)'])
"""

from __future__ import annotations

from typing import Any

from ..graph.model import (
    DISPUTE,
    PROVENANCE,
    Label,
    Node,
    Relationship,
    RelType,
)

__all__ = ["DealIndex", "deal_key", "unify_deals"]

DealKey = tuple[str, str, Any, Any]
# figures: a difference between two sources is a dispute
_FACTS = (
    "status",
    "date",
    "year",
    "amount",
    "currency",
    "amount_usd",
    "stake_pct",
    "valuation",
    "valuation_usd",
    "kind",
    "amount_high",
    "valuation_high",
)
# kept from the first source only: how a figure was written or converted, not a fact of its own
_WORDING_OF = {
    "amount_text": "amount",
    "amount_qualifier": "amount",
    "amount_usd_note": "amount_usd",
    "date_text": "date",
    "date_precision": "date",
    "date_qualifier": "date",
    "valuation_text": "valuation",
    "valuation_usd_note": "valuation_usd",
    "stake_text": "stake_pct",
    "status_text": "status",
}
_KEPT = frozenset({"name", "aliases", *PROVENANCE, *DISPUTE, *_FACTS, *_WORDING_OF, "note", "explicit_id"})


def deal_key(acquirer: str | None, target: str | None, props: dict[str, Any]) -> DealKey | None:
    """The identity of a deal: resolved acquirer and target ids, year, kind."""
    if not acquirer or not target:
        return None
    return acquirer, target, props.get("year"), props.get("kind")


class DealIndex:
    """The deals a load can unify with: identity -> id, and each one's properties. Made from
    the store once per load (``from_store``: deals read by label, their parties by an index
    seek each — not every node), then kept up to date by ``unify_deals`` as batches arrive."""

    def __init__(self) -> None:
        self.known: dict[DealKey, str] = {}
        self.props: dict[str, dict[str, Any]] = {}

    def add(self, deal_id: str, acquirer: str | None, target: str | None, props: dict[str, Any]) -> None:
        if key := deal_key(acquirer, target, props):
            self.known.setdefault(key, deal_id)
            self.props[deal_id] = props

    @classmethod
    def from_graph(cls, graph: Any) -> DealIndex:
        """The deals of a networkx graph (every node read)."""
        index = cls()
        for deal_id, attrs in graph.nodes(data=True):
            if attrs.get("label") == Label.DEAL.value:
                index.add(deal_id, *_stored_parties(graph, deal_id), attrs)
        return index

    @classmethod
    def from_store(cls, store: Any) -> DealIndex:
        """The deals of a store. A store with sliced reads (SQLite) gives its deals by label
        and each deal's parties by one index seek; any other is read as a graph once."""
        if not store.capabilities.sliced_reads:
            return cls.from_graph(store.to_networkx())
        index = cls()
        graph = store.to_networkx()  # lazy: reads only the deals' own relationships
        for deal in store.nodes(Label.DEAL):
            index.add(deal.id, *_stored_parties(graph, deal.id), {"label": Label.DEAL.value, **deal.props})
        return index


def _stored_parties(graph: Any, deal_id: str) -> tuple[str | None, str | None]:
    acquirer = target = None
    for _, end, edge in graph.out_edges(deal_id, data=True):
        if edge.get("type") == RelType.ACQUIRER.value:
            acquirer = end
        elif edge.get("type") == RelType.TARGET.value:
            target = end
    return acquirer, target


def unify_deals(
    graph: Any, nodes: list[Node], relationships: list[Relationship], deals: DealIndex | None = None
) -> tuple[list[Node], list[Relationship], list[str]]:
    """Give every incoming deal the id of the stored or earlier deal it is; returns the
    nodes, the relationships (ends rewritten) and one note per deal unified. ``deals``
    (kept for a whole load, updated here) stands for the stored deals; without it they are
    read from ``graph``."""
    if not any(n.label is Label.DEAL for n in nodes):
        return nodes, relationships, []
    parties = _parties_of_incoming(relationships)
    if deals is None:
        deals = DealIndex.from_graph(graph)
    known, stored_props = deals.known, deals.props
    mapping: dict[str, str] = {}
    notes: list[str] = []
    out: list[Node] = []
    for node in nodes:
        if node.label is not Label.DEAL:
            out.append(node)
            continue
        acquirer, target = parties.get(node.id, (None, None))
        key = deal_key(acquirer, target, node.props)
        same = known.get(key) if key else None
        if node.props.get("explicit_id") or node.id in stored_props or same is None or same == node.id:
            if key:
                known.setdefault(key, node.id)
            stored_props.setdefault(node.id, node.props)
            out.append(node)
            continue
        mapping[node.id] = same
        notes.append(f"deal {node.id} is {same} (same acquirer, target, year and kind)")
        out.append(Node(same, node.label, _without_wording(node.props, stored_props[same])))
    if not mapping:
        return out, relationships, notes
    rels = [
        Relationship(r.type, mapping.get(r.start, r.start), mapping.get(r.end, r.end), r.props, r.key)
        for r in relationships
    ]
    return out, rels, notes


def _parties_of_incoming(relationships: list[Relationship]) -> dict[str, tuple[str | None, str | None]]:
    found: dict[str, list[str | None]] = {}
    for rel in relationships:
        if rel.type is RelType.ACQUIRER:
            found.setdefault(rel.start, [None, None])[0] = rel.end
        elif rel.type is RelType.TARGET:
            found.setdefault(rel.start, [None, None])[1] = rel.end
    return {k: (a, t) for k, (a, t) in found.items()}


def _without_wording(props: dict[str, Any], existing: dict[str, Any]) -> dict[str, Any]:
    """``props`` of a later source for a known deal: its figures (disputes if they differ),
    without the wording of figures that agree, and without a date that is the known one
    at another precision."""
    kept = dict(props)
    date, known = str(props.get("date") or ""), str(existing.get("date") or "")
    if date and known and date != known and (date.startswith(known) or known.startswith(date)):
        kept.pop("date")
    for key in list(kept):
        fact = _WORDING_OF.get(key)
        if fact is not None and (fact not in kept or existing.get(fact) in (None, kept.get(fact))):
            kept.pop(key)
        elif key not in _KEPT and key in existing:
            kept.pop(key)  # an extra sheet column the deal already has: the first source's stays
    return kept
