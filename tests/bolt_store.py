"""A minimal store over a real Neo4j server for the tests: the interface the catalogue
needs from the Neo4j store (``execute_read``, ``execute_write``, ``to_networkx``) and a
batched ``write``.

The product's ``Neo4jStore`` (graph/neo4j_store.py, built on another branch) has the same
interface; ``tests/conftest.py`` uses it when it is importable, this otherwise. Writes are
``UNWIND $rows MERGE`` with one fixed query per label and relationship type, taken from a
table keyed by the model's enums — never text formatted from data.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from neo4j import GraphDatabase, READ_ACCESS, WRITE_ACCESS
from neo4j.graph import Node as BoltNode, Path as BoltPath, Relationship as BoltRelationship

from talentgraph.graph.model import ENDPOINTS, Label, Node, Relationship, RelType
from talentgraph.queries.nx_walk import subgraph_from_records

NODE_WRITES = {
    label: f"UNWIND $rows AS row MERGE (n:{label.value} {{id: row.id}}) SET n += row.props"
    for label in Label
}
REL_WRITES = {
    rel_type: (
        f"UNWIND $rows AS row MATCH (a:{start.value} {{id: row.start}}), (b:{end.value} {{id: row.end}}) "
        f"MERGE (a)-[r:{rel_type.value} {{key: row.key}}]->(b) SET r += row.props"
    )
    for rel_type, (start, end) in ENDPOINTS.items()
}
BATCH = 5000


class BoltStore:
    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j"):
        self.driver = GraphDatabase.driver(uri, auth=(user, password))
        self.database = database

    def close(self) -> None:
        self.driver.close()

    def clear(self) -> None:
        with self.driver.session(database=self.database) as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
            for label in Label:
                session.run(
                    f"CREATE CONSTRAINT {label.value.lower()}_id IF NOT EXISTS FOR (n:{label.value}) REQUIRE n.id IS UNIQUE"
                ).consume()

    def write(self, nodes: list[Node], relationships: list[Relationship]) -> None:
        by_label: dict[Label, list] = {}
        for node in nodes:
            by_label.setdefault(node.label, []).append({"id": node.id, "props": node.props})
        by_type: dict[RelType, list] = {}
        for rel in relationships:
            by_type.setdefault(rel.type, []).append(
                {"start": rel.start, "end": rel.end, "key": rel.key, "props": rel.props}
            )
        with self.driver.session(database=self.database, default_access_mode=WRITE_ACCESS) as session:
            for table, groups in ((NODE_WRITES, by_label), (REL_WRITES, by_type)):
                for kind, rows in groups.items():
                    for i in range(0, len(rows), BATCH):
                        session.execute_write(lambda tx, q=table[kind], r=rows[i:i + BATCH]: tx.run(q, rows=r).consume())

    def execute_read(self, cypher: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
        return self._run(cypher, parameters, READ_ACCESS)

    def execute_write(self, cypher: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
        return self._run(cypher, parameters, WRITE_ACCESS)

    def _run(self, cypher: str, parameters: dict[str, Any], mode: str) -> list[dict[str, Any]]:
        def work(tx):
            return [{k: plain(v) for k, v in record.items()} for record in tx.run(cypher, parameters)]

        with self.driver.session(database=self.database, default_access_mode=mode) as session:
            run = session.execute_read if mode == READ_ACCESS else session.execute_write
            return run(work)

    def to_networkx(self) -> nx.MultiDiGraph:
        nodes = self.execute_read("MATCH (n) RETURN n", {})
        rels = self.execute_read(
            "MATCH (a)-[r]->(b) RETURN r {.*, type: type(r), start: a.id, end: b.id} AS r", {}
        )
        return subgraph_from_records(nodes + rels)

    def count(self) -> tuple[int, int]:
        record = self.execute_read("MATCH (n) RETURN count(n) AS n, COUNT { ()-->() } AS r", {})[0]
        return record["n"], record["r"]


def plain(value: Any) -> Any:
    """Driver values as plain Python: nodes and relationships as dicts, paths as their parts."""
    if isinstance(value, BoltNode):
        return {"id": value.get("id"), "label": next(iter(value.labels), None), **dict(value)}
    if isinstance(value, BoltRelationship):
        return {"type": value.type, "start": value.start_node.get("id"), "end": value.end_node.get("id"), **dict(value)}
    if isinstance(value, BoltPath):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
