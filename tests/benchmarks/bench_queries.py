"""Latency of every catalogue query on a seeded synthetic graph, embedded and (optionally) Neo4j.

    python tests/benchmarks/bench_queries.py                          # 20k relationships
    python tests/benchmarks/bench_queries.py --relationships 1000000  # the 1M figure
    NEO4J_PASSWORD=... python tests/benchmarks/bench_queries.py --neo4j bolt://127.0.0.1:7687

The Neo4j password comes from ``NEO4J_PASSWORD`` or, when that is unset, a prompt that does
not echo it — never from the command line, where ``ps`` and the shell history would show it.

Stores: the in-memory networkx store ("embedded"), with ``--sqlite`` the default SQLite
store (a ``graph.db`` file read through its indexes), with ``--neo4j`` a server.
Prints median and p95 per query and store (ms), then the shortest-path comparison: the
catalogue's ``path`` query on the embedded store against a bare ``nx.shortest_path`` on
an undirected ``nx.Graph`` copy of the same graph (built once, outside the timing), for
the same connected pairs. Target: path median within 1.2x of the bare call. Also shown:
the first path of ``nx.all_shortest_paths``, the closer equivalent (the catalogue query
returns every shortest path in node-id order, so it must finish the last search level).
Not collected by pytest (a benchmark, not a test).
"""

from __future__ import annotations

import argparse
import getpass
import os
import random
import statistics
import tempfile
import time

import networkx as nx
from talentgraph.graph import EmbeddedStore
from talentgraph.graph.synthetic import sizes_for, synthetic_graph
from talentgraph.queries.catalogue import CATALOGUE, get_query, run_query


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def param_sets(
    graph: nx.MultiDiGraph, rng: random.Random, pairs: list[tuple[str, str]], n: int
) -> dict[str, list[dict]]:
    moved = sorted({v for _, v, a in graph.edges(data=True) if a["type"] == "MOVED"})
    buyers = sorted({v for _, v, a in graph.edges(data=True) if a["type"] == "ACQUIRER"})

    def pick(items):
        return [rng.choice(items) for _ in range(n)]

    return {
        "talent_paths": [{"person": p} for p in pick(moved)],
        "acquired_leaders": [{"acquirer": b} for b in pick(buyers)],
        "boomerangs": [{"person": p} for p in pick(moved)],
        "co_movers": [{"person": p} for p in pick(moved)],
        "failed_bids": [{"acquirer": b} for b in pick(buyers)],
        "shopping_cart": [{"acquirer": b} for b in pick(buyers)],
        "deals_by_year": [{"as_of": rng.randint(2005, 2025)} for _ in range(n)],
        "flows": [{"level": rng.choice(["organization", "country"])} for _ in range(n)],
        "timeline": [{"entity": b} for b in pick(buyers)],
        "neighbourhood": [{"entity": p, "depth": 2} for p in pick(moved)],
        "trace": [{"person": p} for p in pick(moved)],
        "path": [{"from": a, "to": b} for a, b in pairs[:n]],
        "disputes": [{"field": rng.choice(["amount", "year"])} for _ in range(n)],
        "moves": [{"entity": p} for p in pick(moved)],
        "describe": [{"entity": e} for e in pick(moved + buyers)],
        "deals": [{"acquirer": b, "sort": "amount", "order": "desc"} for b in pick(buyers)]
        + [{"person": p} for p in pick(moved)],
        "entities": [{"label": "Organization", "country": rng.choice(["US", "CN", "GB", "DE"])} for _ in range(n)],
        "search": [{"text": rng.choice(moved)[2:6]} for _ in range(n)],
        "claims": [{"about": b} for b in pick(buyers)],
        "all_paths": [{"from": a, "to": b, "max_hops": 4, "limit": 11} for a, b in pairs[:n]],
    }


def connected_pairs(undirected: nx.Graph, rng: random.Random, n: int) -> list[tuple[str, str]]:
    people = sorted(v for v in undirected if v.startswith("p-"))
    pairs = []
    while len(pairs) < n:
        a, b = rng.choice(people), rng.choice(people)
        if a != b and nx.has_path(undirected, a, b):
            pairs.append((a, b))
    return pairs


