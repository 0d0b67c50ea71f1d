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

from ..errors import QueryError
from ..gc_pause import gc_paused
from ..money import format_money
from .details import edge_details, node_details, source_table
from .layout import cluster_layout
from .scope import DEFAULT_MAX_NODES, GraphFilter, degrees, drawable_graph, filter_graph, focus_graph, limit_graph
from .style import DIMMED, DRAWN_REVERSED, FAILED_STATUSES, edge_style, edge_text, legend, node_class, node_style
from .timeline import Timeline, timeline

__all__ = ["DEFAULT_MAX_NODES", "PHYSICS_MAX_NODES", "GraphFilter", "Page", "render_page"]

# Above this many nodes vis-network's physics takes too long to settle in a browser;
# positions are computed here instead and physics stays off.
PHYSICS_MAX_NODES = 300
LAYOUT_SEED = 7
ARROWS_MAX_NODES = 1000


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
        from ..atomic_files import write_text_atomic
        from ..errors import TalentGraphError

        folder = Path(path).resolve().parent
        if not folder.is_dir():
            raise TalentGraphError(
                f"cannot write {path}: the folder {folder} does not exist — create it or choose another file"
            )
        write_text_atomic(path, self.html)

    def __repr__(self) -> str:
        return (
            f"<Page {self.shown_nodes:,} nodes, {self.shown_edges:,} relationships, "
            f"{len(self.html) / 1e6:.1f} MB{f', {self.omitted_nodes:,} left out' if self.omitted_nodes else ''}>"
        )

    def _repr_html_(self) -> str:
        # an iframe keeps the page's own <html>, styles and script apart from Jupyter's;
        # it takes the cell's width, and the page's labels keep their size on screen
        return (
            f'<iframe title="talentgraph page" srcdoc="{html_lib.escape(self.html, quote=True)}" '
            'style="width:100%;height:640px;border:1px solid #ddd;box-sizing:border-box"></iframe>'
        )


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
            raise QueryError(
                f"no node with id {node_id!r} in the graph — resolve names to ids first (NameIndex.resolve)"
            )
    with gc_paused():  # tens of thousands of small dicts and lists, no cycles to collect
        return _render(graph, focus, depth, paths, graph_filter, max_nodes, title)


def _render(
    graph: nx.MultiDiGraph,
    focus: Sequence[str],
    depth: int,
    paths: Sequence[dict[str, Any]],
    graph_filter: GraphFilter | None,
    max_nodes: int | None,
    title: str,
) -> Page:
    sources = source_table(graph)
    view = drawable_graph(graph)
    years = timeline(view)
    if focus:
        view = focus_graph(view, list(focus), depth)
    if graph_filter is not None:
        view = filter_graph(view, graph_filter, years)
    path_nodes = list(dict.fromkeys(n["id"] for p in paths for n in p["nodes"]))
    omitted = 0
    if max_nodes is not None:
        view, omitted = limit_graph(view, max_nodes, [*focus, *path_nodes])
    notices = []
    if omitted:
        notices.append(
            f"Showing the {view.number_of_nodes():,} most relevant of {view.number_of_nodes() + omitted:,} "
            f"nodes ({omitted:,} left out); narrow with --focus or filters, or raise --max-nodes."
        )
    missing = [n for n in path_nodes if n not in view]
    if missing:
        notices.append(f"{len(missing)} node(s) of the path are hidden by the filters.")
    nodes, edges, page = _page_data(view, sources, years, paths)
    page["notice"] = " ".join(notices) or None
    page["title"] = title
    page["subtitle"] = _subtitle(sources, graph_filter, focus, graph, paths)
    physics = view.number_of_nodes() <= PHYSICS_MAX_NODES
    if not physics:
        positions = cluster_layout(view)
        for node in nodes:
            node["x"], node["y"] = positions[node["id"]]
    html = _generate(nodes, edges, page, _vis_options(physics, view.number_of_nodes()), title)
    return Page(html, len(nodes), len(edges), omitted, page["notice"], [n for n in path_nodes if n in view])


