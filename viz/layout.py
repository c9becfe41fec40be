"""Seeded node positions, computed once in Python so the browser draws at once (no physics)
and the same data always gives the same picture."""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Mapping

import igraph as ig
import networkx as nx

__all__ = ["positions"]

SEED = 20240601
_SPACING = 70.0  # pixels of canvas per node, roughly: keeps labels of neighbours apart


def positions(
    G: nx.Graph, *, group: Mapping[Hashable, str] | None = None, seed: int = SEED
) -> dict[Hashable, tuple[float, float]]:
    """Fruchterman-Reingold positions (igraph, seeded), scaled to canvas pixels.

    ``group`` (node -> department, say) pulls members of the same group together: edges
    inside a group weigh three times more, so departments read as regions of the map.
    Nodes are laid out in sorted order and igraph's random generator is seeded and restored,
    so the result depends only on the graph and the seed.
    """
    nodes = sorted(G.nodes, key=str)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = sorted({tuple(sorted((index[u], index[v]))) for u, v in G.edges() if u != v})
    H = ig.Graph(n=n, edges=pairs, directed=False)
    weights = [
        3.0 if group is not None and group.get(nodes[a]) == group.get(nodes[b]) else 1.0 for a, b in pairs
    ]
    ig.set_random_number_generator(random.Random(seed))
    try:
        layout = H.layout_fruchterman_reingold(weights=weights or None, niter=500 if n < 3000 else 200)
    finally:
        ig.set_random_number_generator(random)
    coords = layout.coords
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    side = _SPACING * math.sqrt(n) * 1.6
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        node: (round((c[0] - cx) / span * side, 1), round((c[1] - cy) / span * side, 1))
        for node, c in zip(nodes, coords, strict=True)
    }
