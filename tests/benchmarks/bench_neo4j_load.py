"""Benchmark: loading a talent graph into Neo4j — the store's UNWIND batches against
one statement per row and against Neo4j's own LOAD CSV.

    python tests/benchmarks/bench_neo4j_load.py --relationships 100000

Starts a local Neo4j 5 (talentgraph.graph.neo4j.server; or uses --uri), builds the seeded
synthetic graph of bench_store_reload.py, and loads it into an emptied database three ways,
all with the same MERGE semantics (nodes on id per label, under the store's uniqueness
constraints; relationships on start, type, key, end):

  (a) store     Neo4jStore.write(nodes, relationships)
  (b) per row   one auto-commit session.run(query, params) per node and per relationship
  (c) LOAD CSV  LOAD CSV WITH HEADERS FROM 'file:///...' + CALL {...} IN TRANSACTIONS

After each, the node and relationship counts per label/type and a sample of properties
must equal the first method's. (b) at this size runs for many minutes, so by default it
times the first rows and, when all rows would take longer than --per-row-budget seconds,
times an evenly spread sample of 10,000 rows and extrapolates (loading the rest untimed,
so the checks still hold); --per-row-sample K forces a K-row sample, 0 forces all rows.
(c) writes its CSV files into the server's import directory, so it needs the server on
this machine: a started server gets a temporary one; with --uri, pass --import-dir (the
server's server.directories.import) or (c) is skipped.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_store_reload import synthetic_records
from talentgraph.graph import Label, RelType
from talentgraph.graph.model import ENDPOINTS, label_expression
from talentgraph.graph.neo4j.server import DEFAULT_PASSWORD, DEFAULT_USER, start_neo4j
from talentgraph.graph.neo4j.store import NODE_MERGE, REL_MERGE, Neo4jStore

# The per-row statements: the store's MERGEs with one row bound instead of an UNWIND list.
ROW_NODE = {label: f"MERGE (n:{label.value} {{id: $id}}) SET n = $props" for label in Label}
ROW_REL = {
    t: f"MATCH (a:{s.value} {{id: $start}}) MATCH (b:{label_expression(e)} {{id: $end}}) "
    f"MERGE (a)-[r:{t.value} {{key: $key}}]->(b) SET r = $props"
    for t, (s, e) in ENDPOINTS.items()
}

# CSV columns of the synthetic graph and how each is read back: str, int or a list
# ('|'-joined). The Cypher below is built from these constants, never from the data.
NODE_COLUMNS = {
    Label.PERSON: {"name": "str", "aliases": "list", "country": "str", "source_ids": "list", "locators": "list"},
    Label.ORGANIZATION: {"name": "str", "aliases": "list", "kind": "str", "source_ids": "list", "locators": "list"},
    Label.DEAL: {
        "name": "str",
        "kind": "str",
        "status": "str",
        "year": "int",
        "amount_usd": "int",
        "source_ids": "list",
        "locators": "list",
    },
}
PROV = {"source_ids": "list", "locators": "list"}
REL_COLUMNS = {
    RelType.WORKED_AT: {"role": "str", "from": "int", **PROV},
    RelType.FOUNDED: PROV,
    RelType.TARGET: PROV,
    RelType.ACQUIRER: PROV,
    RelType.MOVED: {"role": "str", **PROV},
}


def _read(column: str, kind: str) -> str:
    # LOAD CSV reads an empty field as null, so '' keys and empty lists are restored here.
    value = f"row.`{column}`"
    if kind == "int":
        return f"toInteger({value})"
    if kind == "list":
        return f"CASE coalesce({value}, '') WHEN '' THEN [] ELSE split({value}, '|') END"
    return value


def _props(columns: dict[str, str], identity: str) -> str:
    return (
        "{"
        + ", ".join(
            [f"{identity}: coalesce(row.{identity}, '')"] + [f"`{c}`: {_read(c, k)}" for c, k in columns.items()]
        )
        + "}"
    )


CSV_NODE = {
    label: f"LOAD CSV WITH HEADERS FROM $url AS row CALL {{ WITH row "
    f"MERGE (n:{label.value} {{id: row.id}}) SET n = {_props(cols, 'id')} }} IN TRANSACTIONS OF 10000 ROWS"
    for label, cols in NODE_COLUMNS.items()
}
CSV_REL = {
    t: f"LOAD CSV WITH HEADERS FROM $url AS row CALL {{ WITH row "
    f"MATCH (a:{ENDPOINTS[t][0].value} {{id: row.start}}) MATCH (b:{label_expression(ENDPOINTS[t][1])} {{id: row.end}}) "
    f"MERGE (a)-[r:{t.value} {{key: coalesce(row.key, '')}}]->(b) SET r = {_props(cols, 'key')} }} IN TRANSACTIONS OF 10000 ROWS"
    for t, cols in REL_COLUMNS.items()
}


def _cell(value) -> str:
    return "|".join(map(str, value)) if isinstance(value, list) else str(value)


def write_csvs(folder: Path, nodes, rels) -> dict:
    """One CSV per label and per relationship type; returns {label or type: file name}."""
    files = {}
    for label, cols in NODE_COLUMNS.items():
        files[label] = f"bench-{label.value}.csv"
        with open(folder / files[label], "w", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(["id", *cols])
            for n in (n for n in nodes if n.label is label):
                assert set(n.props) == set(cols), f"{n.id}: columns {sorted(n.props)}"
                out.writerow([n.id, *(_cell(n.props[c]) for c in cols)])
    for rel_type, cols in REL_COLUMNS.items():
        files[rel_type] = f"bench-{rel_type.value}.csv"
        with open(folder / files[rel_type], "w", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(["start", "end", "key", *cols])
            for r in (r for r in rels if r.type is rel_type):
                assert set(r.props) == set(cols), f"{r.identity}: columns {sorted(r.props)}"
                out.writerow([r.start, r.end, r.key, *(_cell(r.props[c]) for c in cols)])
    return files


def load_csv(driver, database: str, files: dict) -> None:
    with driver.session(database=database) as session:  # IN TRANSACTIONS needs auto-commit
        for label in NODE_COLUMNS:
            session.run(CSV_NODE[label], url=f"file:///{files[label]}").consume()
        for rel_type in REL_COLUMNS:
            session.run(CSV_REL[rel_type], url=f"file:///{files[rel_type]}").consume()


def _bulk(store: Neo4jStore, rows) -> None:
    # The untimed rest of a sample, in the store's own UNWIND statements but without its
    # read of existing properties (the database holds none of these rows).
    grouped: dict[str, list[dict]] = {}
    for query, params in rows:
        grouped.setdefault(query, []).append(params)
    for query, params in grouped.items():
        for i in range(0, len(params), 5000):
            store.execute_write(query, {"rows": params[i : i + 5000]})


def _run_rows(session, rows) -> float:
    t0 = time.perf_counter()
    for query, params in rows:
        session.run(query, params).consume()
    return time.perf_counter() - t0


def per_row(store: Neo4jStore, nodes, rels, sample: int | None, budget: float) -> tuple[float, str]:
    """Seconds for one auto-commit statement per row (extrapolated when sampled) and how."""
    node_rows = [(ROW_NODE[n.label], {"id": n.id, "props": {**n.props, "id": n.id}}) for n in nodes]
    rel_rows = [
        (ROW_REL[r.type], {"start": r.start, "end": r.end, "key": r.key, "props": {**r.props, "key": r.key}})
        for r in rels
    ]
    total = len(node_rows) + len(rel_rows)
    with store.driver.session(database=store.database) as session:
        if sample is None:  # probe: time the first rows, sample only if all would overrun the budget
            probe = min(1000, len(node_rows))
            probe_s = _run_rows(session, node_rows[:probe])
            estimate = probe_s / probe * total
            if estimate <= budget:
                rest = _run_rows(session, node_rows[probe:]) + _run_rows(session, rel_rows)
                return probe_s + rest, f"all {total:,} rows timed"
            sample = 10_000
            store.clear()
        if sample == 0 or sample >= total:
            return _run_rows(session, node_rows) + _run_rows(session, rel_rows), f"all {total:,} rows timed"
        # An evenly spread sample of nodes and of relationships, in proportion; the rest load
        # untimed through the store so the relationships find their endpoints and counts check.
        k_nodes = max(1, round(sample * len(node_rows) / total))
        k_rels = max(1, sample - k_nodes)
        picked_nodes = set(range(0, len(node_rows), max(1, len(node_rows) // k_nodes)))
        picked_rels = set(range(0, len(rel_rows), max(1, len(rel_rows) // k_rels)))
        node_s = _run_rows(session, [node_rows[i] for i in sorted(picked_nodes)])
        _bulk(store, [(NODE_MERGE[n.label], node_rows[i][1]) for i, n in enumerate(nodes) if i not in picked_nodes])
        rel_s = _run_rows(session, [rel_rows[i] for i in sorted(picked_rels)])
        _bulk(store, [(REL_MERGE[r.type], rel_rows[i][1]) for i, r in enumerate(rels) if i not in picked_rels])
    seconds = node_s / len(picked_nodes) * len(node_rows) + rel_s / len(picked_rels) * len(rel_rows)
    how = (
        f"EXTRAPOLATED from {len(picked_nodes):,} nodes in {node_s:.1f} s and "
        f"{len(picked_rels):,} relationships in {rel_s:.1f} s"
    )
    return seconds, how


def snapshot(store: Neo4jStore, nodes, rels) -> tuple:
    ids = [n.id for n in nodes[:: max(1, len(nodes) // 50)]]
    props = store.execute_read(
        "UNWIND $ids AS id MATCH (n {id: id}) RETURN properties(n) AS p ORDER BY n.id", {"ids": ids}
    )
    keys = [[r.start, r.type.value, r.key, r.end] for r in rels[:: max(1, len(rels) // 50)]]
    rel_props = store.execute_read(
        "UNWIND $keys AS k MATCH (a {id: k[0]})-[r {key: k[2]}]->(b {id: k[3]}) WHERE type(r) = k[1] "
        "RETURN properties(r) AS p ORDER BY k",
        {"keys": keys},
    )
    return store.stats(), props, rel_props


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relationships", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--uri", help="use this running server instead of starting one")
    parser.add_argument("--user", default=DEFAULT_USER)
    parser.add_argument("--password", default=DEFAULT_PASSWORD)
    parser.add_argument("--import-dir", help="with --uri: the server's import directory, for (c)")
    parser.add_argument("--per-row-sample", type=int, help="time K per-row statements and extrapolate (0 = all rows)")
    parser.add_argument("--per-row-budget", type=float, default=180, help="seconds (b) may take before it samples")
    parser.add_argument("--page-cache-mb", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=3, help="runs of (a) and (c); the median is reported")
    args = parser.parse_args()

    nodes, rels = synthetic_records(args.relationships, args.seed)
    total = len(nodes) + len(rels)
    scratch = tempfile.TemporaryDirectory(prefix="bench-neo4j-import-")
    server = None if args.uri else start_neo4j(page_cache_mb=args.page_cache_mb, import_dir=scratch.name)
    try:
        uri = args.uri or server.uri
        store = Neo4jStore.connect(uri, args.user, args.password if args.uri else server.password)
        store.ensure_schema()
        store.clear()
        import_dir = Path(scratch.name) if server else Path(args.import_dir) if args.import_dir else None
        print(f"Neo4j at {store.uri}; graph: {len(nodes):,} nodes + {len(rels):,} relationships = {total:,} rows")

        # A fresh server compiles every statement and warms its caches on first use; warm
        # all three methods on a small graph first so none pays that inside its timing.
        small_nodes, small_rels = synthetic_records(300, args.seed + 1)
        store.write(small_nodes, small_rels)
        store.clear()
        if import_dir is not None:
            small_files = write_csvs(import_dir, small_nodes, small_rels)
            load_csv(store.driver, store.database, small_files)
            for name in small_files.values():
                (import_dir / name).unlink()
            store.clear()
        per_row(store, small_nodes, small_rels, 0, args.per_row_budget)
        store.clear()

        times = {}
        runs = []
        for _ in range(args.repeat):  # the median of a few runs: a shared machine is noisy
            store.clear()
            t0 = time.perf_counter()
            store.write(nodes, rels)
            runs.append(time.perf_counter() - t0)
        times["a"] = statistics.median(runs)
        expected = snapshot(store, nodes, rels)
        print(f"(a) store (UNWIND batches):    {times['a']:8.1f} s  {total / times['a']:9,.0f} rows/s")

        if import_dir is None:
            print("(c) LOAD CSV: skipped — give --import-dir with --uri")
        else:
            files = write_csvs(import_dir, nodes, rels)
            runs = []
            for _ in range(args.repeat):
                store.clear()
                t0 = time.perf_counter()
                load_csv(store.driver, store.database, files)
                runs.append(time.perf_counter() - t0)
            times["c"] = statistics.median(runs)
            assert snapshot(store, nodes, rels) == expected, "LOAD CSV left a different graph"
            print(f"(c) LOAD CSV IN TRANSACTIONS:  {times['c']:8.1f} s  {total / times['c']:9,.0f} rows/s")
            for name in files.values():
                (import_dir / name).unlink()

        store.clear()
        times["b"], how = per_row(store, nodes, rels, args.per_row_sample, args.per_row_budget)
        assert snapshot(store, nodes, rels) == expected, "per-row load left a different graph"
        print(f"(b) one statement per row:     {times['b']:8.1f} s  {total / times['b']:9,.0f} rows/s  ({how})")

        print(f"(a) vs (b): {times['b'] / times['a']:.1f}x faster (target >= 20x)")
        if "c" in times:
            print(
                f"(a) vs (c): {times['c'] / times['a']:.2f}x the speed of LOAD CSV (target >= 0.67x, i.e. at most 1.5x slower)"
            )
        print(f"counts checked after each: {expected[0]}")
        store.clear()
        store.close()
    finally:
        if server is not None:
            server.stop()
        scratch.cleanup()


if __name__ == "__main__":
    sys.exit(main())
