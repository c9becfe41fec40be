"""The graph the bottleneck analysis works on, at person, team or department level, as arrays.

Nodes are indexed in sorted id order. At person level they are the units of ``G``; at team and
department level they are the groups of :func:`orggraph.graph.rollup`. Everything the analysis
needs per node is computed here in one pass over the edges: dependencies between nodes, yearly
demand, the capabilities a node is the only provider of, and which units to remove to simulate
losing it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter

import networkx as nx
import numpy as np

from orggraph.analysis.failure import _SEVERE_RANK, FailureModel
from orggraph.graph import Level, org_of, rollup, unit_groups
from orggraph.kernels import sorted_distinct

__all__ = ["SoleCap", "View", "build_view"]

NO_TEAM_SUFFIX = "/(no team)"  # how orggraph.graph.group_of names people outside any team


@dataclass(slots=True)
class SoleCap:
    """A capability all of whose providers are inside one node (so that node is its only provider)."""

    capability: str
    consumers: list[int]
    """Nodes (other than the provider) that depend on it directly, sorted."""


@dataclass(slots=True)
class View:
    level: Level
    nodes: list[str]
    names: list[str]
    departments: list[str]
    """Department id of each node (its own id at department level)."""
    front_line: list[bool]
    fte: list[float]
    succ: list[list[int]]
    """``succ[i]``: nodes that node ``i`` depends on (sorted)."""
    edges: list[tuple[int, int]]
    weights: list[float]
    """Per edge: yearly demand weighted by criticality (links summed)."""
    demand: list[float]
    """Yearly demand on each node, weighted by criticality, from other nodes (primary provider only)."""
    requests: list[float]
    """The same without the criticality weighting: plain requests a year."""
    members: list[list[str]]
    """Unit ids a node stands for (just itself at person level)."""
    src: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    dst: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    """``edges`` again as two index arrays."""
    sole: list[list[SoleCap]] = field(default_factory=list)
    failure: FailureModel | None = None
    critical_succ: list[list[int]] = field(default_factory=list)
    """``critical_succ[i]``: nodes that node ``i`` depends on for a high or critical capability
    (every provider of it, backups included; sorted)."""


def build_view(G: nx.DiGraph, level: Level) -> View:
    """Index ``G`` (or its roll-up at ``level``) for the bottleneck analysis."""
    org = org_of(G)
    model = FailureModel(org)
    if level == "person":
        H, group = G, None
        nodes = sorted(H.nodes)
        members = [[u] for u in nodes]
    else:
        H = rollup(G, level)
        group = unit_groups(org, level)
        nodes = sorted(H.nodes)
        members = [list(H.nodes[g]["members"]) for g in nodes]
    # At person level the nodes are normally the model's units, already indexed.
    index = model.unit_index if nodes == model.units else {v: i for i, v in enumerate(nodes)}
    # networkx's dict-of-dicts read directly, with C-level maps: its view objects, or a Python
    # loop per edge, cost seconds over a million edges.
    data = list(map(H._node.__getitem__, nodes))
    names = list(map(itemgetter("name"), data))
    fte = list(map(float, map(itemgetter("fte"), data)))
    if level == "person":
        departments = [d.get("department") or "" for d in data]
        front = list(map(bool, map(itemgetter("front_line"), data)))
    else:
        depts = org.department_by_id
        names = [_group_name(v, name, depts) for v, name in zip(nodes, names, strict=True)]
        front = [d["front_line"] > 0 for d in data]
        if level == "department":
            departments = list(nodes)
        else:
            units = org.unit_by_id
            departments = [_majority(units[u].department or "" for u in ms) for ms in members]
    # node_of[u]: the node standing for the model's unit u
    units_at = model.units if group is None else map(group.__getitem__, model.units)
    node_of = np.fromiter(map(index.__getitem__, units_at), dtype=np.int64, count=len(model.units))
    providers = _Providers.of(model, node_of)
    demand, requests = _demand(model, providers, node_of, len(nodes))
    src, dst, weights = _edges(H._adj, nodes, index)
    bounds = np.searchsorted(src, np.arange(len(nodes) + 1)).tolist()
    flat = dst.tolist()
    view = View(
        level,
        nodes,
        names,
        departments,
        front,
        fte,
        [flat[bounds[i] : bounds[i + 1]] for i in range(len(nodes))],
        list(zip(src.tolist(), flat, strict=True)),
        weights.tolist(),
        demand,
        requests,
        members,
    )
    view.src, view.dst = src, dst
    view.failure = model
    view.sole = _sole_capabilities(model, providers, node_of, len(nodes))
    view.critical_succ = _critical_succ(model, providers, node_of, len(nodes))
    return view


def _edges(
    adj: dict[str, dict[str, dict]], nodes: list[str], index: dict[str, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Source, target and weight of every edge, sorted by source then target (deterministic)."""
    rows = list(map(adj.__getitem__, nodes))
    degree = np.fromiter(map(len, rows), dtype=np.int64, count=len(nodes))
    count = int(degree.sum())
    src = np.repeat(np.arange(len(nodes), dtype=np.int64), degree)
    dst = np.fromiter(map(index.__getitem__, chain.from_iterable(rows)), dtype=np.int64, count=count)
    attrs = chain.from_iterable(map(dict.values, rows))
    weights = np.fromiter(map(itemgetter("weight"), attrs), dtype=np.float64, count=count)
    order = np.argsort(src * len(nodes) + dst)  # no two edges share both ends
    return src[order], dst[order], weights[order]


