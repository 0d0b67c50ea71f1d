"""Shared fixtures. Real components only: the embedded store is a real file on disk."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import GRAPHS, Neo4jGraphs, embedded_store
from talentgraph.graph import EmbeddedStore
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


class _NoPluginEntryPoints:
    """``importlib.metadata`` as the loader registry sees it, minus the loader plugins
    installed on this machine."""

    def __init__(self, real):
        self._real = real

    def entry_points(self, **selection):
        from talentgraph.loaders.registry import ENTRY_POINT_GROUP

        if selection.get("group") == ENTRY_POINT_GROUP:
            return self._real.EntryPoints(())
        return self._real.entry_points(**selection)

    def __getattr__(self, name):
        return getattr(self._real, name)


@pytest.fixture(autouse=True)
def _builtin_loaders_only(request, monkeypatch):
    """Loader plugins of the developer's machine stay out of the tests: the registry sees the
    built-ins only, unless the test is marked ``@pytest.mark.plugins``. Subprocesses do not
    read the user's site-packages (PYTHONNOUSERSITE); the plugin tests bring their own."""
    monkeypatch.setenv("PYTHONNOUSERSITE", "1")
    if request.node.get_closest_marker("plugins") is None:
        from talentgraph.loaders import registry

        monkeypatch.setattr(registry, "metadata", _NoPluginEntryPoints(registry.metadata))


@pytest.fixture(scope="session")
def article_graph():
    """The article loaded into an in-memory embedded store (read-only by convention)."""
    store = EmbeddedStore()
    load_sources(store, ["article"])
    return store.graph


@pytest.fixture(scope="module")
def article_store_file(tmp_path_factory) -> Path:
    """A store file with the article loaded by the CLI, as a user does; one per test module."""
    from click.testing import CliRunner
    from talentgraph.cli import cli

    path = tmp_path_factory.mktemp("store") / "graph.db"
    result = CliRunner().invoke(cli, ["--store", str(path), "load", "article"])
    assert result.exit_code == 0, result.output
    return path


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


# -- the same graphs on both stores, for the catalogue's parity tests (see helpers.py) -----


@pytest.fixture(scope="session")
def records() -> dict[str, tuple[list, list]]:
    return {name: make() for name, make in GRAPHS.items()}


@pytest.fixture
def article_store(records) -> EmbeddedStore:
    return embedded_store(records["article"])


@pytest.fixture(scope="session")
def neo4j_graphs(neo4j_server, records) -> Iterator[Neo4jGraphs]:
    from talentgraph.graph.neo4j.store import Neo4jStore

    store = Neo4jStore.connect(neo4j_server.uri, neo4j_server.user, neo4j_server.password, neo4j_server.database)
    yield Neo4jGraphs(store, records)
    store.close()
