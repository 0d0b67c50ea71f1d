"""The catalogue of named queries: one entry per question, the same rows on every store.

An entry is a name, a one-line description, typed parameters with defaults, a
``.cypher`` file in this folder (parameters as ``$name``, runnable as-is in Neo4j Browser
after ``:param``), an embedded implementation on networkx, and a function that turns
Cypher records into the same ``{"columns": [...], "rows": [[...]]}`` table. Both sides
sort rows by the same key, so the two stores give identical results.

``run_query`` picks the side: a store with ``execute_read`` (Neo4j) runs the Cypher with
bound parameters; any other store (the embedded one) runs the networkx twin.

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> run_query(store, "boomerangs")["rows"][0][:3]
['Noam Shazeer', 'Google', 2021]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, cast

from ..graph.embedded.text_index import fold
from ..graph.errors import NameNotFoundError, QueryError
from ..graph.graph_store import CypherStore, GraphSlice, GraphStore, IndexedStore, SlicedStore
from ..graph.identity.names import NameIndex
from ..graph.model import DealKind, DealStatus, Label, Node, RelType

__all__ = [
    "CATALOGUE",
    "Param",
    "QueryDef",
    "bind_params",
    "cypher_text",
    "describe_queries",
    "entity_resolver",
    "get_query",
    "node_lookup",
    "run_query",
    "statement_text",
]

Table = dict[str, list]
UNSET = object()


@dataclass(frozen=True)
class Param:
    """A typed parameter. ``kind``: int, year, str, entity (a name or id, resolved to an
    id), source (the id of a Source node), choice (one of ``choices``), choices (several
    of them, comma-separated), types (comma-separated relationship types)."""

    name: str
    kind: str
    help: str
    default: Any = None
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    # for an entity: the labels it may have (empty: any)
    labels: tuple[str, ...] = ()

    def expects(self) -> str:
        if self.kind == "entity":
            if self.labels:
                return "the name, alias or id of " + " or ".join(_a_label(label) for label in self.labels)
            return "the name, alias or id of an entity"
        if self.kind == "source":
            return "the id of a loaded source"
        if self.kind in ("int", "year"):
            span = f" from {self.minimum}" if self.minimum is not None else ""
            span += f" to {self.maximum}" if self.maximum is not None else ""
            return f"{'a year' if self.kind == 'year' else 'an integer'}{span}"
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        if self.kind == "choices":
            return "one or more of " + ", ".join(self.choices) + " (separated by commas)"
        if self.kind == "types":
            return "relationship types separated by commas, from " + ", ".join(t.value for t in RelType)
        return "text"


@dataclass(frozen=True)
class QueryDef:
    name: str
    description: str
    columns: tuple[str, ...]
    embedded: Callable[..., list[list[Any]]]
    params: tuple[Param, ...] = ()
    # Records from Neo4j -> rows; default: the record's values in column order.
    from_records: Callable[[list[dict[str, Any]], dict[str, Any]], list[list[Any]]] | None = None
    cypher_file: str = field(default="")
    # parameters the Cypher does not use: ``from_records`` applies them to what it read
    applied_after: tuple[str, ...] = ()
    # the part of the graph the twin reads, for a store that loads just that (``sliced_reads``)
    reads: GraphSlice | None = None
    # on a Cypher store: the statement file to run for these bound parameters, and the
    # parameters it needs beyond them (a seeded statement when an entity is given, an
    # index-backed one when the input allows it); default: ``cypher_path`` as it is
    statement: Callable[[dict[str, Any], GraphStore], tuple[str, dict[str, Any]]] | None = None
    # on an embedded store: rows answered from the store's own indexes, or ``None`` when
    # it has none for this input (then ``embedded`` runs on the graph)
    indexed: Callable[[GraphStore, dict[str, Any]], list[list[Any]] | None] | None = None

    @property
    def cypher_path(self) -> str:
        return self.cypher_file or f"{self.name}.cypher"


CATALOGUE: dict[str, QueryDef] = {}


def register(query: QueryDef) -> QueryDef:
    CATALOGUE[query.name] = query
    return query


def get_query(name: str) -> QueryDef:
    """The catalogue entry called ``name``; an unknown name lists the known ones."""
    _load_entries()
    if name not in CATALOGUE:
        raise QueryError(f"no query named {name!r} — known queries: {', '.join(sorted(CATALOGUE))}")
    return CATALOGUE[name]


def describe_queries() -> Table:
    """The catalogue as a table: name, parameters (``name: what [= default]``, ``*`` when
    required) and description, sorted by name.

    >>> describe_queries()["rows"][0][0]
    'acquired_leaders'
    """
    _load_entries()
    rows = []
    for name in sorted(CATALOGUE):
        query = CATALOGUE[name]
        params = [
            f"{p.name}{'*' if p.required else ''}: {p.kind}" + (f" = {p.default}" if p.default is not None else "")
            for p in query.params
        ]
        rows.append([name, params, query.description])
    return {"columns": ["name", "parameters", "description"], "rows": rows}


def cypher_text(name: str) -> str:
    """The Cypher of query ``name``, as shipped in ``queries/NAME.cypher``."""
    return statement_text(get_query(name).cypher_path)


def statement_text(file: str) -> str:
    """The Cypher in ``queries/FILE`` (a catalogue entry's statement file)."""
    return resources.files("talentgraph.queries").joinpath(file).read_text("utf-8")


def _a_label(label: str, lower: bool = True) -> str:
    """``"an organization"``, ``"a Person"`` (with ``lower=False``)."""
    word = label.lower() if lower else label
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def bind_params(
    query: QueryDef,
    raw: Mapping[str, Any],
    resolve: Callable[[str], str] | None = None,
    node_of: Callable[[str], Node | None] | None = None,
    known_sources: Callable[[], list[str]] | None = None,
) -> dict[str, Any]:
    """Check and convert ``raw`` (strings from the CLI or Python values) into bound values.

    Entity names go through ``resolve`` (see ``entity_resolver``: ids pass, names and
    aliases resolve, a name that matches nothing raises with the closest names); with
    ``node_of`` (id -> node), an entity of a label the parameter does not take is refused,
    and so is a source id that names no Source node (``known_sources`` lists the loaded ones).
    Every parameter of the query is present in the result.

    >>> bind_params(get_query("flows"), {"as_of": "2020"})
    {'level': 'organization', 'as_of': 2020}
    """
    known = {p.name: p for p in query.params}
    for key in raw:
        if key not in known:
            names = ", ".join(known) or "none"
            raise QueryError(f"query {query.name!r} has no parameter {key!r} — its parameters: {names}")
    bound: dict[str, Any] = {}
    for param in query.params:
        value = raw.get(param.name, UNSET)
        if value is UNSET or value is None or value == "":
            if param.required:
                raise QueryError(
                    f"query {query.name!r} needs parameter {param.name!r} ({param.expects()}) — "
                    f"pass -p {param.name}=VALUE"
                )
            bound[param.name] = param.default
        elif param.kind == "source" and node_of is not None:
            node = node_of(str(value))
            if node is None or node.label.value != "Source":
                loaded = ", ".join(known_sources()) if known_sources is not None else ""
                raise QueryError(
                    f"no source {str(value)!r} in the store — loaded sources: {loaded or 'none'} "
                    "(see `talentgraph sources`)"
                )
            bound[param.name] = str(value)
        elif param.kind == "entity":
            bound[param.name] = (resolve or NameIndex([]).resolve)(str(value))
            node = node_of(bound[param.name]) if node_of is not None and param.labels else None
            if node is not None and node.label.value not in param.labels:
                takes = " or ".join(_a_label(label) for label in param.labels)
                is_a = _a_label(node.label.value, lower=False)
                raise QueryError(f"{node.name} is {is_a}; {param.name} takes {takes}")
        else:
            bound[param.name] = _convert(query, param, value)
    return bound


# Index-backed on Neo4j (a uniqueness constraint per label), where an unlabelled
# `{id: $id}` lookup would scan every node: one round trip for the node, its label and
# its properties (the store's own ``node`` reads label by label).
_NODE_BY_ID = (
    "CALL () { "
    + " UNION ".join(f"MATCH (n:{label.value} {{id: $id}}) RETURN n" for label in Label)
    + " } RETURN labels(n)[0] AS label, properties(n) AS props"
)
_NAME_ENTRIES = "MATCH (n) RETURN n.id AS id, n.name AS name, n.aliases AS aliases, labels(n)[0] AS label"


def node_lookup(store: GraphStore) -> Callable[[str], Node | None]:
    """A function from an id to its node (``None``: no such node), remembering what it
    read, so checking a parameter's label after resolving it costs no second read. On
    Neo4j one indexed round trip per id.
    """
    seen: dict[str, Node | None] = {}
    cypher = cast(CypherStore, store) if store.capabilities.supports_cypher else None

    def node_of(node_id: str) -> Node | None:
        if node_id not in seen:
            if cypher is None:
                seen[node_id] = store.node(node_id)
            else:
                rows = cypher.execute_read(_NODE_BY_ID, {"id": node_id})
                seen[node_id] = (
                    Node(node_id, Label(rows[0]["label"]), {k: v for k, v in rows[0]["props"].items() if k != "id"})
                    if rows
                    else None
                )
        return seen[node_id]

    return node_of


def entity_resolver(store: GraphStore, node_of: Callable[[str], Node | None] | None = None) -> Callable[[str], str]:
    """A function from a name, alias or id to the id of the one entity it names.

    An exact id costs one lookup (through ``node_of`` when given, see ``node_lookup``);
    only other names build a ``NameIndex`` (on Neo4j from ids, names and aliases alone,
    never the whole graph). A store with its own name index (the SQLite embedded store)
    answers every name with index seeks.
    """
    if store.capabilities.indexed_names:
        return cast(IndexedStore, store).resolve_name
    if store.capabilities.supports_cypher:
        cypher = cast(CypherStore, store)  # what supports_cypher declares
        lookup = node_of or node_lookup(store)

        def resolve(name: str) -> str:
            if lookup(name) is not None:
                return name
            # the full-text index narrows the names to those holding every word of ``name``;
            # a name it cannot find (other spelling, punctuation) reads every name
            ready = getattr(cypher, "fulltext_ready", None)
            words = name_words(name) if ready is not None and ready() else None
            if words:
                rows = cypher.execute_read(_NAME_CANDIDATES, {"query": words})
                try:
                    return _name_index(rows).resolve(name)
                except NameNotFoundError:
                    pass
            return _name_index(cypher.execute_read(_NAME_ENTRIES, {})).resolve(name)
    else:
        graph = store.to_networkx()

        def resolve(name: str) -> str:
            return name if name in graph else NameIndex.from_graph(graph).resolve(name)

    return resolve


def _name_index(rows: list[dict[str, Any]]) -> NameIndex:
    return NameIndex((r["id"], r["name"] or r["id"], r["aliases"] or [], r["label"]) for r in rows)


_NAME_CANDIDATES = (
    "CALL db.index.fulltext.queryNodes('talentgraph_text', $query) YIELD node AS n "
    "RETURN n.id AS id, n.name AS name, n.aliases AS aliases, labels(n)[0] AS label"
)
# Lucene's English stop words, which the index's ``standard-folding`` analyzer drops
LUCENE_STOP_WORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then there "
    "these they this to was will with".split()
)


