"""Claims: what a source states beyond deals and roles (market splits, thresholds,
patterns, predictions), each with its figures and what it is about.

A claim is a ``Claim`` node; its ``ABOUT`` relationships point at the organizations,
people and deals it is about, with ``role`` ``subject`` (what it speaks of) or
``example`` (a case it cites). The claims about an organization or a person include
those about its deals — where it is acquirer or target, or the person moved — so the
claim that researchers now cost more than footballers (about two hires) is found from
Meta, OpenAI, Real Madrid and Ronaldo. The catalogue entry ``claims`` runs
``claim_rows`` on the embedded store and ``claims.cypher`` on Neo4j.

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> [row[0] for row in claims(store, about="pinduoduo")["rows"]]
['claim-china-mobile-split', 'claim-three-startups-100bn']
>>> [row[0] for row in claims(store, about="cristiano-ronaldo")["rows"]]
['claim-researchers-cost-more-than-footballers']
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..graph.graph_store import GraphStore
from ..graph.model import ClaimKind
from .catalogue import Param, QueryDef, register, run_query
from .nx_walk import in_rels, label_nodes, out_rels

__all__ = ["CLAIM_COLUMNS", "CLAIM_KINDS", "claim_rows", "claims"]

CLAIM_COLUMNS = ("id", "name", "kind", "text", "values", "qualifier", "unit", "about", "examples", "locators")
SUBJECT, EXAMPLE = "subject", "example"
CLAIM_KINDS = tuple(k.value for k in ClaimKind)
# how an organization or a person takes part in a deal: the claims about the deal are
# claims about it too
DEAL_PARTS = ("ACQUIRER", "TARGET", "MOVED")


def claim_rows(graph: nx.MultiDiGraph, about: str | None = None, kind: str | None = None) -> list[list[Any]]:
    """One row per claim, by id: its kind, text, figures, the names of its subjects and
    examples (sorted), and its locators; ``about`` (an id) keeps the claims about it or
    about one of its deals, ``kind`` the claims of that kind."""
    if about is None:
        ids = [c for c, _ in label_nodes(graph, "Claim")]
    else:  # found from the entity and its deals, not by a scan of every claim
        deals = {d for d, _ in in_rels(graph, about, *DEAL_PARTS) if graph.nodes[d].get("label") == "Deal"}
        ids = sorted({c for node in (about, *deals) for c, _ in in_rels(graph, node, "ABOUT")})
    rows = []
    for claim in ids:
        c = graph.nodes[claim]
        if kind is not None and c.get("kind") != kind:
            continue
        ends: dict[str, set[str]] = {SUBJECT: set(), EXAMPLE: set()}
        for end, rel in out_rels(graph, claim, "ABOUT"):
            ends.setdefault(rel.get("role") or SUBJECT, set()).add(graph.nodes[end].get("name"))
        rows.append(
            [
                claim,
                c.get("name"),
                c.get("kind"),
                c.get("text"),
                c.get("values"),
                c.get("values_qualifier"),
                c.get("unit"),
                sorted(ends[SUBJECT]),
                sorted(ends[EXAMPLE]),
                c.get("locators"),
            ]
        )
    return sorted(rows, key=lambda row: row[0])


def claims(store: GraphStore, about: str | None = None, kind: str | None = None) -> dict[str, Any]:
    """The claims in ``store`` as a ``{"columns", "rows"}`` table (see ``claim_rows``);
    ``about`` is a name, alias or id, resolved like every entity parameter; ``kind`` one
    of ``CLAIM_KINDS``.

    >>> from talentgraph.graph import EmbeddedStore
    >>> claims(EmbeddedStore(), kind="prediction")["rows"]
    []
    """
    return run_query(store, "claims", {"about": about, "kind": kind})


register(
    QueryDef(
        "claims",
        "statements of a source beyond deals and roles: splits, thresholds, patterns, predictions",
        CLAIM_COLUMNS,
        claim_rows,
        (
            Param("about", "entity", "only claims about this organization, person or deal, or about its deals"),
            Param("kind", "choice", "only claims of this kind", choices=CLAIM_KINDS),
        ),
        # seeded by the entity through its index, or every claim
        statement=lambda bound, store: ("claims.cypher" if bound["about"] else "claims_all.cypher", {}),
    )
)
