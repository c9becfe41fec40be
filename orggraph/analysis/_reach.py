"""Index-space kernels for the bottleneck and failure analyses: strongly connected components and
exact counts of transitive dependents.

Nodes are integers ``0..n-1`` and ``succ[u]`` lists the nodes ``u`` depends on (edges point from
consumer to provider, as everywhere in orggraph). The dependents of ``v`` are the nodes that
reach ``v``.

Counting dependents exactly for every node is a transitive-closure problem. We collapse cycles
(strongly connected components: everyone in a loop depends on everyone else in it), walk the
resulting acyclic graph from consumers to providers, and carry each component's set of
dependents as a Python integer used as a bitset, so a union is one C-level OR and a count one
``int.bit_count``. The cost is O(E' x n / 64) word operations for E' edges between components,
which is a fraction of a second at 100k units when cycles collapse most of the graph and a few
seconds when they do not. Memory stays bounded because the bit range is processed in chunks of
``chunk_bits`` nodes and a component's set is dropped as soon as the last component that needs
it has been processed.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

__all__ = ["Reach", "bits_of", "count_dependents", "gc_paused", "mask", "strong_components"]

_NONZERO = re.compile(rb"[^\x00]")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many small containers are made.

    These analyses create hundreds of thousands of lists and sets next to a graph of millions of
    objects; each automatic collection would walk them all (seconds at 100k units). Nothing
    here creates reference cycles, and the previous state is restored on exit.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def strong_components(succ: Sequence[Sequence[int]]) -> tuple[list[int], list[list[int]]]:
    """Tarjan's algorithm, iterative: ``(comp, comps)``.

    ``comp[u]`` is the index of u's component in ``comps``; ``comps`` lists components with
    sorted members, **sinks first**: every component comes after all the components its members
    point to (providers before their consumers).
    """
    n = len(succ)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    comp = [-1] * n
    comps: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            v, i = work[-1]
            nbrs = succ[v]
            if i < len(nbrs):
                work[-1] = (v, i + 1)
                w = nbrs[i]
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                if low[v] < low[parent]:
                    low[parent] = low[v]
            if low[v] == index[v]:
                members = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp[w] = len(comps)
                    members.append(w)
                    if w == v:
                        break
                members.sort()
                comps.append(members)
    return comp, comps


def mask(positions: Iterable[int]) -> int:
    """The integer with exactly the given bit positions set (fast for many positions)."""
    positions = list(positions)
    if not positions:
        return 0
    buf = bytearray((max(positions) >> 3) + 1)
    for p in positions:
        buf[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(buf, "little")


def bits_of(value: int) -> list[int]:
    """The set bit positions of a non-negative integer, ascending (fast when few bits are set)."""
    data = value.to_bytes((value.bit_length() + 7) // 8, "little")
    out = []
    for match in _NONZERO.finditer(data):
        i = match.start()
        byte = data[i]
        for j in range(8):
            if byte >> j & 1:
                out.append(i * 8 + j)
    return out


@dataclass(frozen=True, slots=True)
class Reach:
    """Exact dependent counts: per node, and per group of consumers (see :func:`count_dependents`)."""

    dependents: list[int]
    front_line: list[int]
    group_dependents: list[int]
    group_front_line: list[int]


def count_dependents(
    succ: Sequence[Sequence[int]],
    front_line: Sequence[bool],
    groups: Sequence[tuple[Sequence[int], int]] = (),
    *,
    chunk_bits: int = 1 << 16,
) -> Reach:
    """How many nodes depend on each node, directly or transitively, and how many are front line.

    ``groups`` are ``(consumers, excluded)`` pairs, e.g. the consumers of a capability and its
    provider: a group's count is the number of nodes that are among the consumers or depend on
    one of them, not counting ``excluded``. A node never counts as its own dependent.
    """
    n = len(succ)
    comp, comps = strong_components(succ)
    ncomp = len(comps)
    pred_sets: list[set[int]] = [set() for _ in range(ncomp)]
    has_succ = [False] * ncomp
    for u in range(n):
        cu = comp[u]
        for v in succ[u]:
            cv = comp[v]
            if cv != cu:
                pred_sets[cv].add(cu)
                has_succ[cu] = True
    cpreds = [sorted(ps) for ps in pred_sets]
    # Processing order and bit positions: depth-first postorder walking from providers to their
    # consumers. Consumers come before providers, and a component's dependents mostly sit in a
    # narrow run of positions just before it, so its bitset stays short (stored with an offset).
    order = _postorder([c for c in range(ncomp) if not has_succ[c]], cpreds, ncomp)
    step = [0] * ncomp
    for k, c in enumerate(order):
        step[c] = k
    start = [0] * ncomp  # per step: first bit position of its members
    pos = [0] * n
    nxt = 0
    for k, c in enumerate(order):
        start[k] = nxt
        for u in comps[c]:
            pos[u] = nxt
            nxt += 1
    preds = [[step[p] for p in cpreds[c]] for c in order]
    sizes = [len(comps[c]) for c in order]
    refs = [0] * ncomp
    for ps in preds:
        for p in ps:
            refs[p] += 1
    group_steps: list[list[int]] = []
    ready: dict[int, list[int]] = {}
    for g, (consumers, _) in enumerate(groups):
        steps = sorted({step[comp[c]] for c in consumers})
        group_steps.append(steps)
        for t in steps:
            refs[t] += 1
        if steps:
            ready.setdefault(steps[-1], []).append(g)
    fl_bytes = mask(pos[u] for u in range(n) if front_line[u]).to_bytes(n // 8 + 1, "little")
    step_of_pos = [k for k in range(ncomp) for _ in range(sizes[k])]
    anc = [0] * ncomp
    anc_fl = [0] * ncomp
    g_count = [0] * len(groups)
    g_fl = [0] * len(groups)
    for lo in range(0, n, chunk_bits):
        hi = min(n, lo + chunk_bits)
        left = refs.copy()
        live: dict[int, tuple[int, int]] = {}  # step -> (offset, bits)
        for k in range(step_of_pos[lo], ncomp):
            ps = preds[k]
            if not ps:
                off, acc = 0, 0
            elif len(ps) == 1:
                p = ps[0]
                off, acc = live.get(p, _EMPTY)
                left[p] -= 1
                if not left[p]:
                    live.pop(p, None)
            else:
                off, acc = _union([live.get(p) for p in ps])
                for p in ps:
                    left[p] -= 1
                    if not left[p]:
                        live.pop(p, None)
            if acc:
                anc[k] += acc.bit_count()
                anc_fl[k] += _front(off, acc, fl_bytes)
            a, b = max(start[k], lo), min(start[k] + sizes[k], hi)
            if a < b:
                off, acc = _union(((off, acc), (a, (1 << (b - a)) - 1)))
            if acc and left[k]:
                live[k] = (off, acc)
            for g in ready.get(k, ()):
                union = _union(live.get(t) for t in group_steps[g])
                for t in group_steps[g]:
                    left[t] -= 1
                    if not left[t]:
                        live.pop(t, None)
                off, bits = union
                x = pos[groups[g][1]] - off
                if bits and x >= 0 and (bits >> x) & 1:
                    bits ^= 1 << x
                g_count[g] += bits.bit_count()
                g_fl[g] += _front(off, bits, fl_bytes)
    dependents = [0] * n
    fl_dependents = [0] * n
    for c, members in enumerate(comps):
        k = step[c]
        fl_in = sum(1 for u in members if front_line[u])
        for u in members:
            dependents[u] = anc[k] + len(members) - 1
            fl_dependents[u] = anc_fl[k] + fl_in - (1 if front_line[u] else 0)
    return Reach(dependents, fl_dependents, g_count, g_fl)


def _postorder(roots: list[int], preds: list[list[int]], n: int) -> list[int]:
    """Depth-first postorder over ``preds`` from each root in turn (then from anything left)."""
    seen = [False] * n
    out: list[int] = []
    for root in [*roots, *range(n)]:
        if seen[root]:
            continue
        seen[root] = True
        stack = [(root, 0)]
        while stack:
            c, i = stack[-1]
            ps = preds[c]
            if i < len(ps):
                stack[-1] = (c, i + 1)
                p = ps[i]
                if not seen[p]:
                    seen[p] = True
                    stack.append((p, 0))
            else:
                stack.pop()
                out.append(c)
    return out


_EMPTY = (0, 0)


def _union(sets: Iterable[tuple[int, int] | None]) -> tuple[int, int]:
    """Union of bitsets stored as ``(offset, bits)``: bit ``i`` of ``bits`` is position ``offset + i``."""
    off, acc = 0, 0
    for item in sets:
        if not item or not item[1]:
            continue
        o, bits = item
        if not acc:
            off, acc = o, bits
        elif o >= off:
            acc |= bits << (o - off)
        else:
            acc = (acc << (off - o)) | bits
            off = o
    return off, acc


def _front(off: int, bits: int, fl_bytes: bytes) -> int:
    """How many positions of an offset bitset are front line (reads only the bytes it spans)."""
    if not bits:
        return 0
    first = off >> 3
    window = int.from_bytes(fl_bytes[first : ((off + bits.bit_length()) >> 3) + 1], "little") >> (off & 7)
    return (bits & window).bit_count()