def name_words(name: str) -> str | None:
    """The full-text query for the names and aliases holding every word of ``name``
    (each word a quoted phrase, so the index's analyzer folds it and splits Chinese);
    ``None`` when no word is left.

    >>> name_words("Alexandr Wang")
    'name:("alexandr" AND "wang") OR aliases:("alexandr" AND "wang")'
    """
    words = [w for w in re.findall(r"\w+", fold(name)) if w not in LUCENE_STOP_WORDS]
    if not words:
        return None
    phrase = " AND ".join(f'"{w}"' for w in words)
    return f"name:({phrase}) OR aliases:({phrase})"


_SOURCE_IDS = "MATCH (s:Source) RETURN s.id AS id ORDER BY id"


def require_source(store: GraphStore, source: str) -> str:
    """``source`` if it is the id of a loaded source; otherwise an error listing them."""
    node = store.node(source)
    if node is None or node.label.value != "Source":
        loaded = ", ".join(_source_ids(store))
        raise QueryError(
            f"no source {source!r} in the store — loaded sources: {loaded or 'none'} (see `talentgraph sources`)"
        )
    return source


def _source_ids(store: GraphStore) -> list[str]:
    """The ids of the Source nodes (a label scan on Neo4j: sources are few)."""
    if store.capabilities.supports_cypher:
        return [r["id"] for r in cast(CypherStore, store).execute_read(_SOURCE_IDS, {})]
    return sorted(node.id for node in store.nodes(Label.SOURCE))


