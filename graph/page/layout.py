"""Positions for large pages, computed in Python so the browser draws at once.

vis-network's physics needs many seconds to settle a few thousand nodes, and networkx's
force layouts need numpy and are quadratic in memory. This radial layout is linear:
each connected component becomes rings around its best-connected node (breadth-first
depth = ring, each subtree gets an arc in proportion to its leaves), and components are
packed in rows, largest first. Same graph, same positions: ties break on node ids.

>>> g = nx.MultiDiGraph([("a", "b"), ("a", "c")])
>>> radial_layout(g)["a"]
(0, 0)
"""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["radial_layout"]

RING_GAP = 140.0  # pixels between rings
NODE_GAP = 34.0  # arc length per leaf on a ring
COMPONENT_GAP = 80.0


def radial_layout(graph: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Integer canvas positions for every node (integers keep the page byte-stable)."""
    undirected = {n: set() for n in graph.nodes}
    for u, v in graph.edges():
        if u != v:
            undirected[u].add(v)
            undirected[v].add(u)
    components = _components(undirected)
    placed = [_place_component(undirected, comp) for comp in components]
    return _pack(placed)


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


def _place_component(adj: dict[str, set[str]], comp: list[str]) -> tuple[float, dict[str, tuple[float, float]]]:
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
    leaves = {}
    for node in reversed(order):
        leaves[node] = sum(leaves[c] for c in children[node]) or 1
    per_ring: dict[int, int] = {}
    for node in order:
        per_ring[depth[node]] = per_ring.get(depth[node], 0) + 1
    radius = [0.0]
    for d in range(1, max(per_ring) + 1):
        # a ring must be long enough for its nodes and for all leaves below it
        radius.append(max(radius[-1] + RING_GAP, per_ring[d] * NODE_GAP / (2 * math.pi),
                          leaves[root] * NODE_GAP / (2 * math.pi) * d / max(per_ring)))
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
