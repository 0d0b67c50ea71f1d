"""Raw Cypher from the user: read-only unless asked, parameters bound, Neo4j only.

The embedded store runs the named queries of the catalogue but no Cypher text: a small
openCypher interpreter would answer some queries and silently get others wrong, so it
refuses with the way to a Neo4j server instead.

>>> from talentgraph.graph import EmbeddedStore
>>> run_cypher(EmbeddedStore(), "MATCH (n) RETURN count(n) AS n")
Traceback (most recent call last):
...
talentgraph.graph.errors.QueryError: raw Cypher needs a Neo4j store — ...
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from talentgraph.graph.errors import QueryError
from talentgraph.graph.graph_store import GraphStore

__all__ = ["EMBEDDED_REFUSAL", "parse_cypher_params", "run_cypher"]

EMBEDDED_REFUSAL = (
    "raw Cypher needs a Neo4j store — the embedded store runs the named queries "
    "(`talentgraph queries`, `talentgraph query NAME`); to run Cypher, point talentgraph at "
    "Neo4j with --neo4j URI or NEO4J_URI (see README 'Neo4j')"
)


def parse_cypher_params(pairs: Iterable[str]) -> dict[str, Any]:
    """``key=value`` pairs; a value that reads as JSON (numbers, true, null, lists, "quoted")
    is bound as that, anything else as the string itself.

    >>> parse_cypher_params(["year=2025", "name=Meta", "ids=[\\"a\\", \\"b\\"]"])
    {'year': 2025, 'name': 'Meta', 'ids': ['a', 'b']}
    """
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise QueryError(f"parameter {pair!r} is not key=value — write -p name=Meta")
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


def run_cypher(store: GraphStore, text: str, params: Mapping[str, Any] | None = None, write: bool = False) -> dict[str, list]:
    """Run Cypher ``text`` with bound ``params`` and return ``{"columns", "rows"}``.

    On Neo4j the query runs in a read transaction, so a write fails there unless
    ``write`` is true. The embedded store refuses (see ``EMBEDDED_REFUSAL``).
    """
    if not store.capabilities.supports_cypher:
        raise QueryError(EMBEDDED_REFUSAL)
    params = dict(params or {})
    records = store.execute_write(text, params) if write else store.execute_read(text, params)
    columns = list(records[0]) if records else []
    return {"columns": columns, "rows": [[record[c] for c in columns] for record in records]}
