"""``talentgraph stats``, ``trace`` and ``path``: counts, a person's talent paths, and the
connections between two entities."""

from __future__ import annotations

import click

from .app import StoreOptions, reading_store, resolve
from .options import a_or_an, emit, json_option
from .text_output import format_path, format_trace


@click.command()
@json_option
@click.pass_obj
def stats(opts: StoreOptions, as_json: bool) -> None:
    """Counts by label and relationship type, and the sources they come from."""
    store = reading_store(opts)
    counts = {**store.stats(), "sources": store.source_counts()}
    emit(as_json, counts, lambda: _stats_text(counts))


def _stats_text(counts: dict[str, dict[str, int]]) -> str:
    lines = []
    for section in ("nodes", "relationships"):
        total = sum(counts[section].values())
        lines.append(f"{section:<14}{total:>7}")
        lines += [f"  {name:<12}{n:>7}" for name, n in counts[section].items()]
    lines.append("sources (nodes and relationships citing each)")
    lines += [f"  {name:<20}{n:>7}" for name, n in counts["sources"].items()]
    return "\n".join(lines)


@click.command()
@click.argument("person")
@click.option("--source", metavar="ID", help="Only what this source states (a source id; see `talentgraph sources`).")
@click.option("--primary", metavar="ID", help="Mark facts this source does not state (default: the most cited source).")
@json_option
@click.pass_obj
def trace(opts: StoreOptions, person: str, source: str | None, primary: str | None, as_json: bool) -> None:
    """PERSON's talent path(s): founded -> target -> deal -> acquirer -> role.
    Steps the primary source does not state carry a dagger (†)."""
    from .queries.catalogue import require_source, run_query
    from .queries.fact_sources import mark_paths, paths_stated_by, primary_source, record_sources

    store = reading_store(opts)
    person_id = resolve(store, person)
    node = store.node(person_id)
    if node.label.value != "Person":
        raise click.ClickException(
            f"{person!r} is {node.name}, {a_or_an(node.label.value)} — trace takes a person; "
            f"for connections between any two entities use `talentgraph path`"
        )
    paths = [row[0] for row in run_query(store, "trace", {"person": person_id})["rows"]]
    if source is not None:
        paths = paths_stated_by(paths, require_source(store, source))
    cited = {s for p in paths for r in [*p["nodes"], *p["relationships"]] for s, _ in record_sources(r)}
    main = primary if primary is not None else primary_source(store, cited)
    paths = mark_paths(paths, main)
    name = node.name
    emit(as_json, {"paths": paths, "primary_source": main}, lambda: format_trace(name, paths, main))


def path_options(func):
    """The options of ``path``, shared with ``render --path``: --all, --via, --max-hops, --limit, --types."""
    for option in reversed(
        (
            click.option("--all", "every", is_flag=True, help="Every simple path up to --max-hops, shortest first."),
            click.option("--via", "via_name", metavar="NAME", help="Only paths through NAME."),
            click.option(
                "--max-hops",
                type=click.IntRange(1, 20),
                help="Longest path to consider [default: 8; with --all: 4, at most 10].",
            ),
            click.option(
                "--limit", default=10, show_default=True, type=click.IntRange(1, 1000), help="Most paths to show."
            ),
            click.option(
                "--types", metavar="TYPE,...", help="Only steps along these relationship types, e.g. TARGET,ACQUIRER."
            ),
        )
    ):
        func = option(func)
    return func


def paths_between(
    store,
    from_name: str,
    to_name: str,
    every: bool,
    via_name: str | None,
    max_hops: int | None,
    limit: int,
    types: str | None,
) -> dict:
    """Resolve the names and find the paths (``queries.simple_paths.find_paths``)."""
    from .queries.simple_paths import MAX_ALL_HOPS, find_paths

    if every and max_hops is not None and max_hops > MAX_ALL_HOPS:
        raise click.BadParameter(
            f"{max_hops} is more than {MAX_ALL_HOPS} — with --all, every path is enumerated: "
            f"use at most {MAX_ALL_HOPS}",
            param_hint="'--max-hops'",
        )
    via = resolve(store, via_name) if via_name else None
    return find_paths(store, resolve(store, from_name), resolve(store, to_name), every, via, max_hops, limit, types)


@click.command()
@click.argument("from_name", metavar="FROM")
@click.argument("to_name", metavar="TO")
@path_options
@json_option
@click.pass_obj
def path(
    opts: StoreOptions,
    from_name: str,
    to_name: str,
    every: bool,
    via_name: str | None,
    max_hops: int | None,
    limit: int,
    types: str | None,
    as_json: bool,
) -> None:
    """Shortest path(s) between two entities, by name or alias; --all for every path up to N hops."""
    store = reading_store(opts)
    found = paths_between(store, from_name, to_name, every, via_name, max_hops, limit, types)
    emit(as_json, found, lambda: _paths_text(found, limit))


def _paths_text(found: dict, limit: int) -> str:
    text = format_path(found["paths"])
    if found["truncated"]:
        text += f"\nmore paths than shown: the first {limit} — raise --limit or lower --max-hops"
    return text
