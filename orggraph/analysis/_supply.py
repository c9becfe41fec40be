"""Index-space kernels behind :mod:`orggraph.analysis.chains`: supply graph, loops, longest chains, distances.

Everything here works on integer node indices (unit ids in sorted order) and plain lists, so the
whole analysis is a handful of linear passes even at 100k units: one strongly-connected-component
pass (iterative Tarjan), one dynamic-programming pass over the condensation, one breadth-first
and one Dijkstra search from the front line. Nothing enumerates paths and nothing copies the graph.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from dataclasses import dataclass
from itertools import chain

import networkx as nx

from orggraph.analysis._reach import strong_components
from orggraph.graph import Link

__all__ = [
    "Longest",
    "SupplyGraph",
    "bfs_depths",
    "build_supply_graph",
    "chosen_link",
    "eligible",
    "front_line_distances",
    "layers",
    "longest_chains",
]

Step = tuple[int, int]
"""A hand-off as (consumer index, provider index)."""


@dataclass(slots=True)
class SupplyGraph:
    """The dependency graph restricted to the links chains follow, indexed by sorted unit id.

    ``succ[u]`` are the providers ``u`` waits on (sorted) and ``lead[u][j]`` the lead time of the
    hand-off to ``succ[u][j]``: that of its slowest eligible link (:func:`chosen_link`).
    ``caps[u]`` number the capabilities u waits on through eligible links (repeats possible);
    ``cap_ids[k]`` is the id of capability number k (numbers hash faster than strings in sets).
    ``comp[u]`` is u's strongly connected component; ``comps`` lists them sinks first (providers
    before their consumers, the order the dynamic programme needs), each with sorted members.

    Per-unit rows are tuples of numbers or strings, which Python's cyclic garbage collector stops
    tracking: at 100k units this keeps the collector from rescanning the whole heap mid-analysis.
    """

    nodes: list[str]
    index: dict[str, int]
    succ: list[tuple[int, ...]]
    lead: list[tuple[float, ...]]
    caps: list[tuple[int, ...]]
    cap_ids: list[str]
    comp: list[int]
    comps: list[tuple[int, ...]]

    def lead_time(self, u: int, v: int) -> float:
        """Lead time of the hand-off ``u -> v``."""
        return self.lead[u][self.succ[u].index(v)]


def eligible(link: Link, include_backups: bool) -> bool:
    """Chains follow declared dependencies on primary providers (any provider with ``include_backups``)."""
    return not link.reporting and (include_backups or link.provider_rank == 0)


def chosen_link(links: tuple[Link, ...], include_backups: bool) -> Link | None:
    """The link that stands for an edge: the slowest eligible one (then most critical, then by id)."""
    candidates = [x for x in links if eligible(x, include_backups)]
    if not candidates:
        return None
    return min(candidates, key=lambda x: (-x.lead_time_hours, -x.criticality_weight, x.capability))


def build_supply_graph(G: nx.DiGraph, *, include_backups: bool) -> SupplyGraph:
    """Index ``G`` once, keeping eligible links only (see :func:`eligible`)."""
    nodes = sorted(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    adj = dict(G.adjacency())  # plain neighbour dicts: much faster to walk than networkx's views
    succ: list[tuple[int, ...]] = []
    lead: list[tuple[float, ...]] = []
    caps: list[tuple[int, ...]] = []
    cap_number: dict[str, int] = {}
    for u in nodes:
        vs: list[int] = []
        ts: list[float] = []
        needs: list[str] = []
        for v, data in adj[u].items():
            links = data["links"]
            if len(links) == 1:  # the common case, inlined
                chosen: Link | None = links[0]
                if chosen.reporting or (chosen.provider_rank and not include_backups):
                    continue
                needs.append(chosen.capability)
            else:
                chosen = chosen_link(links, include_backups)
                if chosen is None:
                    continue
                needs.extend(x.capability for x in links if eligible(x, include_backups))
            vs.append(index[v])
            ts.append(chosen.lead_time_hours)
        if any(vs[k] > vs[k + 1] for k in range(len(vs) - 1)):  # build_graph inserts sorted; others may not
            perm = sorted(range(len(vs)), key=vs.__getitem__)
            vs, ts = [vs[k] for k in perm], [ts[k] for k in perm]
        succ.append(tuple(vs))
        lead.append(tuple(ts))
        caps.append(tuple([cap_number.setdefault(c, len(cap_number)) for c in needs]))
    comp, comps = _tarjan(succ)
    return SupplyGraph(nodes, index, succ, lead, caps, list(cap_number), comp, comps)


def _tarjan(succ: list[tuple[int, ...]]) -> tuple[list[int], list[tuple[int, ...]]]:
    """Strongly connected components (iterative Tarjan, shared with the reach kernel); sinks first."""
    comp, comps = strong_components(succ)
    return comp, [tuple(members) for members in comps]


def _slowest_internal(S: SupplyGraph, c: int) -> Step:
    """The slowest hand-off inside loop ``c``; ties go to the smallest (consumer, provider) ids."""
    best = (-1.0, -1, -1)
    for u in S.comps[c]:
        for v, t in zip(S.succ[u], S.lead[u], strict=True):
            if S.comp[v] == c and t > best[0]:
                best = (t, u, v)
    return best[1], best[2]


@dataclass(slots=True)
class Longest:
    """Per component: the longest chain upstream from it, by hours and by hops, with where it goes next.

    ``hours[c]``/``hops[c]`` describe the chain with the most hours (ties: more hops, then the
    smaller provider id, then consumer id); ``next_h[c]`` is its first hand-off out of ``c``, or
    ``None`` at the end. ``k_hops``/``k_hours``/``next_k`` are the same for the chain with the most
    hops (ties: more hours). A loop counts as one step: its slowest internal hand-off
    (``loop_link[c]``) is added once, never gone round.
    """

    hours: list[float]
    hops: list[int]
    next_h: list[Step | None]
    k_hops: list[int]
    k_hours: list[float]
    next_k: list[Step | None]
    loop_link: dict[int, Step]


def longest_chains(S: SupplyGraph) -> Longest:
    """One dynamic-programming pass over the condensation, providers before consumers: O(V + E)."""
    m = len(S.comps)
    hours, hops, k_hops, k_hours = [0.0] * m, [0] * m, [0] * m, [0.0] * m
    next_h: list[Step | None] = [None] * m
    next_k: list[Step | None] = [None] * m
    loop_link: dict[int, Step] = {}
    comp, succ, lead = S.comp, S.succ, S.lead
    for c, members in enumerate(S.comps):  # sinks first: every provider component is already done
        base_h, base_k = 0.0, 0
        if len(members) > 1:
            a, b = loop_link[c] = _slowest_internal(S, c)
            base_h, base_k = S.lead_time(a, b), 1
        bh, bhk, bnh = 0.0, 0, None  # best by hours: hours, hops, (consumer, provider)
        kk, kh, bnk = 0, 0.0, None  # best by hops: hops, hours, (consumer, provider)
        for u in members:
            for v, t in zip(succ[u], lead[u], strict=True):
                d = comp[v]
                if d == c:
                    continue
                ch, ck = t + hours[d], 1 + hops[d]
                if ch > bh or (ch == bh and (ck > bhk or (ck == bhk and bnh and (v, u) < bnh[::-1]))):
                    bh, bhk, bnh = ch, ck, (u, v)
                ck, ch = 1 + k_hops[d], t + k_hours[d]
                if ck > kk or (ck == kk and (ch > kh or (ch == kh and bnk and (v, u) < bnk[::-1]))):
                    kk, kh, bnk = ck, ch, (u, v)
        hours[c], hops[c], next_h[c] = base_h + bh, base_k + bhk, bnh
        k_hops[c], k_hours[c], next_k[c] = base_k + kk, base_h + kh, bnk
    return Longest(hours, hops, next_h, k_hops, k_hours, next_k, loop_link)


def bfs_depths(S: SupplyGraph, sources: list[int]) -> tuple[list[int], list[int], list[int]]:
    """Fewest hand-offs from any source to every unit upstream (-1: none), from which source, visit order.

    Sources are taken in id order, so a unit equally near to several sources is credited to the
    smallest id (each BFS layer stays sorted by source). The visit order never decreases in depth.
    """
    depth = [-1] * len(S.nodes)
    origin = [-1] * len(S.nodes)
    order: list[int] = []
    for s in sorted(sources):
        if depth[s] == -1:
            depth[s], origin[s] = 0, s
            order.append(s)
    succ = S.succ
    head = 0
    while head < len(order):
        u = order[head]
        head += 1
        du, ou = depth[u] + 1, origin[u]
        for v in succ[u]:
            if depth[v] == -1:
                depth[v], origin[v] = du, ou
                order.append(v)
    return depth, origin, order


def layers(S: SupplyGraph, depth: list[int], order: list[int]) -> tuple[list[list[int]], list[set[int]]]:
    """Units at each depth (index = depth) and the capabilities first needed at each depth + 1.

    Works on whole BFS layers with set operations, so the cost stays in C even at 100k units.
    """
    ds = [depth[i] for i in order]
    units: list[list[int]] = []
    caps: list[set[int]] = []
    seen: set[int] = set()
    lo = 0
    while lo < len(order):
        hi = bisect_right(ds, ds[lo], lo)
        layer = order[lo:hi]
        new = set(chain.from_iterable(map(S.caps.__getitem__, layer)))
        new -= seen
        seen |= new
        units.append(layer)
        caps.append(new)
        lo = hi
    return units, caps


def front_line_distances(S: SupplyGraph, sources: list[int]) -> tuple[list[float], list[int]]:
    """Least hours from any source to every unit upstream (inf: none), and from which source.

    Multi-source Dijkstra keyed by (hours, source index): ties go to the smallest source id.
    """
    inf = float("inf")
    dist = [inf] * len(S.nodes)
    origin = [-1] * len(S.nodes)
    done = [False] * len(S.nodes)
    heap = [(0.0, s, s) for s in sorted(set(sources))]
    heapq.heapify(heap)
    succ, lead = S.succ, S.lead
    while heap:
        d, o, u = heapq.heappop(heap)
        if done[u]:
            continue
        done[u] = True
        dist[u], origin[u] = d, o
        for v, t in zip(succ[u], lead[u], strict=True):
            if not done[v]:
                nd = d + t
                if nd < dist[v] or (nd == dist[v] and o < origin[v]):
                    dist[v], origin[v] = nd, o
                    heapq.heappush(heap, (nd, o, v))
    return dist, origin
