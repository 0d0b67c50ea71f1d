"""The embedded store on disk: one SQLite file (standard library ``sqlite3``, WAL mode).

Why SQLite: a well-kept embedded engine that gives what a command needs without a
service — indexed look-ups (a trace touches a few hundred rows of a million), and
transactions that do the safety work. A load, an unload or a resolve runs inside one
``EmbeddedStore.writing(path)`` block, which is one transaction: a process killed at
any moment leaves the old state or the new one. Writers take SQLite's write lock
(``BEGIN IMMEDIATE``) one at a time, and a waiting writer is told who holds it (the
``writer`` row: pid and start time); readers never block (WAL) and read one snapshot
for the life of the store object, so they never see half a load.

Properties are JSON written and read with ``orjson`` (the standard library's ``json``
takes twice as long per row, and a whole-graph query parses every row once).

Tables:

- ``nodes(nid, id, label, props, sources, locators)`` and ``rels(src, type, dst, key,
  props, sources, locators)`` — properties as JSON text, provenance and relationship
  types as small codes, endpoints as the integer ``nid`` (see ``sqlite_schema`` for why);
- ``rels`` is keyed by its identity ``(src, type, dst, key)``; indexes on
  ``rels(dst, type)``, ``nodes(label)`` and the ``wikidata_qid`` property;
- ``names(key, nid, lookup, match)`` — every id, name and alias folded with
  ``normalize_name`` (``lookup``: what ``resolve`` and ``trace "name"`` seek) and, for
  people and organizations, the identity-resolution keys (``match``: ``person_key`` /
  ``org_key``), so name look-ups and resolution are index seeks;
- ``counts(kind, name, n)`` — records per label, per relationship type and per source,
  kept up to date by every write, so ``stats`` and ``sources`` read a few rows;
- ``meta(key, value)`` — the format name and version; a file from a newer version is
  refused, one from format 2 is upgraded in place (``upgrade_store``).

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "graph.db"
>>> with SqliteStore.writing(path) as store:
...     _ = store.write([Node("meta", Label.ORGANIZATION, {"name": "Meta", "source_ids": ["s"], "locators": ["p1"]})])
>>> SqliteStore.open(path).stats()
{'nodes': {'Organization': 1}, 'relationships': {}}
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import AmbiguousNameError, NameNotFoundError, StoreError, StoreLockedError
from ..gc_pause import gc_paused
from ..graph_store import GraphSlice, StoreCapabilities, WriteSummary
from ..identity.names import NameIndex, normalize_name
from ..model import Label, Node, Relationship, RelType, check_batch, merge_props
from . import text_index
from .sqlite_schema import REL_INDEX, SCHEMA_VERSION, RowCodes, create_tables, upgrade_tables
from .sqlite_schema import dumps as _dumps
from .sqlite_schema import loads as _loads

if TYPE_CHECKING:
    import networkx as nx

    from ..graph_edits import GraphEdits
    from .sqlite_graph import LazyGraph

__all__ = ["FORMAT", "SCHEMA_VERSION", "SqliteStore", "upgrade_store"]

FORMAT = "talentgraph-store"
LOCK_TIMEOUT_S = 30.0
_POLL_S = 0.1
_BULK_ROWS = 10_000
_OPEN_TIMEOUT_S = 10.0  # how long opening waits on another connection's lock

_RESOLVED = frozenset({Label.PERSON.value, Label.ORGANIZATION.value})
PROVENANCE_COLUMNS = frozenset({"source_ids", "locators"})  # kept in columns of their own, not in the JSON


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    if None not in props.values():
        return props
    return {k: v for k, v in props.items() if v is not None}


def _name_rows(nid: int, node_id: str, label: str, props: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    """The ``names`` rows of one node: lookup keys of id, name and aliases; match keys for people and orgs."""
    from ..identity.resolution import name_key  # resolution builds on names.py, not on this module

    texts = [t for t in (props.get("name"), *props.get("aliases", ())) if isinstance(t, str) and t]
    rows: dict[str, list[int]] = {}
    for text in (node_id, *texts):
        if key := normalize_name(text):
            rows.setdefault(key, [0, 0])[0] = 1
    if label in _RESOLVED:
        for text in texts:
            if key := name_key(label, text):
                rows.setdefault(key, [0, 0])[1] = 1
    return [(key, nid, flags[0], flags[1]) for key, flags in rows.items()]


def _name_keys(nid: int, node_id: str, label: str, props: dict[str, Any]) -> list[tuple[str, int]]:
    """The ``names`` keys of a node as stored with ``props``: what to delete before it changes."""
    return [(key, nid) for key, *_ in _name_rows(nid, node_id, label, props)]


class SqliteStore:
    """A talent graph in one SQLite file. Open it with ``SqliteStore.open(path)`` (a read
    snapshot) or ``SqliteStore.writing(path)`` (one write transaction for the block)."""

    capabilities = StoreCapabilities(supports_cypher=False, indexed_names=True, sliced_reads=True)

    def __init__(self, conn: sqlite3.Connection, path: Path, writable: bool):
        self._conn = conn
        self.path = path
        self._writable = writable
        self._view: LazyGraph | None = None
        self._codes = RowCodes(conn)

    # -- opening ------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike) -> SqliteStore:
        """A read snapshot of the store at ``path`` (a missing file is an error)."""
        path = Path(path)
        if not path.exists():
            raise StoreError(f"no store at {path} — run `talentgraph load article` first, or pass --store")
        conn = _connect(path)
        try:
            conn.execute("BEGIN")
            version = _check_format(conn, path, create=False)  # the first read starts the snapshot
        except BaseException:
            conn.close()
            raise
        if version < SCHEMA_VERSION:  # an older file: upgraded once, by a short write of its own
            conn.close()
            upgrade_store(path)
            return cls.open(path)
        return cls(conn, path, writable=False)

    @classmethod
    @contextlib.contextmanager
    def writing(
        cls, path: str | os.PathLike, timeout: float = LOCK_TIMEOUT_S, on_wait: Callable[[str], None] | None = None
    ) -> Iterator[SqliteStore]:
        """One write transaction on ``path`` (created when missing): committed when the
        block ends without an exception, rolled back otherwise. Waits up to ``timeout``
        seconds for another writer, telling ``on_wait`` once who it is waiting for."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the store folder {path.parent} ({exc.strerror}) — choose another --store"
            ) from None
        created = not path.exists()
        try:
            conn = _connect(path)
        except StoreError:
            if created:
                _remove_new_store(path)  # sqlite3.connect may have made an empty file
            raise
        began = False  # this process holds the write lock (so a file it created is its own)
        try:
            try:
                _begin_write(conn, path, timeout, on_wait)
            except sqlite3.Error as exc:
                raise _write_error(exc, path) from None
            began = True
            store = cls(conn, path, writable=True)
            yield store
            conn.execute("DELETE FROM writer")
            conn.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            conn.close()
            # A first load that failed leaves no store behind. Without the lock, only a file
            # still empty is removed (a full disk at the first write): another writer may
            # have created the file meanwhile and be filling it.
            if created and (began or _is_empty(path)):
                _remove_new_store(path)
            if isinstance(exc, sqlite3.Error):
                raise _write_error(exc, path) from None
            raise
        finally:
            conn.close()

    def close(self) -> None:
        """Close the connection (a read snapshot ends here)."""
        self._conn.close()

    # -- reading ------------------------------------------------------------------

    def node(self, node_id: str) -> Node | None:
        row = self._conn.execute(
            "SELECT label, props, sources, locators FROM nodes WHERE id = ?", (node_id,)
        ).fetchone()
        return None if row is None else Node(node_id, Label(row[0]), self._codes.join(*row[1:]))

    def nodes(self, label: Label | None = None) -> Iterator[Node]:
        sql = "SELECT id, label, props, sources, locators FROM nodes"
        if label is None:
            cur = self._conn.execute(sql + " ORDER BY id")
        else:
            cur = self._conn.execute(sql + " WHERE label = ? ORDER BY id", (label.value,))
        join = self._codes.join
        for node_id, lab, props, sources, locators in cur:
            yield Node(node_id, Label(lab), join(props, sources, locators))

    def relationships(self, rel_type: RelType | None = None) -> Iterator[Relationship]:
        sql = (
            "SELECT s.id, d.id, r.type, r.key, r.props, r.sources, r.locators FROM rels r "
            "JOIN nodes s ON s.nid = r.src JOIN nodes d ON d.nid = r.dst"
        )
        if rel_type is None:
            cur = self._conn.execute(sql)
        else:
            cur = self._conn.execute(sql + " WHERE r.type = ?", (self._codes.known_type(rel_type.value),))
        names, join = self._codes.type_names(), self._codes.join
        for start, end, typ, key, props, sources, locators in cur:
            yield Relationship(RelType(names[typ]), start, end, join(props, sources, locators), key)

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts by label and by relationship type, sorted by name (maintained counters: no scan)."""
        rows = self._conn.execute(
            "SELECT kind, name, n FROM counts WHERE kind IN ('label', 'type') AND n > 0 ORDER BY name"
        ).fetchall()
        return {
            "nodes": {name: n for kind, name, n in rows if kind == "label"},
            "relationships": {name: n for kind, name, n in rows if kind == "type"},
        }

    def source_counts(self) -> dict[str, int]:
        """How many nodes and relationships cite each source, sorted by source id (maintained counters)."""
        rows = self._conn.execute("SELECT name, n FROM counts WHERE kind = 'source' AND n > 0 ORDER BY name")
        return dict(rows.fetchall())

    def count(self, what: str) -> int:
        """``"nodes"`` or ``"relationships"``: how many the store holds (from the counters)."""
        kind = "label" if what == "nodes" else "type"
        return self._conn.execute("SELECT COALESCE(SUM(n), 0) FROM counts WHERE kind = ?", (kind,)).fetchone()[0]

    def to_networkx(self) -> nx.MultiDiGraph:
        """A ``MultiDiGraph`` that reads from the file as it is used (see ``sqlite_graph``);
        the same object for the life of the store, up to date after every write."""
        if self._view is None:
            from .sqlite_graph import LazyGraph

            self._view = LazyGraph(self)
        return self._view

    @property
    def graph(self) -> nx.MultiDiGraph:
        return self.to_networkx()

    def graph_slice(self, part: GraphSlice) -> nx.MultiDiGraph:
        """The nodes and relationships ``part`` declares, in three indexed queries, as an
        ordinary ``MultiDiGraph`` (what ``flows``, ``deals_by_year`` and ``disputes`` read).

        With ``part.props``, SQLite's ``json_extract`` picks those properties out of each
        row, so no JSON is parsed in Python; the paths, labels and types are bound.

        >>> store = SqliteStore.in_memory(); _ = store.write([Node("meta", Label.ORGANIZATION,
        ...     {"name": "Meta", "country": "US", "source_ids": ["s"], "locators": ["p"]})])
        >>> dict(store.graph_slice(GraphSlice(("Organization",), props=("name",))).nodes(data=True))
        {'meta': {'label': 'Organization', 'name': 'Meta'}}
        """
        import networkx as nx

        where: list[str] = []
        bound: list[str] = []
        if part.labels:
            where.append(f"n.label IN ({', '.join('?' * len(part.labels))})")
            bound += part.labels
        if part.having:  # the LIKE skips most rows before any JSON is parsed
            where.append("n.props LIKE ? AND json_extract(n.props, ?) IS NOT NULL")
            bound += [f'%"{part.having}":%', f"$.{part.having}"]
        condition = " AND ".join(where) or "1"

        graph = nx.MultiDiGraph()
        nodes, succ, pred = graph._node, graph._succ, graph._pred
        out: dict[str, dict[str, dict[str, Any]]]
        by_nid: dict[int, str] = {}

        join, names = self._codes.join, self._codes.type_names()

        def add_nodes(fields: tuple[str, ...] | None, sql: str, params: list[Any]) -> None:
            if fields is not None and PROVENANCE_COLUMNS.intersection(fields):
                fields = None  # provenance is not in the JSON: read whole rows (no slice asks for it today)
            if fields is None:
                columns = "n.props, n.sources, n.locators"
            else:
                columns = ", ".join("json_extract(n.props, ?)" for _ in fields) or "NULL"
            rows = self._conn.execute(sql.format(columns=columns), [f"$.{name}" for name in fields or ()] + params)
            for nid, node_id, label, *values in rows:
                by_nid[nid] = node_id
                succ[node_id], pred[node_id] = {}, {}
                if fields is None:
                    nodes[node_id] = {"label": label, **join(*values)}
                else:
                    attrs = {"label": label}
                    for name, value in zip(fields, values, strict=False):  # no fields: one NULL column
                        if value is not None:
                            attrs[name] = value
                    nodes[node_id] = attrs

        with gc_paused():
            add_nodes(
                part.props,
                f"SELECT n.nid, n.id, n.label, {{columns}} FROM nodes n WHERE {condition} ORDER BY n.id",
                bound,
            )
            codes = [c for c in map(self._codes.known_type, part.rel_types) if c is not None]
            if not codes:
                return graph
            kinds = f"r.type IN ({', '.join('?' * len(codes))})"
            rels = self._conn.execute(
                f"SELECT r.src, r.dst, r.type, r.key, {'NULL, NULL, NULL' if part.props else 'r.props, r.sources, r.locators'}"
                f" FROM nodes n JOIN rels r ON r.src = n.nid WHERE {condition} AND {kinds} ORDER BY r.src",
                [*bound, *codes],
            ).fetchall()
            ends = sorted({rel[1] for rel in rels} - by_nid.keys())
            add_nodes(
                part.props if part.end_props is None else part.end_props,
                "SELECT n.nid, n.id, n.label, {columns} FROM nodes n "
                "WHERE n.nid IN (SELECT value FROM json_each(?)) ORDER BY n.id",
                [_dumps(ends)],
            )
            # with part.props, relationships of one type and key share one attribute dict
            shared: dict[tuple[int, str], tuple[str, dict[str, Any]]] = {}
            last: int | None = None
            start, out = "", {}  # the start node of the rows being read, and its adjacency
            for src, dst, typ, key, props, sources, locators in rels:
                if src != last:  # rows come by start node
                    last, start = src, by_nid[src]
                    out = succ[start]
                end = by_nid[dst]
                known = shared.get((typ, key))
                if known is None:
                    name = names[typ]
                    known = shared[typ, key] = (f"{name}|{key}", {"type": name, "key": key})
                edge_key, attrs = known
                if props is not None:
                    attrs = {**attrs, **join(props, sources, locators)}
                keyed = out.get(end)
                if keyed is None:  # one key dict shared by both directions, as MultiDiGraph.add_edge leaves it
                    keyed = out[end] = pred[end][start] = {}
                keyed[edge_key] = attrs
        return graph

    def select(self, sql: str, params: dict[str, Any] | tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """The rows of one read-only SQL statement on this store's snapshot (the SQL
        versions of whole-graph queries run through this; values are bound, never pasted).

        >>> SqliteStore.in_memory().select("SELECT COUNT(*) FROM nodes WHERE label = :label", {"label": "Deal"})
        [(0,)]
        """
        cursor = self._conn.cursor()
        try:
            cursor.execute("PRAGMA query_only = ON")
            return cursor.execute(sql, params).fetchall()
        finally:
            cursor.execute("PRAGMA query_only = OFF")

    # -- look-ups by name (index seeks) ---------------------------------------------

    def resolve_name(self, name: str) -> str:
        """The id of the one entity called ``name`` (an id, a name or an alias, any case).

        >>> store = SqliteStore.in_memory(); _ = store.write([Node("meta", Label.ORGANIZATION,
        ...     {"name": "Meta", "aliases": ["Facebook"], "source_ids": ["s"], "locators": ["p"]})])
        >>> store.resolve_name("facebook")
        'meta'
        """
        if self._conn.execute("SELECT 1 FROM nodes WHERE id = ?", (name,)).fetchone():
            return name
        ids = self.ids_named(normalize_name(name))
        if len(ids) == 1:
            return ids[0]
        if ids:
            raise AmbiguousNameError(name, ids)
        # the error path: suggestions need every name once (difflib over the keys)
        entries = (
            (i, p.get("name", i), p.get("aliases", []), lab)
            for i, lab, p in (
                (i, lab, _loads(p)) for i, lab, p in self._conn.execute("SELECT id, label, props FROM nodes")
            )
        )
        raise NameNotFoundError(name, NameIndex(entries).suggest(name))

    def ids_named(self, key: str) -> list[str]:
        """Ids whose id, name or alias folds to ``key`` (``normalize_name``), sorted."""
        rows = self._conn.execute(
            "SELECT n.id FROM names k JOIN nodes n ON n.nid = k.nid WHERE k.key = ? AND k.lookup = 1 ORDER BY n.id",
            (key,),
        )
        return [r[0] for r in rows]

    def ids_matching(self, label: str, key: str) -> set[str]:
        """Ids of ``label`` entities with a name or alias whose resolution key is ``key``."""
        rows = self._conn.execute(
            "SELECT n.id FROM names k JOIN nodes n ON n.nid = k.nid WHERE k.key = ? AND k.match = 1 AND n.label = ?",
            (key, label),
        )
        return {r[0] for r in rows}

    def id_with_external(self, prop: str, value: str) -> str | None:
        """The id of a node whose external id ``prop`` is ``value`` (``wikidata_qid`` is indexed)."""
        if prop != "wikidata_qid":
            return None
        row = self._conn.execute(
            "SELECT id FROM nodes WHERE json_extract(props, '$.wikidata_qid') = ? ORDER BY id LIMIT 1", (value,)
        ).fetchone()
        return row[0] if row else None

    # -- rows for the lazy graph ----------------------------------------------------

    def text_matches(self, words: list[str]) -> Any:
        """The records whose folded text holds every word (``text_index.matching_records``)."""
        return text_index.matching_records(self._conn, words, self._codes.join)

    def node_attrs(self, node_id: Any) -> dict[str, Any] | None:
        if not isinstance(node_id, str):
            return None
        row = self._conn.execute(
            "SELECT label, props, sources, locators FROM nodes WHERE id = ?", (node_id,)
        ).fetchone()
        return None if row is None else {"label": row[0], **self._codes.join(*row[1:])}

    def adjacency(self, node_id: str, outgoing: bool) -> dict[str, dict[str, dict[str, Any]]]:
        """``{neighbour: {"TYPE|key": attrs}}`` of the relationships leaving (or reaching) ``node_id``."""
        near, far = ("src", "dst") if outgoing else ("dst", "src")
        sql = (
            f"SELECT o.id, r.type, r.key, r.props, r.sources, r.locators FROM nodes n JOIN rels r "
            f"ON r.{near} = n.nid JOIN nodes o ON o.nid = r.{far} WHERE n.id = ?"
        )
        out: dict[str, dict[str, dict[str, Any]]] = {}
        names, join = self._codes.type_names(), self._codes.join
        for other, code, key, props, sources, locators in self._conn.execute(sql, (node_id,)):
            typ = names[code]
            attrs = {"type": typ, "key": key, **join(props, sources, locators)}
            out.setdefault(other, {})[f"{typ}|{key}"] = attrs
        return out

    def neighbour_types(self, node_ids: list[str], outgoing: bool) -> dict[str, dict[str, dict[str, dict[str, str]]]]:
        """``adjacency`` of several nodes at once, without the properties:
        ``{node: {neighbour: {"TYPE|key": {"type": TYPE}}}}`` (a node that is not stored
        maps to ``{}``). A path search walks thousands of relationships and needs only
        their ends and types: decoding each one's properties, one statement per node, was
        most of its cost."""
        near, far = ("src", "dst") if outgoing else ("dst", "src")
        sql = (
            f"SELECT n.id, o.id, r.type, r.key FROM nodes n JOIN rels r ON r.{near} = n.nid "
            f"JOIN nodes o ON o.nid = r.{far} WHERE n.id IN (SELECT value FROM json_each(?))"
        )
        out: dict[str, dict[str, dict[str, dict[str, str]]]] = {node: {} for node in node_ids}
        names = self._codes.type_names()
        for node, other, code, key in self._conn.execute(sql, (_dumps(node_ids),)):
            typ = names[code]
            out[node].setdefault(other, {})[f"{typ}|{key}"] = {"type": typ}
        return out

    def all_nodes(self) -> Iterator[tuple[int, str, dict[str, Any]]]:
        join = self._codes.join
        sql = "SELECT nid, id, label, props, sources, locators FROM nodes ORDER BY id"
        for nid, node_id, label, props, sources, locators in self._conn.execute(sql):
            yield nid, node_id, {"label": label, **join(props, sources, locators)}

    def all_rels(self) -> Iterator[tuple[int, int, str, dict[str, Any]]]:
        names, join = self._codes.type_names(), self._codes.join
        sql = "SELECT src, dst, type, key, props, sources, locators FROM rels"
        for src, dst, code, key, props, sources, locators in self._conn.execute(sql):
            typ = names[code]
            yield src, dst, f"{typ}|{key}", {"type": typ, "key": key, **join(props, sources, locators)}

    # -- writing ------------------------------------------------------------------

    def _require_writable(self) -> None:
        if not self._writable:
            raise StoreError(f"store {self.path} was opened for reading — write inside EmbeddedStore.writing(path)")

    def write(self, nodes: Iterable[Node] = (), relationships: Iterable[Relationship] = ()) -> WriteSummary:
        """Merge nodes and relationships in, all or nothing (see ``EmbeddedStore.write``)."""
        self._require_writable()
        nodes, relationships = list(nodes), list(relationships)
        conn, codes = self._conn, self._codes
        stored = _Rows(conn)
        empty = stored.empty
        if not empty:
            stored.prefetch({node.id for node in nodes}, {end for rel in relationships for end in (rel.start, rel.end)})
        labels = check_batch(nodes, relationships, stored.label)
        counts: Counter = Counter()
        # -- nodes: merged in memory, then written in bulk
        pending: dict[str, list[Any]] = {}  # id -> [nid or None (new), old props or None, props]
        updated = 0
        for node in nodes:
            entry = pending.get(node.id)
            if entry is None:
                row = None if empty else stored.node_row(node.id)
                if row is None:
                    pending[node.id] = [None, None, _clean(dict(node.props))]
                    continue
                old = codes.join(*row[1:])
                entry = pending[node.id] = [row[0], old, old]
            if entry[0] is not None:
                updated += 1
            entry[2] = _clean(merge_props(entry[2], node.props))
        next_nid = first_new = stored.max_nid() + 1
        inserts, changes, name_rows, old_names = [], [], [], []
        for node_id, entry in pending.items():
            nid, old, props = entry
            label = labels[node_id]
            if nid is None:
                nid = entry[0] = next_nid
                next_nid += 1
                inserts.append((nid, node_id, label, *codes.split(props)))
                counts["label", label] += 1
                _count_sources(counts, props, 1)
            elif props != old:
                changes.append((*codes.split(props), nid))
                _count_sources(counts, old, -1)
                _count_sources(counts, props, 1)
                old_names += _name_keys(nid, node_id, label, old)
            else:
                continue
            name_rows += _name_rows(nid, node_id, label, props)
        conn.executemany(
            "INSERT INTO nodes(nid, id, label, props, sources, locators) VALUES (?, ?, ?, ?, ?, ?)", inserts
        )
        conn.executemany("UPDATE nodes SET props = ?, sources = ?, locators = ? WHERE nid = ?", changes)
        conn.executemany("DELETE FROM names WHERE key = ? AND nid = ?", old_names)
        conn.executemany("INSERT OR IGNORE INTO names(key, nid, lookup, match) VALUES (?, ?, ?, ?)", name_rows)
        # -- relationships
        nid_of = {node_id: entry[0] for node_id, entry in pending.items()}
        had_rels = not empty and stored.has_rels()
        rel_pending: dict[tuple[int, int, int, str], list[Any]] = {}  # -> [stored?, old props, props]
        rel_updated = 0
        type_code = codes.type_code
        idents = []
        for rel in relationships:
            start = nid_of.get(rel.start)
            if start is None:
                start = nid_of[rel.start] = stored.nid(rel.start)
            end = nid_of.get(rel.end)
            if end is None:
                end = nid_of[rel.end] = stored.nid(rel.end)
            idents.append((start, type_code(rel.type._value_), end, rel.key))
        # a relationship with an end made by this write cannot be stored yet: not looked up
        stored_rels = stored.rel_rows({i for i in idents if i[0] < first_new and i[2] < first_new}) if had_rels else {}
        for rel, ident in zip(relationships, idents, strict=True):
            entry = rel_pending.get(ident)
            if entry is None:
                stored_rel = stored_rels.get(ident)
                if stored_rel is None:
                    props = rel.props
                    rel_pending[ident] = [False, None, props if None not in props.values() else _clean(props)]
                    continue
                old = codes.join(*stored_rel)
                entry = rel_pending[ident] = [True, old, old]
            if entry[0]:
                rel_updated += 1
            entry[2] = _clean(merge_props(entry[2], rel.props))
        rel_changes = []
        created = 0
        for ident, (was_stored, old, props) in rel_pending.items():
            if not was_stored:
                created += 1
            elif props != old:
                rel_changes.append((*codes.split(props), *ident))
                _count_sources(counts, old, -1)
                _count_sources(counts, props, 1)
        bulk = empty and created >= _BULK_ROWS
        type_names = codes.type_names()
        new_rels = ((ident, props) for ident, (was_stored, _, props) in rel_pending.items() if not was_stored)

        def rel_inserts() -> Iterator[tuple[Any, ...]]:
            # rows made as SQLite takes them: a million JSON strings are never held at once
            for ident, props in sorted(new_rels):  # in key order: each B-tree page is visited once
                counts["type", type_names[ident[1]]] += 1
                _count_sources(counts, props, 1)
                yield (*ident, *codes.split(props))

        if bulk:
            # into an empty store: rows in key order fill the table's pages densely, and the
            # index built once after them is denser and quicker than grown row by row
            conn.execute("DROP INDEX rels_in")
        conn.executemany(
            "INSERT INTO rels(src, type, dst, key, props, sources, locators) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rel_inserts(),
        )
        if bulk:
            create_tables(conn, REL_INDEX)
        conn.executemany(
            "UPDATE rels SET props = ?, sources = ?, locators = ? WHERE src = ? AND type = ? AND dst = ? AND key = ?",
            rel_changes,
        )
        text_index.after_write(
            conn,
            ((e[0], e[2]) for e in pending.values() if e[1] is None or e[2] != e[1]),
            ((i, old, props) for i, (_, old, props) in rel_pending.items() if text_index.has_text(old, props)),
            empty,
        )
        _add_counts(conn, counts)
        self._changed()
        return WriteSummary(len(inserts), updated, created, rel_updated)

    def apply_edits(self, edits: GraphEdits) -> None:
        """Apply a plan of deletions and exact replacements (see ``graph_edits``) inside
        this store's transaction."""
        self._require_writable()
        conn, stored, codes = self._conn, _Rows(self._conn), self._codes
        counts: Counter = Counter()
        put_ids = {n.id for n in edits.put_nodes}
        for rel in edits.put_relationships:
            for end in (rel.start, rel.end):
                if end not in put_ids and (end in edits.delete_nodes or stored.node_row(end) is None):
                    raise StoreError(
                        f"relationship {rel.start} -{rel.type.value}-> {rel.end} has no node {end!r}; "
                        "nothing was changed — plan the edits again from the current graph"
                    )
        for node_id in edits.delete_nodes:
            row = conn.execute(
                "SELECT nid, label, props, sources, locators FROM nodes WHERE id = ?", (node_id,)
            ).fetchone()
            if row is None:
                continue
            nid, label = row[:2]
            props = codes.join(*row[2:])
            counts["label", label] -= 1
            _count_sources(counts, props, -1)
            for typ, *rprops in conn.execute(
                "SELECT type, props, sources, locators FROM rels WHERE src = ? OR dst = ?", (nid, nid)
            ):
                counts["type", codes.type_names()[typ]] -= 1
                _count_sources(counts, codes.join(*rprops), -1)
            conn.execute("DELETE FROM rels WHERE src = ? OR dst = ?", (nid, nid))
            conn.executemany("DELETE FROM names WHERE key = ? AND nid = ?", _name_keys(nid, node_id, label, props))
            conn.execute("DELETE FROM nodes WHERE nid = ?", (nid,))
        for start, typ, end, key in edits.delete_relationships:
            code = codes.known_type(typ)
            ident = (stored.nid(start), -1 if code is None else code, stored.nid(end), key)
            row = stored.rel_row(ident)
            if row is not None:
                counts["type", typ] -= 1
                _count_sources(counts, codes.join(*row), -1)
                conn.execute("DELETE FROM rels WHERE src = ? AND type = ? AND dst = ? AND key = ?", ident)
        next_nid = stored.max_nid() + 1
        stored.forget_nids()
        for node in edits.put_nodes:
            props = _clean(dict(node.props))
            row = stored.node_row(node.id)
            if row is None:
                nid, next_nid = next_nid, next_nid + 1
                conn.execute(
                    "INSERT INTO nodes(nid, id, label, props, sources, locators) VALUES (?, ?, ?, ?, ?, ?)",
                    (nid, node.id, node.label.value, *codes.split(props)),
                )
                counts["label", node.label.value] += 1
            else:
                nid = row[0]
                old = codes.join(*row[1:])
                _count_sources(counts, old, -1)
                conn.execute(
                    "UPDATE nodes SET props = ?, sources = ?, locators = ? WHERE nid = ?", (*codes.split(props), nid)
                )
                # the node keeps its label (check_batch refuses a change)
                conn.executemany(
                    "DELETE FROM names WHERE key = ? AND nid = ?", _name_keys(nid, node.id, node.label.value, old)
                )
            _count_sources(counts, props, 1)
            conn.executemany(
                "INSERT OR IGNORE INTO names(key, nid, lookup, match) VALUES (?, ?, ?, ?)",
                _name_rows(nid, node.id, node.label.value, props),
            )
        stored.forget_nids()
        for rel in edits.put_relationships:
            props = _clean(dict(rel.props))
            ident = (stored.nid(rel.start), codes.type_code(rel.type.value), stored.nid(rel.end), rel.key)
            row = stored.rel_row(ident)
            if row is None:
                conn.execute(
                    "INSERT INTO rels(src, type, dst, key, props, sources, locators) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (*ident, *codes.split(props)),
                )
                counts["type", rel.type.value] += 1
            else:
                _count_sources(counts, codes.join(*row), -1)
                conn.execute(
                    "UPDATE rels SET props = ?, sources = ?, locators = ? "
                    "WHERE src = ? AND type = ? AND dst = ? AND key = ?",
                    (*codes.split(props), *ident),
                )
            _count_sources(counts, props, 1)
        text_index.after_edits(conn, put_ids, [(r.start, r.type.value, r.end, r.key) for r in edits.put_relationships])
        _add_counts(conn, counts)
        self._changed()

    def _changed(self) -> None:
        if self._view is not None:
            self._view.forget()

    # -- in memory, for tests and examples --------------------------------------------

    @classmethod
    def in_memory(cls) -> SqliteStore:
        """An empty writable store in memory (no file; gone when closed)."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        _check_format(conn, Path(":memory:"), create=True)
        return cls(conn, Path(":memory:"), writable=True)


class _Rows:
    """Look-ups a write needs, on the writer's connection.

    A batch's look-ups are read up front by ``prefetch`` and ``rel_rows``: the ids go into
    a temporary table joined against the store's keys, so a batch of 50,000 records costs
    a few statements, not one ``SELECT`` per record (which took a third of a positions
    load into a non-empty store). Without a prefetch (``apply_edits``), each look-up is a
    point query.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.empty = conn.execute("SELECT 1 FROM nodes LIMIT 1").fetchone() is None
        self._nids: dict[str, int] = {}
        self._rows: dict[str, tuple[int, str, str, int | None, str | None]] | None = None
        self._ends: dict[str, tuple[int, str]] = {}

    def prefetch(self, node_ids: set[str], end_ids: set[str]) -> None:
        """Read the stored rows of ``node_ids`` (nodes to merge) and the nid and label of
        ``end_ids`` (relationship ends); later look-ups of other ids answer 'not stored'."""
        conn = self.conn
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS batch_ids(id TEXT PRIMARY KEY) WITHOUT ROWID")
        conn.executemany("INSERT OR IGNORE INTO temp.batch_ids(id) VALUES (?)", ((i,) for i in node_ids))
        self._rows = {
            row[0]: row[1:]
            for row in conn.execute(
                "SELECT n.id, n.nid, n.label, n.props, n.sources, n.locators FROM temp.batch_ids b JOIN nodes n ON n.id = b.id"
            )
        }
        conn.execute("DELETE FROM temp.batch_ids")
        conn.executemany(
            "INSERT OR IGNORE INTO temp.batch_ids(id) VALUES (?)", ((i,) for i in end_ids if i not in self._rows)
        )
        self._ends = {
            node_id: (nid, label)
            for node_id, nid, label in conn.execute(
                "SELECT n.id, n.nid, n.label FROM temp.batch_ids b JOIN nodes n ON n.id = b.id"
            )
        }
        conn.execute("DELETE FROM temp.batch_ids")

    def label(self, node_id: str) -> str | None:
        if self.empty:
            return None
        if self._rows is not None:
            row = self._rows.get(node_id)
            if row is not None:
                return row[1]
            end = self._ends.get(node_id)
            return None if end is None else end[1]
        found = self.conn.execute("SELECT label FROM nodes WHERE id = ?", (node_id,)).fetchone()
        return found[0] if found else None

    def node_row(self, node_id: str) -> tuple[int, str, int | None, str | None] | None:
        """``(nid, props, sources, locators)`` of a stored node."""
        if self._rows is not None:
            row = self._rows.get(node_id)
            return None if row is None else (row[0], *row[2:])
        return self.conn.execute("SELECT nid, props, sources, locators FROM nodes WHERE id = ?", (node_id,)).fetchone()

    def nid(self, node_id: str) -> int:
        nid = self._nids.get(node_id)
        if nid is None:
            if self._rows is not None:
                row = self._rows.get(node_id) or self._ends.get(node_id)
                nid = self._nids[node_id] = row[0] if row else -1
                return nid
            found = self.conn.execute("SELECT nid FROM nodes WHERE id = ?", (node_id,)).fetchone()
            nid = self._nids[node_id] = found[0] if found else -1
        return nid

    def rel_rows(
        self, idents: set[tuple[int, int, int, str]]
    ) -> dict[tuple[int, int, int, str], tuple[str, int | None, str | None]]:
        """``identity -> (props, sources, locators)`` of those of ``idents`` that are stored."""
        if not idents:
            return {}
        conn = self.conn
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS batch_rels(src INTEGER, type INTEGER, dst INTEGER, key TEXT, "
            "PRIMARY KEY (src, type, dst, key)) WITHOUT ROWID"
        )
        conn.executemany("INSERT INTO temp.batch_rels(src, type, dst, key) VALUES (?, ?, ?, ?)", idents)
        found = {
            row[:4]: row[4:]
            for row in conn.execute(
                "SELECT r.src, r.type, r.dst, r.key, r.props, r.sources, r.locators FROM temp.batch_rels b "
                "JOIN rels r ON r.src = b.src AND r.type = b.type AND r.dst = b.dst AND r.key = b.key"
            )
        }
        conn.execute("DELETE FROM temp.batch_rels")
        return found

    def forget_nids(self) -> None:
        self._nids.clear()

    def max_nid(self) -> int:
        return self.conn.execute("SELECT COALESCE(MAX(nid), 0) FROM nodes").fetchone()[0]

    def has_rels(self) -> bool:
        return self.conn.execute("SELECT 1 FROM rels LIMIT 1").fetchone() is not None

    def rel_row(self, ident: tuple[int, int, int, str]) -> tuple[str, int | None, str | None] | None:
        """``(props, sources, locators)`` of a stored relationship."""
        return self.conn.execute(
            "SELECT props, sources, locators FROM rels WHERE src = ? AND type = ? AND dst = ? AND key = ?", ident
        ).fetchone()


