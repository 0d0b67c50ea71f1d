"""The SQLite store's tables, how a record's properties become a row, and the upgrade of
an older file (store format 2) to this one.

Where the bytes went in format 2 (measured with the ``dbstat`` table on the synthetic
graph of 200k relationships: 57 MB against 39 MB for the old JSON file): the property
JSON of every row repeated ``"source_ids":["..."]`` and ``"locators":[...]`` (about 40
bytes of a 65-byte relationship row), a relationship was stored twice (the table and its
unique identity index), its type was text in the table and in both indexes, and an
index on ``names(nid)`` served only deletions. Format 3:

- ``rels`` is a ``WITHOUT ROWID`` table keyed by the relationship's identity
  ``(src, type, dst, key)``: one copy, and the key is the outgoing index;
- relationship types are small integer codes (``rel_types``);
- a record's ``source_ids`` list is stored once per distinct list (``source_lists``)
  and referred to by its code; its ``locators`` list sits in its own column, so the
  property JSON holds only the other properties (often just ``{}``);
- ``names`` rows of a node are deleted by their key, recomputed from the node's old
  properties, so ``names`` needs no second index.

>>> codes = RowCodes(sqlite3.connect(":memory:")); create_tables(codes.conn)
>>> row = codes.split({"name": "Meta", "source_ids": ["s"], "locators": ["p1"]})
>>> row
('{"name":"Meta"}', 1, '["p1"]')
>>> codes.join(*row)
{'name': 'Meta', 'source_ids': ['s'], 'locators': ['p1']}
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import orjson

__all__ = ["REL_INDEX", "SCHEMA", "SCHEMA_VERSION", "RowCodes", "create_tables", "dumps", "loads", "upgrade_tables"]

SCHEMA_VERSION = 3  # 1 was the JSON file (nx_store.py); 2 kept types and provenance inside each row

# Records: what format 2 stored differently (upgrade_tables rebuilds these)
_RECORD_TABLES = """
CREATE TABLE nodes(nid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, label TEXT NOT NULL, props TEXT NOT NULL,
                   sources INTEGER, locators TEXT);
CREATE INDEX nodes_label ON nodes(label);
CREATE INDEX nodes_wikidata ON nodes(json_extract(props, '$.wikidata_qid'))
    WHERE json_extract(props, '$.wikidata_qid') IS NOT NULL;
CREATE TABLE rels(src INTEGER NOT NULL, type INTEGER NOT NULL, dst INTEGER NOT NULL, key TEXT NOT NULL,
                  props TEXT NOT NULL, sources INTEGER, locators TEXT, PRIMARY KEY (src, type, dst, key)) WITHOUT ROWID;
