"""Bottlenecks and single points of failure, ranked and explained, with recommendations.

For every unit (or team, or department) the analysis measures five things and combines them:

* **reach**: who depends on it, directly or through others, and how many of them are front line;
* **single point of failure**: the capabilities only it provides, and what breaks if it is lost
  (the AND/OR cascade of :mod:`orggraph.analysis.failure`);
* **structure**: the units whose every route to the front line passes through it (dominators
  from a virtual external customer) and the units it alone connects (articulation points);
* **brokerage**: weighted betweenness, the share of shortest dependency routes through it;
* **load**: yearly demand weighted by criticality, per FTE, against the median.

Each factor is scaled to 0..1 by the largest value in the organisation and weighted
(:class:`BottleneckWeights`); the score is the weighted mean on a 0..100 scale.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Literal

import networkx as nx
import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from orggraph.analysis._bottleneck_text import recommendations, summary
from orggraph.analysis._bottleneck_view import View, build_view
from orggraph.analysis._reach import count_dependents, gc_paused
from orggraph.graph import Level
from orggraph.kernels import betweenness_indexed, biconnected_indexed, dominators_indexed

__all__ = [
    "EXACT_BETWEENNESS_LIMIT",
    "BetweennessInfo",
    "BottleneckReport",
    "BottleneckWeights",
    "Recommendation",
    "SoleCapability",
    "UnitBottleneck",
    "bottlenecks",
]

#: Up to this many nodes, ``betweenness_samples="auto"`` computes betweenness exactly.
EXACT_BETWEENNESS_LIMIT = 2_000
#: Sources sampled for the betweenness estimate above that size (``"auto"``).
DEFAULT_SAMPLES = 256

Factor = Literal["reach", "single_point", "structure", "brokerage", "load", "none"]
FACTORS: tuple[Factor, ...] = ("single_point", "reach", "load", "brokerage", "structure")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class BottleneckWeights(_Frozen):
    """How much each factor counts in the composite score (any non-negative numbers; not all zero).

    Defaults: losing a sole provider matters most (2); reach, load and brokerage count 1;
    structural cut points 0.5, since they matter mostly when they coincide with the others.
    """

    reach: float = Field(1.0, ge=0)
    single_point: float = Field(2.0, ge=0)
    structure: float = Field(0.5, ge=0)
    brokerage: float = Field(1.0, ge=0)
    load: float = Field(1.0, ge=0)

    @model_validator(mode="after")
    def _not_all_zero(self) -> BottleneckWeights:
        if not any(getattr(self, f) for f in FACTORS):
            raise ValueError("at least one weight must be above zero")
        return self


class SoleCapability(_Frozen):
    """A capability this unit is the only provider of (no backup)."""

    id: str
    name: str
    consumers: int
    """Units that depend on it directly."""
    dependents: int
    """Units that depend on it directly or through others."""
    front_line_dependents: int


class UnitBottleneck(_Frozen):
    """One unit (or team, or department) with the figures behind its rank."""

    rank: int
    id: str
    name: str
    department: str
    front_line: bool
    score: float
    """0..100: the weighted mean of the factors, each scaled to the organisation's largest."""
    top_factor: Factor
    contributions: dict[str, float]
    """Points each factor adds to the score."""
    summary: str
    # reach
    direct_dependents: int
    dependents: int
    """Units that depend on it directly or through others."""
    front_line_dependents: int
    # single point of failure
    sole_provider_of: tuple[SoleCapability, ...]
    failed_if_lost: int
    degraded_if_lost: int
    front_line_hurt_if_lost: int
    capabilities_lost_if_lost: int
    dominated: int
    """Units whose every dependency route from the front line passes through this one."""
    articulation_point: bool
    cut_off_if_lost: int
    """Units that would be cut off from the rest of the organisation's network without it."""
    # brokerage
    betweenness: float
    """Share of shortest dependency routes between other units that pass through it (0..1)."""
    departments_linked: int
    # load
    yearly_requests: float
    yearly_demand: float
    """Requests a year weighted by criticality (low 1, medium 2, high 3, critical 4)."""
    fte: float
    load_per_fte: float | None
    """``None`` when it has demand but no capacity recorded (fte 0)."""
    load_vs_median: float | None
    load_vs_department_median: float | None
    overloaded: bool
    load_rank: int
    """1 for the highest load per FTE."""


class Recommendation(_Frozen):
    unit: str
    kind: Literal["backup", "split_load", "add_capacity", "second_link", "second_route", "spread_contacts"]
    text: str


