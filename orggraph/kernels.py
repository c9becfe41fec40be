"""Fast kernels for the heavy graph algorithms, with networkx as the reference.

networkx is the model and the API, but its betweenness and Louvain are 20-70x slower than
igraph's at 100k units. The analyses hand these kernels their graph as vertices ``0..n-1`` and
index pairs; when python-igraph is importable they run igraph's C implementation, otherwise
networkx's. The test suite checks that the figures are networkx's on small graphs. The sampled
split betweenness of large graphs runs compiled instead (:mod:`orggraph._kernels_jit`), with
igraph's arithmetic: the tests check it gives igraph's figures to the last bit.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import networkx as nx
import numpy as np

try:  # optional fast path
    import igraph as ig
except ImportError:  # pragma: no cover - exercised only where igraph is missing
    ig = None

__all__ = [
    "COMPILED_FROM",
    "HAVE_IGRAPH",
    "SplitBetweenness",
    "betweenness_split_indexed",
    "biconnected_indexed",
    "communities_indexed",
    "dominators_indexed",
    "sample_sources",
    "sorted_distinct",
    "use_compiled",
]

HAVE_IGRAPH = ig is not None

#: From this graph size (vertices + edges), the compiled kernels run (sampled
#: :func:`betweenness_split_indexed` here, the reach closure in :mod:`orggraph.analysis._reach`);
#: below, importing numba and loading its cached machine code would cost more than it saves. Size,
#: not people: a team-level graph of 100k people has 13k teams but 450k edges between them.
COMPILED_FROM = 200_000


def use_compiled(vertices: int, edges: int) -> bool:
    """Whether a graph is large enough for the compiled kernels (see :data:`COMPILED_FROM`)."""
    return vertices + edges >= COMPILED_FROM


def communities_indexed(
    n: int,
    edges: Sequence[tuple[int, int]],
    weights: Sequence[float],
    *,
    method: Literal["leiden", "louvain"] = "leiden",
    seed: int = 0,
    resolution: float = 1.0,
) -> list[int]:
    """Modularity communities of vertices ``0..n-1`` given as index pairs; returns each vertex's community.

    For callers that already hold the graph as arrays (the silo analysis at 100k units): no
    networkx copy and no re-sorting. Edges are read as undirected and parallel edges (u -> v and
    v -> u) are merged with their weights **added**. ``method="leiden"`` (igraph's Leiden on the
    modularity objective, 2 iterations) is the default: at 100k units it is about twice as fast as
    Louvain, finds higher modularity and never returns a disconnected community.
    ``"louvain"`` is igraph's multilevel, seeded the same way. Without igraph both fall
    back to networkx's Louvain. Community ids are ranked by size, then by smallest member.
    """
    if n == 0:
        return []
    if HAVE_IGRAPH:
        H = ig.Graph(n=n, edges=list(edges), directed=False)
        H.es["weight"] = [float(w) for w in weights]
        H.simplify(combine_edges="sum")
        ig.set_random_number_generator(random.Random(seed))
        try:
            if method == "leiden":
                parts = H.community_leiden(
                    objective_function="modularity", weights="weight", resolution=resolution
                )
            else:
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


# --- Index-space kernels for the bottleneck analysis (vertices 0..n-1, edges as index pairs) ---


@dataclass(frozen=True, slots=True)
class SplitBetweenness:
    """What :func:`betweenness_split_indexed` returns (lists indexed by vertex)."""

    normalised: list[float]
    """Normalised directed betweenness: the same figures as :func:`betweenness` on a graph whose
    nodes were added in index order (``distances`` read as edge lengths)."""
    cross: list[float]
    """Raw (unscaled) sum, over ordered pairs ``(s, t)`` with different labels and ``s`` among the
    sources, of the share of shortest ``s -> t`` routes through the vertex."""
    pairs_from: list[int] | None
    """Sampled only (else ``None``): per vertex, the pairs ``(s, t)`` above that start at it
    (``t`` reachable from ``s``, different label); 0 for vertices not sampled."""
    pairs_to: list[int] | None
    """Sampled only: per vertex, the pairs ``(s, t)`` above that end at it."""


def betweenness_split_indexed(
    n: int,
    edges: Sequence[tuple[int, int]],
    labels: Sequence[int],
    *,
    distances: Sequence[float] | None = None,
    k: int | None = None,
    seed: int = 0,
) -> SplitBetweenness:
    """Normalised directed betweenness of vertices ``0..n-1``, exact or from ``k`` seeded sources, and
    from the same sources the part between different labels.

    For callers that already hold the graph as arrays: no networkx copy at 100k units.

    Exact: the total, minus for each label the routes from its vertices to its own vertices.
    Sampled (``k`` sources, drawn as :func:`sample_sources`): from a graph size of
    :data:`COMPILED_FROM`, one compiled search per source (:mod:`orggraph._kernels_jit`) feeds both parts and
    counts the cross-label pairs that have a route: about 0.5 s for 256 sources at 100k units and
    a million edges, against 1.9 s for the igraph calls below, which need a subgraph and two calls
    per label. Under that size, where importing numba would cost more than it saves: for each
    label, one search from its sampled sources finds what they reach (every route from them stays
    inside it), and igraph's betweenness runs on that subgraph, to every target and to the label's
    own vertices. Both give the same figures to the last bit.
    """
    sources = sample_sources(n, k, seed)
    if n < 3:
        zero = [0] * n if sources is not None else None
        return SplitBetweenness([0.0] * n, [0.0] * n, zero, zero)
    if sources is not None and use_compiled(n, len(edges)):
        from orggraph._kernels_jit import split_betweenness_jit  # numba: large graphs only

        total, own, out, into = split_betweenness_jit(n, _index_pairs(edges), labels, distances, sources)
        return SplitBetweenness(
            _normalise(total.tolist(), n, sources),
            np.maximum(total - own, 0.0).tolist(),
            out.tolist(),
            into.tolist(),
        )
    if ig is None:  # pragma: no cover - exercised only where igraph is missing
        return _split_networkx(n, edges, labels, distances, sources)
    H = ig.Graph(n=n, edges=list(edges), directed=True)
    weights = None
    if distances is not None:  # an edge attribute: converted once, not on every call below
        H.es["d"] = [float(d) for d in distances]
        weights = "d"
    groups: dict[int, list[int]] = {}
    for v, lab in enumerate(labels):
        groups.setdefault(lab, []).append(v)
    if sources is None:
        raw = np.asarray(H.betweenness(directed=True, weights=weights))
        within = np.zeros(n)
        for members in groups.values():
            part = H.betweenness(directed=True, weights=weights, sources=members, targets=members)
            within += np.asarray(part)
        cross = np.maximum(raw - within, 0.0).tolist()
        return SplitBetweenness(_normalise(raw.tolist(), n, None), cross, None, None)
    lab = np.asarray(labels, dtype=np.int64)
    raw, within = np.zeros(n), np.zeros(n)
    pairs_from, pairs_to = [0] * n, np.zeros(n, dtype=np.int64)
    by_label: dict[int, list[int]] = {}
    for s in sources:
        by_label.setdefault(labels[s], []).append(s)
    for label, src in sorted(by_label.items()):
        found = [np.asarray(r, dtype=np.int64) for r in H.neighborhood(src, order=n, mode="out")]
        for s, r in zip(src, found, strict=True):
            other = r[lab[r] != label]
            pairs_from[s] = len(other)
            pairs_to += np.bincount(other, minlength=n)
        reached = np.unique(np.concatenate(found))
        sub = H.induced_subgraph(reached.tolist(), implementation="create_from_scratch")
        local = np.full(n, -1, dtype=np.int64)
        local[reached] = np.arange(len(reached))
        mine = local[src].tolist()
        raw[reached] += np.asarray(sub.betweenness(directed=True, weights=weights, sources=mine))
        own = local[np.asarray(groups[label], dtype=np.int64)]
        part = sub.betweenness(directed=True, weights=weights, sources=mine, targets=own[own >= 0].tolist())
        within[reached] += np.asarray(part)
    return SplitBetweenness(
        _normalise(raw.tolist(), n, sources),
        np.maximum(raw - within, 0.0).tolist(),
        pairs_from,
        pairs_to.tolist(),
    )


def sample_sources(n: int, k: int | None, seed: int) -> list[int] | None:
    """The ``k`` seeded source vertices of a betweenness estimate on ``0..n-1`` (``None``: exact).

    What networkx draws for nodes ``0..n-1``, so both kernels agree for the same seed.
    """
    return None if k is None or k >= n else random.Random(seed).sample(range(n), k)


def _normalise(raw: list[float], n: int, sources: list[int] | None) -> list[float]:
    """networkx's normalisation of directed betweenness, exact or from sampled ``sources``."""
    if sources is None:
        return [b / ((n - 1) * (n - 2)) for b in raw]
    return _rescale_sampled(raw, sources, n - 2)


