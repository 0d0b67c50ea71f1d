"""The stores every store-facing test runs against. Today: the embedded store; the
Neo4j store joins the parameter list when it lands (same test bodies, both stores)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from talentgraph.graph import EmbeddedStore

STORE_KINDS = ["embedded"]


@pytest.fixture(params=STORE_KINDS)
def store_factory(request, tmp_path) -> Iterator[Callable[[], object]]:
    """A function returning a fresh, empty store of the parametrised kind."""

    def make():
        if request.param == "embedded":
            return EmbeddedStore(path=tmp_path / "graph.json")
        raise AssertionError(f"unknown store kind {request.param}")

    yield make
