"""export: every format carries the whole graph — replayed into Neo4j, read back, or checked file by file."""

from __future__ import annotations

import csv
import io
import json
import os
import re

import pytest
from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore, ExportError, Label, Node, Relationship, RelType
from talentgraph.graph.export.cypher_script import cypher_literal, graph_to_cypher
from talentgraph.graph.export.graphml import graph_from_graphml, graph_to_graphml
from talentgraph.graph.export.neo4j_admin import import_command, write_neo4j_admin
from talentgraph.graph.export.node_link import graph_from_node_link, graph_to_node_link
from talentgraph.graph.neo4j.store import Neo4jStore

HOSTILE = [
    'O\'Brien "the" \\ back`tick`',
    "'}) DETACH DELETE n //",
    "line one\nline two\r\ttab",
    "Zoë 張一鳴 Ünïcödé",
    "rocket 🚀 and 👩‍💻",
    "$rows {x} ;",
    "\\u0041 not an escape",
    "",
]
PROV = {"source_ids": ["test"], "locators": ["test#1"]}


def hostile_graph():
    store = EmbeddedStore()
    weird_keys = {"odd key": HOSTILE[0], "back`tick": HOSTILE[1], "ünï": HOSTILE[3], "🚀": HOSTILE[4], "1st": 7}
    store.write(
        [
            Node("p1", Label.PERSON, {"name": HOSTILE[0], "aliases": HOSTILE, **weird_keys, **PROV}),
            Node("p2", Label.PERSON, {"name": HOSTILE[2], "aliases": [], "score": -1.5e-7, "big": 2**62, **PROV}),
            Node(
                "o1",
                Label.ORGANIZATION,
                {"name": HOSTILE[1], "kind": "company", "founded": 2019, "public": False, **PROV},
            ),
        ],
        [
            Relationship(RelType.FOUNDED, "p1", "o1", {"evidence": HOSTILE[4], **PROV}),
            Relationship(RelType.WORKED_AT, "p2", "o1", {"role": HOSTILE[5], "from": 2020, **PROV}, key="first"),
            Relationship(RelType.WORKED_AT, "p2", "o1", {"role": HOSTILE[6], **PROV}, key="sec`ond 'stint'"),
        ],
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
    values = [
        HOSTILE,
        0,
        -(2**63),
        2**63 - 1,
        0.1,
        1e300,
        -0.0,
        True,
        [],
        {"a b": [1.5], "`": "x"},
        "\x00\x1f\x7f\u2028",
    ]
    for value in values:
        got = neo4j_driver.execute_query(
            f"RETURN {cypher_literal(value)} AS v", database_=neo4j_server.database
        ).records[0]["v"]
        assert got == value and type(got) is type(value)


def test_string_values_are_ascii_and_each_param_block_is_one_line():
    script = graph_to_cypher(hostile_graph())
    for line in script.splitlines():
        if line.startswith(":param"):
            assert re.fullmatch(r":param rows => \[.*\]", line)
    assert all(ch.isascii() for ch in "".join(re.findall(r"'(?:[^'\\]|\\.)*'", script)))


@pytest.mark.parametrize(
    "value, message",
    [
        (float("nan"), "has no Cypher literal"),
        (2**64, "does not fit a Neo4j integer"),
        ({"new\nline": 1}, "holds a control character"),
        (object(), "has no Cypher literal"),
    ],
)
def test_values_without_a_cypher_literal_are_refused(value, message):
    with pytest.raises(ExportError, match=message):
        cypher_literal(value)


# -- graphml ----------------------------------------------------------------------------


def test_graphml_round_trips_the_article_graph(article_graph):
    back = graph_from_graphml(graph_to_graphml(article_graph))
    assert graph_to_node_link(back) == graph_to_node_link(article_graph)


def test_graphml_round_trips_hostile_values_and_shows_lists_as_json(tmp_path):
    graph = hostile_graph()
    data = graph_to_graphml(graph)
    assert graph_to_node_link(graph_from_graphml(data)) == graph_to_node_link(graph)
    # another tool reading the file sees the list as a JSON string
    import networkx as nx

    plain = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert json.loads(plain.nodes["p1"]["aliases"]) == HOSTILE
    assert json.loads(plain.graph["json_node_keys"]) == ["aliases", "locators", "source_ids"]


# -- neo4j-admin ------------------------------------------------------------------------


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_neo4j_admin_files_have_typed_headers_and_every_row(article_graph, tmp_path):
    written = write_neo4j_admin(article_graph, tmp_path / "csv")
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(written.files)
    people = read_csv(tmp_path / "csv" / "nodes_Person.csv")
    assert people[0][:3] == ["id:ID", ":LABEL", "aliases:string[]"] and "source_ids:string[]" in people[0]
    deals = read_csv(tmp_path / "csv" / "nodes_Deal.csv")
    assert {"year:long", "amount_usd:long", "disputed_notes:string[]"} <= set(deals[0])
    moved = read_csv(tmp_path / "csv" / "relationships_MOVED.csv")
    assert moved[0][:4] == [":START_ID", ":END_ID", ":TYPE", "key:string"]
    node_rows = sum(len(read_csv(tmp_path / "csv" / f)) - 1 for f in written.files if f.startswith("nodes_"))
    rel_rows = sum(len(read_csv(tmp_path / "csv" / f)) - 1 for f in written.files if f.startswith("relationships_"))
    assert (node_rows, rel_rows) == (article_graph.number_of_nodes(), article_graph.number_of_edges())
    # a disputed note holds ';', so the export chose another delimiter and the command says so
    assert written.array_delimiter == "|"
    assert "--array-delimiter=U+007C" in import_command(tmp_path / "csv", written)


def test_neo4j_admin_cells_read_back_as_the_values(tmp_path):
    graph = hostile_graph()
    written = write_neo4j_admin(graph, tmp_path / "csv")
    people = read_csv(tmp_path / "csv" / "nodes_Person.csv")
    header = [h.rsplit(":", 1)[0] for h in people[0]]
    p1, p2 = (dict(zip(header, row, strict=False)) for row in people[1:])
    assert p1["name"] == HOSTILE[0] and p1["back`tick"] == HOSTILE[1] and p1["🚀"] == HOSTILE[4]
    assert p1["aliases"].split(written.array_delimiter) == HOSTILE
    assert p2["name"] == HOSTILE[2] and p2["big"] == str(2**62) and p2["score"] == "-1.5e-07"
    assert p2["aliases"] == ""  # neo4j-admin cannot import an empty array: the property is absent
    assert "big:long" in people[0] and "score:double" in people[0] and "1st:long" in people[0]


def test_neo4j_admin_refuses_a_folder_with_other_files_and_leaves_it_alone(article_graph, tmp_path):
    (tmp_path / "mine.txt").write_text("keep")
    with pytest.raises(ExportError, match=r"holds other files \(mine.txt\) — export into a new or empty folder"):
        write_neo4j_admin(article_graph, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["mine.txt"]


def test_neo4j_admin_replaces_an_earlier_export_whole(article_graph, tmp_path):
    write_neo4j_admin(hostile_graph(), tmp_path / "csv")
    write_neo4j_admin(article_graph, tmp_path / "csv")
    assert len(read_csv(tmp_path / "csv" / "nodes_Deal.csv")) > 1
    assert [p.name for p in tmp_path.iterdir()] == ["csv"]  # no staging folders left over


# -- the CLI ----------------------------------------------------------------------------


@pytest.fixture
def loaded():
    assert CliRunner().invoke(cli, ["load", "article"]).exit_code == 0
    store = EmbeddedStore.open(os.environ["TALENTGRAPH_STORE"])
    return store.graph


@pytest.mark.parametrize(
    "fmt, read", [("json", lambda b: graph_from_node_link(json.loads(b))), ("graphml", graph_from_graphml)]
)
def test_cli_exports_to_stdout_and_to_a_file(loaded, tmp_path, fmt, read):
    result = CliRunner().invoke(cli, ["export", "--format", fmt])
    assert result.exit_code == 0
    assert graph_to_node_link(read(result.stdout_bytes)) == graph_to_node_link(loaded)
    out = tmp_path / f"graph.{fmt}"
    result = CliRunner().invoke(cli, ["export", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0 and result.stderr == f"wrote {out}\n"
    assert out.read_bytes() == CliRunner().invoke(cli, ["export", "--format", fmt]).stdout_bytes


def test_cli_cypher_export_is_the_library_script(loaded, tmp_path):
    out = tmp_path / "graph.cypher"
    assert CliRunner().invoke(cli, ["export", "--format", "cypher", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == graph_to_cypher(loaded)


def test_cli_neo4j_admin_writes_the_folder_and_prints_the_import_command(loaded, tmp_path):
    out = tmp_path / "csv"
    result = CliRunner().invoke(cli, ["export", "--format", "neo4j-admin", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    first, command = result.stderr.splitlines()
    assert first == f"wrote 14 CSV files to {out}; import them into a new or stopped database with:"
    assert command.startswith("neo4j-admin database import full ") and f"--nodes={out}/nodes_Person.csv" in command


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "neo4j-admin"], "--format neo4j-admin writes a folder of CSV files — name it with -o FOLDER"),
        (["--format", "cypher", "-o", "."], ". is a folder — --format cypher writes one file; give a file name"),
    ],
)
def test_cli_export_mistakes_are_one_line_errors(loaded, args, message):
    result = CliRunner().invoke(cli, ["export", *args])
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_graphml_refuses_characters_xml_cannot_carry():
    graph = hostile_graph()
    graph.nodes["p1"]["note"] = "bell \x07"
    with pytest.raises(ExportError, match=r"p1: property 'note' holds a control character XML cannot carry"):
        graph_to_graphml(graph)
