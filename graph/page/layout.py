"""Positions for large pages, computed in Python so the browser draws at once.

vis-network's physics needs many seconds to settle a few thousand nodes, and networkx's
``forceatlas2_layout`` needs numpy and costs O(n²) per iteration (minutes at 20,000
nodes). Both layouts here are linear:

- ``radial_layout``: each connected component becomes rings around its best-connected
  node (breadth-first depth = ring, each subtree gets an arc in proportion to its
  leaves), and components are packed in rows, largest first;
- ``cluster_layout`` (what large pages use): one cluster per top-level organization —
  every node joins the organization nearest to it (a multi-source breadth-first search
  from the organizations, best connected first) — each cluster laid out radially around
  its organization; the clusters follow an Archimedean spiral out from the biggest, in
  breadth-first order over the links between them, so linked clusters sit side by side
  and the relationships between them stay short. A single giant component then shows its
  companies as separate groups instead of one ring.

Same graph, same positions: ties break on node ids.

>>> g = nx.MultiDiGraph([("a", "b"), ("a", "c")])
>>> radial_layout(g)["a"]
(0, 0)
"""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["cluster_layout", "radial_layout"]

RING_GAP = 140.0  # pixels between rings
NODE_GAP = 34.0  # arc length per leaf on a ring
COMPONENT_GAP = 80.0


