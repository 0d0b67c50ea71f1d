"""Wikidata acquisitions: owner -> owned edges become completed acquisition deals.

Two inputs:

* an **acquisition extract** — a folder with ``wikidata_entities.csv`` (``id``,
  ``name``, ``start_date`` = inception) and ``wikidata_acq_edges.csv`` (``owned_id``,
  ``owner_id``, ``date`` = start of ownership), as in the CC0 extract of P127 / P749
  with P580 dates;
* **SPARQL JSON results** (``{"head": {"vars": [...]}, "results": {"bindings": [...]}}``)
  of a query that binds ``?acquirer`` and ``?target`` to entities, with the optional
  ``?acquirerLabel``, ``?targetLabel`` and ``?date``. For example::

      SELECT ?acquirer ?acquirerLabel ?target ?targetLabel ?date WHERE {
        ?target p:P127 ?owned . ?owned ps:P127 ?acquirer .
        OPTIONAL { ?owned pq:P580 ?date }
        SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
      }

Each organization keeps its QID as ``wikidata_qid`` (and as an alias), which identity
resolution uses to recognise it in other sources. Each edge becomes
``Deal {kind: acquisition, status: completed, year, date}`` with ``TARGET`` and
``ACQUIRER``.

An extract folder may also hold ``wikidata_prop_edges.csv`` (``company_id``, ``val_id``,
``edge_typ``): its CEO edges (P169) become ``(Person)-[:LEADS {role: "chief executive
officer"}]->(Organization)`` and its CHAIRMAN edges (P488) ``(Person)-[:WORKED_AT {role:
"chair"}]->(Organization)``, for companies named in ``wikidata_entities.csv``. The
extract has no labels for people: a person is named by their QID (kept as
``wikidata_qid``, so a source that names them with the same QID merges with them).
Edges of other kinds (industry, headquarters, bands) are counted in a note, not loaded.

>>> batch = parse_sparql_json('{"head": {"vars": ["acquirer", "target"]}, "results": {"bindings": [{'
...     '"acquirer": {"type": "uri", "value": "http://www.wikidata.org/entity/Q95"}, "acquirerLabel": {"type": "literal", "value": "Google"},'
...     '"target": {"type": "uri", "value": "http://www.wikidata.org/entity/Q15733006"}, "targetLabel": {"type": "literal", "value": "DeepMind"},'
...     '"date": {"type": "literal", "value": "2014-01-26T00:00:00Z"}}]}}', "q.json")
>>> sorted(n.name for n in batch.nodes)
['DeepMind', 'Google', 'Google / DeepMind acquisition (2014)', 'Wikidata (q.json)']
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from ..graph.model import (
    DealKind,
    DealStatus,
    Label,
    Node,
    Relationship,
    RelType,
    slugify,
)
from .records import Batch, Problem
from .row_limits import check_row_count
from .strict_csv import checked_rows

__all__ = ["WikidataLoader", "parse_acquisition_extract", "parse_sparql_json", "read_wikidata"]

ENTITIES, EDGES, PROP_EDGES = "wikidata_entities.csv", "wikidata_acq_edges.csv", "wikidata_prop_edges.csv"
# property edge kind -> (relationship, role)
_ROLES = {
    "CEO": (RelType.LEADS, "chief executive officer"),
    "CHAIRMAN": (RelType.WORKED_AT, "chair"),
    "CHAIR": (RelType.WORKED_AT, "chair"),
    "CHAIRPERSON": (RelType.WORKED_AT, "chair"),
}
_QID = re.compile(r"^(?:https?://www\.wikidata\.org/entity/)?(Q\d+)$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def read_wikidata(source: str | Path) -> Batch:
    """An extract folder (or either of its CSV files), or a SPARQL JSON results file."""
    path = Path(source)
    folder = path if path.is_dir() else path.parent
    try:
        if path.suffix.lower() == ".json":
            return parse_sparql_json(path.read_text(encoding="utf-8"), str(path))
        entities = (folder / ENTITIES).read_text(encoding="utf-8-sig")
        edges = (folder / EDGES).read_text(encoding="utf-8-sig")
        props = (folder / PROP_EDGES).read_text(encoding="utf-8-sig") if (folder / PROP_EDGES).is_file() else ""
    except (OSError, UnicodeDecodeError) as exc:
        return Batch(
            problems=[
                Problem(
                    str(path), None, f"cannot read the Wikidata extract ({exc}) — a folder needs {ENTITIES} and {EDGES}"
                )
            ]
        )
    return parse_acquisition_extract(entities, edges, str(folder), slugify(folder.name or "wikidata"), props)


class _Builder:
    def __init__(self, where: str, source_id: str):
        self.where, self.source_id = where, source_id
        self.batch = Batch()
        self.orgs: dict[str, str] = {}  # qid -> node id
        self.names: dict[str, str] = {}  # node id -> name
        self.deals: set[str] = set()
        self.batch.nodes.append(
            Node(
                source_id,
                Label.SOURCE,
                {
                    "name": f"Wikidata ({Path(where).name})",
                    "publisher": "Wikidata",
                    "url": "https://www.wikidata.org/",
                    "licence": "CC0-1.0",
                    "source_ids": [source_id],
                    "locators": [f"{source_id}#{Path(where).name}"],
                },
            )
        )

    def org(self, qid: str, name: str, founded: str = "") -> str:
        if qid in self.orgs:
            return self.orgs[qid]
        node_id = f"{slugify(name)}-{qid.lower()}" if name != qid else qid.lower()
        props: dict[str, Any] = {
            "name": name,
            "aliases": [qid] if name != qid else [],
            "kind": "company",
            "wikidata_qid": qid,
            "source_ids": [self.source_id],
            "locators": [f"{self.source_id}#{qid}"],
        }
        if match := _DATE.match(founded):
            props["founded"] = int(match.group(1))
        self.orgs[qid] = node_id
        self.names[node_id] = name
        self.batch.nodes.append(Node(node_id, Label.ORGANIZATION, props))
        return node_id

    def deal(self, owner: str, owned: str, date: str, locator: str) -> bool:
        match = _DATE.match(date)
        year = int(match.group(1)) if match else None
        deal_id = f"wikidata-{owner.rsplit('-', 1)[-1]}-{owned.rsplit('-', 1)[-1]}" + (f"-{year}" if year else "")
        if deal_id in self.deals:
            return False
        self.deals.add(deal_id)
        props: dict[str, Any] = {
            "name": f"{self.names[owner]} / {self.names[owned]} acquisition" + (f" ({year})" if year else ""),
            "kind": DealKind.ACQUISITION.value,
            "status": DealStatus.COMPLETED.value,
            "source_ids": [self.source_id],
            "locators": [locator],
        }
        if match:
            props["year"] = year
            props["date"] = match.group(0)
        self.batch.nodes.append(Node(deal_id, Label.DEAL, props))
        prov = {"source_ids": [self.source_id], "locators": [locator]}
        self.batch.relationships += [
            Relationship(RelType.TARGET, deal_id, owned, dict(prov)),
            Relationship(RelType.ACQUIRER, deal_id, owner, dict(prov)),
        ]
        return True


def parse_acquisition_extract(
    entities_text: str,
    edges_text: str,
    where: str = "wikidata",
    source_id: str = "wikidata-acquisitions",
    prop_edges_text: str = "",
) -> Batch:
    """Records from the CSV texts of an acquisition extract (the property edges are
    optional); see the module docstring.

    >>> batch = parse_acquisition_extract("id,name\\nQ95,Google\\n", "owned_id,owner_id,date\\n",
    ...                                   prop_edges_text="company_id,val_id,edge_typ\\nQ95, Q3503829,CEO\\n")
    >>> [(r.type.value, r.start, r.end, r.props["role"]) for r in batch.relationships]
    [('LEADS', 'q3503829', 'google-q95', 'chief executive officer')]
    """
    builder = _Builder(where, source_id)
    entities: dict[str, tuple[str, str]] = {}
    problems = builder.batch.problems
    entity_rows = checked_rows(csv.DictReader(io.StringIO(entities_text), strict=True), f"{where}/{ENTITIES}", problems)
    for line, row in enumerate(entity_rows, start=2):
        qid = _qid(row.get("id") or "")
        if qid is None:
            builder.batch.problems.append(
                Problem(f"{where}/{ENTITIES}", line, f"id {row.get('id')!r} is not a QID such as Q95")
            )
            continue
        entities.setdefault(qid, (_clean_label(row.get("name") or qid), row.get("start_date") or ""))
    missing, duplicates = set(), 0
    edge_rows = checked_rows(csv.DictReader(io.StringIO(edges_text), strict=True), f"{where}/{EDGES}", problems)
    for line, row in enumerate(edge_rows, start=2):
        owner, owned = _qid(row.get("owner_id") or ""), _qid(row.get("owned_id") or "")
        if owner is None or owned is None:
            builder.batch.problems.append(
                Problem(f"{where}/{EDGES}", line, "owner_id and owned_id must be QIDs such as Q95")
            )
            continue
        date = (row.get("date") or "").strip()
        if date and not _DATE.match(date):
            builder.batch.problems.append(
                Problem(f"{where}/{EDGES}", line, f"date {date!r} is not ISO (YYYY-MM-DD...)")
            )
            continue
        if owner not in entities or owned not in entities:
            missing.add(owner if owner not in entities else owned)
            continue
        ids = [builder.org(q, *entities[q]) for q in (owner, owned)]
        duplicates += not builder.deal(ids[0], ids[1], date, f"{source_id}#{EDGES}:L{line}")
    role_notes = _property_edges(builder, entities, prop_edges_text, where, source_id) if prop_edges_text else []
    builder.batch.notes += [
        f"{where}: {text}"
        for text in (
            f"skipped edges touching {len(missing)} entities missing from {ENTITIES}" if missing else "",
            f"skipped {duplicates} repeated edges (same owner, owned and date)" if duplicates else "",
            f"ignored {len(entities) - len(builder.orgs)} entities that take part in no acquisition or role",
            *role_notes,
        )
        if text
    ]
    return builder.batch


def _property_edges(
    builder: _Builder, entities: dict[str, tuple[str, str]], text: str, where: str, source_id: str
) -> list[str]:
    """CEO and chair edges as LEADS / WORKED_AT (see the module docstring); the notes to report."""
    people: set[str] = set()
    seen: set[tuple[str, str, str]] = set()
    other: dict[str, int] = {}
    unnamed = unknown = 0
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        kind = (row.get("edge_typ") or "").strip().upper()
        if kind not in _ROLES:
            other[kind] = other.get(kind, 0) + 1
            continue
        company, person = _qid(row.get("company_id") or ""), _qid(row.get("val_id") or "")
        if "/.well-known/genid/" in (row.get("val_id") or ""):
            unknown += 1  # Wikidata's "unknown value": someone held the role, nobody says who
            continue
        if company is None or person is None:
            builder.batch.problems.append(
                Problem(f"{where}/{PROP_EDGES}", line, "company_id and val_id must be QIDs such as Q95")
            )
            continue
        if company not in entities:
            unnamed += 1
            continue
        rel_type, role = _ROLES[kind]
        if (person, rel_type.value, company) in seen:
            continue  # the same fact listed under two countries
        seen.add((person, rel_type.value, company))
        org = builder.org(company, *entities[company])
        person_id = person.lower()
        locator = f"{source_id}#{PROP_EDGES}:L{line}"
        if person_id not in people:
            people.add(person_id)
            builder.batch.nodes.append(
                Node(
                    person_id,
                    Label.PERSON,
                    {"name": person, "wikidata_qid": person, "source_ids": [source_id], "locators": [locator]},
                )
            )
        builder.batch.relationships.append(
            Relationship(rel_type, person_id, org, {"role": role, "source_ids": [source_id], "locators": [locator]})
        )
    counts = {r: sum(1 for _, t, _ in seen if t == r.value) for r in (RelType.LEADS, RelType.WORKED_AT)}
    notes = [
        (
            f"{counts[RelType.LEADS]} CEO edges as LEADS and {counts[RelType.WORKED_AT]} chair edges as WORKED_AT, "
            f"{len(people)} people (named by QID: the extract has no labels for people)"
        )
    ]
    if unnamed:
        notes.append(f"skipped {unnamed} role edges of companies missing from {ENTITIES}")
    if unknown:
        notes.append(f"skipped {unknown} role edges whose holder Wikidata gives as 'unknown value'")
    if other:
        kinds = ", ".join(f"{n} {k or '(no kind)'}" for k, n in sorted(other.items()))
        notes.append(f"not loaded from {PROP_EDGES}: {kinds}")
    return notes


def parse_sparql_json(text: str, where: str = "results.json", source_id: str | None = None) -> Batch:
    """Records from SPARQL JSON results binding ?acquirer and ?target (see the module docstring)."""
    source_id = source_id or slugify(Path(where).stem)
    builder = _Builder(where, source_id)
    try:
        doc = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
        variables, bindings = doc["head"]["vars"], doc["results"]["bindings"]
    except _RefusedJson as exc:
        builder.batch.problems.append(Problem(where, None, str(exc)))
        return builder.batch
    except RecursionError:
        builder.batch.problems.append(Problem(where, None, "JSON nested too deeply — SPARQL results nest 4 levels"))
        return builder.batch
    except (ValueError, KeyError, TypeError):
        builder.batch.problems.append(
            Problem(
                where,
                None,
                'not SPARQL JSON results — expected {"head": {"vars": [...]}, "results": {"bindings": [...]}}',
            )
        )
        return builder.batch
    if isinstance(bindings, list):
        check_row_count(len(bindings), where)
    if not {"acquirer", "target"} <= set(variables):
        builder.batch.problems.append(
            Problem(where, None, f"the query must bind ?acquirer and ?target (it binds {', '.join(variables)})")
        )
        return builder.batch
    for i, row in enumerate(bindings, start=1):

        def value(name: str, row: dict = row) -> str:
            return (row.get(name) or {}).get("value", "")

        owner, owned = _qid(value("acquirer")), _qid(value("target"))
        if owner is None or owned is None:
            builder.batch.problems.append(
                Problem(where, None, f"binding {i}: ?acquirer and ?target must be Wikidata entities")
            )
            continue
        date = value("date")
        ids = [
            builder.org(q, _clean_label(value(f"{var}Label")) or q)
            for q, var in ((owner, "acquirer"), (owned, "target"))
        ]
        builder.deal(ids[0], ids[1], date if _DATE.match(date) else "", f"{source_id}#binding{i}")
    return builder.batch


class _RefusedJson(ValueError):
    """A JSON construct the results file may not use; the message is the whole problem."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys without a word; a results file never repeats one
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        twice = next(key for key in keys if keys.count(key) > 1)
        raise _RefusedJson(f"key {twice!r} appears twice in one JSON object — keep one")
    return dict(pairs)


