"""A ``GraphEdits`` plan as Neo4j statements: fixed ``UNWIND $rows`` text per label and
relationship type, taken from tables built from the model's enums — never from data.

Deletions come first (relationships, then nodes with DETACH DELETE), then the records
to put: the store's own ``MERGE ... SET n = row.props`` statements, which overwrite the
properties exactly. ``Neo4jStore.apply_edits`` runs them all in one transaction
(``edit_transaction``).

>>> from talentgraph.graph.graph_edits import GraphEdits
>>> [query for query, _ in edit_statements(GraphEdits(delete_nodes={"meta": Label.ORGANIZATION}))]
['UNWIND $rows AS id MATCH (n:Organization {id: id}) DETACH DELETE n']
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import StoreError
from ..graph_edits import GraphEdits
from ..model import ENDPOINTS, Label, RelType
from .store import NODE_MERGE, REL_MERGE, _chunks

__all__ = ["NODE_DELETE", "REL_DELETE", "REL_PUT", "edit_statements", "edit_transaction"]

NODE_DELETE = {label: f"UNWIND $rows AS id MATCH (n:{label.value} {{id: id}}) DETACH DELETE n" for label in Label}
REL_DELETE = {
    rel_type: (
        f"UNWIND $rows AS row "
        f"MATCH (:{start.value} {{id: row.start}})-[r:{rel_type.value} {{key: row.key}}]->(:{end.value} {{id: row.end}}) "
        f"DELETE r"
    )
    for rel_type, (start, end) in ENDPOINTS.items()
}
# counted, so a relationship whose endpoint is missing fails the transaction instead of vanishing
REL_PUT = {rel_type: f"{statement} RETURN count(r) AS written" for rel_type, statement in REL_MERGE.items()}


def edit_statements(edits: GraphEdits) -> list[tuple[str, list]]:
    """``(query, rows)`` pairs that carry out ``edits``, in the order they must run."""
    statements: list[tuple[str, list]] = []
    rel_deletes: dict[RelType, list[dict]] = {}
    for start, rel_type, end, key in edits.delete_relationships:
        rel_deletes.setdefault(RelType(rel_type), []).append({"start": start, "end": end, "key": key})
    for rel_type in RelType:
        statements += [(REL_DELETE[rel_type], chunk) for chunk in _chunks(rel_deletes.get(rel_type, []))]
    node_deletes: dict[Label, list[str]] = {}
    for node_id, label in sorted(edits.delete_nodes.items()):
        node_deletes.setdefault(label, []).append(node_id)
    for label in Label:
        statements += [(NODE_DELETE[label], chunk) for chunk in _chunks(node_deletes.get(label, []))]
    node_puts: dict[Label, list[dict]] = {}
    for node in edits.put_nodes:
        props = {k: v for k, v in node.props.items() if v is not None}
        node_puts.setdefault(node.label, []).append({"id": node.id, "props": {**props, "id": node.id}})
    for label in Label:
        statements += [(NODE_MERGE[label], chunk) for chunk in _chunks(node_puts.get(label, []))]
    rel_puts: dict[RelType, list[dict]] = {}
    for rel in edits.put_relationships:
        props = {k: v for k, v in rel.props.items() if v is not None}
        rel_puts.setdefault(rel.type, []).append({"start": rel.start, "end": rel.end, "key": rel.key,
                                                  "props": {**props, "key": rel.key}})
    for rel_type in RelType:
        statements += [(REL_PUT[rel_type], chunk) for chunk in _chunks(rel_puts.get(rel_type, []))]
    return statements


def edit_transaction(edits: GraphEdits, uri: str) -> Callable:
    """The transaction function for ``session.execute_write``: the statements are
    computed here, once; the function only runs them and checks their counts (the
    driver may run it more than once)."""
    statements = edit_statements(edits)

    def work(tx) -> None:
        for query, rows in statements:
            records = list(tx.run(query, rows=rows))
            if records and "written" in records[0].keys() and records[0]["written"] != len(rows):
                raise StoreError(f"a relationship to put has no endpoint in Neo4j at {uri}; nothing was changed "
                                 "— plan the edits again from the current graph")

    return work
