"""How many rows one source may hold: a limit the readers check while they count rows.

A file of a billion tiny rows fits under the size limit (``source_files.MAX_SOURCE_BYTES``)
and would still take hours and all memory to turn into records. Every reader that counts
rows — the CSV readers (``strict_csv.checked_rows``: positions, Wikidata; the deal-sheet
tables), the JSON and YAML deal sheets, node-link JSON and SPARQL results — refuses a source
with more than ``max_rows()`` rows, with one line naming the limit and how to raise it.

The default, ``MAX_ROWS`` (50,000,000), is far above any real data set (the AI Watch
positions export has ~20,000 rows, the 1M-row benchmark file 1,000,000). ``row_limit(n)``
sets another limit for the loads inside its block (the CLI's ``--max-rows N``); it is a
context variable, so threads and async tasks each keep their own.

>>> check_row_count(3, "deals.csv")
>>> with row_limit(2):
...     check_row_count(3, "deals.csv", 4)
Traceback (most recent call last):
...
talentgraph.graph.errors.SourceError: deals.csv:4: more than 2 rows, the row limit for one source — ...
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from ..graph.errors import SourceError

__all__ = ["MAX_ROWS", "check_row_count", "max_rows", "row_limit"]

MAX_ROWS = 50_000_000

_LIMIT: ContextVar[int] = ContextVar("talentgraph_max_rows", default=MAX_ROWS)


def max_rows() -> int:
    """The row limit in force: ``MAX_ROWS`` unless a ``row_limit`` block sets another.

    >>> max_rows()
    50000000
    """
    return _LIMIT.get()


@contextlib.contextmanager
def row_limit(limit: int) -> Iterator[None]:
    """Loads and validations inside the block refuse sources of more than ``limit`` rows.

    >>> with row_limit(1000):
    ...     max_rows()
    1000
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise SourceError(f"row limit {limit!r} is not a whole number of rows of 1 or more — give e.g. 1000000")
    token = _LIMIT.set(limit)
    try:
        yield
    finally:
        _LIMIT.reset(token)


def check_row_count(count: int, where: str, line: int | None = None) -> None:
    """Raise ``SourceError`` when ``count`` rows are more than the limit; ``line`` is where
    the first row over the limit is, when known."""
    limit = _LIMIT.get()
    if count > limit:
        at = f"{where}:{line}" if line is not None else where
        raise SourceError(
            f"{at}: more than {limit:,} rows, the row limit for one source — "
            f"pass --max-rows N (Python: loaders.row_limit(N)) to allow more, or split the file"
        )