def _count_sources(counts: Counter, props: dict[str, Any], sign: int) -> None:
    for source in set(props.get("source_ids", ())):
        counts["source", source] += sign


def _add_counts(conn: sqlite3.Connection, counts: Counter) -> None:
    conn.executemany(
        "INSERT INTO counts(kind, name, n) VALUES (?, ?, ?) ON CONFLICT(kind, name) DO UPDATE SET n = n + excluded.n",
        [(kind, name, n) for (kind, name), n in counts.items() if n],
    )
    conn.execute("DELETE FROM counts WHERE n <= 0")


# -- the file ------------------------------------------------------------------------


def _write_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """One line for an SQLite error during a write; the transaction was rolled back."""
    if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "disk is full" in str(exc):
        return StoreError(
            f"no space left on the device for the store {path} — free some space, then run it again "
            "(nothing was written)"
        )
    return StoreError(f"cannot write the store {path} ({exc}) — nothing was written; check the file and its folder")


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=_OPEN_TIMEOUT_S, check_same_thread=False)
        _wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL: a crash loses no committed state, only the last fsync
        conn.execute("PRAGMA cache_size = -131072")  # 128 MiB of page cache
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "disk is full" in str(exc):
            raise _write_error(exc, path) from None
        raise StoreError(
            f"cannot open the store {path} ({exc}) — check the file and its folder's permissions"
        ) from None
    return conn


