"""One identity per real entity: when does an incoming record name something the store
already holds?

Two people or organizations are the same when (in this order):

1. the alias file says so (``same: [[a, b]]``) — or, the other way, it says they are
   ``different`` and nothing below merges them;
2. they share an external id (``wikidata_qid``, ``crunchbase_permalink``, ``domain``);
3. their names or aliases are equal once normalised — case, width, accents, spacing,
   punctuation and, for organizations, corporate suffixes (Inc., Ltd., GmbH, LLC,
   Corp., ...) folded away — they carry the same label, no conflicting external id,
   and the name points at exactly one entity. People must share their *name*: a
   person matching only another's alias is reported, not merged.

A name shared by entities with different external ids, or matching several
entities, is reported as a conflict and never merged silently.

>>> org_key("Scale AI, Inc.") == org_key("scale ai")
True
>>> decisions = parse_alias_decisions("same: [[meta, Facebook]]\\ndifferent: [[apple, Apple Records]]")
>>> decisions.same_group("facebook") == decisions.same_group("meta")
True
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import yaml

from ..errors import SourceError
from ..model import Label, Node, Relationship, slugify
from .names import normalize_name

if TYPE_CHECKING:
    from ..graph_store import IndexedStore

__all__ = [
    "EXTERNAL_IDS",
    "AliasDecisions",
    "GraphLookup",
    "IndexedLookup",
    "Conflict",
    "Match",
    "Resolution",
    "clean_name",
    "org_key",
    "parse_alias_decisions",
    "person_key",
    "read_alias_decisions",
    "resolve_batch",
]

# Properties holding ids in another system: equal means same entity, different means not.
EXTERNAL_IDS = ("wikidata_qid", "crunchbase_permalink", "domain")
RESOLVED_LABELS = frozenset({Label.PERSON.value, Label.ORGANIZATION.value})

_SPACE = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
_SUFFIX = re.compile(
    r"(?:[\s,]+(?:inc|incorporated|ltd|limited|llc|l\.l\.c|gmbh|corp|corporation|co|company|plc|ag|sa|s\.a|bv|b\.v|nv|pty|srl|sas|lp|llp)\.?)+$",
    re.IGNORECASE,
)


def clean_name(text: str) -> str:
    """The name as written, with stray and zero-width spaces removed.

    >>> clean_name("  Barry\\u200b  Grimes ")
    'Barry Grimes'
    """
    if text.isascii():
        return " ".join(text.split())
    return _SPACE.sub(" ", text).strip()


def person_key(name: str) -> str:
    """A person's name folded for comparison.

    >>> person_key("Cullen O’Keefe") == person_key('Cullen O"Keefe')
    True
    """
    return normalize_name(name)


def org_key(name: str) -> str:
    """An organization's name folded for comparison, corporate suffixes dropped.

    >>> org_key("Anthropic PBC") == org_key("Anthropic"), org_key("Google LLC") == org_key("Google")
    (False, True)
    """
    stripped = _SUFFIX.sub("", clean_name(name))
    return normalize_name(stripped or name)


def name_key(label: str, name: str) -> str:
    return org_key(name) if label == Label.ORGANIZATION.value else person_key(name)


@dataclass
class AliasDecisions:
    """A user's decisions: groups of names/ids that are one entity, pairs that are not."""

    same: list[list[str]] = field(default_factory=list)
    different: list[list[str]] = field(default_factory=list)

    def same_group(self, text: str) -> int | None:
        key = normalize_name(text)
        for i, group in enumerate(self.same):
            if any(normalize_name(t) == key for t in group):
                return i
        return None

    def are_different(self, a: list[str], b: list[str]) -> bool:
        """True when one 'different' group names ``a`` (by any of its names) and, in
        another entry, ``b``."""
        keys_a, keys_b = {normalize_name(t) for t in a}, {normalize_name(t) for t in b}
        for group in self.different:
            keys = [normalize_name(t) for t in group]
            hits_a = {i for i, k in enumerate(keys) if k in keys_a}
            hits_b = {i for i, k in enumerate(keys) if k in keys_b}
            if any(i != j for i in hits_a for j in hits_b):
                return True
        return False


