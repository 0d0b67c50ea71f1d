"""The benchmarks' synthetic graph by total size: a sizing of the one generator,
``talentgraph.graph.synthetic`` (people 40 %, organizations 35 %, deals the rest).

Same ``n`` and ``seed``, same graph. The generator may add a node of its own (its
source), so the count is ``n`` or just above.

>>> g = synthetic_graph(100); 100 <= g.number_of_nodes() <= 102
True
"""

from __future__ import annotations

import networkx as nx
from talentgraph.graph.synthetic import synthetic_store


def synthetic_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """About ``n`` nodes of the seeded synthetic talent graph, as the embedded store holds it."""
    people, orgs = int(n * 0.4), int(n * 0.35)
    return synthetic_store(people, orgs, max(2, n - people - orgs), seed).graph
