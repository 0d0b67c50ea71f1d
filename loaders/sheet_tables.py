"""Rows of a table file — CSV, TSV, JSON or YAML — each with the line it starts on.

A deal sheet (``deal_sheet.py``) reads its rows through here, so every problem it
reports can point at the physical line of the file: CSV line numbers count the lines
inside multi-line quoted cells, JSON and YAML rows carry the line of their ``{`` or
mapping. Reading is strict: a quote that never closes, a row with more or fewer cells
than the header, or a syntax error is a problem at its line — never a row silently
shifted or swallowed. An unbalanced quote names the line it opens on, the line where
the quoted cell ends and how many lines it swallowed.

The format is sniffed, not guessed from the file name: the encoding (UTF-8, UTF-8 with
a BOM, UTF-16 with a BOM, else cp1252) and, for delimited text, the delimiter (comma,
tab, semicolon or pipe) that splits the header and a sample of lines into the same
number of cells. ``delimiter`` and ``encoding`` force them; a forced delimiter that
leaves a one-column header while another fits is one problem at the header
("the file looks tab-separated — pass --delimiter tab"), not one per row. A header
has at most ``MAX_COLUMNS`` columns of at most ``MAX_HEADER_CELL`` characters.

>>> table = parse_table('acquirer,target\\nMeta,"Scale\\nAI"\\nGoogle,Windsurf\\n', "csv", "d.csv")
>>> [(row.number, row.line, row.cells["target"]) for row in table.rows]
[(1, 2, 'Scale\\nAI'), (2, 4, 'Windsurf')]
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import datetime as dt
import io
import json
import json.scanner
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..graph.errors import SourceError
from .records import Problem
from .row_limits import check_row_count, max_rows
from .yaml_lines import LINE_KEY, line_of, parse_yaml_with_lines, unsafe_text

__all__ = [
    "DELIMITERS",
    "FORMATS",
    "MAX_COLUMNS",
    "MAX_HEADER_CELL",
    "SheetRow",
    "Table",
    "decode",
    "parse_table",
    "read_table",
    "sniff_delimiter",
    "table_format",
]

FORMATS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".txt": "csv", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}
# the names --delimiter takes, and the character each stands for
DELIMITERS = {"comma": ",", "tab": "\t", "semicolon": ";", "pipe": "|"}
DELIMITER_NAMES = {v: k for k, v in DELIMITERS.items()}
MAX_COLUMNS = 1000
MAX_HEADER_CELL = 300
_SNIFF_LINES = 50
META_KEY = "sheet"  # YAML/JSON: optional mapping describing the sheet (id, name, url, ...)


@dataclass
class SheetRow:
    number: int  # 1-based among the data rows: the locator's "row N"
    line: int  # physical line of the file where the row starts
    cells: dict[str, Any]  # column -> text (a list, for YAML/JSON cells written as lists)


@dataclass
class Table:
    rows: list[SheetRow] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    header_line: int = 1
    meta: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how the file was read, when not plain UTF-8 CSV
    delimiter: str | None = None
    encoding: str = "utf-8"


def table_format(path: str | Path) -> str | None:
    """``csv``, ``tsv``, ``json`` or ``yaml`` from a file name; ``None`` for anything else."""
    return FORMATS.get(Path(path).suffix.lower())


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """``(text, encoding used)``: a BOM decides, else UTF-8, else cp1252 (Excel's
    "CSV" on Windows); ``encoding`` forces one. A forced encoding that fails raises
    ``UnicodeDecodeError``.

    >>> decode("Nestlé".encode("cp1252"))
    ('Nestlé', 'cp1252')
    """
    if encoding:
        return data.decode(encoding), encoding
    for bom, name in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(name), name
    if len(data) > 3 and data[1:2] == b"\x00" and data[3:4] == b"\x00":
        return data.decode("utf-16-le"), "utf-16-le"  # UTF-16 without its BOM
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "latin-1"


def read_table(path: str | Path, delimiter: str | None = None, encoding: str | None = None) -> Table:
    """Read a table file; an unreadable file or a forced encoding that does not fit is a
    problem, not an exception. ``delimiter`` is a character or a name from ``DELIMITERS``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Table(problems=[Problem(str(path), None, f"cannot read the file ({exc.strerror}) — check the path")])
    try:
        text, used = decode(data, encoding)
    except LookupError:
        return Table(
            problems=[Problem(str(path), None, f"unknown encoding {encoding!r} — use e.g. utf-8, utf-16 or cp1252")]
        )
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Table(
            problems=[
                Problem(
                    str(path),
                    line,
                    f"not {encoding} text (byte {data[exc.start]:#04x}) — "
                    "drop --encoding to let talentgraph detect it, or name the right one",
                )
            ]
        )
    head = text[:4096]
    if head and sum(ch < " " and ch not in "\t\r\n" for ch in head) > len(head) // 20:
        return Table(
            problems=[
                Problem(
                    str(path),
                    None,
                    "not a text table (binary data: a spreadsheet workbook such as "
                    ".xlsx?) — save it as CSV (UTF-8) and load that",
                )
            ]
        )
    fmt = table_format(path) or "csv"
    table = parse_table(text, fmt, str(path), delimiter)
    table.encoding = used
    if used not in ("utf-8", "utf-8-sig"):
        table.notes.append(f"{path.name}: read as {used} text (not UTF-8)")
    return table


