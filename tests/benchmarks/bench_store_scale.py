"""The embedded store at scale: whole cold CLI processes on the same synthetic graph,
side by side in one run — the SQLite store, the old JSON store and (with ``--neo4j``)
a Neo4j server started by the project's launcher (``graph/neo4j/server.py``) with a
generated password that reaches the commands through the environment, never argv.

Measures, each command in a fresh ``python -m talentgraph`` process (best of ``--runs``,
wall time and peak RSS of the process):

* ``stats``, ``trace PERSON``, ``path A B --limit 1``, ``query talent_paths -p person=...``,
  ``query neighbourhood -p entity=...``, ``show NAME`` (when the command exists) and
  the whole-graph ``query flows``, ``query deals_by_year`` and ``query disputes``;
* the twins of those three in memory on an already-built graph ("today's in-memory twin");
* the store's load: ``talentgraph load`` of the graph as node-link JSON (time, peak RSS);
* a positions CSV of ``--positions-rows`` rows: ``talentgraph load`` into a new SQLite
  store vs ``csv.reader`` + ``MultiDiGraph.add_edge`` (tests/benchmarks/bench_positions.py);
* file sizes: SQLite store vs JSON store.

The package's bytecode is compiled once before the runs (an installed package has it;
without it every cold process would compile the sources again).

Run (about ten minutes at a million relationships on two cores):

    .venv/bin/python tests/benchmarks/bench_store_scale.py --relationships 1000000 [--neo4j]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_positions import generate as generate_positions  # noqa: E402
from bench_positions import run_baseline  # noqa: E402


def cold(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float, int]:
    """(wall s, CPU s, peak RSS MB, exit code) of one ``python -m talentgraph ARGS`` process,
    measured by GNU time: a child forked from this large process would report this
    process's memory as its own peak RSS. CPU time (user + system) is what other
    processes on a shared machine do not inflate."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        code = subprocess.run(
            ["/usr/bin/time", "-q", "-o", out.name, "-f", "%e %U %S %M", sys.executable, "-m", "talentgraph", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        ).returncode
        wall, user, system, rss_kb = out.read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss_kb) / 1024, code


