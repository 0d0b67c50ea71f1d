"""Benchmark: how long the embedded store takes to reopen, by size.

    python tests/benchmarks/bench_store_reload.py --relationships 100000 --repeat 5

Builds a seeded synthetic talent graph (people working at and founding organizations,
deals that move people), saves it, then times `EmbeddedStore.open` (read + parse +
build the MultiDiGraph) and, for comparison, a bare `json.load` of the same file.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from talentgraph.graph import EmbeddedStore, Label, Node, Relationship, RelType


def synthetic_records(relationships: int, seed: int):
    rng = random.Random(seed)
    prov = lambda i: {"source_ids": ["synthetic"], "locators": [f"synthetic#{i}"]}  # noqa: E731
    n_people, n_orgs = max(relationships // 4, 1), max(relationships // 20, 2)
    nodes = [
        Node(
            f"p{i}",
            Label.PERSON,
            {"name": f"Person {i}", "aliases": [], "country": rng.choice(["US", "CN", "GB"]), **prov(i)},
        )
        for i in range(n_people)
    ]
    nodes += [
        Node(f"o{i}", Label.ORGANIZATION, {"name": f"Org {i}", "aliases": [], "kind": "company", **prov(i)})
        for i in range(n_orgs)
    ]
    rels, deals = [], 0
    while len(rels) < relationships:
        p, o = f"p{rng.randrange(n_people)}", f"o{rng.randrange(n_orgs)}"
        roll = rng.random()
        if roll < 0.6:
            rels.append(
                Relationship(
                    RelType.WORKED_AT,
                    p,
                    o,
                    {"role": "engineer", "from": rng.randint(2000, 2025), **prov(len(rels))},
                    key=str(len(rels)),
                )
            )
        elif roll < 0.7:
            rels.append(Relationship(RelType.FOUNDED, p, o, prov(len(rels)), key=str(len(rels))))
        else:
            d = f"d{deals}"
            deals += 1
            nodes.append(
                Node(
                    d,
                    Label.DEAL,
                    {
                        "name": f"Deal {deals}",
                        "kind": "acquihire",
                        "status": "completed",
                        "year": rng.randint(2000, 2025),
                        "amount_usd": rng.randint(1, 10**4) * 10**6,
                        **prov(d),
                    },
                )
            )
            acq = f"o{rng.randrange(n_orgs)}"
            rels += [
                Relationship(RelType.TARGET, d, o, prov(d)),
                Relationship(RelType.ACQUIRER, d, acq, prov(d), key="a"),
                Relationship(RelType.MOVED, d, p, {"role": "lead", **prov(d)}),
            ]
    return nodes, rels[:relationships]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relationships", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    nodes, rels = synthetic_records(args.relationships, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.json"
        store = EmbeddedStore()
        t0 = time.perf_counter()
        store.write(nodes, rels)
        write_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        store.save(path)
        save_s = time.perf_counter() - t0
        opens, parses = [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            reopened = EmbeddedStore.open(path)
            opens.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            json.loads(path.read_bytes())
            parses.append(time.perf_counter() - t0)
        assert reopened.graph.number_of_edges() == args.relationships
        size_mb = path.stat().st_size / 1e6
    print(f"store: {len(nodes):,} nodes, {args.relationships:,} relationships, file {size_mb:.1f} MB")
    print(f"write (validate + merge): {write_s:.2f} s; save: {save_s:.2f} s")
    print(
        f"reopen (EmbeddedStore.open): median {statistics.median(opens):.2f} s, min {min(opens):.2f} s over {args.repeat} runs"
    )
    print(f"  for comparison, a bare json.loads of the file (collector on): median {statistics.median(parses):.2f} s")


if __name__ == "__main__":
    main()
