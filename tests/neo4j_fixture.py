"""Pytest plugin: a real Neo4j server for the tests that need one.

Wire it in from tests/conftest.py with ``pytest_plugins = ["neo4j_fixture"]``.

* ``neo4j_server`` (session): one server per test session, started from the cached jars
  (fetched with Maven the first time). With ``NEO4J_TEST_URI`` set (plus
  ``NEO4J_TEST_USER``/``NEO4J_TEST_PASSWORD``) an existing server is used instead. Only the
  TEST variables are honoured, never ``NEO4J_URI``: ``neo4j_driver`` wipes the database, and a
  developer's everyday server must not be wiped by running the tests.
* ``neo4j_driver`` (function): a driver on that server, with an empty database (no nodes,
  constraints or indexes) at the start of every test.
* ``cli_env`` (function): the URI to pass as ``talentgraph --neo4j URI``, with
  NEO4J_USERNAME/NEO4J_PASSWORD set for the CLI and the database emptied.

Without java or mvn the tests are skipped, except in CI (``CI=true``) where a skipped graph
test would hide a broken setup, so they fail instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pytest

from talentgraph.graph.neo4j import server as server_mod

IN_CI = os.environ.get("CI", "").lower() == "true"


@dataclass
class ExistingNeo4j:
    """A server this session did not start (``NEO4J_TEST_URI``); stop() leaves it running."""

    uri: str
    user: str
    password: str = field(repr=False)
    database: str = server_mod.DEFAULT_DATABASE

    def stop(self) -> None:
        pass


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"Neo4j server unavailable in CI: {reason}", pytrace=False)
    pytest.skip(
        f"{reason}. To run the Neo4j tests, install Java 17+ and Maven (apt-get install "
        "openjdk-17-jdk-headless maven) so they can start a local server, or point "
        "NEO4J_TEST_URI (with NEO4J_TEST_USER, NEO4J_TEST_PASSWORD) at a disposable server"
    )


@pytest.fixture(scope="session")
def neo4j_server():
    """The session's Neo4j server: ``.uri``, ``.user``, ``.password``, ``.database``."""
    uri = os.environ.get("NEO4J_TEST_URI")
    if uri:
        yield ExistingNeo4j(
            uri=uri,
            user=os.environ.get("NEO4J_TEST_USER", server_mod.DEFAULT_USER),
            password=os.environ.get("NEO4J_TEST_PASSWORD", server_mod.DEFAULT_PASSWORD),
            database=os.environ.get("NEO4J_TEST_DATABASE", server_mod.DEFAULT_DATABASE),
        )
        return
    missing = server_mod.missing_tools()
    if missing:
        _unavailable(f"{' and '.join(missing)} not found on PATH")
    # Java and Maven are here, so a failure to fetch or start is a real defect, not a
    # missing prerequisite: let Neo4jServerError fail the tests everywhere.
    server = server_mod.start_neo4j(password="talentgraph-test")
    try:
        yield server
    finally:
        server.stop()


def wipe_database(driver, database: str = server_mod.DEFAULT_DATABASE) -> None:
    """Delete every node, constraint and (non-lookup) index, so a test starts from empty."""
    # Batched so a test that loaded a large graph cannot blow the transaction memory limit;
    # IN TRANSACTIONS needs an auto-commit transaction, hence session.run, not execute_query.
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    for record in driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=database).records:
        driver.execute_query("DROP CONSTRAINT $name IF EXISTS", name=record["name"], database_=database)
    # The two LOOKUP indexes are Neo4j's own (label and relationship-type scans); keep them.
    indexes = driver.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name", database_=database
    ).records
    for record in indexes:
        driver.execute_query("DROP INDEX $name IF EXISTS", name=record["name"], database_=database)


@pytest.fixture
def neo4j_driver(neo4j_server):
    """A neo4j driver on an emptied database; closed after the test."""
    neo4j = pytest.importorskip("neo4j") if not IN_CI else __import__("neo4j")
    driver = neo4j.GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password))
    try:
        wipe_database(driver, neo4j_server.database)
        yield driver
    finally:
        driver.close()


@pytest.fixture
def cli_env(neo4j_server, neo4j_driver, monkeypatch):
    """The server's URI for ``talentgraph --neo4j URI``; the credentials are in the environment."""
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_server.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_server.database)
    return neo4j_server.uri
