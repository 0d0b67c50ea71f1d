"""The SQLite embedded store: same answers as the in-memory graph, reads only what a
command touches, and transactions that survive kill -9, concurrent writers and readers."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import GRAPHS, embedded_store
from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore, Label, Node, StoreError
from talentgraph.graph.embedded.nx_store import write_store
from talentgraph.graph.embedded.sqlite_store import SCHEMA_VERSION, SqliteStore
from talentgraph.graph.errors import StoreLockedError
from talentgraph.graph.export.node_link import graph_to_node_link
from talentgraph.graph.identity.entity_merge import find_duplicates, merge_duplicates
from talentgraph.graph.model import Relationship, RelType
from talentgraph.graph.provenance import unload_source
from talentgraph.loaders import load_sources
from talentgraph.queries.catalogue import CATALOGUE, get_query, run_query
from test_catalogue_parity import ARTICLE_CASES, synthetic_cases

PROV = {"source_ids": ["test"], "locators": ["test#1"]}
KILL_TRIALS = int(os.environ.get("TALENTGRAPH_KILL_TRIALS", "20"))


def _org(node_id: str, **props) -> Node:
    return Node(node_id, Label.ORGANIZATION, {"name": node_id.title(), **PROV, **props})


def _sqlite_copy(tmp_path: Path, records_pair, name: str = "g.db") -> Path:
    path = tmp_path / name
    with EmbeddedStore.writing(path) as store:
        store.write(*records_pair)
    return path


def _recount(path: Path) -> dict:
    """Counts straight from the rows (what the maintained counters must say)."""
    with sqlite3.connect(path) as conn:
        nodes = dict(conn.execute("SELECT label, COUNT(*) FROM nodes GROUP BY label ORDER BY label").fetchall())
        rels = dict(
            conn.execute(
                "SELECT t.name, COUNT(*) FROM rels r JOIN rel_types t ON t.code = r.type GROUP BY t.name ORDER BY t.name"
            ).fetchall()
        )
    return {"nodes": nodes, "relationships": rels}


# -- the same answers -------------------------------------------------------------------


@pytest.mark.parametrize("graph_name", list(GRAPHS))
def test_every_catalogue_query_answers_the_same_as_the_in_memory_graph(graph_name, records, tmp_path):
    memory = embedded_store(records[graph_name])
    stored = EmbeddedStore.open(_sqlite_copy(tmp_path, records[graph_name]))
    assert isinstance(stored, SqliteStore)
    cases = ARTICLE_CASES if graph_name == "article" else synthetic_cases(memory.graph)
    for query in sorted(CATALOGUE):
        for params in cases[query]:
            assert run_query(stored, query, params) == run_query(memory, query, params), (query, params)
    assert stored.stats() == memory.stats()
    assert stored.source_counts() == memory.source_counts()


def test_entity_seeded_queries_read_only_what_they_touch(records, tmp_path):
    path = _sqlite_copy(tmp_path, records["synthetic"])
    memory = embedded_store(records["synthetic"])
    person = sorted({v for _, v, a in memory.graph.edges(data=True) if a["type"] == "MOVED"})[4]
    buyer = sorted({v for _, v, a in memory.graph.edges(data=True) if a["type"] == "ACQUIRER"})[0]
    for query, params in [
        ("trace", {"person": person}),
        ("neighbourhood", {"entity": buyer}),
        ("talent_paths", {"person": person}),
        ("shopping_cart", {"acquirer": buyer}),
        ("path", {"from": person, "to": buyer, "limit": 1}),
    ]:
        store = EmbeddedStore.open(path)
        assert run_query(store, query, params) == run_query(memory, query, params)
        rows = store.to_networkx()._rows
        assert not rows.complete and len(rows.nodes) < len(memory.graph) // 2, query
    store = EmbeddedStore.open(path)
    assert store.stats() == memory.stats() and not store.to_networkx()._rows.nodes  # counters, no rows


def test_whole_graph_queries_read_only_their_slice(records, tmp_path):
    path = _sqlite_copy(tmp_path, records["synthetic"])
    memory = embedded_store(records["synthetic"])
    for query, params in [
        ("flows", {}),
        ("flows", {"level": "country", "as_of": 2012}),
        ("deals_by_year", {}),
        ("deals_by_year", {"kind": "stake"}),
        ("disputes", {}),
        ("disputes", {"field": "year"}),
    ]:
        store = EmbeddedStore.open(path)
        assert run_query(store, query, params) == run_query(memory, query, params), (query, params)
        assert not store.to_networkx()._rows.nodes, query  # the lazy view read nothing
    deals = EmbeddedStore.open(path).graph_slice(get_query("flows").reads)
    assert 0 < deals.number_of_edges() < memory.graph.number_of_edges()
    assert {a["label"] for _, a in deals.nodes(data=True)} == {"Deal", "Organization", "Person"}


def test_the_lazy_view_reads_like_a_multidigraph(article_graph, tmp_path):
    path = tmp_path / "g.db"
    with EmbeddedStore.writing(path) as store:
        store.write(EmbeddedStore(article_graph).nodes(), EmbeddedStore(article_graph).relationships())
    g, ref = EmbeddedStore.open(path).to_networkx(), article_graph
    assert g.nodes["meta"] == ref.nodes["meta"] and "meta" in g and g.has_node("meta") and "nobody" not in g
    assert dict(g.succ["scale-ai"]) == dict(ref.succ["scale-ai"]) and dict(g.pred["meta"]) == dict(ref.pred["meta"])
    assert sorted(g.in_edges("meta", keys=True)) == sorted(ref.in_edges("meta", keys=True))
    assert g.degree("meta") == ref.degree("meta") and g.out_degree("alexandr-wang") == ref.out_degree("alexandr-wang")
    assert g.get_edge_data("nobody", "meta") is None and [] == [1 for _ in g.neighbors("36kr-2025-07-11")]
    few = ["meta", "scale-ai", "meta-scale-ai-2025"]
    assert sorted(g.subgraph(few).edges(keys=True)) == sorted(ref.subgraph(few).edges(keys=True))
    assert nx.shortest_path_length(g.to_undirected(as_view=True), "meta", "scale-ai") == 2
    assert len(g) == len(ref) and g.number_of_edges() == ref.number_of_edges()
    assert sorted(g.edges(keys=True, data="type")) == sorted(ref.edges(keys=True, data="type"))
    assert graph_to_node_link(g.copy()) == graph_to_node_link(ref)
    with pytest.raises(StoreError, match="read-only"):
        g.add_node("x", label="Person")


def test_counters_follow_unload_and_resolve(tmp_path):
    path = tmp_path / "g.db"
    with EmbeddedStore.writing(path) as store:
        load_sources(store, ["article"])
        store.write([_org("openai", aliases=["OpenAI"]), _org("openai-llc", name="OpenAI LLC")])
        assert store.stats() == _recount_in(store)
    with EmbeddedStore.writing(path) as store:
        merge_duplicates(store, find_duplicates(store.to_networkx()))
        unload_source(store, "public-record")
    store = EmbeddedStore.open(path)
    assert store.stats() == _recount(path) and "openai-llc" not in store.graph
    recount: dict = {}
    for _, attrs in store.graph.nodes(data=True):
        for s in set(attrs.get("source_ids", ())):
            recount[s] = recount.get(s, 0) + 1
    for _, _, attrs in store.graph.edges(data=True):
        for s in set(attrs.get("source_ids", ())):
            recount[s] = recount.get(s, 0) + 1
    assert store.source_counts() == dict(sorted(recount.items())) and "public-record" not in recount


def _recount_in(store) -> dict:
    g = store.to_networkx()
    nodes: dict = {}
    for _, attrs in g.nodes(data=True):
        nodes[attrs["label"]] = nodes.get(attrs["label"], 0) + 1
    rels: dict = {}
    for _, _, attrs in g.edges(data=True):
        rels[attrs["type"]] = rels.get(attrs["type"], 0) + 1
    return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}


def test_names_resolve_through_the_index(tmp_path):
    path = tmp_path / "g.db"
    with EmbeddedStore.writing(path) as store:
        load_sources(store, ["article"])
    store = EmbeddedStore.open(path)
    assert store.resolve_name("facebook") == "meta" and store.resolve_name("ALEXANDR  wang") == "alexandr-wang"
    assert not store.to_networkx()._rows.nodes  # no node was read to find them
    result = CliRunner().invoke(cli, ["--store", str(path), "trace", "alexander wang"])
    assert result.exit_code == 1 and "Alexandr Wang" in result.output and len(result.output.strip().splitlines()) == 1


# -- transactions -------------------------------------------------------------------------

_LOADER = textwrap.dedent("""
    import sys
    from talentgraph.graph import EmbeddedStore
    from talentgraph.graph.synthetic import synthetic_graph
    nodes, rels = synthetic_graph(people=400, orgs=80, deals=200, seed=3)
    with EmbeddedStore.writing(sys.argv[1]) as store:
        print("writing", flush=True)
        store.write(nodes, rels)
