"""The SQLite store's full-text index: FTS5 tables over the folded text of nodes and relationships.

``search`` ranks candidates in Python (``queries/search.py``, one scorer for every store);
this module finds those candidates without reading the graph. Two FTS5 tables with the
``trigram`` tokenizer hold, per node (rowid = ``nodes.nid``) and per relationship that
carries text (rowid = ``rels.rid``), the *folded* text of the searchable fields — case and
accents removed by ``fold`` here, because SQLite 3.40's trigram tokenizer has no
``remove_diacritics``. Trigrams match any substring of three or more characters, which is
what the scorer accepts (a fragment of a name, Chinese script without word breaks), so the
candidates are always a superset of the hits. Words of one or two characters (``AI``, a
two-character Chinese name) cannot use trigrams: when every word is that short the folded
text is scanned with ``instr`` instead — still only the index table, never the graph.

A store file made before this index has no tables: its first write builds them from every
row (``after_write``); read-only, ``candidates`` answers ``None`` and the caller scans.
Stores under ``MIN_NODES`` nodes are scanned too and get their index once they grow past it.

>>> import sqlite3
>>> from talentgraph.graph.embedded.sqlite_schema import create_tables
>>> conn = sqlite3.connect(":memory:"); create_tables(conn)
>>> _ = conn.executemany("INSERT INTO nodes(nid, id, label, props) VALUES (?, ?, 'Person', '{}')", [(i, f"p{i}") for i in range(1, MIN_NODES + 1)])
>>> after_write(conn, [(1, {"name": "Zhang Xiaolong", "aliases": ["张小龙"]})], [], was_empty=True)
>>> candidates(conn, ["张小龙"]), candidates(conn, ["xiaol"]), candidates(conn, ["zürich"])
(([1], []), ([1], []), ([], []))
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

import orjson

__all__ = [
    "MIN_NODES",
    "REL_TEXT_FIELDS",
    "TEXT_FIELDS",
    "after_edits",
    "after_write",
    "candidates",
    "fold",
    "fold_char",
    "has_index",
    "has_text",
    "matching_records",
]

# the fields ``search`` scores (queries/search.py FIELD_WEIGHTS); relationships have no name
TEXT_FIELDS = ("name", "aliases", "title", "text", "statement", "summary", "note", "evidence")
REL_TEXT_FIELDS = ("title", "text", "statement", "summary", "note", "evidence")
# Stores with fewer nodes get no index (a scan of a few thousand records takes
# milliseconds, and the ten FTS5 tables would double an article-sized file); the first
# write that brings a store past it builds the index.
MIN_NODES = 5_000
_TABLES = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS text_nodes USING fts5(body, tokenize='trigram')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS text_rels USING fts5(body, tokenize='trigram')",
    "CREATE TABLE IF NOT EXISTS text_rel_ids(rowid INTEGER PRIMARY KEY, src INTEGER NOT NULL, type INTEGER NOT NULL, "
    "dst INTEGER NOT NULL, key TEXT NOT NULL, UNIQUE (src, type, dst, key))",
)


def fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """``text`` without case or accents, character by character (plain ASCII in one step).

    >>> fold("Zürich Ünïcode"), fold("张小龙")
    ('zurich unicode', '张小龙')
    """
    if text.isascii():
        return text.lower()
    return "".join(fold_char(c) for c in text)


def _body(props: dict[str, Any], fields: tuple[str, ...]) -> str:
    """The folded searchable texts of a record, one per line (a query word has no newline,
    so no match spans two fields)."""
    texts: list[str] = []
    for field in fields:
        value = props.get(field)
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, list):
            texts.extend(v for v in value if isinstance(v, str))
    return fold("\n".join(t for t in texts if t))


def has_index(conn: sqlite3.Connection) -> bool:
    """Whether this store file holds the text tables (files made before them do not)."""
    row = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE name IN ('text_nodes', 'text_rels', 'text_rel_ids')"
    ).fetchone()
    return bool(row[0] == 3)


def has_text(old: dict[str, Any] | None, props: dict[str, Any]) -> bool:
    """Whether a relationship written with ``props`` (``old``: before, ``None`` if new)
    needs its index row changed: it is new or changed, and has or had text."""
    if old is not None and props == old:
        return False
    return any(f in props for f in REL_TEXT_FIELDS) or (old is not None and any(f in old for f in REL_TEXT_FIELDS))


RelIdent = tuple[int, int, int, str]  # (src nid, type code, dst nid, key): a relationship row's key


def after_write(
    conn: sqlite3.Connection,
    nodes: Iterable[tuple[int, dict[str, Any]]],
    rels: Iterable[tuple[RelIdent, dict[str, Any] | None, dict[str, Any]]],
    was_empty: bool = False,
) -> None:
    """Index the nodes and relationships a write added or changed (``(nid, props)``,
    ``(identity, old props or None if new, props)``), inside the caller's transaction.
    Without the tables yet (a store made before them), create them; unless the store was
    empty before this write, index every row then, not only the written ones."""
    if not has_index(conn):
        if conn.execute("SELECT count(*) FROM nodes").fetchone()[0] < MIN_NODES:
            return  # a small store is scanned in milliseconds; its file stays small
        for statement in _TABLES:
            conn.execute(statement)
        conn.execute("DELETE FROM text_rel_ids")  # a half-present index is built again whole
        if not was_empty:
            nodes = ((nid, orjson.loads(props)) for nid, props in conn.execute("SELECT nid, props FROM nodes"))
            rels = (
                ((src, typ, dst, key), None, orjson.loads(props))
                for src, typ, dst, key, props in conn.execute(_RELS_WITH_TEXT)
            )
        _index_nodes(conn, nodes, replace=False)
        _index_rels(conn, rels)
        return
    _index_nodes(conn, nodes, replace=True)
    _index_rels(conn, rels)


_RELS_WITH_TEXT = "SELECT src, type, dst, key, props FROM rels WHERE " + " OR ".join(
    f"json_extract(props, '$.{field}') IS NOT NULL" for field in REL_TEXT_FIELDS
)
_REL_ID = "SELECT rowid FROM text_rel_ids WHERE src = ? AND type = ? AND dst = ? AND key = ?"


def _index_nodes(conn: sqlite3.Connection, rows: Iterable[tuple[int, dict[str, Any]]], replace: bool) -> None:
    if replace:
        rows = list(rows)
        conn.executemany("DELETE FROM text_nodes WHERE rowid = ?", ((rowid,) for rowid, _ in rows))
    bodies = ((rowid, body) for rowid, props in rows if (body := _body(props, TEXT_FIELDS)))
    conn.executemany("INSERT INTO text_nodes(rowid, body) VALUES (?, ?)", bodies)


def _index_rels(
    conn: sqlite3.Connection, rows: Iterable[tuple[RelIdent, dict[str, Any] | None, dict[str, Any]]]
) -> None:
    """Relationship rows have no rowid (format 3 keys them by identity): ``text_rel_ids``
    gives each indexed one a rowid, which is its ``text_rels`` row. New relationships get
    the next rowids in one pass; a changed one drops its old text first."""
    next_id = (conn.execute("SELECT max(rowid) FROM text_rel_ids").fetchone()[0] or 0) + 1
    new_ids: list[tuple[int, *RelIdent]] = []
    bodies: list[tuple[int, str]] = []
    for ident, old, props in rows:
        body = _body(props, REL_TEXT_FIELDS)
        if old is not None:
            row = conn.execute(_REL_ID, ident).fetchone()
            if row is not None:
                conn.execute("DELETE FROM text_rels WHERE rowid = ?", row)
                if body:
                    bodies.append((row[0], body))
                else:
                    conn.execute("DELETE FROM text_rel_ids WHERE rowid = ?", row)
                continue
        if body:
            new_ids.append((next_id, *ident))
            bodies.append((next_id, body))
            next_id += 1
    conn.executemany("INSERT INTO text_rel_ids(rowid, src, type, dst, key) VALUES (?, ?, ?, ?, ?)", new_ids)
    conn.executemany("INSERT INTO text_rels(rowid, body) VALUES (?, ?)", bodies)


def after_edits(conn: sqlite3.Connection, node_ids: Iterable[str], rels: Iterable[tuple[str, str, str, str]]) -> None:
    """Bring the index in line after ``apply_edits``: drop rows of deleted nodes and
    relationships, re-index the nodes (by id) and relationships (``(start, type, end, key)``)
    that were put."""
    if not has_index(conn):
        return
    conn.execute("DELETE FROM text_nodes WHERE rowid NOT IN (SELECT nid FROM nodes)")
    gone = (
        "SELECT i.rowid FROM text_rel_ids i WHERE NOT EXISTS (SELECT 1 FROM rels r "
        "WHERE r.src = i.src AND r.type = i.type AND r.dst = i.dst AND r.key = i.key)"
    )
    conn.execute(f"DELETE FROM text_rels WHERE rowid IN ({gone})")
    conn.execute(f"DELETE FROM text_rel_ids WHERE rowid IN ({gone})")
    nodes = [
        (nid, orjson.loads(props))
        for node_id in node_ids
        for nid, props in conn.execute("SELECT nid, props FROM nodes WHERE id = ?", (node_id,))
    ]
    rel_rows: list[tuple[RelIdent, dict[str, Any] | None, dict[str, Any]]] = [
        ((src, typ, dst, key), {}, orjson.loads(props))  # as changed: its old text row, if any, goes
        for ident in rels
        for src, typ, dst, key, props in conn.execute(
            "SELECT r.src, r.type, r.dst, r.key, r.props FROM rels r JOIN nodes a ON a.nid = r.src "
            "JOIN nodes b ON b.nid = r.dst JOIN rel_types t ON t.code = r.type "
            "WHERE a.id = ? AND t.name = ? AND b.id = ? AND r.key = ?",
            ident,
        )
    ]
    _index_nodes(conn, nodes, replace=True)
    _index_rels(conn, rel_rows)


def candidates(conn: sqlite3.Connection, words: list[str]) -> tuple[list[int], list[int]] | None:
    """The nids and rids whose folded text contains every one of ``words`` (folded query
    words), in rowid order; ``None`` when the file has no index (the caller scans)."""
    if not has_index(conn):
        return None
    words = [fold(w) for w in words if w]
    long_words = [w for w in words if len(w) >= 3]
    if long_words:
        # a quoted FTS5 string is matched as a sequence of trigrams: a substring
        match = " AND ".join('"' + w.replace('"', '""') + '"' for w in long_words)
        short = [w for w in words if len(w) < 3]
        where, params = "text_{t} MATCH ?", [match]
    else:
        short, where, params = words[1:], "instr(body, ?) > 0", [words[0]] if words else [""]
    for word in short:
        where += " AND instr(body, ?) > 0"
        params.append(word)
    found = []
    for table in ("nodes", "rels"):
        sql = f"SELECT rowid FROM text_{table} WHERE {where.format(t=table)} ORDER BY rowid"
        found.append([rowid for (rowid,) in conn.execute(sql, params)])
    return found[0], found[1]


_NODE_ROWS = "SELECT id, label, props, sources, locators FROM nodes WHERE nid IN ({marks}) ORDER BY nid"
_REL_ROWS = (
    "SELECT a.id, json_extract(a.props, '$.name'), t.name, b.id, json_extract(b.props, '$.name'), r.key, "
    "r.props, r.sources, r.locators FROM text_rel_ids i "
    "JOIN rels r ON r.src = i.src AND r.type = i.type AND r.dst = i.dst AND r.key = i.key "
    "JOIN rel_types t ON t.code = r.type JOIN nodes a ON a.nid = r.src JOIN nodes b ON b.nid = r.dst "
    "WHERE i.rowid IN ({marks}) ORDER BY i.rowid"
)
_CHUNK = 500


def matching_records(
    conn: sqlite3.Connection, words: list[str], join: Callable[[str, int | None, str | None], dict[str, Any]]
) -> (
    tuple[
        list[tuple[str, str, dict[str, Any]]], list[tuple[str, str | None, str, str, str | None, str, dict[str, Any]]]
    ]
    | None
):
    """The records ``candidates`` finds: nodes as ``(id, label, props)``, relationships as
    ``(start id, start name, type, end id, end name, key, props)``; ``None`` without an index.
    ``join`` puts a row's properties back together (``RowCodes.join``: provenance lists)."""
    found = candidates(conn, words)
    if found is None:
        return None
    nids, rids = found
    nodes = [
        (node_id, label, join(props, sources, locators))
        for part in _chunks(nids)
        for node_id, label, props, sources, locators in conn.execute(
            _NODE_ROWS.format(marks=",".join("?" * len(part))), part
        )
    ]
    rels = [
        (start, start_name, typ, end, end_name, key, join(props, sources, locators))
        for part in _chunks(rids)
        for start, start_name, typ, end, end_name, key, props, sources, locators in conn.execute(
            _REL_ROWS.format(marks=",".join("?" * len(part))), part
        )
    ]
    return nodes, rels


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]
