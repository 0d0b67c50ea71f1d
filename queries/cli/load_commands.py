"""``talentgraph load``, ``validate`` and ``loaders``: getting sources in, checking them,
and the loader registry (built-in loaders and plugins) as the CLI configures it."""

from __future__ import annotations

import contextlib
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .app import StoreOptions, store_label, writing_store
from .options import emit, json_option, note
from .sheet_options import sheet_options
from .text_output import format_load, format_table, load_document

if TYPE_CHECKING:
    from .loaders import LoaderRegistry, SheetOptions

PROGRESS_MIN_ROWS = 2000  # smaller loads finish before a bar would be worth drawing


def loader_registry(column_map: SheetOptions | None = None) -> LoaderRegistry:
    """The default registry, plugins discovered now so that a broken one warns once, and
    the deal-sheet loader reconfigured by the sheet options (``--map``, ``--set``, ...)."""
    from .loaders import PluginWarning, default_registry
    from .loaders.deal_sheet import DealSheetLoader

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PluginWarning)
        registry = default_registry()
        registry.names()
    for warning in caught:
        if issubclass(warning.category, PluginWarning):
            click.echo(f"warning: {warning.message}", err=True)
    if column_map is not None and column_map.active:
        registry.register(DealSheetLoader(column_map), version=__version__)
    return registry


@contextlib.contextmanager
def progress_bar(enabled: bool) -> Iterator:
    """A ``progress(done, total)`` callback that draws a bar on stderr for sources of
    ``PROGRESS_MIN_ROWS`` rows or more — or ``None`` when disabled or not on a terminal."""
    if not (enabled and sys.stderr.isatty() and sys.stdout.isatty()):
        yield None
        return
    current = []  # the open bar, if any: one per source, since `done` restarts with each

    def close() -> None:
        while current:
            current.pop().render_finish()

    def progress(done: int, total: int) -> None:
        if total < PROGRESS_MIN_ROWS:
            return
        if not current or done < current[0].pos:
            close()
            current.append(click.progressbar(length=total, label="reading rows", file=sys.stderr))
        current[0].update(done - current[0].pos)
        if done >= total:
            close()

    try:
        yield progress
    finally:
        close()


# no default here: the limit lives in loaders/row_limits.py, which --help must not import
_max_rows_option = click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    metavar="N",
    help="Refuse a source with more than N rows (default 50,000,000).",
)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--loader", metavar="NAME", help="Force a loader (see `talentgraph loaders`).")
@click.option("--skip-invalid", is_flag=True, help="Load the valid rows and report the invalid ones on stderr.")
@click.option(
    "--aliases",
    "aliases_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Alias file with 'same' / 'different' decisions (default: aliases.yaml next to the store).",
)
@_max_rows_option
@sheet_options
@json_option
@click.pass_obj
def load(
    opts: StoreOptions,
    sources: tuple[str, ...],
    loader: str | None,
    skip_invalid: bool,
    aliases_file: Path | None,
    max_rows: int | None,
    column_map: SheetOptions,
    as_json: bool,
) -> None:
    """Load SOURCES — built-in names such as `article`, or files — into the store.

    All or nothing: if any source has a problem, nothing is written (unless
    --skip-invalid). People and organizations already in the store are recognised
    (see `talentgraph resolve`).
    """
    from .loaders import MAX_ROWS, load_sources, row_limit
    from .sources_commands import alias_decisions

    registry = loader_registry(column_map)
    decisions = alias_decisions(opts, aliases_file)
    with row_limit(max_rows or MAX_ROWS), writing_store(opts) as store, progress_bar(not as_json) as progress:
        reports = load_sources(
            store,
            list(sources),
            loader=loader,
            registry=registry,
            skip_invalid=skip_invalid,
            progress=progress,
            aliases=decisions,
        )
    skipped = [p for r in reports for p in r.skipped]
    for problem in skipped:
        note(f"skipped: {problem}")
    target = store_label(opts, store)
    emit(as_json, load_document(target, reports), lambda: format_load(target, reports))


@click.command("loaders")
@json_option
def list_loaders(as_json: bool) -> None:
    """List the loaders, built-in and plugins."""

    infos = loader_registry().infos()
    rows = [[i.name, ", ".join(i.formats), i.origin, i.version, i.description] for i in infos]
    emit(
        as_json,
        {"columns": ["name", "formats", "origin", "version", "description"], "rows": rows},
        lambda: format_table(["name", "formats", "origin", "version", "description"], rows),
    )


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--loader", metavar="NAME", help="Force a loader (see `talentgraph loaders`).")
@_max_rows_option
@sheet_options
@json_option
def validate(
    files: tuple[str, ...], loader: str | None, max_rows: int | None, column_map: SheetOptions, as_json: bool
) -> None:
    """Check sources without loading them; problems print as file:line: message."""
    from .loaders import MAX_ROWS, row_limit, validate_sources

    with row_limit(max_rows or MAX_ROWS):
        problems = validate_sources(list(files), loader=loader, registry=loader_registry(column_map))
    document = {"problems": [{"file": p.file, "line": p.line, "message": p.message} for p in problems]}
    if as_json:
        emit(True, document, str)
    else:
        for problem in problems:
            click.echo(str(problem))
        if not problems:
            click.echo(f"ok: {', '.join(files)}")
    if problems:
        sys.exit(1)
