"""Shared fixtures: the article graph and a seeded synthetic graph on the embedded store,
and the same graphs on a real Neo4j server.

Neo4j: ``TALENTGRAPH_TEST_NEO4J_URI`` (with ``..._USER``, ``..._PASSWORD``) points the
tests at a running server; otherwise they start one with
``talentgraph.graph.neo4j_server`` when that module and java/mvn are available. Without
either, Neo4j tests skip — except under CI=true, where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from talentgraph.graph import EmbeddedStore
from talentgraph.graph.synthetic import synthetic_graph
from talentgraph.loaders import load_sources

SYNTHETIC_SIZES = dict(people=300, orgs=60, deals=150, seed=5)


def article_records():
    store = EmbeddedStore()
    load_sources(store, ["article"])
    return list(store.nodes()), list(store.relationships())


GRAPHS = {
    "article": article_records,
    "synthetic": lambda: synthetic_graph(**SYNTHETIC_SIZES),
}


@pytest.fixture(scope="session")
def records() -> dict[str, tuple[list, list]]:
    return {name: make() for name, make in GRAPHS.items()}


def embedded_store(records_pair) -> EmbeddedStore:
    store = EmbeddedStore()
    store.write(*records_pair)
    return store


@pytest.fixture
def article_store(records) -> EmbeddedStore:
    return embedded_store(records["article"])


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"Neo4j is required under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def neo4j_credentials() -> Iterator[tuple[str, str, str]]:
    uri = os.environ.get("TALENTGRAPH_TEST_NEO4J_URI")
    if uri:
        yield (uri, os.environ.get("TALENTGRAPH_TEST_NEO4J_USER", "neo4j"),
               os.environ.get("TALENTGRAPH_TEST_NEO4J_PASSWORD", "talentgraph-dev"))
        return
    try:
        from talentgraph.graph.neo4j_server import missing_tools, start_neo4j
    except ImportError:
        _unavailable("no Neo4j: talentgraph.graph.neo4j_server is not on this branch and "
                     "TALENTGRAPH_TEST_NEO4J_URI is not set")
    if missing := missing_tools():
        _unavailable(f"no Neo4j: {', '.join(missing)} not on PATH and TALENTGRAPH_TEST_NEO4J_URI not set")
    with start_neo4j(password="catalogue-tests") as server:
        yield server.uri, server.user, server.password


class Neo4jGraphs:
    """One Neo4j database, loaded with one named graph at a time (reloaded on demand)."""

    def __init__(self, credentials, records):
        from bolt_store import BoltStore

        self.store = BoltStore(*credentials)
        self.records = records
        self.loaded: str | None = None

    def load(self, name: str):
        if self.loaded != name:
            self.store.clear()
            self.store.write(*self.records[name])
            self.loaded = name
        return self.store

    def dirty(self) -> None:
        self.loaded = None


@pytest.fixture(scope="session")
def neo4j_graphs(neo4j_credentials, records) -> Iterator[Neo4jGraphs]:
    graphs = Neo4jGraphs(neo4j_credentials, records)
    yield graphs
    graphs.store.close()
