"""The Neo4j store: the same model and interface as the embedded store, on a Neo4j 5 server.

Writes are ``UNWIND $rows ... MERGE`` batches, one fixed statement per label and per
relationship type, taken from tables built from the model's enums — never text built
from data. Merging provenance needs the current properties, so a write reads them
first, computes the merged rows in Python, and then runs one managed transaction that
contains only Cypher (the driver may retry it). A load of up to ``TX_ROWS`` rows (10,000) is one
transaction: it lands whole or not at all. Larger loads commit in chunks of that size;
if one fails, the chunks before it stay, and rerunning the load converges to the same
graph with no duplicates, because every statement is a MERGE on identity.

>>> store = Neo4jStore.connect("bolt://127.0.0.1:7687", "neo4j", "secret")  # doctest: +SKIP
>>> store.ensure_schema(); store.stats()  # doctest: +SKIP
{'nodes': {}, 'relationships': {}}
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import networkx as nx

from ..errors import StoreError
from ..graph_store import StoreCapabilities, WriteSummary
from ..model import ENDPOINTS, Label, Node, Relationship, RelType, check_batch, edge_key, label_expression, merge_props
from .credentials import parse_neo4j_uri, redact_uri
from .errors import LOAD, QUERY, READ, neo4j_errors

if TYPE_CHECKING:
    import neo4j

    from ..graph_edits import GraphEdits

__all__ = ["Neo4jStore", "redact_uri"]

T = TypeVar("T")

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
BATCH_ROWS = 5_000  # rows per UNWIND statement
TX_ROWS = 10_000  # rows per transaction; a load this size or smaller is atomic

# One statement per label / relationship type. Built from our own enums at import time:
# labels and types cannot be parameters in Cypher, and none of this text comes from data.
NODE_MERGE = {label: f"UNWIND $rows AS row MERGE (n:{label.value} {{id: row.id}}) SET n = row.props" for label in Label}
REL_MERGE = {
    rel_type: (
        f"UNWIND $rows AS row "
        f"MATCH (a:{start.value} {{id: row.start}}) MATCH (b:{label_expression(ends)} {{id: row.end}}) "
        f"MERGE (a)-[r:{rel_type.value} {{key: row.key}}]->(b) SET r = row.props"
    )
    for rel_type, (start, ends) in ENDPOINTS.items()
}
CONSTRAINTS = {
    label: f"CREATE CONSTRAINT talentgraph_{label.value.lower()}_id IF NOT EXISTS "
    f"FOR (n:{label.value}) REQUIRE n.id IS UNIQUE"
    for label in Label
}
# Full text over names, aliases and texts, accents folded: queries/search.py asks these
# for the candidates it ranks (in Python, the same on every store). The property lists
# are compared with the server's by ensure_schema, which rebuilds an index made by an
# older version with fewer properties.
TEXT_PROPERTIES = ("name", "aliases", "title", "text", "statement", "summary", "note", "evidence")
REL_TEXT_PROPERTIES = ("title", "text", "statement", "summary", "note", "evidence")
FULLTEXT_INDEXES = {
    "talentgraph_text": (
        "CREATE FULLTEXT INDEX talentgraph_text IF NOT EXISTS FOR (n:Person|Organization|Deal|Source|Claim) "
        "ON EACH [" + ", ".join(f"n.{p}" for p in TEXT_PROPERTIES) + "] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
        TEXT_PROPERTIES,
    ),
    "talentgraph_rel_text": (
        "CREATE FULLTEXT INDEX talentgraph_rel_text IF NOT EXISTS FOR ()-[r:"
        + "|".join(t.value for t in RelType)
        + "]-() ON EACH ["
        + ", ".join(f"r.{p}" for p in REL_TEXT_PROPERTIES)
        + "] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
        REL_TEXT_PROPERTIES,
    ),
}
_SHOW_FULLTEXT = "SHOW FULLTEXT INDEXES YIELD name, properties RETURN name, properties"
_SHOW_FULLTEXT_STATE = "SHOW FULLTEXT INDEXES YIELD name, properties, state RETURN name, properties, state"
# one fixed statement per index name (names are the constants above, never input)
_DROP_INDEX = {name: f"DROP INDEX {name} IF EXISTS" for name in FULLTEXT_INDEXES}
# Reads go through the label (and so the uniqueness index): an unlabelled {id: ...}
# match would scan every node once per id.
READ_NODES = {
    label: f"UNWIND $ids AS id MATCH (n:{label.value} {{id: id}}) RETURN n.id AS id, properties(n) AS props"
    for label in Label
}
READ_RELS = {
    rel_type: (
        f"UNWIND $rows AS row "
        f"MATCH (:{start.value} {{id: row.start}})-[r:{rel_type.value} {{key: row.key}}]->(:{label_expression(ends)} {{id: row.end}}) "
        f"RETURN row.start AS start, row.end AS end, row.key AS key, properties(r) AS props"
    )
    for rel_type, (start, ends) in ENDPOINTS.items()
}
ANY_NODE = "MATCH (n) RETURN n.id AS id LIMIT 1"
ALL_NODES = "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY n.id"
ALL_RELS = (
    "MATCH (a)-[r]->(b) RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props "
    "ORDER BY start, type, end, r.key"
)
COUNT_LABELS = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label"
COUNT_TYPES = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type"
COUNT_NODE_SOURCES = "MATCH (n) UNWIND n.source_ids AS source WITH DISTINCT n, source RETURN source, count(*) AS n"
COUNT_REL_SOURCES = (
    "MATCH ()-[r]->() UNWIND r.source_ids AS source WITH DISTINCT r, source RETURN source, count(*) AS n"
)
VERSION = "CALL dbms.components() YIELD name, versions RETURN versions[0] AS version"


class Neo4jStore:
    """A talent graph in a Neo4j 5 database, reached through the official driver."""

    capabilities = StoreCapabilities(supports_cypher=True)
    _fulltext_ready: bool | None = None  # see fulltext_ready

    def __init__(self, driver: neo4j.Driver, database: str = "neo4j", uri: str = "") -> None:
        self.driver = driver
        self.database = database
        self.uri = redact_uri(uri)

    # -- connecting -----------------------------------------------------------------

    @classmethod
    def connect(
        cls, uri: str | None = None, user: str | None = None, password: str | None = None, database: str | None = None
    ) -> Neo4jStore:
        """Connect and check the server: reachable, credentials accepted, database there, Neo4j 5+.

        Unset arguments come from NEO4J_URI, NEO4J_USERNAME (or NEO4J_USER),
        NEO4J_PASSWORD and NEO4J_DATABASE.
        """
        import neo4j

        uri = uri or os.environ.get("NEO4J_URI") or "bolt://localhost:7687"
        # user:password@ in the URI is accepted, then kept out of every message (any character:
        # credentials.py parses rather than splits); the driver gets the address without them
        given = parse_neo4j_uri(uri)
        if given.user is not None:
            user = user or given.user
            password = password if password is not None else (given.password or "")
        uri = given.redacted
        try:
            parsed = urlsplit(given.address)
            parsed.port  # noqa: B018 - a bad port raises here, before the driver sees it
        except ValueError:
            raise StoreError(f"cannot use Neo4j URI {uri!r} — write it like bolt://localhost:7687") from None
        user = user or os.environ.get("NEO4J_USERNAME") or os.environ.get("NEO4J_USER") or "neo4j"
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
        database = database or os.environ.get("NEO4J_DATABASE") or "neo4j"
        if parsed.scheme not in SCHEMES or not parsed.hostname:
            raise StoreError(
                f"cannot use Neo4j URI {uri!r} — write it like bolt://localhost:7687 (schemes: {', '.join(SCHEMES)})"
            )
        try:
            driver = neo4j.GraphDatabase.driver(
                given.address,
                auth=(user, password),
                connection_timeout=10,
                max_transaction_retry_time=5,
                notifications_min_severity="OFF",
            )
        except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
            raise StoreError(
                f"cannot use Neo4j URI {uri!r} ({type(exc).__name__}) — write it like bolt://localhost:7687"
            ) from None
        store = cls(driver, database, uri)
        try:
            store._check_server()
        except BaseException:
            driver.close()
            raise
        return store

    def _check_server(self) -> None:
        import neo4j
        from neo4j import exceptions as ne

        try:
            # verify first: it fails fast, where a query would be retried for seconds
            self.driver.verify_connectivity()
            version = self.driver.execute_query(
                VERSION, database_=self.database, routing_=neo4j.RoutingControl.READ
            ).records[0]["version"]
        except ne.AuthError:
            raise StoreError(
                f"Neo4j at {self.uri} refused the credentials — check NEO4J_USERNAME and NEO4J_PASSWORD"
            ) from None
        except ne.ServiceUnavailable as exc:
            reason = "connection refused" if "refused" in str(exc).lower() else "no answer"
            raise StoreError(
                f"cannot reach Neo4j at {self.uri} ({reason}) — is it running? see README 'Neo4j'"
            ) from None
        except ne.ClientError as exc:
            if "DatabaseNotFound" in (exc.code or ""):
                raise StoreError(
                    f"Neo4j at {self.uri} has no database {self.database!r} — "
                    "set NEO4J_DATABASE to one that exists (SHOW DATABASES lists them)"
                ) from None
            raise StoreError(f"Neo4j at {self.uri} answered with an error ({exc.code}) — see the server log") from None
        except ne.Neo4jError as exc:
            raise StoreError(f"Neo4j at {self.uri} answered with an error ({exc.code}) — see the server log") from None
        except ne.DriverError as exc:
            raise StoreError(
                f"cannot talk to Neo4j at {self.uri} ({type(exc).__name__}) — is it a Neo4j 5 server?"
            ) from None
        major = int(str(version).split(".")[0]) if str(version)[:1].isdigit() else 0
        if major < 5:
            raise StoreError(f"Neo4j at {self.uri} is version {version}; talentgraph needs Neo4j 5 or newer")

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ensure_schema(self) -> None:
        """One uniqueness constraint per label on ``id`` and the full-text index (idempotent)."""
        with neo4j_errors(self.uri, "the schema set-up"):
            for statement in CONSTRAINTS.values():
                self.driver.execute_query(statement, database_=self.database)
            shown = self.driver.execute_query(_SHOW_FULLTEXT, database_=self.database).records
            existing = {r["name"]: tuple(r["properties"]) for r in shown}
            for name, (statement, properties) in FULLTEXT_INDEXES.items():
                if name in existing and sorted(existing[name]) != sorted(properties):
                    self.driver.execute_query(_DROP_INDEX[name], database_=self.database)
                self.driver.execute_query(statement, database_=self.database)
        self._fulltext_ready = None

    def fulltext_ready(self) -> bool:
        """Whether the full-text indexes exist, online, over the properties this version
        indexes (a database loaded by an older version and only read since may lack
        them: readers then scan). Asked once per store object."""
        if self._fulltext_ready is None:
            rows = self._read(_SHOW_FULLTEXT_STATE)
            online = {r["name"]: sorted(r["properties"]) for r in rows if r["state"] == "ONLINE"}
            self._fulltext_ready = all(online.get(n) == sorted(p) for n, (_, p) in FULLTEXT_INDEXES.items())
        return bool(self._fulltext_ready)

    # -- writing --------------------------------------------------------------------

    def write(self, nodes: Iterable[Node] = (), relationships: Iterable[Relationship] = ()) -> WriteSummary:
        """Merge nodes and relationships, with the embedded store's semantics."""
        with neo4j_errors(self.uri, LOAD):
            return self._write(_dedupe_nodes(list(nodes)), _dedupe_rels(list(relationships)))

    def _write(self, nodes: list[Node], relationships: list[Relationship]) -> WriteSummary:
        existing = self._read_nodes(
            {n.id for n in nodes} | {r.start for r in relationships} | {r.end for r in relationships}
        )
        check_batch(nodes, relationships, lambda i: existing[i][0] if i in existing else None)
        existing_rels = self._read_relationships(relationships, existing)
        statements: list[tuple[str, list[dict[str, Any]]]] = []
        by_label: dict[Label, list[dict[str, Any]]] = {}
        for node in nodes:
            old = existing.get(node.id, (None, {}))[1]
            props = (
                merge_props({k: v for k, v in old.items() if k != "id"}, node.props)
                if node.id in existing
                else _clean(node.props)
            )
            by_label.setdefault(node.label, []).append({"id": node.id, "props": {**props, "id": node.id}})
        for label in Label:
            statements += [(NODE_MERGE[label], chunk) for chunk in _chunks(by_label.get(label, []))]
        by_type: dict[RelType, list[dict[str, Any]]] = {}
        for rel in relationships:
            old_rel = existing_rels.get(rel.identity)
            props = (
                merge_props({k: v for k, v in old_rel.items() if k != "key"}, rel.props)
                if old_rel is not None
                else _clean(rel.props)
            )
            by_type.setdefault(rel.type, []).append(
                {"start": rel.start, "end": rel.end, "key": rel.key, "props": {**props, "key": rel.key}}
            )
        for rel_type in RelType:
            statements += [(REL_MERGE[rel_type], chunk) for chunk in _chunks(by_type.get(rel_type, []))]
        self._run_in_transactions(statements)
        rel_existing = sum(1 for r in relationships if r.identity in existing_rels)
        node_existing = sum(1 for n in nodes if n.id in existing)
        return WriteSummary(len(nodes) - node_existing, node_existing, len(relationships) - rel_existing, rel_existing)

    def apply_edits(self, edits: GraphEdits) -> None:
        """Apply a plan of deletions and exact replacements (see ``graph_edits``) in one
        transaction: it lands whole or not at all."""
        from .edits import edit_transaction

        work = edit_transaction(edits, self.uri)
        with neo4j_errors(self.uri, "the edit"), self.driver.session(database=self.database) as session:
            session.execute_write(work)

    def _run_in_transactions(self, statements: list[tuple[str, list[dict[str, Any]]]]) -> None:
        group: list[tuple[str, list[dict[str, Any]]]] = []
        size = 0
        for statement in statements:
            if group and size + len(statement[1]) > TX_ROWS:
                self._commit(group)
                group, size = [], 0
            group.append(statement)
            size += len(statement[1])
        if group:
            self._commit(group)

    def _commit(self, group: list[tuple[str, list[dict[str, Any]]]]) -> None:
        def work(tx: neo4j.ManagedTransaction) -> None:  # only Cypher in here: the driver may run it more than once
            for query, rows in group:
                tx.run(query, rows=rows).consume()

        with self.driver.session(database=self.database) as session:
            session.execute_write(work)

    def _read_nodes(self, ids: set[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        found: dict[str, tuple[str, dict[str, Any]]] = {}
        if not self._read(ANY_NODE):
            return found  # a first load into an empty database has nothing to merge with
        for chunk in _chunks(sorted(ids)):
            for label in Label:
                for record in self._read(READ_NODES[label], ids=chunk):
                    found[record["id"]] = (label.value, record["props"])
        return found

    def _read_relationships(
        self, rels: list[Relationship], existing: dict[str, tuple[str, dict[str, Any]]]
    ) -> dict[tuple[str, str, str, str], dict[str, Any]]:
        # a relationship can only exist between nodes that already exist
        by_type: dict[RelType, list[dict[str, Any]]] = {}
        for r in rels:
            if r.start in existing and r.end in existing:
                by_type.setdefault(r.type, []).append({"start": r.start, "end": r.end, "key": r.key})
        found: dict[tuple[str, str, str, str], dict[str, Any]] = {}
        for rel_type, rows in by_type.items():
            for chunk in _chunks(rows):
                for rec in self._read(READ_RELS[rel_type], rows=chunk):
                    found[(rec["start"], rel_type.value, rec["end"], rec["key"])] = rec["props"]
        return found

    def clear(self) -> None:
        """Delete every node and relationship (the constraints stay), in bounded batches."""
        with neo4j_errors(self.uri, "clearing the database"):
            while True:
                summary = self.driver.execute_query(
                    "MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted", database_=self.database
                )
                if summary.records[0]["deleted"] == 0:
                    return

    # -- reading --------------------------------------------------------------------

    def _read(self, query: str, **parameters: Any) -> list[neo4j.Record]:
        import neo4j

        with neo4j_errors(self.uri, READ):
            return self.driver.execute_query(
                query, parameters, database_=self.database, routing_=neo4j.RoutingControl.READ
            ).records

    def execute_read(self, cypher: str, parameters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run read-only Cypher with bound parameters; records as dicts of plain values."""
        import neo4j

        with (
            neo4j_errors(self.uri, QUERY),
            self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session,
        ):
            return session.execute_read(_records_of(cypher, parameters))

    def execute_write(self, cypher: str, parameters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run Cypher that may write, with bound parameters, in one write transaction."""
        with neo4j_errors(self.uri, QUERY), self.driver.session(database=self.database) as session:
            return session.execute_write(_records_of(cypher, parameters))

    def node(self, node_id: str) -> Node | None:
        found = self._read_nodes({node_id})
        if node_id not in found:
            return None
        label, props = found[node_id]
        return Node(node_id, Label(label), {k: v for k, v in props.items() if k != "id"})

    def nodes(self, label: Label | None = None) -> Iterator[Node]:
        for rec in self._read(ALL_NODES):
            if label is None or rec["labels"][0] == label.value:
                yield Node(rec["id"], Label(rec["labels"][0]), {k: v for k, v in rec["props"].items() if k != "id"})

    def relationships(self, rel_type: RelType | None = None) -> Iterator[Relationship]:
        for rec in self._read(ALL_RELS):
            if rel_type is None or rec["type"] == rel_type.value:
                props = {k: v for k, v in rec["props"].items() if k != "key"}
                yield Relationship(RelType(rec["type"]), rec["start"], rec["end"], props, rec["props"].get("key", ""))

    def stats(self) -> dict[str, dict[str, int]]:
        nodes = {r["label"]: r["n"] for r in self._read(COUNT_LABELS)}
        rels = {r["type"]: r["n"] for r in self._read(COUNT_TYPES)}
        return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}

    def source_counts(self) -> dict[str, int]:
        """How many nodes and relationships cite each source, sorted by source id."""
        counts: dict[str, int] = {}
        for query in (COUNT_NODE_SOURCES, COUNT_REL_SOURCES):
            for record in self._read(query):
                counts[record["source"]] = counts.get(record["source"], 0) + record["n"]
        return dict(sorted(counts.items()))

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole database as the embedded store's graph shape (a copy)."""
        graph = nx.MultiDiGraph()
        for node in self.nodes():
            graph.add_node(node.id, label=node.label.value, **node.props)
        for rel in self.relationships():
            graph.add_edge(rel.start, rel.end, edge_key(rel.type.value, rel.key))
            graph.edges[rel.start, rel.end, edge_key(rel.type.value, rel.key)].update(
                type=rel.type.value, key=rel.key, **rel.props
            )
        return graph


def _records_of(
    cypher: str, parameters: dict[str, Any] | None
) -> Callable[[neo4j.ManagedTransaction], list[dict[str, Any]]]:
    def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
        return [_plain_record(r) for r in tx.run(cypher, parameters or {})]

    return work


def _chunks(rows: list[T], size: int | None = None) -> Iterator[list[T]]:
    size = size or BATCH_ROWS
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None}


def _dedupe_nodes(nodes: list[Node]) -> list[Node]:
    """A batch may mention one node twice; merge the mentions first, in order."""
    merged: dict[str, Node] = {}
    for node in nodes:
        if node.id in merged:
            node = Node(node.id, node.label, merge_props(merged[node.id].props, node.props))
        merged[node.id] = node
    return list(merged.values())


def _dedupe_rels(rels: list[Relationship]) -> list[Relationship]:
    merged: dict[tuple[str, str, str, str], Relationship] = {}
    for rel in rels:
        if rel.identity in merged:
            rel = Relationship(
                rel.type, rel.start, rel.end, merge_props(merged[rel.identity].props, rel.props), rel.key
            )
        merged[rel.identity] = rel
    return list(merged.values())


def _plain(value: Any) -> Any:
    from neo4j.graph import Node as NeoNode
    from neo4j.graph import Path as NeoPath
    from neo4j.graph import Relationship as NeoRel

    if isinstance(value, NeoNode):
        props = dict(value)
        return {"id": props.pop("id", None), "label": next(iter(value.labels), None), **dict(sorted(props.items()))}
    if isinstance(value, NeoRel):
        props = dict(value)
        start, end = value.start_node, value.end_node
        return {
            "type": value.type,
            "start": start["id"] if start is not None else None,
            "end": end["id"] if end is not None else None,
            **dict(sorted(props.items())),
        }
    if isinstance(value, NeoPath):
        return {"nodes": [_plain(n) for n in value.nodes], "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _plain_record(record: neo4j.Record) -> dict[str, Any]:
    return {key: _plain(record[key]) for key in record.keys()}
