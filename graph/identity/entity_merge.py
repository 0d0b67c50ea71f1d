"""Duplicates already in a store: find them (``resolve --dry-run``) and merge them.

Uses the rules of ``talentgraph.graph.identity.resolution``: same external id, or same normalised
name and label with no conflicting external id and no 'different' decision; the alias
file's 'same' groups merge whatever they name. Names shared by entities with different
external ids are reported as conflicts and left apart.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("google", label="Organization", name="Google", aliases=[], source_ids=["a"], locators=["a#1"])
>>> g.add_node("google-llc", label="Organization", name="Google LLC", aliases=[], source_ids=["b"], locators=["b#1"])
>>> [(m.incoming, m.existing, m.reason) for m in find_duplicates(g).matches]
[('google-llc', 'google', 'same normalised name')]
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..graph_edits import diff_graphs
from ..model import merge_props
from .resolution import (
    EXTERNAL_IDS,
    RESOLVED_LABELS,
    AliasDecisions,
    Conflict,
    Match,
    Resolution,
    entity_names,
    name_key,
)

if TYPE_CHECKING:
    from ..graph_store import GraphStore

__all__ = ["find_duplicates", "merge_duplicates", "merge_in_graph"]


def _keeper(graph: nx.MultiDiGraph, ids: list[str]) -> str:
    """The entity the others merge into: the best connected, then the shortest id."""
    return min(ids, key=lambda n: (-graph.degree(n), len(n), n))


def find_duplicates(graph: nx.MultiDiGraph, decisions: AliasDecisions | None = None) -> Resolution:
    """What would merge, and why; conflicts that will not merge without a decision."""
    decisions = decisions or AliasDecisions()
    groups: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    for node_id, attrs in graph.nodes(data=True):
        label = attrs.get("label")
        if label not in RESOLVED_LABELS:
            continue
        for prop in EXTERNAL_IDS:
            if attrs.get(prop):
                groups[("ext", label, prop, attrs[prop])].add(node_id)
        for text in (node_id, *entity_names(attrs)):
            if (i := decisions.same_group(text)) is not None:
                groups[("same", label, i)].add(node_id)
        # people are grouped by their names only: an alias-only match is not evidence
        # enough for a person (see talentgraph.graph.identity.resolution)
        for text in entity_names(attrs) if label != "Person" else [attrs.get("name", "")]:
            if key := name_key(label, text):
                groups[("name", label, key)].add(node_id)
    resolution, merged = Resolution(), dict[str, str]()
    for kind in ("same", "ext", "name"):
        for group_key, members in sorted(groups.items(), key=lambda item: str(item[0])):
            if group_key[0] != kind:
                continue
            ids = sorted({merged.get(m, m) for m in members})
            if len(ids) < 2:
                continue
            reason = {"same": "alias file: same", "ext": f"same {group_key[2]} {group_key[-1]}"}.get(
                kind, "same normalised name"
            )
            if kind == "name":
                conflict = _conflict(graph, ids, decisions)
                if conflict:
                    resolution.conflicts.append(Conflict(graph.nodes[ids[0]].get("name", ids[0]), tuple(ids), conflict))
                    continue
            keep = _keeper(graph, ids)
            for other in ids:
                if other != keep:
                    resolution.matches.append(Match(other, keep, reason))
                    merged[other] = keep
    return resolution


def _conflict(graph: nx.MultiDiGraph, ids: list[str], decisions: AliasDecisions) -> str:
    for prop in EXTERNAL_IDS:
        values = {graph.nodes[n].get(prop) for n in ids} - {None, ""}
        if len(values) > 1:
            return f"same name, different {prop} ({', '.join(sorted(values))}) — kept apart"
    for a in ids:
        for b in ids:
            if a < b and decisions.are_different(
                [a, *entity_names(graph.nodes[a])], [b, *entity_names(graph.nodes[b])]
            ):
                return "the alias file says these are different"
    return ""


def merge_duplicates(store: GraphStore, resolution: Resolution) -> int:
    """Merge each match's entity into the one it matches, in ``store`` (embedded or
    Neo4j): properties (names become aliases), provenance and relationships move over.
    Worked out on a copy of the graph and applied as one set of edits. Returns how many merged.

    >>> from talentgraph.graph import EmbeddedStore
    >>> merge_duplicates(EmbeddedStore(), Resolution())
    0
    """
    before = store.to_networkx()
    after = before.copy()
    done = merge_in_graph(after, resolution)
    store.apply_edits(diff_graphs(before, after))
    return done


def merge_in_graph(graph: nx.MultiDiGraph, resolution: Resolution) -> int:
    """``merge_duplicates`` on a networkx graph, in place; returns how many merged."""
    done = 0
    for match in resolution.matches:
        drop, keep = match.incoming, match.existing
        if drop not in graph or keep not in graph:
            continue
        old = {k: v for k, v in graph.nodes[drop].items() if k != "label"}
        old["aliases"] = [*old.get("aliases", []), old.get("name", drop), drop]
        attrs = graph.nodes[keep]
        label = attrs["label"]
        props = merge_props({k: v for k, v in attrs.items() if k != "label"}, old)
        props["name"] = attrs.get("name", keep)
        props["aliases"] = [a for a in props.get("aliases", []) if a != props["name"]]
        attrs.clear()
        attrs.update(label=label, **props)
        moved = [
            (keep if u == drop else u, keep if v == drop else v, k, a)
            for u, v, k, a in [
                *graph.in_edges(drop, keys=True, data=True),
                *graph.out_edges(drop, keys=True, data=True),
            ]
        ]
        graph.remove_node(drop)
        for u, v, k, a in moved:
            if graph.has_edge(u, v, k):
                edge = graph.edges[u, v, k]
                merged = merge_props(
                    {x: y for x, y in edge.items() if x not in ("type", "key")},
                    {x: y for x, y in a.items() if x not in ("type", "key")},
                )
                edge.update(merged)
            else:
                graph.add_edge(u, v, k)
                graph.edges[u, v, k].update(a)  # "key" is also a property name: not a keyword here
        done += 1
    return done
