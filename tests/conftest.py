"""Shared fixtures. Real components only: the embedded store is a real file on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
