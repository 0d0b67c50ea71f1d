"""The graph as a cypher-shell script that rebuilds it in an empty Neo4j database.

The script uses the Neo4j store's own statements: the uniqueness constraints, then per
label and per relationship type ``:param rows => [...]`` blocks, each followed by the
fixed ``UNWIND $rows ... MERGE`` statement of that label or type. Data only ever
appears in the parameter values, written as Cypher literals by :func:`cypher_literal`;
the statements themselves are never built from data. Replaying the script twice
changes nothing (every statement MERGEs on identity).

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("meta", label="Organization", name="Meta")
>>> print(graph_to_cypher(g).splitlines()[-2])
:param rows => [{id: 'meta', props: {id: 'meta', name: 'Meta'}}]
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

import networkx as nx

from ..errors import ExportError
from ..model import Label, RelType
from ..neo4j.store import CONSTRAINTS, NODE_MERGE, REL_MERGE

__all__ = ["cypher_literal", "graph_to_cypher", "node_rows", "relationship_rows"]

PARAM_ROWS = 1_000  # rows per :param block: keeps each line (and each server request) bounded

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def graph_to_cypher(graph: nx.MultiDiGraph, rows_per_param: int = PARAM_ROWS) -> str:
    """A cypher-shell script (``cypher-shell -f FILE``) that recreates ``graph`` in Neo4j.

    >>> g = nx.MultiDiGraph(); g.add_node("x", label="Person", name="O'Brien")
    >>> "{id: 'x', props: {id: 'x', name: 'O\\\\'Brien'}}" in graph_to_cypher(g)
    True
    """
    lines = ["// talentgraph export: run in an empty database with  cypher-shell -f FILE", ""]
    lines += [statement + ";" for statement in CONSTRAINTS.values()]
    nodes = node_rows(graph)
    for label in Label:
        lines += _blocks(NODE_MERGE[label], nodes.get(label, []), rows_per_param)
    rels = relationship_rows(graph)
    for rel_type in RelType:
        lines += _blocks(REL_MERGE[rel_type], rels.get(rel_type, []), rows_per_param)
    return "\n".join(lines) + "\n"


def node_rows(graph: nx.MultiDiGraph) -> dict[Label, list[dict[str, Any]]]:
    """The rows ``NODE_MERGE`` expects, by label and sorted by id (the Neo4j store's shape)."""
    rows: dict[Label, list[dict[str, Any]]] = {}
    for node_id, attrs in sorted(graph.nodes(data=True), key=lambda item: item[0]):
        props = {k: v for k, v in sorted(attrs.items()) if k != "label" and v is not None}
        rows.setdefault(Label(attrs["label"]), []).append({"id": node_id, "props": {"id": node_id, **props}})
    return rows


def relationship_rows(graph: nx.MultiDiGraph) -> dict[RelType, list[dict[str, Any]]]:
    """The rows ``REL_MERGE`` expects, by type and sorted by (start, end, key)."""
    rows: dict[RelType, list[dict[str, Any]]] = {}
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for start, end, _, attrs in edges:
        props = {k: v for k, v in sorted(attrs.items()) if k not in ("type", "key") and v is not None}
        key = attrs.get("key", "")
        rows.setdefault(RelType(attrs["type"]), []).append(
            {"start": start, "end": end, "key": key, "props": {"key": key, **props}})
    return rows


def cypher_literal(value: Any) -> str:
    """``value`` (str, int, float, bool, list, dict with str keys) as a one-line Cypher literal.

    Strings come out pure ASCII: quotes, backslashes and control characters escaped,
    everything beyond ASCII as ``\\uXXXX`` (UTF-16 surrogate pairs above U+FFFF).

    >>> print(cypher_literal({"name": "Zoë's \\\\ lab", "odd key": [1, 2.5, True]}))
    {name: 'Zo\\u00eb\\'s \\\\ lab', `odd key`: [1, 2.5, true]}
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if not -2**63 <= value < 2**63:
            raise ExportError(f"the number {value} does not fit a Neo4j integer (64 bits) — store it as a string")
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(f"the number {value} has no Cypher literal — store it as a string or leave it out")
        return repr(value)  # shortest text that reads back as the same double, always with '.' or 'e'
    if isinstance(value, str):
        return "'" + "".join(_escape(ch) for ch in value) + "'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_map_key(k)}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise ExportError(f"a {type(value).__name__} value ({value!r}) has no Cypher literal — use strings, numbers, booleans or lists")


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    code = ord(ch)
    if 0x20 <= code < 0x7F:
        return ch
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the BMP: a surrogate pair, as Java (and so Neo4j) holds it
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _map_key(key: Any) -> str:
    if not isinstance(key, str) or not key:
        raise ExportError(f"property name {key!r} must be a non-empty string")
    if _PLAIN_KEY.match(key):
        return key
    # backticked names take no escapes, so a control character would break the one-line
    # :param command of cypher-shell
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in key):
        raise ExportError(f"property name {key!r} holds a control character that a cypher-shell script "
                          "cannot carry — rename the property, or export as json or graphml")
    return "`" + key.replace("`", "``") + "`"


def _blocks(statement: str, rows: list[dict[str, Any]], size: int) -> Iterator[str]:
    for i in range(0, len(rows), size):
        yield ""
        yield ":param rows => " + cypher_literal(rows[i:i + size])
        yield statement + ";"
