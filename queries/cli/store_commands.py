"""``talentgraph store migrate``: convert a store in the old JSON format to SQLite, or
upgrade an SQLite store written by an older talentgraph to this version's format.

The default store (``graph.db``) is converted on first use anyway when an old
``graph.json`` sits beside it, and an older SQLite store is upgraded when first opened;
this command does either for any store path, keeping the JSON file.
"""

from __future__ import annotations

from pathlib import Path

import click

from .app import StoreOptions
from .options import emit, json_option


@click.group("store")
def store_group() -> None:
    """The embedded store file itself."""


@store_group.command("migrate")
@click.argument("json_store", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The new SQLite store (default: the same name ending .db).",
)
@json_option
@click.pass_obj
def migrate(opts: StoreOptions, json_store: Path | None, output: Path | None, as_json: bool) -> None:
    """Convert JSON_STORE (default: the --store file, or graph.json beside the default
    graph.db) into an SQLite store; the JSON file is kept. An SQLite store from an older
    talentgraph is upgraded in place instead."""
    from .graph.embedded.migration import migrate_json_store
    from .graph.embedded.nx_store import is_json_store
    from .graph.embedded.sqlite_store import SCHEMA_VERSION, upgrade_store

    if opts.neo4j:
        raise click.ClickException(
            "store migrate converts an embedded store file, not Neo4j — run it without --neo4j (and NEO4J_URI unset)"
        )
    source = json_store or opts.store_path()
    if not is_json_store(source) and is_json_store(source.with_suffix(".json")):
        source = source.with_suffix(".json")
    if source.is_file() and not is_json_store(source):  # an SQLite store (upgrade_store refuses anything else)
        before = upgrade_store(source)
        emit(
            as_json,
            {"store": str(source), "from_format": before, "to_format": SCHEMA_VERSION},
            lambda: (
                f"upgraded {source} from store format {before} to {SCHEMA_VERSION}"
                if before < SCHEMA_VERSION
                else f"{source} is in store format {SCHEMA_VERSION} already — nothing to do"
            ),
        )
        return
    if not is_json_store(source):
        raise click.ClickException(f"{source} is not a store in the old JSON format — nothing to convert")
    target = migrate_json_store(source, output)
    emit(
        as_json,
        {"from": str(source), "to": str(target)},
        lambda: f"converted {source} -> {target} (kept {source}); use --store {target} unless it is the default",
    )
