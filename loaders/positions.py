"""Employment histories: a CSV of positions (person, organization, title, start, end,
precision) becomes people, organizations and ``WORKED_AT`` stints.

Columns (header names, case-insensitive; the AI Watch export's names work as they are):
``person``, ``organization``, ``title``, ``start_date`` (or ``start``), ``end_date``
(or ``end``), ``start_date_precision`` / ``end_date_precision`` (or one ``precision``:
day | month | year | multi-year), optional ``employment_type`` and ``urls``.

Each stint is ``(Person)-[:WORKED_AT {role, from, to, start_date, start_precision,
end_date, end_precision}]->(Organization)``; dates are ISO, cut to their precision
(``2019-7-01`` at month precision is ``2019-07``). Moves between organizations are not
stored: they are read from consecutive stints by the ``moves`` query, so they always
agree with the stints (see ``talentgraph.queries.moves``).

Known mess is repaired and reported in ``batch.notes`` (spacing and case variants of
one name, unpadded dates, duplicate rows, rows without an organization); what cannot
be repaired — an impossible date, an end before the start — is a problem
(``file:line: message``) and blocks the load.

Quoting is strict: a quote that is never closed would swallow the rest of the file into one
organization's name, so it is a problem naming the line where it opens; so is a cell over
128 KiB (``csv.field_size_limit``) and any other malformed quoting. Control and bidi-override
characters (NUL, U+202E, ...) are removed from names and titles and the repair is reported.

>>> batch = parse_positions("person,organization,title,start_date,start_date_precision\\n"
...                         "Ada Lovelace,Analytical Engines Ltd ,Engineer,1843-7-01,month\\n", "p.csv")
>>> [(r.start, r.end, r.props["start_date"]) for r in batch.relationships]
[('ada-lovelace', 'analytical-engines-ltd', '1843-07')]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..graph.identity.resolution import clean_name, org_key, person_key
from ..graph.model import Label, Node, Relationship, RelType, slugify
from .org_kinds import org_kind
from .records import Batch, Problem
from .strict_csv import checked_rows

__all__ = ["PositionsLoader", "parse_positions", "read_positions", "positions_source_id"]

_COLUMNS = {
    "person": ("person", "name", "person_name"),
    "organization": ("organization", "organisation", "org", "company", "employer"),
    "title": ("title", "role", "position"),
    "start": ("start_date", "start", "from"),
    "end": ("end_date", "end", "to"),
    "start_precision": ("start_date_precision", "start_precision", "precision"),
    "end_precision": ("end_date_precision", "end_precision", "precision"),
    "employment_type": ("employment_type",),
    "urls": ("urls", "url"),
}
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?-?$")
_PRECISION_CUT = {"day": 10, "month": 7, "year": 4, "multi-year": 4}
# Never part of a name: C0/C1 controls (tab and line breaks are spacing, handled by clean_name)
# and the bidi embeddings, overrides and isolates that make text display in another order.
_UNSAFE_IN_NAMES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _clean_cell(raw: str, repaired: Counter) -> str:
    if _UNSAFE_IN_NAMES.search(raw):
        repaired["control or bidi characters removed from a name"] += 1
        raw = _UNSAFE_IN_NAMES.sub("", raw)
    return clean_name(raw)


def positions_source_id(path: Path) -> str:
    """``aiwatch/positions.csv`` -> ``aiwatch-positions``: folder and file name, so two
    exports' positions files get different source ids."""
    return slugify(f"{path.parent.name}-{path.stem}" if path.parent.name else path.stem)


def read_positions(path: str | Path) -> Batch:
    """Read a positions CSV file, or ``positions.csv`` inside a folder."""
    path = Path(path)
    if path.is_dir():
        path = path / "positions.csv"
    try:
        # streamed, not read whole: a million-row export stays out of memory
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return parse_positions(fh, str(path), positions_source_id(path))
    except UnicodeDecodeError as exc:
        return Batch(
            problems=[Problem(str(path), None, f"not UTF-8 text ({exc.reason} at byte {exc.start}) — save it as UTF-8")]
        )
    except OSError as exc:
        return Batch(problems=[Problem(str(path), None, f"cannot read the file ({exc}) — check the path")])


