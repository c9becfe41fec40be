"""The igraph kernels the analyses run must give networkx's answers on small graphs."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from orggraph import kernels
from orggraph.kernels import (
    HAVE_IGRAPH,
    betweenness_split_indexed,
    biconnected_indexed,
    communities_indexed,
    dominators_indexed,
)

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


def _labelled(
    seed: int, lengths: str, simple: bool = False
) -> tuple[list[tuple[int, int]], list[int], list[float] | None]:
    """Edges of a random directed graph on 0..59 in shuffled order, with loops and repeated edges
    unless ``simple``, labels in 0..3, and edge lengths: none, small integers (many ties) or
    decimals that tie only within igraph's tolerance (0.1 + 0.2 against 0.3)."""
    rng = random.Random(seed)
    R = nx.gnp_random_graph(60, 0.06, seed=seed, directed=True)
    edges = list(R.edges) if simple else [*R.edges, *((u, u) for u in range(0, 60, 11)), *list(R.edges)[::7]]
    rng.shuffle(edges)
    labels = [rng.randrange(4) for _ in range(60)]
    if lengths == "none":
        return edges, labels, None
    values = [1.0, 2.0, 3.0] if lengths == "integer" else [0.1, 0.2, 0.3, 0.7]
    return edges, labels, [rng.choice(values) for _ in edges]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("lengths", ["none", "integer", "decimal"])
def test_compiled_sampled_split_is_igraphs_to_the_last_bit(
    monkeypatch: pytest.MonkeyPatch, seed: int, lengths: str
) -> None:
    edges, labels, distances = _labelled(seed, lengths)
    ref = betweenness_split_indexed(60, edges, labels, distances=distances, k=25, seed=seed)
    monkeypatch.setattr(kernels, "COMPILED_FROM", 0)
    assert betweenness_split_indexed(60, edges, labels, distances=distances, k=25, seed=seed) == ref


@pytest.mark.parametrize("compiled", [False, True])
def test_sampled_split_counts_what_networkx_counts(monkeypatch: pytest.MonkeyPatch, compiled: bool) -> None:
    edges, labels, distances = _labelled(7, "integer", simple=True)  # networkx keeps one edge per pair
    if compiled:
        monkeypatch.setattr(kernels, "COMPILED_FROM", 0)
    fast = betweenness_split_indexed(60, edges, labels, distances=distances, k=25, seed=3)
    sources = kernels.sample_sources(60, 25, 3)
    ref = kernels._split_networkx(60, edges, labels, distances, sources)
    assert fast.normalised == pytest.approx(ref.normalised, abs=1e-12)
    assert fast.cross == pytest.approx(ref.cross, abs=1e-12)
    assert (fast.pairs_from, fast.pairs_to) == (ref.pairs_from, ref.pairs_to)


def test_compiled_split_refuses_lengths_that_are_not_positive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kernels, "COMPILED_FROM", 0)
    with pytest.raises(ValueError, match="positive"):
        betweenness_split_indexed(4, [(0, 1), (1, 2), (2, 3)], [0, 0, 1, 1], distances=[1.0, 0.0, 1.0], k=2)


@pytest.mark.parametrize("seed", range(6))
def test_blocks_and_dominators_match_networkx(seed: int) -> None:
    # sparse, so that there are many blocks, with loops, antiparallel and repeated edges
    R = nx.gnp_random_graph(45, 0.03, seed=seed, directed=True)
    edges = [*R.edges, *((v, u) for u, v in list(R.edges)[::3]), *list(R.edges)[::4], (5, 5)]
    random.Random(seed).shuffle(edges)
    U = nx.Graph()
    U.add_nodes_from(range(45))
    U.add_edges_from((u, v) for u, v in edges if u != v)
    blocks, points = biconnected_indexed(45, edges)
    assert sorted(blocks) == sorted(sorted(b) for b in nx.biconnected_components(U))
    assert points == sorted(nx.articulation_points(U))
    D = nx.DiGraph(edges)
    D.add_nodes_from(range(45))
    ref = nx.immediate_dominators(D, seed)
    expected = [ref[v] if v in ref and v != seed else -1 for v in range(45)]
    assert dominators_indexed(45, edges, seed) == expected


def test_blocks_of_a_graph_without_edges_are_none() -> None:
    assert biconnected_indexed(3, []) == ([], [])
    assert dominators_indexed(3, [], 0) == [-1, -1, -1]
