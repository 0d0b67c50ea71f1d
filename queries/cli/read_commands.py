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
@json_option
@click.pass_obj
def trace(opts: StoreOptions, person: str, as_json: bool) -> None:
    """PERSON's talent path(s): founded -> target -> deal -> acquirer -> role."""
    from .queries.catalogue import run_query

    store = reading_store(opts)
    person_id = resolve(store, person)
    node = store.node(person_id)
    if node.label.value != "Person":
        raise click.ClickException(
            f"{person!r} is {node.name}, {a_or_an(node.label.value)} — trace takes a person; "
            f"for connections between any two entities use `talentgraph path`"
        )
    paths = [row[0] for row in run_query(store, "trace", {"person": person_id})["rows"]]
    name = node.name
    emit(as_json, {"paths": paths}, lambda: format_trace(name, paths))


@click.command()
@click.argument("from_name", metavar="FROM")
@click.argument("to_name", metavar="TO")
@click.option("--max-hops", default=8, show_default=True, type=click.IntRange(1, 20), help="Longest path to consider.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000), help="Most paths to show.")
@json_option
@click.pass_obj
def path(opts: StoreOptions, from_name: str, to_name: str, max_hops: int, limit: int, as_json: bool) -> None:
    """Shortest path(s) between two entities, by name or alias."""
    from .queries.catalogue import run_query

    store = reading_store(opts)
    params = {"from": resolve(store, from_name), "to": resolve(store, to_name), "max_hops": max_hops, "limit": limit}
    paths = [row[0] for row in run_query(store, "path", params)["rows"]]
    emit(as_json, {"paths": paths}, lambda: format_path(paths))
