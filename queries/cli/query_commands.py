"""``talentgraph queries``, ``query NAME -p k=v`` and ``cypher TEXT``: the query catalogue
and raw Cypher on the command line. Each command calls one library function."""

from __future__ import annotations

import click

from .app import StoreOptions, reading_store
from .options import emit, json_option, key_value_pairs, param_option
from .text_output import format_path, format_rows, format_table, format_trace


@click.command("queries")
@json_option
def list_queries(as_json: bool) -> None:
    """List the named queries with their parameters (* = required)."""
    from .queries.catalogue import describe_queries

    table = describe_queries()
    emit(as_json, table, lambda: format_table(table["columns"], table["rows"]))


@click.command("query")
@click.argument("name")
@param_option
@json_option
@click.pass_obj
def run_named_query(opts: StoreOptions, name: str, params: tuple[str, ...], as_json: bool) -> None:
    """Run the named query NAME (see `talentgraph queries`), e.g.
    `talentgraph query shopping_cart -p acquirer=Meta`."""
    from .queries.catalogue import get_query, run_query

    get_query(name)  # an unknown name fails before the store is opened
    table = run_query(reading_store(opts), name, key_value_pairs(params))
    paths = [row[0] for row in table["rows"]] if table["columns"] == ["path"] else None
    if name == "trace":
        person = paths[0]["nodes"][0]["name"] if paths else dict(key_value_pairs(params)).get("person", "")
        emit(as_json, table, lambda: format_trace(person, paths))
    elif paths is not None:
        emit(as_json, table, lambda: format_path(paths))
    else:
        emit(as_json, table, lambda: format_rows(table["columns"], table["rows"]))


@click.command("cypher")
@click.argument("text")
@param_option
@click.option("--write", is_flag=True, help="Allow the query to change the graph (Neo4j only).")
@json_option
@click.pass_obj
def cypher(opts: StoreOptions, text: str, params: tuple[str, ...], write: bool, as_json: bool) -> None:
    """Run raw Cypher TEXT with bound parameters on Neo4j, read-only unless --write.
    The embedded store runs named queries only."""
    from .queries.raw_cypher import EMBEDDED_REFUSAL, parse_cypher_params, run_cypher

    bound = parse_cypher_params(params)
    if not opts.neo4j:
        raise click.ClickException(EMBEDDED_REFUSAL)
    table = run_cypher(reading_store(opts), text, bound, write=write)
    emit(as_json, table, lambda: format_rows(table["columns"], table["rows"]))