def _no_constant(name: str) -> Any:
    raise _RefusedJson(f"{name} is not valid JSON (and no value a graph can hold) — remove it")


# Removed from labels: controls and bidi overrides (U+202E makes "gnp.exe" display reversed).
_UNSAFE_IN_LABELS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]")


def _clean_label(text: str) -> str:
    return _UNSAFE_IN_LABELS.sub("", text).strip()


def _qid(text: str) -> str | None:
    match = _QID.match(text.strip())
    return match.group(1) if match else None


class WikidataLoader:
    """Wikidata acquisition extracts (folder or CSV) and SPARQL JSON results."""

    name = "wikidata"
    description = (
        "Wikidata: acquisition extracts (entities + owner/owned edges) or SPARQL JSON with ?acquirer ?target ?date"
    )
    formats = (".csv", ".json", "folder")

    def can_load(self, source: str) -> bool:
        path = Path(source)
        if path.is_dir():
            return (path / EDGES).is_file()
        if path.name in (ENTITIES, EDGES):
            return True
        if path.suffix.lower() == ".json" and path.is_file():
            try:
                with open(path, encoding="utf-8") as fh:
                    head = fh.read(2048)
            except (OSError, UnicodeDecodeError):
                return False
            return '"head"' in head and '"vars"' in head
        return False

    def load(self, source: str) -> Batch:
        return read_wikidata(source)
