"""Organisational network analysis measures, vectorised with numpy so they run on 100k people.

The silo analysis needs, on the unit-level dependency graph (consumer -> provider):

* **Gould and Fernandez brokerage roles**, counted over the open two-step paths a -> b -> c
  (a != c, and a has no direct tie to c), classified by the groups of a, b and c;
* **Burt's constraint and effective size**, on mutual weights (w(u, v) + w(v, u)), exactly as
  :func:`networkx.constraint` and :func:`networkx.effective_size` define them;
* the **modularity** of a partition and the **normalised mutual information** between two.

networkx's pure-Python versions of Burt's measures visit every neighbour's neighbours and take
minutes at 100k units; here two-step paths and triangles are enumerated in bulk, in chunks that
bound memory, and everything else is a ``bincount``. The test suite checks each function against
networkx or against a hand-computed case.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

__all__ = [
    "BROKERAGE_ROLES",
    "EdgeArrays",
    "brokerage_counts",
    "burt_measures",
    "edge_arrays",
    "modularity",
    "nmi",
]

#: Column order of :func:`brokerage_counts`.
BROKERAGE_ROLES = ("coordinator", "gatekeeper", "representative", "itinerant", "liaison")
_COORD, _GATE, _REPR, _ITIN, _LIAISON = range(5)
_CHUNK = 2_000_000  # two-step paths or wedges handled per numpy batch (bounds memory to ~100 MB)


@dataclass(frozen=True, slots=True)
class EdgeArrays:
    """A directed graph as integer arrays: ``nodes[i]`` is vertex i, edge k is ``src[k] -> dst[k]``."""

    nodes: list[Hashable]
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray
    criticality: np.ndarray
    """Each edge's ``criticality_weight`` (1 low .. 4 critical; 2 when the graph does not say)."""

    @property
    def n(self) -> int:
        return len(self.nodes)


def edge_arrays(G: nx.DiGraph, weight: str | None = "weight") -> EdgeArrays:
    """Index ``G`` once: nodes in sorted order, edges as arrays (self-loops left out).

    Missing weights count as 1; ``weight=None`` gives every edge weight 1.
    """
    nodes = sorted(G.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    src: list[int] = []
    dst: list[int] = []
    wts: list[float] = []
    crit: list[float] = []
    # the plain dict-of-dicts behind G.adj: walking it per node with C-level extends is several
    # times faster than the public views at a million edges
    for u, nbrs in G._adj.items():  # type: ignore[attr-defined]
        if not nbrs:
            continue
        src.extend([index[u]] * len(nbrs))
        dst.extend(map(index.__getitem__, nbrs))
        data = nbrs.values()
        wts.extend([d.get(weight, 1.0) for d in data] if weight is not None else [1.0] * len(nbrs))
        crit.extend([d.get("criticality_weight", 2.0) for d in data])
    s, d = np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64)
    keep = s != d
    return EdgeArrays(
        nodes=nodes,
        src=s[keep],
        dst=d[keep],
        weight=np.asarray(wts, dtype=np.float64)[keep],
        criticality=np.asarray(crit, dtype=np.float64)[keep],
    )


def brokerage_counts(arrays: EdgeArrays, groups: np.ndarray) -> np.ndarray:
    """Gould-Fernandez brokerage: an ``(n, 5)`` array of role counts per broker b.

    Every open two-step path a -> b -> c (``a != c`` and no edge a -> c) makes b a broker,
    of a kind set by the groups (``groups[i]`` is vertex i's group):

    ============== ========================== =========================================
    role           groups                     meaning
    ============== ========================== =========================================
    coordinator    A = B = C                  brokers inside their own group
    gatekeeper     A != B = C                 controls what reaches their group from A
    representative A = B != C                 carries their group's needs to C
    itinerant      A = C != B                 an outsider linking two members of A
    liaison        A, B, C all different      links two groups, belonging to neither
    ============== ========================== =========================================

    Columns follow :data:`BROKERAGE_ROLES`. Edges point consumer -> provider, so a path
    a -> b -> c means a depends on b, who depends on c.
    """
    n = arrays.n
    counts = np.zeros(n * 5, dtype=np.int64)
    if n == 0 or arrays.src.size == 0:
        return counts.reshape(n, 5)
    src, dst = arrays.src, arrays.dst
    order = np.argsort(src, kind="stable")
    out_nbr = dst[order]
    outdeg = np.bincount(src, minlength=n)
    out_ptr = np.concatenate(([0], np.cumsum(outdeg)))
    keys = np.sort(src * n + dst)
    reps = outdeg[dst]  # edge a -> b continues with each out-neighbour c of b
    for s, e in _chunks(reps):
        a, b, c = _expand(src[s:e], dst[s:e], reps[s:e], out_ptr, out_nbr)
        keep = a != c
        a, b, c = a[keep], b[keep], c[keep]
        keep = ~_contains(keys, a * n + c)
        a, b, c = a[keep], b[keep], c[keep]
        ga, gb, gc = groups[a], groups[b], groups[c]
        role = np.where(
            ga == gb,
            np.where(gb == gc, _COORD, _REPR),
            np.where(gb == gc, _GATE, np.where(ga == gc, _ITIN, _LIAISON)),
        )
        counts += np.bincount(b * 5 + role, minlength=n * 5)
    return counts.reshape(n, 5)


