"""One offline HTML page that explores the talent graph, built on pyvis and vis-network.

pyvis builds the page from its node and edge lists through a Jinja template; we give
it our own template (template.html) because pyvis's template links Bootstrap and
vis-network from CDNs even in ``in_line`` mode. Our template inlines vis-network from
the pyvis package and our script, so the page makes no request to any host. We fill
pyvis's lists directly: its ``add_node``/``from_nx`` check membership in lists, which
is quadratic and too slow for thousands of nodes.

Same graph and options, byte-identical page: nodes and edges are sorted, edge ids are
their position in that order, positions are computed by a deterministic layout (or
vis-network's physics with a fixed seed for small graphs), and nothing records a time.

>>> from talentgraph.graph import EmbeddedStore
>>> page = render_page(EmbeddedStore().to_networkx())
>>> page.shown_nodes, "<script" in page.html
(0, True)
"""

from __future__ import annotations

import html as html_lib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from .details import edge_details, node_details, source_table
from ..errors import QueryError
from .layout import radial_layout
from .scope import DEFAULT_MAX_NODES, GraphFilter, drawable_graph, filter_graph, focus_graph, limit_graph
from .style import DIMMED, FAILED_STATUSES, edge_style, legend, node_class, node_style

__all__ = ["DEFAULT_MAX_NODES", "PHYSICS_MAX_NODES", "GraphFilter", "Page", "render_page"]

# Above this many nodes vis-network's physics takes too long to settle in a browser;
# positions are computed here instead and physics stays off.
PHYSICS_MAX_NODES = 300
LAYOUT_SEED = 7


@dataclass(frozen=True)
class Page:
    """A rendered page. ``notice`` says what was left out, if anything."""

    html: str
    shown_nodes: int
    shown_edges: int
    omitted_nodes: int = 0
    notice: str | None = None
    path_nodes: list[str] = field(default_factory=list)

    def save(self, path: str | os.PathLike) -> None:
        """Write the page atomically: an existing file is replaced whole or not at all."""
        from ..errors import TalentGraphError
        from ..embedded.nx_store import write_text_atomic

        folder = Path(path).resolve().parent
        if not folder.is_dir():
            raise TalentGraphError(f"cannot write {path}: the folder {folder} does not exist — create it or choose another file")
        write_text_atomic(path, self.html)

    def _repr_html_(self) -> str:
        # an iframe keeps the page's own <html>, styles and script apart from Jupyter's
        return (f'<iframe srcdoc="{html_lib.escape(self.html, quote=True)}" '
                'style="width:100%;height:720px;border:1px solid #ddd"></iframe>')


def render_page(
    graph: nx.MultiDiGraph,
    *,
    focus: Sequence[str] = (),
    depth: int = 2,
    paths: Sequence[dict[str, Any]] = (),
    graph_filter: GraphFilter | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    title: str = "talentgraph",
) -> Page:
    """Render ``graph`` (a store's ``to_networkx()``) as one self-contained HTML page.

    ``focus``: node ids to centre on, with everything within ``depth`` relationships.
    ``paths``: paths in the JSON shape of ``shortest_paths`` — highlighted, the rest dimmed.
    ``graph_filter``: what to keep (deal kinds, statuses, countries, years).
    ``max_nodes``: above it, the most relevant nodes are kept and ``Page.notice`` says so.

    >>> from talentgraph.graph import EmbeddedStore
    >>> render_page(EmbeddedStore().to_networkx(), max_nodes=100).omitted_nodes
    0
    """
    for node_id in [*focus, *(n["id"] for p in paths for n in p["nodes"])]:
        if node_id not in graph:
            raise QueryError(f"no node with id {node_id!r} in the graph — resolve names to ids first (NameIndex.resolve)")
    sources = source_table(graph)
    view = drawable_graph(graph)
    if focus:
        view = focus_graph(view, list(focus), depth)
    if graph_filter is not None:
        view = filter_graph(view, graph_filter)
    path_nodes = list(dict.fromkeys(n["id"] for p in paths for n in p["nodes"]))
    omitted = 0
    if max_nodes is not None:
        view, omitted = limit_graph(view, max_nodes, [*focus, *path_nodes])
    if nx.is_frozen(view):
        view = view.copy()  # one copy is cheaper than many lookups through nested views
    notices = []
    if omitted:
        notices.append(f"Showing the {view.number_of_nodes():,} most relevant of {view.number_of_nodes() + omitted:,} "
                       f"nodes ({omitted:,} left out); narrow with --focus or filters, or raise --max-nodes.")
    missing = [n for n in path_nodes if n not in view]
    if missing:
        notices.append(f"{len(missing)} node(s) of the path are hidden by the filters.")
    path_edges = _path_edge_keys(paths)
    nodes, edges, page = _page_data(view, sources, path_nodes, path_edges)
    page["notice"] = " ".join(notices) or None
    physics = view.number_of_nodes() <= PHYSICS_MAX_NODES
    if not physics:
        positions = radial_layout(view)
        for node in nodes:
            node["x"], node["y"] = positions[node["id"]]
    html = _generate(nodes, edges, page, _vis_options(physics, view.number_of_nodes()), title)
    return Page(html, len(nodes), len(edges), omitted, page["notice"], [n for n in path_nodes if n in view])


