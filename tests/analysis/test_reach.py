"""The exact dependent counts behind reach, in both kernels (Python for small graphs, compiled for
large ones), against networkx's ancestors on random graphs with loops, groups and labels."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from orggraph.analysis._reach import count_dependents


def random_case(seed: int) -> tuple[list[list[int]], list[bool], list[tuple[list[int], int]], list[int]]:
    """A random dependency graph (loops included), front line, groups and labels."""
    rng = random.Random(seed)
    n = rng.choice([1, 2, 5, 30, 70, 300])  # up to several 64-bit words per set
    degree = rng.choice([1, 2, 4])
    succ = [sorted({rng.randrange(n) for _ in range(rng.randint(0, degree))} - {u}) for u in range(n)]
    front = [rng.random() < 0.3 for _ in range(n)]
    groups = [(sorted(rng.sample(range(n), min(n, rng.randint(1, 4)))), rng.randrange(n)) for _ in range(5)]
    labels = [rng.randrange(3) for _ in range(n)]
    return succ, front, groups, labels


@pytest.mark.parametrize("engine", ["python", "compiled"])
@pytest.mark.parametrize("seed", range(30))
def test_counts_are_networkx_ancestors(seed: int, engine: str) -> None:
    succ, front, groups, labels = random_case(seed)
    G = nx.DiGraph()
    G.add_nodes_from(range(len(succ)))
    G.add_edges_from((u, v) for u, vs in enumerate(succ) for v in vs)
    reach = count_dependents(succ, front, groups, labels, engine=engine)  # type: ignore[arg-type]
    for u in G:
        ancestors = nx.ancestors(G, u)
        assert reach.dependents[u] == len(ancestors)
        assert reach.front_line[u] == sum(front[a] for a in ancestors)
        assert reach.other_label[u] == sum(labels[a] != labels[u] for a in ancestors)
    for g, (consumers, excluded) in enumerate(groups):
        found = set(consumers).union(*(nx.ancestors(G, c) for c in consumers)) - {excluded}
        assert reach.group_dependents[g] == len(found)
        assert reach.group_front_line[g] == sum(front[a] for a in found)


@pytest.mark.parametrize("seed", range(10))
def test_both_kernels_agree_on_larger_graphs(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(500, 3000)
    succ = [sorted({rng.randrange(n) for _ in range(rng.randint(0, 3))} - {u}) for u in range(n)]
    front = [rng.random() < 0.1 for _ in range(n)]
    groups = [(sorted(rng.sample(range(n), rng.randint(1, 20))), rng.randrange(n)) for _ in range(50)]
    labels = [rng.randrange(7) for _ in range(n)]
    python = count_dependents(succ, front, groups, labels, engine="python")
    assert count_dependents(succ, front, groups, labels, engine="compiled") == python
    assert count_dependents(succ, front, groups, engine="compiled") == count_dependents(
        succ, front, groups, engine="python"
    )


@pytest.mark.parametrize("engine", ["python", "compiled"])
def test_no_labels_no_other_label_counts_and_an_empty_group_counts_nobody(engine: str) -> None:
    reach = count_dependents([[1], []], [True, False], [([], 1), ([0], 1)], engine=engine)  # type: ignore[arg-type]
    assert (reach.dependents, reach.front_line, reach.other_label) == ([0, 1], [0, 1], [])
    assert (reach.group_dependents, reach.group_front_line) == ([0, 1], [0, 1])
