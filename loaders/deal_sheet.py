"""Deal sheets: one deal per row, in CSV, TSV, JSON or YAML (format in loaders/README.md).

Columns: ``acquirer``, ``target``, ``kind`` (required), ``status``, ``date``, ``amount``,
``currency``, ``stake``, ``valuation``, ``people`` ("Alexandr Wang: head of MSL; Jane
Doe"), ``source``, ``source_url``, ``note``, ``id``. Other names map onto these with
``column_map`` (``--map buyer=acquirer``). Each valid row becomes a Deal with TARGET,
ACQUIRER and MOVED relationships, Organization and Person nodes with slug ids, and
provenance ``(source id, "FILE#row N")``; one Source node stands for the sheet. A row
with any problem yields problems only — never part of its records.

>>> batch = parse_deals("acquirer,target,kind,date,amount\\nMeta,Scale AI,stake,2025-06,$14.3bn\\n", "csv", "d.csv")
>>> deal = next(n for n in batch.nodes if n.label.value == "Deal")
>>> deal.id, deal.props["amount_usd"], deal.props["locators"]
('meta-scale-ai-2025', 14300000000, ['d.csv#row 1'])
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from talentgraph.graph.errors import ModelError, SourceError
from talentgraph.graph.gc_pause import gc_paused
from talentgraph.graph.model import Label, Node, Relationship, RelType, check_id, slugify

from .deal_fields import cell_text, deal_facts, entity_name, people_moved
from .records import Batch, Problem
from .sheet_tables import FORMATS, SheetRow, Table, parse_table, read_table, table_format

__all__ = ["FIELDS", "DealSheetLoader", "parse_column_map", "parse_deals", "read_deals"]

FIELDS = ("id", "acquirer", "target", "kind", "status", "date", "amount", "currency", "stake",
          "valuation", "people", "source", "source_url", "note")
REQUIRED = ("acquirer", "target", "kind")
_ALIASES = {"people_moved": "people", "moved": "people", "url": "source_url", "notes": "note",
            "stake_pct": "stake", "announced": "date", "deal_kind": "kind", "deal_status": "status"}
PROGRESS_EVERY = 500

Progress = Callable[[int, int], None]
_slug = functools.lru_cache(maxsize=65536)(slugify)  # the same names recur on many rows


def parse_column_map(pairs: Iterable[str]) -> dict[str, str]:
    """``["buyer=acquirer"]`` -> ``{"buyer": "acquirer"}``; a bad pair is a ``SourceError``.

    >>> parse_column_map(["Buyer = acquirer", "Deal value=amount"])
    {'buyer': 'acquirer', 'deal_value': 'amount'}
    """
    mapping = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        target = _column(target)
        if not sep or not column.strip() or target not in FIELDS:
            raise SourceError(f"--map {pair!r}: write SHEET_COLUMN=FIELD, FIELD one of: {', '.join(FIELDS)}")
        mapping[_column(column)] = target
    return mapping


def read_deals(path: str | Path, column_map: dict[str, str] | None = None, progress: Progress | None = None) -> Batch:
    """Read a deal sheet file (format from the file ending; see ``parse_deals``)."""
    return _Sheet(str(path), column_map, progress).run(read_table(path))


def parse_deals(text: str, fmt: str, where: str = "<string>", column_map: dict[str, str] | None = None,
                progress: Progress | None = None) -> Batch:
    """Records from the text of a deal sheet in ``fmt`` (csv, tsv, json, yaml)."""
    return _Sheet(where, column_map, progress).run(parse_table(text, fmt, where))


class DealSheetLoader:
    """Deal sheets in CSV, TSV, JSON or YAML; ``column_map`` renames sheet columns."""

    name = "deals"
    description = "deal sheets: one deal per row (acquirer, target, kind, status, date, amount, people, ...)"
    formats = tuple(FORMATS)

    def __init__(self, column_map: dict[str, str] | None = None):
        self.column_map = column_map or {}

    def can_load(self, source: str) -> bool:
        path = Path(source)
        if table_format(path) is None or not path.is_file():
            return False
        try:
            with open(path, encoding="utf-8-sig", errors="replace") as fh:
                head = fh.read(65536)
        except OSError:
            return False
        if table_format(path) in ("csv", "tsv"):
            first = next((line for line in head.splitlines() if line.strip()), "")
            names = {self._field(c) for c in re.split("[,\t;]", first)}
            return {"acquirer", "target"} <= names
        if any(line.startswith("source:") for line in head.splitlines()):
            return False  # the curated YAML format
        return any(self._field(key) == "acquirer" for key in re.findall(r"[\w\" -]+(?=\"?\s*:)", head))

    def _field(self, column: str) -> str:
        column = _column(column)
        return self.column_map.get(column, _ALIASES.get(column, column))

    def load(self, source: str, progress: Progress | None = None) -> Batch:
        return read_deals(source, self.column_map, progress)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Rows make millions of small dicts and no reference cycles; the cycle collector's
    repeated passes over them tripled parse time (tests/benchmarks/bench_deal_sheet.py)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _column(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", str(name).strip().strip('"').lower()).strip("_")


class _Sheet:
    def __init__(self, where: str, column_map: dict[str, str] | None, progress: Progress | None):
        self.where, self.file = where, Path(where).name
        self.column_map = {_column(k): v for k, v in (column_map or {}).items()}
        self.progress = progress
        self.nodes: dict[str, Node] = {}
        self.relationships: list[Relationship] = []
        self.deal_rows: dict[str, int] = {}
        self.problems: list[Problem] = []
        self.provenance_seen: dict[str, set[tuple[str, str]]] = {}
        self.fields: dict[str, str] = {}

    def field(self, column: str) -> str:
        if column not in self.fields:
            key = _column(column)
            self.fields[column] = self.column_map.get(key, _ALIASES.get(key, key))
        return self.fields[column]

    def run(self, table: Table) -> Batch:
        self.problems += table.problems
        fields = [self.field(c) for c in table.columns]
        unknown = [c for c, f in zip(table.columns, fields) if f not in FIELDS]
        for column in unknown:
            self.problems.append(Problem(self.where, table.header_line, f"unknown column {column!r} — rename it or map it, e.g. --map {_column(column)}=acquirer (fields: {', '.join(FIELDS)})"))
        missing = [f for f in REQUIRED if f not in fields]
        if table.columns and missing:
            self.problems.append(Problem(self.where, table.header_line, f"no {', '.join(missing)} column — add it, or map a column onto it with --map COLUMN={missing[0]}"))
        if unknown or missing:
            return Batch(problems=self.problems)
        sheet_id = _slug(table.meta.get("id") or Path(self.file).stem)
        self.sheet = self.add(Node(sheet_id, Label.SOURCE, {
            "name": table.meta.get("name") or f"Deal sheet {self.file}",
            **{k: v for k, v in table.meta.items() if k not in ("id", "name")},
            "file": self.file, "source_ids": [sheet_id], "locators": [self.file]}))
        total = len(table.rows)
        with gc_paused():
            for done, row in enumerate(table.rows, 1):
                self.row(row)
                if self.progress and (done % PROGRESS_EVERY == 0 or done == total):
                    self.progress(done, total)
        return Batch(list(self.nodes.values()), self.relationships, sorted(self.problems, key=lambda p: p.line or 0))

    def add(self, node: Node) -> str:
        """Keep one node per id: the first spelling is the name, later ones become aliases,
        provenance accumulates. (In place, not merge_props: a sheet repeats an acquirer
        thousands of times, and re-merging its growing lists would be quadratic.)"""
        props = {k: v for k, v in node.props.items() if v is not None}
        old = self.nodes.get(node.id)
        if old is None:
            props["source_ids"], props["locators"] = list(props["source_ids"]), list(props["locators"])
            self.nodes[node.id] = Node(node.id, node.label, props)
            self.provenance_seen[node.id] = set(zip(props["source_ids"], props["locators"]))
            return node.id
        seen = self.provenance_seen[node.id]
        for pair in zip(props["source_ids"], props["locators"]):
            if pair not in seen:
                seen.add(pair)
                old.props["source_ids"].append(pair[0])
                old.props["locators"].append(pair[1])
        if props["name"] != old.props["name"] and props["name"] not in old.props.setdefault("aliases", []):
            old.props["aliases"].append(props["name"])
        for key, value in props.items():
            old.props.setdefault(key, value)
        return node.id

    # -- one row ------------------------------------------------------------------------

    def row(self, row: SheetRow) -> None:
        cells = {self.field(k): v for k, v in row.cells.items()}
        errors: list[str] = []
        unknown = [k for k in row.cells if self.field(k) not in FIELDS]
        if unknown:
            errors.append(f"unknown column {unknown[0]!r} — rename it or map it with --map {_column(unknown[0])}=FIELD")
        text = {f: cell_text(cells, f, errors) for f in FIELDS if f != "people"}
        deal = deal_facts(text, errors)
        nodes, rels = self.records(row, text, cells.get("people", ""), deal, errors)
        if errors:
            self.problems += [Problem(self.where, row.line, message) for message in errors]
            return
        for node in nodes:
            self.add(node)
        self.relationships += rels
        self.deal_rows[deal["id"]] = row.number

    def records(self, row: SheetRow, text: dict[str, str], people: Any, deal: dict[str, Any],
                errors: list[str]) -> tuple[list[Node], list[Relationship]]:
        acquirer = entity_name(text["acquirer"], "acquirer", errors)
        target = entity_name(text["target"], "target", errors)
        source_id = _slug(text["source"]) if text["source"] else self.sheet
        prov = {"source_ids": [source_id], "locators": [f"{self.file}#row {row.number}"]}
        nodes: list[Node] = []
        if text["source"]:
            nodes.append(Node(source_id, Label.SOURCE, {"name": text["source"], "url": text["source_url"] or None, **prov}))
        moved = [(entity_name(n, "person moved", errors), role) for n, role in people_moved(people)]
        if errors or acquirer is None or target is None:
            return [], []
        year = deal.get("year")
        deal_id = text["id"] or _slug(f"{acquirer}-{target}" + (f"-{year}" if year else ""))
        try:
            check_id(deal_id, "id")
        except ModelError as exc:
            errors.append(str(exc))
            return [], []
        if deal_id in self.deal_rows:
            errors.append(f"deal id {deal_id!r} is already used by row {self.deal_rows[deal_id]} — two deals between the same parties in one year need an id column")
        kind = str(deal["kind"]).replace("_", " ")
        deal.update(id=deal_id, name=f"{acquirer} / {target} {kind}" + (f" ({year})" if year else ""), **prov)
        nodes.append(Node(deal_id, Label.DEAL, {k: v for k, v in deal.items() if k != "id" and v is not None}))
        rels = []
        for name, rel_type in ((acquirer, RelType.ACQUIRER), (target, RelType.TARGET)):
            nodes.append(Node(_slug(name), Label.ORGANIZATION, {"name": name, **prov}))
            rels.append(Relationship(rel_type, deal_id, _slug(name), dict(prov)))
        for person, role in moved:
            nodes.append(Node(_slug(person), Label.PERSON, {"name": person, **prov}))
            rels.append(Relationship(RelType.MOVED, deal_id, _slug(person), {"role": role or None, **prov}))
        for node in nodes:
            have = self.nodes.get(node.id)
            if have is not None and have.label != node.label:
                fix = "rename the file (its name is the sheet's source id)" if have.label is Label.SOURCE else "rename one"
                errors.append(f"{node.props['name']!r} gets the id {node.id!r}, already used by the {have.label.value} {have.name!r} — {fix}")
        return nodes, [Relationship(r.type, r.start, r.end, {k: v for k, v in r.props.items() if v is not None}) for r in rels]