class BetweennessInfo(_Frozen):
    exact: bool
    samples: int | None
    """Sampled source units when estimated, else ``None``."""
    note: str


class BottleneckReport(_Frozen):
    """Ranked bottlenecks with the evidence behind each, and what to do about them."""

    level: Level
    units: int
    """Nodes analysed (units, teams or departments)."""
    weights: BottleneckWeights
    load_threshold: float
    department_factor: float
    median_load_per_fte: float
    betweenness: BetweennessInfo
    entries: tuple[UnitBottleneck, ...]
    recommendations: tuple[Recommendation, ...]
    notes: tuple[str, ...]


def bottlenecks(
    G: nx.DiGraph,
    *,
    level: Level = "person",
    weights: BottleneckWeights | None = None,
    top: int | None = None,
    load_threshold: float = 5_000.0,
    department_factor: float = 3.0,
    betweenness_samples: int | Literal["auto", "exact"] = "auto",
    seed: int = 0,
) -> BottleneckReport:
    """Rank units by how much the organisation depends on them, and say why and what to do.

    Parameters
    ----------
    G : networkx.DiGraph
        A graph from :func:`orggraph.build_graph` (edges point from consumer to provider).
    level : {"person", "team", "department"}
        Analyse units, or the team or department quotient graph (:func:`orggraph.rollup`).
        Failure figures always count units; reach and structure count nodes of the level.
    weights : BottleneckWeights, optional
        Weight of each factor in the score.
    top : int, optional
        Keep only the ``top`` highest-ranked entries (all when ``None``).
    load_threshold : float
        Flag a node as overloaded above this yearly weighted demand per FTE.
    department_factor : float
        Also flag it when its load per FTE is more than this many times its department's median.
    betweenness_samples : int, "auto" or "exact"
        ``"auto"`` is exact up to :data:`EXACT_BETWEENNESS_LIMIT` nodes, else an estimate from
        256 seeded sample sources; an integer sets the number of samples. The report says which.
    seed : int
        Seed of the betweenness sample.

    Returns
    -------
    BottleneckReport
        Entries ranked by score (ties by id), recommendations for the top entries, and notes.

    Raises
    ------
    ValueError
        For a ``top`` or ``betweenness_samples`` below 1.
    """
    if top is not None and top < 1:
        raise ValueError("top must be at least 1")
    if isinstance(betweenness_samples, int) and betweenness_samples < 1:
        raise ValueError("betweenness_samples must be at least 1, 'auto' or 'exact'")
    weights = weights or BottleneckWeights()
    with gc_paused():
        return _bottlenecks(
            G, level, weights, top, load_threshold, department_factor, betweenness_samples, seed
        )


def _bottlenecks(
    G: nx.DiGraph,
    level: Level,
    weights: BottleneckWeights,
    top: int | None,
    load_threshold: float,
    department_factor: float,
    betweenness_samples: int | Literal["auto", "exact"],
    seed: int,
) -> BottleneckReport:
    view = build_view(G, level)
    n = len(view.nodes)
    figures = _Figures(view)
    figures.reach()
    figures.failure()
    figures.structure()
    info = figures.brokerage(betweenness_samples, seed)
    figures.load(load_threshold, department_factor)
    order, scores, contributions, tops = _rank(figures, weights)
    keep = order if top is None else order[:top]
    entries = tuple(
        figures.entry(i, rank, float(scores[i]), contributions[i], tops[i])
        for rank, i in enumerate(keep, start=1)
    )
    notes = [info.note]
    if level != "person":
        notes.append(
            f"Reach and structure count {level}s; failure figures count units (people and teams), "
            f"the {level} itself not included."
        )
    notes.append("Failure figures follow declared dependencies only (reporting lines are not dependencies).")
    return BottleneckReport(
        level=level,
        units=n,
        weights=weights,
        load_threshold=load_threshold,
        department_factor=department_factor,
        median_load_per_fte=figures.median_load,
        betweenness=info,
        entries=entries,
        recommendations=tuple(recommendations(entries[:20] if top is None else entries, level)),
        notes=tuple(notes),
    )