def parse_table(text: str, fmt: str, where: str = "<string>", delimiter: str | None = None) -> Table:
    """Rows from the text of a ``csv``, ``tsv``, ``json`` or ``yaml`` table. Delimited
    text is sniffed for its delimiter unless ``delimiter`` forces one."""
    if fmt in ("csv", "tsv"):
        forced = DELIMITERS.get(delimiter, delimiter) if delimiter else None
        if forced is not None and len(forced) != 1:
            return Table(
                problems=[
                    Problem(where, None, f"--delimiter {delimiter!r}: use comma, tab, semicolon, pipe or one character")
                ]
            )
        return _parse_csv(text, where, forced, "\t" if fmt == "tsv" else ",")
    if fmt == "json":
        try:
            doc = _json_with_lines(text)
        except json.JSONDecodeError as exc:
            return Table(
                problems=[
                    Problem(
                        where, exc.lineno, f"JSON syntax error: {exc.msg} (column {exc.colno}) — fix the file there"
                    )
                ]
            )
        except _RefusedJson as exc:
            return Table(problems=[Problem(where, exc.line, str(exc))])
        except RecursionError:
            return Table(problems=[Problem(where, None, "JSON nested too deeply — a deal sheet nests 3 levels")])
        except ValueError as exc:  # an integer past Python's digit limit, among others
            return Table(problems=[Problem(where, None, f"JSON value not readable ({exc}) — fix the file")])
    else:
        try:
            doc = parse_yaml_with_lines(text, where)
        except SourceError as exc:
            match = re.match(re.escape(where) + r"(?::(\d+))?: (.*)", str(exc))
            line, message = (int(match[1]) if match[1] else None, match[2]) if match else (None, str(exc))
            return Table(problems=[Problem(where, line, message)])
    return _table_from_document(doc, where)


def sniff_delimiter(text: str, default: str = ",") -> str:
    """The delimiter (comma, tab, semicolon or pipe) that cuts the header and the next
    lines into the same number of cells, more than one; ``default`` when none does.

    >>> sniff_delimiter("Date\\tCompany\\tValue (USD)\\n2014\\tNest Labs, Inc.\\t3,200,000,000\\n")
    '\\t'
    """
    sample = _sample_lines(text)
    best, best_score = default, (0, 0)
    for candidate in (default, *(d for d in DELIMITERS.values() if d != default)):
        try:
            reader = csv.reader(io.StringIO("\n".join(sample)), delimiter=candidate)
            rows = [r for r in reader if any(c.strip() for c in r)]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        fits = sum(1 for r in rows[1:] if len(r) == width or (len(r) > width and not any(c.strip() for c in r[width:])))
        score = (fits, width)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _sample_lines(text: str) -> list[str]:
    lines: list[str] = []
    start = 0
    while len(lines) < _SNIFF_LINES and start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        lines.append(text[start:end].rstrip("\r"))
        start = end + 1
    return lines


# -- CSV -----------------------------------------------------------------------------------


