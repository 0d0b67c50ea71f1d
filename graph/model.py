"""The graph model: labels, relationship types, kinds and the two record classes.

Everything here is declared once and used by every store, loader and query. Node and
relationship properties are restricted to what Neo4j can store — primitives and
homogeneous lists of primitives — so a record written to the embedded store can go to
Neo4j unchanged.

>>> deal = Node("meta-scale-ai-2025", Label.DEAL, {"name": "Meta / Scale AI", "kind": "stake"})
>>> deal.label.value
'Deal'
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .errors import ModelError

__all__ = [
    "ENDPOINTS",
    "FACTS",
    "check_batch",
    "ClaimKind",
    "DealKind",
    "DealStatus",
    "Label",
    "Node",
    "OrgKind",
    "Relationship",
    "RelType",
    "check_props",
    "edge_key",
    "heads",
    "label_expression",
    "merge_props",
    "slugify",
    "stated_by",
]


class Label(StrEnum):
    PERSON = "Person"
    ORGANIZATION = "Organization"
    DEAL = "Deal"
    SOURCE = "Source"
    CLAIM = "Claim"  # a statement of a source that is neither a deal nor a role


class RelType(StrEnum):
    FOUNDED = "FOUNDED"
    WORKED_AT = "WORKED_AT"
    LEADS = "LEADS"
    PART_OF = "PART_OF"
    MERGED_INTO = "MERGED_INTO"
    TARGET = "TARGET"
    ACQUIRER = "ACQUIRER"
    MOVED = "MOVED"
    ABOUT = "ABOUT"  # a claim and what it is about (an organization, person or deal)


class OrgKind(StrEnum):
    COMPANY = "company"
    LAB = "lab"
    UNIT = "unit"
    PRODUCT = "product"
    INVESTOR = "investor"
    CLUB = "club"
    MEDIA = "media"


class DealKind(StrEnum):
    """What the buyer sought."""

    ACQUISITION = "acquisition"  # the company and its assets
    ACQUIHIRE = "acquihire"  # the company, for its team
    LICENCE_AND_HIRE = "licence_and_hire"  # licence the technology, hire the team
    STAKE = "stake"  # a share, often with a hire
    MERGER = "merger"
    HIRE = "hire"  # people only


class ClaimKind(StrEnum):
    """What sort of statement a claim is."""

    MARKET_SPLIT = "market_split"  # shares of a market or of a whole, e.g. 40 / 60
    THRESHOLD = "threshold"  # who passed a mark, e.g. three start-ups above USD 100 bn
    PATTERN = "pattern"  # a recurring way of doing things, with examples
    PREDICTION = "prediction"  # what the source expects to happen
    COMPARISON = "comparison"  # one figure set against another
    ASSESSMENT = "assessment"  # the source's judgement of a person, firm or deal
    TREND = "trend"  # a movement over time


class DealStatus(StrEnum):
    """How a deal ended (or where it stands)."""

    COMPLETED = "completed"
    ANNOUNCED = "announced"
    IN_TALKS = "in_talks"
    RUMOURED = "rumoured"
    FAILED = "failed"  # negotiated, then broke down
    REJECTED = "rejected"  # the target said no
    ABANDONED = "abandoned"  # talks ended before any offer was made


def edge_key(rel_type: str, key: str) -> str:
    """The networkx edge key of a relationship: its type and its own key, one per pair of ends.

    >>> edge_key("MOVED", "alexandr-wang")
    'MOVED|alexandr-wang'
    """
    return f"{rel_type}|{key}"


# Which labels each relationship type connects, so talent paths read left to right:
# one start label, and the end labels allowed (one, except for a claim's ABOUT).
ENDPOINTS: dict[RelType, tuple[Label, tuple[Label, ...]]] = {
    RelType.FOUNDED: (Label.PERSON, (Label.ORGANIZATION,)),
    RelType.WORKED_AT: (Label.PERSON, (Label.ORGANIZATION,)),
    RelType.LEADS: (Label.PERSON, (Label.ORGANIZATION,)),
    RelType.PART_OF: (Label.ORGANIZATION, (Label.ORGANIZATION,)),
    RelType.MERGED_INTO: (Label.ORGANIZATION, (Label.ORGANIZATION,)),
    RelType.TARGET: (Label.DEAL, (Label.ORGANIZATION,)),
    RelType.ACQUIRER: (Label.DEAL, (Label.ORGANIZATION,)),
    RelType.MOVED: (Label.DEAL, (Label.PERSON,)),
    RelType.ABOUT: (Label.CLAIM, (Label.ORGANIZATION, Label.PERSON, Label.DEAL)),
}


def label_expression(labels: tuple[Label, ...]) -> str:
    """Labels as a Cypher label expression: what a fixed statement matches an end with.

    >>> label_expression(ENDPOINTS[RelType.ABOUT][1])
    'Organization|Person|Deal'
    """
    return "|".join(label.value for label in labels)


# Parallel lists: entry i of each says where fact i came from.
PROVENANCE = ("source_ids", "locators")
# Parallel lists holding the values some source gives for a fact that another source
# states differently; the node's own property keeps the preferred value.
DISPUTE = (
    "disputed_fields",
    "disputed_values",
    "disputed_sources",
    "disputed_locators",
    "disputed_notes",
)
# Per-fact provenance, parallel lists: row i says that source fact_sources[i] states
# property fact_fields[i] at fact_locators[i]. A property not listed is stated by every
# source of the record (its source_ids); a listed one only by the sources listed with it.
FACTS = ("fact_fields", "fact_sources", "fact_locators")
# What is known of a group a deal moved, beyond its named people (see ``heads``):
# ``group_countries[i]`` is the country of ``group_country_counts[i]`` of its members.
GROUP_COUNTRIES = ("group_countries", "group_country_counts")
LIST_PROPS = ("aliases", *PROVENANCE, *DISPUTE, *FACTS)

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_PRIMITIVES = (str, int, float, bool)


@dataclass(frozen=True)
class Node:
    """One entity. ``id`` is a stable slug, unique across all labels."""

    id: str
    label: Label
    props: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        name: str = self.props.get("name", self.id)
        return name


@dataclass(frozen=True)
class Relationship:
    """A typed, directed relationship. ``(start, type, end, key)`` is its identity:
    ``key`` tells apart two relationships of one type between the same nodes (two
    stints at one employer), and is empty otherwise."""

    type: RelType
    start: str
    end: str
    props: dict[str, Any] = field(default_factory=dict)
    key: str = ""

    @property
    def identity(self) -> tuple[str, str, str, str]:
        return (self.start, self.type.value, self.end, self.key)


def slugify(text: str) -> str:
    """A stable id from a name.

    >>> slugify("Character.ai / Google (2024)")
    'character.ai-google-2024'
    """
    slug = re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")
    return slug or "x"


def describe(where: Any) -> str:
    """How an error names a record. Checks take the record itself rather than a
    ready-made string, so a load of a million valid records formats no messages."""
    if isinstance(where, Node):
        return f"{where.label.value} {where.id!r}"
    if isinstance(where, Relationship):
        return f"{where.type.value} {where.start!r} -> {where.end!r}"
    return str(where)


def check_id(node_id: str, where: Any) -> None:
    if not isinstance(node_id, str) or not _ID.match(node_id):
        where = describe(where)
        raise ModelError(f"{where}: id {node_id!r} is not a slug — use lower-case letters, digits, '.', '-' or '_'")


# exact types a list item may have without the full check (subclasses go through it)
_LIST_ITEM_TYPES = frozenset({str, int, float, bool})
# groups of parallel lists that must have equal lengths when present
_PARALLEL = (DISPUTE, FACTS, GROUP_COUNTRIES)
_PARALLEL_KEYS = frozenset(k for group in _PARALLEL for k in group)


def check_props(props: dict[str, Any], where: Any) -> None:
    """Refuse property values Neo4j could not store (maps, mixed or nested lists, None in lists).

    Loads call this once per record, and a loader's records share a few shapes (the
    same keys with values of the same types): a shape is checked in full once, after
    which only the contents of its list values are checked.

    >>> check_props({"name": "Meta", "aliases": ["Facebook"], "source_ids": ["s"], "locators": ["s#1"]}, "meta")
    """
    values = tuple(props.values())
    shape = (tuple(props), tuple(map(type, values)))
    known = _SHAPES.get(shape)
    if known is None:  # a shape not seen yet: check every property, remember what recurs
        for key, value in props.items():
            _check_prop(key, value, where)
        lists = tuple(i for i, kind in enumerate(shape[1]) if issubclass(kind, list))
        # where both provenance lists sit: each record then only needs their lengths checked
        pair = tuple(i for key in PROVENANCE for i in lists if shape[0][i] == key)
        known = (lists, (pair[0], pair[1]) if len(pair) == 2 else None, not _PARALLEL_KEYS.isdisjoint(shape[0]))
        if len(_SHAPES) < _MAX_SHAPES:
            _SHAPES[shape] = known
    lists, provenance, parallel = known
    for i in lists:
        value = values[i]
        # most lists hold one item (one source, one locator): check its type, then the rest's
        if value and (
            type(value[0]) not in _LIST_ITEM_TYPES
            or len(value) > 1
            and not all(type(v) is type(value[0]) for v in value)
        ):
            _check_prop(shape[0][i], value, where)
    if provenance is None or not values[provenance[0]] or len(values[provenance[0]]) != len(values[provenance[1]]):
        where = describe(where)
        raise ModelError(f"{where}: needs provenance — parallel non-empty lists 'source_ids' and 'locators'")
    if parallel:
        for group in _PARALLEL:
            if len({len(props.get(k) or []) for k in group}) > 1:
                raise ModelError(f"{describe(where)}: the lists {', '.join(group)} must have equal lengths")


# (property names, value types) -> (positions of the list values, positions of the two
# provenance lists or None, whether parallel lists (disputes, facts) are present); a shape seen once passed
_SHAPES: dict[tuple[tuple[str, ...], tuple[type, ...]], tuple[tuple[int, ...], tuple[int, int] | None, bool]] = {}
_MAX_SHAPES = 4096


def _check_prop(key: Any, value: Any, where: Any) -> None:
    if not isinstance(key, str) or not key:
        where = describe(where)
        raise ModelError(f"{where}: property name {key!r} must be a non-empty string")
    if value is None or isinstance(value, _PRIMITIVES):
        return
    where = describe(where)
    if isinstance(value, list):
        kinds = {type(v) for v in value}
        if any(not isinstance(v, _PRIMITIVES) for v in value) or len(kinds) > 1:
            raise ModelError(f"{where}: property {key!r} must be a list of one primitive type, got {value!r}")
        return
    raise ModelError(
        f"{where}: property {key!r} has a {type(value).__name__}; only strings, numbers, "
        "booleans and lists of them fit both stores"
    )


def parallel_rows(props: dict[str, Any], keys: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """The parallel lists ``keys`` of ``props`` as rows.

    >>> parallel_rows({"source_ids": ["a", "b"], "locators": ["a#1", "b#2"]}, PROVENANCE)
    [('a', 'a#1'), ('b', 'b#2')]
    """
    return list(zip(*(props.get(k, []) for k in keys), strict=False))


# Descriptive text, not a figure: two sources wording it differently is no dispute.
# A differing name from another source becomes an alias instead.
UNDISPUTED = frozenset({"name", "summary", "evidence", "note", "notes", "title_note", "url", "urls"})


def merge_props(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Combine what two loads say about one entity. Aliases, provenance and dispute rows
    are unions (order kept). A scalar stated differently by a *new* source is not
    overwritten: the stored value stays and both values become dispute rows, each with
    its source. A reload of the same source (its sources are all known already) updates
    its own values. Merging the same properties twice gives the same result, which is
    what makes loads idempotent.

    >>> a = {"name": "Meta", "aliases": ["Facebook"], "source_ids": ["s1"], "locators": ["p1"]}
    >>> b = {"name": "Meta", "aliases": ["Meta Platforms"], "source_ids": ["s2"], "locators": ["p9"]}
    >>> merge_props(a, b)["aliases"], merge_props(a, b)["source_ids"]
    (['Facebook', 'Meta Platforms'], ['s1', 's2'])
    >>> m = merge_props({**a, "amount": 14.8}, {**b, "amount": 14.3})
    >>> m["amount"], m["disputed_values"], m["disputed_sources"]
    (14.8, ['14.8', '14.3'], ['s1', 's2'])
    """
    merged = {k: v for k, v in old.items() if k not in LIST_PROPS}
    aliases = list(dict.fromkeys([*old.get("aliases", []), *new.get("aliases", [])]))
    disputes = list(dict.fromkeys([*parallel_rows(old, DISPUTE), *parallel_rows(new, DISPUTE)]))
    old_sources, new_sources = old.get("source_ids", []), new.get("source_ids", [])
    reload = bool(new_sources) and set(new_sources) <= set(old_sources)
    sole = bool(new_sources) and set(old_sources) <= set(new_sources)  # nobody else backs this entity
    # fields the new record disputes itself (a curated source stating both values)
    self_disputed = set(new.get("disputed_fields", []))
    for key, value in new.items():
        if key in LIST_PROPS or value is None:
            continue
        disputed = [row for row in disputes if row[0] == key]
        if key in self_disputed:
            merged[key] = value  # its value and its dispute rows stand as written
        elif key not in merged or merged[key] == value and not (reload and disputed):
            merged[key] = value
        elif (sole or reload) and disputed:
            disputes = [
                (f, value_to_text(value) if f == key and s in new_sources else v, s, loc, n)
                for f, v, s, loc, n in disputes
            ]
            merged[key] = value_from_text(next(v for f, v, *_ in disputes if f == key))
        elif sole or (key in UNDISPUTED and key != "name"):
            merged[key] = value
        elif key == "name":
            aliases = list(dict.fromkeys([*aliases, value]))
        else:
            others = [(s, loc) for s, loc in parallel_rows(old, PROVENANCE) if s not in new_sources] or [("", "")]
            mine = next(iter(parallel_rows(new, PROVENANCE)), ("", ""))
            for text, (src, loc) in ((value_to_text(merged[key]), others[0]), (value_to_text(value), mine)):
                if not any(f == key and v == text for f, v, *_ in disputes):
                    disputes.append((key, text, src, loc, ""))
    if aliases or "aliases" in old or "aliases" in new:
        merged["aliases"] = [a for a in aliases if a != merged.get("name")]
    provenance = list(dict.fromkeys([*parallel_rows(old, PROVENANCE), *parallel_rows(new, PROVENANCE)]))
    facts = _merge_facts(old, new, merged, provenance)
    for keys, rows in ((PROVENANCE, provenance), (DISPUTE, disputes), (FACTS, facts)):
        if rows or any(k in old or k in new for k in keys):
            for i, key in enumerate(keys):
                merged[key] = [row[i] for row in rows]
    return merged