CREATE INDEX rels_in ON rels(dst, type);
CREATE TABLE rel_types(code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE source_lists(code INTEGER PRIMARY KEY, ids TEXT NOT NULL UNIQUE);
"""

REL_INDEX = "CREATE INDEX rels_in ON rels(dst, type)"  # built after the rows of a bulk load

SCHEMA = (
    """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE names(key TEXT NOT NULL, nid INTEGER NOT NULL, lookup INTEGER NOT NULL, match INTEGER NOT NULL,
                   PRIMARY KEY (key, nid)) WITHOUT ROWID;
CREATE TABLE counts(kind TEXT NOT NULL, name TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (kind, name)) WITHOUT ROWID;
CREATE TABLE writer(slot INTEGER PRIMARY KEY CHECK (slot = 1), pid INTEGER NOT NULL, since REAL NOT NULL);
"""
    + _RECORD_TABLES
)

_json_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
loads = orjson.loads  # twice as fast as json.loads on property rows: most of reading a whole graph


def dumps(value: Any) -> str:
    """Compact JSON text of ``value`` (``orjson``; the standard library for what it cannot write)."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:  # an int beyond 64 bits: the standard library writes it
        return _json_dumps(value)


def create_tables(conn: sqlite3.Connection, sql: str = SCHEMA) -> None:
    """Create the tables of ``sql`` (maybe inside an open transaction: executescript would commit it)."""
    for statement in sql.split(";"):
        if statement.strip():
            conn.execute(statement)


class RowCodes:
    """The codes of one connection: relationship types and ``source_ids`` lists, read once
    and added to as a write meets new ones (inside the writer's transaction)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._type_codes: dict[str, int] | None = None
        self._type_names: dict[int, str] = {}
        self._list_codes: dict[str, int] | None = None
        self._lists: dict[int, list[str]] = {}
        self._seen: dict[tuple[str, ...], int] = {}  # the lists a write met, by value: no JSON per row

    def forget(self) -> None:
        """Read the codes again on next use (after a rollback)."""
        self._type_codes = self._list_codes = None
        self._seen = {}

    def _types(self) -> dict[str, int]:
        if self._type_codes is None:
            rows = self.conn.execute("SELECT code, name FROM rel_types").fetchall()
            self._type_names = dict(rows)
            self._type_codes = {name: code for code, name in rows}
        return self._type_codes

    def type_code(self, name: str) -> int:
        """The code of relationship type ``name``, added when new (writers only)."""
        codes = self._types()
        code = codes.get(name)
        if code is None:
            code = codes[name] = self.conn.execute("INSERT INTO rel_types(name) VALUES (?)", (name,)).lastrowid or 0
            self._type_names[code] = name
        return code

    def known_type(self, name: str) -> int | None:
        """The code of ``name`` if some relationship ever had it (readers: nothing is added)."""
        return self._types().get(name)

    def type_names(self) -> dict[int, str]:
        self._types()
        return self._type_names

    def _source_lists(self) -> dict[str, int]:
        if self._list_codes is None:
            rows = self.conn.execute("SELECT code, ids FROM source_lists").fetchall()
            self._lists = {code: loads(ids) for code, ids in rows}
            self._list_codes = {ids: code for code, ids in rows}
        return self._list_codes

    def split(self, props: dict[str, Any]) -> tuple[str, int | None, str | None]:
        """``(props JSON without provenance, source list code, locators JSON)`` of one record."""
        sources, locators = props.get("source_ids"), props.get("locators")
        if sources is None and locators is None:
            return dumps(props), None, None
        rest = props.copy()  # a copy and two pops: a third of a comprehension's time on every row of a load
        rest.pop("source_ids", None)
        rest.pop("locators", None)
        code = None
        if sources is not None:
            try:
                code = self._seen.get(tuple(sources))
            except TypeError:  # not a list of strings: check_batch refuses it before a write gets here
                pass
            if code is None:
                code = self._list_code(sources)
        return dumps(rest), code, None if locators is None else dumps(locators)

    def _list_code(self, sources: list[str]) -> int:
        text = dumps(sources)
        codes = self._source_lists()
        code = codes.get(text)
        if code is None:
            code = codes[text] = self.conn.execute("INSERT INTO source_lists(ids) VALUES (?)", (text,)).lastrowid or 0
            self._lists[code] = loads(text)
        with contextlib.suppress(TypeError):
            self._seen[tuple(sources)] = code
        return code

    def join(self, props: str, sources: int | None, locators: str | None) -> dict[str, Any]:
        """The properties of a row, as ``split`` took them apart."""
        attrs = loads(props) if props != "{}" else {}
        if sources is not None:
            if self._list_codes is None:
                self._source_lists()
            attrs["source_ids"] = list(self._lists[sources])  # a copy: callers may change their dicts
        if locators is not None:
            attrs["locators"] = loads(locators)
        return attrs


def upgrade_tables(conn: sqlite3.Connection, version: int) -> None:
    """Rebuild the record tables of a format-2 file as format 3, inside the caller's
    transaction (so a process stopped half-way leaves the format-2 file as it was).
    ``names``, ``counts`` and ``meta`` keep their rows; ids and ``nid`` are unchanged."""
    if version != 2:
        raise ValueError(f"no upgrade from store format {version}")
    for index in ("nodes_label", "nodes_wikidata", "rels_out", "rels_in", "names_nid"):
        conn.execute(f"DROP INDEX IF EXISTS {index}")  # names from a fixed list, not from data
    conn.execute("ALTER TABLE nodes RENAME TO nodes_v2")
    conn.execute("ALTER TABLE rels RENAME TO rels_v2")
    create_tables(conn, _RECORD_TABLES)
    codes = RowCodes(conn)

    def node_rows() -> Iterator[tuple[Any, ...]]:
        for nid, node_id, label, props in conn.execute("SELECT nid, id, label, props FROM nodes_v2 ORDER BY nid"):
            yield (nid, node_id, label, *codes.split(loads(props)))

    def rel_rows() -> Iterator[tuple[Any, ...]]:
        for src, dst, typ, key, props in conn.execute("SELECT src, dst, type, key, props FROM rels_v2 ORDER BY src"):
            yield (src, codes.type_code(typ), dst, key, *codes.split(loads(props)))

    conn.executemany(
        "INSERT INTO nodes(nid, id, label, props, sources, locators) VALUES (?, ?, ?, ?, ?, ?)", node_rows()
    )
    conn.executemany(
        "INSERT INTO rels(src, type, dst, key, props, sources, locators) VALUES (?, ?, ?, ?, ?, ?, ?)", rel_rows()
    )
    conn.execute("DROP TABLE nodes_v2")
    conn.execute("DROP TABLE rels_v2")
    conn.execute("UPDATE meta SET value = ? WHERE key = 'version'", (str(SCHEMA_VERSION),))