def burt_measures(arrays: EdgeArrays) -> tuple[np.ndarray, np.ndarray]:
    """Burt's constraint and effective size of every vertex (NaN for a vertex with no tie).

    With mutual weights m(i, j) = w(i, j) + w(j, i), p(i, j) = m(i, j) / sum of i's mutual
    weights, and N(i) the neighbours of i in either direction:

    * constraint(i) = sum over j in N(i) of (p(i, j) + sum over q of p(i, q) p(q, j))^2.
      High (up to 1 and above) when i's contacts all know each other or i depends on one of them.
    * effective size(i) = sum over j in N(i) of (1 - sum over q of p(i, q) m(j, q) / max m(j, .)):
      the number of contacts, minus how redundant they are with each other.

    The inner sums run over the triangles i, q, j, which are enumerated once, in bulk. On a
    directed graph networkx also returns NaN for a vertex with ties *into* it but none out of it;
    here only a vertex with no tie at all is NaN, and every other figure is the same as networkx's.
    """
    n = arrays.n
    nan = np.full(n, np.nan)
    if n == 0 or arrays.src.size == 0:
        return nan, nan.copy()
    lo = np.minimum(arrays.src, arrays.dst)
    hi = np.maximum(arrays.src, arrays.dst)
    ukey, inverse = np.unique(lo * n + hi, return_inverse=True)
    mutual = np.bincount(inverse, weights=arrays.weight)
    m = ukey.size
    eu, ev = ukey // n, ukey % n
    # both orientations of undirected tie e: position e is (low id, high id), position e + m the reverse
    row = np.concatenate((eu, ev))
    mw = np.concatenate((mutual, mutual))
    total = np.bincount(row, weights=mw, minlength=n)
    biggest = np.zeros(n)
    np.maximum.at(biggest, row, mw)
    with np.errstate(divide="ignore", invalid="ignore"):  # only ties of total weight 0
        share = mw / total[row]
    indirect = np.zeros(2 * m)
    redundancy = np.zeros(2 * m)
    for tri, edge in _triangles(n, eu, ev, ukey):
        # position of each ordered pair (a, b) of the triangle's corners in the (row, col) arrays
        pos = {}
        for a, b in itertools.permutations(range(3), 2):
            e = edge[frozenset((a, b))]
            pos[a, b] = e + m * (tri[a] > tri[b])
        for i, j, q in itertools.permutations(range(3)):
            e_ij, e_iq, e_qj, e_jq = pos[i, j], pos[i, q], pos[q, j], pos[j, q]
            indirect += np.bincount(e_ij, weights=share[e_iq] * share[e_qj], minlength=2 * m)
            redundancy += np.bincount(e_ij, weights=share[e_iq] * mw[e_jq] / biggest[tri[j]], minlength=2 * m)
    degree = np.bincount(row, minlength=n)
    constraint = np.bincount(row, weights=(share + indirect) ** 2, minlength=n)
    effective = degree - np.bincount(row, weights=redundancy, minlength=n)
    isolated = degree == 0
    constraint[isolated] = np.nan
    effective[isolated] = np.nan
    return constraint, effective


def modularity(arrays: EdgeArrays, membership: np.ndarray) -> float:
    """Newman's modularity of a partition on the undirected, weighted view of the graph.

    Reciprocal edges are added together (w(u, v) + w(v, u)). Q = sum over groups of
    (weight inside / total weight) - (group's share of all tie ends)^2; 0 for a graph without ties.
    """
    w = arrays.weight
    total = float(w.sum())
    if total <= 0:
        return 0.0
    k = int(membership.max()) + 1 if membership.size else 0
    gs, gd = membership[arrays.src], membership[arrays.dst]
    inside = np.bincount(gs[gs == gd], weights=w[gs == gd], minlength=k)
    ends = np.bincount(gs, weights=w, minlength=k) + np.bincount(gd, weights=w, minlength=k)
    return float((inside / total).sum() - ((ends / (2 * total)) ** 2).sum())


