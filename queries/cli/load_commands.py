"""``talentgraph load``, ``validate`` and ``loaders``: getting sources in, checking them,
and the loader registry (built-in loaders and plugins) as the CLI configures it."""

from __future__ import annotations

import contextlib
import sys
import time
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
    from .loaders.ingest import LoadProgress

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


class ProgressLine:
    """Rows read and records written, on one line of stderr redrawn in place (at most ten
    times a second), ended by a newline when the load is over."""

    def __init__(self, min_rows: int) -> None:
        self.min_rows = min_rows
        self.drawn = 0.0  # when the line was last drawn; 0: not yet
        self.width = 0
        self.shown: tuple[str, int, int, int] | None = None  # what the line shows
        self.latest: tuple[str, int, int, int] | None = None  # what it should show

    def __call__(self, state: LoadProgress) -> None:
        self.latest = (state.source, state.rows_read, state.rows_total, state.written)
        if max(state.rows_total, state.rows_read, state.written) < self.min_rows:
            return
        finished = bool(state.rows_total) and state.rows_read >= state.rows_total
        if time.monotonic() - self.drawn >= 0.1 or finished:
            self._draw()

    def _draw(self) -> None:
        assert self.latest is not None
        source, read, total, written = self.shown = self.latest
        self.drawn = time.monotonic()
        rows = f"{read:,}" + (f"/{total:,} ({100 * read // total}%)" if total else "")
        text = f"reading rows: {Path(source).name} {rows} · {written:,} records written"
        click.echo("\r" + text.ljust(self.width), file=sys.stderr, nl=False)
        self.width = len(text)

    def close(self) -> None:
        """The last figures (the write step ends after the last row is read), then a newline."""
        if self.drawn:
            if self.latest != self.shown:
                self._draw()
            click.echo(file=sys.stderr)


@contextlib.contextmanager
def progress_line(enabled: bool | None, as_json: bool) -> Iterator[ProgressLine | None]:
    """The ``load_sources`` progress callback: on with ``--progress``, off with
    ``--no-progress`` or ``--json``, and by default on when stderr is a terminal (for
    loads of ``PROGRESS_MIN_ROWS`` rows or more)."""
    if as_json or enabled is False or (enabled is None and not sys.stderr.isatty()):
        yield None
        return
    line = ProgressLine(PROGRESS_MIN_ROWS if enabled is None else 0)
    try:
        yield line
    finally:
        line.close()


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
@click.option(
    "--progress/--no-progress",
    "show_progress",
    default=None,
    help="Show rows read and records written on stderr (default: when stderr is a terminal).",
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
    show_progress: bool | None,
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
    with (
        row_limit(max_rows or MAX_ROWS),
        writing_store(opts) as store,
        progress_line(show_progress, as_json) as progress,
    ):
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
