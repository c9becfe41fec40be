"""The graph the bottleneck analysis works on, at person, team or department level, as arrays.

Nodes are indexed in sorted id order. At person level they are the units of ``G``; at team and
department level they are the groups of :func:`orggraph.graph.rollup`. Everything the analysis
needs per node is computed here in one pass over the edges: dependencies between nodes, yearly
demand, the capabilities a node is the only provider of, and which units to remove to simulate
losing it.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from orggraph.analysis.failure import _SEVERE_RANK, FailureModel
from orggraph.graph import Level, org_of, rollup, unit_groups

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
        members = [[u] for u in sorted(G.nodes)]
    else:
        H = rollup(G, level)
        group = unit_groups(org, level)
        members = [list(H.nodes[g]["members"]) for g in sorted(H.nodes)]
    nodes = sorted(H.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    # networkx's dict-of-dicts read directly: its view objects cost seconds over a million edges.
    attrs = H._node
    if level == "person":
        names = [attrs[v]["name"] for v in nodes]
        departments = [attrs[v].get("department") or "" for v in nodes]
        front = [bool(attrs[v]["front_line"]) for v in nodes]
    else:
        depts = org.department_by_id
        names = [_group_name(v, attrs[v]["name"], depts) for v in nodes]
        front = [attrs[v]["front_line"] > 0 for v in nodes]
        if level == "department":
            departments = list(nodes)
        else:
            units = org.unit_by_id
            departments = [_majority(units[u].department or "" for u in ms) for ms in members]
    fte = [float(attrs[v]["fte"]) for v in nodes]
    demand, requests = _demand(model, index, group)
    adj = H._adj
    degree = [len(adj[u]) for u in nodes]
    src = np.repeat(np.arange(len(nodes), dtype=np.int64), degree)
    dst = np.fromiter((index[v] for u in nodes for v in adj[u]), dtype=np.int64, count=len(src))
    weights_all = np.fromiter(
        (d["weight"] for u in nodes for d in adj[u].values()), dtype=np.float64, count=len(src)
    )
    order = np.lexsort((dst, src))  # sorted by consumer, then provider: deterministic
    src, dst, weights_all = src[order], dst[order], weights_all[order]
    bounds = np.concatenate(([0], np.cumsum(degree))).tolist()
    flat = dst.tolist()
    succ = [flat[bounds[i] : bounds[i + 1]] for i in range(len(nodes))]
    edges = list(zip(src.tolist(), flat, strict=True))
    view = View(
        level,
        nodes,
        names,
        departments,
        front,
        fte,
        succ,
        edges,
        weights_all.tolist(),
        demand,
        requests,
        members,
    )
    view.src, view.dst = src, dst
    view.failure = model
    view.sole = _sole_capabilities(model, index, group, len(nodes))
    view.critical_succ = _critical_succ(model, index, group, len(nodes))
    return view


def _group_name(group: str, name: str, departments: dict) -> str:
    """Readable name of a group: people of a department outside any team get "<Department> (no team)"."""
    if group.endswith(NO_TEAM_SUFFIX):
        dept = group[: -len(NO_TEAM_SUFFIX)]
        return f"{departments[dept].name if dept in departments else dept} (no team)"
    return name


def _majority(values: object) -> str:
    counts = Counter(values)  # type: ignore[arg-type]
    return min(counts, key=lambda v: (-counts[v], v)) if counts else ""


def _demand(
    model: FailureModel, index: dict[str, int], group: dict[str, str] | None
) -> tuple[list[float], list[float]]:
    """Yearly requests on each node from other nodes, plain and weighted by criticality.

    A dependency's demand goes to its capability's primary provider (backups carry none until
    they step in); a unit's requests of its own capability, or a group's of its own members, are
    not demand on it.
    """
    n = len(index)
    if not model.dependency_rows:
        return [0.0] * n, [0.0] * n
    rows = np.asarray(model.dependency_rows, dtype=np.float64)
    consumer = rows[:, 0].astype(np.int64)
    primary = np.asarray([p[0] if p else -1 for p in model.providers], dtype=np.int64)[
        rows[:, 1].astype(np.int64)
    ]
    units = model.units
    to_node = np.asarray([index[u if group is None else group[u]] for u in units], dtype=np.int64)
    keep = primary >= 0
    keep[keep] = to_node[consumer[keep]] != to_node[primary[keep]]
    target = to_node[primary[keep]]
    events = rows[keep, 2]
    requests = np.bincount(target, weights=events, minlength=n)
    demand = np.bincount(target, weights=events * rows[keep, 3], minlength=n)
    return demand.tolist(), requests.tolist()


def _sole_capabilities(
    model: FailureModel, index: dict[str, int], group: dict[str, str] | None, n: int
) -> list[list[SoleCap]]:
    """For each node, the depended-on capabilities whose providers all belong to it."""
    sole: list[list[SoleCap]] = [[] for _ in range(n)]
    units = model.units
    for c, providers in enumerate(model.providers):
        if not providers or not model.consumers[c]:
            continue
        owners = {units[p] if group is None else group[units[p]] for p in providers}
        if len(owners) != 1:
            continue
        (owner,) = owners
        i = index[owner]
        consumers = sorted(
            {index[units[u] if group is None else group[units[u]]] for u, _ in model.consumers[c]} - {i}
        )
        if consumers:
            sole[i].append(SoleCap(model.capabilities[c], consumers))
    return sole


def _critical_succ(
    model: FailureModel, index: dict[str, int], group: dict[str, str] | None, n: int
) -> list[list[int]]:
    """For each node, the nodes providing something it needs at high or critical criticality."""
    units = model.units
    node = np.asarray([index[u if group is None else group[u]] for u in units], dtype=np.int64)
    severe = [(c, u) for c, pairs in enumerate(model.consumers) for u, rank in pairs if rank >= _SEVERE_RANK]
    if not severe:
        return [[] for _ in range(n)]
    cap, consumer = np.asarray(severe, dtype=np.int64).T
    count = np.fromiter((len(p) for p in model.providers), dtype=np.int64, count=len(model.providers))
    flat = np.fromiter(itertools.chain.from_iterable(model.providers), dtype=np.int64, count=int(count.sum()))
    first = np.concatenate(([0], np.cumsum(count)[:-1]))
    times = count[cap]  # one pair per provider of the capability
    rows = np.repeat(np.arange(len(cap)), times)
    offset = np.arange(int(times.sum())) - np.repeat(np.cumsum(times) - times, times)
    a = node[consumer[rows]]
    b = node[flat[first[cap[rows]] + offset]]
    keep = a != b
    code = np.unique(a[keep] * n + b[keep])
    sources, targets = code // n, code % n
    bounds = np.searchsorted(sources, np.arange(n + 1)).tolist()
    flat_t = targets.tolist()
    return [flat_t[bounds[i] : bounds[i + 1]] for i in range(n)]
