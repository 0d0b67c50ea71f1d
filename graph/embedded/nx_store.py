"""The embedded store's front door, and the in-memory networkx store.

``EmbeddedStore()`` is a talent graph in a networkx ``MultiDiGraph`` in memory (tests,
examples, the built-in article when there is no store yet). ``EmbeddedStore.open(path)``
and ``EmbeddedStore.writing(path)`` open the store file: an SQLite file
(``sqlite_store.SqliteStore``, the default since store format 2) — new stores are
always SQLite, whatever the file is called. A store in the old format, one JSON file
(format 1), is still read and written here as before (atomic temp-file saves under an
``flock``); ``graph.db`` missing next to an old ``graph.json`` is converted on first
use (see ``migration``), keeping the JSON file.

>>> store = EmbeddedStore()
>>> store.write([Node("meta", Label.ORGANIZATION, {"name": "Meta", "source_ids": ["s"], "locators": ["p1"]})])
WriteSummary(nodes_created=1, nodes_updated=0, relationships_created=0, relationships_updated=0)
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic_files import write_bytes_atomic, write_text_atomic
from ..errors import StoreError, StoreLockedError
from ..graph_store import StoreCapabilities, WriteSummary
from ..model import Label, Node, Relationship, RelType, check_batch, edge_key, merge_props
from .nx_bulk import add_new_edges, add_new_nodes, gc_paused

if TYPE_CHECKING:
    import networkx as nx

    from ..graph_edits import GraphEdits

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "EmbeddedStore",
    "WriteSummary",
    "default_store_path",
    "is_json_store",
    "read_store",
    "store_exists",
    "write_store",
    "write_text_atomic",
]

FORMAT = "talentgraph-store"
FORMAT_VERSION = 1
LOCK_TIMEOUT_S = 30.0


def default_store_path() -> Path:
    """``$TALENTGRAPH_STORE``, else ``$XDG_DATA_HOME/talentgraph/graph.db``
    (``~/.local/share/talentgraph/graph.db``)."""
    if env := os.environ.get("TALENTGRAPH_STORE"):
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "talentgraph" / "graph.db"


def is_json_store(path: Path) -> bool:
    """True when ``path`` holds a store in the old JSON format (it starts with ``{``).

    An SQLite file is recognised through SQLite itself, never by reading it here: closing
    any file descriptor of a database drops every POSIX lock this process holds on it,
    including those of open connections (see SQLite's "How To Corrupt" notes).
    """
    if not path.exists() or _is_sqlite(path):
        return False
    try:
        with open(path, "rb") as fh:
            return fh.read(64).lstrip()[:1] == b"{"
    except OSError:
        return False


def _is_sqlite(path: Path) -> bool:
    import sqlite3

    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1")
        return True
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def store_exists(path: str | os.PathLike) -> bool:
    """True when ``path`` holds a store, or an old ``.json`` store waits beside it to be converted."""
    path = Path(path)
    return path.exists() or _legacy_beside(path) is not None


def _legacy_beside(path: Path) -> Path | None:
    if path.exists() or path.suffix != ".db":
        return None
    legacy = path.with_suffix(".json")
    return legacy if is_json_store(legacy) else None


def _sqlite_path(path: Path) -> bool:
    """Convert an old store beside ``path`` if there is one; True unless ``path`` itself is an old JSON store."""
    if (legacy := _legacy_beside(path)) is not None:
        from .migration import migrate_json_store

        migrate_json_store(legacy, path)
    return not (path.exists() and is_json_store(path))


class EmbeddedStore:
    """A talent graph held in memory, optionally tied to a file.

    ``EmbeddedStore.open(path)`` reads a snapshot; ``EmbeddedStore.writing(path)`` is a
    context manager that locks the file, yields the current graph and saves it
    atomically when the block ends without an exception.
    """

    capabilities = StoreCapabilities(supports_cypher=False)

    def __init__(self, graph: nx.MultiDiGraph | None = None, path: Path | None = None):
        if graph is None:
            import networkx as nx  # here, not at import: reading an SQLite store's counts needs no networkx

            graph = nx.MultiDiGraph()
        self.graph = graph
        self.path = path

    # -- opening and saving -------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike) -> Any:
        """A read snapshot of the store at ``path`` (a missing file is an error): a
        ``SqliteStore``, or for an old JSON store an ``EmbeddedStore`` holding its graph."""
        path = Path(path)
        if _sqlite_path(path):
            from .sqlite_store import SqliteStore

            return SqliteStore.open(path)
        return cls(read_store(path), path)

    @classmethod
    @contextlib.contextmanager
    def writing(
        cls, path: str | os.PathLike, timeout: float = LOCK_TIMEOUT_S, on_wait: Callable[[str], None] | None = None
    ) -> Iterator[Any]:
        """The store at ``path`` (created when missing) for the length of the block, saved
        when it ends without an exception: one SQLite transaction (see ``SqliteStore.writing``;
        ``on_wait`` hears once that another writer holds the store), or for an old JSON store
        its graph under a lock, saved atomically."""
        path = Path(path)
        if _sqlite_path(path):
            from .sqlite_store import SqliteStore

            with SqliteStore.writing(path, timeout, on_wait) as indexed:
                yield indexed
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the store folder {path.parent} ({exc.strerror}) — choose another --store"
            ) from None
        with _exclusive_lock(path, timeout):
            store = cls(read_store(path) if path.exists() else None, path)
            yield store
            write_store(store.graph, path)

    def save(self, path: str | os.PathLike | None = None) -> Path:
        """Save atomically to ``path`` (default: where it was opened from)."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise StoreError("this store has no file — pass a path to save()")
        with _exclusive_lock(target, LOCK_TIMEOUT_S):
            write_store(self.graph, target)
        return target

    # -- writing ------------------------------------------------------------------

    def write(self, nodes: Iterable[Node] = (), relationships: Iterable[Relationship] = ()) -> WriteSummary:
        """Merge nodes and relationships into the graph, all or nothing.

        The whole batch is checked first — property types, provenance, endpoints and
        their labels — so a bad record leaves the graph untouched. Writing the same
        batch twice changes nothing the second time.
        """
        nodes, relationships = list(nodes), list(relationships)
        g = self.graph
        # into a graph without edges (a first load) every relationship is new: no lookup
        # (stops at the first node with an out-edge)
        had_edges = any(g._succ.values())
        labels = check_batch(nodes, relationships, lambda i: g.nodes[i]["label"] if i in g else None)
        updated = rel_updated = 0
        # new records are collected and added in bulk; a record repeated in the batch
        # merges into the pending one exactly as it would into a stored one
        new_nodes: dict[str, dict[str, Any]] = {}
        stored_nodes = g._node  # id -> attrs; a plain dict lookup per node, not a NodeView
        for node in nodes:
            attrs = stored_nodes.get(node.id)
            stored = attrs is not None
            if not stored:
                attrs = new_nodes.get(node.id)
            if attrs is None:
                new_nodes[node.id] = _clean({"label": node.label._value_, **node.props})
                continue
            old = {k: v for k, v in attrs.items() if k != "label"}
            attrs.clear()
            attrs.update(label=labels[node.id], **merge_props(old, node.props))
            updated += stored
        add_new_nodes(g, new_nodes)
        new_edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        for rel in relationships:
            rel_type = rel.type._value_
            key = f"{rel_type}|{rel.key}"  # edge_key(), inlined: once per relationship
            stored = had_edges and g.has_edge(rel.start, rel.end, key)
            attrs = g.adj[rel.start][rel.end][key] if stored else new_edges.get((rel.start, rel.end, key))
            if attrs is None:
                # "key" is both networkx's edge key argument and our property: pass a dict, not keywords
                data = {"type": rel_type, "key": rel.key, **rel.props}
                # _clean's test inlined: a million-row load calls nothing per relationship here
                new_edges[(rel.start, rel.end, key)] = data if None not in data.values() else _clean(data)
                continue
            old = {k: v for k, v in attrs.items() if k not in ("type", "key")}
            attrs.clear()
            attrs.update(type=rel_type, key=rel.key, **merge_props(old, rel.props))
            rel_updated += stored
        add_new_edges(g, new_edges)
        created, rel_created = len(new_nodes), len(new_edges)
        return WriteSummary(created, updated, rel_created, rel_updated)

    def apply_edits(self, edits: GraphEdits) -> None:
        """Apply a plan of deletions and exact replacements (see ``graph_edits``) to the graph."""
        from ..graph_edits import apply_to_graph  # graph_edits builds on this module

        apply_to_graph(self.graph, edits)

    # -- reading ------------------------------------------------------------------

    def node(self, node_id: str) -> Node | None:
        if node_id not in self.graph:
            return None
        return _node(node_id, self.graph.nodes[node_id])

    def nodes(self, label: Label | None = None) -> Iterator[Node]:
        for node_id, attrs in self.graph.nodes(data=True):
            if label is None or attrs["label"] == label.value:
                yield _node(node_id, attrs)

    def relationships(self, rel_type: RelType | None = None) -> Iterator[Relationship]:
        for start, end, attrs in self.graph.edges(data=True):
            if rel_type is None or attrs["type"] == rel_type.value:
                yield _relationship(start, end, attrs)

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts by label and by relationship type, sorted by name."""
        nodes = Counter(attrs["label"] for _, attrs in self.graph.nodes(data=True))
        rels = Counter(attrs["type"] for _, _, attrs in self.graph.edges(data=True))
        return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}

    def source_counts(self) -> dict[str, int]:
        """How many nodes and relationships cite each source, sorted by source id."""
        counts: Counter = Counter()
        for _, attrs in self.graph.nodes(data=True):
            counts.update(set(attrs.get("source_ids", ())))
        for _, _, attrs in self.graph.edges(data=True):
            counts.update(set(attrs.get("source_ids", ())))
        return dict(sorted(counts.items()))

    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph itself (not a copy): node attribute ``label``, edge attributes ``type`` and ``key``."""
        return self.graph

    def close(self) -> None:
        """Nothing to release: the graph is in memory and a file is only open while saving."""


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """``props`` without None values (the same dict when it has none: the common case)."""
    if None not in props.values():
        return props
    return {k: v for k, v in props.items() if v is not None}


def _node(node_id: str, attrs: dict[str, Any]) -> Node:
    return Node(node_id, Label(attrs["label"]), {k: v for k, v in attrs.items() if k != "label"})


def _relationship(start: str, end: str, attrs: dict[str, Any]) -> Relationship:
    props = {k: v for k, v in attrs.items() if k not in ("type", "key")}
    return Relationship(RelType(attrs["type"]), start, end, props, attrs.get("key", ""))


# -- the file format ---------------------------------------------------------------


def graph_to_document(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The store document: rows rather than objects, so it parses fast."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "nodes": [
            [node_id, attrs["label"], {k: v for k, v in sorted(attrs.items()) if k != "label"}]
            for node_id, attrs in sorted(graph.nodes(data=True))
        ],
        "relationships": [
            [
                attrs["type"],
                start,
                end,
                attrs.get("key", ""),
                {k: v for k, v in sorted(attrs.items()) if k not in ("type", "key")},
            ]
            for start, end, attrs in sorted(
                graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"], e[2].get("key", ""))
            )
        ],
    }


def graph_from_document(doc: Any, where: str = "store") -> nx.MultiDiGraph:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise StoreError(f"{where} is not a talentgraph store — move it away or point --store elsewhere")
    version = doc.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise StoreError(
            f"{where} was written by a newer talentgraph (store format {version}, this one reads "
            f"up to {FORMAT_VERSION}) — upgrade talentgraph: pip install -U talentgraph"
        )
    import networkx as nx

    graph = nx.MultiDiGraph()
    try:
        graph.add_nodes_from((node_id, {"label": label, **props}) for node_id, label, props in doc["nodes"])
        graph.add_edges_from(
            (start, end, edge_key(rel_type, key), {"type": rel_type, "key": key, **props})
            for rel_type, start, end, key, props in doc["relationships"]
        )
    except (KeyError, TypeError, ValueError):
        raise StoreError(
            f"{where} is damaged (unexpected row layout) — restore it from a backup or reload its sources"
        ) from None
    return graph


def read_store(path: Path) -> nx.MultiDiGraph:
    """Parse the store file at ``path`` into a ``MultiDiGraph``."""
    try:
        # parsing builds millions of small objects and no cycles: without the pause the
        # cyclic collector rescans them over and over (7x slower at 100k relationships)
        with open(path, "rb") as fh, gc_paused():
            doc = json.load(fh)
    except FileNotFoundError:
        raise StoreError(f"no store at {path} — run `talentgraph load article` first, or pass --store") from None
    except OSError as exc:
        raise StoreError(f"cannot read the store {path} ({exc.strerror}) — check its permissions") from None
    except (ValueError, UnicodeDecodeError):
        raise StoreError(
            f"store {path} is not valid JSON (corrupt or truncated) — move it away and reload your sources"
        ) from None
    with gc_paused():
        return graph_from_document(doc, f"store {path}")


def write_store(graph: nx.MultiDiGraph, path: Path) -> None:
    """Write the store document atomically."""
    with gc_paused():
        payload = json.dumps(graph_to_document(graph), ensure_ascii=False, separators=(",", ":")).encode()
    write_bytes_atomic(path, payload)


@contextlib.contextmanager
def _exclusive_lock(path: Path, timeout: float) -> Iterator[None]:
    lock_path = path.with_name(path.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(
            f"cannot create the lock file {lock_path} ({exc.strerror}) — check the folder's permissions"
        ) from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() >= deadline:
                    raise StoreLockedError(
                        f"store {path} is being written by another talentgraph process (waited {timeout:.0f}s) — "
                        "run the command again when that one has finished (an flock is released when its "
                        "holder exits, so it is never stale)"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)
