"""How the page draws the graph: colour and shape by kind, size by value or degree,
edge style by relationship type and deal status, and the legend that explains them.

The legend is built from the same tables the nodes and edges are styled with, so it
cannot drift from what is drawn.

>>> node_style({"label": "Deal", "kind": "acquisition", "status": "failed"}, degree=2)["shape"]
'diamond'
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["EDGE_COLOURS", "FAILED_STATUSES", "NODE_CLASSES", "edge_style", "legend", "node_class", "node_style"]

# class -> (legend text, colour, vis-network shape)
NODE_CLASSES: dict[str, tuple[str, str, str]] = {
    "person": ("Person", "#2b7bb9", "dot"),
    "company": ("Company", "#5b6770", "square"),
    "unit": ("Lab, unit or product", "#8e44ad", "triangle"),
    "other_org": ("Investor, club or media", "#16a085", "hexagon"),
    "deal": ("Deal (completed or pending)", "#e67e22", "diamond"),
    "failed_deal": ("Failed, rejected or abandoned bid", "#c0392b", "diamond"),
}
ORG_CLASS = {"company": "company", "lab": "unit", "unit": "unit", "product": "unit"}
FAILED_STATUSES = frozenset({"failed", "rejected", "abandoned"})
PENDING_STATUSES = frozenset({"announced", "in_talks", "rumoured"})

# relationship type -> (legend text, colour)
EDGE_COLOURS: dict[str, tuple[str, str]] = {
    "FOUNDED": ("founded", "#2b7bb9"),
    "WORKED_AT": ("worked at", "#7f8c8d"),
    "LEADS": ("leads", "#1f5f8b"),
    "PART_OF": ("part of", "#8e44ad"),
    "MERGED_INTO": ("merged into", "#6c3483"),
    "TARGET": ("deal target", "#e67e22"),
    "ACQUIRER": ("deal acquirer", "#d35400"),
    "MOVED": ("moved with the deal", "#27ae60"),
}
FAILED_EDGE_COLOUR = "#c0392b"
DIMMED = "#d5d8dc"


def node_class(attrs: dict[str, Any]) -> str:
    """The legend class a node belongs to.

    >>> node_class({"label": "Organization", "kind": "product"})
    'unit'
    """
    label = attrs.get("label")
    if label == "Person":
        return "person"
    if label == "Deal":
        return "failed_deal" if attrs.get("status") in FAILED_STATUSES else "deal"
    if label == "Organization":
        return ORG_CLASS.get(attrs.get("kind"), "other_org")
    return "other_org"


def node_style(attrs: dict[str, Any], degree: int) -> dict[str, Any]:
    """vis-network options for one node: deals are sized by their value in US dollars,
    everything else by how many relationships it has."""
    cls = node_class(attrs)
    _, colour, shape = NODE_CLASSES[cls]
    value = attrs.get("amount_usd") or attrs.get("valuation_usd") or attrs.get("pay_usd")
    if attrs.get("label") == "Deal" and isinstance(value, (int, float)) and value > 0:
        # log scale: a USD 19 bn deal is bigger than a USD 80 m one, but not 240 times
        size = 10 + 3 * max(0.0, math.log10(value) - 7)
    else:
        size = 8 + 4 * math.sqrt(max(degree, 0))
    style: dict[str, Any] = {
        "shape": shape,
        "size": round(min(size, 40), 1),
        "color": {"background": colour, "border": colour,
                  "highlight": {"background": colour, "border": "#000000"}},
        "borderWidth": 1,
    }
    if attrs.get("status") in PENDING_STATUSES:
        style["shapeProperties"] = {"borderDashes": [4, 3]}
        style["color"] = {**style["color"], "background": "#f8c471"}
    return style


def edge_style(rel_type: str, failed: bool) -> dict[str, Any]:
    """vis-network options for one relationship; edges of a failed bid are dashed red."""
    colour = FAILED_EDGE_COLOUR if failed else EDGE_COLOURS.get(rel_type, ("", "#999999"))[1]
    style: dict[str, Any] = {"color": {"color": colour, "highlight": "#000000"}, "width": 1.5}
    if failed:
        style["dashes"] = [6, 4]
        style["width"] = 2
    return style


def legend(node_classes: set[str], rel_types: set[str], any_failed: bool) -> dict[str, list[dict[str, Any]]]:
    """Legend entries for what the page actually draws, in a fixed order."""
    nodes = [{"text": text, "colour": colour, "shape": shape}
             for cls, (text, colour, shape) in NODE_CLASSES.items() if cls in node_classes]
    edges = [{"text": text, "colour": colour, "dashed": False}
             for rel, (text, colour) in EDGE_COLOURS.items() if rel in rel_types]
    if any_failed:
        edges.append({"text": "relationship of a failed bid", "colour": FAILED_EDGE_COLOUR, "dashed": True})
    return {"nodes": nodes, "edges": edges}
