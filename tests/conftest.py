"""Shared fixtures. Real components only: the embedded store is a real file on disk."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from talentgraph.graph import EmbeddedStore
from talentgraph.graph.synthetic import synthetic_graph
from talentgraph.loaders import load_sources

# Real services for the tests that need them (each skips with a reason outside CI).
pytest_plugins = ["neo4j_fixture", "browser_fixture", "store_fixture"]

IN_CI = os.environ.get("CI", "").lower() == "true"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path, monkeypatch):
    """No test touches the user's real store: TALENTGRAPH_STORE points into tmp_path."""
    monkeypatch.setenv("TALENTGRAPH_STORE", str(tmp_path / "store" / "graph.json"))
    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="session")
def article_graph():
    """The article loaded into an in-memory embedded store (read-only by convention)."""
    store = EmbeddedStore()
    load_sources(store, ["article"])
    return store.graph


@pytest.fixture
def shared_path():
    """A function: the path of a file under ../shared/ — the test skips without it,
    except in CI, where it fails."""

    def find(*parts: str) -> Path:
        path = SHARED.joinpath(*parts)
        if not path.exists():
            if IN_CI:
                pytest.fail(f"{path} is missing in CI")
            pytest.skip(f"{path} not available (development data in ../shared/)")
        return path

    return find


# -- the same graphs on both stores, for the catalogue's parity tests ----------------------

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


class Neo4jGraphs:
    """The session's Neo4j database, loaded with one named graph at a time. Other tests
    wipe the database between tests, so a load checks the counts, not only a flag."""

    def __init__(self, store, records):
        self.store = store
        self.records = records
        self.loaded: str | None = None

    def load(self, name: str):
        nodes, rels = self.records[name]
        counts = self.store.stats()
        if self.loaded != name or sum(counts["nodes"].values()) != len({n.id for n in nodes}) \
                or sum(counts["relationships"].values()) != len({r.identity for r in rels}):
            self.store.clear()
            self.store.ensure_schema()
            self.store.write(nodes, rels)
            self.loaded = name
        return self.store

    def dirty(self) -> None:
        self.loaded = None


@pytest.fixture(scope="session")
def neo4j_graphs(neo4j_server, records) -> Iterator[Neo4jGraphs]:
    from talentgraph.graph.neo4j.store import Neo4jStore

    store = Neo4jStore.connect(neo4j_server.uri, neo4j_server.user, neo4j_server.password, neo4j_server.database)
    yield Neo4jGraphs(store, records)
    store.close()