def _group_name(group: str, name: str, departments: dict) -> str:
    """Readable name of a group: people of a department outside any team get "<Department> (no team)"."""
    if group.endswith(NO_TEAM_SUFFIX):
        dept = group[: -len(NO_TEAM_SUFFIX)]
        return f"{departments[dept].name if dept in departments else dept} (no team)"
    return name


def _majority(values: object) -> str:
    counts = Counter(values)  # type: ignore[arg-type]
    return min(counts, key=lambda v: (-counts[v], v)) if counts else ""


@dataclass(frozen=True, slots=True)
class _Providers:
    """Every capability's providers (units, primary first) flattened, with the nodes they belong to."""

    count: np.ndarray
    """Providers of each capability."""
    start: np.ndarray
    """Where each capability's providers start in ``unit``."""
    unit: np.ndarray
    node: np.ndarray
    """``node_of[unit]``."""

    @classmethod
    def of(cls, model: FailureModel, node_of: np.ndarray) -> _Providers:
        count = np.fromiter(map(len, model.providers), dtype=np.int64, count=len(model.providers))
        unit = np.fromiter(chain.from_iterable(model.providers), dtype=np.int64, count=int(count.sum()))
        start = np.cumsum(count) - count
        return cls(count, start, unit, node_of[unit])

    def primary(self) -> np.ndarray:
        """Each capability's first provider (unit), -1 when it has none."""
        out = np.full(len(self.count), -1, dtype=np.int64)
        has = self.count > 0
        out[has] = self.unit[self.start[has]]
        return out


def _demand(
    model: FailureModel, providers: _Providers, node_of: np.ndarray, n: int
) -> tuple[list[float], list[float]]:
    """Yearly requests on each node from other nodes, plain and weighted by criticality.

    A dependency's demand goes to its capability's primary provider (backups carry none until
    they step in); a unit's requests of its own capability, or a group's of its own members, are
    not demand on it.
    """
    deps = model.dependencies
    if not len(deps.consumer):
        return [0.0] * n, [0.0] * n
    primary = providers.primary()[deps.capability]
    keep = primary >= 0
    keep[keep] = node_of[deps.consumer[keep]] != node_of[primary[keep]]
    target = node_of[primary[keep]]
    events = deps.events[keep]
    requests = np.bincount(target, weights=events, minlength=n)
    demand = np.bincount(target, weights=events * deps.weight[keep], minlength=n)
    return demand.tolist(), requests.tolist()


def _sole_capabilities(
    model: FailureModel, providers: _Providers, node_of: np.ndarray, n: int
) -> list[list[SoleCap]]:
    """For each node, the depended-on capabilities whose providers all belong to it."""
    sole: list[list[SoleCap]] = [[] for _ in range(n)]
    has = providers.count > 0
    owner = np.full(len(providers.count), -1, dtype=np.int64)
    if has.any():
        low = np.minimum.reduceat(providers.node, providers.start[has])
        high = np.maximum.reduceat(providers.node, providers.start[has])
        owner[np.flatnonzero(has)] = np.where(low == high, low, -1)
    deps = model.dependencies
    node = node_of[deps.consumer]
    own = owner[deps.capability]
    keep = (own >= 0) & (node != own)
    code = sorted_distinct(deps.capability[keep] * n + node[keep])  # by capability, then consumer node
    caps, consumers = code // n, (code % n).tolist()
    found = sorted_distinct(caps)
    first, end = np.searchsorted(caps, found).tolist(), np.searchsorted(caps, found, side="right").tolist()
    for c, i, a, b in zip(found.tolist(), owner[found].tolist(), first, end, strict=True):
        sole[i].append(SoleCap(model.capabilities[c], consumers[a:b]))
    return sole


def _critical_succ(
    model: FailureModel, providers: _Providers, node_of: np.ndarray, n: int
) -> list[list[int]]:
    """For each node, the nodes providing something it needs at high or critical criticality."""
    deps = model.dependencies
    severe = deps.rank >= _SEVERE_RANK
    cap, consumer = deps.capability[severe], deps.consumer[severe]
    times = providers.count[cap]  # one pair per provider of the capability
    rows = np.repeat(np.arange(len(cap)), times)
    offset = np.arange(int(times.sum())) - np.repeat(np.cumsum(times) - times, times)
    a = node_of[consumer[rows]]
    b = providers.node[providers.start[cap[rows]] + offset]
    keep = a != b
    code = sorted_distinct(a[keep] * n + b[keep])
    sources, targets = code // n, code % n
    bounds = np.searchsorted(sources, np.arange(n + 1)).tolist()
    flat_t = targets.tolist()
    return [flat_t[bounds[i] : bounds[i + 1]] for i in range(n)]