def best(args: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, float, float, int]:
    results = [cold(args, env) for _ in range(runs)]
    return min(results, key=lambda r: r[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relationships", type=int, default=1_000_000)
    parser.add_argument("--positions-rows", type=int, default=None, help="default: --relationships")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--neo4j", action="store_true", help="also start a Neo4j server and run every command on it")
    parser.add_argument(
        "--neo4j-uri",
        metavar="URI",
        help="use this empty Neo4j database instead (credentials from NEO4J_USERNAME / NEO4J_PASSWORD)",
    )
    parser.add_argument("--no-json", action="store_true", help="skip the old JSON store (slow at 10M)")
    parser.add_argument("--workdir", type=Path, help="keep the files here instead of a temporary folder")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-store-"))
    workdir.mkdir(parents=True, exist_ok=True)
    import talentgraph.graph
    import talentgraph.loaders
    import talentgraph.queries

    for package in (talentgraph.graph, talentgraph.loaders, talentgraph.queries):  # queries/ holds the CLI too
        compileall.compile_dir(Path(package.__file__).parent, quiet=1)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

    from talentgraph.graph.embedded.nx_store import EmbeddedStore, write_store
    from talentgraph.graph.export.node_link import graph_to_node_link
    from talentgraph.graph.synthetic import sizes_for, synthetic_graph
    from talentgraph.queries.catalogue import run_query

    print(f"synthetic graph of about {args.relationships:,} relationships (seed {args.seed}) in {workdir}")
    memory = EmbeddedStore()
    memory.write(*synthetic_graph(*sizes_for(args.relationships), seed=args.seed))
    graph = memory.graph
    moved = sorted({v for _, v, a in graph.edges(data=True) if a["type"] == "MOVED"})
    buyers = sorted({v for _, v, a in graph.edges(data=True) if a["type"] == "ACQUIRER"})
    person, buyer = moved[len(moved) // 2], buyers[len(buyers) // 2]
    print(
        f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} relationships; "
        f"person {person}, acquirer {buyer}"
    )
    twins: dict[str, float] = {}
    for whole in ("flows", "deals_by_year", "disputes"):
        start = time.process_time()
        run_query(memory, whole)
        twins[whole] = time.process_time() - start

    node_link_json = workdir / "graph-node-link.json"
    if not node_link_json.exists():
        node_link_json.write_text(json.dumps(graph_to_node_link(graph), ensure_ascii=False), "utf-8")
    json_store = workdir / "old-store.json"  # not store.json: store.db would be converted from it
    if not args.no_json and not json_store.exists():
        write_store(graph, json_store)
    del memory, graph

    sqlite_store = workdir / "store.db"
    for leftover in (sqlite_store, Path(f"{sqlite_store}-wal"), Path(f"{sqlite_store}-shm")):
        if leftover.exists():
            leftover.unlink()
    load_s, load_cpu, load_rss, code = cold(["--store", str(sqlite_store), "load", str(node_link_json)])
    assert code == 0, "the SQLite load failed"
    print(f"load node-link JSON into SQLite: wall {load_s:.1f} s, CPU {load_cpu:.1f} s, peak RSS {load_rss:,.0f} MB")

    stores: dict[str, list[str]] = {"sqlite": ["--store", str(sqlite_store)]}
    if not args.no_json:
        stores["json (old)"] = ["--store", str(json_store)]
    server = None
    neo4j_uri = args.neo4j_uri
    if args.neo4j and not neo4j_uri:
        from talentgraph.graph.neo4j.server import DEFAULT_USER, start_neo4j

        password = secrets.token_urlsafe(18)
        server = start_neo4j(password=password, heap="2g", page_cache_mb=1024)
        neo4j_uri = server.uri
        os.environ.update({"NEO4J_USERNAME": DEFAULT_USER, "NEO4J_PASSWORD": password})
    if neo4j_uri:
        load_s, load_cpu, load_rss, code = cold(["--neo4j", neo4j_uri, "load", str(node_link_json)])
        print(
            f"load node-link JSON into Neo4j: wall {load_s:.1f} s, CPU {load_cpu:.1f} s of the client, "
            f"peak RSS {load_rss:,.0f} MB (exit {code})"
        )
        stores["neo4j"] = ["--neo4j", neo4j_uri]
    try:
        run_commands(args, stores, person, buyer, twins)
    finally:
        if server is not None:
            server.stop()
    sizes = {"sqlite": sqlite_store.stat().st_size}
    if not args.no_json:
        sizes["json (old)"] = json_store.stat().st_size
    print("store file size: " + ", ".join(f"{k} {v / 2**20:,.0f} MiB" for k, v in sizes.items()))
    run_positions(args, workdir)


def run_commands(
    args: argparse.Namespace, stores: dict[str, list[str]], person: str, buyer: str, twins: dict[str, float]
) -> None:

    has_show = cold(["show", "--help"])[3] == 0
    commands = {
        "stats": ["stats"],
        "trace": ["trace", person],
        "path --limit 1": ["path", person, buyer, "--limit", "1"],
        "query talent_paths person": ["query", "talent_paths", "-p", f"person={person}"],
        "query neighbourhood": ["query", "neighbourhood", "-p", f"entity={buyer}"],
        **({"show": ["show", buyer]} if has_show else {}),
        "query flows (whole graph)": ["query", "flows"],
        "query deals_by_year": ["query", "deals_by_year"],
        "query disputes": ["query", "disputes"],
    }
    print(f"\ncold CLI processes, best of {args.runs} by CPU (CPU s / wall s / peak RSS MB)")
    print(f"{'command':<28}" + "".join(f"{name:>32}" for name in stores))
    for label, command in commands.items():
        cells = []
        for prefix in stores.values():
            runs = 1 if "json" in prefix[-1] and args.runs > 1 else args.runs  # the JSON store is slow: once
            wall, cpu, rss, code = best([*prefix, *command], runs)
            cells.append(f"{cpu:7.2f} / {wall:7.2f} s {rss:7,.0f} MB" + ("" if code == 0 else f" (exit {code})"))
        print(f"{label:<28}" + "".join(f"{c:>32}" for c in cells), flush=True)
    for whole, seconds in twins.items():
        print(f"{whole + ' twin, in memory':<28}{seconds:7.2f} s CPU (on a graph already built in this process)")


def run_positions(args: argparse.Namespace, workdir: Path) -> None:
    rows = args.positions_rows or args.relationships
    positions = workdir / f"positions-{rows}.csv"
    if not positions.exists():
        generate_positions(positions, rows, args.seed)
    base = run_baseline(positions)
    target = workdir / "positions.db"
    for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        if leftover.exists():
            leftover.unlink()
    wall, cpu, rss, code = cold(["--store", str(target), "load", str(positions), "--loader", "positions"])
    print(
        f"\npositions CSV, {rows:,} rows: csv.reader + add_edge CPU {base['cpu']:.1f} s; "
        f"talentgraph load into SQLite CPU {cpu:.1f} s (wall {wall:.1f} s), peak RSS {rss:,.0f} MB "
        f"({cpu / base['cpu']:.1f}x the baseline{'' if code == 0 else f', exit {code}'})"
    )


if __name__ == "__main__":
    main()
