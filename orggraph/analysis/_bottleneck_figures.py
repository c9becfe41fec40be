"""Every bottleneck figure for every node of a view, as lists indexed like ``view.nodes``.

One method per factor (reach, failure, structure, brokerage, load), then :func:`rank_nodes`
combines them into the score and :meth:`Figures.entries` makes the report rows.
:mod:`orggraph.analysis.bottlenecks` runs them in order.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator, Sequence
from typing import Literal

import numpy as np
from pydantic import TypeAdapter

from orggraph.analysis._bottleneck_text import summary
from orggraph.analysis._bottleneck_view import View
from orggraph.analysis._reach import count_dependents
from orggraph.analysis.bottleneck_models import (
    FACTORS,
    BetweennessInfo,
    BottleneckWeights,
    Factor,
    SoleCapability,
    UnitBottleneck,
)
from orggraph.kernels import (
    SplitBetweenness,
    betweenness_split_indexed,
    biconnected_indexed,
    dominators_indexed,
    sample_sources,
)

__all__ = ["DEFAULT_SAMPLES", "EXACT_BETWEENNESS_LIMIT", "Figures", "rank_nodes"]

#: Up to this many nodes, ``betweenness_samples="auto"`` computes betweenness exactly.
EXACT_BETWEENNESS_LIMIT = 2_000
#: Sources sampled for the betweenness estimate above that size (``"auto"``).
DEFAULT_SAMPLES = 256

_ROWS = TypeAdapter(tuple[UnitBottleneck, ...])
"""Validates all the report rows in one pydantic-core call."""


class Figures:
    """Every figure for every node of a view, as lists indexed like ``view.nodes``."""

    def __init__(self, view: View, samples: int | Literal["auto", "exact"], seed: int) -> None:
        self.view = view
        self.n = n = len(view.nodes)
        if samples == "exact" or (samples == "auto" and n <= EXACT_BETWEENNESS_LIMIT):
            k = None
        else:
            k = DEFAULT_SAMPLES if samples == "auto" else int(samples)
        self.seed = seed
        self.sources = sample_sources(n, k, seed)
        """Sources of the betweenness estimate (``None``: exact, every node)."""
        codes = {d: i for i, d in enumerate(sorted(set(view.departments)))}
        self.dept = [codes[d] for d in view.departments]

    def reach(self) -> None:
        v = self.view
        groups = [(cap.consumers, i) for i, caps in enumerate(v.sole) for cap in caps]
        exact = self.sources is None
        r = count_dependents(v.succ, v.front_line, groups, labels=self.dept if exact else None)
        self.dependents, self.front_dependents = r.dependents, r.front_line
        # when betweenness is exact: dependents in other departments, for the cross-department share
        self.cross_in = r.other_label
        self.critical = count_dependents(v.critical_succ, v.front_line).dependents
        self.direct = np.bincount(v.dst, minlength=self.n).tolist()
        self.sole_counts: dict[tuple[int, str], tuple[int, int]] = {}
        k = 0
        for i, caps in enumerate(v.sole):
            for cap in caps:
                self.sole_counts[(i, cap.capability)] = (r.group_dependents[k], r.group_front_line[k])
                k += 1

    def failure(self) -> None:
        v = self.view
        assert v.failure is not None
        jobs = {v.nodes[i]: v.members[i] for i, caps in enumerate(v.sole) if caps}
        found = v.failure.single_failures(jobs)
        zero = (0, 0, 0, 0)
        self.cascade = [
            (lambda c: (c.failed, c.degraded, c.front_line, c.lost_capabilities))(found[node])
            if node in found
            else zero
            for node in v.nodes
        ]

    def structure(self) -> None:
        v, n = self.view, self.n
        root = n
        edges = v.edges + [(root, i) for i in range(n) if v.front_line[i]]
        idom = dominators_indexed(n + 1, edges, root)
        self.dominated = _subtree_sizes(idom, n)
        blocks, points = biconnected_indexed(n, v.edges)
        self.cut_off = _cut_off(n, blocks, points)
        self.articulation = [False] * n
        for p in points:
            self.articulation[p] = True

    def brokerage(self) -> BetweennessInfo:
        v, n, seed = self.view, self.n, self.seed
        k = None if self.sources is None else len(self.sources)
        # Frequent, critical links are short: shortest routes follow the heaviest traffic.
        w = np.asarray(v.weights, dtype=np.float64)
        distances = np.maximum(1.0, np.round(1000.0 / np.maximum(w, 1.0))).tolist()
        split = betweenness_split_indexed(n, v.edges, self.dept, distances=distances, k=k, seed=seed)
        self.betweenness = split.normalised
        self.cross_share = self._cross_share(split)
        self.departments_linked = _departments_linked(v)
        if k is None:
            return BetweennessInfo(exact=True, samples=None, note=f"Betweenness is exact ({n:,} nodes).")
        return BetweennessInfo(
            exact=False,
            samples=k,
            note=f"Betweenness is an estimate from {k:,} sampled source nodes of {n:,} (seed {seed}); "
            "reach and single points of failure are exact.",
        )

    def _cross_share(self, split: SplitBetweenness) -> list[float]:
        """Cross-department routes through each node over the cross-department routes it could be on.

        The routes counted start at the betweenness sources (every node when exact) and join two
        units of different departments that have a route at all; those starting or ending at the
        node itself are left out, as in betweenness.
        """
        v, n = self.view, self.n
        if split.pairs_from is None or split.pairs_to is None:  # exact: closures both ways
            pred: list[list[int]] = [[] for _ in range(n)]
            for a, b in v.edges:
                pred[b].append(a)
            out = count_dependents(pred, [False] * n, labels=self.dept).other_label
            into = self.cross_in
        else:  # sampled: counted by the kernel's searches from each source
            out, into = split.pairs_from, split.pairs_to
        cross = split.cross
        total = sum(out)
        shares = []
        for i in range(n):
            possible = total - into[i] - out[i]
            shares.append(min(cross[i] / possible, 1.0) if possible > 0 else 0.0)
        return shares

    def load(self, threshold: float, factor: float) -> None:
        v, n = self.view, self.n
        self.load_per_fte: list[float | None] = [
            (d / f if f > 0 else None) if d > 0 else 0.0 for d, f in zip(v.demand, v.fte, strict=True)
        ]
        positive = [x for x in self.load_per_fte if x]
        self.median_load = statistics.median(positive) if positive else 0.0
        by_dept: dict[str, list[float]] = {}
        for i, x in enumerate(self.load_per_fte):
            if x:
                by_dept.setdefault(v.departments[i], []).append(x)
        dept_median = {d: statistics.median(xs) for d, xs in by_dept.items()}
        self.vs_median: list[float | None] = []
        self.vs_dept: list[float | None] = []
        self.overloaded: list[bool] = []
        for i, x in enumerate(self.load_per_fte):
            dm = dept_median.get(v.departments[i], 0.0) if v.level != "department" else 0.0
            self.vs_median.append(x / self.median_load if x and self.median_load else None)
            self.vs_dept.append(x / dm if x and dm else None)
            over = (
                x is None
                or x > threshold
                or (dm > 0 and x > factor * dm and len(by_dept[v.departments[i]]) >= 3)
            )
            self.overloaded.append(bool(over))
        busiest = max(positive, default=0.0)
        self.load_value = [busiest if x is None else x for x in self.load_per_fte]
        ranked = sorted(range(n), key=lambda i: (-self.load_value[i], v.nodes[i]))
        self.load_rank = [0] * n
        for r, i in enumerate(ranked, start=1):
            self.load_rank[i] = r

    def values(self, factor: Factor) -> Sequence[float]:
        if factor == "reach":
            return [
                a + b + c
                for a, b, c in zip(self.dependents, self.front_dependents, self.critical, strict=True)
            ]
        if factor == "single_point":
            return [f + d / 2 + fl for f, d, fl, _ in self.cascade]
        if factor == "structure":
            return [a + b for a, b in zip(self.dominated, self.cut_off, strict=True)]
        if factor == "brokerage":
            return self.betweenness
        return self.load_value

    def entries(self, keep: list[int], scores: np.ndarray, points: np.ndarray) -> tuple[UnitBottleneck, ...]:
        """The report rows of nodes ``keep``, ranked 1, 2, ... in that order.

        ``scores`` and ``points`` come from :func:`rank_nodes`; contributions and the top factor are
        worked out for the nodes kept only. The rows are built column by column from the per-node
        lists and validated in one pydantic call. At 100k nodes most of the time goes into
        pydantic creating the instances (their ``__dict__`` and fields set), not into checking values.
        """
        v = self.view
        points = points[:, keep]
        best = points.argmax(axis=0)  # ties: the earlier factor in FACTORS
        cascade = [self.cascade[i] for i in keep]
        columns: dict[str, Sequence[object]] = {
            "rank": range(1, len(keep) + 1),
            "id": _pick(v.nodes, keep),
            "name": _pick(v.names, keep),
            "department": _pick(v.departments, keep),
            "front_line": _pick(v.front_line, keep),
            "score": [round(s, 2) for s in scores[keep].tolist()],
            "top_factor": [
                FACTORS[b] if p > 0 else "none"
                for b, p in zip(best.tolist(), points.max(axis=0).tolist(), strict=True)
            ],
            "contributions": [dict(zip(FACTORS, col, strict=True)) for col in points.T.tolist()],
            "direct_dependents": _pick(self.direct, keep),
            "dependents": _pick(self.dependents, keep),
            "front_line_dependents": _pick(self.front_dependents, keep),
            "critical_dependents": _pick(self.critical, keep),
            "sole_provider_of": [self._sole(i) for i in keep],
            "failed_if_lost": [c[0] for c in cascade],
            "degraded_if_lost": [c[1] for c in cascade],
            "front_line_hurt_if_lost": [c[2] for c in cascade],
            "capabilities_lost_if_lost": [c[3] for c in cascade],
            "dominated": _pick(self.dominated, keep),
            "articulation_point": _pick(self.articulation, keep),
            "cut_off_if_lost": _pick(self.cut_off, keep),
            "betweenness": _pick(self.betweenness, keep),
            "cross_department_share": _pick(self.cross_share, keep),
            "departments_linked": _pick(self.departments_linked, keep),
            "yearly_requests": _pick(v.requests, keep),
            "yearly_demand": _pick(v.demand, keep),
            "fte": _pick(v.fte, keep),
            "load_per_fte": _pick(self.load_per_fte, keep),
            "load_vs_median": _pick(self.vs_median, keep),
            "load_vs_department_median": _pick(self.vs_dept, keep),
            "overloaded": _pick(self.overloaded, keep),
            "load_rank": _pick(self.load_rank, keep),
        }

        def rows() -> Iterator[dict[str, object]]:
            for values in zip(*columns.values(), strict=True):
                row = dict(zip(columns, values, strict=True))
                row["summary"] = summary(row, v.level)
                yield row

        return _ROWS.validate_python(rows())  # lazily: each row dict is freed once validated

    def _sole(self, i: int) -> tuple[SoleCapability, ...]:
        """The capabilities node ``i`` alone provides, most dependents first."""
        v = self.view
        if not v.sole[i]:
            return ()
        caps = v.failure.org.capability_by_id if v.failure else {}
        return tuple(
            sorted(
                (
                    SoleCapability(
                        id=cap.capability,
                        name=caps[cap.capability].name,
                        consumers=len(cap.consumers),
                        dependents=self.sole_counts[(i, cap.capability)][0],
                        front_line_dependents=self.sole_counts[(i, cap.capability)][1],
                    )
                    for cap in v.sole[i]
                ),
                key=lambda c: (-c.dependents, -c.front_line_dependents, -c.consumers, c.id),
            )
        )


def rank_nodes(figures: Figures, weights: BottleneckWeights) -> tuple[list[int], np.ndarray, np.ndarray]:
    """Order (best first, ties by id), scores, and each factor's points rounded (a row per factor)."""
    n = figures.n
    total = sum(getattr(weights, f) for f in FACTORS)
    points = np.zeros((len(FACTORS), n))
    for row, f in enumerate(FACTORS):
        values = np.asarray(figures.values(f), dtype=np.float64)
        top = values.max(initial=0.0)
        if top > 0:
            points[row] = 100.0 * getattr(weights, f) * values / top / total
    scores = points.sum(axis=0)
    # view.nodes are in id order, so a stable sort breaks ties by id
    order = np.argsort(-np.round(scores, 9), kind="stable").tolist()
    return order, scores, np.round(points, 2)


