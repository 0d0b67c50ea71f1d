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
    # claims are statements, not connections: their ABOUT relationships are no step
    undirected = nx.Graph()
    undirected.add_nodes_from(store.graph)
    undirected.add_edges_from((u, v) for u, v, a in store.graph.edges(data=True) if a["type"] != "ABOUT")
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
    no_deals = shortest_paths_in_graph(
        article_store.graph, "alexandr-wang", "yu-jiahui", types={"WORKED_AT", "LEADS", "FOUNDED", "PART_OF"}
    )
    assert [r["type"] for r in no_deals[0]["relationships"]] == ["LEADS", "WORKED_AT"]
    assert len(all_types[0]["relationships"]) == 2
    assert shortest_paths_in_graph(article_store.graph, "alexandr-wang", "yu-jiahui", types={"FOUNDED"}) == []


# -- every simple path (talentgraph path --all) -------------------------------------------

from talentgraph.queries.simple_paths import all_paths, simple_node_paths  # noqa: E402


def test_all_simple_paths_match_networkx_shortest_first():
    store = EmbeddedStore()
    store.write(*synthetic_graph(120, 30, 60, seed=3))
    graph = store.graph
    undirected = nx.Graph((u, v) for u, v, a in graph.edges(data=True) if a["type"] != "ABOUT")
    ids = sorted(undirected)
    rng = random.Random(1)
    checked = 0
    for _ in range(60):
        a, b = rng.choice(ids), rng.choice(ids)
        if a == b:
            continue
        expected = sorted(nx.all_simple_paths(undirected, a, b, cutoff=4), key=lambda p: (len(p), p))[:40]
        found, exhausted = simple_node_paths(graph, a, b, 4, 40)
        assert (found, exhausted) == (expected, False), (a, b)
        checked += bool(expected)
    assert checked > 10


def test_via_keeps_only_paths_through_that_entity(article_store):
    found = all_paths(article_store, "openai", "meta", max_hops=5, via="yu-jiahui")["paths"]
    assert found and all("yu-jiahui" in [n["id"] for n in p["nodes"]] for p in found)
    lengths = [len(p["relationships"]) for p in found]
    assert lengths == sorted(lengths)
    shortest = all_paths(article_store, "openai", "meta", max_hops=8, via="yu-jiahui", shortest=True)["paths"]
    assert {len(p["relationships"]) for p in shortest} == {3}


def test_the_limit_cut_is_reported(article_store):
    cut = all_paths(article_store, "openai", "meta", max_hops=6, limit=3)
    assert len(cut["paths"]) == 3 and cut["truncated"] is True
    whole = all_paths(article_store, "openai", "meta", max_hops=6, limit=1000)
    assert whole["truncated"] is False and whole["paths"][:3] == cut["paths"]


def test_the_step_budget_bounds_the_work(monkeypatch):
    import talentgraph.queries.simple_paths as simple

    store = EmbeddedStore()
    store.write(*synthetic_graph(300, 60, 150, seed=5))
    moved = sorted({v for _, v, a in store.graph.edges(data=True) if a["type"] == "MOVED"})
    full, exhausted = simple_node_paths(store.graph, moved[0], moved[-1], 6, 1000)
    assert not exhausted
    monkeypatch.setattr(simple, "STEP_BUDGET", 200)
    partial, exhausted = simple_node_paths(store.graph, moved[0], moved[-1], 6, 1000)
    assert exhausted and len(partial) < len(full) and partial == full[: len(partial)]