def parse_alias_decisions(text: str, where: str = "aliases.yaml") -> AliasDecisions:
    """Parse an alias file: ``same:`` and ``different:``, each a list of lists of names or ids."""
    try:
        doc = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise SourceError(f"{where}{line}: not valid YAML — fix the alias file") from None
    if not isinstance(doc, dict) or set(doc) - {"same", "different"}:
        raise SourceError(f"{where}: expected the keys 'same' and 'different', e.g. same: [[Meta, Facebook]]")
    groups: dict[str, list[list[str]]] = {}
    for key in ("same", "different"):
        value = doc.get(key) or []
        if value and all(isinstance(v, str) for v in value):
            value = [value]  # "same: [a, b]" is one group
        if not isinstance(value, list) or not all(
            isinstance(g, list) and len(g) >= 2 and all(isinstance(t, str) for t in g) for g in value
        ):
            raise SourceError(f"{where}: '{key}' must be a list of groups of two or more names, e.g. {key}: [[a, b]]")
        groups[key] = value
    return AliasDecisions(groups["same"], groups["different"])


def read_alias_decisions(path: str | Path | None) -> AliasDecisions:
    """The alias file at ``path``; no decisions when ``path`` is None or does not exist."""
    if path is None or not Path(path).exists():
        return AliasDecisions()
    return parse_alias_decisions(Path(path).read_text(encoding="utf-8"), str(path))


@dataclass(frozen=True)
class Match:
    incoming: str
    existing: str
    reason: str


@dataclass(frozen=True)
class Conflict:
    name: str
    ids: tuple[str, ...]
    reason: str


@dataclass
class Resolution:
    matches: list[Match] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def mapping(self) -> dict[str, str]:
        return {m.incoming: m.existing for m in self.matches}