def _rescale_sampled(raw: Sequence[float], sources: list[int], pairs: float) -> list[float]:
    """Betweenness from sampled ``sources`` scaled as networkx does, ``pairs`` its normalisation.

    networkx >= 3.5 rescales sampled sources and the other nodes differently (a source is never
    an interior point of its own paths); mirror it so both kernels give the same figure.
    """
    k = len(sources)
    in_sample = set(sources)
    k_src = max(k - 1, 1)
    return [b / ((k_src if i in in_sample else k) * pairs) for i, b in enumerate(raw)]


def _split_networkx(  # pragma: no cover - exercised only where igraph is missing
    n: int,
    edges: Sequence[tuple[int, int]],
    labels: Sequence[int],
    distances: Sequence[float] | None,
    sources: list[int] | None,
) -> SplitBetweenness:
    D = nx.DiGraph()
    D.add_nodes_from(range(n))
    w = None if distances is None else "d"
    if distances is None:
        D.add_edges_from(edges)
    else:
        D.add_weighted_edges_from(((u, v, d) for (u, v), d in zip(edges, distances, strict=True)), "d")
    chosen = list(range(n)) if sources is None else sources
    raw, cross = [0.0] * n, [0.0] * n
    pairs_from, pairs_to = [0] * n, [0] * n
    every = list(range(n))
    for s in chosen:
        others = [t for t in every if labels[t] != labels[s]]
        for v, x in nx.betweenness_centrality_subset(D, [s], every, normalized=False, weight=w).items():
            raw[v] += x
        for v, x in nx.betweenness_centrality_subset(D, [s], others, normalized=False, weight=w).items():
            cross[v] += x
        for t in nx.descendants(D, s):
            if labels[t] != labels[s]:
                pairs_from[s] += 1
                pairs_to[t] += 1
    sampled = sources is not None
    return SplitBetweenness(
        _normalise(raw, n, sources), cross, pairs_from if sampled else None, pairs_to if sampled else None
    )


