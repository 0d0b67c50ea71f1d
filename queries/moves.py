"""Moves between organizations, read from a person's consecutive stints.

Employment histories are stored as ``WORKED_AT`` stints only; a move is derived when
asked for, so it can never disagree with the stints it comes from (a corrected date,
a merged organization or an unloaded source changes the moves at once). A stint with
an end year followed by the person's next stint — the earliest one starting from that
year on — at another organization is a move, dated by the new stint's start year.
A stint's start is its ``start_date`` where known, else its ``from`` year, so curated
stints with years only count as well as dated positions. Concurrent roles (a board seat
held alongside a job) are not moves, nor is a new role elsewhere while another role at
the old organization goes on. The catalogue entry ``moves`` runs ``move_rows`` on the
embedded store and ``moves.cypher`` on Neo4j.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("ada", label="Person", name="Ada"); g.add_node("a", label="Organization", name="A"); g.add_node("b", label="Organization", name="B")
>>> _ = g.add_edge("ada", "a", type="WORKED_AT", start_date="2018-01", to=2020, role="Engineer")
>>> _ = g.add_edge("ada", "b", type="WORKED_AT", start_date="2020-03", **{"from": 2020})
>>> moves_in_graph(g)["rows"]
[['ada', 'Ada', 'A', 'Engineer', 'B', None, 2020]]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import networkx as nx

from ..graph.graph_store import GraphStore
from .catalogue import Param, QueryDef, nulls_last, register

__all__ = ["MOVE_COLUMNS", "move_rows", "moves", "moves_in_graph"]

MOVE_COLUMNS = ["person_id", "person", "from_org", "from_role", "to_org", "to_role", "year"]


def _start(stint: dict[str, Any]) -> str | None:
    # the same key as moves.cypher's coalesce(start_date, toString(from)): "2018" sorts before "2018-07"
    return stint.get("start_date") or (None if stint.get("from") is None else str(stint["from"]))


def _moves(graph: nx.MultiDiGraph, person: str | None, as_of: int | None) -> Iterator[tuple[str, str, list[Any]]]:
    """``(left, joined, row)`` for every move (of ``person`` only, when given)."""
    stints = defaultdict(list)
    edges = graph.out_edges(person, data=True) if person is not None else graph.edges(data=True)
    for who, org, attrs in edges:
        if attrs["type"] == "WORKED_AT":
            stints[who].append((_start(attrs), org, attrs))
    for person_id, held in stints.items():
        held.sort(key=lambda s: nulls_last(s[0], s[1], s[2].get("key")))
        for start, left, a in held:
            if a.get("to") is None:
                continue
            later = [
                s
                for s in held
                if s[0] is not None
                and (start is None or s[0] > start)
                and s[2].get("from") is not None
                and s[2]["from"] >= a["to"]
            ]
            if not later:
                continue
            _, joined, b = later[0]
            year = b["from"]
            if joined == left or (as_of is not None and year > as_of):
                continue
            if any(
                org == left
                and other is not a
                and other.get("from") is not None
                and other["from"] <= year
                and (other.get("to") is None or other["to"] > year)
                for _, org, other in held
            ):
                continue  # another role at the same organization goes on: the person did not leave
            name = lambda n: graph.nodes[n].get("name", n)  # noqa: E731
            yield (
                left,
                joined,
                [person_id, name(person_id), name(left), a.get("role"), name(joined), b.get("role"), year],
            )


def _sorted(rows: list[list[Any]]) -> list[list[Any]]:
    return sorted(rows, key=lambda r: nulls_last(r[6], r[0], r[2], r[4], r[3], r[5]))


def move_rows(graph: nx.MultiDiGraph, entity: str | None = None, as_of: int | None = None) -> list[list[Any]]:
    """Every move, ordered by year; with ``entity`` (a node id) only the moves of that
    person or into or out of that organization; with ``as_of`` only moves whose new
    stint started by that year.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("ada", "a", {"type": "WORKED_AT", "from": 2015, "to": 2019}),
    ...                      ("ada", "b", {"type": "WORKED_AT", "from": 2019})])
    >>> move_rows(g, "b"), move_rows(g, as_of=2018)
    ([['ada', 'ada', 'a', None, 'b', None, 2019]], [])
    """
    person = entity if entity is not None and graph.nodes.get(entity, {}).get("label") == "Person" else None
    return _sorted(
        [
            row
            for left, joined, row in _moves(graph, person, as_of)
            if entity is None or entity in (row[0], left, joined)
        ]
    )


def moves(
    store: GraphStore, person: str | None = None, organization: str | None = None, as_of: int | None = None
) -> dict[str, Any]:
    """Every move in ``store`` (of ``person``, or into or out of ``organization``, both node
    ids) as a ``{"columns", "rows"}`` table, read from the store's graph."""
    return moves_in_graph(store.to_networkx(), person, organization, as_of)


def moves_in_graph(
    graph: nx.MultiDiGraph, person: str | None = None, organization: str | None = None, as_of: int | None = None
) -> dict[str, Any]:
    """Every move (of ``person``, or into or out of ``organization``, both node ids) as a
    ``{"columns", "rows"}`` table."""
    rows = [
        row
        for left, joined, row in _moves(graph, person, as_of)
        if organization is None or organization in (left, joined)
    ]
    return {"columns": list(MOVE_COLUMNS), "rows": _sorted(rows)}


register(
    QueryDef(
        "moves",
        "moves between organizations read from consecutive stints (WORKED_AT from/to years)",
        tuple(MOVE_COLUMNS),
        move_rows,
        (
            Param(
                "entity", "entity", "only moves of this person, or into or out of this organization (name, alias or id)"
            ),
            Param("as_of", "year", "only moves whose new stint started by this year", minimum=1800, maximum=2200),
        ),
    )
)