def _pick(values: Sequence[object], keep: list[int]) -> list[object]:
    """``values`` at the indices ``keep``, in that order."""
    return list(map(values.__getitem__, keep))


def _departments_linked(v: View) -> list[int]:
    """For each node, how many other departments it has a dependency with (either way)."""
    n = len(v.nodes)
    codes = {d: i for i, d in enumerate(sorted(set(v.departments)))}
    dept = np.asarray([codes[d] for d in v.departments], dtype=np.int64)
    cross = dept[v.src] != dept[v.dst]
    a, b = v.src[cross], v.dst[cross]
    pairs = np.sort(np.concatenate((a * len(codes) + dept[b], b * len(codes) + dept[a])))
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))] if len(pairs) else pairs
    return np.bincount(pairs // len(codes), minlength=n).tolist()


def _subtree_sizes(idom: list[int], n: int) -> list[int]:
    """Nodes strictly below each node in the dominator tree (the virtual root ``n`` excluded)."""
    children: list[list[int]] = [[] for _ in range(n + 1)]
    for v in range(n):
        if idom[v] >= 0:
            children[idom[v]].append(v)
    size = [0] * (n + 1)
    order, stack = [], [n]
    while stack:
        u = stack.pop()
        order.append(u)
        stack.extend(children[u])
    for u in reversed(order):
        for c in children[u]:
            size[u] += size[c] + 1
    return size[:n]


def _cut_off(n: int, blocks: list[list[int]], points: list[int]) -> list[int]:
    """For each articulation point, the units outside the largest piece left when it is removed.

    Uses the block-cut tree: blocks and articulation points alternate; each vertex that is not an
    articulation point belongs to exactly one block.
    """
    is_point = [False] * n
    for p in points:
        is_point[p] = True
    nb = len(blocks)
    # Tree nodes: blocks 0..nb-1, articulation point p at nb + p.
    adj: dict[int, list[int]] = {}
    own = [0] * nb
    for b, members in enumerate(blocks):
        for v in members:
            if is_point[v]:
                adj.setdefault(b, []).append(nb + v)
                adj.setdefault(nb + v, []).append(b)
            else:
                own[b] += 1
    cut = [0] * n
    seen: set[int] = set()
    for root in range(nb):
        if root in seen:
            continue
        order, parent, stack = [], {root: -1}, [root]
        seen.add(root)
        while stack:
            t = stack.pop()
            order.append(t)
            for s in adj.get(t, ()):
                if s not in seen:
                    seen.add(s)
                    parent[s] = t
                    stack.append(s)
        size = {t: (own[t] if t < nb else 1) for t in order}
        for t in reversed(order):
            if parent[t] >= 0:
                size[parent[t]] += size[t]
        total = size[root]
        for t in order:
            if t >= nb:
                pieces = [size[c] for c in adj[t] if parent.get(c) == t]
                pieces.append(total - size[t])
                cut[t - nb] = total - 1 - max(pieces)
    return cut