def parse_positions(text: str | Iterable[str], where: str = "<string>", source_id: str | None = None) -> Batch:
    """Records from positions CSV text (or an iterable of its lines); see the module docstring."""
    source_id = source_id or positions_source_id(Path(where))
    batch = Batch()
    reader = csv.reader(io.StringIO(text) if isinstance(text, str) else text, strict=True)
    rows = iter(checked_rows(reader, where, batch.problems))
    header = [h.strip().lower() for h in next(rows, [])]
    if batch.problems:
        return batch
    cols = {name: next((header.index(c) for c in choices if c in header), None) for name, choices in _COLUMNS.items()}
    missing = [n for n in ("person", "organization") if cols[n] is None]
    if missing:
        batch.problems.append(
            Problem(
                where,
                1,
                f"no {' or '.join(missing)} column — the header needs person, organization (and title, start_date, end_date)",
            )
        )
        return batch
    people, orgs = _Names(person_key), _Names(org_key)
    person_keys, person_uses, org_keys, org_uses = people.keys, people.uses, orgs.keys, orgs.uses
    stints: dict[tuple, tuple[int, dict]] = {}
    titles: dict[str, str] = {}  # title -> its folded form, part of a stint's key
    skipped_no_org, duplicates, repaired = 0, 0, Counter()
    # a missing column reads as the empty cell appended to every row
    width = len(header)
    at = {name: width if index is None else index for name, index in cols.items()}
    i_person, i_org, i_title, i_type, i_urls = (
        at[n] for n in ("person", "organization", "title", "employment_type", "urls")
    )
    sides = tuple(
        (side, year_key, at[side], at[f"{side}_precision"], f"{side}_date", f"{side}_precision")
        for side, year_key in (("start", "from"), ("end", "to"))
    )
    # names, titles and dates recur on many rows: each spelling is cleaned or parsed once
    cleaned: dict[str, str] = {}
    dates: dict[tuple[str, str], tuple] = {}  # (date cell, precision cell) -> _parse_date_cell
    for line, row in enumerate(rows, start=2):
        if len(row) < width:
            if not any(cell.strip() for cell in row):
                continue
            row += [""] * (width - len(row))
        row.append("")
        raw_person, raw_org, raw_title = row[i_person], row[i_org], row[i_title]
        person = cleaned.get(raw_person)
        if person is None:
            person = cleaned[raw_person] = _clean_cell(raw_person, repaired)
        org = cleaned.get(raw_org)
        if org is None:
            org = cleaned[raw_org] = _clean_cell(raw_org, repaired)
        if not person:
            if not any(cell.strip() for cell in row):
                continue
            batch.problems.append(Problem(where, line, "no person named — fill in the person column or delete the row"))
            continue
        if not org:
            skipped_no_org += 1
            continue
        props: dict = {}
        title = cleaned.get(raw_title)
        if title is None:
            title = cleaned[raw_title] = _clean_cell(raw_title, repaired)
        if title:
            props["role"] = title
        for side, year_key, i_date, i_precision, date_key, precision_key in sides:
            cell = (row[i_date], row[i_precision])
            parsed = dates.get(cell)
            if parsed is None:
                parsed = dates[cell] = _parse_date_cell(side, *cell)
            date, year, precision, repairs = parsed
            for why in repairs:
                repaired[why] += 1
            if date is None:
                continue
            if year is None:
                batch.problems.append(Problem(where, line, date))
                break
            props[date_key] = date
            props[year_key] = year
            if precision:
                props[precision_key] = precision
        else:
            if "end_date" in props and _before(props["end_date"], props.get("start_date", "")):
                batch.problems.append(
                    Problem(
                        where,
                        line,
                        f"end {props['end_date']} is before start {props['start_date']} — swap or fix the dates",
                    )
                )
                continue
            if etype := row[i_type].strip():
                props["employment_type"] = etype.lower()
            if urls := row[i_urls].split():
                props["url"] = urls[0]
            person_id = person_keys.get(person)
            if person_id is None:
                person_id = people.add(person, line)
            person_uses[person] += 1
            org_id = org_keys.get(org)
            if org_id is None:
                org_id = orgs.add(org, line)
            org_uses[org] += 1
            title_key = titles.get(title)
            if title_key is None:
                title_key = titles[title] = person_key(title)
            key = f"{props.get('start_date', '')}|{title_key}"
            if (person_id, org_id, key) in stints:
                duplicates += 1
                continue
            stints[(person_id, org_id, key)] = (line, props)
    used: set[str] = {source_id}
    batch.nodes.append(
        Node(
            source_id,
            Label.SOURCE,
            {
                "name": f"Positions ({Path(where).parent.name}/{Path(where).name})",
                "file": Path(where).name,
                "source_ids": [source_id],
                "locators": [f"{source_id}#L1"],
            },
        )
    )
    # name key -> node id, one dict per label: a plain string key is looked up once per stint
    person_ids: dict[str, str] = {}
    org_ids: dict[str, str] = {}
    merged = 0
    for entries, label, ids in (
        (people.entries, Label.PERSON, person_ids),
        (orgs.entries, Label.ORGANIZATION, org_ids),
    ):
        for name_key, (display, variants, line) in entries.items():
            node_id = _unique_id(slugify(display), used)
            used.add(node_id)
            ids[name_key] = node_id
            merged += len(variants)
            props = {
                "name": display,
                "aliases": variants,
                "source_ids": [source_id],
                "locators": [f"{source_id}#L{line}"],
            }
            if label is Label.ORGANIZATION:
                props["kind"] = org_kind(display).value
            batch.nodes.append(Node(node_id, label, props))
    for (person_key_, org_key_, key), (line, props) in stints.items():
        props.update(source_ids=[source_id], locators=[f"{source_id}#L{line}"])
        batch.relationships.append(
            Relationship(RelType.WORKED_AT, person_ids[person_key_], org_ids[org_key_], props, key)
        )
    batch.notes += [
        f"{where}: {text}"
        for text in (
            *(f"repaired {n} × {why}" for why, n in repaired.items()),
            f"merged {merged} spelling variants of names (case, spacing, punctuation, corporate suffixes) — kept as aliases"
            if merged
            else "",
            f"skipped {duplicates} duplicate rows (same person, organization, start and title)" if duplicates else "",
            f"skipped {skipped_no_org} rows without an organization" if skipped_no_org else "",
        )
        if text
    ]
    return batch


