"""The deal-sheet options of ``load`` and ``validate``, as one decorator.

``--map COLUMN=FIELD``, ``--set FIELD=VALUE``, ``--ignore COLUMN`` (each repeatable),
``--delimiter``, ``--encoding``, ``--strict`` and ``--amount-unit`` become one
``SheetOptions`` (``talentgraph.loaders.SheetOptions``, the same options from Python),
handed to the command as its ``column_map`` argument.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

__all__ = ["sheet_options"]

_OPTIONS = [
    click.option(
        "--map",
        "map_pairs",
        multiple=True,
        metavar="COLUMN=FIELD",
        help="Deal sheets: read the sheet's COLUMN as FIELD, e.g. --map buyer=acquirer (repeatable).",
    ),
    click.option(
        "--set",
        "set_pairs",
        multiple=True,
        metavar="FIELD=VALUE",
        help="Deal sheets: FIELD for rows that do not state it, e.g. --set kind=acquisition (repeatable).",
    ),
    click.option(
        "--ignore",
        "ignore_columns",
        multiple=True,
        metavar="COLUMN",
        help="Deal sheets: drop this column instead of keeping it as a deal property (repeatable).",
    ),
    click.option(
        "--delimiter", metavar="comma|tab|semicolon|pipe", help="Deal sheets: force the delimiter (default: sniffed)."
    ),
    click.option(
        "--encoding", metavar="NAME", help="Deal sheets: force the encoding, e.g. cp1252 (default: detected)."
    ),
    click.option(
        "--strict", is_flag=True, help="Deal sheets: an unreadable optional cell (amount, date, ...) refuses its row."
    ),
    click.option(
        "--amount-unit",
        type=click.Choice(["million", "billion"]),
        help="Deal sheets: bare figures are in millions or billions.",
    ),
]


def sheet_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the deal-sheet options to ``command``; it receives them as ``column_map``."""

    @functools.wraps(command)
    def wrapper(
        *args: Any,
        map_pairs: tuple[str, ...],
        set_pairs: tuple[str, ...],
        ignore_columns: tuple[str, ...],
        delimiter: str | None,
        encoding: str | None,
        strict: bool,
        amount_unit: str | None,
        **kwargs: Any,
    ) -> Any:
        from .loaders import SheetOptions

        options = SheetOptions.from_flags(
            map_pairs, set_pairs, ignore_columns, delimiter, encoding, strict, amount_unit
        )
        return command(*args, column_map=options, **kwargs)

    for option in reversed(_OPTIONS):
        wrapper = option(wrapper)
    return wrapper
