"""The sampled split betweenness of :func:`orggraph.kernels.betweenness_split_indexed`, compiled.

igraph computes the same figures, but only one source set and one target set per call, and each
call on a graph of a million edges first spends tens of milliseconds converting the edge lengths
and building its incidence lists. The figures need two target sets (every vertex, and the
source's own label) for sources grouped by label, so igraph ran on one induced subgraph per label;
building those subgraphs cost as much as the searches. Here one search per source feeds both
accumulations and the pair counts, on one compressed-row copy of the graph.

The arithmetic is igraph's (``igraph_betweenness_subset``): the same search order (its two-way
heap, or a FIFO queue without lengths), the same tie test, the same sums in the same order, so
the figures are igraph's to the last bit (the tests check it). numba compiles the functions on
first use and caches the machine code on disk (``cache=True``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numba
import numpy as np

__all__ = ["split_betweenness_jit"]

_EPSILON = 1e-10
"""igraph's ``IGRAPH_SHORTEST_PATH_EPSILON``: relative tolerance under which two lengths tie."""


def split_betweenness_jit(
    n: int,
    edges: np.ndarray,
    labels: Sequence[int],
    distances: Sequence[float] | None,
    sources: list[int],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(raw, within, pairs_from, pairs_to)`` from ``sources``, per vertex of ``0..n-1``.

    ``edges`` is an ``(m, 2)`` array of index pairs, ``distances`` their lengths (``None``: all 1).
    ``raw``: unscaled betweenness over routes from the sources to every vertex; ``within``: the
    same over routes to vertices of the source's own label; the pair counts as
    :class:`orggraph.kernels.SplitBetweenness` defines them. Sources are taken label by label
    (ascending), each label's in the given order, and each label's sums are added to the totals
    in turn, as the igraph version summed one call per label.
    """
    tail, head = edges[:, 0], edges[:, 1]
    weighted = distances is not None
    length = np.asarray(distances if weighted else [], dtype=np.float64)
    if weighted and not (length > 0).all():
        raise ValueError("edge lengths must be positive")  # as igraph requires
    # igraph's incidence order: by tail, then head, then edge id (a stable sort; fast when the
    # edges come sorted); loops dropped.
    order = np.argsort(tail * n + head, kind="stable")
    order = order[tail[order] != head[order]]
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(tail[order], minlength=n), out=ptr[1:])
    lab = np.asarray(labels, dtype=np.int64)
    src = np.asarray(sources, dtype=np.int64)
    src = src[np.argsort(lab[src], kind="stable")]
    cuts = np.flatnonzero(np.diff(lab[src])) + 1  # where the next label's sources start
    starts = np.concatenate(([0], cuts, [len(src)]) if len(src) else ([0],)).astype(np.int64)
    return _split(n, ptr, head[order], length[order] if weighted else length, weighted, lab, src, starts)


@numba.njit(cache=True)
def _split(n, ptr, nbr, length, weighted, lab, src, starts):  # pragma: no cover - compiled
    """The searches and accumulations of :func:`split_betweenness_jit`, label group by group."""
    raw = np.zeros(n)
    within = np.zeros(n)
    group_raw = np.zeros(n)
    group_within = np.zeros(n)
    pairs_from = np.zeros(n, dtype=np.int64)
    pairs_to = np.zeros(n, dtype=np.int64)
    # Per search, reset on the vertices it reached: distance + 1 (0: not reached), route counts,
    # dependencies (all targets, own-label targets), parents as linked lists in a shared pool.
    dist = np.zeros(n)
    nrgeo = np.zeros(n)
    dep = np.zeros(n)
    dep_own = np.zeros(n)
    first = np.full(n, -1, dtype=np.int64)
    pool_vertex = np.empty(max(len(nbr), 1), dtype=np.int64)
    pool_next = np.empty(max(len(nbr), 1), dtype=np.int64)
    stack = np.empty(n, dtype=np.int64)
    heap_value = np.empty(n)
    heap_vertex = np.empty(n, dtype=np.int64)
    heap_pos = np.zeros(n, dtype=np.int64)  # position + 2 in the heap; 0: not in it
    for g in range(len(starts) - 1):
        label = lab[src[starts[g]]]
        for k in range(starts[g], starts[g + 1]):
            s = src[k]
            if weighted:
                size = _dijkstra(
                    s,
                    ptr,
                    nbr,
                    length,
                    dist,
                    nrgeo,
                    first,
                    pool_vertex,
                    pool_next,
                    stack,
                    heap_value,
                    heap_vertex,
                    heap_pos,
                )
            else:
                size = _bfs(s, ptr, nbr, dist, nrgeo, first, pool_vertex, pool_next, stack)
            for i in range(size - 1, -1, -1):
                v = stack[i]
                coeff = (1 + dep[v]) / nrgeo[v]
                coeff_own = ((1 + dep_own[v]) if lab[v] == label else dep_own[v]) / nrgeo[v]
                p = first[v]
                while p != -1:
                    u = pool_vertex[p]
                    dep[u] += nrgeo[u] * coeff
                    dep_own[u] += nrgeo[u] * coeff_own
                    p = pool_next[p]
                if v != s:
                    group_raw[v] += dep[v]
                    group_within[v] += dep_own[v]
                    if lab[v] != label:
                        pairs_from[s] += 1
                        pairs_to[v] += 1
                dist[v] = 0.0
                nrgeo[v] = 0.0
                dep[v] = 0.0
                dep_own[v] = 0.0
                first[v] = -1
        for v in range(n):
            raw[v] += group_raw[v]
            within[v] += group_within[v]
            group_raw[v] = 0.0
            group_within[v] = 0.0
    return raw, within, pairs_from, pairs_to


@numba.njit(cache=True)
def _dijkstra(
    s, ptr, nbr, length, dist, nrgeo, first, pool_vertex, pool_next, stack, heap_value, heap_vertex, heap_pos
):  # pragma: no cover - compiled
    """igraph's weighted single-source search (``igraph_i_sspf_weighted``); returns the stack size.

    The queue is igraph's two-way heap (``igraph_2wheap_t``), replicated operation by operation
    because the order in which equal distances leave it is the order of igraph's sums: a binary
    max-heap of minus the distance, ``heap_vertex[i]`` the vertex at position ``i`` and
    ``heap_pos[v]`` its position + 2 (0: not in the heap). The heap operations are inner
    functions so that they take no arrays: numba's reference counting on array arguments, per
    vertex, doubled the time.
    """

    def switch(i, j):
        heap_value[i], heap_value[j] = heap_value[j], heap_value[i]
        a, b = heap_vertex[i], heap_vertex[j]
        heap_pos[a], heap_pos[b] = j + 2, i + 2
        heap_vertex[i], heap_vertex[j] = b, a

    def settle(i, size):
        """Restore the heap after the value at position ``i`` changed: sink it, then shift up."""
        j = i
        while 2 * j + 1 < size:
            left, right = 2 * j + 1, 2 * j + 2
            child = left if right == size or heap_value[left] >= heap_value[right] else right
            if not heap_value[j] < heap_value[child]:
                break
            switch(j, child)
            j = child
        while i != 0 and not heap_value[i] < heap_value[(i + 1) // 2 - 1]:
            switch(i, (i + 1) // 2 - 1)
            i = (i + 1) // 2 - 1

    used = 0  # parent entries in the pool
    size = 0  # vertices settled (on the stack)
    heap_value[0], heap_vertex[0], heap_pos[s] = -1.0, s, 2
    queued = 1
    dist[s] = 1.0
    nrgeo[s] = 1.0
    while queued > 0:
        u = heap_vertex[0]
        du = -heap_value[0]
        queued -= 1  # pop: the last entry moves to the top
        switch(0, queued)
        heap_pos[u] = 0
        settle(0, queued)
        stack[size] = u
        size += 1
        for e in range(ptr[u], ptr[u + 1]):
            v = nbr[e]
            alt = du + length[e]
            cur = dist[v]
            c = -1 if cur == 0.0 else _cmp_epsilon(alt, cur)
            if c < 0:  # the first route found to v, or a shorter one: u is its only parent
                first[v] = used
                pool_vertex[used] = u
                pool_next[used] = -1
                used += 1
                nrgeo[v] = nrgeo[u]
                dist[v] = alt
                if cur == 0.0:  # push
                    i = queued
                    queued += 1
                    heap_vertex[i], heap_pos[v] = v, i + 2
                else:
                    i = heap_pos[v] - 2
                heap_value[i] = -alt
                settle(i, queued)
            elif c == 0:  # as short: one more parent
                pool_vertex[used] = u
                pool_next[used] = first[v]
                first[v] = used
                used += 1
                nrgeo[v] += nrgeo[u]
    return size


@numba.njit(cache=True)
def _bfs(s, ptr, nbr, dist, nrgeo, first, pool_vertex, pool_next, stack):  # pragma: no cover - compiled
    """igraph's unweighted single-source search (``igraph_i_sspf``): the stack doubles as the queue."""
    used = 0
    size = 1
    stack[0] = s
    dist[s] = 1.0
    nrgeo[s] = 1.0
    head = 0
    while head < size:
        u = stack[head]
        head += 1
        for e in range(ptr[u], ptr[u + 1]):
            v = nbr[e]
            if dist[v] == 0.0:
                dist[v] = dist[u] + 1.0
                stack[size] = v
                size += 1
            if dist[v] == dist[u] + 1.0:
                pool_vertex[used] = u
                pool_next[used] = first[v]
                first[v] = used
                used += 1
                nrgeo[v] += nrgeo[u]
    return size


@numba.njit(cache=True, inline="always")
def _cmp_epsilon(a, b):  # pragma: no cover - compiled
    """igraph_cmp_epsilon for two positive lengths: 0 when they tie, else the sign of ``a - b``."""
    if a == b:
        return 0
    diff = a - b
    if abs(diff) / (abs(a) + abs(b)) < _EPSILON:
        return 0
    return -1 if diff < 0 else 1
