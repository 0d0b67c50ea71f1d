"""Deal sheets: one deal per row, in CSV, TSV, JSON or YAML (format in loaders/README.md).

Fields: ``acquirer``, ``target``, ``kind`` (required), ``status``, ``date``, ``amount``,
``amount_usd`` (a figure the sheet already gives in US dollars), ``currency``,
``stake``, ``valuation``, ``people`` ("Alexandr Wang: head of MSL; Jane Doe"),
``source``, ``source_url``, ``note``, ``id``, and identity keys for either party:
``acquirer_url``/``target_url`` (a Crunchbase page or a web site), ``acquirer_qid``/
``target_qid``, ``acquirer_kind``/``target_kind``. Common header spellings are
recognised ("Acquiring Company", "Price", "Deal announced on", "Acquiree Name"); other
names map onto fields with ``SheetOptions.column_map`` (``--map buyer=acquirer``).

A real sheet loads as it is (``SheetOptions``):

- ``defaults`` (``--set kind=acquisition``) fill a field for rows whose cell is empty
  or whose sheet has no such column; an amount cell naming its currency ("€264m") keeps it.
- Columns that are no field are kept as extra properties of the deal (Neo4j-safe names,
  listed in the report); ``ignore`` drops them. Two columns for one field, or a map
  naming a column the file lacks, is an error at the header.
- An optional cell that cannot be read leaves its field empty, keeps the raw text
  (``amount_text``, ``date_text``) and is reported, grouped by field with counts;
  ``strict`` makes it an error. Required fields (acquirer, target, kind) refuse the row.
- The amount column's separator convention ("1,500") and the date column's slash order
  ("15/04/2002") are read from the whole column; a header "Value (US$ m)" or
  ``amount_unit`` scales bare figures. Amounts far below the sheet's median, and zeros,
  are reported, never rescaled.

Each deal's id is ``acquirer-target-year`` (the sheet's ``id`` column wins); a second
deal of another kind between the same parties that year gets ``-KIND``. A row
repeating a deal collapses into it (a note; differing values become disputes).
Provenance is ``(source id, "FILE#row N")``; every message names the file's line.

>>> batch = parse_deals("acquirer,target,kind,date,amount\\nMeta,Scale AI,stake,2025-06,$14.3bn\\n", "csv", "d.csv")
>>> deal = next(n for n in batch.nodes if n.label.value == "Deal")
>>> deal.id, deal.props["amount_usd"], deal.props["locators"]
('meta-scale-ai-2025', 14300000000, ['d.csv#row 1'])
"""

from __future__ import annotations

import functools
import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..graph.errors import ModelError, SourceError
from ..graph.gc_pause import gc_paused
from ..graph.identity.resolution import org_key
from ..graph.model import (
    DISPUTE,
    Label,
    Node,
    OrgKind,
    Relationship,
    RelType,
    check_id,
    slugify,
    value_to_text,
)
from .amounts import is_no_figure, separator_convention
from .dates import slash_order
from .deal_fields import (
    ColumnHints,
    cell_text,
    deal_facts,
    entity_name,
    name_warnings,
    people_moved,
)
from .org_kinds import org_kind
from .records import Batch, Problem
from .sheet_tables import (
    DELIMITERS,
    FORMATS,
    SheetRow,
    Table,
    parse_table,
    read_table,
    table_format,
)

__all__ = [
    "FIELDS",
    "DealSheetLoader",
    "SheetOptions",
    "parse_column_map",
    "parse_deals",
    "parse_defaults",
    "read_deals",
    "sheet_flags",
    "sheet_registry",
]

