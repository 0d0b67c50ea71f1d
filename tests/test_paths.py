"""The embedded path search finds exactly networkx's all shortest paths, in order."""

from __future__ import annotations

import random

import networkx as nx

from talentgraph.graph import EmbeddedStore
from talentgraph.graph.synthetic import synthetic_graph
from talentgraph.queries.paths import shortest_node_paths, shortest_paths_in_graph


def test_same_paths_as_networkx_all_shortest_paths():
    store = EmbeddedStore()
    store.write(*synthetic_graph(300, 60, 150, seed=9))
    undirected = store.graph.to_undirected(as_view=True)
    ids = sorted(store.graph)
    rng = random.Random(0)
    for _ in range(300):
        a, b = rng.choice(ids), rng.choice(ids)
        try:
            expected = sorted(nx.all_shortest_paths(undirected, a, b))
        except nx.NetworkXNoPath:
            expected = []
        expected = [p for p in expected if len(p) - 1 <= 6][:25]
        assert shortest_node_paths(store.graph, a, b, 6, 25) == expected, (a, b)


def test_relationship_filter_keeps_only_those_types(article_store):
    all_types = shortest_paths_in_graph(article_store.graph, "alexandr-wang", "yu-jiahui")
    no_deals = shortest_paths_in_graph(article_store.graph, "alexandr-wang", "yu-jiahui",
                              types={"WORKED_AT", "LEADS", "FOUNDED", "PART_OF"})
    assert [r["type"] for r in no_deals[0]["relationships"]] == ["LEADS", "WORKED_AT"]
    assert len(all_types[0]["relationships"]) == 2
    assert shortest_paths_in_graph(article_store.graph, "alexandr-wang", "yu-jiahui", types={"FOUNDED"}) == []
