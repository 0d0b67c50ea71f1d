"""CLI commands for sources and identities: resolve, unload, sources, disputes, moves, flows.

Each parses its options, calls one library function and prints the result.
"""

from __future__ import annotations

from pathlib import Path

import click

from .app import StoreOptions, reading_store, writing_store
from .options import emit, json_option
from .text_output import format_table

aliases_option = click.option(
    "--aliases",
    "aliases_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Alias file with 'same' / 'different' decisions (default: aliases.yaml next to the store).",
)


def alias_decisions(opts: StoreOptions, aliases_file: Path | None):
    """The decisions of --aliases FILE, else of aliases.yaml beside the store (if any)."""
    from .graph.identity.resolution import read_alias_decisions

    if aliases_file is not None and not aliases_file.exists():
        raise click.ClickException(f"no alias file at {aliases_file} — check the path, or omit --aliases")
    return read_alias_decisions(aliases_file or opts.store_path().with_name("aliases.yaml"))


@click.command("resolve")
@click.option("--dry-run", is_flag=True, help="Show what would merge and why; change nothing.")
@aliases_option
@json_option
@click.pass_obj
def resolve_command(opts: StoreOptions, dry_run: bool, aliases_file: Path | None, as_json: bool) -> None:
    """Merge entities that are one real entity (same external id, same normalised name,
    or an alias-file decision); names shared by different entities are reported, never merged."""
    from .graph.identity.entity_merge import find_duplicates, merge_duplicates

    decisions = alias_decisions(opts, aliases_file)
    if dry_run:
        resolution = find_duplicates(reading_store(opts).to_networkx(), decisions)
    else:
        with writing_store(opts) as store:
            resolution = find_duplicates(store.to_networkx(), decisions)
            merge_duplicates(store, resolution)
    rows = [["merge" if dry_run else "merged", m.incoming, m.existing, m.reason] for m in resolution.matches]
    rows += [["conflict", c.name, ", ".join(c.ids), c.reason] for c in resolution.conflicts]
    columns = ["action", "entity", "into", "reason"]
    emit(
        as_json, {"columns": columns, "rows": rows}, lambda: format_table(columns, rows) if rows else "nothing to merge"
    )


@click.command("unload")
@click.argument("source")
@json_option
@click.pass_obj
def unload_command(opts: StoreOptions, source: str, as_json: bool) -> None:
    """Remove what only SOURCE (a source id, see `talentgraph sources`) supports; keep
    what other sources also support, without SOURCE's provenance and dispute rows."""
    from .graph.provenance import unload_source

    with writing_store(opts) as store:
        summary = unload_source(store, source)
    emit(
        as_json,
        summary.__dict__,
        lambda: (
            f"unloaded {source}: removed {summary.nodes_removed} nodes and {summary.relationships_removed} relationships; "
            f"{summary.nodes_updated} nodes and {summary.relationships_updated} relationships kept for other sources"
        ),
    )


@click.command("sources")
@json_option
@click.pass_obj
def sources_command(opts: StoreOptions, as_json: bool) -> None:
    """The sources facts in the store come from: id (what `unload` and `--source` take),
    title, publisher, author, date, language, and how many nodes and relationships cite each."""
    from .queries.source_list import list_sources

    table = list_sources(reading_store(opts))
    emit(
        as_json,
        table,
        lambda: format_table(table["columns"], table["rows"]) if table["rows"] else "no sources: the store is empty",
    )


class BadOptionValue(click.ClickException):
    """An option value the command cannot take: one line, exit 2 like other usage errors."""

    exit_code = 2


@click.command("disputes")
@click.option("--field", help="Only disputes about this property (e.g. amount, year, kind).")
@json_option
@click.pass_obj
def disputes_command(opts: StoreOptions, field: str | None, as_json: bool) -> None:
    """Facts that sources state differently, each value with its source
    (the catalogue query `disputes`)."""
    from .graph.errors import QueryError
    from .queries.disputes import disputes

    try:
        result = disputes(reading_store(opts), field)
    except QueryError as exc:
        raise BadOptionValue(str(exc)) from None
    emit(
        as_json,
        result,
        lambda: format_table(result["columns"], result["rows"]) if result["rows"] else "no disputed facts",
    )


@click.command("moves")
@click.argument("name", required=False)
@json_option
@click.pass_obj
def moves_command(opts: StoreOptions, name: str | None, as_json: bool) -> None:
    """Moves between organizations read from consecutive stints: all, or those of NAME
    (a person, or an organization people left or joined); the catalogue query `moves`."""
    from .queries import run_query

    result = run_query(reading_store(opts), "moves", {"entity": name})
    emit(as_json, result, lambda: format_table(result["columns"], result["rows"]) if result["rows"] else "no moves")


@click.command("flows")
@click.option(
    "--level",
    type=click.Choice(("organization", "country")),
    default="organization",
    show_default=True,
    help="Count moves per pair of organizations or of countries.",
)
@click.option("--as-of", type=int, help="Only deals of this year or earlier.")
@json_option
@click.pass_obj
def flows_command(opts: StoreOptions, level: str, as_of: int | None, as_json: bool) -> None:
    """People moved by deals, target -> acquirer, counted per pair of organizations or
    countries (a group's headcount counts every head); the catalogue query `flows`."""
    from .queries import run_query

    result = run_query(reading_store(opts), "flows", {"level": level, "as_of": as_of})
    emit(as_json, result, lambda: format_table(result["columns"], result["rows"]) if result["rows"] else "no moves")