FIELDS = (
    "id",
    "acquirer",
    "target",
    "kind",
    "status",
    "date",
    "amount",
    "amount_usd",
    "currency",
    "stake",
    "valuation",
    "people",
    "source",
    "source_url",
    "note",
    "acquirer_url",
    "target_url",
    "acquirer_qid",
    "target_qid",
    "acquirer_kind",
    "target_kind",
    "date_precision",
)
REQUIRED = ("acquirer", "target", "kind")
OPTIONAL_READ = ("status", "date", "amount", "amount_usd", "currency", "stake", "valuation", "people")
_ALIASES = {
    "people_moved": "people",
    "moved": "people",
    "url": "source_url",
    "notes": "note",
    "link": "source_url",
    "news_link": "source_url",
    "stake_pct": "stake",
    "announced": "date",
    "deal_kind": "kind",
    "deal_status": "status",
    "buyer": "acquirer",
    "acquiring_company": "acquirer",
    "acquirer_name": "acquirer",
    "parent_company": "acquirer",
    "purchaser": "acquirer",
    "acquired_by": "acquirer",
    "acquired_company": "target",
    "acquiree": "target",
    "acquiree_name": "target",
    "target_company": "target",
    "target_name": "target",
    "company_acquired": "target",
    "acquired": "target",
    "price": "amount",
    "deal_value": "amount",
    "value": "amount",
    "transaction_value": "amount",
    "deal_size": "amount",
    "price_amount": "amount",
    "purchase_price": "amount",
    "acquisition_price": "amount",
    "price_in_usd": "amount_usd",
    "price_amount_usd": "amount_usd",
    "price_currency": "currency",
    "price_currency_code": "currency",
    "currency_code": "currency",
    "date_announced": "date",
    "announced_date": "date",
    "announced_on": "date",
    "deal_announced_on": "date",
    "acquisition_date": "date",
    "announcement_date": "date",
    "acquired_on": "date",
    "deal_date": "date",
    "date_of_acquisition": "date",
    "acquired_at": "date",
    "announced_date_precision": "date_precision",
    "price_currency_in_usd": "amount_usd",
    "acquirer_permalink": "acquirer_url",
    "acquisition_type": "kind",
    "deal_type": "kind",
    "acquisition_status": "status",
    "acquirer_name_url": "acquirer_url",
    "acquirer_cb_url": "acquirer_url",
    "acquirer_website": "acquirer_url",
    "acquiree_name_url": "target_url",
    "acquiree_cb_url": "target_url",
    "acquiree_website": "target_url",
    "target_website": "target_url",
    "acquirer_wikidata": "acquirer_qid",
    "target_wikidata": "target_qid",
    "deal_id": "id",
    "acquisition_id": "id",
}
# properties a deal sets itself: an extra column of the same name is kept under "sheet_NAME"
_DEAL_PROPS = frozenset(
    {
        *FIELDS,
        "name",
        "year",
        "date_text",
        "date_precision",
        "date_qualifier",
        "amount_text",
        "amount_qualifier",
        "amount_usd_note",
        "amount_high",
        "amount_high_usd",
        "valuation_text",
        "valuation_currency",
        "valuation_usd",
        "valuation_usd_note",
        "valuation_qualifier",
        "valuation_high",
        "valuation_high_usd",
        "stake_pct",
        "stake_text",
        "status_text",
        "source_ids",
        "locators",
        "aliases",
        "label",
        "explicit_id",
        *DISPUTE,
    }
)
_NAMES = frozenset({"acquirer", "target", "people", "source", "id"})
_UNITS = {"million": 6, "billion": 9, "thousand": 3}
_CUR = r"US\$|USD|\$|€|EUR|£|GBP"
_UNIT = r"k|thousands?|m|mn|mm|mil|millions?|b|bn|billions?"
_HEADER_UNIT = re.compile(
    rf"\s*[(\[]\s*(?:in\s+)?(?:(?P<cur>{_CUR})?\s*(?P<unit>{_UNIT})?|(?P<unit3>{_UNIT})\s+(?:of\s+)?(?P<cur3>{_CUR}))"
    rf"\s*[)\]]\s*$|\s+in\s+(?P<unit2>millions?|billions?|thousands?)\s*$",
    re.IGNORECASE,
)
_HEADER_UNIT_EXP = {
    "k": 3,
    "thousand": 3,
    "thousands": 3,
    "m": 6,
    "mn": 6,
    "mm": 6,
    "mil": 6,
    "million": 6,
    "millions": 6,
    "b": 9,
    "bn": 9,
    "billion": 9,
    "billions": 9,
}
_HEADER_CURRENCY = {"us$": "USD", "usd": "USD", "$": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP"}
PROGRESS_EVERY = 500
_LISTED = 20  # per group of notes, the lines listed before "... and N more"

Progress = Callable[[int, int], None]
_slug = functools.lru_cache(maxsize=65536)(slugify)  # the same names recur on many rows
_org_key = functools.lru_cache(maxsize=65536)(org_key)


@dataclass(frozen=True)
class SheetOptions:
    """How to read a deal sheet that is not in talentgraph's own column names — the
    Python side of the CLI's ``--map``, ``--set``, ``--ignore``, ``--delimiter``,
    ``--encoding``, ``--strict`` and ``--amount-unit``.

    ``column_map``: sheet column -> field; ``defaults``: field -> value for rows that do
    not state it; ``ignore``: sheet columns to drop; ``delimiter``: ``comma``, ``tab``,
    ``semicolon``, ``pipe`` or one character (default: sniffed); ``encoding`` (default:
    detected); ``strict``: an unreadable optional cell refuses the row; ``amount_unit``:
    ``million`` or ``billion`` for bare figures.

    >>> opts = SheetOptions.from_flags(map_pairs=["Company=target"], set_pairs=["acquirer=Google", "kind=acquisition"])
    >>> opts.column_map, opts.defaults["acquirer"], opts.flags()[:4]
    ({'company': 'target'}, 'Google', ['--map', 'Company=target', '--set', 'acquirer=Google'])
    """

    column_map: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()
    delimiter: str | None = None
    encoding: str | None = None
    strict: bool = False
    amount_unit: str | None = None
    # the flags as the user wrote them, repeated in suggested commands
    written: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # sheet column names as written ("Company") or normalised ("company") alike
        object.__setattr__(self, "column_map", {_column(k): _column(v) for k, v in self.column_map.items()})
        object.__setattr__(self, "ignore", tuple(_column(c) for c in self.ignore))
        bad = [f for f in (*self.column_map.values(), *self.defaults) if f not in FIELDS]
        if bad:
            raise SourceError(f"{bad[0]!r} is no deal-sheet field — use one of: {', '.join(FIELDS)}")
        if self.amount_unit is not None and self.amount_unit not in _UNITS:
            raise SourceError(f"--amount-unit {self.amount_unit!r}: use million or billion")
        if self.delimiter is not None and self.delimiter not in DELIMITERS and len(self.delimiter) != 1:
            raise SourceError(f"--delimiter {self.delimiter!r}: use comma, tab, semicolon, pipe or one character")
        if self.encoding is not None:
            import codecs

            try:
                codecs.lookup(self.encoding)
            except LookupError:
                raise SourceError(
                    f"--encoding {self.encoding!r}: unknown encoding — use e.g. utf-8, utf-16 or cp1252"
                ) from None

    @classmethod
    def from_flags(
        cls,
        map_pairs: Iterable[str] = (),
        set_pairs: Iterable[str] = (),
        ignore: Iterable[str] = (),
        delimiter: str | None = None,
        encoding: str | None = None,
        strict: bool = False,
        amount_unit: str | None = None,
    ) -> SheetOptions:
        """Options from the CLI's strings; a malformed pair is a ``SourceError``."""
        map_pairs, set_pairs, ignore = list(map_pairs), list(set_pairs), list(ignore)
        written = [
            *(x for p in map_pairs for x in ("--map", p)),
            *(x for p in set_pairs for x in ("--set", p)),
            *(x for c in ignore for x in ("--ignore", c)),
        ]
        for flag, value in (("--delimiter", delimiter), ("--encoding", encoding), ("--amount-unit", amount_unit)):
            if value:
                written += [flag, value]
        if strict:
            written.append("--strict")
        return cls(
            parse_column_map(map_pairs),
            parse_defaults(set_pairs),
            tuple(_column(c) for c in ignore),
            delimiter,
            encoding,
            strict,
            amount_unit,
            tuple(written),
        )

    def flags(self) -> list[str]:
        """The command-line flags that give these options (for a suggested rerun): as the
        user wrote them, or made from the fields for options built in Python."""
        if self.written:
            return list(self.written)
        flags = [
            *(x for k, v in self.column_map.items() for x in ("--map", f"{k}={v}")),
            *(x for k, v in self.defaults.items() for x in ("--set", f"{k}={v}")),
            *(x for c in self.ignore for x in ("--ignore", c)),
        ]
        for flag, value in (
            ("--delimiter", self.delimiter),
            ("--encoding", self.encoding),
            ("--amount-unit", self.amount_unit),
        ):
            if value:
                flags += [flag, value]
        return [*flags, "--strict"] if self.strict else flags

    @property
    def active(self) -> bool:
        return bool(
            self.column_map
            or self.defaults
            or self.ignore
            or self.delimiter
            or self.encoding
            or self.strict
            or self.amount_unit
        )


def sheet_registry(options: SheetOptions) -> Any:
    """The default loader registry with its deal-sheet loader reading sheets with
    ``options`` — hand it to ``load_sources`` or ``validate_sources``.

    >>> sheet_registry(SheetOptions.from_flags(set_pairs=["kind=acquisition"])).get("deals").options.defaults
    {'kind': 'acquisition'}
    """
    from .registry import default_registry

    registry = default_registry()
    registry.register(DealSheetLoader(options))
    return registry


def sheet_flags(registry: Any) -> str:
    """The deal-sheet flags the ``deals`` loader of ``registry`` was given, quoted for a
    shell and followed by a space ("" when none), for the commands a message suggests."""
    import shlex

    try:
        loader = registry.get("deals") if registry is not None else None
    except SourceError:
        return ""
    options = getattr(loader, "options", None)
    flags = options.flags() if isinstance(options, SheetOptions) else []
    return "".join(f"{shlex.quote(flag)} " for flag in flags)


def parse_column_map(pairs: Iterable[str]) -> dict[str, str]:
    """``["buyer=acquirer"]`` -> ``{"buyer": "acquirer"}``; a bad pair is a ``SourceError``.

    >>> parse_column_map(["Buyer = acquirer", "Deal value=amount"])
    {'buyer': 'acquirer', 'deal_value': 'amount'}
    """
    mapping = {}
    for pair in pairs:
        column, sep, target = pair.rpartition("=") if pair.count("=") > 1 else pair.partition("=")
        target = _column(target)
        if not sep or not column.strip() or target not in FIELDS:
            raise SourceError(f"--map {pair!r}: write SHEET_COLUMN=FIELD, FIELD one of: {', '.join(FIELDS)}")
        mapping[_column(column)] = target
    return mapping


def parse_defaults(pairs: Iterable[str]) -> dict[str, str]:
    """``["kind=acquisition"]`` -> ``{"kind": "acquisition"}``; a bad pair is a ``SourceError``.

    >>> parse_defaults(["kind = acquisition", "currency=usd"])
    {'kind': 'acquisition', 'currency': 'USD'}
    """
    defaults = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = _column(name)
        if not sep or name not in FIELDS or not value.strip():
            raise SourceError(f"--set {pair!r}: write FIELD=VALUE, FIELD one of: {', '.join(FIELDS)}")
        value = value.strip()
        if name == "currency":
            if not re.fullmatch(r"[A-Za-z]{3}", value):
                raise SourceError(f"--set {pair!r}: a currency is a 3-letter ISO code such as USD or EUR")
            value = value.upper()
        defaults[name] = value
    return defaults


def read_deals(
    path: str | Path, column_map: dict[str, str] | SheetOptions | None = None, progress: Progress | None = None
) -> Batch:
    """Read a deal sheet file (format sniffed; see ``parse_deals`` and ``SheetOptions``)."""
    options = _options(column_map)
    table = read_table(path, options.delimiter, options.encoding)
    return _Sheet(str(path), options, progress).run(table)


def parse_deals(
    text: str,
    fmt: str,
    where: str = "<string>",
    column_map: dict[str, str] | SheetOptions | None = None,
    progress: Progress | None = None,
) -> Batch:
    """Records from the text of a deal sheet in ``fmt`` (csv, tsv, json, yaml)."""
    options = _options(column_map)
    return _Sheet(where, options, progress).run(parse_table(text, fmt, where, options.delimiter))


def _options(value: dict[str, str] | SheetOptions | None) -> SheetOptions:
    if isinstance(value, SheetOptions):
        return value
    return SheetOptions(column_map={_column(k): v for k, v in (value or {}).items()})


class DealSheetLoader:
    """Deal sheets in CSV, TSV, JSON or YAML; ``options`` (a ``SheetOptions``, or a plain
    column map) say how to read a sheet in other column names."""

    name = "deals"
    description = "deal sheets: one deal per row (acquirer, target, kind, status, date, amount, people, ...)"
    formats = tuple(FORMATS)

    def __init__(self, options: dict[str, str] | SheetOptions | None = None):
        self.options = _options(options)
        self.column_map = self.options.column_map

    def can_load(self, source: str) -> bool:
        path = Path(source)
        if table_format(path) is None or not path.is_file():
            return False
        try:
            with open(path, "rb") as fh:
                head = fh.read(65536)
        except OSError:
            return False
        from .sheet_tables import decode

        try:
            text = decode(head, self.options.encoding)[0]
        except (UnicodeDecodeError, LookupError):
            text = head.decode("utf-8", errors="replace")
        if table_format(path) in ("csv", "tsv"):
            if self.options.column_map or self.options.defaults:
                return True  # deal-sheet flags given: the header check says what does not fit
            first = next((line for line in text.splitlines() if line.strip()), "")
            names = {self._field(c) for c in re.split("[,\t;|]", first)} | set(self.options.defaults)
            return {"acquirer", "target"} <= names
        if any(line.startswith("source:") for line in text.splitlines()):
            return False  # the curated YAML format
        return any(self._field(key) == "acquirer" for key in re.findall(r"[\w\" -]+(?=\"?\s*:)", text))

    def _field(self, column: str) -> str:
        return _field_of(column, self.options.column_map)

    def load(self, source: str, progress: Progress | None = None) -> Batch:
        return read_deals(source, self.options, progress)


@functools.lru_cache(maxsize=4096)
def _column(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", str(name).strip().strip('"').lower()).strip("_")


def _field_of(column: str, column_map: dict[str, str]) -> str:
    key = _column(column)
    if key in column_map:
        return column_map[key]
    bare = _column(_HEADER_UNIT.sub("", column)) if _HEADER_UNIT.search(column) else key
    if bare in column_map:
        return column_map[bare]
    return _ALIASES.get(key) or _ALIASES.get(bare, bare)


def _property_name(column: str) -> str:
    """A Neo4j-safe property name for an extra column: letters, digits, underscores."""
    name = _column(column) or "column"
    if name[0].isdigit():
        name = f"col_{name}"
    return f"sheet_{name}" if name in _DEAL_PROPS else name


class _Sheet:
    def __init__(self, where: str, options: SheetOptions, progress: Progress | None):
        self.where, self.file = where, Path(where).name
        self.options = options
        self.progress = progress
        self.nodes: dict[str, Node] = {}
        self.relationships: list[Relationship] = []
        self.deal_rows: dict[str, int] = {}  # deal id -> line of the row that made it
        self.deal_keys: dict[tuple[str, str, Any], dict[str, str]] = {}  # (acquirer, target, year) -> kind -> id
        self.problems: list[Problem] = []
        self.notes: list[str] = []
        self.soft: dict[str, list[tuple[int, str, str]]] = defaultdict(list)  # field -> (line, raw, reason)
        self.warnings: dict[str, list[tuple[int, str]]] = defaultdict(list)  # kind of warning -> (line, text)
        self.usd: list[tuple[int, int | float, str]] = []
        self.provenance_seen: dict[str, set[tuple[str, str]]] = {}
        self.columns: dict[str, str] = {}  # sheet column -> field (or extra property)
        self.extras: dict[str, str] = {}  # sheet column -> property name

    # -- header -------------------------------------------------------------------------

    def header(self, table: Table) -> bool:
        line, opts = table.header_line, self.options
        before = len(self.problems)
        lacking = [
            c
            for c in opts.column_map
            if c not in {_column(x) for x in table.columns}
            and c not in {_column(_HEADER_UNIT.sub("", x)) for x in table.columns}
        ]
        for column in lacking:
            self.problems.append(
                Problem(
                    self.where,
                    line,
                    (
                        f"--map {column}={opts.column_map[column]}: the file has no column "
                        f"{column!r} (columns: {', '.join(table.columns[:20])})"
                    ),
                )
            )
        for column in opts.ignore:
            if column not in {_column(x) for x in table.columns}:
                self.notes.append(f"{self.file}: --ignore {column}: no such column")
        by_field: dict[str, list[str]] = defaultdict(list)
        for column in table.columns:
            if _column(column) in opts.ignore:
                continue
            name = _field_of(column, opts.column_map)
            if name in FIELDS:
                by_field[name].append(column)
                self.columns[column] = name
            else:
                self.extras[column] = _property_name(column)
        for name, columns in by_field.items():
            if len(columns) > 1:
                self.problems.append(
                    Problem(
                        self.where,
                        line,
                        (
                            f"columns {' and '.join(repr(c) for c in columns)} both give {name} — keep one with "
                            f"--ignore {_column(columns[1])}, or --map it to another field"
                        ),
                    )
                )
        missing = [f for f in REQUIRED if f not in by_field and f not in opts.defaults]
        if table.columns and missing:
            fix = f"--map COLUMN={missing[0]}"
            if missing[0] == "kind":
                fix += " or --set kind=acquisition"
            unknown = ", ".join(repr(c) for c in list(self.extras)[:8])
            self.problems.append(
                Problem(
                    self.where,
                    line,
                    (
                        f"no {', '.join(missing)} column — map a column onto it with {fix}"
                        + (f" (columns that are no field: {unknown})" if unknown else "")
                    ),
                )
            )
        if self.extras:
            self.notes.append(
                f"{self.file}: columns kept as deal properties: "
                + ", ".join(f"{c!r} -> {p}" for c, p in self.extras.items())
                + " (drop one with --ignore COLUMN)"
            )
        return len(self.problems) == before

    def hints(self, table: Table) -> ColumnHints:
        column_of = {f: c for c, f in self.columns.items()}
        opts = self.options

        def cells(name: str) -> list[str]:
            column = column_of.get(name)
            return [str(r.cells.get(column, "")) for r in table.rows] if column else []

        def unit_and_currency(name: str) -> tuple[int, str | None]:
            unit = _UNITS.get(opts.amount_unit or "", 0)
            column = column_of.get(name)
            if column and (m := _HEADER_UNIT.search(column)):
                word = (m["unit"] or m["unit2"] or m["unit3"] or "").lower()
                unit = _HEADER_UNIT_EXP.get(word, unit)
                return unit, _HEADER_CURRENCY.get((m["cur"] or m["cur3"] or "").lower())
            return unit, None

        amount_unit, amount_currency = unit_and_currency("amount")
        valuation_unit, _ = unit_and_currency("valuation")
        return ColumnHints(
            separator_convention(cells("amount")),
            separator_convention(cells("valuation")),
            slash_order(cells("date")),
            amount_unit,
            valuation_unit,
            amount_currency,
            opts.defaults.get("currency"),
        )

    # -- the sheet ----------------------------------------------------------------------

    def run(self, table: Table) -> Batch:
        self.problems += table.problems
        self.notes += table.notes
        if table.problems and (not table.columns or any(p.line == table.header_line for p in table.problems)):
            return Batch(problems=self.problems, notes=self.notes)  # a header problem first, and alone
        if not self.header(table):
            return Batch(problems=sorted(self.problems, key=lambda p: p.line or 0), notes=self.notes)
        self.hint = self.hints(table)
        sheet_id = _slug(table.meta.get("id") or Path(self.file).stem)
        self.sheet = self.add(
            Node(
                sheet_id,
                Label.SOURCE,
                {
                    "name": table.meta.get("name") or f"Deal sheet {self.file}",
                    **{k: v for k, v in table.meta.items() if k not in ("id", "name")},
                    "file": self.file,
                    "source_ids": [sheet_id],
                    "locators": [self.file],
                },
            )
        )
        total = len(table.rows)
        with gc_paused():
            for done, row in enumerate(table.rows, 1):
                self.row(row)
                if self.progress and (done % PROGRESS_EVERY == 0 or done == total):
                    self.progress(done, total)
        if not table.rows and not self.problems:
            self.notes.append(f"{self.file}: no data rows after the header — nothing but the sheet itself to load")
        self.plausibility()
        self.report()
        return Batch(
            list(self.nodes.values()), self.relationships, sorted(self.problems, key=lambda p: p.line or 0), self.notes
        )

    def report(self) -> None:
        """Soft problems and warnings, grouped by field or kind, each with its count."""
        for name, items in self.soft.items():
            self.notes.append(
                f"{self.file}: {name} not read in {len(items)} row{'s' if len(items) != 1 else ''} — "
                f"kept as text ({name}_text), the field left empty:"
            )
            self.notes += [
                f"  {self.where}:{line}: {name} {raw!r} not read — kept as text ({reason})"
                for line, raw, reason in items[:_LISTED]
            ]
            if len(items) > _LISTED:
                self.notes.append(
                    f"  ... and {len(items) - _LISTED} more (`talentgraph validate --strict` lists them all)"
                )
        for kind, warned in self.warnings.items():
            self.notes.append(f"{self.file}: {kind} in {len(warned)} row{'s' if len(warned) != 1 else ''}:")
            self.notes += [f"  {self.where}:{line}: {text}" for line, text in warned[:_LISTED]]
            if len(warned) > _LISTED:
                self.notes.append(f"  ... and {len(warned) - _LISTED} more")

    def plausibility(self) -> None:
        """Zero amounts, and amounts a thousand times below the sheet's median (a unit
        lost: "$370" among "$1.4 billion"), are reported — never rescaled."""
        values = [v for _, v, _ in self.usd if v]
        median = statistics.median(values) if len(values) >= 5 else None
        for line, value, raw in self.usd:
            if value == 0:
                self.warnings["zero amounts"].append(
                    (line, f"amount {raw!r} is zero — undisclosed? leave the cell empty")
                )
            elif median and value * 1000 <= median and value < 1_000_000:
                self.warnings["implausibly small amounts"].append(
                    (
                        line,
                        (
                            f"amount {raw!r} is {value:,} USD, far below the sheet's median of {median:,.0f} — "
                            "a lost unit? (not rescaled; write e.g. '$370 million', or pass --amount-unit million)"
                        ),
                    )
                )

    def add(self, node: Node) -> str:
        """Keep one node per id: the first spelling is the name, later ones become aliases,
        provenance accumulates. (In place, not merge_props: a sheet repeats an acquirer
        thousands of times, and re-merging its growing lists would be quadratic.)"""
        props = {k: v for k, v in node.props.items() if v is not None}
        old = self.nodes.get(node.id)
        if old is None:
            props["source_ids"], props["locators"] = list(props["source_ids"]), list(props["locators"])
            self.nodes[node.id] = Node(node.id, node.label, props)
            self.provenance_seen[node.id] = set(zip(props["source_ids"], props["locators"], strict=True))
            return node.id
        seen = self.provenance_seen[node.id]
        for pair in zip(props["source_ids"], props["locators"], strict=True):
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
        columns, defaults = self.columns, self.options.defaults
        cells = {columns[k]: v for k, v in row.cells.items() if k in columns}
        errors: list[str] = []
        soft: list[tuple[str, str, str]] = []
        text = {f: cell_text(cells, f, errors) for f in cells if f != "people"}
        for name, value in defaults.items():
            if name == "currency":
                continue  # a default for amounts that name none (ColumnHints), not a currency cell
            stated = text.get(name, "")
            if not stated or (name not in _NAMES and is_no_figure(stated)):  # "N/A", "Not applicable", "—"
                text[name] = value
        text.setdefault("source", "")
        deal = deal_facts(text, errors, soft, self.hint)
        people: Any = cells.get("people", "")
        if isinstance(people, str) and len(people) > 10_000:
            soft.append(("people", people[:40], "the people cell is too long to read"))
            people = ""
        if self.options.strict:
            errors += [reason for _, _, reason in soft]
            soft = []
        extras = {}
        for column, prop in self.extras.items():
            cell = row.cells.get(column)
            if isinstance(cell, str) and (cell := cell.strip()):
                extras[prop] = cell[:10_000]
        nodes, rels = self.records(row, text, people, deal, errors, extras)
        if errors:
            self.problems += [Problem(self.where, row.line, message) for message in errors]
            return
        for name, raw, reason in soft:
            self.soft[name].append((row.line, raw, reason))
        deal_id = next(n.id for n in nodes if n.label is Label.DEAL)
        if deal_id in self.deal_rows:
            self.collapse(row, next(n for n in nodes if n.label is Label.DEAL))
            nodes = [n for n in nodes if n.label is not Label.DEAL]
        else:
            self.deal_rows[deal_id] = row.line
        if deal.get("amount_usd") is not None:
            self.usd.append((row.line, deal["amount_usd"], text.get("amount", "")))
        elif deal.get("amount") is not None and deal.get("amount_usd_note"):
            self.warnings["amounts without a USD value"].append((row.line, deal["amount_usd_note"]))
        for node in nodes:
            self.add(node)
        self.relationships += rels

    def collapse(self, row: SheetRow, deal: Node) -> None:
        """A row for a deal an earlier row made: the same values collapse into it (a note);
        values that differ become dispute rows on the deal."""
        old = self.nodes[deal.id].props
        first = self.deal_rows[deal.id]
        differing = [k for k, v in deal.props.items() if k in _FACTS and v is not None and old.get(k) not in (None, v)]
        locator = deal.props["locators"][0]
        for key in differing:
            rows = list(zip(*(old.get(k, []) for k in DISPUTE), strict=True))
            for value, loc in ((old[key], old["locators"][0]), (deal.props[key], locator)):
                entry = (key, value_to_text(value), old["source_ids"][0], loc, "")
                if entry not in rows:
                    rows.append(entry)
            for i, k in enumerate(DISPUTE):
                old[k] = [r[i] for r in rows]
        for key, value in deal.props.items():
            if value is not None and key not in old:
                old[key] = value
        if locator not in old["locators"]:
            old["source_ids"].append(old["source_ids"][0])
            old["locators"].append(locator)
        what = f"differs in {', '.join(differing)} (kept as disputes)" if differing else "repeats it"
        self.warnings["repeated deals"].append((row.line, f"line {row.line} is the deal of line {first} and {what}"))

    def records(
        self,
        row: SheetRow,
        text: dict[str, str],
        people: Any,
        deal: dict[str, Any],
        errors: list[str],
        extras: dict[str, str],
    ) -> tuple[list[Node], list[Relationship]]:
        acquirer = entity_name(text.get("acquirer", ""), "acquirer", errors)
        target = entity_name(text.get("target", ""), "target", errors)
        source_id = _slug(text["source"]) if text["source"] else self.sheet
        prov = {"source_ids": [source_id], "locators": [f"{self.file}#row {row.number}"]}
        nodes: list[Node] = []
        if text["source"]:
            nodes.append(
                Node(source_id, Label.SOURCE, {"name": text["source"], "url": text.get("source_url") or None, **prov})
            )
        moved = [(entity_name(n, "person moved", errors), role) for n, role in people_moved(people)]
        if errors or acquirer is None or target is None:
            return [], []
        for role, name in (("acquirer", acquirer), ("target", target)):
            for warning in name_warnings(role, name):
                self.warnings["suspicious names"].append((row.line, warning))
        if _org_key(acquirer) == _org_key(target):
            self.warnings["acquirer = target"].append(
                (row.line, f"acquirer and target are both {acquirer!r} — check the row")
            )
        year = deal.get("year")
        deal_id = text.get("id") or self.deal_id(acquirer, target, year, deal["kind"])
        try:
            check_id(deal_id, "id")
        except ModelError as exc:
            errors.append(str(exc))
            return [], []
        kind = str(deal["kind"]).replace("_", " ")
        deal.update(name=f"{acquirer} / {target} {kind}" + (f" ({year})" if year else ""), **prov)
        if text.get("id"):
            deal["explicit_id"] = True
        for key, value in extras.items():
            deal.setdefault(key, value)
        nodes.append(Node(deal_id, Label.DEAL, {k: v for k, v in deal.items() if v is not None}))
        rels = []
        for name, rel_type, role in ((acquirer, RelType.ACQUIRER, "acquirer"), (target, RelType.TARGET, "target")):
            org = {"name": name, "kind": self.org_kind(name, text.get(f"{role}_kind", ""), row.line), **prov}
            if text.get(f"{role}_url") or text.get(f"{role}_qid"):
                org.update(_identity_keys(text.get(f"{role}_url", ""), text.get(f"{role}_qid", "")))
            nodes.append(Node(_slug(name), Label.ORGANIZATION, org))
            rels.append(Relationship(rel_type, deal_id, _slug(name), dict(prov)))
        for person, role in moved:
            nodes.append(Node(_slug(person), Label.PERSON, {"name": person, **prov}))
            rels.append(Relationship(RelType.MOVED, deal_id, _slug(person), {"role": role or None, **prov}))
        for node in nodes:
            have = self.nodes.get(node.id)
            if have is not None and have.label != node.label:
                fix = (
                    "rename the file (its name is the sheet's source id)"
                    if have.label is Label.SOURCE
                    else "rename one"
                )
                errors.append(
                    f"{node.props['name']!r} gets the id {node.id!r}, already used by the "
                    f"{have.label.value} {have.name!r} — {fix}"
                )
        return nodes, [
            Relationship(r.type, r.start, r.end, {k: v for k, v in r.props.items() if v is not None}) for r in rels
        ]

    def org_kind(self, name: str, stated: str, line: int) -> str:
        """The model's kind for a party: its kind cell (a model value or a synonym such as
        "university"), else what its name says; a cell that is no kind is warned about and
        the name decides."""
        try:
            return org_kind(name, stated).value
        except SourceError:
            choices = ", ".join(kind.value for kind in OrgKind)
            self.warnings["unknown organization kinds"].append(
                (
                    line,
                    f"{stated.strip()!r} is not an organization kind ({choices}); {name!r} kept as "
                    f"{org_kind(name).value}",
                )
            )
            return org_kind(name).value

    def deal_id(self, acquirer: str, target: str, year: Any, kind: str) -> str:
        """``acquirer-target-year``; another kind between the same parties that year gets ``-KIND``."""
        base = _slug(f"{acquirer}-{target}" + (f"-{year}" if year else ""))
        kinds = self.deal_keys.setdefault((_slug(acquirer), _slug(target), year), {})
        if kind not in kinds:
            kinds[kind] = base if not kinds else _slug(f"{base}-{kind}")
        return kinds[kind]


# values whose difference between two rows of one deal is a dispute (not wording)
_FACTS = frozenset({"status", "date", "amount", "currency", "amount_usd", "stake_pct", "valuation", "valuation_usd"})


def _identity_keys(url: str, qid: str) -> dict[str, str]:
    """External ids from a party's URL and QID cells: a Crunchbase organization page gives
    ``crunchbase_permalink``, another web address its ``domain``.

    >>> _identity_keys("https://www.crunchbase.com/organization/admob", "Q4689457")
    {'crunchbase_permalink': 'admob', 'wikidata_qid': 'Q4689457'}
    >>> _identity_keys("/organization/google", "")
    {'crunchbase_permalink': 'google'}
    >>> _identity_keys("http://www.AdMob.com/about", "")
    {'domain': 'admob.com'}
    """
    keys = {}
    url = url.strip()
    if m := re.match(r"(?:https?://)?(?:www\.)?(?:crunchbase\.com)?/(?:organization|company)/([A-Za-z0-9_.-]+)", url):
        keys["crunchbase_permalink"] = m[1].lower()
    elif m := re.match(r"(?:https?://)?(?:www\.)?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(?:[/:?#]|$)", url):
        keys["domain"] = m[1].lower()
    if m := re.fullmatch(r"(?:https?://www\.wikidata\.org/wiki/)?(Q\d+)", qid.strip()):
        keys["wikidata_qid"] = m[1]
    return keys