def _wal(conn: sqlite3.Connection) -> None:
    """Put the file in WAL mode (stored in the file; readers never block a writer).

    Switching a new file to WAL takes a lock that SQLite's busy handler does not wait
    for: writers opening a new store at the same moment see "database is locked", so the
    switch is tried again until the connection's timeout. A file already in WAL mode is
    left alone (reading the mode takes no lock)."""
    deadline = time.monotonic() + _OPEN_TIMEOUT_S
    while conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return  # what the file answers (a file system without WAL support keeps its mode)
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() >= deadline:
                raise
            time.sleep(_POLL_S / 10)


def _check_format(conn: sqlite3.Connection, path: Path, create: bool) -> int:
    """Refuse a file that is not ours or is newer; create the tables in an empty file.
    Returns the file's format; with ``create`` (a writer), an older file is upgraded first."""
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        raise StoreError(
            f"{path} is not a talentgraph store (not a readable SQLite file) — move it away or point --store elsewhere"
        ) from None
    if not tables:
        if not create:
            raise StoreError(f"store {path} is empty (no tables) — run `talentgraph load article` to fill it")
        create_tables(conn)
        conn.executemany(
            "INSERT INTO meta(key, value) VALUES (?, ?)", [("format", FORMAT), ("version", str(SCHEMA_VERSION))]
        )
        return SCHEMA_VERSION
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall()) if "meta" in tables else {}
    if meta.get("format") != FORMAT:
        raise StoreError(
            f"{path} is not a talentgraph store (an SQLite file of something else) — "
            "move it away or point --store elsewhere"
        )
    version = int(meta.get("version", "0") or 0)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"store {path} was written by a newer talentgraph (store format {version}, this one reads "
            f"up to {SCHEMA_VERSION}) — upgrade talentgraph: pip install -U talentgraph"
        )
    if version < 2:
        raise StoreError(
            f"store {path} has no known store format (version {version}) — move it away or point --store elsewhere"
        )
    if create and version < SCHEMA_VERSION:
        upgrade_tables(conn, version)
        return SCHEMA_VERSION
    return version