def _path_edge_keys(paths: Sequence[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {(r["start"], r["end"], f"{r['type']}|{r.get('key', '')}") for p in paths for r in p["relationships"]}


def _page_data(view: nx.MultiDiGraph, sources: dict, path_nodes: list[str], path_edges: set) -> tuple[list, list, dict]:
    on_path = set(path_nodes)
    dim = bool(path_nodes)
    nodes, facts, details, parties = [], {}, {}, {}
    classes: set[str] = set()
    for node_id in sorted(view.nodes):
        attrs = view.nodes[node_id]
        degree = view.degree(node_id)
        node = {"id": node_id, "label": _short(attrs.get("name", node_id)), **node_style(attrs, degree)}
        classes.add(node_class(attrs))
        if dim and node_id not in on_path:
            node.update(color=DIMMED, opacity=0.35, font={"color": "#b0b0b0"})
        elif dim:
            node.update(borderWidth=4, opacity=1, font={"size": 16, "bold": True})
        nodes.append(node)
        details[node_id] = node_details(attrs, node_id)
        facts[node_id] = [attrs.get("label"), attrs.get("kind"), attrs.get("status"), _int(attrs.get("year")),
                          _int(attrs.get("founded")), attrs.get("country") or "", degree]
        if attrs.get("label") == "Deal":
            parties[node_id] = sorted(v for _, v, a in view.out_edges(node_id, data=True)
                                      if a.get("type") in ("TARGET", "ACQUIRER", "MOVED"))
    edges, edge_info, began = [], {}, {}
    rel_types, any_failed = set(), False
    ordered = sorted(view.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for i, (start, end, key, attrs) in enumerate(ordered):
        edge_id = f"e{i}"
        failed = view.nodes[start].get("status") in FAILED_STATUSES
        any_failed |= failed
        rel_types.add(attrs.get("type"))
        edge = {"id": edge_id, "from": start, "to": end, **edge_style(attrs.get("type", ""), failed)}
        if dim and (start, end, key) not in path_edges:
            edge.update(color={"color": DIMMED, "opacity": 0.35}, dashes=edge.get("dashes", False))
        elif dim:
            edge.update(width=5)
        edges.append(edge)
        edge_info[edge_id] = edge_details(attrs, view.nodes[start].get("name", start), view.nodes[end].get("name", end))
        began[edge_id] = max([v for v in (_int(attrs.get("from")), _int(attrs.get("year"))) if v is not None], default=None)
    page = {
        "details": details, "edgeDetails": edge_info, "facts": facts, "parties": parties, "edgeBegan": began,
        "sources": sources, "legend": legend(classes, rel_types, any_failed), "filters": _filter_choices(view, facts, began),
        "path": {"nodes": [n for n in path_nodes if n in view],
                 "edges": [e["id"] for e, (s, t, k, _) in zip(edges, ordered) if (s, t, k) in path_edges]},
    }
    return nodes, edges, page


def _filter_choices(view: nx.MultiDiGraph, facts: dict, began: dict) -> dict[str, Any]:
    deals = [f for f in facts.values() if f[0] == "Deal"]
    years = [y for f in facts.values() for y in (f[3], f[4]) if y is not None]
    years += [y for y in began.values() if y is not None]
    return {
        "kinds": sorted({f[1] for f in deals if f[1]}),
        "statuses": sorted({f[2] for f in deals if f[2]}),
        "countries": sorted({f[5] for f in facts.values() if f[0] != "Deal"}),
        "years": [min(years), max(years)] if years else None,
    }


def _vis_options(physics: bool, n: int) -> dict[str, Any]:
    return {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": physics},
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 110, "avoidOverlap": 0.6},
                    "stabilization": {"enabled": physics, "iterations": 600, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n > 1000,
                        "hideEdgesOnZoom": n > 1000, "navigationButtons": False},
        "nodes": {"font": {"size": 13, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "smooth": {"enabled": physics, "type": "continuous"}, "selectionWidth": 2},
    }


def _generate(nodes: list, edges: list, page: dict, options: dict, title: str) -> str:
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line", heading=title, height="100%", width="100%")
    net.nodes, net.edges = nodes, edges
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = dict(zip(net.node_ids, nodes))
    net.options = options
    nodes, edges, heading, _height, _width, _options_json = net.get_network_data()
    # Network.generate_html renders with a fixed set of variables; our template also
    # needs the page data, so it is rendered here with pyvis's network data.
    template = _environment().get_template("template.html")
    return template.render(nodes=nodes, edges=edges, heading=heading, bgcolor=net.bgcolor,
                           options_data=net.options, page=page)


@cache
def _environment():
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup

    here = resources.files("talentgraph.graph.page")
    env = Environment(loader=FileSystemLoader(str(here)), autoescape=True, keep_trailing_newline=True)
    env.globals.update(_assets())
    env.globals["page_js"] = Markup((here / "script.js").read_text(encoding="utf-8"))
    return env


def _assets() -> dict[str, Any]:
    from markupsafe import Markup

    lib = resources.files("pyvis") / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # a source map comment would make developer tools fetch a file that is not there
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)
    css = re.sub(r"/\*# sourceMappingURL=\S+ \*/", "", css)
    for name, text in (("vis-network.min.js", js), ("vis-network.css", css)):
        if "</script" in text.lower() or "</style" in text.lower():
            raise RuntimeError(f"pyvis's {name} contains a closing tag and cannot be inlined")
    return {"vis_js": Markup(js), "vis_css": Markup(css)}


def _short(name: str, limit: int = 40) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
