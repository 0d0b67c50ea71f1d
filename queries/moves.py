"""Moves between organizations, read from a person's consecutive stints.

Employment histories are stored as ``WORKED_AT`` stints only; a move is derived when
asked for, so it can never disagree with the stints it comes from (a corrected date,
a merged organization or an unloaded source changes the moves at once). A stint with
an end year followed by the person's next stint — the earliest one starting from that
year on — at another organization is a move, dated by the new stint's start year.
Concurrent roles (a board seat held alongside a job) are not moves, nor is a new role
elsewhere while another role at the old organization goes on. The Cypher twin is
``moves.cypher``.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("ada", label="Person", name="Ada"); g.add_node("a", label="Organization", name="A"); g.add_node("b", label="Organization", name="B")
>>> _ = g.add_edge("ada", "a", type="WORKED_AT", start_date="2018-01", to=2020, role="Engineer")
>>> _ = g.add_edge("ada", "b", type="WORKED_AT", start_date="2020-03", **{"from": 2020})
>>> moves(g)["rows"]
[['ada', 'Ada', 'A', 'Engineer', 'B', None, 2020]]
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

__all__ = ["MOVE_COLUMNS", "moves"]

MOVE_COLUMNS = ["person_id", "person", "from_org", "from_role", "to_org", "to_role", "year"]


def moves(graph: nx.MultiDiGraph, person: str | None = None, organization: str | None = None) -> dict[str, Any]:
    """Every move (of ``person``, or into or out of ``organization``, both node ids)."""
    stints = defaultdict(list)
    for start, end, attrs in graph.edges(data=True):
        if attrs["type"] == "WORKED_AT" and attrs.get("start_date") and (person is None or start == person):
            stints[start].append((attrs["start_date"], end, attrs))
    rows = []
    for person_id, held in stints.items():
        held.sort(key=lambda s: (s[0], s[1]))
        for start_date, left, a in held:
            if a.get("to") is None:
                continue
            later = [s for s in held if s[0] > start_date and s[2].get("from") is not None and s[2]["from"] >= a["to"]]
            if not later:
                continue
            _, joined, b = later[0]
            if joined == left or (organization is not None and organization not in (left, joined)):
                continue
            year = b["from"]
            if any(org == left and other is not a and other.get("from", year + 1) <= year and other.get("to", year + 1) > year
                   for _, org, other in held):
                continue  # another role at the same organization goes on: the person did not leave
            name = lambda n: graph.nodes[n].get("name", n)  # noqa: E731
            rows.append([person_id, name(person_id), name(left), a.get("role"), name(joined), b.get("role"), b.get("from")])
    rows.sort(key=lambda r: (r[6], r[0], r[2], r[4]))
    return {"columns": list(MOVE_COLUMNS), "rows": rows}
