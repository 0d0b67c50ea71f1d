"""CLI plumbing for loading: the loader registry with plugin warnings on stderr, and a
progress bar that appears only for big loads on a terminal."""

from __future__ import annotations

import contextlib
import sys
import warnings
from collections.abc import Iterator

import click

from talentgraph import __version__

PROGRESS_MIN_ROWS = 2000  # smaller loads finish before a bar would be worth drawing


def loader_registry(column_map: tuple[str, ...] = ()):
    """The default registry, plugins discovered now so that a broken one warns once, and
    the deal-sheet loader reconfigured by ``--map`` pairs."""
    from talentgraph.loaders import PluginWarning, default_registry
    from talentgraph.loaders.deal_sheet import DealSheetLoader, parse_column_map

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PluginWarning)
        registry = default_registry()
        registry.names()
    for warning in caught:
        if issubclass(warning.category, PluginWarning):
            click.echo(f"warning: {warning.message}", err=True)
    if getattr(column_map, "active", not hasattr(column_map, "active") and column_map):  # a SheetOptions, or --map pairs
        options = column_map if hasattr(column_map, "active") else parse_column_map(column_map)
        registry.register(DealSheetLoader(options), version=__version__)
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