def radial_layout(graph: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Integer canvas positions for every node (integers keep the page byte-stable)."""
    undirected: dict[str, set[str]] = {n: set() for n in graph.nodes}
    for u, v in graph.edges():
        if u != v:
            undirected[u].add(v)
            undirected[v].add(u)
    components = _components(undirected)
    placed = [_place_component(undirected, comp) for comp in components]
    return _pack(placed)


def cluster_layout(graph: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Integer positions with one cluster per top-level organization (see the module docstring).

    >>> g = nx.MultiDiGraph([("p", "a"), ("q", "b"), ("a", "b")])
    >>> for n in "ab": g.nodes[n]["label"] = "Organization"
    >>> sorted(cluster_layout(g)) == ["a", "b", "p", "q"]
    True
    """
    undirected: dict[str, set[str]] = {n: set() for n in graph.nodes}
    has_parent = set()
    for u, v, rel_type in graph.edges(data="type"):
        if u != v:
            undirected[u].add(v)
            undirected[v].add(u)
        if rel_type == "PART_OF":
            has_parent.add(u)
    nodes = graph.nodes
    seeds = sorted(
        (n for n in graph.nodes if nodes[n].get("label") == "Organization" and n not in has_parent),
        key=lambda n: (-len(undirected[n]), n),
    )
    home: dict[str, str] = {s: s for s in seeds}
    frontier = list(seeds)
    while frontier:  # breadth-first from every seed at once: a node joins the first seed to reach it
        nxt: list[str] = []
        for node in frontier:
            for other in sorted(undirected[node]):
                if other not in home:
                    home[other] = home[node]
                    nxt.append(other)
        frontier = nxt
    clusters: dict[str, list[str]] = {}
    for node in home:
        clusters.setdefault(home[node], []).append(node)
    # nodes no organization reaches keep their own components
    rest = {n: {m for m in adj if m not in home} for n, adj in undirected.items() if n not in home}
    groups = [(seed, members) for seed, members in clusters.items()]
    groups += [(min(c, key=lambda n: (-len(rest[n]), n)), c) for c in _components(rest)]
    groups.sort(key=lambda g: (-len(g[1]), g[0]))
    placed = {}
    for root, members in groups:
        inside = set(members)
        adj = {n: undirected[n] & inside for n in members}
        placed[root] = _place_component(adj, members, root)
    owner = {n: root for root, members in groups for n in members}
    return _spiral(placed, _cluster_order(groups, owner, undirected))


def _cluster_order(
    groups: list[tuple[str, list[str]]], owner: dict[str, str], undirected: dict[str, set[str]]
) -> list[str]:
    """Clusters breadth-first over the links between them, the biggest first, the most linked
    neighbours next: along the spiral, linked clusters end up side by side."""
    links: dict[str, dict[str, int]] = {root: {} for root, _ in groups}
    for node, others in undirected.items():
        a = owner[node]
        for other in others:
            b = owner[other]
            if a != b:
                links[a][b] = links[a].get(b, 0) + 1
    order: list[str] = []
    seen: set[str] = set()
    for start, _ in groups:
        if start in seen:
            continue
        seen.add(start)
        queue = [start]
        for root in queue:  # grows while it is walked
            order.append(root)
            for nxt in sorted(links[root], key=lambda c: (-links[root][c], c)):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
    return order


def _spiral(
    placed: dict[str, tuple[float, dict[str, tuple[float, float]]]], order: list[str]
) -> dict[str, tuple[int, int]]:
    """Clusters along an Archimedean spiral in ``order``, each touching the one before."""
    out: dict[str, tuple[int, int]] = {}
    sizes = sorted(r for r, _ in placed.values())
    turn_gap = 2 * sizes[len(sizes) // 2] + COMPONENT_GAP if sizes else 0.0  # a median cluster between turns
    theta, prev = 0.0, 0.0
    first = True
    for root in order:
        r, pos = placed[root]
        if first:
            cx = cy = 0.0
            theta = (r + COMPONENT_GAP) * 2 * math.pi / max(turn_gap, 1.0)
            first = False
        else:
            radius = turn_gap * theta / (2 * math.pi)
            theta += (prev + r + COMPONENT_GAP) / max(radius, 1.0)
            radius = turn_gap * theta / (2 * math.pi)
            cx, cy = radius * math.cos(theta), radius * math.sin(theta)
        prev = r
        for node, (px, py) in pos.items():
            out[node] = (round(cx + px), round(cy + py))
    return out


def _components(adj: dict[str, set[str]]) -> list[list[str]]:
    seen: set[str] = set()
    comps = []
    for start in sorted(adj, key=lambda n: (-len(adj[n]), n)):
        if start in seen:
            continue
        seen.add(start)
        comp, stack = [], [start]
        while stack:
            node = stack.pop()
            comp.append(node)
            for nxt in adj[node]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        comps.append(comp)
    comps.sort(key=lambda c: (-len(c), min(c)))
    return comps


def _place_component(
    adj: dict[str, set[str]], comp: list[str], root: str | None = None
) -> tuple[float, dict[str, tuple[float, float]]]:
    if root is None:
        root = min(comp, key=lambda n: (-len(adj[n]), n))
    children: dict[str, list[str]] = {root: []}
    depth = {root: 0}
    order = [root]
    for node in order:  # breadth-first; `order` grows while we walk it
        for nxt in sorted(adj[node]):
            if nxt not in depth:
                depth[nxt] = depth[node] + 1
                children[node].append(nxt)
                children[nxt] = []
                order.append(nxt)
    leaves: dict[str, int] = {}
    for node in reversed(order):
        leaves[node] = sum(leaves[c] for c in children[node]) or 1
    per_ring: dict[int, int] = {}
    for node in order:
        per_ring[depth[node]] = per_ring.get(depth[node], 0) + 1
    radius = [0.0]
    for d in range(1, max(per_ring) + 1):
        # a ring must be long enough for its nodes and for all leaves below it
        radius.append(
            max(
                radius[-1] + RING_GAP,
                per_ring[d] * NODE_GAP / (2 * math.pi),
                leaves[root] * NODE_GAP / (2 * math.pi) * d / max(per_ring),
            )
        )
    pos = {root: (0.0, 0.0)}
    arcs = {root: (0.0, 2 * math.pi)}
    for node in order:
        start, span = arcs[node]
        for child in children[node]:
            share = span * leaves[child] / leaves[node]
            mid = start + share / 2
            r = radius[depth[child]]
            pos[child] = (r * math.cos(mid), r * math.sin(mid))
            arcs[child] = (start, share)
            start += share
    return radius[-1], pos


def _pack(placed: list[tuple[float, dict[str, tuple[float, float]]]]) -> dict[str, tuple[int, int]]:
    area = sum((2 * r + COMPONENT_GAP) ** 2 for r, _ in placed)
    row_width = max(math.sqrt(area), 2 * placed[0][0] + COMPONENT_GAP) if placed else 0.0
    out: dict[str, tuple[int, int]] = {}
    x = y = row_height = 0.0
    for r, pos in placed:
        size = 2 * r + COMPONENT_GAP
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + size / 2, y + size / 2
        for node, (px, py) in pos.items():
            out[node] = (round(cx + px), round(cy + py))
        x += size
        row_height = max(row_height, size)
    if out:
        # centre the drawing on the biggest component, where the view opens
        ox, oy = out[next(iter(placed[0][1]))]
        out = {n: (px - ox, py - oy) for n, (px, py) in out.items()}
    return out