def dominators_indexed(n: int, edges: Sequence[tuple[int, int]], root: int) -> list[int]:
    """Immediate dominator of each vertex seen from ``root`` along edge directions.

    ``-1`` for the root and for vertices the root cannot reach. igraph's Lengauer-Tarjan when
    available, else networkx's Cooper-Harvey-Kennedy.
    """
    if ig is not None:
        found = ig.Graph(n=n, edges=edges, directed=True).dominator(root, mode="out")
        # -1 for the root, NaN for what the root cannot reach: neither passes ``>= 0``
        idom = np.asarray(found, dtype=np.float64)
        return np.where(idom >= 0, idom, -1).astype(np.int64).tolist()
    idom = [-1] * n  # pragma: no cover - exercised only where igraph is missing
    D = nx.DiGraph()
    D.add_nodes_from(range(n))
    D.add_edges_from(edges)
    for v, d in nx.immediate_dominators(D, root).items():
        if v != root:
            idom[v] = d
    return idom


def biconnected_indexed(n: int, edges: Sequence[tuple[int, int]]) -> tuple[list[list[int]], list[int]]:
    """Biconnected blocks and articulation points of the undirected view of vertices ``0..n-1``.

    Blocks are sorted vertex lists (a bridge is a block of two); articulation points are the
    vertices whose removal disconnects their component, sorted.
    """
    if ig is not None:
        pairs = _index_pairs(edges)
        lo, hi = np.minimum(pairs[:, 0], pairs[:, 1]), np.maximum(pairs[:, 0], pairs[:, 1])
        # The simple undirected graph, its edges in the order igraph's simplify() leaves them.
        key = sorted_distinct((lo * n + hi)[lo != hi])
        lo, hi = key // n, key % n
        H = ig.Graph(n=n, edges=list(zip(lo.tolist(), hi.tolist(), strict=True)), directed=False)
        trees, points = ig.GraphBase.biconnected_components(H, True)
        # A block's vertices are the ends of the edges of its spanning tree (what igraph returns).
        sizes = [len(t) for t in trees]
        tree_edge = np.fromiter(itertools.chain.from_iterable(trees), dtype=np.int64, count=sum(sizes))
        block = np.repeat(np.arange(len(trees), dtype=np.int64), sizes) * n
        members = sorted_distinct(np.concatenate((block + lo[tree_edge], block + hi[tree_edge])))
        flat = (members % n).tolist()
        ends = np.cumsum(np.bincount(members // n, minlength=len(trees))).tolist()
        return [flat[a:b] for a, b in zip([0, *ends], ends, strict=False)], sorted(points)
    U = nx.Graph()  # pragma: no cover - exercised only where igraph is missing
    U.add_nodes_from(range(n))
    U.add_edges_from((u, v) for u, v in edges if u != v)
    return [sorted(b) for b in nx.biconnected_components(U)], sorted(nx.articulation_points(U))


def _index_pairs(edges: Sequence[tuple[int, int]]) -> np.ndarray:
    """Index pairs as an ``(m, 2)`` int64 array (faster than ``np.asarray`` on a list of tuples)."""
    flat = np.fromiter(itertools.chain.from_iterable(edges), dtype=np.int64, count=2 * len(edges))
    return flat.reshape(len(edges), 2)


def sorted_distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values: a sort and a comparison. numpy 2's ``np.unique`` hashes instead,
    which is tens of times slower on the wide integer codes the kernels and analyses build."""
    values = np.sort(values)
    keep = np.ones(len(values), dtype=np.bool_)
    keep[1:] = values[1:] != values[:-1]
    return values[keep]
