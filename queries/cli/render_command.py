"""`talentgraph render`: the interactive offline page (graph/pyvis_render.py does the work)."""

from __future__ import annotations

from pathlib import Path

import click

from .app import StoreOptions, reading_store, resolve
from .graph.model import DealKind, DealStatus
from .options import note
from .read_commands import path_options, paths_between

DEAL_KINDS = [k.value for k in DealKind]
DEAL_STATUSES = [s.value for s in DealStatus]


@click.command()
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The HTML file to write."
)
@click.option("--focus", "focus_name", metavar="NAME", help="Centre on NAME (name or alias) and its neighbourhood.")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(0, 20), help="Relationships around --focus.")
@click.option(
    "--path",
    "path_names",
    nargs=2,
    metavar="FROM TO",
    help="Highlight the shortest path(s) FROM -> TO, dim the rest; "
    "--all, --via, --max-hops, --limit, --types as for `path`.",
)
@path_options
@click.option(
    "--kind", "kinds", multiple=True, type=click.Choice(DEAL_KINDS), help="Only deals of this kind (repeatable)."
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(DEAL_STATUSES),
    help="Only deals with this status (repeatable).",
)
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="CODE",
    help="Only people and organizations from CODE, e.g. CN (repeatable).",
)
@click.option("--from-year", type=int, help="Only deals from this year on.")
@click.option("--to-year", type=int, help="Only deals up to this year.")
@click.option("--as-of", type=int, help="The graph as it stood at the end of this year.")
@click.option("--keep-undated", is_flag=True, help="With --as-of, keep what has no year instead of hiding it.")
@click.option(
    "--max-nodes",
    default=5000,
    show_default=True,
    type=click.IntRange(1),
    help="Keep the most relevant nodes above this.",
)
@click.option("--title", default="talentgraph", show_default=True, help="The page's heading.")
@click.pass_obj
def render(
    opts: StoreOptions,
    output: Path,
    focus_name: str | None,
    depth: int,
    path_names: tuple[str, str] | None,
    every: bool,
    via_name: str | None,
    max_hops: int | None,
    limit: int,
    types: str | None,
    kinds,
    statuses,
    countries,
    from_year,
    to_year,
    as_of,
    keep_undated: bool,
    max_nodes: int,
    title: str,
) -> None:
    """Write an interactive HTML page that works offline: search, filters, details, paths."""
    from .graph.page.pyvis_render import GraphFilter, render_page

    store = reading_store(opts)
    graph = store.to_networkx()
    if not path_names and (every or via_name or max_hops or types):
        raise click.UsageError("--all, --via, --max-hops and --types shape --path FROM TO — add --path")
    found = paths_between(store, *path_names, every, via_name, max_hops, limit, types) if path_names else None
    paths = found["paths"] if found else []
    if path_names and not paths:
        hops = max_hops or (4 if every else 8)
        raise click.ClickException(
            f"no path between {path_names[0]!r} and {path_names[1]!r} within {hops} hops"
            " — try `talentgraph path` with --max-hops"
        )
    if found and found["truncated"]:
        note(f"highlighting the first {limit} paths; there are more — raise --limit or lower --max-hops")
    page = render_page(
        graph,
        focus=[resolve(store, focus_name)] if focus_name else [],
        depth=depth,
        paths=paths,
        graph_filter=GraphFilter(kinds, statuses, tuple(countries), from_year, to_year, as_of, keep_undated),
        max_nodes=max_nodes,
        title=title,
    )
    page.save(output)
    if page.notice:
        note(page.notice)
    note(f"wrote {output}: {page.shown_nodes} nodes, {page.shown_edges} relationships")