def _subtitle(
    sources: dict,
    flt: GraphFilter | None,
    focus: Sequence[str],
    graph: nx.MultiDiGraph,
    paths: Sequence[dict[str, Any]],
) -> str:
    names = [src.get("title") or src.get("name") or sid for sid, src in sources.items()]
    parts = [("Sources: " if len(names) > 1 else "Source: ") + "; ".join(names)] if names else []
    if flt is not None and flt.active:
        chosen = [*flt.kinds, *flt.statuses, *flt.countries]
        text = ", ".join(c.replace("_", " ") for c in chosen)
        if flt.from_year is not None or flt.to_year is not None:
            text += f" deals {flt.from_year or '…'}–{flt.to_year or '…'}"
        if flt.as_of is not None:
            text += f" as of {flt.as_of}"
        parts.append("filtered: " + text.strip(", "))
    if focus:
        parts.append("around " + ", ".join(str(graph.nodes[f].get("name", f)) for f in focus))
    if paths:
        ends = paths[0]["nodes"][0], paths[0]["nodes"][-1]
        parts.append(f"paths from {ends[0].get('name', ends[0]['id'])} to {ends[1].get('name', ends[1]['id'])}")
    return " · ".join(parts)


def _amount_text(attrs: dict[str, Any]) -> str:
    if attrs.get("label") != "Deal":
        return ""
    for key, currency in (("amount", attrs.get("currency")), ("amount_usd", "USD"), ("valuation_usd", "USD")):
        value = attrs.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            return format_money(value, currency) + (" valuation" if key == "valuation_usd" else "")
    return ""


def _page_data(
    view: nx.MultiDiGraph, sources: dict, years: Timeline, paths: Sequence[dict[str, Any]]
) -> tuple[list, list, dict]:
    path_nodes = list(dict.fromkeys(n["id"] for p in paths for n in p["nodes"] if n["id"] in view))
    on_path = set(path_nodes)
    dim = bool(path_nodes)
    nodes, facts, details, parties = [], {}, {}, {}
    classes: set[str] = set()
    order = sorted(view.nodes)
    node_attrs = dict(view.nodes(data=True))
    degree_of = degrees(view)
    # importance, the order labels are drawn in: the most connected first, larger deals first among equals
    by_importance = sorted(order, key=lambda n: (-degree_of[n], -(node_attrs[n].get("amount_usd") or 0), n))
    rank = {n: i for i, n in enumerate(by_importance)}
    for node_id in order:
        attrs = node_attrs[node_id]
        degree = degree_of[node_id]
        node = {"id": node_id, **node_style(attrs, degree)}
        cls = node_class(attrs)
        classes.add(cls)
        if dim and node_id not in on_path:
            node.update(color=DIMMED, opacity=0.35)
        elif dim:
            node.update(borderWidth=4, opacity=1)
        nodes.append(node)
        details[node_id] = node_details(attrs, node_id, years.nodes.get(node_id, (None, "undated")))
        facts[node_id] = [
            attrs.get("label"),
            attrs.get("kind"),
            attrs.get("status"),
            years.node_year(node_id),
            attrs.get("country") or "",
            degree,
            cls,
            _short(str(attrs.get("name", node_id))),
            _amount_text(attrs),
            rank[node_id],
        ]
        if attrs.get("label") == "Deal":
            parties[node_id] = sorted(
                v for _, v, a in view.out_edges(node_id, data=True) if a.get("type") in ("TARGET", "ACQUIRER", "MOVED")
            )
    path_keys = [{(r["start"], r["end"], f"{r['type']}|{r.get('key', '')}") for r in p["relationships"]} for p in paths]
    all_path_keys = set().union(*path_keys) if path_keys else set()
    edges, edge_info, edge_facts = [], {}, {}
    path_edge_ids: list[list[str]] = [[] for _ in paths]
    rel_types, any_failed = set(), False
    ordered = sorted(view.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for i, (start, end, key, attrs) in enumerate(ordered):
        edge_id = f"e{i}"
        rel_type = str(attrs.get("type", ""))
        failed = node_attrs[start].get("status") in FAILED_STATUSES
        any_failed |= failed
        rel_types.add(rel_type)
        drawn = (end, start) if rel_type in DRAWN_REVERSED else (start, end)
        edge = {"id": edge_id, "from": drawn[0], "to": drawn[1], **edge_style(rel_type, failed)}
        if dim and (start, end, key) not in all_path_keys:
            edge.update(color={"color": DIMMED, "opacity": 0.35}, dashes=edge.get("dashes", False))
        elif dim:
            edge.update(width=5)
        for keys, ids in zip(path_keys, path_edge_ids, strict=True):
            if (start, end, key) in keys:
                ids.append(edge_id)
        edges.append(edge)
        names = [node_attrs[n].get("name", n) for n in drawn]
        edge_info[edge_id] = edge_details(attrs, names[0], names[1])
        edge_info[edge_id]["type"] = edge_text(rel_type)
        edge_facts[edge_id] = [rel_type, years.edge_year((start, end, key)), start, end]
    page = {
        "details": details,
        "edgeDetails": edge_info,
        "facts": facts,
        "parties": parties,
        "edgeFacts": edge_facts,
        "sources": sources,
        "legend": legend(classes, rel_types, any_failed),
        "filters": _filter_choices(facts, edge_facts),
        "paths": [
            {"nodes": [n["id"] for n in p["nodes"]], "edges": ids}
            for p, ids in zip(paths, path_edge_ids, strict=True)
            if all(n["id"] in view for n in p["nodes"])
        ],
        "isolated": sum(1 for n in order if degree_of[n] == 0),
    }
    return nodes, edges, page


def _filter_choices(facts: dict, edge_facts: dict) -> dict[str, Any]:
    deals = [f for f in facts.values() if f[0] == "Deal"]
    years = [f[3] for f in facts.values() if f[3] is not None] + [f[1] for f in edge_facts.values() if f[1] is not None]
    return {
        "kinds": sorted({f[1] for f in deals if f[1]}),
        "statuses": sorted({f[2] for f in deals if f[2]}),
        "countries": sorted({f[4] for f in facts.values() if f[0] != "Deal"}),
        "years": [min(years), max(years)] if years else None,
        "undated": sum(1 for f in facts.values() if f[3] is None),
    }


def _vis_options(physics: bool, n: int) -> dict[str, Any]:
    return {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": physics},
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 110, "avoidOverlap": 0.6},
            "stabilization": {"enabled": physics, "iterations": 600, "fit": True},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": n > 1000,
            "hideEdgesOnZoom": n > 1000,
            "navigationButtons": False,
            "keyboard": False,
            "zoomView": True,
            "dragView": True,
            "multiselect": False,
        },
        # labels are drawn by script.js (by importance, never over another node); vis-network draws none
        "nodes": {"font": {"size": 0}},
        "edges": {
            # above ARROWS_MAX_NODES script.js draws the arrowheads itself (vis-network's cost seconds)
            "arrows": {"to": {"enabled": n <= ARROWS_MAX_NODES, "scaleFactor": 0.5}},
            "smooth": {"enabled": physics, "type": "continuous"},
            "selectionWidth": 2,
        },
    }


