"""Positions loading throughput against a csv.reader + networkx baseline.

Generates a synthetic positions CSV (seeded, AI Watch columns), then times, each in its
own process so peak memory is measured separately:

* baseline: ``csv.reader`` over the file and one ``MultiDiGraph.add_edge(person, org)``
  per row — the least any loader must do;
* talentgraph: ``load_sources(EmbeddedStore(), [file])`` — parse, repair, validate the
  whole batch, resolve identities, write to the embedded store.

Target: talentgraph within 3x of the baseline. Both wall time and CPU time are
reported; the ratio uses CPU time, which other processes on a shared machine do not
inflate. Run:

    .venv/bin/python tests/benchmarks/bench_positions.py --rows 1000000
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = [
    "person",
    "organization",
    "title",
    "start_date",
    "start_date_precision",
    "end_date",
    "end_date_precision",
    "employment_type",
    "cause_area",
    "ai_safety_relation",
    "subject",
    "urls",
    "notes",
    "_source_file",
]
TITLES = ["Research Scientist", "Software Engineer", "Director", "Advisor", "Board member", "Intern", "Research Fellow"]
PRECISIONS = ["month", "year", "day", ""]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """``rows`` positions: people with 1-5 consecutive stints at 1 of rows/200 organizations."""
    rng = random.Random(seed)
    orgs = [f"Organization {i}" + rng.choice(["", " Inc.", " Ltd"]) for i in range(max(10, rows // 200))]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(HEADER)
        written, person = 0, 0
        while written < rows:
            person += 1
            year = rng.randint(1990, 2020)
            for _ in range(min(rng.randint(1, 5), rows - written)):
                end = year + rng.randint(1, 6)
                ended = rng.random() < 0.6
                out.writerow(
                    [
                        f"Person {person}",
                        rng.choice(orgs),
                        rng.choice(TITLES),
                        # about 1 % unpadded dates (2019-7-01), as in the AI Watch export
                        f"{year}-{rng.randint(1, 12):0{1 if rng.random() < 0.01 else 2}d}-01",
                        rng.choice(PRECISIONS),
                        f"{end}-{rng.randint(1, 12):02d}-01" if ended else "",
                        "month" if ended else "",
                        "full-time",
                        "",
                        "",
                        "",
                        f"https://example.org/{person}",
                        "",
                        "synthetic",
                    ]
                )
                written += 1
                year = end + 1


def run_baseline(path: Path) -> dict:
    import networkx as nx

    start, cpu = time.perf_counter(), time.process_time()
    graph = nx.MultiDiGraph()
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        for row in reader:
            graph.add_edge(row[0], row[1])
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "edges": graph.number_of_edges()}


def run_talentgraph(path: Path) -> dict:
    from talentgraph.graph import EmbeddedStore
    from talentgraph.loaders import load_sources

    start, cpu = time.perf_counter(), time.process_time()
    store = EmbeddedStore()
    load_sources(store, [str(path)], loader="positions")
    return {
        "seconds": time.perf_counter() - start,
        "cpu": time.process_time() - cpu,
        "edges": store.to_networkx().number_of_edges(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--run", choices=["baseline", "talentgraph"], help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        result = (run_baseline if args.run == "baseline" else run_talentgraph)(args.file)
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "positions.csv"
        generate(path, args.rows, args.seed)
        results = {}
        for run in ("baseline", "talentgraph"):
            out = subprocess.run(
                [sys.executable, __file__, "--run", run, "--file", str(path)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            results[run] = json.loads(out)
    base, ours = results["baseline"], results["talentgraph"]
    print(f"rows: {args.rows:,} (seed {args.seed})")
    for name, r in results.items():
        print(
            f"{name:<12} wall {r['seconds']:7.2f} s  cpu {r['cpu']:7.2f} s  {args.rows / r['cpu']:>10,.0f} rows/cpu-s  "
            f"peak RSS {r['peak_rss_mb']:,.0f} MB  ({r['edges']:,} relationships)"
        )
    ratio = ours["cpu"] / base["cpu"]
    print(
        f"ratio (cpu): {ratio:.2f}x the baseline, wall {ours['seconds'] / base['seconds']:.2f}x (target: within 3x) — {'met' if ratio <= 3 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