class _Names:
    """Spelling variants of one name, grouped by their normalised key; the most
    frequent spelling (first seen on a tie) becomes the display name."""

    def __init__(self, key_fn):
        self.key_fn = key_fn
        # per row the parser reads ``keys`` and bumps ``uses`` itself — two dict operations
        # instead of a method call; ``add`` runs once per new spelling
        self.keys: dict[str, str] = {}  # spelling -> key
        self.uses: dict[str, int] = {}  # spelling -> rows naming it
        self.first_line: dict[str, int] = {}  # key -> its first row, in first-seen order

    def add(self, name: str, line: int) -> str:
        """A spelling not seen before: remember its key (and the key's first row)."""
        key = self.keys[name] = self.key_fn(name) or name
        self.uses[name] = 0
        self.first_line.setdefault(key, line)
        return key

    @property
    def entries(self) -> dict[str, tuple[str, list[str], int]]:
        spellings: dict[str, dict[str, int]] = {key: {} for key in self.first_line}
        for name, uses in self.uses.items():  # in first-seen order, for the tie below
            spellings[self.keys[name]][name] = uses
        found = {}
        for key, counts in spellings.items():
            if len(counts) == 1:
                found[key] = (next(iter(counts)), [], self.first_line[key])
            else:
                display = max(counts, key=counts.__getitem__)  # first seen wins a tie
                found[key] = (display, sorted(n for n in counts if n != display), self.first_line[key])
        return found


def _unique_id(slug: str, used: set[str]) -> str:
    node_id, n = slug, 1
    while node_id in used:
        n += 1
        node_id = f"{slug}-{n}"
    return node_id


def _before(a: str, b: str) -> bool:
    """``a`` is earlier than ``b`` at the coarser of their two precisions."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def _parse_date_cell(side: str, raw: str, precision: str) -> tuple[str | None, int | None, str, tuple[str, ...]]:
    """A date cell and its precision cell, as ``(date cut to its precision, year,
    precision, repairs made)``; ``(None, None, ...)`` for an empty date, and
    ``(message, None, ...)`` for one that is not a date. Pure, so each distinct pair of
    cells is read once per file however many rows repeat it."""
    raw, precision = raw.strip(), precision.strip().lower()
    repairs: tuple[str, ...] = ()
    if precision and precision not in _PRECISION_CUT:
        repairs = (f"{side} precision {precision[:20]!r} not understood, left unset",)
        precision = ""
    if not raw:
        return None, None, precision, repairs
    date = _iso_date(raw)
    if date is None:
        return f"{side} date {raw!r} is not a date — write YYYY-MM-DD, YYYY-MM or YYYY", None, precision, repairs
    if date != raw:
        repairs += ("dates written without zero padding (e.g. 2019-7-01)",)
    return date[: _PRECISION_CUT.get(precision, 10)], int(date[:4]), precision, repairs


def _iso_date(raw: str) -> str | None:
    if len(raw) == 10 and raw[4] == "-" and raw[7] == "-":  # already ISO: the C parser checks it
        try:
            dt.date.fromisoformat(raw)
            return raw
        except ValueError:
            return None
    match = _DATE.match(raw)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        date = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return date.isoformat()[: 4 if month is None else 7 if day is None else 10]


class PositionsLoader:
    """Employment histories (AI Watch style positions.csv, or a folder holding one)."""

    name = "positions"
    description = (
        "employment histories: CSV of person, organization, title, start/end dates with precision -> WORKED_AT stints"
    )
    formats = (".csv",)

    def can_load(self, source: str) -> bool:
        path = Path(source)
        if path.is_dir():
            path = path / "positions.csv"
        if path.suffix.lower() != ".csv" or not path.is_file():
            return False
        try:
            with open(path, encoding="utf-8-sig") as fh:
                header = {h.strip().lower() for h in next(csv.reader([fh.readline()]), [])}
        except (OSError, UnicodeDecodeError):
            return False
        return (
            "person" in header
            and bool(header & set(_COLUMNS["organization"]))
            and bool(header & set(_COLUMNS["start"]))
        )

    def load(self, source: str) -> Batch:
        return read_positions(source)
