"""The stores every store-facing test runs against: the same test body on the embedded
store and on a real Neo4j server (see tests/neo4j_fixture.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from talentgraph.graph import EmbeddedStore

STORE_KINDS = ["embedded", "neo4j"]


@pytest.fixture(params=STORE_KINDS)
def store_factory(request, tmp_path) -> Iterator[Callable[[], object]]:
    """A function returning a fresh, empty store of the parametrised kind."""
    opened = []

    def make():
        if request.param == "embedded":
            return EmbeddedStore(path=tmp_path / "graph.json")
        from talentgraph.graph.neo4j.store import Neo4jStore

        server = request.getfixturevalue("neo4j_server")
        request.getfixturevalue("neo4j_driver")  # wipes the database
        store = Neo4jStore.connect(server.uri, server.user, server.password, server.database)
        store.ensure_schema()
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
