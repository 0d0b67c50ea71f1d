"""The local Neo4j server is real: the official driver connects, writes, reads, and is refused
where it should be; the server stops cleanly and reopens its data folder."""

from __future__ import annotations

import socket
import uuid

import pytest

neo4j = pytest.importorskip("neo4j")
from neo4j.exceptions import AuthError, ClientError  # noqa: E402
from neo4j_fixture import wipe_database  # noqa: E402
from talentgraph.graph.neo4j import server as server_mod  # noqa: E402

pytestmark = pytest.mark.usefixtures("neo4j_server")


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_driver_writes_and_reads(neo4j_driver, neo4j_server):
    marker = str(uuid.uuid4())
    neo4j_driver.execute_query(
        "CREATE (:Person {name: $name})-[:FOUNDED]->(:Org {name: $org})",
        name=marker,
        org="Acme AI",
        database_=neo4j_server.database,
    )
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (p:Person {name: $name})-[:FOUNDED]->(o:Org) RETURN o.name AS org",
        name=marker,
        database_=neo4j_server.database,
    )
    assert [r["org"] for r in records] == ["Acme AI"]


def test_default_database_is_neo4j(neo4j_driver):
    # No database named: the server's default must be the one the project writes to.
    records, _, _ = neo4j_driver.execute_query("CALL db.info() YIELD name RETURN name")
    assert records[0]["name"] == "neo4j"


def test_wipe_leaves_an_empty_database(neo4j_driver, neo4j_server):
    db = neo4j_server.database
    neo4j_driver.execute_query(
        "CREATE CONSTRAINT person_name IF NOT EXISTS FOR (p:Person) REQUIRE p.name IS UNIQUE", database_=db
    )
    neo4j_driver.execute_query("CREATE INDEX org_name IF NOT EXISTS FOR (o:Org) ON (o.name)", database_=db)
    neo4j_driver.execute_query("CREATE (:Person {name: $name})", name="x", database_=db)
    wipe_database(neo4j_driver, db)
    assert neo4j_driver.execute_query("MATCH (n) RETURN count(n) AS c", database_=db).records[0]["c"] == 0
    assert neo4j_driver.execute_query("SHOW CONSTRAINTS", database_=db).records == []
    left = neo4j_driver.execute_query("SHOW INDEXES YIELD type RETURN collect(type) AS t", database_=db).records[0]["t"]
    assert set(left) <= {"LOOKUP"}


def test_wrong_password_is_refused(neo4j_server):
    # One failure only: Neo4j locks the user for a few seconds after repeated failures,
    # which would break the other tests sharing this server.
    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, "not-the-password")) as driver:
        with pytest.raises(AuthError):
            driver.verify_connectivity()


def test_unknown_database_is_an_error(neo4j_driver):
    with pytest.raises(ClientError) as raised:
        neo4j_driver.execute_query("RETURN 1", database_="no_such_database")
    assert raised.value.code == "Neo.ClientError.Database.DatabaseNotFound"


def test_server_object_keeps_password_out_of_repr(neo4j_server):
    assert neo4j_server.password not in repr(neo4j_server)


def test_stops_cleanly_and_reopens_its_data(tmp_path):
    # A server of its own: stopping the session's server would break the other tests.
    if server_mod.missing_tools():
        pytest.skip("java or mvn missing")
    data = tmp_path / "store"
    password = "lifecycle-pass"
    server = server_mod.start_neo4j(data_dir=data, password=password)
    try:
        port = server.port
        with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, password)) as driver:
            driver.execute_query("CREATE (:Org {name: $name})", name="Kept Ltd")
    finally:
        code = server.stop()
    assert code == 0
    assert not server.running
    assert not _port_open(port)
    assert (data / "logs" / "debug.log").exists()  # a given data folder is kept

    # Same folder, same password: the launcher must accept a password that is already set.
    with server_mod.start_neo4j(data_dir=data, password=password) as again:
        with neo4j.GraphDatabase.driver(again.uri, auth=(again.user, password)) as driver:
            records, _, _ = driver.execute_query("MATCH (o:Org) RETURN o.name AS name")
        assert [r["name"] for r in records] == ["Kept Ltd"]


def test_temporary_data_folder_is_removed_on_stop():
    if server_mod.missing_tools():
        pytest.skip("java or mvn missing")
    with server_mod.start_neo4j(password="temporary-pass") as server:
        data = server.data_dir
        assert data.exists()
    assert not data.exists()


def test_short_password_is_rejected_before_starting(tmp_path):
    with pytest.raises(server_mod.Neo4jServerError, match="at least 8"):
        server_mod.start_neo4j(data_dir=tmp_path, password="short")


def test_busy_port_fails_with_the_server_log(tmp_path):
    if server_mod.missing_tools():
        pytest.skip("java or mvn missing")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(server_mod.Neo4jServerError) as raised:
            server_mod.start_neo4j(data_dir=tmp_path, port=port, password="busy-port-pass")
    message = str(raised.value)
    assert "Neo4j did not start" in message
    assert "launcher.log" in message  # the tail of the log explains why


def test_load_csv_reads_file_urls_from_the_import_dir_only(tmp_path):
    if server_mod.missing_tools():
        pytest.skip("java or mvn missing")
    imports, outside = tmp_path / "import", tmp_path / "outside.csv"
    imports.mkdir()
    (imports / "people.csv").write_text("id,name\np1,Ada\n")
    outside.write_text("id,name\nsecret,Eve\n")
    query = "LOAD CSV WITH HEADERS FROM $url AS row RETURN row.name AS name"
    with server_mod.start_neo4j(password="import-dir-pass", import_dir=imports) as server:
        assert server.import_dir == imports
        with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
            rows = driver.execute_query(query, url="file:///people.csv").records
            assert [r["name"] for r in rows] == ["Ada"]
            # an absolute path is read relative to the import root, so the file outside is unreachable
            with pytest.raises(ClientError):
                driver.execute_query(query, url=f"file://{outside}")
