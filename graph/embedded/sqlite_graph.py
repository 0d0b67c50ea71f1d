"""A networkx ``MultiDiGraph`` that reads the SQLite store lazily: the catalogue's twins
run on it unchanged and fetch only the rows they touch.

networkx keeps a graph in three mappings — ``_node`` (id -> attributes), ``_succ`` and
``_pred`` (id -> neighbour -> edge key -> attributes) — and reaches them only through
``[]``, ``in``, ``len``, iteration and ``items()``. ``LazyGraph`` puts mappings there
that answer from the database: ``G.nodes[n]`` is one indexed row, ``G._succ[n]`` one
index range over ``rels(src, type, ...)``; each answer is kept for the life of the view.
Anything that walks the whole graph (iterating nodes or edges, as flows or disputes
do) reads every row once, in two queries, and from then on the view is an ordinary
in-memory graph. After many single look-ups (a wide search) the view also reads
everything at once, which is cheaper than thousands more seeks.

Views of it (``subgraph``, ``to_undirected(as_view=True)``, ``reverse``) work as on
any ``MultiDiGraph``; ``copy()`` gives a plain in-memory ``MultiDiGraph``. The view is
read-only: edit the store (``write``, ``apply_edits``), not the graph.

>>> from talentgraph.graph.embedded.sqlite_store import SqliteStore
>>> from talentgraph.graph.model import Label, Node
>>> store = SqliteStore.in_memory()
>>> _ = store.write([Node("meta", Label.ORGANIZATION, {"name": "Meta", "source_ids": ["s"], "locators": ["p"]})])
>>> g = store.to_networkx(); "meta" in g, g.nodes["meta"]["name"], len(g)
(True, 'Meta', 1)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..errors import StoreError
from .nx_bulk import gc_paused

if TYPE_CHECKING:
    from .sqlite_store import SqliteStore

__all__ = ["LazyGraph"]

# single adjacency fetches before the view reads the whole graph at once
WHOLE_GRAPH_AFTER = 20_000

Attrs = dict[str, Any]
Adjacency = dict[str, dict[str, Attrs]]


class _Rows:
    """What the three mappings share: the store, the caches, and whether all is read."""

    def __init__(self, store: SqliteStore):
        self.store = store
        self.forget()

    def forget(self) -> None:
        self.nodes: dict[Any, Attrs] = {}
        self.missing: set[Any] = set()
        self.succ: dict[str, Adjacency] = {}
        self.pred: dict[str, Adjacency] = {}
        self.complete = False
        self.fetches = 0
        self._counts: tuple[int, int] | None = None

    def counts(self) -> tuple[int, int]:
        if self._counts is None:
            self._counts = (self.store.count("nodes"), self.store.count("relationships"))
        return self._counts

    def attrs(self, node_id: Any) -> Attrs:
        try:
            return self.nodes[node_id]
        except KeyError:
            pass
        if self.complete or node_id in self.missing:
            raise KeyError(node_id)
        attrs = self.store.node_attrs(node_id)
        if attrs is None:
            self.missing.add(node_id)
            raise KeyError(node_id)
        self.nodes[node_id] = attrs
        return attrs

    def adjacency(self, node_id: Any, outgoing: bool) -> Adjacency:
        cache = self.succ if outgoing else self.pred
        try:
            return cache[node_id]
        except KeyError:
            pass
        self.attrs(node_id)  # KeyError for a node that is not there, as networkx raises
        if self.complete:
            return cache.setdefault(node_id, {})
        self.fetches += 1
        if self.fetches > WHOLE_GRAPH_AFTER:
            self.read_everything()
            return cache[node_id]
        adjacency = cache[node_id] = self.store.adjacency(node_id, outgoing)
        return adjacency

    def read_everything(self) -> None:
        """Every node and relationship, in two queries; cached attribute dicts are kept."""
        if self.complete:
            return
        with gc_paused():  # a million small dicts and no cycles: the collector would rescan them again and again
            self._read_everything()

    def _read_everything(self) -> None:
        by_nid: dict[int, str] = {}
        nodes: dict[Any, Attrs] = {}
        for nid, node_id, attrs in self.store.all_nodes():
            by_nid[nid] = node_id
            nodes[node_id] = self.nodes.get(node_id, attrs)
        succ: dict[str, Adjacency] = {n: {} for n in nodes}
        pred: dict[str, Adjacency] = {n: {} for n in nodes}
        for src, dst, key, attrs in self.store.all_rels():
            start, end = by_nid[src], by_nid[dst]
            keyed = succ[start].get(end)
            if keyed is None:
                # one key dict shared by both directions, as MultiDiGraph.add_edge leaves it
                keyed = succ[start][end] = pred[end][start] = {}
            keyed[key] = attrs
        self.nodes, self.succ, self.pred, self.complete = nodes, succ, pred, True
        self.missing.clear()


class _KeyedByNode(Mapping):
    """A mapping whose keys are the store's node ids: membership and size come from the
    rows, without reading every node."""

    _rows: _Rows

    def __contains__(self, node_id: object) -> bool:
        try:
            self._rows.attrs(node_id)
        except KeyError:
            return False
        return True

    def __len__(self) -> int:
        return len(self._rows.nodes) if self._rows.complete else self._rows.counts()[0]


class _NodeMap(_KeyedByNode):
    def __init__(self, rows: _Rows):
        self._rows = rows

    def __getitem__(self, node_id: Any) -> Attrs:
        return self._rows.attrs(node_id)

    def __iter__(self) -> Iterator[Any]:
        self._rows.read_everything()
        return iter(self._rows.nodes)

    def items(self):
        self._rows.read_everything()
        return self._rows.nodes.items()

    def values(self):
        self._rows.read_everything()
        return self._rows.nodes.values()

    def keys(self):
        self._rows.read_everything()
        return self._rows.nodes.keys()

    def __setitem__(self, key: Any, value: Any) -> None:
        _read_only()


class _AdjacencyMap(_KeyedByNode):
    def __init__(self, rows: _Rows, outgoing: bool):
        self._rows, self._outgoing = rows, outgoing

    def _all(self) -> dict[str, Adjacency]:
        self._rows.read_everything()
        return self._rows.succ if self._outgoing else self._rows.pred

    def __getitem__(self, node_id: Any) -> Adjacency:
        return self._rows.adjacency(node_id, self._outgoing)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._all())

    def items(self):
        return self._all().items()

    def values(self):
        return self._all().values()

    def keys(self):
        return self._all().keys()

    def __setitem__(self, key: Any, value: Any) -> None:
        _read_only()


def _read_only() -> None:
    raise StoreError(
        "the store's graph view is read-only — change the store with write() or apply_edits(), "
        "or edit a copy (graph.copy())"
    )


class LazyGraph(nx.MultiDiGraph):
    """A ``MultiDiGraph`` over a ``SqliteStore``; ``LazyGraph()`` alone is an ordinary
    empty ``MultiDiGraph`` (networkx builds views and copies that way)."""

    def __init__(self, store: SqliteStore | None = None, **attr: Any):
        super().__init__(**attr)
        self._rows: _Rows | None = None
        if store is not None:
            rows = self._rows = _Rows(store)
            self._node = _NodeMap(rows)
            self._succ = self._adj = _AdjacencyMap(rows, True)
            self._pred = _AdjacencyMap(rows, False)

    def forget(self) -> None:
        """Drop everything read so far (the store changed)."""
        if self._rows is not None:
            self._rows.forget()
            getattr(self, "__networkx_cache__", {}).clear()

    def read_everything(self) -> None:
        """Read the whole graph now (whole-graph queries do this on first iteration anyway)."""
        if self._rows is not None:
            self._rows.read_everything()

    def number_of_edges(self, u: Any = None, v: Any = None) -> int:
        if u is None and self._rows is not None and not self._rows.complete:
            return self._rows.counts()[1]
        return super().number_of_edges(u, v)

    def size(self, weight: Any = None) -> int | float:
        if weight is None and self._rows is not None and not self._rows.complete:
            return self._rows.counts()[1]
        return super().size(weight)

    def copy(self, as_view: bool = False) -> nx.MultiDiGraph:
        if as_view:
            return nx.graphviews.generic_graph_view(self)
        graph = nx.MultiDiGraph()
        graph.graph.update(self.graph)
        graph.add_nodes_from((n, dict(d)) for n, d in self._node.items())
        graph.add_edges_from(
            (u, v, key, dict(data))
            for u, nbrs in self._succ.items()
            for v, keyed in nbrs.items()
            for key, data in keyed.items()
        )
        return graph
