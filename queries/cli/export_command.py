"""``talentgraph export``: the whole graph in one of the registered export formats
(``graph/export/registry.py``: the choices and their help come from there)."""

from __future__ import annotations

from pathlib import Path

import click

from .app import StoreOptions, reading_store
from .graph.export.registry import FORMATS, export_graph
from .options import note

EXPORT_HELP = " ".join(f"{f.name}: {f.description}." for f in FORMATS.values())


@click.command()
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="json", show_default=True, help=EXPORT_HELP)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write to FILE (a FOLDER for neo4j-admin) instead of stdout.",
)
@click.pass_obj
def export(opts: StoreOptions, fmt: str, output: Path | None) -> None:
    """Export the whole graph: json, graphml, cypher (cypher-shell script), csv (spreadsheets) or neo4j-admin CSV."""
    if FORMATS[fmt].writes_folder and output is None:
        raise click.UsageError(f"--format {fmt} writes a folder of CSV files — name it with -o FOLDER")
    if output is not None and not FORMATS[fmt].writes_folder and output.is_dir():
        raise click.UsageError(f"{output} is a folder — --format {fmt} writes one file; give a file name")
    exported = export_graph(reading_store(opts), fmt, output)
    if exported.payload is not None:
        click.echo(exported.payload, nl=False)
    elif exported.import_command is not None:
        note(f"wrote {len(exported.paths)} CSV files to {output}; import them into a new or stopped database with:")
        note(exported.import_command)
    else:
        note(f"wrote {output}")
