"""Options and output helpers shared by every command: ``--json``, ``-p KEY=VALUE``,
``--map``, and the one way a command prints its result or a note."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def json_option(func: F) -> F:
    """``--json``: print one JSON document on stdout instead of text."""
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")(func)


def emit(as_json: bool, document: Any, text: Callable[[], str]) -> None:
    """Print ``document`` as JSON, or the text ``text()`` builds."""
    if as_json:
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        click.echo(text())


def note(message: str) -> None:
    """A line for the reader on stderr (never mixed into a JSON document)."""
    click.echo(message, err=True)


param_option = click.option(
    "-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter; repeat for more."
)

map_option = click.option(
    "--map",
    "column_map",
    multiple=True,
    metavar="COLUMN=FIELD",
    help="Deal sheets: read the sheet's COLUMN as FIELD, e.g. --map buyer=acquirer (repeatable).",
)


def key_value_pairs(pairs: tuple[str, ...], example: str = "-p acquirer=Meta") -> dict[str, str]:
    """``("a=1", "b=x=y")`` -> ``{"a": "1", "b": "x=y"}``; a pair without ``=`` is a usage error.

    The one KEY=VALUE parser: ``query -p``, ``cypher -p`` and the loaders' options use it.

    >>> key_value_pairs(("acquirer=Meta", "as_of=2024"))
    {'acquirer': 'Meta', 'as_of': '2024'}
    """
    parsed = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"parameter {pair!r} is not KEY=VALUE — write e.g. {example}")
        parsed[key.strip()] = value
    return parsed


def a_or_an(word: str) -> str:
    """``"an Organization"``, ``"a Person"``."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"