def _begin_write(conn: sqlite3.Connection, path: Path, timeout: float, on_wait: Callable[[str], None] | None) -> None:
    """Take the write lock (``BEGIN IMMEDIATE``) and record who holds it; create the tables if new.

    The holder row is seen by other processes only once committed, so it is written
    and committed in a short first transaction, and the lock is taken again at once.
    """
    conn.execute("PRAGMA busy_timeout = 0")
    deadline = time.monotonic() + timeout
    told = [False]
    _acquire(conn, path, deadline, timeout, on_wait, told)
    try:
        _check_format(conn, path, create=True)
        conn.execute("INSERT OR REPLACE INTO writer(slot, pid, since) VALUES (1, ?, ?)", (os.getpid(), time.time()))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    _acquire(conn, path, deadline, timeout, on_wait, told)


def _acquire(
    conn: sqlite3.Connection,
    path: Path,
    deadline: float,
    timeout: float,
    on_wait: Callable[[str], None] | None,
    told: list[bool],
) -> None:
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise _write_error(exc, path) from None
        except sqlite3.DatabaseError:
            raise StoreError(
                f"{path} is not a talentgraph store (not a readable SQLite file) — "
                "move it away or point --store elsewhere"
            ) from None
        holder = _holder(conn)
        if time.monotonic() >= deadline:
            raise StoreLockedError(
                f"store {path} is still being written by another talentgraph process{holder} "
                f"after {timeout:.0f}s — wait for it to finish, then run the command again"
            )
        if not told[0] and on_wait is not None:
            on_wait(f"waiting for another writer{holder} on {path}")
            told[0] = True
        time.sleep(_POLL_S)


