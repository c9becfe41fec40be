"""Index-space kernels for the bottleneck and failure analyses: strongly connected components and
exact counts of transitive dependents.

Nodes are integers ``0..n-1`` and ``succ[u]`` lists the nodes ``u`` depends on (edges point from
consumer to provider, as everywhere in orggraph). The dependents of ``v`` are the nodes that
reach ``v``.

Counting dependents exactly for every node is a transitive-closure problem. We collapse cycles
(strongly connected components: everyone in a loop depends on everyone else in it; igraph does
this in C when installed), number the components in depth-first postorder walking from providers
to their consumers, and walk them in that order carrying each component's set of dependents as a
window of 64-bit words (numpy). A union writes every predecessor's window into one buffer in
place and a count is a popcount, so the cost is the total size of the windows merged, about
O(E' x n / 64) words for E' edges between components, in C. The postorder keeps a component's
dependents in a narrow run of positions just before it, which keeps windows short; components
nobody depends on (most people) are never stored; a set is dropped after the last step that
reads it. A set that holds the top position of another predecessor's set already covers it
(everything that reaches that predecessor reaches this one), so predecessors are merged highest
first and covered ones skipped.

Here the loops run in Python, which costs about 40 microseconds of interpreter overhead per
component: about 4 s for 100k units and a million dependencies. From a graph size (nodes +
edges) of :data:`orggraph.kernels.COMPILED_FROM` the same algorithm runs compiled
(:mod:`orggraph.analysis._reach_jit`, about 1 s).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from orggraph.kernels import HAVE_IGRAPH, ig, sorted_distinct, use_compiled

__all__ = [
    "Reach",
    "bits_of",
    "component_edges",
    "condensation",
    "count_dependents",
    "mask",
    "strong_components",
]

_NONZERO = re.compile(rb"[^\x00]")


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
    other_label: list[int]
    """Per node: dependents that carry another label than the node; empty unless ``labels`` were given."""


def count_dependents(
    succ: Sequence[Sequence[int]],
    front_line: Sequence[bool],
    groups: Sequence[tuple[Sequence[int], int]] = (),
    labels: Sequence[int] | None = None,
    *,
    engine: Literal["auto", "python", "compiled"] = "auto",
) -> Reach:
    """How many nodes depend on each node, directly or transitively, and how many are front line.

    ``groups`` are ``(consumers, excluded)`` pairs, e.g. the consumers of a capability and its
    provider: a group's count is the number of nodes that are among the consumers or depend on
    one of them, not counting ``excluded``. A node never counts as its own dependent.
    With ``labels`` (e.g. department codes), also count each node's dependents that carry
    another label than its own.

    ``engine="auto"`` runs the compiled kernel (:mod:`orggraph.analysis._reach_jit`) on graphs
    large enough for it (:func:`orggraph.kernels.use_compiled`), and this module's Python on
    smaller ones, where importing numba would cost more than it saves; both give the same
    answers (the tests check it on random graphs).
    """
    n = len(succ)
    if engine == "compiled" or (engine == "auto" and use_compiled(n, sum(map(len, succ)))):
        from orggraph.analysis._reach_jit import count_dependents_jit  # numba: large graphs only

        return Reach(*count_dependents_jit(succ, front_line, groups, labels))
    comp, comps, cpreds = condensation(succ)
    ncomp = len(comps)
    has_succ = [False] * ncomp
    for ps in cpreds:
        for p in ps:
            has_succ[p] = True
    # Processing order and bit positions: depth-first postorder walking from providers to their
    # consumers. Consumers come before providers, and a component's dependents mostly sit in a
    # run of positions before it, so its set is kept as a window of 64-bit words.
    order = _postorder([c for c in range(ncomp) if not has_succ[c]], cpreds, ncomp)
    step = [0] * ncomp
    for k, c in enumerate(order):
        step[c] = k
    start = [0] * (ncomp + 1)  # per step: first bit position of its members
    pos = [0] * n
    nxt = 0
    for k, c in enumerate(order):
        start[k] = nxt
        for u in comps[c]:
            pos[u] = nxt
            nxt += 1
    start[ncomp] = n
    preds = [[step[p] for p in cpreds[c]] for c in order]
    # A component nobody depends on (most people) is only ever its own bits: no set is kept.
    source = [not ps for ps in preds]
    last = [-1] * ncomp  # the last step that reads a component's set; it is dropped after that
    for k, ps in enumerate(preds):
        for p in ps:
            last[p] = k
    group_steps: list[list[int]] = []
    ready: dict[int, list[int]] = {}
    for g, (consumers, _) in enumerate(groups):
        steps = sorted({step[comp[c]] for c in consumers})
        group_steps.append(steps)
        if steps:
            ready.setdefault(steps[-1], []).append(g)
            for t in steps:
                last[t] = max(last[t], steps[-1])
    drop: list[list[int]] = [[] for _ in range(ncomp)]
    for t, k in enumerate(last):
        if k >= 0 and not source[t]:
            drop[k].append(t)
    front = _Words.of([pos[u] for u in range(n) if front_line[u]], (n >> 6) + 1)
    tally = None if labels is None else _LabelTally(labels, pos, n)
    live: dict[int, _Words] = {}
    anc = [0] * ncomp
    anc_fl = [0] * ncomp
    g_count = [0] * len(groups)
    g_fl = [0] * len(groups)

    def gather(steps: list[int], own: range = range(0)) -> _Words:
        items = [live[p] for p in steps if not source[p] and p in live]
        points = [x for p in steps if source[p] for x in range(start[p], start[p + 1])]
        points.extend(own)
        return _Words.union(items, points)

    for k in range(ncomp):
        if source[k] and k not in ready:
            continue
        ps = preds[k]
        if ps:
            # The component's own bits go in the same pass (it is kept for the steps that read
            # it) and are taken off the counts.
            own = range(start[k], start[k + 1]) if last[k] >= k else range(0)
            found = gather(ps, own)
            anc[k] = found.count() - len(own)
            anc_fl[k] = found.count_and(front) - sum(1 for x in own if front.has(x))
            if tally is not None:
                tally.add(k, comps[order[k]], found, bool(own))
            if own:
                live[k] = found
        for g in ready.get(k, ()):
            found = gather(group_steps[g])
            x = pos[groups[g][1]]
            inside = found.has(x)
            g_count[g] = found.count() - inside
            g_fl[g] = found.count_and(front) - (inside and front.has(x))
        for t in drop[k]:
            del live[t]
    dependents = [0] * n
    fl_dependents = [0] * n
    for c, members in enumerate(comps):
        k = step[c]
        fl_in = sum(1 for u in members if front_line[u])
        for u in members:
            dependents[u] = anc[k] + len(members) - 1
            fl_dependents[u] = anc_fl[k] + fl_in - (1 if front_line[u] else 0)
    other = [] if tally is None else tally.result(comps, step)
    return Reach(dependents, fl_dependents, g_count, g_fl, other)


class _LabelTally:
    """Counts, per node, the dependents whose label differs from the node's own."""

    def __init__(self, labels: Sequence[int], pos: list[int], n: int) -> None:
        self.labels = labels
        by_label: dict[int, list[int]] = {}
        for u in range(n):
            by_label.setdefault(labels[u], []).append(pos[u])
        self.by_label = {lab: _Words.of(ps, (n >> 6) + 1) for lab, ps in by_label.items()}
        self.found: dict[tuple[int, int], int] = {}  # (step, label) -> counted dependents of other labels

    def add(self, k: int, members: list[int], found: _Words, has_own: bool) -> None:
        """Record what ``found`` (the component's dependents, with its own bits when ``has_own``) holds."""
        total = found.count()
        if len(members) == 1:  # most components: no other member to count
            (u,) = members
            mask = self.by_label.get(self.labels[u])
            self.found[(k, self.labels[u])] = total - (found.count_and(mask) if mask is not None else 0)
            return
        own = self._own_other(members)
        for lab, own_other in own.items():
            mask = self.by_label.get(lab)
            same = found.count_and(mask) if mask is not None else 0
            self.found[(k, lab)] = total - same - (own_other if has_own else 0)

    def _own_other(self, members: list[int]) -> dict[int, int]:
        """For each label among ``members``: how many members carry another label."""
        per_label = Counter(self.labels[w] for w in members)
        inside = sum(per_label.values())
        return {lab: inside - per_label.get(lab, 0) for lab in {self.labels[u] for u in members}}

    def result(self, comps: list[list[int]], step: list[int]) -> list[int]:
        out = [0] * len(self.labels)
        for c, members in enumerate(comps):
            k = step[c]
            own = self._own_other(members) if len(members) > 1 else None
            for u in members:
                lab = self.labels[u]
                out[u] = self.found.get((k, lab), 0) + (own[lab] if own else 0)
        return out