def nmi(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Normalised mutual information of two labellings of the same items, in [0, 1].

    NMI = 2 I(A; B) / (H(A) + H(B)) (the arithmetic normalisation of Danon et al. 2005, also
    scikit-learn's default): 1 when the partitions are the same up to renaming, 0 when
    knowing one tells nothing about the other. Two one-group partitions count as identical (1).

    >>> nmi([0, 0, 1, 1], [5, 5, 7, 7])
    1.0
    >>> nmi([0, 0, 1, 1], [0, 1, 0, 1])
    0.0
    """
    if len(a) != len(b):
        raise ValueError(f"the two labellings cover {len(a)} and {len(b)} items")
    n = len(a)
    if n == 0:
        return 1.0
    joint = Counter(zip(a, b, strict=True))
    ca, cb = Counter(a), Counter(b)

    def entropy(counts: Counter) -> float:
        return -sum(c / n * math.log(c / n) for c in counts.values())

    ha, hb = entropy(ca), entropy(cb)
    if ha + hb == 0:
        return 1.0
    mi = sum(c / n * math.log(c * n / (ca[x] * cb[y])) for (x, y), c in joint.items())
    return max(0.0, min(1.0, 2 * mi / (ha + hb)))


# --------------------------------------------------------------------------------------------


def _chunks(reps: np.ndarray) -> Iterator[tuple[int, int]]:
    """Split edge positions into runs whose expansions total about ``_CHUNK`` rows."""
    cum = np.cumsum(reps)
    start = 0
    while start < reps.size:
        base = cum[start - 1] if start else 0
        end = int(np.searchsorted(cum, base + _CHUNK, side="right"))
        end = max(end, start + 1)
        yield start, end
        start = end


def _expand(
    first: np.ndarray, middle: np.ndarray, reps: np.ndarray, ptr: np.ndarray, nbr: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each pair (first, middle), one row per neighbour of ``middle`` in the CSR (ptr, nbr)."""
    total = int(reps.sum())
    a = np.repeat(first, reps)
    b = np.repeat(middle, reps)
    offsets = np.arange(total) - np.repeat(np.cumsum(reps) - reps, reps)
    c = nbr[np.repeat(ptr[middle], reps) + offsets]
    return a, b, c


def _contains(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    pos = np.searchsorted(sorted_keys, keys)
    pos[pos == sorted_keys.size] = 0
    return sorted_keys[pos] == keys if sorted_keys.size else np.zeros(keys.size, dtype=bool)


def _triangles(
    n: int, eu: np.ndarray, ev: np.ndarray, ukey: np.ndarray
) -> Iterator[tuple[tuple[np.ndarray, np.ndarray, np.ndarray], dict[frozenset[int], np.ndarray]]]:
    """Every triangle of the undirected simple graph (eu[e], ev[e]) once, in batches.

    Yields the corners ``(x, y, z)`` as arrays and the ids of the edges joining them, keyed by the
    pair of corner numbers (``{0, 1}`` is x - y). Edges are oriented from lower to higher
    (degree, id) rank, so a hub has few forward neighbours, and each triangle is found once as a
    wedge x -> y, x -> z closed by y - z.
    """
    degree = np.bincount(np.concatenate((eu, ev)), minlength=n)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), degree))] = np.arange(n)
    forward = rank[eu] < rank[ev]
    fu = np.where(forward, eu, ev)
    fv = np.where(forward, ev, eu)
    fid = np.lexsort((rank[fv], fu))  # forward position -> edge id
    fu, fv = fu[fid], fv[fid]
    fdeg = np.bincount(fu, minlength=n)
    fptr = np.concatenate(([0], np.cumsum(fdeg)))
    # an edge at position p of x's list pairs with the later entries of that list
    later = fptr[fu + 1] - np.arange(fu.size) - 1
    for s, e in _chunks(later):
        reps = later[s:e]
        first = np.repeat(np.arange(s, e), reps)
        second = first + 1 + np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
        x, y, z = fu[first], fv[first], fv[second]
        key = np.minimum(y, z) * n + np.maximum(y, z)
        at = np.searchsorted(ukey, key)
        at[at == ukey.size] = 0
        closed = ukey[at] == key if ukey.size else np.zeros(key.size, dtype=bool)
        if closed.any():
            yield (
                (x[closed], y[closed], z[closed]),
                {
                    frozenset((0, 1)): fid[first[closed]],
                    frozenset((0, 2)): fid[second[closed]],
                    frozenset((1, 2)): at[closed],
                },
            )
