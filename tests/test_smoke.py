"""Smoke tests: the main paths, fast. They also run on the lowest dependency versions
pyproject allows (.ci/floors.sh), so every floor is one a test has passed on."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore
from talentgraph.graph.export.graphml import graph_from_graphml
from talentgraph.graph.export.node_link import graph_from_node_link
from talentgraph.graph.export.registry import FORMATS, export_graph
from talentgraph.loaders import load_sources
from talentgraph.queries import disputes, moves, run_query, shortest_paths, trace

pytestmark = pytest.mark.smoke


@pytest.fixture(scope="module")
def article():
    store = EmbeddedStore()
    load_sources(store, ["article"])
    return store


def test_cli_load_trace_path_stats(tmp_path):
    store = str(tmp_path / "graph.json")
    runner = CliRunner()
    loaded = runner.invoke(cli, ["--store", store, "load", "article"], catch_exceptions=False)
    assert loaded.exit_code == 0 and "99 nodes, 161 relationships" in loaded.output
    traced = runner.invoke(cli, ["--store", store, "trace", "Alexandr Wang", "--json"], catch_exceptions=False)
    assert [n["name"] for n in json.loads(traced.stdout)["paths"][0]["nodes"]][-2:] == [
        "Meta",
        "Meta Superintelligence Lab",
    ]
    path = runner.invoke(cli, ["--store", store, "path", "Musical.ly", "Doubao"], catch_exceptions=False)
    assert path.exit_code == 0 and "Zhu Jun -[LEADS]-> Flow" in path.output
    stats = json.loads(runner.invoke(cli, ["--store", store, "stats", "--json"], catch_exceptions=False).stdout)
    assert stats["nodes"]["Deal"] == 20


def test_python_api_takes_stores(article):
    assert [n["name"] for n in trace(article, "Alexandr Wang")[0]["nodes"]][:2] == ["Alexandr Wang", "Scale AI"]
    paths = shortest_paths(article, "Musical.ly", "Doubao", max_hops=8, limit=10)
    assert paths and all(p["nodes"][0]["name"] == "Musical.ly" and p["nodes"][-1]["name"] == "Doubao" for p in paths)
    assert shortest_paths(article, "Musical.ly", "Doubao", types={"FOUNDED"}) == []
    assert disputes(article)["rows"] == run_query(article, "disputes")["rows"] != []
    assert ["Safe Superintelligence", "Meta"] in [[r[2], r[4]] for r in moves(article, person="daniel-gross")["rows"]]


@pytest.mark.parametrize("fmt", [name for name, f in FORMATS.items() if not f.writes_folder])
def test_every_file_format_round_trips_or_runs(article, fmt, tmp_path):
    out = tmp_path / f"graph.{fmt}"
    exported = export_graph(article, fmt, out)
    assert exported.paths == (out,) and out.read_bytes() == export_graph(article, fmt).payload
    if fmt == "json":
        again = graph_from_node_link(json.loads(out.read_text()))
    elif fmt == "graphml":
        again = graph_from_graphml(out.read_bytes())
    elif fmt == "csv":  # one spreadsheet table: a row per node and per relationship
        rows = out.read_text(encoding="utf-8").splitlines()
        assert rows[0].startswith("element,id,label,start,end")
        assert len(rows) - 1 == article.graph.number_of_nodes() + article.graph.number_of_edges()
        return
    else:
        assert out.read_text().count("MERGE") > 10
        return
    assert sorted(again.nodes) == sorted(article.graph.nodes)
    assert again.number_of_edges() == article.graph.number_of_edges()


def test_neo4j_load_and_query(store_factory, request):
    if request.node.callspec.params["store_factory"] != "neo4j":
        pytest.skip("the embedded store is covered above")
    store = store_factory()
    load_sources(store, ["article"])
    assert store.stats()["nodes"]["Deal"] == 20
    assert [n["name"] for n in trace(store, "Alexandr Wang")[0]["nodes"]][:2] == ["Alexandr Wang", "Scale AI"]
    from talentgraph.graph.errors import QueryError
    from talentgraph.queries import run_cypher

    with pytest.raises(QueryError, match="pass --write"):
        run_cypher(store, "CREATE (n:Intruder) RETURN n")
