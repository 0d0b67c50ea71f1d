"""Edits planned on a copy and applied to a store (unload, resolve): the same graph on the
embedded store and on a real Neo4j server, through the library and through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore, Label, Node, Relationship, RelType, StoreError
from talentgraph.graph.export.node_link import graph_to_node_link
from talentgraph.graph.graph_edits import GraphEdits, apply_to_graph, diff_graphs
from talentgraph.graph.neo4j.edits import NODE_DELETE, REL_DELETE, REL_PUT, edit_statements
from talentgraph.graph.neo4j.store import NODE_MERGE, Neo4jStore

DATA = Path(__file__).parent / "data"
SHEET = str(DATA / "deal-sheet-meta-scale.yaml")
WIKIDATA = str(DATA / "wikidata" / "sparql-acquisitions.json")


def prov(source: str = "s", n: int = 1) -> dict:
    return {"source_ids": [source], "locators": [f"{source}#{n}"]}


def seed(store) -> None:
    store.write(
        [
            Node("openai", Label.ORGANIZATION, {"name": "OpenAI", "kind": "lab", **prov()}),
            Node("anthropic", Label.ORGANIZATION, {"name": "Anthropic", **prov()}),
            Node("ada", Label.PERSON, {"name": "Ada", "aliases": ["A. L."], **prov()}),
            Node("bob", Label.PERSON, {"name": "Bob", **prov()}),
        ],
        [
            Relationship(RelType.WORKED_AT, "ada", "openai", {"role": "Researcher", **prov()}, "2019"),
            Relationship(RelType.WORKED_AT, "bob", "openai", {"role": "Engineer", **prov()}, "2020"),
        ],
    )


def test_a_plan_gives_the_same_graph_on_every_store(store_factory):
    store = store_factory()
    seed(store)
    edits = GraphEdits(
        delete_nodes={"bob": Label.PERSON},
        delete_relationships=[("ada", "WORKED_AT", "openai", "2019")],
        # properties are replaced exactly: "kind" and the alias go, they are not merged
        put_nodes=[
            Node("openai", Label.ORGANIZATION, {"name": "OpenAI", **prov("t")}),
            Node("ada", Label.PERSON, {"name": "Ada Lovelace", **prov()}),
        ],
        put_relationships=[
            Relationship(RelType.WORKED_AT, "ada", "anthropic", {"role": "Researcher", **prov()}, "2021")
        ],
    )
    expected = EmbeddedStore()
    seed(expected)
    apply_to_graph(expected.graph, edits)
    store.apply_edits(edits)
    g = store.to_networkx()
    assert graph_to_node_link(g) == graph_to_node_link(expected.graph)
    assert "bob" not in g and "kind" not in g.nodes["openai"] and "aliases" not in g.nodes["ada"]
    assert [(u, v) for u, v in g.edges()] == [("ada", "anthropic")]


def test_diff_then_apply_reproduces_the_edited_copy(store_factory):
    store = store_factory()
    seed(store)
    before = store.to_networkx()
    after = before.copy()
    after.remove_node("bob")
    after.nodes["ada"]["name"] = "Ada Lovelace"
    after.add_edges_from([("ada", "anthropic", "WORKED_AT|2021", {"type": "WORKED_AT", "key": "2021", **prov()})])
    store.apply_edits(diff_graphs(before, after))
    assert graph_to_node_link(store.to_networkx()) == graph_to_node_link(after)
    assert not diff_graphs(after, store.to_networkx())


def test_a_relationship_to_a_missing_node_changes_nothing(store_factory):
    store = store_factory()
    seed(store)
    before = graph_to_node_link(store.to_networkx())
    edits = GraphEdits(
        delete_nodes={"anthropic": Label.ORGANIZATION},
        put_relationships=[Relationship(RelType.WORKED_AT, "ada", "anthropic", prov(), "2021")],
    )
    with pytest.raises(StoreError, match="nothing was changed — plan the edits again from the current graph"):
        store.apply_edits(edits)
    assert graph_to_node_link(store.to_networkx()) == before


def test_edit_statements_are_the_fixed_tables():
    edits = GraphEdits(
        delete_nodes={"bob": Label.PERSON},
        delete_relationships=[("ada", "WORKED_AT", "openai", "2019")],
        put_nodes=[Node("ada", Label.PERSON, {"name": "Ada", **prov()})],
        put_relationships=[Relationship(RelType.WORKED_AT, "ada", "anthropic", prov(), "2021")],
    )
    statements = edit_statements(edits)
    assert [query for query, _ in statements] == [
        REL_DELETE[RelType.WORKED_AT],
        NODE_DELETE[Label.PERSON],
        NODE_MERGE[Label.PERSON],
        REL_PUT[RelType.WORKED_AT],
    ]
    assert statements[1][1] == ["bob"]


# -- the CLI on Neo4j against the CLI on the embedded store ------------------------------


def _load_everything(runner: CliRunner, store: list[str]) -> None:
    for sources in ([SHEET], ["article", WIKIDATA, str(DATA / "aiwatch")]):
        result = runner.invoke(cli, [*store, "load", *sources])
        assert result.exit_code == 0, result.output


def _write_duplicate(store) -> None:
    """An OpenAI twin written around identity resolution, with one relationship that
    already exists on OpenAI (same key: merges) and one that does not (moves)."""
    store.write(
        [Node("openai-llc", Label.ORGANIZATION, {"name": "OpenAI LLC", "kind": "company", **prov("manual")})],
        [
            Relationship(
                RelType.WORKED_AT,
                "dario-amodei",
                "openai-llc",
                {"role": "Lead", **prov("manual", 2)},
                "2016-07|teamleadforaisafety",
            ),
            Relationship(RelType.WORKED_AT, "paul-christiano", "openai-llc", prov("manual", 3), "2030"),
        ],
    )


def test_cli_unload_and_resolve_on_neo4j_give_the_embedded_graph(cli_env, tmp_path):
    runner = CliRunner()
    neo4j, embedded = ["--neo4j", cli_env], ["--store", str(tmp_path / "g.json")]
    outputs = {}
    for name, store in (("neo4j", neo4j), ("embedded", embedded)):
        _load_everything(runner, store)
        steps = [
            runner.invoke(cli, [*store, "unload", source, "--json"])
            for source in ("test-deal-sheet", "sparql-acquisitions")
        ]
        if name == "neo4j":
            with Neo4jStore.connect(cli_env) as s:
                _write_duplicate(s)
        else:
            with EmbeddedStore.writing(tmp_path / "g.json") as s:
                _write_duplicate(s)
        steps.append(runner.invoke(cli, [*store, "resolve", "--json"]))
        assert [r.exit_code for r in steps] == [0, 0, 0], [r.output for r in steps]
        outputs[name] = [r.stdout for r in steps]
    assert outputs["neo4j"] == outputs["embedded"]
    assert '"merged",\n      "openai-llc",\n      "openai"' in outputs["neo4j"][-1]
    with Neo4jStore.connect(cli_env) as s:
        on_neo4j = s.to_networkx()
    assert graph_to_node_link(on_neo4j) == graph_to_node_link(EmbeddedStore.open(tmp_path / "g.json").graph)
    assert "openai-llc" not in on_neo4j and on_neo4j.has_edge("paul-christiano", "openai", "WORKED_AT|2030")
    assert "test-deal-sheet" not in on_neo4j.nodes["meta-scale-ai-2025"]["source_ids"]
    assert not any("sparql-acquisitions" in attrs["source_ids"] for _, attrs in on_neo4j.nodes(data=True))


@pytest.mark.parametrize(
    "command",
    [
        ["sources"],
        ["sources", "--json"],
        ["disputes"],
        ["disputes", "--field", "amount", "--json"],
        ["moves"],
        ["moves", "--json"],
        ["moves", "Paul Christiano"],
        ["moves", "OpenAI", "--json"],
    ],
)
def test_cli_source_commands_are_identical_on_both_stores(cli_env, command):
    runner = CliRunner()
    _load_everything(runner, ["--neo4j", cli_env])
    _load_everything(runner, [])
    on_neo4j = runner.invoke(cli, ["--neo4j", cli_env, *command])
    embedded = runner.invoke(cli, command)
    assert on_neo4j.exit_code == embedded.exit_code == 0, on_neo4j.output
    assert on_neo4j.stdout == embedded.stdout and embedded.stdout.strip() not in ("", "no moves", "no disputed facts")