def _generate(nodes: list, edges: list, page: dict, options: dict, title: str) -> str:
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line", heading=title, height="100%", width="100%")
    net.nodes, net.edges = nodes, edges
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = dict(zip(net.node_ids, nodes, strict=True))
    net.options = options
    nodes, edges, heading, _height, _width, _options_json = net.get_network_data()
    # Network.generate_html renders with a fixed set of variables; our template also
    # needs the page data, so it is rendered here with pyvis's network data.
    template = _environment().get_template("template.html")
    return template.render(
        nodes=nodes, edges=edges, heading=heading, bgcolor=net.bgcolor, options_data=net.options, page=page
    )


@cache
def _environment():
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup

    here = resources.files("talentgraph.graph.page")
    env = Environment(loader=FileSystemLoader(str(here)), autoescape=True, keep_trailing_newline=True)
    env.globals.update(_assets())
    env.globals["page_js"] = Markup((here / "script.js").read_text(encoding="utf-8"))
    env.filters["tojson"] = _tojson
    return env


_UNSAFE_IN_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})
_NOT_ASCII = re.compile(r"[^\x00-\x7e]")


def _ascii_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # outside the BMP: a surrogate pair, as JSON writes it
    return f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}"


def _tojson(value: Any) -> Any:
    """Compact JSON that cannot close the script block: no ``<``, ``>``, ``&`` or ``'``
    survives, and the text is ASCII (``\\uXXXX`` escapes, as ``json.dumps`` writes them).

    orjson writes it (four times faster than the standard json, which was a fifth of the
    render time at 5,000 nodes) in the order our dicts are built in, without sorting keys;
    the escapes are the same as before, so the page bytes are too.

    >>> print(_tojson({"name": "</script> → 😀"}))
    {"name":"\\u003c/script\\u003e \\u2192 \\ud83d\\ude00"}
    """
    import orjson
    from markupsafe import Markup

    text = orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    return Markup(_NOT_ASCII.sub(_ascii_escape, text).translate(_UNSAFE_IN_SCRIPT))


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