@contextlib.contextmanager
def _field_limit(size: int) -> Iterator[None]:
    """csv's default cell limit (128 KiB) turns one big cell into an exception mid-file;
    lift it for this file only and check cell sizes where their meaning is known."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, size + 1))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _parse_csv(text: str, where: str, forced: str | None, default: str) -> Table:
    delimiter = forced or sniff_delimiter(text, default)
    table = _read_csv(text, where, forced, delimiter, quoting=True)
    if delimiter != default and not forced:
        name = DELIMITER_NAMES.get(delimiter, repr(delimiter))
        table.notes.insert(0, f"{Path(where).name}: read as {name}-separated (sniffed)")
    quote_problems = [p for p in table.problems if "unbalanced '\"'" in p.message or p.message.startswith("CSV syntax")]
    if delimiter != "," and quote_problems:
        # A tab- or semicolon-separated file copied from a web page often quotes nothing:
        # a cell that merely starts with a quote ('"Weird" Labs') is not a quoted cell.
        # Read without quoting, and keep that reading only if every line then fits.
        plain = _read_csv(text, where, forced, delimiter, quoting=False)
        if not plain.problems and plain.columns == table.columns:
            lines = ", ".join(str(p.line) for p in quote_problems)
            plain.notes = [
                *table.notes,
                (
                    f"{Path(where).name}: quotes read as plain text — the file quotes no cells, "
                    f"and reading quotes broke line {lines}"
                ),
            ]
            return plain
    return table


def _read_csv(text: str, where: str, forced: str | None, delimiter: str, quoting: bool) -> Table:
    table = Table()
    table.delimiter = delimiter
    with _field_limit(len(text)):
        reader = csv.reader(
            io.StringIO(text, newline=""),
            delimiter=delimiter,
            strict=True,
            quoting=csv.QUOTE_MINIMAL if quoting else csv.QUOTE_NONE,
        )
        header, number, limit = None, 0, max_rows()
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                end = reader.line_num
                if end > start and "expected after" in str(exc):
                    opened = _quote_line(text, start, delimiter)
                    table.problems.append(
                        Problem(
                            where,
                            start,
                            (
                                f"a quoted cell opens on line {opened} and closes on line {end}, "
                                f"swallowing {end - opened} "
                                f"line{'s' if end - opened != 1 else ''} (unbalanced '\"') — "
                                "close the quote where the cell ends"
                            ),
                        )
                    )
                    if header is not None:
                        number += 1
                    continue  # the reader goes on after the line where the cell closed
                table.problems.append(Problem(where, start, _csv_error(str(exc), text, start, delimiter)))
                break
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header, table.header_line = _header(cells, where, start, table), start
                if table.problems:
                    return table
                if forced and len(header) == 1:
                    sniffed = sniff_delimiter(text, forced)
                    if sniffed != forced:
                        table.problems.append(
                            Problem(
                                where,
                                start,
                                (
                                    f"the header has 1 column; the file looks {DELIMITER_NAMES[sniffed]}-separated — "
                                    f"pass --delimiter {DELIMITER_NAMES[sniffed]}"
                                ),
                            )
                        )
                        return table
                continue
            number += 1
            if number > limit:
                check_row_count(number, where, start)
            _csv_row(table, header, cells, where, start, reader.line_num, number, text, delimiter)
    if header is None and not table.problems:
        table.problems.append(
            Problem(where, 1, "no header row — the first line names the columns, e.g. acquirer,target,kind,date,amount")
        )
    return table


def _csv_error(message: str, text: str, start: int, delimiter: str) -> str:
    if "unexpected end of data" in message or "EOF" in message:
        opened = _quote_line(text, start, delimiter)
        total = text.count("\n") + (0 if text.endswith("\n") else 1)
        return (
            f"a quoted cell opens on line {opened} and never closes: it swallowed the {total - opened + 1} lines "
            "to the end of the file (unbalanced '\"') — close the quote or remove it"
        )
    return (
        f"CSV syntax error ({message}) — a quote inside an unquoted cell? "
        'write the cell in quotes and double inner quotes ("")'
    )


def _quote_line(text: str, start: int, delimiter: str) -> int:
    """The line, from ``start`` on, where the quoted cell that spans lines opens."""
    lines = text.split("\n", start + 10_000)[start - 1 :]
    for offset, line in enumerate(lines[:10_000]):
        if line.count('"') % 2:
            return start + offset
    return start


def _header(cells: list[str], where: str, line: int, table: Table) -> list[str]:
    names = [cell.strip() for cell in cells]
    if len(names) > MAX_COLUMNS:
        table.problems.append(
            Problem(
                where,
                line,
                (
                    f"the header has {len(names):,} columns (at most {MAX_COLUMNS:,}) — "
                    "is this a deal sheet? check the delimiter (--delimiter)"
                ),
            )
        )
        return names
    seen: set[str] = set()
    while names and not names[-1] and len(names) > 1:
        names.pop()  # trailing empty header cells: a spreadsheet's stray delimiters
    for i, name in enumerate(names, 1):
        if len(name) > MAX_HEADER_CELL:
            table.problems.append(
                Problem(
                    where,
                    line,
                    f"column {i} of the header is {len(name):,} characters long "
                    f"(at most {MAX_HEADER_CELL}) — is the first line a header?",
                )
            )
        elif not name:
            table.problems.append(
                Problem(where, line, f"column {i} of the header has no name — name it or delete the column")
            )
        elif name in seen:
            table.problems.append(Problem(where, line, f"column {name!r} appears twice in the header — rename one"))
        seen.add(name)
    table.columns = names
    return names


def _csv_row(
    table: Table,
    header: list[str],
    cells: list[str],
    where: str,
    line: int,
    end: int,
    number: int,
    text: str,
    delimiter: str,
) -> None:
    extra = cells[len(header) :]
    if len(cells) < len(header) or any(cell.strip() for cell in extra):
        name = DELIMITER_NAMES.get(delimiter, repr(delimiter))
        if end > line and any("\n" in cell for cell in cells):
            opened = _quote_line(text, line, delimiter)
            message = (
                f"a quoted cell opens on line {opened} and closes on line {end}, swallowing {end - opened} "
                f"line{'s' if end - opened != 1 else ''} (unbalanced '\"') — "
                "close the quote where the cell ends"
            )
        else:
            message = (
                f"row has {len(cells)} cells but the header has {len(header)} — a {name} inside an unquoted "
                f"cell, or a missing one? quote cells that contain a {name}"
            )
        table.problems.append(Problem(where, line, message))
        return
    table.rows.append(SheetRow(number, line, dict(zip(header, cells[: len(header)], strict=True))))


# -- JSON and YAML -------------------------------------------------------------------------


class _RefusedJson(ValueError):
    """What a deal sheet in JSON may not hold; ``line`` where it is, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys without a word; a sheet never means that
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        twice = next(key for key in keys if keys.count(key) > 1)
        raise _RefusedJson(f"key {twice!r} appears twice in one JSON object — keep one")
    for key, value in pairs:
        for text in (key, value) if isinstance(value, str) else (key,):
            if (unsafe := unsafe_text(text)) is not None:
                raise _RefusedJson(f"{unsafe} in {text[:40]!r} — a data file keeps plain text; remove it")
    return dict(pairs)