""")


def test_a_load_killed_at_any_moment_leaves_the_old_or_the_new_store(tmp_path):
    path = tmp_path / "g.db"
    with EmbeddedStore.writing(path) as store:
        load_sources(store, ["article"])
    old = EmbeddedStore.open(path).stats()
    start = time.monotonic()
    subprocess.run([sys.executable, "-c", _LOADER, str(tmp_path / "whole.db")], check=True, capture_output=True)
    span = time.monotonic() - start
    new = _merged_stats(old, EmbeddedStore.open(tmp_path / "whole.db").stats())
    rng = random.Random(10)
    seen = set()
    for _ in range(KILL_TRIALS):
        proc = subprocess.Popen([sys.executable, "-c", _LOADER, str(path)], stdout=subprocess.PIPE)
        time.sleep(rng.uniform(0, span * 1.1))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stats = EmbeddedStore.open(path).stats()
        assert stats in (old, new)
        assert stats == _recount(path)  # the counters moved with the rows, or not at all
        seen.add(stats == new)
        if stats == new:  # start again from the old state
            with EmbeddedStore.writing(path) as store:
                store.apply_edits(_delete_all_but(store, old))
    assert False in seen  # some trials did stop a load midway


def _merged_stats(a: dict, b: dict) -> dict:
    return {
        section: dict(
            sorted({k: a[section].get(k, 0) + b[section].get(k, 0) for k in {*a[section], *b[section]}}.items())
        )
        for section in a
    }


def _delete_all_but(store, old_stats):
    from talentgraph.graph.graph_edits import GraphEdits

    synthetic = {
        n: Label(a["label"])
        for n, a in store.to_networkx().nodes(data=True)
        if "synthetic-3" in a.get("source_ids", ())
    }
    return GraphEdits(delete_nodes=synthetic)


def _hold_writer(path, inside, release):
    with EmbeddedStore.writing(path) as store:
        store.write([_org("held")])
        inside.set()
        release.wait(30)


def test_a_second_writer_waits_and_is_told_who_it_waits_for(tmp_path):
    path = tmp_path / "g.db"
    with EmbeddedStore.writing(path) as store:
        store.write([_org("first")])
    ctx = multiprocessing.get_context("fork")
    inside, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_writer, args=(path, inside, release))
    holder.start()
    try:
        assert inside.wait(30)
        messages: list[str] = []
        with pytest.raises(StoreLockedError) as refused:
            with EmbeddedStore.writing(path, timeout=0.5, on_wait=messages.append):
                pass
        waiting = rf"waiting for another writer \(pid {holder.pid}, since \d\d:\d\d:\d\d\) on {path}"
        assert re.fullmatch(waiting, messages[0])
        assert f"pid {holder.pid}" in str(refused.value) and "wait for it to finish" in str(refused.value)
        assert not re.search(r"delet|remov", str(refused.value))
        # readers never block: a snapshot opens at once and shows only committed data
        begun = time.monotonic()
        reader = EmbeddedStore.open(path)
        assert time.monotonic() - begun < 1 and "first" in reader.graph and "held" not in reader.graph
        release.set()
        holder.join(30)
        assert holder.exitcode == 0
        assert "held" not in reader.graph  # the same snapshot, never a half-seen load
        assert "held" in EmbeddedStore.open(path).graph
        with EmbeddedStore.writing(path, timeout=5, on_wait=messages.append) as store:
            store.write([_org("after")])
    finally:
        release.set()
        holder.join(30)


def test_cli_writer_waits_with_one_line_then_proceeds(tmp_path):
    path = tmp_path / "g.db"
    ctx = multiprocessing.get_context("fork")
    inside, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_writer, args=(path, inside, release))
    holder.start()
    assert inside.wait(30)
    proc = subprocess.Popen(
        [sys.executable, "-m", "talentgraph", "--store", str(path), "load", "article"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    first = proc.stderr.readline()  # the writer says it waits, and waits
    time.sleep(0.5)
    assert proc.poll() is None
    release.set()
    out, err = proc.communicate(timeout=60)
    holder.join(30)
    assert proc.returncode == 0, err
    assert re.match(rf"waiting for another writer \(pid {holder.pid}, since \d\d:\d\d:\d\d\) on {path}\n$", first)
    assert {"held", "meta"} <= set(EmbeddedStore.open(path).graph.nodes)


# -- versions, migration, round trips ----------------------------------------------------


def test_a_store_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "g.db"
    with EmbeddedStore.writing(path) as store:
        store.write([_org("meta")])
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'version'")
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"written by a newer talentgraph \(store format 99"):
        EmbeddedStore.open(path)
    with pytest.raises(StoreError, match="upgrade talentgraph"):
        with EmbeddedStore.writing(path):
            pass
    result = CliRunner().invoke(cli, ["--store", str(path), "stats"])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1 and "newer" in result.output
    assert path.read_bytes() == before


def test_an_old_json_store_is_converted_on_first_use_and_kept(tmp_path, monkeypatch):
    old = EmbeddedStore()
    load_sources(old, ["article"])
    legacy = tmp_path / "graph.json"
    write_store(old.graph, legacy)
    kept = legacy.read_bytes()
    monkeypatch.setenv("TALENTGRAPH_STORE", str(tmp_path / "graph.db"))
    result = CliRunner().invoke(cli, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["nodes"] == old.stats()["nodes"]
    assert (tmp_path / "graph.db").read_bytes()[:15] == b"SQLite format 3" and legacy.read_bytes() == kept
    assert graph_to_node_link(EmbeddedStore.open(tmp_path / "graph.db").graph) == graph_to_node_link(old.graph)


def test_store_migrate_converts_an_explicit_json_store(tmp_path):
    old = EmbeddedStore()
    load_sources(old, ["article"])
    write_store(old.graph, tmp_path / "mine.json")
    result = CliRunner().invoke(cli, ["store", "migrate", str(tmp_path / "mine.json")])
    assert result.exit_code == 0 and "mine.db" in result.output
    assert EmbeddedStore.open(tmp_path / "mine.db").stats() == old.stats()
    again = CliRunner().invoke(cli, ["store", "migrate", str(tmp_path / "mine.json")])
    assert again.exit_code == 1 and "already exists" in again.output


def test_export_then_load_round_trips(store_factory, tmp_path):
    source = tmp_path / "source.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", str(source), "load", "article"]).exit_code == 0
    export = ["--store", str(source), "export", "--format", "json", "-o", str(tmp_path / "a.json")]
    assert runner.invoke(cli, export).exit_code == 0
    store = store_factory()
    load_sources(store, [str(tmp_path / "a.json")])
    assert graph_to_node_link(store.to_networkx()) == json.loads((tmp_path / "a.json").read_text())


def test_synthetic_script_output_loads(tmp_path):
    out = tmp_path / "syn.json"
    subprocess.run(
        [sys.executable, "-m", "talentgraph.graph.synthetic", "--relationships", "2000", "-o", str(out)],
        check=True,
        capture_output=True,
    )
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "g.db"), "load", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text())
    stats = EmbeddedStore.open(tmp_path / "g.db").stats()
    assert sum(stats["relationships"].values()) == len(doc["edges"])
    assert sum(stats["nodes"].values()) == len(doc["nodes"])


# -- an older store file (format 2) ----------------------------------------------------

FORMAT_2 = Path(__file__).parent / "data" / "store-v2" / "graph-format-2.db"
# the curated article as it was when that file was written: the built-in article changes
# with curation, the graph the old file holds does not
FORMAT_2_ARTICLE = str(FORMAT_2.with_name("article-as-written.yaml"))


def _file_version(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0]


def _same_graph(store: Any, fresh: Any) -> None:
    assert store.stats() == fresh.stats() and store.source_counts() == fresh.source_counts()
    assert graph_to_node_link(store.to_networkx()) == graph_to_node_link(fresh.to_networkx())
    assert sorted((n.id, n.props) for n in store.nodes()) == sorted((n.id, n.props) for n in fresh.nodes())


@pytest.fixture
def format_2_store(tmp_path: Path) -> Path:
    path = tmp_path / "graph.db"
    shutil.copy(FORMAT_2, path)
    assert _file_version(path) == "2"
    return path


@pytest.fixture
def article_store() -> Any:
    fresh = SqliteStore.in_memory()
    load_sources(fresh, [FORMAT_2_ARTICLE])
    return fresh


def test_a_format_2_store_is_upgraded_when_first_read(format_2_store, article_store):
    store = EmbeddedStore.open(format_2_store)
    assert _file_version(format_2_store) == str(SCHEMA_VERSION)
    _same_graph(store, article_store)
    assert store.resolve_name("facebook") == "meta"  # the names table survived the upgrade
    assert run_query(store, "flows") == run_query(article_store, "flows")


def test_a_format_2_store_is_upgraded_by_a_writer_and_stays_loadable(format_2_store, article_store):
    with EmbeddedStore.writing(format_2_store) as store:
        load_sources(store, [FORMAT_2_ARTICLE])  # the same records again: nothing changes
    assert _file_version(format_2_store) == str(SCHEMA_VERSION)
    _same_graph(EmbeddedStore.open(format_2_store), article_store)
    with EmbeddedStore.writing(format_2_store) as store:
        unload_source(store, "public-record")
    with EmbeddedStore.writing(format_2_store) as store:
        load_sources(store, [FORMAT_2_ARTICLE])
    assert EmbeddedStore.open(format_2_store).stats() == _recount(format_2_store) == article_store.stats()


def test_store_migrate_upgrades_a_format_2_store(format_2_store, article_store):
    result = CliRunner().invoke(cli, ["store", "migrate", str(format_2_store)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"upgraded {format_2_store} from store format 2 to {SCHEMA_VERSION}"
    _same_graph(EmbeddedStore.open(format_2_store), article_store)
    again = CliRunner().invoke(cli, ["store", "migrate", str(format_2_store)])
    assert again.exit_code == 0 and "nothing to do" in again.output


# -- whole-graph queries as SQL ---------------------------------------------------------


def _odd_deals() -> tuple[list[Node], list[Relationship]]:
    """Deals whose fields test every branch the SQL versions copy from the twins: headcounts
    above, below and beside the people named (float, missing), a year missing, two
    MOVED relationships to one person, several targets, no country, failed and completed."""
    orgs = [_org("acme", country="US"), _org("bolt", country="GB"), _org("cora"), _org("dune", country="US")]
    people = [Node(p, Label.PERSON, {"name": p.title(), **PROV}) for p in ("ann", "bob", "cy")]
    deals = {
        "d1": {"year": 2010, "kind": "acquihire", "status": "completed", "amount_usd": 100, "headcount": 5},
        "d2": {"year": 2012, "kind": "acquihire", "status": "failed", "amount_usd": 50, "headcount": 1},
        "d3": {"year": 2012, "kind": "stake", "status": "completed", "headcount": 2.0},
        "d4": {"kind": "acquisition", "status": "completed", "amount_usd": 7, "headcount": 3},
        "d5": {"year": 2014, "kind": "acquisition", "status": "abandoned"},
        "d6": {"year": 2014, "status": "completed", "amount_usd": 9},
    }
    nodes = [*orgs, *people, *(Node(d, Label.DEAL, {"name": d, **PROV, **p}) for d, p in deals.items())]
    ends = {
        "d1": ("acme", "bolt", ["ann", "bob"]),
        "d2": ("cora", "bolt", ["ann"]),
        "d3": ("dune", "acme", ["cy"]),
        "d4": ("bolt", "acme", []),
        "d5": ("cora", "dune", ["bob"]),
        "d6": ("acme", "bolt", ["cy"]),
    }
    rels = [Relationship(RelType.TARGET, "d3", "cora", dict(PROV))]  # d3 has two targets
    for deal, (target, acquirer, moved) in ends.items():
        rels += [
            Relationship(RelType.TARGET, deal, target, dict(PROV)),
            Relationship(RelType.ACQUIRER, deal, acquirer, dict(PROV)),
            *(Relationship(RelType.MOVED, deal, person, dict(PROV)) for person in moved),
        ]
    rels.append(Relationship(RelType.MOVED, "d1", "ann", dict(PROV), key="second-stint"))
    return nodes, rels


@pytest.mark.parametrize(
    "query, params",
    [
        ("flows", {}),
        ("flows", {"level": "country"}),
        ("flows", {"as_of": 2012}),
        ("flows", {"level": "country", "as_of": 2010}),
        ("deals_by_year", {}),
        ("deals_by_year", {"kind": "acquihire"}),
        ("deals_by_year", {"as_of": 2012}),
    ],
)
def test_sql_versions_of_whole_graph_queries_give_the_twins_rows(query, params):
    from talentgraph.queries.sql_aggregates import AGGREGATES

    store = SqliteStore.in_memory()
    store.write(*_odd_deals())
    expected = get_query(query).embedded(store.to_networkx(), **params)  # the twin on the whole graph
    assert expected  # the case has rows to compare
    assert AGGREGATES[query](store, **params) == expected
    assert run_query(store, query, params)["rows"] == expected
