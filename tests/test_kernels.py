"""The igraph kernels must give the same answers as networkx on small graphs."""

from __future__ import annotations

import networkx as nx
import pytest

from orggraph.kernels import HAVE_IGRAPH, betweenness, louvain

pytestmark = pytest.mark.skipif(not HAVE_IGRAPH, reason="python-igraph not installed")


def _graph(seed: int) -> nx.DiGraph:
    G = nx.gnp_random_graph(40, 0.1, seed=seed, directed=True)
    for i, (u, v) in enumerate(sorted(G.edges)):
        G.edges[u, v]["d"] = 1 + i % 4
    return nx.relabel_nodes(G, {n: f"u{n:02d}" for n in G})


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("weight", [None, "d"])
@pytest.mark.parametrize("normalized", [True, False])
def test_exact_betweenness_matches_networkx(seed: int, weight: str | None, normalized: bool) -> None:
    G = _graph(seed)
    fast = betweenness(G, weight=weight, normalized=normalized, use_igraph=True)
    ref = betweenness(G, weight=weight, normalized=normalized, use_igraph=False)
    assert fast == pytest.approx(ref, abs=1e-12)


@pytest.mark.parametrize("normalized", [True, False])
def test_sampled_betweenness_matches_networkx_for_the_same_seed(normalized: bool) -> None:
    G = _graph(4)
    fast = betweenness(G, k=12, seed=7, normalized=normalized, use_igraph=True)
    ref = betweenness(G, k=12, seed=7, normalized=normalized, use_igraph=False)
    assert fast == pytest.approx(ref, abs=1e-12)


def test_betweenness_of_a_path_is_known_by_hand() -> None:
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    assert betweenness(G, normalized=False) == {"a": 0.0, "b": 1.0, "c": 0.0}


def test_louvain_finds_two_cliques_joined_by_one_edge() -> None:
    G = nx.Graph()
    G.add_edges_from(nx.complete_graph(["a1", "a2", "a3", "a4"]).edges)
    G.add_edges_from(nx.complete_graph(["b1", "b2", "b3", "b4"]).edges)
    G.add_edge("a1", "b1")
    parts = louvain(G, weight=None, seed=0)
    assert len(set(parts.values())) == 2
    assert len({parts[n] for n in ("a1", "a2", "a3", "a4")}) == 1
    assert parts["a1"] != parts["b1"]
    assert parts["a1"] == 0  # equal sizes: the community with the smallest member comes first
    assert louvain(G, weight=None, seed=0) == parts


def test_louvain_quality_matches_networkx_on_a_planted_partition() -> None:
    G = nx.planted_partition_graph(4, 10, 0.8, 0.02, seed=3)
    fast = louvain(G, weight=None, seed=1)
    ref = nx.community.louvain_communities(G, seed=1)
    groups: dict[int, set[int]] = {}
    for node, cid in fast.items():
        groups.setdefault(cid, set()).add(node)
    assert nx.community.modularity(G, groups.values()) == pytest.approx(
        nx.community.modularity(G, ref), abs=0.02
    )
