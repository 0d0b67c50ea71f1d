"""How the page draws the graph: colour and shape by kind, size by value or degree,
edge style by relationship type and deal status, and the legend that explains them.

The legend is built from the same tables the nodes and edges are styled with, so it
cannot drift from what is drawn.

>>> node_style({"label": "Deal", "kind": "acquisition", "status": "failed"}, degree=2)["shape"]
'star'
"""

from __future__ import annotations

import math
from typing import Any

__all__ = [
    "DRAWN_REVERSED",
    "EDGE_COLOURS",
    "FAILED_STATUSES",
    "NODE_CLASSES",
    "OKABE_ITO",
    "edge_style",
    "edge_text",
    "legend",
    "node_class",
    "node_style",
]

# Okabe & Ito's palette ("Color Universal Design", 2008): eight colours told apart with
# every common colour-vision deficiency. Shape is the second channel, so no class
# depends on colour alone.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
GREY = "#7A7A7A"

# class -> (legend text, colour, vis-network shape)
NODE_CLASSES: dict[str, tuple[str, str, str]] = {
    "person": ("Person", OKABE_ITO["blue"], "dot"),
    "company": ("Company", "#3D3D3D", "square"),
    "unit": ("Lab, unit or product", OKABE_ITO["purple"], "triangle"),
    "other_org": ("Investor, club or media", OKABE_ITO["green"], "hexagon"),
    "deal": ("Deal (completed or pending)", OKABE_ITO["orange"], "diamond"),
    "failed_deal": ("Failed, rejected or abandoned bid", OKABE_ITO["vermillion"], "star"),
    "claim": ("Claim", OKABE_ITO["yellow"], "triangleDown"),
    "other": ("Other", GREY, "dot"),
}
ORG_CLASS = {"company": "company", "lab": "unit", "unit": "unit", "product": "unit"}
FAILED_STATUSES = frozenset({"failed", "rejected", "abandoned"})
PENDING_STATUSES = frozenset({"announced", "in_talks", "rumoured"})

# relationship type -> (legend text, colour)
EDGE_COLOURS: dict[str, tuple[str, str]] = {
    "FOUNDED": ("founded", OKABE_ITO["blue"]),
    "WORKED_AT": ("worked at", GREY),
    "LEADS": ("leads", OKABE_ITO["sky_blue"]),
    "PART_OF": ("part of", OKABE_ITO["purple"]),
    "MERGED_INTO": ("merged into", OKABE_ITO["black"]),
    "TARGET": ("target of the deal", OKABE_ITO["orange"]),
    "ACQUIRER": ("deal to its acquirer", OKABE_ITO["vermillion"]),
    "MOVED": ("moved with the deal", OKABE_ITO["green"]),
    "ABOUT": ("claim about", "#B8A200"),
}
# drawn against the model's direction so that every arrow follows the talent story:
# founder -> startup -> deal -> acquirer -> new role (the stored direction is unchanged)
DRAWN_REVERSED = frozenset({"TARGET"})
FAILED_EDGE_COLOUR = OKABE_ITO["vermillion"]
DIMMED = "#d5d8dc"
SIZE_NOTE = "Size: a deal by its value in US dollars (log scale), anything else by its number of relationships."


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
        return ORG_CLASS.get(str(attrs.get("kind")), "other_org")
    if label == "Claim":
        return "claim"
    return "other"


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
        "color": {"background": colour, "border": colour, "highlight": {"background": colour, "border": "#000000"}},
        "borderWidth": 2 if cls == "claim" else 1,
    }
    if cls == "claim":
        style["color"]["border"] = OKABE_ITO["black"]
    if attrs.get("status") in PENDING_STATUSES:
        style["shapeProperties"] = {"borderDashes": [4, 3]}
        style["color"] = {**style["color"], "background": "#f8c471"}
    return style


def edge_style(rel_type: str, failed: bool) -> dict[str, Any]:
    """vis-network options for one relationship; edges of a failed bid are dashed red."""
    colour = FAILED_EDGE_COLOUR if failed else EDGE_COLOURS.get(rel_type, ("", GREY))[1]
    style: dict[str, Any] = {"color": {"color": colour, "highlight": "#000000"}, "width": 1.5}
    if failed:
        style["dashes"] = [6, 4]
        style["width"] = 2
    return style


def edge_text(rel_type: str) -> str:
    """The legend's words for a relationship type, also for types it does not know.

    >>> edge_text("TARGET"), edge_text("ADVISED")
    ('target of the deal', 'advised')
    """
    return EDGE_COLOURS.get(rel_type, (rel_type.replace("_", " ").lower(), ""))[0]


def legend(node_classes: set[str], rel_types: set[str], any_failed: bool) -> dict[str, Any]:
    """Legend entries for what the page actually draws, in a fixed order."""
    nodes = [
        {"cls": cls, "text": text, "colour": colour, "shape": shape}
        for cls, (text, colour, shape) in NODE_CLASSES.items()
        if cls in node_classes
    ]
    known = [rel for rel in EDGE_COLOURS if rel in rel_types] + sorted(rel_types - set(EDGE_COLOURS))
    edges = [
        {"type": rel, "text": edge_text(rel), "colour": EDGE_COLOURS.get(rel, ("", GREY))[1], "dashed": False}
        for rel in known
    ]
    if any_failed:
        edges.append(
            {"type": None, "text": "relationship of a failed bid", "colour": FAILED_EDGE_COLOUR, "dashed": True}
        )
    return {"nodes": nodes, "edges": edges, "size": SIZE_NOTE}
