"""``talentgraph export``: the whole graph in one of the registered export formats."""

from __future__ import annotations

from pathlib import Path

import click

from .app import StoreOptions, reading_store
from .options import note

EXPORT_HELP = (
    "json: networkx node-link data with the key 'edges'. graphml: GraphML for Gephi, yEd or networkx; "
    "list properties (aliases, source_ids, ...) become JSON strings, named in the graph's json_node_keys / "
    "json_edge_keys. cypher: a cypher-shell script that rebuilds the graph in an empty Neo4j database. "
    "neo4j-admin: a folder of CSV files for 'neo4j-admin database import full' (needs -o FOLDER; the "
    "import command is printed on stderr)."
)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json", "graphml", "cypher", "neo4j-admin"]), default="json",
              show_default=True, help=EXPORT_HELP)
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to FILE (a FOLDER for neo4j-admin) instead of stdout.")
@click.pass_obj
def export(opts: StoreOptions, fmt: str, output: Path | None) -> None:
    """Export the whole graph: json, graphml, cypher (cypher-shell script) or neo4j-admin CSV."""
    if fmt == "neo4j-admin":
        if output is None:
            raise click.UsageError("--format neo4j-admin writes a folder of CSV files — name it with -o FOLDER")
        from .graph.export.neo4j_admin import import_command, write_neo4j_admin

        written = write_neo4j_admin(reading_store(opts).to_networkx(), output)
        note(f"wrote {len(written.files)} CSV files to {output}; import them into a new or stopped database with:")
        note(import_command(output, written))
        return
    if output is not None and output.is_dir():
        raise click.UsageError(f"{output} is a folder — --format {fmt} writes one file; give a file name")
    from .graph.export.registry import graph_to_bytes

    payload = graph_to_bytes(reading_store(opts).to_networkx(), fmt)
    if output is None:
        click.echo(payload, nl=False)
    else:
        from .graph.embedded.nx_store import write_bytes_atomic

        write_bytes_atomic(output, payload)
        note(f"wrote {output}")
