"""CSV rows with strict quoting, and every quoting error as one ``file:line`` problem.

Python's ``csv`` module, left lenient, lets a quote that is never closed swallow the rest of
the file into one cell, and raises a bare ``csv.Error`` for a cell over its 128 KiB
``field_size_limit``. With ``strict=True`` and :func:`checked_rows`, each of those is a
problem that names the line where the offending cell opens.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from .records import Problem
from .row_limits import check_row_count, max_rows

__all__ = ["checked_rows"]


def checked_rows(reader: Any, where: str, problems: list[Problem]) -> Iterator[Any]:
    """The rows of a ``csv.reader`` (or ``DictReader``) made with ``strict=True``; a quoting
    error or an oversized cell ends them and is appended to ``problems`` as ``where:line``.
    More data rows than the row limit (``row_limits.max_rows()``) raise ``SourceError``.

    >>> import io
    >>> problems = []
    >>> list(checked_rows(csv.reader(io.StringIO('a,b\\n"open,c\\nd,e\\n'), strict=True), "x.csv", problems))
    [['a', 'b']]
    >>> str(problems[0])
    'x.csv:2: a quoted cell opened on line 2 is never closed (unexpected end of data) — ...'
    """
    # csv raises mid-file for bad quoting or an oversized cell; the row that failed began on
    # the line after the last good row ended, which is where its opening quote is.
    start = reader.line_num + 1
    # the row limit counts data rows: a plain reader yields the header too, a DictReader does not
    header = 0 if isinstance(reader, csv.DictReader) else 1
    allowed = max_rows() + header
    count = 0
    try:
        if isinstance(reader, csv.DictReader) and reader.fieldnames is not None:
            start = reader.line_num + 1  # a DictReader has just read its header
        for row in reader:
            count += 1
            if count > allowed:
                check_row_count(count - header, where, start)
            yield row
            start = reader.line_num + 1
    except csv.Error as exc:
        reason = str(exc)
        if "end of data" in reason:
            message = (
                f"a quoted cell opened on line {start} is never closed ({reason}) — "
                'close the quote, or write a quote inside a cell as ""'
            )
        elif "field larger" in reason:
            limit = f"a cell over {csv.field_size_limit() // 1024} KiB"
            message = (
                f"{limit} starting on line {start}, running to line {reader.line_num} — a quote opened "
                "there is probably never closed; close it or shorten the cell"
                if reader.line_num > start
                else f"{limit} ({reason}) — shorten it"
            )
        else:
            message = f'malformed quoting ({reason}) — quote the whole cell, and write a quote inside it as ""'
        problems.append(Problem(where, start, message))
