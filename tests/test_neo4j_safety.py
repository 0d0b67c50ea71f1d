"""Nothing a Cypher query or a password can do to the machine: the bundled server's safe
defaults, the read-only `cypher` command's refusals and credentials kept out of every
message — against a real Neo4j server, through the CLI a user runs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import traceback

import pytest
from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph.neo4j import server as server_mod
from talentgraph.queries.cypher_guard import REFUSED_IN_READ_ONLY, refused_clauses

neo4j = pytest.importorskip("neo4j")

LOAD = "LOAD CSV FROM $url AS row RETURN row LIMIT 1"


def _started_here(neo4j_server) -> bool:
    return isinstance(neo4j_server, server_mod.Neo4jServer)


# -- the bundled server ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///proc/self/environ",  # the server's environment, once with the password in it
        "file:///../../../../../proc/self/environ",
        "file:///etc/passwd",
        "http://127.0.0.1:{port}/",  # the server itself: no URL of any host, loopback included
        "http://localhost:{port}/",
        "http://[::1]:{port}/",
        "https://example.com/deals.csv",
    ],
)
def test_load_csv_reaches_neither_files_nor_hosts(neo4j_server, neo4j_driver, url):
    if not _started_here(neo4j_server):
        pytest.skip("an existing server (NEO4J_TEST_URI) has its own settings")
    with pytest.raises(neo4j.exceptions.ClientError) as raised:
        neo4j_driver.execute_query(LOAD, url=url.format(port=neo4j_server.port))
    assert raised.value.code == "Neo.ClientError.Statement.ExternalResourceFailed"


def test_load_csv_reads_the_import_folder_inside_the_data_folder(neo4j_server, neo4j_driver):
    if not _started_here(neo4j_server):
        pytest.skip("an existing server (NEO4J_TEST_URI) has its own settings")
    assert neo4j_server.import_dir == neo4j_server.data_dir / "import"
    (neo4j_server.import_dir / "deals.csv").write_text("acquirer,target\nMeta,Scale AI\n")
    rows = neo4j_driver.execute_query(LOAD, url="file:///deals.csv").records
    assert rows[0]["row"] == ["acquirer", "target"]


def test_the_password_is_in_neither_the_process_list_nor_the_environment(neo4j_server):
    if not _started_here(neo4j_server):
        pytest.skip("an existing server (NEO4J_TEST_URI) was not started by this session")
    listing = subprocess.run(["ps", "-ww", "-eo", "pid,args"], capture_output=True, text=True, check=True).stdout
    assert str(neo4j_server.pid) in listing and "Launcher.java" in listing
    assert neo4j_server.password not in listing
    with open(f"/proc/{neo4j_server.pid}/environ", "rb") as handle:
        assert neo4j_server.password.encode() not in handle.read()


def test_start_refuses_a_password_on_the_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "talentgraph.graph.neo4j.server", "start", "--password", "seen-in-ps-1"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: --password would show the password to every user of this machine (in `ps`); "
        "set $TALENTGRAPH_NEO4J_PASSWORD or pass --password-stdin instead"
    ]


# -- read-only cypher ----------------------------------------------------------------------

REFUSED = [
    ("LOAD CSV FROM 'file:///proc/self/environ' AS row RETURN row", ["LOAD CSV"]),
    ("load csv with headers from 'http://127.0.0.1/x' as r return r", ["LOAD CSV"]),
    ("LOAD /* hidden */ CSV FROM 'file:///x' AS r RETURN r", ["LOAD CSV"]),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", ["TERMINATE TRANSACTIONS"]),
    ("SHOW TRANSACTIONS YIELD transactionId, currentQuery", ["SHOW TRANSACTIONS"]),
    ("CALL dbms.listConfig() YIELD name, value RETURN name, value", ["CALL dbms.*"]),
    ("CALL `dbms`.`security`.listUsers()", ["CALL dbms.*"]),
    ("CALL db.clearQueryCaches()", ["CALL db.clear*"]),
    ("MATCH (n) CALL { LOAD CSV FROM 'file:///a' AS r RETURN r } RETURN r", ["LOAD CSV"]),
]
ALLOWED = [
    "MATCH (d:Deal {note: 'LOAD CSV FROM file'}) RETURN d",  # inside a string
    "MATCH (d:Deal) // TERMINATE TRANSACTIONS\nRETURN d.name",  # inside a comment
    "MATCH (terminate:Deal) RETURN terminate.status AS show",  # identifiers named like keywords
    "MATCH (d:Deal) WHERE d.`LOAD CSV` IS NULL RETURN count(d) AS n",  # a property in backticks
    "CALL db.labels() YIELD label RETURN label",
    "CALL { MATCH (n) RETURN n } RETURN count(n) AS n",
    'RETURN "it\\"s LOAD CSV" AS text',  # an escaped quote does not end the string
]


@pytest.mark.parametrize(("text", "clauses"), REFUSED)
def test_read_only_cypher_refuses_what_reaches_past_the_graph(text, clauses):
    assert refused_clauses(text) == clauses


@pytest.mark.parametrize("text", ALLOWED)
def test_strings_comments_and_identifiers_are_not_clauses(text):
    assert refused_clauses(text) == []


def test_the_cli_refuses_in_one_line_listing_what_it_refuses(neo4j_server, cli_env, neo4j_driver):
    result = CliRunner().invoke(
        cli, ["--neo4j", cli_env, "cypher", "LOAD CSV FROM 'file:///proc/self/environ' AS r RETURN r"]
    )
    assert result.exit_code == 1
    assert result.output == (
        f"Error: read-only cypher refuses LOAD CSV — it refuses {REFUSED_IN_READ_ONLY}; pass --write if you mean it\n"
    )


def test_terminate_transactions_cannot_kill_another_clients_load(neo4j_server, cli_env, neo4j_driver):
    # A long transaction of another client stays alive through the read-only command.
    with neo4j_driver.session(database=neo4j_server.database) as session:
        tx = session.begin_transaction()
        tx.run("CREATE (:Marker {id: 'in-flight'})").consume()
        ids = [r["transactionId"] for r in neo4j_driver.execute_query("SHOW TRANSACTIONS YIELD transactionId").records]
        result = CliRunner().invoke(
            cli, ["--neo4j", cli_env, "cypher", "TERMINATE TRANSACTIONS $ids", "-p", "ids=" + json.dumps(ids)]
        )
        assert result.exit_code == 1 and "refuses TERMINATE TRANSACTIONS" in result.output
        tx.commit()
    count = neo4j_driver.execute_query("MATCH (m:Marker {id: 'in-flight'}) RETURN count(m) AS n").records[0]["n"]
    assert count == 1


def test_write_lets_the_user_take_responsibility(neo4j_server, cli_env, neo4j_driver):
    if not _started_here(neo4j_server):
        pytest.skip("an existing server (NEO4J_TEST_URI) has its own settings")
    (neo4j_server.import_dir / "one.csv").write_text("x\n1\n")
    result = CliRunner().invoke(
        cli, ["--neo4j", cli_env, "cypher", "--write", "LOAD CSV FROM 'file:///one.csv' AS r RETURN r[0] AS x"]
    )
    assert result.exit_code == 0, result.output
    assert "1" in result.output


# -- credentials -------------------------------------------------------------------------

HOSTILE_PASSWORDS = [
    "pa?ss-word-1",
    "pa@ss-word-2",
    "pa/ss-word-3",
    "pa#ss-word-4",
    "pa%ss-word-5",
    "pa%40ss-word",
    "pa ss word 6",
    "pässwörd-7-密码",
    "p:a:s:s-8-x",
    "end-with-at@",
    "@start-with-at",
    "pa+ss=w&rd;9",
    "pa\\ss'word\"10",
    "//double//slash",
    "%zz%-bad-escape",
]


@pytest.mark.parametrize("password", HOSTILE_PASSWORDS)
def test_no_message_shows_a_hostile_password(neo4j_server, password):
    # Another user than the tests': Neo4j locks a user out for a while after failed logins.
    host = neo4j_server.uri.split("//", 1)[1]
    for uri in (
        f"bolt://intruder:{password}@{host}",
        f"bolt:intruder:{password}@{host}",
        f"intruder:{password}@{host}",
    ):
        for debug in ([], ["--debug"]):
            result = CliRunner().invoke(cli, [*debug, "--neo4j", uri, "stats"])
            assert result.exit_code == 1, (uri, result.output)
            shown = result.output + "".join(traceback.format_exception(result.exception) if result.exception else [])
            # the whole password, and any piece of it a split at a URI delimiter would leak
            pieces = re.split(r"[@/?#:]", password)
            for piece in [password, *(p for p in pieces if len(p) >= 5)]:
                assert piece not in shown, (uri, shown)


def test_the_environment_password_is_not_shown_by_debug(neo4j_server, monkeypatch):
    monkeypatch.setenv("NEO4J_USERNAME", "intruder")
    monkeypatch.setenv("NEO4J_PASSWORD", "env/secret?#@-value")
    result = CliRunner().invoke(cli, ["--debug", "--neo4j", neo4j_server.uri, "stats"])
    assert result.exit_code == 1
    text = "".join(traceback.format_exception(result.exception))
    assert "env/secret" not in text and "env/secret" not in result.output


def test_the_bundled_server_runs_with_a_hostile_password(tmp_path):
    if server_mod.missing_tools():
        pytest.skip("java or mvn missing")
    password = "p@ss/w?rd#1 %41 ünï"
    env = {**os.environ}
    with server_mod.start_neo4j(password=password) as server:
        with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, password)) as driver:
            assert driver.execute_query("RETURN 1 AS one").records[0]["one"] == 1
    assert env == dict(os.environ)  # nothing leaked into this process's environment either


@pytest.mark.parametrize("password", HOSTILE_PASSWORDS)
def test_the_uri_parser_reads_any_password_back_and_redacts_all_of_it(password):
    from urllib.parse import quote

    from talentgraph.graph.neo4j.credentials import parse_neo4j_uri, redact_uri

    for uri in (f"bolt://neo4j:{password}@db.example:7687", f"bolt:neo4j:{password}@db.example:7687"):
        parts = parse_neo4j_uri(uri)
        if "%" not in password:  # typed as is; a '%' would be read as a percent-escape
            assert (parts.user, parts.password) == ("neo4j", password)
        assert parts.address.endswith("db.example:7687") and password not in parts.address
        shown = redact_uri(uri)
        assert shown.endswith("***@db.example:7687")
        assert all(piece not in shown for piece in re.split(r"[@/?#:]", password) if len(piece) >= 4)
    encoded = parse_neo4j_uri(f"neo4j+s://neo4j:{quote(password, safe='')}@db.example")
    assert encoded.password == password  # percent-encoded, every password reads back exactly
