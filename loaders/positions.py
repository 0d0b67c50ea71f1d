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
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from ..graph.identity.resolution import clean_name, org_key, person_key
from ..graph.model import Label, Node, Relationship, RelType, slugify
from .org_kinds import org_kind
from .records import Batch, Problem
from .strict_csv import checked_rows

__all__ = [
    "CHUNK_ROWS",
    "PositionsLoader",
    "parse_positions",
    "positions_source_id",
    "read_positions",
    "stream_positions",
]

CHUNK_ROWS = 50_000  # records per batch of a streamed load: large enough for bulk writes, small next to memory
PROGRESS_EVERY = 10_000  # rows between two progress calls while a file is checked
Progress = Callable[[int, int], None]

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
    cleaned = clean_name(raw)
    return raw if cleaned == raw else cleaned  # one string, not two equal ones, for most names


def positions_source_id(path: Path) -> str:
    """``aiwatch/positions.csv`` -> ``aiwatch-positions``: folder and file name, so two
    exports' positions files get different source ids."""
    return slugify(f"{path.parent.name}-{path.stem}" if path.parent.name else path.stem)


def read_positions(path: str | Path) -> Batch:
    """Read a positions CSV file, or ``positions.csv`` inside a folder, whole (see
    ``stream_positions`` for the same records in chunks)."""
    batch = Batch()
    for chunk in stream_positions(path):
        batch.extend(chunk)
    return batch


def stream_positions(
    path: str | Path, chunk_rows: int | None = None, progress: Progress | None = None
) -> Iterator[Batch]:
    """The records of a positions CSV file (or ``positions.csv`` inside a folder) in
    batches of at most ``chunk_rows`` records (default ``CHUNK_ROWS``), reading the file
    twice so that memory holds the names, never the rows.

    The first batch has every problem of the file, the source node and the first people
    and organizations; the notes come with the last batch. ``progress(rows, total)`` is
    called now and then: ``total`` is 0 while the rows are checked, the row count while
    the stints are read.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "positions.csv"
    >>> _ = path.write_text("person,organization,start_date\\nAda,Engines,1843\\nBob,Engines,1850\\n")
    >>> [(len(b.nodes), len(b.relationships)) for b in stream_positions(path, chunk_rows=2)]
    [(2, 0), (2, 0), (0, 2)]
    """
    path = Path(path)
    if path.is_dir():
        path = path / "positions.csv"
    where = str(path)

    def lines() -> IO[str]:
        return open(path, encoding="utf-8-sig", newline="")

    try:
        size = path.stat().st_size
        reading = _PositionsFile(lines, where, positions_source_id(path), size, progress)
        yield from reading.batches(chunk_rows or CHUNK_ROWS)
    except UnicodeDecodeError as exc:
        reason = f"not UTF-8 text ({exc.reason} at byte {exc.start}) — save it as UTF-8"
        yield Batch(problems=[Problem(where, None, reason)])
    except OSError as exc:
        yield Batch(problems=[Problem(where, None, f"cannot read the file ({exc}) — check the path")])


def parse_positions(text: str | Iterable[str], where: str = "<string>", source_id: str | None = None) -> Batch:
    """Records from positions CSV text (or an iterable of its lines); see the module docstring."""
    lines_read = [text] if isinstance(text, str) else list(text)

    def lines() -> IO[str]:
        return io.StringIO("".join(lines_read))

    batch = Batch()
    size = sum(len(line) for line in lines_read)
    for chunk in _PositionsFile(lines, where, source_id or positions_source_id(Path(where)), size).batches(CHUNK_ROWS):
        batch.extend(chunk)
    return batch


