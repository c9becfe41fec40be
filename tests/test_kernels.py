"""The igraph kernels the analyses run must give networkx's answers on small graphs."""

from __future__ import annotations

import networkx as nx
import pytest

from orggraph.kernels import HAVE_IGRAPH, betweenness_split_indexed, communities_indexed

pytestmark = pytest.mark.skipif(not HAVE_IGRAPH, reason="python-igraph not installed")


def _graph(seed: int) -> tuple[nx.DiGraph, list[tuple[int, int]], list[float]]:
    """A random directed graph on 0..39 (nodes added in index order), its edges and their lengths."""
    R = nx.gnp_random_graph(40, 0.1, seed=seed, directed=True)
    G = nx.DiGraph()
    G.add_nodes_from(range(40))
    edges = sorted(R.edges)
    for i, (u, v) in enumerate(edges):
        G.add_edge(u, v, d=1 + i % 4)
    return G, edges, [float(1 + i % 4) for i in range(len(edges))]


def _betweenness(
    G: nx.DiGraph, edges: list[tuple[int, int]], distances: list[float] | None, **kw: int
) -> list[float]:
    return betweenness_split_indexed(
        G.number_of_nodes(), edges, [0] * G.number_of_nodes(), distances=distances, **kw
    ).normalised


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("weighted", [False, True])
def test_exact_betweenness_matches_networkx(seed: int, weighted: bool) -> None:
    G, edges, lengths = _graph(seed)
    fast = _betweenness(G, edges, lengths if weighted else None)
    ref = nx.betweenness_centrality(G, weight="d" if weighted else None)
    assert fast == pytest.approx([ref[v] for v in range(40)], abs=1e-12)


def test_sampled_betweenness_matches_networkx_for_the_same_seed() -> None:
    G, edges, _ = _graph(4)
    fast = _betweenness(G, edges, None, k=12, seed=7)
    ref = nx.betweenness_centrality(G, k=12, seed=7)
    assert fast == pytest.approx([ref[v] for v in range(40)], abs=1e-12)


def test_betweenness_of_a_path_is_known_by_hand() -> None:
    # a -> b -> c: b is on the one route between the others; normalised over (3-1)(3-2) pairs
    assert _betweenness(nx.DiGraph([(0, 1), (1, 2)]), [(0, 1), (1, 2)], None) == [0.0, 0.5, 0.0]


def _cliques() -> list[tuple[int, int]]:
    a, b = [0, 1, 2, 3], [4, 5, 6, 7]
    edges = [(u, v) for group in (a, b) for u in group for v in group if u < v]
    return [*edges, (0, 4)]


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_communities_find_two_cliques_joined_by_one_edge(method: str) -> None:
    edges = _cliques()
    parts = communities_indexed(8, edges, [1.0] * len(edges), method=method, seed=0)  # type: ignore[arg-type]
    assert len(set(parts)) == 2
    assert len({parts[v] for v in (0, 1, 2, 3)}) == 1
    assert parts[0] != parts[4]
    assert parts[0] == 0  # equal sizes: the community with the smallest member comes first
    assert communities_indexed(8, edges, [1.0] * len(edges), method=method, seed=0) == parts  # type: ignore[arg-type]


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_community_quality_matches_networkx_on_a_planted_partition(method: str) -> None:
    G = nx.planted_partition_graph(4, 10, 0.8, 0.02, seed=3)
    edges = sorted(G.edges)
    parts = communities_indexed(40, edges, [1.0] * len(edges), method=method, seed=1)  # type: ignore[arg-type]
    groups: dict[int, set[int]] = {}
    for node, cid in enumerate(parts):
        groups.setdefault(cid, set()).add(node)
    ref = nx.community.louvain_communities(G, seed=1)
    assert nx.community.modularity(G, groups.values()) == pytest.approx(
        nx.community.modularity(G, ref), abs=0.02
    )