def timed(fn, repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relationships", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=15, help="parameter sets per query")
    parser.add_argument(
        "--neo4j", default=os.environ.get("NEO4J_URI"), help="also time a Neo4j server (it is cleared and loaded)"
    )
    parser.add_argument("--user", default=os.environ.get("NEO4J_USERNAME", "neo4j"))
    parser.add_argument("--queries", help="only these catalogue queries, comma-separated (default: all)")
    parser.add_argument(
        "--sqlite",
        action="store_true",
        help="also time the SQLite store (the default store, graph.db in a temp folder)",
    )
    parser.add_argument("--no-path-comparison", action="store_true", help="skip the shortest-path comparison")
    parser.add_argument(
        "--reuse-neo4j",
        action="store_true",
        help="the server already holds this graph (same size and seed): do not clear and reload it",
    )
    args = parser.parse_args()

    get_query("trace")
    rng = random.Random(args.seed)
    start = time.perf_counter()
    nodes, rels = synthetic_graph(*sizes_for(args.relationships), seed=args.seed)
    embedded = EmbeddedStore()
    embedded.write(nodes, rels)
    graph = embedded.graph
    print(
        f"synthetic graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships "
        f"(seed {args.seed}, built in {time.perf_counter() - start:.1f} s)"
    )
    undirected = nx.Graph(graph)
    pairs = connected_pairs(undirected, rng, max(args.runs, 50))
    sets = param_sets(graph, rng, pairs, args.runs)

    stores = [("embedded", embedded)]
    if args.sqlite:
        # the default store: a graph.db file, read through its indexes and lazy graph
        from talentgraph.graph.embedded.sqlite_store import SqliteStore

        folder = tempfile.mkdtemp(prefix="bench-queries-")
        start = time.perf_counter()
        with SqliteStore.writing(os.path.join(folder, "graph.db")) as writer:
            writer.write(nodes, rels)
        print(f"written to a SQLite store in {time.perf_counter() - start:.1f} s")
        stores.append(("sqlite", SqliteStore.open(os.path.join(folder, "graph.db"))))
    if args.neo4j:
        from talentgraph.graph.neo4j.store import Neo4jStore

        password = os.environ.get("NEO4J_PASSWORD") or getpass.getpass(f"Neo4j password for {args.user}: ")
        bolt = Neo4jStore.connect(args.neo4j, args.user, password)
        start = time.perf_counter()
        bolt.ensure_schema()
        if not args.reuse_neo4j:
            bolt.clear()
            bolt.write(nodes, rels)
            print(f"loaded into Neo4j at {args.neo4j} in {time.perf_counter() - start:.1f} s")
        stores.append(("neo4j", bolt))

    print(f"\n{'query':<18}{'store':<10}{'median ms':>12}{'p95 ms':>10}{'rows':>8}")
    for name in sorted(args.queries.split(",") if args.queries else CATALOGUE):
        for label, store in stores:
            times, rows = [], 0
            for params in sets[name]:
                start = time.perf_counter()
                rows += len(run_query(store, name, params)["rows"])
                times.append((time.perf_counter() - start) * 1000)
            print(f"{name:<18}{label:<10}{statistics.median(times):>12.2f}{percentile(times, 0.95):>10.2f}{rows:>8}")

    # The answer commands' library functions, seeded by an entity (the 50 ms target):
    # query time plus what they add (primary source, marks, totals).
    from talentgraph.queries import deals, describe, search

    seeded = {
        "describe(store, id)": [lambda s, e=e: describe(s, e) for e in [p["entity"] for p in sets["describe"]]],
        "deals(store, acquirer=id)": [
            lambda s, b=b: deals(s, acquirer=b, sort="amount", descending=True)
            for b in [p["acquirer"] for p in sets["deals"] if "acquirer" in p]
        ],
        "deals(store, person=id)": [
            lambda s, p=p: deals(s, person=p) for p in [q["person"] for q in sets["deals"] if "person" in q]
        ],
        # a fragment of a person's name: candidates from the text index, ranked in Python
        "search(store, text)": [
            lambda s, t=t: search(s, t)
            for t in [str(graph.nodes[p["person"]]["name"]).split()[-1][:5] for p in sets["trace"]]
        ],
    }
    print(f"\n{'function':<28}{'store':<10}{'median ms':>12}{'p95 ms':>10}")
    for name, calls in seeded.items():
        for label, store in stores:
            times = [timed(lambda call=call, store=store: call(store)) for call in calls]
            print(f"{name:<28}{label:<10}{statistics.median(times):>12.2f}{percentile(times, 0.95):>10.2f}")
    if args.no_path_comparison:
        return

    # The shortest-path target: the catalogue query against bare networkx, same pairs.
    ours = [timed(lambda a=a, b=b: run_query(embedded, "path", {"from": a, "to": b, "limit": 1}), 3) for a, b in pairs]
    bare = [timed(lambda a=a, b=b: nx.shortest_path(undirected, a, b), 3) for a, b in pairs]
    # the same in-memory MultiDiGraph, read undirected through networkx's own view
    view = embedded.graph.to_undirected(as_view=True)
    on_view = [timed(lambda a=a, b=b: nx.shortest_path(view, a, b), 3) for a, b in pairs]
    # a full search from the source each time: slow on big graphs, so a sample of pairs
    every = [timed(lambda a=a, b=b: next(nx.all_shortest_paths(undirected, a, b)), 1) for a, b in pairs[:10]]
    ratio = statistics.median(ours) / statistics.median(bare)
    print(f"\nshortest path over {len(pairs)} connected pairs (median / p95 ms):")
    print(f"  catalogue 'path' (embedded, limit 1)   {statistics.median(ours):8.3f} / {percentile(ours, 0.95):8.3f}")
    print(f"  nx.shortest_path on an undirected copy {statistics.median(bare):8.3f} / {percentile(bare, 0.95):8.3f}")
    print(f"  first of nx.all_shortest_paths (10)   {statistics.median(every):8.3f} / {percentile(every, 0.95):8.3f}")
    print(
        f"  nx.shortest_path on the store's graph, undirected view {statistics.median(on_view):8.3f} / {percentile(on_view, 0.95):8.3f}"
    )
    print(
        f"  ratio to nx.shortest_path on the copy {ratio:.2f}x, on the view {statistics.median(ours) / statistics.median(on_view):.2f}x (target <= 1.2x)"
    )


if __name__ == "__main__":
    main()
