"""CLI plumbing for loading: the loader registry with plugin warnings on stderr, and a
progress bar that appears only for big loads on a terminal."""

from __future__ import annotations

import contextlib
import sys
import warnings
from collections.abc import Iterator

import click

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
    if column_map:
        registry.register(DealSheetLoader(parse_column_map(column_map)), version=registry.infos()[0].version)
    return registry


@contextlib.contextmanager
def progress_bar(enabled: bool) -> Iterator:
    """A ``progress(done, total)`` callback drawing a bar on stderr once a source has
    ``PROGRESS_MIN_ROWS`` rows — or ``None`` when disabled or not on a terminal."""
    if not (enabled and sys.stderr.isatty() and sys.stdout.isatty()):
        yield None
        return
    bars: dict[int, object] = {}

    def progress(done: int, total: int) -> None:
        if total < PROGRESS_MIN_ROWS:
            return
        if total not in bars or done < bars[total].pos:
            bars[total] = click.progressbar(length=total, label="reading rows", file=sys.stderr)
            bars[total].__enter__()
        bars[total].update(done - bars[total].pos)
        if done >= total:
            bars.pop(total).__exit__(None, None, None)

    try:
        yield progress
    finally:
        for bar in bars.values():
            bar.__exit__(None, None, None)