class _Figures:
    """Every figure for every node of a view, as lists indexed like ``view.nodes``."""

    def __init__(self, view: View) -> None:
        self.view = view
        self.n = len(view.nodes)

    def reach(self) -> None:
        v = self.view
        groups = [(cap.consumers, i) for i, caps in enumerate(v.sole) for cap in caps]
        r = count_dependents(v.succ, v.front_line, groups)
        self.dependents, self.front_dependents = r.dependents, r.front_line
        self.direct = [0] * self.n
        for _, j in v.edges:
            self.direct[j] += 1
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

    def brokerage(self, samples: int | Literal["auto", "exact"], seed: int) -> BetweennessInfo:
        v, n = self.view, self.n
        if samples == "exact" or (samples == "auto" and n <= EXACT_BETWEENNESS_LIMIT):
            k = None
        else:
            k = DEFAULT_SAMPLES if samples == "auto" else int(samples)
            if k >= n:
                k = None
        # Frequent, critical links are short: shortest routes follow the heaviest traffic.
        w = np.asarray(v.weights, dtype=np.float64)
        distances = np.maximum(1.0, np.round(1000.0 / np.maximum(w, 1.0))).tolist()
        self.betweenness = betweenness_indexed(n, v.edges, distances=distances, k=k, seed=seed)
        self.departments_linked = _departments_linked(v)
        if k is None:
            return BetweennessInfo(exact=True, samples=None, note=f"Betweenness is exact ({n:,} nodes).")
        return BetweennessInfo(
            exact=False,
            samples=k,
            note=f"Betweenness is an estimate from {k:,} sampled source nodes of {n:,} (seed {seed}); "
            "reach and single points of failure are exact.",
        )

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
            return [a + b for a, b in zip(self.dependents, self.front_dependents, strict=True)]
        if factor == "single_point":
            return [f + d / 2 + fl for f, d, fl, _ in self.cascade]
        if factor == "structure":
            return [a + b for a, b in zip(self.dominated, self.cut_off, strict=True)]
        if factor == "brokerage":
            return self.betweenness
        return self.load_value

    def entry(
        self, i: int, rank: int, score: float, contributions: dict[str, float], top: Factor
    ) -> UnitBottleneck:
        v = self.view
        sole: tuple[SoleCapability, ...] = ()
        if v.sole[i]:
            caps = v.failure.org.capability_by_id if v.failure else {}
            sole = tuple(
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
        failed, degraded, front_hurt, lost = self.cascade[i]
        fields = {
            "rank": rank,
            "id": v.nodes[i],
            "name": v.names[i],
            "department": v.departments[i],
            "front_line": v.front_line[i],
            "score": round(score, 2),
            "top_factor": top,
            "contributions": contributions,
            "direct_dependents": self.direct[i],
            "dependents": self.dependents[i],
            "front_line_dependents": self.front_dependents[i],
            "sole_provider_of": sole,
            "failed_if_lost": failed,
            "degraded_if_lost": degraded,
            "front_line_hurt_if_lost": front_hurt,
            "capabilities_lost_if_lost": lost,
            "dominated": self.dominated[i],
            "articulation_point": self.articulation[i],
            "cut_off_if_lost": self.cut_off[i],
            "betweenness": self.betweenness[i],
            "departments_linked": self.departments_linked[i],
            "yearly_requests": v.requests[i],
            "yearly_demand": v.demand[i],
            "fte": v.fte[i],
            "load_per_fte": self.load_per_fte[i],
            "load_vs_median": self.vs_median[i],
            "load_vs_department_median": self.vs_dept[i],
            "overloaded": self.overloaded[i],
            "load_rank": self.load_rank[i],
        }
        fields["summary"] = summary(fields, v.level)
        return UnitBottleneck.model_validate(fields)


def _rank(
    figures: _Figures, weights: BottleneckWeights
) -> tuple[list[int], np.ndarray, list[dict[str, float]], list[Factor]]:
    """Order (best first, ties by id), scores, each factor's points and the top factor per node."""
    n = figures.n
    total = sum(getattr(weights, f) for f in FACTORS)
    points = np.zeros((len(FACTORS), n))
    for row, f in enumerate(FACTORS):
        values = np.asarray(figures.values(f), dtype=np.float64)
        top = values.max(initial=0.0)
        if top > 0:
            points[row] = 100.0 * getattr(weights, f) * values / top / total
    scores = points.sum(axis=0)
    rounded = np.round(points, 2)
    best = rounded.argmax(axis=0)  # ties: the earlier factor in FACTORS
    tops: list[Factor] = [FACTORS[b] if rounded[b, i] > 0 else "none" for i, b in enumerate(best.tolist())]
    columns = rounded.T.tolist()
    parts = [dict(zip(FACTORS, col, strict=True)) for col in columns]
    nodes = figures.view.nodes
    keys = np.round(scores, 9).tolist()
    order = sorted(range(n), key=lambda i: (-keys[i], nodes[i]))
    return order, scores, parts, tops


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