_SIX = np.uint64(6)
_LOW = np.uint64(63)
_ONE = np.uint64(1)
_popcount = getattr(np, "bitwise_count", None)  # numpy >= 2


class _Words:
    """A set of bit positions as a window of 64-bit words: ``words[i]`` holds positions
    ``64 * (first + i)`` to ``64 * (first + i) + 63``. A union writes into one fresh buffer in
    place, so merging a narrow set into a wide one costs the narrow one's size."""

    __slots__ = ("first", "top", "words")

    def __init__(self, first: int, words: np.ndarray, top: int) -> None:
        # top: the highest position in the set, i.e. its component's own last member
        self.first, self.words, self.top = first, words, top

    @classmethod
    def of(cls, points: list[int], size: int) -> _Words:
        words = np.zeros(size, dtype=np.uint64)
        _set_bits(words, 0, points)
        return cls(0, words, max(points, default=-1))

    @classmethod
    def union(cls, items: list[_Words], points: list[int]) -> _Words:
        """The union, in a new buffer unless it is a single item. An item whose own position is
        already in the union (it depends on an item merged before) adds nothing and is skipped."""
        if not points and len(items) == 1:
            return items[0]
        firsts = [w.first for w in items]
        ends = [w.first + len(w.words) for w in items]
        if points:
            firsts.append(min(points) >> 6)
            ends.append((max(points) >> 6) + 1)
        if not firsts:
            return cls(0, np.zeros(0, dtype=np.uint64), -1)
        lo = min(firsts)
        out = np.zeros(max(ends) - lo, dtype=np.uint64)
        for w in sorted(items, key=lambda w: -w.top):
            if int(out[(w.top >> 6) - lo]) >> (w.top & 63) & 1:
                continue
            view = out[w.first - lo : w.first - lo + len(w.words)]
            np.bitwise_or(view, w.words, out=view)
        _set_bits(out, lo, points)
        return cls(lo, out, max(max((w.top for w in items), default=-1), max(points, default=-1)))

    def count(self) -> int:
        return _count(self.words)

    def count_and(self, other: _Words) -> int:
        """How many positions are in both (``other`` must start at word 0 and cover this window)."""
        return _count(self.words & other.words[self.first : self.first + len(self.words)])

    def has(self, x: int) -> bool:
        i = (x >> 6) - self.first
        return 0 <= i < len(self.words) and bool(int(self.words[i]) >> (x & 63) & 1)


