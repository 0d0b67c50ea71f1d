"""The Neo4j store against a real Neo4j 5 server: same graph, same answers, clean failures."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore, Label, ModelError, Node, Relationship, RelType, StoreError
from talentgraph.graph.errors import TalentGraphError
from talentgraph.graph.export.node_link import graph_to_node_link
from talentgraph.graph.graph_edits import GraphEdits
from talentgraph.graph.neo4j import store as neo4j_store_mod
from talentgraph.graph.neo4j.edits import REL_PUT
from talentgraph.graph.neo4j.store import Neo4jStore
from talentgraph.loaders import load_sources, read_source

PROV = {"source_ids": ["test"], "locators": ["test#1"]}


@pytest.fixture
def neo4j_store(neo4j_server, neo4j_driver):
    store = Neo4jStore.connect(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    store.ensure_schema()
    yield store
    store.close()


def _embedded_article():
    store = EmbeddedStore()
    load_sources(store, ["article"])
    return store


def test_the_article_graph_is_identical_on_both_stores(neo4j_store):
    load_sources(neo4j_store, ["article"])
    assert graph_to_node_link(neo4j_store.to_networkx()) == graph_to_node_link(_embedded_article().graph)


def test_loading_twice_changes_nothing(neo4j_store):
    load_sources(neo4j_store, ["article"])
    before = graph_to_node_link(neo4j_store.to_networkx())
    summary = load_sources(neo4j_store, ["article"])[-1].written
    assert (summary.nodes_created, summary.relationships_created) == (0, 0)
    assert graph_to_node_link(neo4j_store.to_networkx()) == before


def test_schema_has_one_uniqueness_constraint_per_label(neo4j_store, neo4j_driver):
    records = neo4j_driver.execute_query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type").records
    assert sorted((r["labelsOrTypes"][0], r["properties"], r["type"]) for r in records) == sorted(
        (label.value, ["id"], "UNIQUENESS") for label in Label
    )


def test_a_bad_row_leaves_the_database_as_it_was(neo4j_store):
    load_sources(neo4j_store, ["article"])
    before = neo4j_store.stats()
    with pytest.raises(ModelError, match="no node with id 'nobody'"):
        neo4j_store.write(
            [Node("new-org", Label.ORGANIZATION, {"name": "New", **PROV})],
            [Relationship(RelType.PART_OF, "new-org", "nobody", dict(PROV))],
        )
    assert neo4j_store.stats() == before


def test_a_failure_inside_the_transaction_rolls_the_whole_load_back(neo4j_store, monkeypatch):
    # MOVED rows are written after all nodes: break that statement on the server side
    monkeypatch.setitem(neo4j_store_mod.REL_MERGE, RelType.MOVED, "UNWIND $rows AS row RETURN 1/0")
    with pytest.raises(TalentGraphError):  # the server's error, as one line
        load_sources(neo4j_store, ["article"])
    assert neo4j_store.stats() == {"nodes": {}, "relationships": {}}


def test_a_rerun_after_an_interrupted_multi_transaction_load_converges(neo4j_store, monkeypatch):
    monkeypatch.setattr(neo4j_store_mod, "TX_ROWS", 20)  # force many transactions
    monkeypatch.setitem(neo4j_store_mod.REL_MERGE, RelType.MOVED, "UNWIND $rows AS row RETURN 1/0")
    with pytest.raises(TalentGraphError):  # the server's error, as one line
        load_sources(neo4j_store, ["article"])
    assert neo4j_store.stats()["nodes"], "earlier transactions committed"
    monkeypatch.undo()
    load_sources(neo4j_store, ["article"])
    assert graph_to_node_link(neo4j_store.to_networkx()) == graph_to_node_link(_embedded_article().graph)


@pytest.mark.parametrize(
    "command",
    [
        ["stats", "--json"],
        ["trace", "Alexandr Wang", "--json"],
        ["trace", "Allen Zhang", "--json"],
        ["path", "Musical.ly", "Doubao", "--json"],
        ["export", "--format", "json"],
    ],
)
def test_cli_output_is_identical_on_both_stores(cli_env, command, tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["--neo4j", cli_env, "load", "article"]).exit_code == 0
    assert runner.invoke(cli, ["load", "article"]).exit_code == 0
    on_neo4j = runner.invoke(cli, ["--neo4j", cli_env, *command])
    embedded = runner.invoke(cli, command)
    assert on_neo4j.exit_code == embedded.exit_code == 0
    assert on_neo4j.stdout == embedded.stdout


def test_unreachable_server_is_one_line(neo4j_server):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = CliRunner().invoke(cli, ["--neo4j", f"bolt://127.0.0.1:{port}", "stats"])
    assert result.exit_code == 1
    assert (
        result.output
        == f"Error: cannot reach Neo4j at bolt://127.0.0.1:{port} (connection refused) — is it running? see README 'Neo4j'\n"
    )


def test_wrong_password_is_one_line_and_never_shown(neo4j_server, monkeypatch):
    secret = "wrong-Pa55word-xyz"
    monkeypatch.setenv("NEO4J_PASSWORD", secret)
    result = CliRunner().invoke(cli, ["--neo4j", neo4j_server.uri, "stats"])
    assert result.exit_code == 1
    assert (
        result.output
        == f"Error: Neo4j at {neo4j_server.uri} refused the credentials — check NEO4J_USERNAME and NEO4J_PASSWORD\n"
    )
    uri_with_secret = neo4j_server.uri.replace("bolt://", f"bolt://neo4j:{secret}@")
    result = CliRunner().invoke(cli, ["--debug", "--neo4j", uri_with_secret, "stats"])
    assert secret not in result.output and secret not in repr(result.exception)


def test_unknown_database_is_one_line(neo4j_server, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    monkeypatch.setenv("NEO4J_DATABASE", "nosuchdb")
    result = CliRunner().invoke(cli, ["--neo4j", neo4j_server.uri, "stats"])
    assert result.exit_code == 1
    assert (
        result.output
        == f"Error: Neo4j at {neo4j_server.uri} has no database 'nosuchdb' — set NEO4J_DATABASE to one that exists (SHOW DATABASES lists them)\n"
    )


def test_a_server_older_than_neo4j_5_is_refused():
    """Only the version check is exercised here: no Neo4j 4 server can run on this machine."""

    class Records:
        records = [{"version": "4.4.30"}]

    class OldServer:
        def verify_connectivity(self):
            pass

        def execute_query(self, *args, **kwargs):
            return Records()

    with pytest.raises(StoreError) as info:
        Neo4jStore(OldServer(), uri="bolt://old:7687")._check_server()
    assert str(info.value) == "Neo4j at bolt://old:7687 is version 4.4.30; talentgraph needs Neo4j 5 or newer"


def test_batches_are_unwind_statements_not_one_per_row(neo4j_store, monkeypatch):
    calls = []
    real_commit = neo4j_store._commit
    monkeypatch.setattr(neo4j_store, "_commit", lambda group: (calls.append(group), real_commit(group)))
    _, batch = read_source("article")
    neo4j_store.write(batch.nodes, batch.relationships)
    statements = [query for group in calls for query, _ in group]
    assert len(calls) == 1  # the article fits one transaction
    assert len(statements) <= len(Label) + len(RelType)
    assert all(query.startswith("UNWIND $rows AS row") for query in statements)


def test_a_failure_inside_the_edit_transaction_rolls_every_edit_back(neo4j_store, monkeypatch):
    store = neo4j_store
    store.write(
        [
            Node("bob", Label.PERSON, {"name": "Bob", **PROV}),
            Node("ada", Label.PERSON, {"name": "Ada", **PROV}),
            Node("anthropic", Label.ORGANIZATION, {"name": "Anthropic", **PROV}),
        ]
    )
    before = graph_to_node_link(store.to_networkx())
    # the relationship is put after the deletion: break that statement on the server side
    monkeypatch.setitem(REL_PUT, RelType.WORKED_AT, "UNWIND $rows AS row RETURN 1/0")
    edits = GraphEdits(
        delete_nodes={"bob": Label.PERSON},
        put_relationships=[Relationship(RelType.WORKED_AT, "ada", "anthropic", dict(PROV), "2021")],
    )
    with pytest.raises(Exception, match="/ by zero"):
        store.apply_edits(edits)
    assert graph_to_node_link(store.to_networkx()) == before