def _no_constant(name: str) -> Any:
    raise _RefusedJson(f"{name} is not valid JSON (and no value a graph can hold) — remove it")


def _json_with_lines(text: str) -> Any:
    """``json.loads`` that stamps every object with the line of its ``{`` (under LINE_KEY),
    refusing repeated keys, NaN/Infinity and unsafe text (``_RefusedJson``)."""
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    # parse_object, scan_once and py_make_scanner are the pure-Python decoder's hooks: real,
    # but not in the type stubs, hence Any
    decoder: Any = json.JSONDecoder(object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    scanner: Any = json.scanner
    parse_object = decoder.parse_object

    def parse_object_with_line(s_and_end: tuple[str, int], *args: Any) -> tuple[dict[str, Any], int]:
        line = bisect.bisect_right(line_starts, s_and_end[1] - 1)
        try:
            obj, end = parse_object(s_and_end, *args)
        except _RefusedJson as exc:
            if exc.line is None:
                exc.line = line
            raise
        obj[LINE_KEY] = line
        return obj, end

    decoder.parse_object = parse_object_with_line
    decoder.scan_once = scanner.py_make_scanner(decoder)  # the C scanner ignores parse_object
    return decoder.decode(text)


def _table_from_document(doc: Any, where: str) -> Table:
    table = Table(header_line=line_of(doc) or 1)
    if isinstance(doc, dict):
        unknown = [k for k in doc if k not in (LINE_KEY, META_KEY, "deals")]
        if unknown:
            table.problems.append(
                Problem(
                    where,
                    line_of(doc),
                    f"unknown top-level key {unknown[0]!r} — a deal sheet has 'sheet' (optional) and 'deals'",
                )
            )
        meta = doc.get(META_KEY) or {}
        if not isinstance(meta, dict):
            table.problems.append(
                Problem(where, line_of(doc), "'sheet' must be a mapping (id, name, url, publisher, published)")
            )
            meta = {}
        table.meta = {
            k: _text(v) for k, v in meta.items() if k != LINE_KEY and isinstance(v, (str, int, float, dt.date))
        }
        doc = doc.get("deals")
    if not isinstance(doc, list):
        table.problems.append(
            Problem(where, table.header_line, "expected a list of deals (or a mapping with 'deals: [...]')")
        )
        return table
    if len(doc) > max_rows():
        check_row_count(len(doc), where, line_of(doc[max_rows()]))
    for number, item in enumerate(doc, 1):
        line = line_of(item) or table.header_line
        if not isinstance(item, dict):
            table.problems.append(
                Problem(where, line, f"this deal is not a mapping of column: value — got {_text(item)[:60]!r}")
            )
            continue
        cells = {}
        for key, value in item.items():
            if key == LINE_KEY:
                continue
            if isinstance(value, dict):
                table.problems.append(Problem(where, line, f"{key!r} must be text, a number or a list, not a mapping"))
                break
            cells[str(key)] = (
                [v if isinstance(v, dict) else _text(v) for v in value] if isinstance(value, list) else _text(value)
            )
        else:
            table.rows.append(SheetRow(number, line, cells))
        for key in cells:
            if key not in table.columns:
                table.columns.append(key)
    return table


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()  # YAML reads 2018-09-13 as a date; keep it as written
    return str(value)
