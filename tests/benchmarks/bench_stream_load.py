"""Streamed positions loads: time and peak memory of a cold ``talentgraph load``.

For each size N, generates a positions CSV of N relationships (``bench_positions``'s
seeded generator, in a temporary folder deleted afterwards), then runs, each as its own
cold process and side by side in the same run:

* baseline: ``csv.reader`` over the file and one ``MultiDiGraph.add_edge`` per row
  (``bench_positions.py --run baseline``) — the least any loader must do;
* talentgraph: ``talentgraph --store graph.db load --no-progress FILE`` into a new SQLite
  store: two readings of the file, identity resolution, one write transaction.

Peak memory is ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a wrapper process whose only
child is the measured one. Targets: talentgraph within 2x of the baseline (CPU time, which
other processes on a shared machine inflate less than wall time), and peak RSS at most
2 GB at 10M relationships. Run:

    .venv/bin/python tests/benchmarks/bench_stream_load.py --rows 1000000 10000000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_positions import generate  # noqa: E402

RSS_TARGET_MB = 2048
RATIO_TARGET = 2.0


def measure(command: list[str]) -> dict:
    """Wall time, CPU time and peak RSS of ``command`` run as this process's only child."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return {
        "seconds": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "output": done.stdout.strip().splitlines()[:1],
    }


def measured(command: list[str]) -> dict:
    """``measure`` in a fresh wrapper process, so that peaks of earlier runs do not count."""
    out = subprocess.run(
        [sys.executable, __file__, "--measure", json.dumps(command)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)


def run_size(rows: int, seed: int, folder: Path) -> dict[str, dict]:
    path = folder / f"positions-{rows}.csv"
    started = time.perf_counter()
    generate(path, rows, seed)
    print(f"generated {rows:,} rows ({path.stat().st_size / 1e6:,.0f} MB) in {time.perf_counter() - started:.0f} s")
    results = {
        "baseline": measured(
            [
                sys.executable,
                str(Path(__file__).parent / "bench_positions.py"),
                "--run",
                "baseline",
                "--file",
                str(path),
            ]
        ),
        "talentgraph": measured(
            [
                sys.executable,
                "-m",
                "talentgraph",
                "--store",
                str(folder / f"graph-{rows}.db"),
                "load",
                "--no-progress",
                str(path),
            ]
        ),
    }
    path.unlink()
    for store_file in folder.glob(f"graph-{rows}.db*"):
        store_file.unlink()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(json.loads(args.measure))))
        return
    with tempfile.TemporaryDirectory(prefix="talentgraph-bench-") as tmp:
        for rows in args.rows:
            results = run_size(rows, args.seed, Path(tmp))
            base, ours = results["baseline"], results["talentgraph"]
            for name, r in results.items():
                print(
                    f"{rows:>11,} {name:<12} wall {r['seconds']:7.1f} s  cpu {r['cpu']:7.1f} s  "
                    f"peak RSS {r['peak_rss_mb']:7,.0f} MB"
                )
            ratio = ours["cpu"] / base["cpu"]
            print(
                f"{rows:>11,} ratio (cpu) {ratio:.2f}x, wall {ours['seconds'] / base['seconds']:.2f}x "
                f"(target {RATIO_TARGET:.0f}x: {'met' if ratio <= RATIO_TARGET else 'NOT met'}); "
                f"peak RSS {ours['peak_rss_mb']:,.0f} MB (target {RSS_TARGET_MB:,} MB: "
                f"{'met' if ours['peak_rss_mb'] <= RSS_TARGET_MB else 'NOT met'})"
            )
            sys.stdout.flush()


if __name__ == "__main__":
    main()