def upgrade_store(path: str | os.PathLike) -> int:
    """Upgrade the SQLite store at ``path`` to this version's format in place, in one write
    transaction, then compact the file; returns the format it had (already current: nothing
    is done). Opening an older store upgrades it the same way, once.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "graph.db"
    >>> with SqliteStore.writing(path) as store:
    ...     _ = store.write([Node("meta", Label.ORGANIZATION, {"name": "Meta", "source_ids": ["s"], "locators": ["p"]})])
    >>> upgrade_store(path) == SCHEMA_VERSION
    True
    """
    path = Path(path)
    if not path.exists():
        raise StoreError(f"no store at {path} — check the path, or pass --store")
    conn = _connect(path)
    try:
        version = _check_format(conn, path, create=False)
    finally:
        conn.close()
    if version >= SCHEMA_VERSION:
        return version
    try:
        with SqliteStore.writing(path):
            pass  # the writer's first transaction upgrades the tables (_check_format)
    except StoreError as exc:
        raise StoreError(
            f"store {path} is in store format {version} and must be upgraded to {SCHEMA_VERSION} ({exc}) — "
            "make the file writable, then run `talentgraph store migrate`"
        ) from None
    conn = _connect(path)
    with contextlib.suppress(sqlite3.Error):  # space the old tables held; a busy file keeps it for later writes
        conn.execute("VACUUM")
    conn.close()
    return version


def _is_empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return False


def _remove_new_store(path: Path) -> None:
    """Remove a store file this process created and nothing was committed to (schema only)."""
    for part in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(OSError):
            part.unlink()


def _holder(conn: sqlite3.Connection) -> str:
    try:
        row = conn.execute("SELECT pid, since FROM writer WHERE slot = 1").fetchone()
    except sqlite3.DatabaseError:
        return ""
    if row is None:
        return ""
    return f" (pid {row[0]}, since {time.strftime('%H:%M:%S', time.localtime(row[1]))})"