class _StoreIndex:
    """What matching asks of the store, answered from a networkx graph (indexed once here)."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.by_ext: dict[tuple[str, str], str] = {}
        self.by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
        for node_id, attrs in graph.nodes(data=True):
            label = attrs.get("label")
            if label not in RESOLVED_LABELS:
                continue
            for prop in EXTERNAL_IDS:
                if attrs.get(prop):
                    self.by_ext[(prop, attrs[prop])] = node_id
            for text in entity_names(attrs):
                if key := name_key(label, text):
                    self.by_key[(label, key)].add(node_id)

    def attrs(self, node_id: str) -> dict[str, Any] | None:
        found: dict[str, Any] | None = self.graph.nodes[node_id] if node_id in self.graph else None
        return found

    def external(self, prop: str, value: str) -> str | None:
        found: str | None = self.by_ext.get((prop, value))
        return found

    def named(self, label: str, key: str) -> set[str]:
        return self.by_key.get((label, key), set())

    def in_group(self, label: str, group: int, decisions: AliasDecisions) -> str | None:
        for node_id, attrs in self.graph.nodes(data=True):
            if attrs.get("label") == label and any(
                decisions.same_group(t) == group for t in (node_id, *entity_names(attrs))
            ):
                return str(node_id)
        return None

    def has_entities(self) -> bool:
        return any(self.graph.nodes[n].get("label") in RESOLVED_LABELS for n in self.graph)

    def add(self, node_id: str, attrs: dict[str, Any]) -> None:
        """Index one more node (``attrs`` with its ``label``), as if it had been in the graph."""
        self.graph.add_node(node_id, **attrs)
        for prop in EXTERNAL_IDS:
            if attrs.get(prop):
                self.by_ext[(prop, attrs[prop])] = node_id
        if attrs["label"] in RESOLVED_LABELS:
            for text in entity_names(attrs):
                if key := name_key(attrs["label"], text):
                    self.by_key[(attrs["label"], key)].add(node_id)


class IndexedLookup:
    """What matching asks of the store, answered by a store's own index (``IndexedStore``:
    index seeks, nothing read whole), with the nodes of batches resolved before it
    (``add``) on top.

    A streamed load writes a source in chunks inside one transaction, so the index already
    holds the source's earlier chunks; ``hidden`` are their ids, which matching ignores —
    the records of one source are never matched against each other, loaded whole or not.
    """

    def __init__(self, store: IndexedStore, hidden: set[str] | None = None) -> None:
        self.store = store
        self.graph = store.to_networkx()
        self.pending = _StoreIndex(nx.MultiDiGraph())
        self.hidden: set[str] = hidden if hidden is not None else set()

    def add(self, node_id: str, attrs: dict[str, Any]) -> None:
        self.pending.add(node_id, attrs)

    def attrs(self, node_id: str) -> dict[str, Any] | None:
        if node_id in self.hidden:
            return None
        if node_id in self.graph:
            found: dict[str, Any] = self.graph.nodes[node_id]
            return found
        return self.pending.attrs(node_id)

    def external(self, prop: str, value: str) -> str | None:
        found = self.store.id_with_external(prop, value)
        return found if found is not None and found not in self.hidden else self.pending.external(prop, value)

    def named(self, label: str, key: str) -> set[str]:
        return (set(self.store.ids_matching(label, key)) - self.hidden) | self.pending.named(label, key)

    def in_group(self, label: str, group: int, decisions: AliasDecisions) -> str | None:
        found = {i for text in decisions.same[group] for i in self.store.ids_named(normalize_name(text))}
        hits = sorted(i for i in found - self.hidden if (self.attrs(i) or {}).get("label") == label)
        return hits[0] if hits else self.pending.in_group(label, group, decisions)

    def has_entities(self) -> bool:
        counts = self.store.stats()["nodes"]
        return any(counts.get(label) for label in RESOLVED_LABELS) or self.pending.has_entities()


class GraphLookup:
    """What matching asks of a networkx graph, indexed once, with the nodes of sources
    resolved before (``add``) on top — for stores without their own name index."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.base = _StoreIndex(graph)
        self.pending = _StoreIndex(nx.MultiDiGraph())

    def add(self, node_id: str, attrs: dict[str, Any]) -> None:
        self.pending.add(node_id, attrs)

    def attrs(self, node_id: str) -> dict[str, Any] | None:
        found = self.base.attrs(node_id)
        return found if found is not None else self.pending.attrs(node_id)

    def external(self, prop: str, value: str) -> str | None:
        return self.base.external(prop, value) or self.pending.external(prop, value)

    def named(self, label: str, key: str) -> set[str]:
        return self.base.named(label, key) | self.pending.named(label, key)

    def in_group(self, label: str, group: int, decisions: AliasDecisions) -> str | None:
        return self.base.in_group(label, group, decisions) or self.pending.in_group(label, group, decisions)

    def has_entities(self) -> bool:
        return self.base.has_entities() or self.pending.has_entities()


Lookup = _StoreIndex | IndexedLookup | GraphLookup


def entity_names(props: dict[str, Any]) -> list[str]:
    return [t for t in (props.get("name", ""), *props.get("aliases", [])) if t]


def match_node(node: Node, index: Lookup, decisions: AliasDecisions) -> Match | Conflict | None:
    """The store entity ``node`` is, or a conflict, or None (a new entity)."""
    label = node.label.value

    def attrs(node_id: str) -> dict[str, Any]:
        return index.attrs(node_id) or {}

    for prop in EXTERNAL_IDS:
        if (value := node.props.get(prop)) and (hit := index.external(prop, value)):
            if attrs(hit).get("label") == label:
                return Match(node.id, hit, f"same {prop} {value}")
    names = entity_names(node.props)
    group = next((grp for t in names if (grp := decisions.same_group(t)) is not None), None)
    candidates: set[str] = set()
    for text in names:
        candidates |= index.named(label, name_key(label, text))
    if group is not None and (same := index.in_group(label, group, decisions)) is not None:
        return Match(node.id, same, "alias file: same")
    candidates = {c for c in candidates if not decisions.are_different([node.id, *names], [c, *entity_names(attrs(c))])}
    if not candidates:
        return None
    if len(candidates) > 1:
        return Conflict(
            node.props.get("name", node.id),
            tuple(sorted({node.id, *candidates})),
            "the name matches several entities — add a 'same' or 'different' decision to the alias file",
        )
    (hit,) = candidates
    if label == Label.PERSON.value and name_key(label, node.props.get("name", "")) != name_key(
        label, attrs(hit).get("name", "")
    ):
        # people share short or romanised names far more than companies do: an alias-only
        # match ("Alex Zhu" is an alias of Zhu Jun) is shown, not acted on
        return Conflict(
            node.props.get("name", node.id),
            tuple(sorted({node.id, hit})),
            f"matches only an alias of {attrs(hit).get('name', hit)!r} — if they are one person, "
            f"add same: [{hit}, {node.id}] to the alias file",
        )
    for prop in EXTERNAL_IDS:
        mine, theirs = node.props.get(prop), attrs(hit).get(prop)
        if mine and theirs and mine != theirs:
            return Conflict(
                node.props.get("name", node.id),
                tuple(sorted({node.id, hit})),
                f"same name, different {prop} ({mine} vs {theirs}) — kept apart",
            )
    return Match(node.id, hit, "same normalised name")