def _merge_facts(
    old: dict[str, Any], new: dict[str, Any], merged: dict[str, Any], provenance: list[tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """The fact rows of a merged record: a property keeps the rows each side gives it
    (listed, or all of that side's provenance when unlisted) from the sides whose value
    it kept, and is listed when a side listed it or when not every source states it."""
    old_rows, new_rows = parallel_rows(old, FACTS), parallel_rows(new, FACTS)
    if not old_rows and not new_rows and set(old.get("source_ids", [])) == set(new.get("source_ids", [])):
        return []  # one set of sources states everything: nothing to list (every reload)
    everyone = {row[0] for row in provenance}
    listed = {row[0] for row in old_rows} | {row[0] for row in new_rows}
    rows: list[tuple[Any, ...]] = []
    for key in sorted(merged):  # sorted: stores return properties in different orders
        value = merged[key]
        if key in LIST_PROPS or value is None:
            continue
        sides = [
            (props, side_rows) for props, side_rows in ((old, old_rows), (new, new_rows)) if props.get(key) == value
        ] or [(props, side_rows) for props, side_rows in ((old, old_rows), (new, new_rows)) if key in props]
        stated: list[tuple[Any, ...]] = []
        for props, side_rows in sides:
            stated += [row for row in side_rows if row[0] == key] or [
                (key, src, loc) for src, loc in parallel_rows(props, PROVENANCE)
            ]
        if key in listed or {row[1] for row in stated} != everyone:
            rows += stated
    # the rows either side listed keep their order, so a reload leaves the record as it was
    kept = set(rows)
    return list(dict.fromkeys([*(row for row in (*old_rows, *new_rows) if row in kept), *rows]))


def stated_by(props: dict[str, Any], key: str) -> list[tuple[str, str]]:
    """``(source id, locator)`` pairs that state property ``key`` of a record: its fact rows
    for ``key`` when it has any, else all of its provenance.

    >>> deal = {"year": 2017, "amount": 1e9, "source_ids": ["a", "p"], "locators": ["a#s1", "p#deal"],
    ...         "fact_fields": ["year"], "fact_sources": ["p"], "fact_locators": ["p#deal"]}
    >>> stated_by(deal, "year"), stated_by(deal, "amount")
    ([('p', 'p#deal')], [('a', 'a#s1'), ('p', 'p#deal')])
    """
    listed = [(src, loc) for field_name, src, loc in parallel_rows(props, FACTS) if field_name == key]
    return listed or [(src, loc) for src, loc in parallel_rows(props, PROVENANCE)]


def heads(deal_props: dict[str, Any], named_count: int) -> int:
    """How many people a deal moved: its ``headcount`` (everyone, named or not) or the
    people it names (its MOVED relationships), whichever is larger.

    >>> heads({"headcount": 8}, 1), heads({}, 2), heads({"headcount": 1}, 2)
    (8, 2, 2)
    """
    headcount = deal_props.get("headcount")
    return max(headcount, named_count) if isinstance(headcount, int) else named_count


# Names networkx and Neo4j use for structure; a property may not take them.
RESERVED_NODE_PROPS = frozenset({"id", "label"})
RESERVED_REL_PROPS = frozenset({"type", "key", "start", "end", "source", "target"})
_ENDPOINT_VALUES = {
    rel_type: (start.value, frozenset(end.value for end in ends)) for rel_type, (start, ends) in ENDPOINTS.items()
}


def check_batch(
    nodes: list[Node], relationships: list[Relationship], stored_label: Callable[[str], str | None]
) -> dict[str, str]:
    """Check a whole batch before anything is written: ids, property types, provenance,
    endpoints and their labels. ``stored_label(id)`` says what the store already holds.
    Returns the label of every node id the batch touches.

    One pass per record and no message formatted unless a check fails: this runs on
    every record of every load (see tests/benchmarks/bench_positions.py).
    """
    labels: dict[str, str] = {}
    for node in nodes:
        check_id(node.id, node)
        check_props(node.props, node)
        if not RESERVED_NODE_PROPS.isdisjoint(node.props):
            clash = sorted(RESERVED_NODE_PROPS & node.props.keys())[0]
            raise ModelError(f"{describe(node)}: property name {clash!r} is reserved")
        label = node.label._value_
        known = labels.get(node.id) or stored_label(node.id)
        if known and known != label:
            raise ModelError(f"{describe(node)}: id already used by a {known} — ids are unique across labels")
        labels[node.id] = label
    for rel in relationships:
        check_props(rel.props, rel)
        if not RESERVED_REL_PROPS.isdisjoint(rel.props):
            clash = sorted(RESERVED_REL_PROPS & rel.props.keys())[0]
            raise ModelError(f"{describe(rel)}: property name {clash!r} is reserved")
        want_start, want_ends = _ENDPOINT_VALUES[rel.type]
        # both ends written out rather than looped over: this runs once per relationship
        if (labels.get(rel.start) or stored_label(rel.start)) != want_start:
            _refuse_endpoint(rel, rel.start, want_start, labels.get(rel.start) or stored_label(rel.start))
        if (labels.get(rel.end) or stored_label(rel.end)) not in want_ends:
            want = " or ".join(sorted(want_ends))
            _refuse_endpoint(rel, rel.end, want, labels.get(rel.end) or stored_label(rel.end))
    return labels


def _refuse_endpoint(rel: Relationship, end_id: str, want: str, have: str | None) -> None:
    if have is None:
        raise ModelError(f"{describe(rel)}: no node with id {end_id!r} in this batch or the store")
    raise ModelError(f"{describe(rel)}: {end_id!r} is a {have}, expected a {want}")


def value_to_text(value: Any) -> str:
    """Dispute values share one list, and Neo4j lists hold one type: keep them as text."""
    return value if isinstance(value, str) else json.dumps(value)


def value_from_text(text: str) -> Any:
    """The inverse of ``_text`` where the text is a JSON number, boolean or list."""
    try:
        return json.loads(text)
    except ValueError:
        return text
