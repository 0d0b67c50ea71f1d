"""The export formats by name: what each writes, and ``export_graph`` to write one.

The CLI's ``export --format`` choices and help come from ``FORMATS``; a new format is a
module in this folder plus one ``ExportFormat`` entry here. Importing this module is
cheap (no networkx): the writers are imported when a format is used.

>>> [f.name for f in FORMATS.values()]
['json', 'graphml', 'cypher', 'csv', 'neo4j-admin']
>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> export_graph(store, "json").payload.decode().splitlines()[1]
' "directed": true,'
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ExportError

if TYPE_CHECKING:
    import networkx as nx

    from ..graph_store import GraphStore

__all__ = ["FILE_FORMATS", "FORMATS", "ExportFormat", "Exported", "export_graph", "graph_to_bytes"]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its ``--format`` name, one sentence on what it is, and whether it
    writes a folder of files (else one file, or stdout)."""

    name: str
    description: str
    writes_folder: bool = False


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("json", "networkx node-link data with the key 'edges'"),
        ExportFormat(
            "graphml",
            "GraphML for Gephi, yEd or networkx; list properties (aliases, source_ids, ...) become JSON "
            "strings, named in the graph's json_node_keys / json_edge_keys",
        ),
        ExportFormat("cypher", "a cypher-shell script that rebuilds the graph in an empty Neo4j database"),
        ExportFormat(
            "csv",
            "one table of nodes and relationships for spreadsheets; cells that would run as formulas "
            "(starting with = + - @) get a leading ' (CSV injection)",
        ),
        ExportFormat(
            "neo4j-admin",
            "a folder of CSV files for 'neo4j-admin database import full' (needs -o FOLDER; the import "
            "command is printed on stderr); empty list properties are left out, as neo4j-admin cannot "
            "write an empty array; values are exact, not neutralised: not for spreadsheets",
            writes_folder=True,
        ),
    )
}
FILE_FORMATS = tuple(name for name, f in FORMATS.items() if not f.writes_folder)


@dataclass(frozen=True)
class Exported:
    """What ``export_graph`` did: the files written (none when the bytes were returned),
    the bytes of a single-file format written nowhere, and for neo4j-admin the command
    that imports the folder."""

    format: ExportFormat
    paths: tuple[Path, ...] = ()
    payload: bytes | None = None
    import_command: str | None = None


def _format(fmt: str) -> ExportFormat:
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} — use one of {', '.join(FORMATS)}")
    return FORMATS[fmt]


def graph_to_bytes(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """The whole graph in single-file format ``fmt`` (one of FILE_FORMATS), UTF-8, ending in a newline."""
    if _format(fmt).writes_folder:
        raise ExportError(f"--format {fmt} writes a folder of files, not one — name the folder with -o FOLDER")
    if fmt == "json":
        from .node_link import graph_to_node_link

        return (json.dumps(graph_to_node_link(graph), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt == "graphml":
        from .graphml import graph_to_graphml

        payload = graph_to_graphml(graph)
        return payload if payload.endswith(b"\n") else payload + b"\n"
    if fmt == "csv":
        from .spreadsheet_csv import graph_to_spreadsheet_csv

        return graph_to_spreadsheet_csv(graph).encode("utf-8")
    from .cypher_script import graph_to_cypher

    return graph_to_cypher(graph).encode("utf-8")


def export_graph(store: GraphStore, fmt: str, out: str | os.PathLike[str] | None = None) -> Exported:
    """Export the whole graph of ``store`` in format ``fmt`` to ``out``: a file (written
    atomically), a folder for formats that write one, or — for single-file formats, with
    ``out`` None — nowhere, the bytes returned in ``Exported.payload``."""
    export_format = _format(fmt)
    if export_format.writes_folder:
        if out is None:
            raise ExportError(f"--format {fmt} writes a folder of CSV files — name it with -o FOLDER")
        from .neo4j_admin import import_command, write_neo4j_admin

        folder = Path(out)
        written = write_neo4j_admin(store.to_networkx(), folder)
        paths = tuple(folder / name for name in sorted(written.files))
        return Exported(export_format, paths, import_command=import_command(folder, written))
    if out is not None and Path(out).is_dir():
        raise ExportError(f"{out} is a folder — --format {fmt} writes one file; give a file name")
    payload = graph_to_bytes(store.to_networkx(), fmt)
    if out is None:
        return Exported(export_format, payload=payload)
    from ..atomic_files import write_bytes_atomic

    write_bytes_atomic(Path(out), payload)
    return Exported(export_format, (Path(out),))