def _convert(query: QueryDef, param: Param, value: Any) -> Any:
    def wrong() -> QueryError:
        return QueryError(f"parameter {param.name!r} of query {query.name!r} expects {param.expects()}, got {value!r}")

    if param.kind in ("int", "year"):
        if isinstance(value, bool):
            raise wrong()
        try:
            number = int(value) if not isinstance(value, float) or value.is_integer() else None
        except (TypeError, ValueError):
            number = None
        if number is None:
            raise wrong()
        if (param.minimum is not None and number < param.minimum) or (
            param.maximum is not None and number > param.maximum
        ):
            raise wrong()
        return number
    if param.kind == "choice":
        if str(value) not in param.choices:
            raise wrong()
        return str(value)
    if param.kind == "choices":
        items = value if isinstance(value, (list, tuple)) else str(value).split(",")
        picked = [str(v).strip() for v in items if str(v).strip()]
        if not picked or any(v not in param.choices for v in picked):
            raise wrong()
        return sorted(set(picked))
    if param.kind == "types":
        types = [t.strip() for t in (value if isinstance(value, list) else str(value).split(",")) if t.strip()]
        if not types or any(t not in RelType.__members__.values() for t in types):
            raise wrong()
        return sorted(set(types))
    return str(value)


def run_query(store: GraphStore, name: str, params: Mapping[str, Any] | None = None) -> Table:
    """Run catalogue query ``name`` on ``store`` and return ``{"columns", "rows"}``.

    Embedded stores run the networkx twin; stores with ``execute_read`` run the Cypher file
    with the parameters bound, never pasted into the text. A query that declares what it
    ``reads`` runs, on a store with ``sliced_reads`` (SQLite), on just that part of the graph.
    """
    query = get_query(name)
    node_of = node_lookup(store)
    bound = bind_params(query, params or {}, entity_resolver(store, node_of), node_of, lambda: _source_ids(store))
    indexed = None
    if store.capabilities.supports_cypher:
        file, extra = query.statement(bound, store) if query.statement is not None else (query.cypher_path, {})
        records = cast(CypherStore, store).execute_read(statement_text(file), {**bound, **extra})
        rows = (
            query.from_records(records, bound)
            if query.from_records
            else [[r[c] for c in query.columns] for r in records]
        )
    elif query.indexed is not None and (indexed := query.indexed(store, bound)) is not None:
        rows = indexed
    elif query.reads is not None and store.capabilities.sliced_reads:
        from .sql_aggregates import AGGREGATES  # SQL versions of some twins, for the SQLite store

        aggregate = AGGREGATES.get(name) if hasattr(store, "select") else None
        if aggregate is not None:
            rows = aggregate(store, **bound)
        else:
            rows = query.embedded(cast(SlicedStore, store).graph_slice(query.reads), **bound)
    else:
        rows = query.embedded(store.to_networkx(), **bound)
    return {"columns": list(query.columns), "rows": rows}


