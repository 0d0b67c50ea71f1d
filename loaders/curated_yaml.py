"""The curated YAML source format: people, organizations, deals and relations of one
source, written by hand with a locator for every fact.

The built-in article (``loaders/data/36kr-2025-07-11.yaml``) is written in it and its
header documents the format; a user can describe another article the same way and load
it with ``talentgraph load my-article.yaml``.

``parse_curated`` is pure (text in, ``Batch`` out) and reports every problem as
``file:line: message``; ``read_curated`` reads a file.

>>> batch = parse_curated('''
... source: {id: notes, name: My notes, at: [p1]}
... people: [{id: ada, name: Ada, at: [p1]}]
... ''', "notes.yaml")
>>> [n.id for n in batch.nodes], batch.problems
(['notes', 'ada'], [])
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from enum import Enum
from pathlib import Path
from typing import Any

from ..graph.model import (
    DISPUTE,
    ENDPOINTS,
    FACTS,
    ClaimKind,
    DealKind,
    DealStatus,
    Label,
    Node,
    OrgKind,
    Relationship,
    RelType,
)
from .curated_checks import check_curated_values
from .records import Batch, Problem
from .yaml_lines import LINE_KEY, line_of, parse_yaml_with_lines

__all__ = ["parse_curated", "read_curated"]

_SECTIONS = ("source", "sources", "people", "organizations", "deals", "relations", "claims")
# Keys the format interprets itself; everything else on an entry becomes a property.
_STRUCTURAL = {
    LINE_KEY,
    "id",
    "at",
    "parent",
    "acquirer",
    "target",
    "moved",
    "disputed",
    "start",
    "end",
    "type",
    "key",
    "facts",
    "about",
    "examples",
    "group_countries",
}
# `<field>_qualifier` keeps a figure a bound ("over USD 3 bn" is more than 3e9), in the
# words the deal-sheet loaders use (loaders/amounts.py)
QUALIFIERS = ("approximately", "more than", "up to", "less than")
# a property name the format accepts: anything else is most often the tail of an unquoted
# {...} value that a comma cut off
_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def read_curated(path: str | Path) -> Batch:
    """Read a curated YAML file (see ``parse_curated``)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        return Batch(problems=[Problem(str(path), line, f"not UTF-8 text ({exc.reason}) — save the file as UTF-8")])
    except OSError as exc:
        return Batch(problems=[Problem(str(path), None, f"cannot read the file ({exc}) — check the path")])
    return parse_curated(text, str(path))


def parse_curated(text: str, where: str = "<string>") -> Batch:
    """Records from curated YAML text; ``batch.problems`` lists everything wrong."""
    doc = parse_yaml_with_lines(text, where)
    problems = check_curated_values(doc, where)  # wrong types and ranges, before records are built
    return Batch(problems=problems) if problems else _Parser(where).run(doc)