def _key_clash(node: Node, stored: dict[str, Any]) -> str | None:
    """The external id ``node`` and the stored entity of the same id state differently."""
    return next((p for p in EXTERNAL_IDS if node.props.get(p) and stored.get(p) and node.props[p] != stored[p]), None)


def resolve_batch(
    graph: nx.MultiDiGraph,
    nodes: list[Node],
    relationships: list[Relationship],
    decisions: AliasDecisions | None = None,
    index: Lookup | None = None,
) -> tuple[list[Node], list[Relationship], Resolution]:
    """Map incoming people and organizations to the store entities they are.

    Returns the nodes and relationships with ids rewritten, and the ``Resolution``
    (matches with their reason, conflicts left apart). An incoming id already in the
    store is that entity, no questions asked. ``index`` (an ``IndexedLookup`` or a
    ``GraphLookup``, made once for a whole load) answers instead of indexing ``graph``.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); g.add_node("google", label="Organization", name="Google", aliases=[])
    >>> new, _, res = resolve_batch(g, [Node("google-llc", Label.ORGANIZATION, {"name": "Google LLC"})], [])
    >>> [n.id for n in new], res.matches[0].reason
    (['google'], 'same normalised name')
    """
    decisions = decisions or AliasDecisions()
    resolution = Resolution()
    if index is None:
        if not any(graph.nodes[n].get("label") in RESOLVED_LABELS for n in graph):
            return nodes, relationships, resolution  # an empty store: nothing to match against
        index = _StoreIndex(graph)
    elif not index.has_entities():
        return nodes, relationships, resolution
    for node in nodes:
        stored = index.attrs(node.id)
        if stored is not None and stored.get("label") != node.label.value:
            # a slug taken by another kind of entity (a person called "Meta"): a new id, not a clash
            new_id = f"{node.id}-{node.label.value.lower()}"
            resolution.matches.append(Match(node.id, new_id, f"id {node.id!r} is taken by a {stored['label']}"))
            continue
        if stored is not None and node.label.value in RESOLVED_LABELS and (clash := _key_clash(node, stored)):
            found = match_node(node, index, decisions)  # the same key elsewhere, or kept apart under a new id
            if not isinstance(found, Match) or found.existing == node.id:
                new_id = slugify(f"{node.id}-{node.props[clash]}")
                resolution.matches.append(
                    Match(node.id, new_id, f"id {node.id!r} is taken by another entity (different {clash})")
                )
                resolution.conflicts.append(
                    Conflict(
                        node.props.get("name", node.id),
                        (node.id, new_id),
                        f"same name, different {clash} ({node.props[clash]} vs {stored[clash]}) — kept apart",
                    )
                )
            else:
                resolution.matches.append(found)
            continue
        if stored is not None or node.label.value not in RESOLVED_LABELS:
            continue
        found = match_node(node, index, decisions)
        if isinstance(found, Match):
            resolution.matches.append(found)
        elif isinstance(found, Conflict):
            resolution.conflicts.append(found)
    mapping = resolution.mapping
    if not mapping:
        return nodes, relationships, resolution
    nodes = [Node(mapping.get(n.id, n.id), n.label, n.props) for n in nodes]
    relationships = [
        Relationship(r.type, mapping.get(r.start, r.start), mapping.get(r.end, r.end), r.props, r.key)
        for r in relationships
    ]
    return nodes, relationships, resolution
