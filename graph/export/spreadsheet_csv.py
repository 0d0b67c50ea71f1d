"""The graph as one CSV table for spreadsheets (``export --format csv``), safe to open.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab
or carriage return) as a formula: a name such as ``=HYPERLINK("http://evil.example", "Meta")``
from a loaded file would become a live link or worse (CSV injection). Following OWASP's
guidance, every text cell that starts with one of those characters is written with a leading
single quote (``'=HYPERLINK(...)``), which spreadsheets show as text and do not evaluate;
numbers are written as numbers (``-5`` stays ``-5``: a number is not a formula).

The neo4j-admin export is not neutralised, on purpose: its reader is ``neo4j-admin database
import``, which must get back the real values; it is a bulk-load format, not one to open in a
spreadsheet. Open this one instead.

One row per node and per relationship: ``element`` (node | relationship), ``id`` (a
relationship's is ``start>TYPE>end``), ``label`` (the node label or relationship type),
``start``, ``end``, then one column per property, sorted; lists are joined with ``; ``.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("x", label="Person", name='=HYPERLINK("http://evil.example")', founded=-5)
>>> print(graph_to_spreadsheet_csv(g), end="")
element,id,label,start,end,founded,name
node,x,Person,,,-5,"'=HYPERLINK(""http://evil.example"")"
"""

from __future__ import annotations

import csv
import io
from typing import Any

import networkx as nx

__all__ = ["FORMULA_PREFIXES", "graph_to_spreadsheet_csv", "neutralise_cell"]

# OWASP "CSV Injection": the characters that start a formula, plus tab and carriage return.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_FIXED = ["element", "id", "label", "start", "end"]


def neutralise_cell(value: Any) -> str:
    """``value`` as the text of one spreadsheet cell that no spreadsheet evaluates.

    >>> neutralise_cell("=1+1"), neutralise_cell("@SUM(A1)"), neutralise_cell("Meta"), neutralise_cell(-5)
    ("'=1+1", "'@SUM(A1)", 'Meta', '-5')
    >>> neutralise_cell(["+1 555", "Meta"])
    "'+1 555; Meta"
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    text = "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def graph_to_spreadsheet_csv(graph: nx.MultiDiGraph) -> str:
    """The whole graph as one CSV text (rows sorted, so stable); see the module docstring."""
    rows: list[dict[str, Any]] = []
    for node, attrs in sorted(graph.nodes(data=True), key=lambda item: item[0]):
        props = {k: v for k, v in attrs.items() if k != "label"}
        rows.append({"element": "node", "id": node, "label": attrs.get("label"), **props})
    for start, end, _, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        props = {k: v for k, v in attrs.items() if k != "type"}
        rel = attrs.get("type")
        rows.append(
            {"element": "relationship", "id": f"{start}>{rel}>{end}", "label": rel, "start": start, "end": end, **props}
        )
    columns = _FIXED + sorted({key for row in rows for key in row} - set(_FIXED))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise_cell(row.get(column)) for column in columns])
    return out.getvalue()