class _Parser:
    def __init__(self, where: str):
        self.where = where
        self.batch = Batch()
        self.primary = ""
        self.sources: set[str] = set()
        self.labels: dict[str, Label] = {}

    # -- helpers --------------------------------------------------------------------

    def problem(self, entry: Any, message: str) -> None:
        self.batch.problems.append(Problem(self.where, line_of(entry), message))

    def provenance(self, entry: dict, fallback: list[str] | None = None) -> dict[str, list[str]] | None:
        at = entry.get("at", fallback)
        if isinstance(at, str):
            at = [at]
        if not at or not all(isinstance(a, str) and a for a in at):
            self.problem(entry, "needs 'at': the locator(s) of this fact, e.g. at: [s01.p3]")
            return None
        source_ids, locators = [], []
        for locator in at:
            source_id, sep, _ = locator.partition("#")
            if not sep:
                source_id, locator = self.primary, f"{self.primary}#{locator}"
            if source_id not in self.sources:
                self.problem(
                    entry, f"locator {locator!r} names an undeclared source {source_id!r} — declare it under 'sources'"
                )
                return None
            source_ids.append(source_id)
            locators.append(locator)
        return {"source_ids": source_ids, "locators": locators}

    def facts(self, entry: dict, prov: dict[str, list[str]], props: dict[str, Any]) -> dict[str, list[str]] | None:
        """The fact lists of ``facts: {field: locator(s)}``; a fact's locator not in the
        entry's own ``at`` joins its provenance, so every stating source is a source."""
        facts = entry.get("facts")
        if facts is None:
            return {}
        if not isinstance(facts, dict):
            self.problem(
                entry, "'facts' must map a field to the locator(s) stating it, e.g. facts: {year: public-record#x}"
            )
            return None
        columns: dict[str, list[str]] = {key: [] for key in FACTS}
        for field_name, at in facts.items():
            if field_name == LINE_KEY:
                continue
            if field_name not in props:
                self.problem(
                    entry, f"'facts' names {field_name!r}, which this entry does not set — list only its own fields"
                )
                return None
            stated = self.provenance({"at": at, LINE_KEY: line_of(entry)})
            if stated is None:
                return None
            for source_id, locator in zip(stated["source_ids"], stated["locators"], strict=True):
                columns["fact_fields"].append(field_name)
                columns["fact_sources"].append(source_id)
                columns["fact_locators"].append(locator)
                if locator not in prov["locators"]:
                    prov["source_ids"].append(source_id)
                    prov["locators"].append(locator)
        return columns

    def checked(self, entry: dict, props: dict[str, Any]) -> bool:
        """Property names are field names; ``<field>_qualifier`` qualifies a field it sets."""
        for key, value in props.items():
            if not _FIELD_NAME.match(key):
                self.problem(
                    entry,
                    f"{key!r} is not a field name — a comma inside an unquoted {{...}} value "
                    "ends the value there: put the value in quotes",
                )
                return False
            if key.endswith("_qualifier"):
                if value not in QUALIFIERS:
                    self.problem(entry, f"{key} {value!r} is not one of: {', '.join(QUALIFIERS)}")
                    return False
                base = key.removesuffix("_qualifier")
                if base not in props and f"{base}_usd" not in props:
                    self.problem(entry, f"{key} qualifies {base!r}, which this entry does not set (nor {base}_usd)")
                    return False
        return True

    def props(self, entry: dict, skip: Collection[str] = ()) -> dict[str, Any]:
        props = {}
        for key, value in entry.items():
            if key in _STRUCTURAL or key in skip:
                continue
            if isinstance(value, (dt.date, dt.datetime)):
                value = value.isoformat()  # YAML reads 2025-07-11 as a date; keep the text
            props[key] = value
        return props

    def entries(self, doc: dict, section: str) -> list[dict]:
        items = doc.get(section) or []
        if not isinstance(items, list):
            self.problem(doc, f"'{section}' must be a list")
            return []
        good = []
        for item in items:
            if isinstance(item, dict):
                good.append(item)
            else:
                self.problem(doc, f"an entry of '{section}' is not a mapping: {item!r}")
        return good

    def node(self, entry: dict, label: Label, extra: dict | None = None) -> str | None:
        node_id, name = entry.get("id"), entry.get("name")
        if not isinstance(node_id, str) or not node_id:
            self.problem(entry, f"{label.value} without an 'id' — give it a slug such as 'scale-ai'")
            return None
        if node_id in self.labels:
            self.problem(entry, f"id {node_id!r} is defined twice — ids are unique across the file")
            return None
        if not isinstance(name, str) or not name.strip():
            self.problem(entry, f"{label.value} {node_id!r} has no 'name'")
            return None
        prov = self.provenance(entry)
        if prov is None:
            return None
        props = {**self.props(entry), **(extra or {})}
        facts = self.facts(entry, prov, props)
        if facts is None or not self.checked(entry, props):
            return None
        props = {**props, **prov, **facts}
        aliases = props.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            self.problem(entry, f"{node_id!r}: 'aliases' must be a list of names")
            return None
        props["aliases"] = aliases
        self.labels[node_id] = label
        self.batch.nodes.append(Node(node_id, label, props))
        return node_id

    def ref(self, entry: dict, node_id: Any, want: Label | tuple[Label, ...], role: str) -> bool:
        wanted = want if isinstance(want, tuple) else (want,)
        if self.labels.get(node_id) in wanted:
            return True
        have = self.labels.get(node_id)
        detail = f"is a {have.value}" if have else "is not defined in this file"
        expected = " or ".join(w.value for w in wanted)
        self.problem(entry, f"{role} {node_id!r} {detail} — expected the id of a {expected}")
        return False

    def enum(self, entry: dict, key: str, enum: type[Enum], required: bool = True) -> bool:
        value = entry.get(key)
        if value is None and not required:
            return True
        try:
            enum(value)
            return True
        except ValueError:
            choices = ", ".join(e.value for e in enum)
            self.problem(entry, f"{key} {value!r} is not one of: {choices}")
            return False

    # -- sections -------------------------------------------------------------------

    def run(self, doc: Any) -> Batch:
        if not isinstance(doc, dict):
            self.problem(doc, f"expected a mapping with the sections {', '.join(_SECTIONS)}")
            return self.batch
        for key in doc:
            if key != LINE_KEY and key not in _SECTIONS:
                self.problem(doc, f"unknown section {key!r} — expected one of: {', '.join(_SECTIONS)}")
        source = doc.get("source")
        if not isinstance(source, dict) or not isinstance(source.get("id"), str):
            self.problem(doc, "needs a 'source' mapping with an 'id' (the source this file describes)")
            return self.batch
        self.primary = source["id"]
        self.sources = {self.primary} | {s["id"] for s in self.entries(doc, "sources") if isinstance(s.get("id"), str)}
        for entry in [source, *self.entries(doc, "sources")]:
            self.node(entry, Label.SOURCE)
        for entry in self.entries(doc, "people"):
            self.node(entry, Label.PERSON)
        orgs = self.entries(doc, "organizations")
        for entry in orgs:
            if self.enum(entry, "kind", OrgKind):
                self.node(entry, Label.ORGANIZATION)
        for entry in orgs:
            if "parent" in entry and entry.get("id") in self.labels:
                self.relation(entry, entry["id"], RelType.PART_OF, entry["parent"], {})
        for entry in self.entries(doc, "deals"):
            self.deal(entry)
        for entry in self.entries(doc, "relations"):
            self.explicit_relation(entry)
        for entry in self.entries(doc, "claims"):
            self.claim(entry)
        return self.batch

    def deal(self, entry: dict) -> None:
        if not (self.enum(entry, "kind", DealKind) & self.enum(entry, "status", DealStatus)):
            return
        disputes = self.disputes(entry)
        group = self.group(entry)
        if disputes is None or group is None:
            return
        deal_id = self.node(entry, Label.DEAL, {**disputes, **group})
        if deal_id is None:
            return
        targets = entry.get("target")
        targets = targets if isinstance(targets, list) else [targets]
        for target in targets:
            if self.ref(entry, target, Label.ORGANIZATION, "target"):
                self.relation(entry, deal_id, RelType.TARGET, target, {})
        acquirer = entry.get("acquirer")
        if self.ref(entry, acquirer, Label.ORGANIZATION, "acquirer"):
            self.relation(entry, deal_id, RelType.ACQUIRER, acquirer, {})
        moved = entry.get("moved") or []
        for move in moved if isinstance(moved, list) else []:
            if isinstance(move, dict) and self.ref(move, move.get("person"), Label.PERSON, "moved person"):
                self.relation(
                    move, deal_id, RelType.MOVED, move["person"], self.props(move, {"person"}), own_entry=True
                )

    def group(self, entry: dict) -> dict[str, list] | None:
        """Check ``headcount`` against the people named; ``group_countries: {CN: 4}``
        becomes the parallel lists ``group_countries`` / ``group_country_counts``."""
        headcount, moved = entry.get("headcount"), entry.get("moved") or []
        named = len(moved) if isinstance(moved, list) else 0
        whole = isinstance(headcount, int) and not isinstance(headcount, bool)
        if headcount is not None and (not whole or headcount < max(named, 1)):
            self.problem(
                entry,
                f"headcount {headcount!r} must be a whole number of people, at least the {named} named under 'moved'",
            )
            return None
        countries = entry.get("group_countries")
        if countries is None:
            return {}
        counts = {k: v for k, v in countries.items() if k != LINE_KEY} if isinstance(countries, dict) else None
        if not counts or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in counts.values()):
            self.problem(
                entry, "'group_countries' must map a country code to how many of the group come from it, e.g. {CN: 4}"
            )
            return None
        if headcount is None or sum(counts.values()) > headcount:
            self.problem(entry, "'group_countries' needs a 'headcount' at least as large as its counts")
            return None
        return {"group_countries": [str(k) for k in counts], "group_country_counts": list(counts.values())}

    def claim(self, entry: dict) -> None:
        if not self.enum(entry, "kind", ClaimKind):
            return
        values = entry.get("values")
        if values is not None:
            numbers = isinstance(values, list) and all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in values
            )
            if not numbers:
                self.problem(entry, "'values' must be a list of numbers, e.g. values: [60, 40]")
                return
            # Neo4j lists hold one type: a list with any fraction is all floats
            values = [float(v) for v in values] if any(isinstance(v, float) for v in values) else values
        claim_id = self.node(entry, Label.CLAIM, {"values": values} if values is not None else {})
        if claim_id is None:
            return
        about, examples = entry.get("about") or [], entry.get("examples") or []
        if not about and not examples:
            self.problem(entry, f"claim {claim_id!r} needs 'about': the ids of what it is about")
        for role, ids in (("subject", about), ("example", examples)):
            for end in ids if isinstance(ids, list) else [ids]:
                self.relation(entry, claim_id, RelType.ABOUT, end, {"role": role}, key=role)

    def disputes(self, entry: dict) -> dict[str, list] | None:
        rows = entry.get("disputed") or []
        columns: dict[str, list] = {key: [] for key in DISPUTE}
        for row in rows if isinstance(rows, list) else [rows]:
            if not isinstance(row, dict) or not isinstance(row.get("field"), str) or "value" not in row:
                self.problem(entry, "each 'disputed' entry needs 'field', 'value' and 'at'")
                return None
            prov = self.provenance(row)
            if prov is None:
                return None
            columns["disputed_fields"].append(row["field"])
            # values of any type share one list, and Neo4j lists hold one type: keep text
            columns["disputed_values"].append(str(row["value"]))
            columns["disputed_sources"].append(prov["source_ids"][0])
            columns["disputed_locators"].append(prov["locators"][0])
            columns["disputed_notes"].append(str(row.get("note", "")))
        return columns if rows else {}

    def explicit_relation(self, entry: dict) -> None:
        try:
            rel_type = RelType(str(entry.get("type")))
        except ValueError:
            choices = ", ".join(t.value for t in RelType)
            self.problem(entry, f"relation type {entry.get('type')!r} is not one of: {choices}")
            return
        self.relation(
            entry,
            entry.get("start"),
            rel_type,
            entry.get("end"),
            self.props(entry),
            entry.get("key", ""),
            own_entry=True,
        )

    def relation(
        self, entry: dict, start: Any, rel_type: RelType, end: Any, props: dict, key: Any = "", own_entry: bool = False
    ) -> None:
        """A relationship with the provenance of ``entry``; its ``facts`` apply only when the
        entry is the relationship's own (a relation or a move), not the node it hangs off."""
        want_start, want_ends = ENDPOINTS[rel_type]
        if not (
            self.ref(entry, start, want_start, f"{rel_type.value} start")
            & self.ref(entry, end, want_ends, f"{rel_type.value} end")
        ):
            return
        prov = self.provenance(entry)
        if prov is None:
            return
        facts = self.facts(entry, prov, props) if own_entry else {}
        if facts is None or not self.checked(entry, props):
            return
        self.batch.relationships.append(Relationship(rel_type, start, end, {**props, **prov, **facts}, str(key or "")))
