"""A seeded synthetic talent graph of any size, shaped like the real one (people,
organizations, deals with targets, acquirers and people who moved), for benchmarks
and scale tests. Same ``n`` and ``seed``, same graph.

>>> g = synthetic_graph(100); g.number_of_nodes()
100
"""

from __future__ import annotations

import random

import networkx as nx

KINDS = ["acquisition", "acquihire", "licence_and_hire", "stake", "merger", "hire"]
STATUSES = ["completed"] * 6 + ["announced", "failed", "rejected", "abandoned"]
ORG_KINDS = ["company"] * 5 + ["lab", "unit", "product", "investor"]
COUNTRIES = ["US", "CN", "GB", "FR", "DE", "IL", "CA"]
PROV = {"source_ids": ["synthetic"], "locators": ["synthetic#generated"]}


def synthetic_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    people = [f"person-{i}" for i in range(int(n * 0.4))]
    orgs = [f"org-{i}" for i in range(int(n * 0.35))]
    deals = [f"deal-{i}" for i in range(n - len(people) - len(orgs))]
    for p in people:
        g.add_node(p, label="Person", name=p.replace("-", " ").title(), aliases=[], country=rng.choice(COUNTRIES), **PROV)
    for o in orgs:
        g.add_node(o, label="Organization", name=o.replace("-", " ").title(), aliases=[], kind=rng.choice(ORG_KINDS),
                   country=rng.choice(COUNTRIES), founded=rng.randint(1995, 2024), **PROV)
    for d in deals:
        year = rng.randint(2005, 2025)
        g.add_node(d, label="Deal", name=f"Deal {d[5:]} ({year})", aliases=[], kind=rng.choice(KINDS),
                   status=rng.choice(STATUSES), year=year, amount_usd=rng.randint(1, 5000) * 10**6, **PROV)

    def rel(u: str, v: str, rel_type: str, **props) -> None:
        # "key" is both networkx's edge key argument and our property, as in nx_store
        k = g.add_edge(u, v, f"{rel_type}|")
        g.edges[u, v, k].update(type=rel_type, key="", **props, **PROV)

    for d in deals:
        target, acquirer = rng.sample(orgs, 2)
        rel(d, target, "TARGET")
        rel(d, acquirer, "ACQUIRER")
        for p in rng.sample(people, rng.randint(0, 2)):
            rel(d, p, "MOVED")
    for p in people:
        rel(p, rng.choice(orgs), "WORKED_AT", role="engineer")
        if rng.random() < 0.3:
            rel(p, rng.choice(orgs), "FOUNDED", year=rng.randint(1995, 2024))
    return g
