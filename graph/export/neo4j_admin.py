"""The graph as CSV files for ``neo4j-admin database import full`` (``export --format neo4j-admin``).

One nodes file per label and one relationships file per type, with neo4j-admin headers:
``id:ID``, ``:LABEL``, typed property columns (``founded:long``, ``amount_usd:double``,
``aliases:string[]``), ``:START_ID``, ``:END_ID``, ``:TYPE``. Array elements are joined
with ``;`` (neo4j-admin's default ``--array-delimiter``) unless an element holds one; then
the first of ``|``, ``¦``, U+001F that none holds, and the import command says so
(``--array-delimiter=U+007C``). Every present value is quoted,
an absent one is an empty field, so empty strings survive. neo4j-admin cannot write an
empty array from CSV: an empty list property comes out absent.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("meta", label="Organization", name="Meta", founded=2004)
>>> print(graph_to_neo4j_admin(g).files["nodes_Organization.csv"], end="")
id:ID,:LABEL,founded:long,name:string
"meta","Organization","2004","Meta"
"""

from __future__ import annotations

import os
import shlex
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import ExportError
from ..model import Label, RelType

__all__ = ["Neo4jAdminExport", "graph_to_neo4j_admin", "import_command", "write_neo4j_admin"]

DELIMITERS = (";", "|", "\u00a6", "\u001f")


@dataclass(frozen=True)
class Neo4jAdminExport:
    files: dict[str, str]  # file name -> CSV text
    array_delimiter: str
_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def graph_to_neo4j_admin(graph: nx.MultiDiGraph) -> Neo4jAdminExport:
    """The CSV texts for the labels and types the graph has (rows sorted, so stable)."""
    delimiter = _pick_delimiter(graph)
    files: dict[str, str] = {}
    for label in Label:
        rows = [(n, a) for n, a in sorted(graph.nodes(data=True), key=lambda item: item[0]) if a.get("label") == label.value]
        if rows:
            props = [{k: v for k, v in a.items() if k != "label"} for _, a in rows]
            columns = _columns(props, f"label {label.value}")
            lines = [["id:ID", ":LABEL"] + [f"{k}:{t}" for k, t in columns]]
            lines += [[_cell(n, delimiter), _cell(label.value, delimiter)] + [_cell(p.get(k), delimiter) for k, _ in columns] for (n, _), p in zip(rows, props)]
            files[f"nodes_{label.value}.csv"] = _csv(lines)
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3])
    for rel_type in RelType:
        rows = [(s, e, a) for s, e, _, a in edges if a.get("type") == rel_type.value]
        if rows:
            props = [{k: v for k, v in a.items() if k != "type"} for _, _, a in rows]
            columns = _columns(props, f"type {rel_type.value}")
            lines = [[":START_ID", ":END_ID", ":TYPE"] + [f"{k}:{t}" for k, t in columns]]
            lines += [[_cell(s, delimiter), _cell(e, delimiter), _cell(rel_type.value, delimiter)] + [_cell(p.get(k), delimiter) for k, _ in columns]
                      for (s, e, _), p in zip(rows, props)]
            files[f"relationships_{rel_type.value}.csv"] = _csv(lines)
    return Neo4jAdminExport(files, delimiter)


def import_command(folder: str | os.PathLike, export: Neo4jAdminExport, database: str = "neo4j") -> str:
    """The neo4j-admin command that imports the files (into a new or stopped, overwritten database).

    >>> import_command("out", Neo4jAdminExport({"nodes_Person.csv": ""}, ";"))
    'neo4j-admin database import full --overwrite-destination --multiline-fields=true --array-delimiter=U+003B --nodes=out/nodes_Person.csv neo4j'
    """
    args = ["neo4j-admin", "database", "import", "full", "--overwrite-destination", "--multiline-fields=true",
            f"--array-delimiter=U+{ord(export.array_delimiter):04X}"]
    for name in sorted(export.files):
        kind = "--nodes" if name.startswith("nodes_") else "--relationships"
        args.append(f"{kind}={Path(folder) / name}")
    return shlex.join(args + [database])


def write_neo4j_admin(graph: nx.MultiDiGraph, folder: str | os.PathLike) -> Neo4jAdminExport:
    """Write the CSV files into ``folder`` (created; a folder of an earlier export is replaced
    whole, never left half-written); pass the result to :func:`import_command`."""
    folder = Path(folder)
    export = graph_to_neo4j_admin(graph)
    files = export.files
    if folder.exists():
        if not folder.is_dir():
            raise ExportError(f"{folder} is a file — neo4j-admin export writes a folder; pick a folder name")
        strangers = [p.name for p in folder.iterdir() if not (p.name.startswith(("nodes_", "relationships_")) and p.suffix == ".csv")]
        if strangers:
            raise ExportError(f"{folder} holds other files ({strangers[0]}) — export into a new or empty folder")
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        old = None
        if folder.exists():
            old = folder.with_name(staging.name + ".old")
            os.replace(folder, old)
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return export


def _columns(props: list[dict[str, Any]], where: str) -> list[tuple[str, str]]:
    kinds: dict[str, set[str]] = {}
    for row in props:
        for key, value in row.items():
            if value is None or value == []:
                continue
            if ":" in key:
                raise ExportError(f"{where}: property name {key!r} has a ':', which neo4j-admin headers cannot carry — rename it or export as cypher")
            kinds.setdefault(key, set()).add(_type(value))
    for key, found in kinds.items():
        if len(found) > 1:
            raise ExportError(f"{where}: property {key!r} mixes types ({', '.join(sorted(found))}) — neo4j-admin needs one type per column; export as cypher")
    return [(key, found.pop()) for key, found in sorted(kinds.items())]


def _type(value: Any) -> str:
    if isinstance(value, list):
        return _TYPES[type(value[0])] + "[]"
    return _TYPES[type(value)]


def _pick_delimiter(graph: nx.MultiDiGraph) -> str:
    # neo4j-admin has no escape for the array delimiter: pick one that no element holds
    elements = "".join(
        v for attrs in [*(a for _, a in graph.nodes(data=True)), *(a for *_, a in graph.edges(data=True))]
        for value in attrs.values() if isinstance(value, list) for v in value if isinstance(v, str))
    for delimiter in DELIMITERS:
        if delimiter not in elements:
            return delimiter
    raise ExportError("every array delimiter neo4j-admin could use (; | \u00a6 U+001F) occurs in list values — export as cypher instead")


def _cell(value: Any, delimiter: str) -> str | None:
    if value is None or value == []:
        return None
    if isinstance(value, list):
        return delimiter.join(_text(v) for v in value)
    return _text(value)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _csv(lines: list[list[str | None]]) -> str:
    # written by hand: Python's csv module cannot quote every present value yet leave
    # absent ones empty, and neo4j-admin reads an unquoted empty field as "no property"
    header, *rows = lines
    out = [",".join(header)]
    out += [",".join("" if c is None else '"' + c.replace('"', '""') + '"' for c in row) for row in rows]
    return "\n".join(out) + "\n"
