"""Helpers the tests import by name (``from helpers import ...``; pytest puts tests/ on the
path): the graphs the parity tests run on both stores, and loading them. Fixtures stay in
conftest.py; tests never import conftest itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from talentgraph.graph import EmbeddedStore
from talentgraph.graph.synthetic import synthetic_graph
from talentgraph.loaders import load_sources

__all__ = ["GRAPHS", "SYNTHETIC_SIZES", "Neo4jGraphs", "article_records", "embedded_store"]

SYNTHETIC_SIZES = dict(people=300, orgs=60, deals=150, seed=5)


def article_records():
    store = EmbeddedStore()
    load_sources(store, ["article"])
    return list(store.nodes()), list(store.relationships())


GRAPHS = {
    "article": article_records,
    "synthetic": lambda: synthetic_graph(**SYNTHETIC_SIZES),
}


def embedded_store(records_pair) -> EmbeddedStore:
    store = EmbeddedStore()
    store.write(*records_pair)
    return store


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
        if (
            self.loaded != name
            or sum(counts["nodes"].values()) != len({n.id for n in nodes})
            or sum(counts["relationships"].values()) != len({r.identity for r in rels})
        ):
            self.store.clear()
            self.store.ensure_schema()
            self.store.write(nodes, rels)
            self.loaded = name
        return self.store

    def dirty(self) -> None:
        self.loaded = None


def run_on_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """The CLI with stdout and stderr on a pseudo-terminal, as a user's shell runs it."""
    import pty

    main, secondary = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "talentgraph", *args], stdout=secondary, stderr=secondary, cwd=cwd)
    os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.close(main)
    return proc.wait(), output.decode("utf-8", "replace")
