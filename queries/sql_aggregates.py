"""Whole-graph queries as SQL aggregations, for the SQLite store: the same rows as their
networkx twins, computed by SQLite over indexed rows instead of by Python over a graph.

Why: ``flows`` on a million relationships spent most of its time building the graph
slice (a dict per deal, person and relationship) and then walking it in Python; SQLite
groups the same rows in C, and Python only sorts the result the way the twin does. The
twins stay the definition: the parity tests run both on the same graphs and compare rows.

The SQL is fixed text; relationship types are looked up by name in the store's
``rel_types`` table and every value is a bound parameter.

>>> from talentgraph.graph.embedded.sqlite_store import SqliteStore
>>> from talentgraph.loaders import load_sources
>>> store = SqliteStore.in_memory(); _ = load_sources(store, ["article"])
>>> from talentgraph.queries.deal_queries import flows
>>> flows_rows(store) == flows(store.to_networkx())
True
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Protocol

from .catalogue import nulls_last

__all__ = ["AGGREGATES", "deals_by_year_rows", "flows_rows"]


class SqlStore(Protocol):
    def select(self, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]: ...


# Deals counted at ``as_of`` (see ``by_year``: a known integer year not after it), their
# headcount when it is an integer (``heads``), the distinct people each moved, and each
# (target, acquirer) pair; then per pair key: people, unnamed heads and deals.
_FLOW_DEALS = """
WITH deal AS (
    SELECT nid,
           CASE WHEN json_type(props, '$.headcount') IN ('integer', 'true', 'false')
                THEN json_extract(props, '$.headcount') END AS headcount
    FROM nodes
    WHERE label = 'Deal' AND (:as_of IS NULL OR (json_type(props, '$.year') IN ('integer', 'true', 'false')
                                                 AND json_extract(props, '$.year') <= :as_of))
),
moved AS MATERIALIZED (
    SELECT DISTINCT r.src AS deal, r.dst AS person FROM deal d
    JOIN rels r ON r.src = d.nid AND r.type = (SELECT code FROM rel_types WHERE name = 'MOVED')
),
counted AS MATERIALIZED (  -- a union, not a LEFT JOIN: SQLite would rescan moved per deal
    SELECT deal, named, CASE WHEN headcount > named THEN headcount - named ELSE 0 END AS extra FROM (
        SELECT deal, SUM(person) AS named, MAX(headcount) AS headcount FROM (
            SELECT deal, 1 AS person, NULL AS headcount FROM moved UNION ALL SELECT nid, 0, headcount FROM deal
        ) GROUP BY deal
    )
),
pair AS (
    SELECT DISTINCT c.deal, c.extra, t.dst AS target, a.dst AS acquirer FROM counted c
    JOIN rels t ON t.src = c.deal AND t.type = (SELECT code FROM rel_types WHERE name = 'TARGET')
    JOIN rels a ON a.src = c.deal AND a.type = (SELECT code FROM rel_types WHERE name = 'ACQUIRER')
    WHERE c.named > 0 OR c.extra > 0
),
keyed AS MATERIALIZED (
    SELECT DISTINCT p.deal, p.extra, {key_t} AS kt, {key_a} AS ka FROM pair p
    JOIN nodes nt ON nt.nid = p.target JOIN nodes na ON na.nid = p.acquirer
)
"""
_FLOW_ROWS = """,
people AS (
    SELECT k.kt, k.ka, COUNT(DISTINCT m.person) AS n FROM keyed k JOIN moved m ON m.deal = k.deal GROUP BY k.kt, k.ka
),
per_key AS (SELECT kt, ka, SUM(extra) AS extra, COUNT(*) AS deals FROM keyed GROUP BY kt, ka)
SELECT p.kt, p.ka, {names}, COALESCE(e.n, 0) + p.extra, p.deals FROM per_key p
LEFT JOIN people e ON e.kt IS p.kt AND e.ka IS p.ka {join_names}
"""
# per level: the key of a pair, and the names a row shows for it
_LEVELS = {
    "organization": {
        "key_t": "nt.id",
        "key_a": "na.id",
        "names": "json_extract(nt.props, '$.name'), json_extract(na.props, '$.name')",
        "join_names": "JOIN nodes nt ON nt.id = p.kt JOIN nodes na ON na.id = p.ka",
    },
    "country": {
        "key_t": "json_extract(nt.props, '$.country')",
        "key_a": "json_extract(na.props, '$.country')",
        "names": "p.kt, p.ka",
        "join_names": "",
    },
}


def flows_rows(store: SqlStore, level: str = "organization", as_of: int | None = None) -> list[list[Any]]:
    """``flows`` (see ``deal_queries.flows``) computed by SQLite: the same rows, same order."""
    parts = _LEVELS["country" if level == "country" else "organization"]
    sql = (_FLOW_DEALS.rstrip() + _FLOW_ROWS).format(**parts)  # fixed text chosen by level, never data
    rows = [
        ((kt, ka), [source, destination, people, deals])
        for kt, ka, source, destination, people, deals in store.select(sql, {"as_of": as_of})
    ]
    rows.sort(key=lambda r: (-r[1][2], *nulls_last(*r[0])))
    return [row for _, row in rows]


_DEALS_BY_YEAR = """
WITH deal AS MATERIALIZED (
    SELECT nid, json_extract(props, '$.year') AS year, json_extract(props, '$.kind') AS kind,
           json_extract(props, '$.status') AS status, json_extract(props, '$.amount_usd') AS amount_usd,
           CASE WHEN json_type(props, '$.headcount') IN ('integer', 'true', 'false')
                THEN json_extract(props, '$.headcount') END AS headcount
    FROM nodes
    WHERE label = 'Deal' AND (:kind IS NULL OR json_extract(props, '$.kind') = :kind)
      AND (:as_of IS NULL OR (json_type(props, '$.year') IN ('integer', 'true', 'false')
                              AND json_extract(props, '$.year') <= :as_of))
),
counted AS MATERIALIZED (  -- each deal once, with the people it names (MOVED to a Person, every relationship)
    SELECT deal, SUM(person) AS named, MAX(headcount) AS headcount, MAX(year) AS year, MAX(kind) AS kind,
           MAX(status) AS status, MAX(amount_usd) AS amount_usd FROM (  -- MAX: the one row with the deal's values
        SELECT r.src AS deal, 1 AS person, NULL AS headcount, NULL AS year, NULL AS kind, NULL AS status,
               NULL AS amount_usd FROM deal d
        JOIN rels r ON r.src = d.nid AND r.type = (SELECT code FROM rel_types WHERE name = 'MOVED')
        JOIN nodes p ON p.nid = r.dst AND p.label = 'Person'
        UNION ALL SELECT nid, 0, headcount, year, kind, status, amount_usd FROM deal
    ) GROUP BY deal
)
SELECT year, kind, COUNT(*),
       SUM(CASE WHEN status = :completed THEN 1 ELSE 0 END),
       SUM(CASE WHEN status IN (SELECT value FROM json_each(:failed)) THEN 1 ELSE 0 END),
       SUM(CASE WHEN status = :completed AND amount_usd IS NOT NULL THEN amount_usd ELSE 0 END),
       SUM(CASE WHEN headcount > named THEN headcount ELSE named END)
FROM counted GROUP BY year, kind
"""


def deals_by_year_rows(store: SqlStore, kind: str | None = None, as_of: int | None = None) -> list[list[Any]]:
    """``deals_by_year`` (see ``deal_queries.deals_by_year``) computed by SQLite: the same rows."""
    from .catalogue import COMPLETED, FAILED_STATUSES
    from .deal_queries import CATEGORY

    params = {"kind": kind or None, "as_of": as_of, "completed": COMPLETED, "failed": json.dumps(FAILED_STATUSES)}
    groups = store.select(_DEALS_BY_YEAR, params)
    return [
        [year, k, CATEGORY.get(k), *counts] for year, k, *counts in sorted(groups, key=lambda g: nulls_last(*g[:2]))
    ]


# catalogue name -> the SQL version of its twin (same keyword parameters)
AGGREGATES: dict[str, Callable[..., list[list[Any]]]] = {"flows": flows_rows, "deals_by_year": deals_by_year_rows}
