"""Seeded node positions, computed once in Python so the browser draws at once (no physics)
and the same data always gives the same picture.

With groups (departments), the layout is two-level so each department reads as a region:
the departments are placed by how much they depend on each other, each as a disc sized for
its members; overlapping discs are pushed apart; then each department's members are laid
out inside its disc by their own dependencies.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Hashable, Mapping

import igraph as ig
import networkx as nx
import numpy as np

__all__ = ["positions"]

SEED = 20240601
_SPACING = 75.0  # canvas pixels per node, roughly: keeps the labels of neighbours apart
_MAX_REGIONS = 300  # above this many groups, one global layout (region packing is quadratic)

Point = tuple[float, float]


def positions(
    G: nx.Graph, *, group: Mapping[Hashable, str] | None = None, seed: int = SEED, spacing: float = _SPACING
) -> dict[Hashable, Point]:
    """Positions in canvas pixels for every node of ``G``, by a seeded Fruchterman-Reingold.

    ``group`` (node -> department) gives the two-level layout described in the module
    docstring; ``spacing`` is roughly the canvas pixels each node gets (bigger nodes and
    labels need more). The result depends only on the graph, the groups and the seed.
    """
    nodes = sorted(G.nodes, key=str)
    if not nodes:
        return {}
    groups = [group.get(n, "") if group else "" for n in nodes]
    distinct = sorted(set(groups))
    if len(distinct) < 2 or len(distinct) > _MAX_REGIONS:
        coords = _pull_in(np.array(_fr(G, nodes, seed))).tolist()
        return _scaled(nodes, coords, spacing * math.sqrt(len(nodes)) * 1.6)

    members: dict[str, list[Hashable]] = {g: [] for g in distinct}
    for node, g in zip(nodes, groups, strict=True):
        members[g].append(node)
    radius = {g: spacing * (0.6 * math.sqrt(len(ms)) + 0.3) for g, ms in members.items()}

    # departments placed by their mutual dependencies, then pushed apart until no disc overlaps
    index = {g: i for i, g in enumerate(distinct)}
    ties: Counter[tuple[int, int]] = Counter()
    for u, v in G.edges():
        a, b = index[group.get(u, "")], index[group.get(v, "")]  # type: ignore[union-attr]
        if a != b:
            ties[(min(a, b), max(a, b))] += 1
    Q = nx.Graph()
    Q.add_nodes_from(range(len(distinct)))
    Q.add_weighted_edges_from((a, b, float(w)) for (a, b), w in ties.items())
    centre = _pull_in(np.array(_fr(Q, list(range(len(distinct))), seed, weight="weight")))
    r = np.array([radius[g] for g in distinct])
    centre = _separate(centre * r.sum(), r + spacing * 1.6)

    out: dict[Hashable, Point] = {}
    for g in distinct:
        ms = members[g]
        local = _scaled(ms, _fr(G.subgraph(ms), ms, seed), 2 * radius[g])
        cx, cy = centre[index[g]]
        for node in ms:
            x, y = local[node]
            out[node] = (round(cx + x, 1), round(cy + y, 1))
    return out


def _fr(G: nx.Graph, nodes: list[Hashable], seed: int, weight: str | None = None) -> list[list[float]]:
    """igraph's Fruchterman-Reingold on ``nodes`` (in that order), seeded and restored."""
    n = len(nodes)
    if n == 1:
        return [[0.0, 0.0]]
    index = {node: i for i, node in enumerate(nodes)}
    pairs: dict[tuple[int, int], float] = {}
    for u, v, w in G.edges(data=weight, default=1.0):
        if u != v:
            key = (min(index[u], index[v]), max(index[u], index[v]))
            pairs[key] = pairs.get(key, 0.0) + float(w)
    edges = sorted(pairs)
    H = ig.Graph(n=n, edges=edges, directed=False)
    weights = [pairs[e] for e in edges] if weight else None
    ig.set_random_number_generator(random.Random(seed))
    try:
        layout = H.layout_fruchterman_reingold(weights=weights or None, niter=500 if n < 3000 else 200)
    finally:
        ig.set_random_number_generator(random)
    return [list(c) for c in layout.coords]


def _scaled(nodes: list[Hashable], coords: list[list[float]], side: float) -> dict[Hashable, Point]:
    """Centre the layout and scale its larger extent to ``side`` pixels."""
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        node: (round((c[0] - cx) / span * side, 1), round((c[1] - cy) / span * side, 1))
        for node, c in zip(nodes, coords, strict=True)
    }


def _pull_in(p: np.ndarray) -> np.ndarray:
    """Bring far outliers (a department with one weak tie) to at most 1.5x the median distance
    from the middle, so one isolated department does not shrink the whole picture."""
    p = p - p.mean(axis=0)
    dist = np.sqrt((p**2).sum(axis=1))
    cap = 1.5 * float(np.median(dist))
    if cap <= 0:
        return p
    far = dist > cap
    p[far] = p[far] / dist[far, None] * cap
    return p


def _separate(centre: np.ndarray, r: np.ndarray, rounds: int = 300) -> np.ndarray:
    """Push overlapping discs apart (and pull the picture together) until none overlap."""
    p = centre - centre.mean(axis=0)
    span = max(float(np.ptp(p, axis=0).max()), 1.0)
    p = p / span * float(r.sum())  # start spread out, then shrink towards the centre
    need = r[:, None] + r[None, :]
    np.fill_diagonal(need, 0.0)
    for _ in range(rounds):
        push = _overlap_push(p, need)
        if push is None:
            p = p * 0.97  # nothing overlaps: tighten the picture a little
            continue
        w, d = push
        p = p + (w[:, :, None] * d).sum(axis=1)
    # the last rounds may have tightened into an overlap: finish with pushes only
    for _ in range(rounds):
        push = _overlap_push(p, need)
        if push is None:
            break
        w, d = push
        p = p + ((w * 1.05)[:, :, None] * d).sum(axis=1)
    return p


def _overlap_push(p: np.ndarray, need: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Half of each pair's overlap per unit of distance, and the pairs' offsets; ``None`` when no
    two discs overlap."""
    d = p[:, None, :] - p[None, :, :]
    dist = np.sqrt((d**2).sum(axis=2))
    np.fill_diagonal(dist, np.inf)
    overlap = np.clip(need - dist, 0.0, None)
    if not overlap.any():
        return None
    safe = np.where(np.isfinite(dist) & (dist > 1e-9), dist, 1.0)
    return overlap / safe / 2, d