class _PositionsFile:
    """The two readings of one positions file. The first (``_check``) finds every problem,
    every spelling of every name and which stints may repeat; the second (``_stints``)
    makes the stints. Both share ``_rows``, so they agree on every row."""

    def __init__(
        self,
        lines: Callable[[], IO[str]],
        where: str,
        source_id: str,
        size: int,
        progress: Progress | None = None,
    ) -> None:
        self.lines, self.where, self.source_id, self.progress = lines, where, source_id, progress
        self.people, self.orgs = _Names(person_key), _Names(org_key)
        self.titles: dict[str, str] = {}  # title -> its folded form, part of a stint's key
        # names, titles and dates recur on many rows: each spelling is cleaned or parsed once
        self.cleaned: dict[str, str] = {}
        self.dates: dict[tuple[str, str], tuple] = {}  # (date cell, precision cell) -> _parse_date_cell
        self.repaired: Counter = Counter()
        self.skipped_no_org = 0
        self.rows = 0
        # A stint seen twice is a duplicate row. Exact keys of every stint would grow with the
        # file, so the first reading marks each key's hash in a two-probe Bloom filter (about
        # a quarter bit per byte of file) and keeps the hashes that hit it; only stints with
        # such a hash have their exact key remembered in the second reading.
        self.bloom_bits = 1 << max(16, (max(size, 1) // 4).bit_length())
        self.maybe_repeated: set[int] = set()

    def batches(self, chunk_rows: int) -> Iterator[Batch]:
        first = Batch()
        header = self._check(first.problems)
        if header is None:
            yield first
            return
        first.nodes.append(
            Node(
                self.source_id,
                Label.SOURCE,
                {
                    "name": f"Positions ({Path(self.where).parent.name}/{Path(self.where).name})",
                    "file": Path(self.where).name,
                    "source_ids": [self.source_id],
                    "locators": [f"{self.source_id}#L1"],
                },
            )
        )
        # name key -> node id, one dict per label: a plain string key is looked up once per stint
        person_ids: dict[str, str] = {}
        org_ids: dict[str, str] = {}
        used: set[str] = {self.source_id}
        merged = 0
        batch = first
        for names, label, ids in ((self.people, Label.PERSON, person_ids), (self.orgs, Label.ORGANIZATION, org_ids)):
            for name_key, (display, variants, line) in names.entries():
                node_id = _unique_id(slugify(display), used)
                used.add(node_id)
                ids[name_key] = node_id
                merged += len(variants)
                props = {
                    "name": display,
                    "aliases": variants,
                    "source_ids": [self.source_id],
                    "locators": [f"{self.source_id}#L{line}"],
                }
                if label is Label.ORGANIZATION:
                    props["kind"] = org_kind(display).value
                if len(batch.nodes) >= chunk_rows:
                    yield batch
                    batch = Batch()
                batch.nodes.append(Node(node_id, label, props))
            names.forget_counts()
        del used
        duplicates = 0
        seen = _SeenStints(self.maybe_repeated)
        person_keys, org_keys = self.people.keys, self.orgs.keys
        for line, person, org, props, key in self._rows(header):
            person_key_, org_key_ = person_keys[person], org_keys[org]
            if (person_key_, org_key_, key) in seen:
                duplicates += 1
                continue
            if len(batch.nodes) + len(batch.relationships) >= chunk_rows:
                if self.progress:
                    self.progress(line - 1, self.rows)
                yield batch
                batch = Batch()
            props.update(source_ids=[self.source_id], locators=[f"{self.source_id}#L{line}"])
            batch.relationships.append(
                Relationship(RelType.WORKED_AT, person_ids[person_key_], org_ids[org_key_], props, key)
            )
        batch.notes += [
            f"{self.where}: {text}"
            for text in (
                *(f"repaired {n} × {why}" for why, n in self.repaired.items()),
                f"merged {merged} spelling variants of names (case, spacing, punctuation, corporate suffixes) — kept as aliases"
                if merged
                else "",
                f"skipped {duplicates} duplicate rows (same person, organization, start and title)"
                if duplicates
                else "",
                f"skipped {self.skipped_no_org} rows without an organization" if self.skipped_no_org else "",
            )
            if text
        ]
        if self.progress:
            self.progress(self.rows, self.rows)
        yield batch

    def _check(self, problems: list[Problem]) -> list[str] | None:
        """The first reading: problems, names and the hashes of stints that may repeat;
        the header, or None when the file cannot be read further."""
        with self.lines() as fh:
            rows = iter(checked_rows(csv.reader(fh, strict=True), self.where, problems))
            header = [h.strip().lower() for h in next(rows, [])]
            if problems:
                return None
            cols = {n: next((header.index(c) for c in choices if c in header), None) for n, choices in _COLUMNS.items()}
            missing = [n for n in ("person", "organization") if cols[n] is None]
            if missing:
                problems.append(
                    Problem(
                        self.where,
                        1,
                        f"no {' or '.join(missing)} column — the header needs person, organization (and title, start_date, end_date)",
                    )
                )
                return None
            people, orgs = self.people, self.orgs
            person_keys, person_uses, org_keys, org_uses = people.keys, people.uses, orgs.keys, orgs.uses
            bloom, mask, maybe_repeated = bytearray(self.bloom_bits // 8), self.bloom_bits - 1, self.maybe_repeated
            progress, every = self.progress, PROGRESS_EVERY
            for line, person, org, _, key in self._rows_of(rows, header, problems, counting=True):
                person_key_ = person_keys.get(person)
                if person_key_ is None:
                    person_key_ = people.add(person, line)
                person_uses[person] += 1
                org_key_ = org_keys.get(org)
                if org_key_ is None:
                    org_key_ = orgs.add(org, line)
                org_uses[org] += 1
                h = hash((person_key_, org_key_, key))
                i, j = h & mask, (h >> 32) & mask
                bit_i, bit_j = 1 << (i & 7), 1 << (j & 7)
                if bloom[i >> 3] & bit_i and bloom[j >> 3] & bit_j:
                    maybe_repeated.add(h)
                else:
                    bloom[i >> 3] |= bit_i
                    bloom[j >> 3] |= bit_j
                if progress and line % every == 0:
                    progress(line - 1, 0)
        return header

    def _rows(self, header: list[str]) -> Iterator[tuple[int, str, str, dict, str]]:
        """The second reading: the valid rows again (their problems were found by the first)."""
        problems: list[Problem] = []
        with self.lines() as fh:
            rows = iter(checked_rows(csv.reader(fh, strict=True), self.where, problems))
            next(rows, None)
            yield from self._rows_of(rows, header, problems, counting=False)

    def _rows_of(
        self, rows: Iterator[list[str]], header: list[str], problems: list[Problem], counting: bool
    ) -> Iterator[tuple[int, str, str, dict, str]]:
        """``(line, person, organization, stint props, stint key)`` (names cleaned) of each
        valid row; problems and (when ``counting``) repairs and skipped rows recorded."""
        where = self.where
        cols = {n: next((header.index(c) for c in choices if c in header), None) for n, choices in _COLUMNS.items()}
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
        cleaned, dates, titles = self.cleaned, self.dates, self.titles
        person_keys, org_keys = self.people.keys, self.orgs.keys
        repaired = self.repaired if counting else Counter()
        line = 1
        for line, row in enumerate(rows, start=2):
            if len(row) < width:
                if not any(cell.strip() for cell in row):
                    continue
                row += [""] * (width - len(row))
            row.append("")
            raw_person, raw_org, raw_title = row[i_person], row[i_org], row[i_title]
            # a cell already clean is known by its spelling's key and not cached a second time
            person = cleaned.get(raw_person)
            if person is None:
                if raw_person in person_keys:
                    person = raw_person
                else:
                    person = _clean_cell(raw_person, repaired)
                    if person is not raw_person:
                        cleaned[raw_person] = person
            org = cleaned.get(raw_org)
            if org is None:
                if raw_org in org_keys:
                    org = raw_org
                else:
                    org = _clean_cell(raw_org, repaired)
                    if org is not raw_org:
                        cleaned[raw_org] = org
            if not person:
                if not any(cell.strip() for cell in row):
                    continue
                problems.append(Problem(where, line, "no person named — fill in the person column or delete the row"))
                continue
            if not org:
                if counting:
                    self.skipped_no_org += 1
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
                    problems.append(Problem(where, line, date))
                    break
                props[date_key] = date
                props[year_key] = year
                if precision:
                    props[precision_key] = precision
            else:
                if "end_date" in props and _before(props["end_date"], props.get("start_date", "")):
                    problems.append(
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
                title_key = titles.get(title)
                if title_key is None:
                    title_key = titles[title] = person_key(title)
                yield line, person, org, props, f"{props.get('start_date', '')}|{title_key}"
        if counting:
            self.rows = line - 1


class _SeenStints:
    """Membership for the second reading: a stint is a duplicate when its exact key was
    seen before; only keys whose hash may repeat (from the first reading) are kept."""

    def __init__(self, maybe_repeated: set[int]) -> None:
        self.maybe_repeated = maybe_repeated
        self.seen: set[tuple] = set()

    def __contains__(self, stint: tuple) -> bool:
        if hash(stint) not in self.maybe_repeated:
            return False
        if stint in self.seen:
            return True
        self.seen.add(stint)
        return False


class _Names:
    """Spelling variants of one name, grouped by their normalised key; the most
    frequent spelling (first seen on a tie) becomes the display name."""

    def __init__(self, key_fn: Callable[[str], str]) -> None:
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

    def entries(self) -> Iterator[tuple[str, tuple[str, list[str], int]]]:
        """``(key, (display name, other spellings sorted, first row))`` in first-seen order."""
        # Memory holds every name once already: only the few keys written several ways get
        # a structure of their own (found with a set of keys, dropped before the first yield).
        keys, uses = self.keys, self.uses
        seen: set[str] = set()
        several: dict[str, dict[str, int]] = {}
        for key in keys.values():
            if key in seen:
                several[key] = {}
            else:
                seen.add(key)
        del seen
        for name, key in keys.items():  # in first-seen order, for the tie below
            if key in several:
                several[key][name] = uses[name]
        for name, key in keys.items():  # a key's first spelling comes in the key's first-seen order
            counts = several.get(key)
            if counts is None:
                yield key, (name, [], self.first_line[key])
            elif counts:
                display = max(counts, key=counts.__getitem__)  # first seen wins a tie
                yield key, (display, sorted(n for n in counts if n != display), self.first_line[key])
                counts.clear()  # its later spellings yield nothing

    def forget_counts(self) -> None:
        """Drop what only ``entries`` needs; ``keys`` stays for the second reading."""
        self.uses, self.first_line = {}, {}


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

    def stream(self, source: str, progress: Progress | None = None) -> Iterator[Batch]:
        """The records in batches, for a load whose memory does not grow with the file."""
        return stream_positions(source, progress=progress)