def _load_entries() -> None:
    # The entry modules register themselves; importing them here keeps one import order.
    from . import (  # noqa: F401
        claims,
        deal_queries,
        deals,
        describe,
        disputes,
        graph_queries,
        listing,
        moves,
        search,
        simple_paths,
        talent_queries,
    )


# -- shared parameters and sort keys -----------------------------------------------------

AS_OF = Param(
    "as_of", "year", "only facts known by this year (deals of that year or earlier)", minimum=1800, maximum=2200
)
DEAL_KINDS = tuple(k.value for k in DealKind)
DEAL_STATUSES = tuple(s.value for s in DealStatus)
FAILED_STATUSES = (DealStatus.FAILED.value, DealStatus.REJECTED.value, DealStatus.ABANDONED.value)
COMPLETED = DealStatus.COMPLETED.value


def nulls_last(*values: Any) -> tuple:
    """A sort key matching Cypher's ``ORDER BY`` ascending: nulls after everything else."""
    return tuple((v is None, v if v is not None else 0) for v in values)


def by_year(year: Any, as_of: int | None) -> bool:
    """A fact dated ``year`` counts at ``as_of``: no ``as_of``, or a known year not after it."""
    return as_of is None or (isinstance(year, int) and year <= as_of)


def started_by(rel: Mapping[str, Any], as_of: int | None) -> bool:
    """A role counts at ``as_of`` unless it is known to start later."""
    return as_of is None or rel.get("from") is None or rel["from"] <= as_of
