"""Converting a store in the old JSON format (format 1) into an SQLite store.

The JSON file is read whole (as every command used to), written into a new SQLite file
beside the target in one transaction, and the new file is renamed into place: a
conversion stopped at any moment leaves no half-made store, and the JSON file is never
changed or removed.

>>> import tempfile, pathlib
>>> from talentgraph.graph.embedded.nx_store import EmbeddedStore, write_store
>>> folder = pathlib.Path(tempfile.mkdtemp()); old = EmbeddedStore()
>>> write_store(old.graph, folder / "graph.json")
>>> migrate_json_store(folder / "graph.json").name
'graph.db'
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ..errors import StoreError
from .nx_store import _node, _relationship, read_store
from .sqlite_store import SqliteStore

__all__ = ["migrate_json_store"]


def migrate_json_store(json_path: str | os.PathLike, db_path: str | os.PathLike | None = None) -> Path:
    """Write the JSON store at ``json_path`` into a new SQLite store at ``db_path``
    (default: the same name ending ``.db``); returns ``db_path``. ``json_path`` is kept."""
    json_path = Path(json_path)
    target = Path(db_path) if db_path is not None else json_path.with_suffix(".db")
    if target.exists():
        raise StoreError(f"{target} already exists — the store was converted already; use --store {target}")
    graph = read_store(json_path)
    partial = target.with_name(f".{target.name}.converting")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()  # our own file from a conversion that was stopped: never the user's data
    with SqliteStore.writing(partial) as store:
        store.write(
            (_node(n, a) for n, a in graph.nodes(data=True)),
            (_relationship(u, v, a) for u, v, a in graph.edges(data=True)),
        )
    os.replace(partial, target)
    return target
