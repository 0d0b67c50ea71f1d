"""export: every format carries the whole graph — replayed into Neo4j, read back, or checked file by file."""

from __future__ import annotations

import csv
import json
import re

import pytest
from click.testing import CliRunner

from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore, ExportError, Label, Node, Relationship, RelType
from talentgraph.graph.cypher_export import cypher_literal, graph_to_cypher
from talentgraph.graph.neo4j_store import Neo4jStore
from talentgraph.graph.node_link import graph_to_node_link

HOSTILE = ["O'Brien \"the\" \\ back`tick`", "'}) DETACH DELETE n //", "line one\nline two\r\ttab",
           "Zoë 張一鳴 Ünïcödé", "rocket 🚀 and 👩‍💻", "$rows {x} ;", "\\u0041 not an escape", ""]
PROV = {"source_ids": ["test"], "locators": ["test#1"]}


def hostile_graph():
    store = EmbeddedStore()
    weird_keys = {"odd key": HOSTILE[0], "back`tick": HOSTILE[1], "ünï": HOSTILE[3], "🚀": HOSTILE[4], "1st": 7}
    store.write(
        [Node("p1", Label.PERSON, {"name": HOSTILE[0], "aliases": HOSTILE, **weird_keys, **PROV}),
         Node("p2", Label.PERSON, {"name": HOSTILE[2], "aliases": [], "score": -1.5e-7, "big": 2**62, **PROV}),
         Node("o1", Label.ORGANIZATION, {"name": HOSTILE[1], "kind": "company", "founded": 2019, "public": False, **PROV})],
        [Relationship(RelType.FOUNDED, "p1", "o1", {"evidence": HOSTILE[4], **PROV}),
         Relationship(RelType.WORKED_AT, "p2", "o1", {"role": HOSTILE[5], "from": 2020, **PROV}, key="first"),
         Relationship(RelType.WORKED_AT, "p2", "o1", {"role": HOSTILE[6], **PROV}, key="sec`ond 'stint'")],
    )
    return store.graph


def replay(script: str, driver, database: str) -> None:
    """Run the script the way cypher-shell does: ``:param NAME => EXPR`` evaluates EXPR on
    the server, other text runs as statements separated by ';' with the params bound."""
    params: dict = {}
    pending = ""
    for line in script.splitlines():
        if not pending and (not line.strip() or line.startswith("//")):
            continue
        param = re.match(r":param (\w+) => (.*)\Z", line)
        if param and not pending:
            params[param[1]] = driver.execute_query(f"RETURN {param[2]} AS v", database_=database).records[0]["v"]
            continue
        assert not line.startswith(":"), f"unexpected cypher-shell command {line!r}"
        pending += line + "\n"
        if pending.rstrip().endswith(";"):
            driver.execute_query(pending.rstrip()[:-1], params, database_=database)
            pending = ""
    assert not pending.strip(), "script ends inside a statement"


@pytest.fixture
def neo4j_store(neo4j_server, neo4j_driver):
    store = Neo4jStore.connect(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    yield store
    store.close()


def test_the_cypher_script_rebuilds_the_article_graph(article_graph, neo4j_store, neo4j_driver, neo4j_server):
    replay(graph_to_cypher(article_graph, rows_per_param=7), neo4j_driver, neo4j_server.database)
    assert graph_to_node_link(neo4j_store.to_networkx()) == graph_to_node_link(article_graph)
    constraints = neo4j_driver.execute_query("SHOW CONSTRAINTS YIELD labelsOrTypes").records
    assert sorted(r["labelsOrTypes"][0] for r in constraints) == sorted(label.value for label in Label)


def test_hostile_names_and_property_keys_round_trip_exactly(neo4j_store, neo4j_driver, neo4j_server):
    graph = hostile_graph()
    script = graph_to_cypher(graph)
    assert "DETACH DELETE n //" not in script.replace("'}) DETACH", "")  # only ever inside a literal
    replay(script, neo4j_driver, neo4j_server.database)
    replay(script, neo4j_driver, neo4j_server.database)  # a second run changes nothing
    assert graph_to_node_link(neo4j_store.to_networkx()) == graph_to_node_link(graph)


def test_cypher_literals_read_back_as_the_same_values(neo4j_driver, neo4j_server):
    values = [HOSTILE, 0, -2**63, 2**63 - 1, 0.1, 1e300, -0.0, True, [], {"a b": [1.5], "`": "x"}, "\x00\x1f\x7f\u2028"]
    for value in values:
        got = neo4j_driver.execute_query(f"RETURN {cypher_literal(value)} AS v", database_=neo4j_server.database).records[0]["v"]
        assert got == value and type(got) is type(value)


def test_string_values_are_ascii_and_each_param_block_is_one_line():
    script = graph_to_cypher(hostile_graph())
    for line in script.splitlines():
        if line.startswith(":param"):
            assert re.fullmatch(r":param rows => \[.*\]", line)
    assert all(ch.isascii() for ch in "".join(re.findall(r"'(?:[^'\\]|\\.)*'", script)))


@pytest.mark.parametrize("value, message", [
    (float("nan"), "has no Cypher literal"), (2**64, "does not fit a Neo4j integer"),
    ({"new\nline": 1}, "holds a control character"), (object(), "has no Cypher literal")])
def test_values_without_a_cypher_literal_are_refused(value, message):
    with pytest.raises(ExportError, match=message):
        cypher_literal(value)
