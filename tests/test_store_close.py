"""Every store closes through the GraphStore protocol, and a CLI read leaves no store file open."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore
from talentgraph.graph.graph_store import GraphStore
from talentgraph.loaders import load_sources


def _open_handles(path: Path) -> list[str]:
    """The files of this process's open descriptors that are ``path`` or its -wal/-shm companions."""
    names = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(path)):
            names.append(target)
    return names


def test_each_embedded_store_is_a_graph_store_with_close(tmp_path):
    memory = EmbeddedStore()
    load_sources(memory, ["article"])
    memory.close()  # nothing to release: still readable
    assert isinstance(memory, GraphStore) and memory.stats()["nodes"]["Organization"] > 10
    path = tmp_path / "g.db"
    with EmbeddedStore.writing(path) as store:
        load_sources(store, ["article"])
    snapshot = EmbeddedStore.open(path)
    assert isinstance(snapshot, GraphStore) and _open_handles(path)
    snapshot.close()
    assert _open_handles(path) == []


def test_a_cli_read_closes_the_store_it_opened(tmp_path):
    path = tmp_path / "g.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", str(path), "load", "article"]).exit_code == 0
    result = runner.invoke(cli, ["--store", str(path), "stats"])
    assert result.exit_code == 0, result.output
    assert _open_handles(path) == []
