"""Benchmark: `unload` on the embedded store, and what planning on a copy costs.

    python tests/benchmarks/bench_unload.py --people 50000

Every person and their WORKED_AT relationship comes from source "a" or "b" (alternating);
one organization is backed by both. Times the graph-level unload alone (the old in-place
edit) and the full `unload_source` (copy, unload, diff, apply_edits) of source "a".
"""

from __future__ import annotations

import argparse
import time

from talentgraph.graph import EmbeddedStore, Label, Node, Relationship, RelType
from talentgraph.graph.provenance import unload_from_graph, unload_source


def build(people: int) -> EmbeddedStore:
    store = EmbeddedStore()
    prov = lambda i: {"source_ids": ["a" if i % 2 else "b"], "locators": [f"x#{i}"]}  # noqa: E731
    nodes = [Node(f"p{i}", Label.PERSON, {"name": f"Person {i}", **prov(i)}) for i in range(people)]
    nodes.append(Node("org", Label.ORGANIZATION, {"name": "Org", "source_ids": ["a", "b"], "locators": ["a#1", "b#1"]}))
    rels = [Relationship(RelType.WORKED_AT, f"p{i}", "org", prov(i), str(i)) for i in range(people)]
    store.write(nodes, rels)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    args = parser.parse_args()
    store = build(args.people)
    copy = store.graph.copy()
    t = time.perf_counter()
    unload_from_graph(copy, "a")
    in_place = time.perf_counter() - t
    t = time.perf_counter()
    summary = unload_source(store, "a")
    full = time.perf_counter() - t
    print(f"{args.people} people, {args.people} relationships: {summary}")
    print(f"graph-level unload {in_place:.2f}s; unload_source (copy + diff + apply_edits) {full:.2f}s")


if __name__ == "__main__":
    main()
