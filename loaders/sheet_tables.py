"""Rows of a table file — CSV, TSV, JSON or YAML — each with the line it starts on.

A deal sheet (``deal_sheet.py``) reads its rows through here, so every problem it
reports can point at the physical line of the file: CSV line numbers count the lines
inside multi-line quoted cells, JSON and YAML rows carry the line of their ``{`` or
mapping. Reading is strict: a quote that never closes, a row with more or fewer cells
than the header, or a syntax error is a problem at its line — never a row silently
shifted or swallowed.

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

from talentgraph.graph.errors import SourceError

from .records import Problem
from .yaml_lines import LINE_KEY, line_of, parse_yaml_with_lines

__all__ = ["FORMATS", "SheetRow", "Table", "parse_table", "read_table", "table_format"]

FORMATS = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}
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


def table_format(path: str | Path) -> str | None:
    """``csv``, ``tsv``, ``json`` or ``yaml`` from a file name; ``None`` for anything else."""
    return FORMATS.get(Path(path).suffix.lower())


def read_table(path: str | Path) -> Table:
    """Read a table file; an unreadable or non-UTF-8 file is a problem, not an exception."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return Table(problems=[Problem(str(path), line, "not UTF-8 text — save the file as UTF-8 (CSV UTF-8 in Excel)")])
    except OSError as exc:
        return Table(problems=[Problem(str(path), None, f"cannot read the file ({exc.strerror}) — check the path")])
    return parse_table(text, table_format(path) or "csv", str(path))


def parse_table(text: str, fmt: str, where: str = "<string>") -> Table:
    """Rows from the text of a ``csv``, ``tsv``, ``json`` or ``yaml`` table."""
    if fmt in ("csv", "tsv"):
        return _parse_csv(text, where, "\t" if fmt == "tsv" else ",")
    if fmt == "json":
        try:
            doc = _json_with_lines(text)
        except json.JSONDecodeError as exc:
            return Table(problems=[Problem(where, exc.lineno, f"JSON syntax error: {exc.msg} (column {exc.colno}) — fix the file there")])
    else:
        try:
            doc = parse_yaml_with_lines(text, where)
        except SourceError as exc:
            match = re.match(re.escape(where) + r"(?::(\d+))?: (.*)", str(exc))
            line, message = (int(match[1]) if match[1] else None, match[2]) if match else (None, str(exc))
            return Table(problems=[Problem(where, line, message)])
    return _table_from_document(doc, where)


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


def _parse_csv(text: str, where: str, delimiter: str) -> Table:
    table = Table()
    with _field_limit(len(text)):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        header, number = None, 0
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                table.problems.append(Problem(where, start, _csv_error(str(exc))))
                break
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header, table.header_line = _header(cells, where, start, table), start
                continue
            number += 1
            _csv_row(table, header, cells, where, start, number)
    if header is None and not table.problems:
        table.problems.append(Problem(where, 1, "no header row — the first line names the columns, e.g. acquirer,target,kind,date,amount"))
    return table


def _csv_error(message: str) -> str:
    if "unexpected end of data" in message or "EOF" in message:
        return "a quoted cell starting in this row never closes (unbalanced '\"') — close the quote or remove it"
    return f"CSV syntax error ({message}) — a quote inside an unquoted cell? write the cell in quotes and double inner quotes (\"\")"


def _header(cells: list[str], where: str, line: int, table: Table) -> list[str]:
    names = [cell.strip() for cell in cells]
    for i, name in enumerate(names, 1):
        if not name:
            table.problems.append(Problem(where, line, f"column {i} of the header has no name — name it or delete the column"))
        elif names.index(name) != i - 1:
            table.problems.append(Problem(where, line, f"column {name!r} appears twice in the header — rename one"))
    table.columns = names
    return names


def _csv_row(table: Table, header: list[str], cells: list[str], where: str, line: int, number: int) -> None:
    extra = cells[len(header):]
    if len(cells) < len(header) or any(cell.strip() for cell in extra):
        table.problems.append(Problem(
            where, line,
            f"row has {len(cells)} cells but the header has {len(header)} — a comma inside an unquoted "
            "cell, or a missing one? quote cells that contain commas",
        ))
        return
    table.rows.append(SheetRow(number, line, dict(zip(header, cells))))


# -- JSON and YAML -------------------------------------------------------------------------


def _json_with_lines(text: str) -> Any:
    """``json.loads`` that stamps every object with the line of its ``{`` (under LINE_KEY)."""
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    decoder = json.JSONDecoder()
    parse_object = decoder.parse_object

    def parse_object_with_line(s_and_end, *args):
        obj, end = parse_object(s_and_end, *args)
        obj[LINE_KEY] = bisect.bisect_right(line_starts, s_and_end[1] - 1)
        return obj, end

    decoder.parse_object = parse_object_with_line
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # the C scanner ignores parse_object
    return decoder.decode(text)


def _table_from_document(doc: Any, where: str) -> Table:
    table = Table(header_line=line_of(doc) or 1)
    if isinstance(doc, dict):
        unknown = [k for k in doc if k not in (LINE_KEY, META_KEY, "deals")]
        if unknown:
            table.problems.append(Problem(where, line_of(doc), f"unknown top-level key {unknown[0]!r} — a deal sheet has 'sheet' (optional) and 'deals'"))
        meta = doc.get(META_KEY) or {}
        if not isinstance(meta, dict):
            table.problems.append(Problem(where, line_of(doc), "'sheet' must be a mapping (id, name, url, publisher, published)"))
            meta = {}
        table.meta = {k: _text(v) for k, v in meta.items() if k != LINE_KEY and isinstance(v, (str, int, float, dt.date))}
        doc = doc.get("deals")
    if not isinstance(doc, list):
        table.problems.append(Problem(where, table.header_line, "expected a list of deals (or a mapping with 'deals: [...]')"))
        return table
    for number, item in enumerate(doc, 1):
        line = line_of(item) or table.header_line
        if not isinstance(item, dict):
            table.problems.append(Problem(where, line, f"deal {number} is not a mapping of column: value — got {_text(item)[:60]!r}"))
            continue
        cells = {}
        for key, value in item.items():
            if key == LINE_KEY:
                continue
            if isinstance(value, dict):
                table.problems.append(Problem(where, line, f"deal {number}: {key!r} must be text, a number or a list, not a mapping"))
                break
            cells[str(key)] = [v if isinstance(v, dict) else _text(v) for v in value] if isinstance(value, list) else _text(value)
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