def _set_bits(words: np.ndarray, first: int, points: list[int]) -> None:
    if len(points) < 8:
        for x in points:
            words[(x >> 6) - first] |= _ONE << np.uint64(x & 63)
    else:
        p = np.asarray(points, dtype=np.uint64)
        np.bitwise_or.at(words, (p >> _SIX).astype(np.int64) - first, _ONE << (p & _LOW))


def _count(words: np.ndarray) -> int:
    if _popcount is not None:
        return int(_popcount(words).sum())
    return int.from_bytes(words.tobytes(), "little").bit_count()


def condensation(succ: Sequence[Sequence[int]]) -> tuple[list[int], list[list[int]], list[list[int]]]:
    """Strongly connected components and the acyclic graph between them.

    Returns ``(comp, comps, preds)``: each node's component, each component's sorted members,
    and for each component the sorted components with an edge into it. Uses igraph and numpy
    when igraph is installed (C speed at 100k units), else :func:`strong_components`.
    """
    n = len(succ)
    if not HAVE_IGRAPH or n == 0:
        comp, comps = strong_components(succ)
        pred_sets: list[set[int]] = [set() for _ in comps]
        for u in range(n):
            for v in succ[u]:
                if comp[v] != comp[u]:
                    pred_sets[comp[v]].add(comp[u])
        return comp, comps, [sorted(ps) for ps in pred_sets]
    degree = np.fromiter((len(s) for s in succ), dtype=np.int64, count=n)
    src = np.repeat(np.arange(n, dtype=np.int64), degree)
    dst = np.fromiter(itertools.chain.from_iterable(succ), dtype=np.int64, count=int(degree.sum()))
    H = ig.Graph(n=n, edges=np.column_stack((src, dst)).tolist(), directed=True)
    membership = np.asarray(H.connected_components(mode="strong").membership, dtype=np.int64)
    ncomp = int(membership.max()) + 1
    comp = membership.tolist()
    comps: list[list[int]] = [[] for _ in range(ncomp)]
    for u, c in enumerate(comp):
        comps[c].append(u)
    targets, sources = component_edges(membership, src, dst, ncomp)
    bounds = np.searchsorted(targets, np.arange(ncomp + 1)).tolist()
    flat = sources.tolist()
    preds = [flat[bounds[c] : bounds[c + 1]] for c in range(ncomp)]
    return comp, comps, preds


def component_edges(
    comp: np.ndarray, src: np.ndarray, dst: np.ndarray, ncomp: int
) -> tuple[np.ndarray, np.ndarray]:
    """The distinct edges ``src -> dst`` between different components ``comp`` (of ``ncomp``), as
    ``(target, source)`` component arrays sorted by target, then source."""
    cu, cv = comp[src], comp[dst]
    cross = cu != cv
    key = sorted_distinct(cv[cross] * ncomp + cu[cross])
    return key // ncomp, key % ncomp


def _postorder(roots: list[int], preds: list[list[int]], n: int) -> list[int]:
    """Depth-first postorder over ``preds`` from each root in turn (then from anything left)."""
    seen = [False] * n
    out: list[int] = []
    for root in [*roots, *range(n)]:
        if seen[root]:
            continue
        seen[root] = True
        stack = [(root, iter(preds[root]))]
        while stack:
            c, it = stack[-1]
            for p in it:
                if not seen[p]:
                    seen[p] = True
                    stack.append((p, iter(preds[p])))
                    break
            else:
                stack.pop()
                out.append(c)
    return out
