"""Edits to a stored graph, planned on a copy and applied to any store in one step.

Commands that rewrite what is stored (``unload``, ``resolve``) work out their result on
a networkx copy of the graph; ``diff_graphs(before, after)`` turns the difference into
a ``GraphEdits`` plan: records to delete, records to put (created, or their properties
overwritten exactly — no merge). Every store applies a plan with ``apply_edits``: the
embedded store edits its graph, the Neo4j store runs the plan as one transaction. The
same plan gives the same graph on both.

>>> import networkx as nx
>>> before = nx.MultiDiGraph()
>>> before.add_node("meta", label="Organization", name="Meta")
>>> after = before.copy(); after.nodes["meta"]["name"] = "Meta Platforms"
>>> diff_graphs(before, after).put_nodes
[Node(id='meta', label=<Label.ORGANIZATION: 'Organization'>, props={'name': 'Meta Platforms'})]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from .errors import StoreError
from .model import Label, Node, Relationship, RelType, edge_key

__all__ = ["GraphEdits", "apply_to_graph", "diff_graphs"]

RelIdentity = tuple[str, str, str, str]  # (start, type, end, key), as Relationship.identity


@dataclass
class GraphEdits:
    """What to change in a store. Deletions run first; deleting a node also deletes
    its relationships. ``put_*`` records are created, or replace the stored properties
    exactly (a relationship's endpoints must exist once the deletions are done)."""

    delete_nodes: dict[str, Label] = field(default_factory=dict)
    delete_relationships: list[RelIdentity] = field(default_factory=list)
    put_nodes: list[Node] = field(default_factory=list)
    put_relationships: list[Relationship] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.delete_nodes or self.delete_relationships or self.put_nodes or self.put_relationships)


def diff_graphs(before: nx.MultiDiGraph, after: nx.MultiDiGraph) -> GraphEdits:
    """The edits that turn ``before`` into ``after`` (both in the embedded store's shape:
    node attribute ``label``, edge key ``TYPE|key`` with attributes ``type`` and ``key``).
    A node's label never changes; a relationship of a deleted node is not listed again."""
    edits = GraphEdits()
    for node_id, attrs in before.nodes(data=True):
        if node_id not in after:
            edits.delete_nodes[node_id] = Label(attrs["label"])
    for start, end, key, attrs in before.edges(keys=True, data=True):
        if start in after and end in after and not after.has_edge(start, end, key):
            edits.delete_relationships.append((start, attrs["type"], end, attrs.get("key", "")))
    for node_id, attrs in after.nodes(data=True):
        if node_id not in before or before.nodes[node_id] != attrs:
            edits.put_nodes.append(
                Node(node_id, Label(attrs["label"]), {k: v for k, v in attrs.items() if k != "label"})
            )
    for start, end, key, attrs in after.edges(keys=True, data=True):
        if not before.has_edge(start, end, key) or before.edges[start, end, key] != attrs:
            props = {k: v for k, v in attrs.items() if k not in ("type", "key")}
            edits.put_relationships.append(
                Relationship(RelType(attrs["type"]), start, end, props, attrs.get("key", ""))
            )
    return edits


def apply_to_graph(graph: nx.MultiDiGraph, edits: GraphEdits) -> None:
    """Apply ``edits`` to ``graph`` in place (what ``EmbeddedStore.apply_edits`` does);
    a relationship to put whose endpoint would be missing fails before any change."""
    kept = {n.id for n in edits.put_nodes} | (set(graph) - set(edits.delete_nodes))
    for rel in edits.put_relationships:
        if rel.start not in kept or rel.end not in kept:
            missing = rel.start if rel.start not in kept else rel.end
            raise StoreError(
                f"relationship {rel.start} -{rel.type.value}-> {rel.end} has no node {missing!r}; "
                "nothing was changed — plan the edits again from the current graph"
            )
    graph.remove_nodes_from(edits.delete_nodes)
    graph.remove_edges_from(
        (start, end, edge_key(rel_type, key)) for start, rel_type, end, key in edits.delete_relationships
    )
    for node in edits.put_nodes:
        if node.id in graph:
            graph.nodes[node.id].clear()
        graph.add_node(node.id)
        graph.nodes[node.id].update(label=node.label.value, **node.props)
    for rel in edits.put_relationships:
        key = edge_key(rel.type.value, rel.key)
        if graph.has_edge(rel.start, rel.end, key):
            graph.edges[rel.start, rel.end, key].clear()
        else:
            graph.add_edge(rel.start, rel.end, key)
        # "key" is also a property name: update with a dict, not keywords
        graph.edges[rel.start, rel.end, key].update({"type": rel.type.value, "key": rel.key, **rel.props})
