"""Fast kernels for the heavy graph algorithms, with networkx as the reference.

networkx is the model and the API, but its betweenness and Louvain are 20-70x slower than
igraph's at 100k units. When python-igraph is importable these functions convert the graph
once and run igraph's C implementation; otherwise they fall back to networkx. Both paths
return plain ``dict[node, value]`` keyed by the networkx node ids, and the test suite checks
that they agree on small graphs.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence

import networkx as nx

try:  # optional fast path
    import igraph as ig
except ImportError:  # pragma: no cover - exercised only where igraph is missing
    ig = None

__all__ = ["HAVE_IGRAPH", "betweenness", "louvain", "louvain_indexed", "to_igraph"]

HAVE_IGRAPH = ig is not None


def to_igraph(G: nx.Graph, weight: str | None = None) -> tuple[ig.Graph, list[Hashable]]:
    """Convert ``G`` to igraph; returns the graph and the node list (igraph vertex i = nodes[i]).

    Nodes are taken in sorted order so results never depend on insertion order.
    """
    if ig is None:  # pragma: no cover
        raise RuntimeError("python-igraph is not installed")
    nodes = sorted(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in G.edges()]
    H = ig.Graph(n=len(nodes), edges=edges, directed=G.is_directed())
    if weight is not None:
        H.es["weight"] = [float(d.get(weight, 1.0)) for _, _, d in G.edges(data=True)]
    return H, nodes


def betweenness(
    G: nx.DiGraph,
    *,
    weight: str | None = None,
    k: int | None = None,
    seed: int = 0,
    normalized: bool = True,
    use_igraph: bool | None = None,
) -> dict[Hashable, float]:
    """Betweenness centrality, exact or estimated from ``k`` seeded source samples.

    ``weight`` names an edge attribute read as a *distance* (longer = less likely to be on a
    shortest path). The sampled estimate follows networkx's definition: Brandes from ``k``
    random sources, scaled by ``n / k``, so both kernels give the same figure for the same seed.
    """
    n = G.number_of_nodes()
    if n < 3:
        return dict.fromkeys(G.nodes, 0.0)
    fast = HAVE_IGRAPH if use_igraph is None else use_igraph
    sampled = k is not None and k < n
    if not fast or (sampled and not G.is_directed()):
        return nx.betweenness_centrality(G, k=k, weight=weight, normalized=normalized, seed=seed)
    H, nodes = to_igraph(G, weight)
    w = "weight" if weight is not None else None
    if not sampled:
        raw = H.betweenness(directed=G.is_directed(), weights=w)
        scale = 1.0 / ((n - 1) * (n - 2)) if normalized else 1.0
        if normalized and not G.is_directed():
            scale *= 2.0  # igraph counts unordered pairs, networkx normalises over ordered ones
        return {node: raw[i] * scale for i, node in enumerate(nodes)}
    assert k is not None
    sources = _sample_sources(G, nodes, k, seed)
    raw = H.betweenness(directed=True, weights=w, sources=sources)
    # networkx >= 3.5 rescales sampled sources and the other nodes differently (a source is never
    # an interior point of its own paths); mirror it so both kernels give the same figure.
    in_sample = set(sources)
    pairs = (n - 2) if normalized else 1.0 / (n - 1)
    k_src = max(k - 1, 1)
    return {
        node: raw[i] / ((k_src if i in in_sample else k) * pairs) for i, node in enumerate(nodes)
    }


def _sample_sources(G: nx.Graph, nodes: list[Hashable], k: int, seed: int) -> list[int]:
    # networkx draws the sample with random.Random(seed).sample(list(G), k): match it exactly.
    index = {node: i for i, node in enumerate(nodes)}
    return [index[s] for s in random.Random(seed).sample(list(G), k)]


def louvain(
    G: nx.Graph, *, weight: str | None = "weight", seed: int = 0, resolution: float = 1.0
) -> dict[Hashable, int]:
    """Louvain communities on the undirected view; community ids are ranked by size, then by smallest member.

    igraph's multilevel Louvain is seeded through igraph's own RNG; networkx's through ``seed``.
    The two implementations visit nodes in different orders, so on graphs with near-ties they
    may settle on different but equally good partitions; compare them by modularity.
    """
    U = G.to_undirected(as_view=False) if G.is_directed() else G
    if U.number_of_nodes() == 0:
        return {}
    if HAVE_IGRAPH:
        H, nodes = to_igraph(U, weight)
        ig.set_random_number_generator(random.Random(seed))
        try:
            parts = H.community_multilevel(
                weights="weight" if weight else None, resolution=resolution
            )
        finally:
            ig.set_random_number_generator(random)
        groups = [[nodes[i] for i in part] for part in parts]
    else:
        groups = [list(c) for c in nx.community.louvain_communities(U, weight=weight, seed=seed, resolution=resolution)]
    groups = [sorted(g) for g in groups if g]
    groups.sort(key=lambda g: (-len(g), g[0]))
    return {node: cid for cid, members in enumerate(groups) for node in members}


def louvain_indexed(
    n: int,
    edges: Sequence[tuple[int, int]],
    weights: Sequence[float],
    *,
    seed: int = 0,
    resolution: float = 1.0,
) -> list[int]:
    """Louvain on vertices ``0..n-1`` given as index pairs; returns each vertex's community.

    The same algorithm and seeding as :func:`louvain`, for callers that already hold the graph
    as arrays (the silo analysis at 100k units): no networkx copy and no re-sorting. Edges are
    read as undirected and parallel edges (u -> v and v -> u) are merged with their weights
    **added**. Community ids are ranked by size, then by smallest member.
    """
    if n == 0:
        return []
    if HAVE_IGRAPH:
        H = ig.Graph(n=n, edges=list(edges), directed=False)
        H.es["weight"] = [float(w) for w in weights]
        H.simplify(combine_edges="sum")
        ig.set_random_number_generator(random.Random(seed))
        try:
            parts = H.community_multilevel(weights="weight", resolution=resolution)
        finally:
            ig.set_random_number_generator(random)
        groups = [sorted(part) for part in parts if part]
    else:
        U = nx.Graph()
        U.add_nodes_from(range(n))
        for (u, v), w in zip(edges, weights, strict=True):
            if u != v:
                U.add_edge(u, v, weight=U.get_edge_data(u, v, {"weight": 0.0})["weight"] + float(w))
        groups = [sorted(c) for c in nx.community.louvain_communities(U, seed=seed, resolution=resolution)]
    groups.sort(key=lambda g: (-len(g), g[0]))
    membership = [0] * n
    for cid, members in enumerate(groups):
        for v in members:
            membership[v] = cid
    return membership
