"""Index-space figures of an organisation for impact analysis: built once, patched per scenario.

:class:`Figures` holds, per unit (ids in sorted order): the hand-offs chains follow (primary
providers, each at its slowest link: the rules of :mod:`orggraph.analysis._supply`), every tie
(unit-level edge, any provider), the yearly demand it receives as primary provider, its department,
front-line flag and FTE. The rows mirror :func:`orggraph.graph.build_graph` link for link (the tests
check them against it) but are read straight from the organisation, so no graph is built or copied.

A scenario changes the rows of a few consumers only: those whose dependencies changed, or whose
capabilities changed providers (:func:`delta`). :func:`patch_figures` copies the row
lists (pointer copies) and recomputes just those rows, so the "after" figures cost what the change
touches plus a few linear list copies, not a rebuild.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from orggraph.analysis._supply import Longest, SupplyGraph, _tarjan, longest_chains
from orggraph.graph import NO_DEPARTMENT
from orggraph.model import Capability, Dependency, Org

__all__ = [
    "ChainFigures",
    "Delta",
    "Dependents",
    "Figures",
    "build_figures",
    "chain_figures",
    "consumers_of",
    "delta",
    "deps_by_consumer",
    "patch_figures",
    "path_of",
    "tie_arrays",
]

Row = tuple[
    tuple[int, ...],
    tuple[float, ...],
    tuple[int, ...],
    tuple[tuple[int, float], ...],
    tuple[tuple[str, ...], ...],
]
"""(primary providers, their lead times, all providers, (primary provider, demand weight) per dependency,
the capabilities behind each primary hand-off)."""


@dataclass(frozen=True, slots=True)
class Figures:
    """Per-unit rows of one version of an organisation; see the module docstring.

    ``nodes`` may include units absent from this version (a scenario's removed units keep their
    index so before and after line up); they have ``present`` False and empty rows.
    """

    org: Org
    nodes: tuple[str, ...]
    index: Mapping[str, int]
    present: tuple[bool, ...]
    rows: tuple[Row, ...]
    demand: tuple[float, ...]
    """Yearly demand received as primary provider: events per year x criticality weight."""
    department: tuple[str, ...]
    front_line: tuple[bool, ...]
    fte: tuple[float, ...]


def deps_by_consumer(
    deps: Iterable[Dependency], wanted: Collection[str] | None = None
) -> dict[str, list[Dependency]]:
    """Dependencies grouped by consumer (only the ``wanted`` consumers when given), in file order."""
    out: dict[str, list[Dependency]] = {}
    for dep in deps:
        if wanted is None or dep.consumer in wanted:
            out.setdefault(dep.consumer, []).append(dep)
    return out


def _row(
    consumer: str, deps: Sequence[Dependency], caps: Mapping[str, Capability], index: Mapping[str, int]
) -> Row:
    """One consumer's row, by the rules of build_graph (links) and build_supply_graph (primary, slowest)."""
    primary: dict[int, float] = {}
    behind: dict[int, list[str]] = {}
    ties: set[int] = set()
    demand: list[tuple[int, float]] = []
    for dep in deps:
        cid = dep.capability_id
        cap = caps.get(cid)
        providers = cap.providers if cap is not None else (dep.provider,)
        if dep.lead_time_hours is not None:
            lead = dep.lead_time_hours
        elif cap is not None and cap.lead_time_hours is not None:
            lead = cap.lead_time_hours
        else:
            lead = 0.0
        for rank, provider in enumerate(providers):
            if provider == consumer or provider not in index:
                continue
            v = index[provider]
            ties.add(v)
            if rank == 0:
                primary[v] = max(primary.get(v, 0.0), lead)
                behind.setdefault(v, []).append(cid)
                demand.append((v, dep.events_per_year * dep.criticality_weight))
    succ = tuple(sorted(primary))
    return (
        succ,
        tuple(primary[v] for v in succ),
        tuple(sorted(ties)),
        tuple(demand),
        tuple(tuple(behind[v]) for v in succ),
    )


_EMPTY: Row = ((), (), (), (), ())


def _declared(org: Org) -> dict[str, Capability]:
    """Declared capabilities; an implicit ``direct:`` one is read off its dependency (one provider)."""
    return {c.id: c for c in org.capabilities}


def build_figures(org: Org, nodes: Sequence[str] | None = None) -> Figures:
    """Figures of ``org`` from scratch, over ``nodes`` (default: its units in id order)."""
    nodes = tuple(sorted(org.unit_by_id)) if nodes is None else tuple(nodes)
    index = {u: i for i, u in enumerate(nodes)}
    units = org.unit_by_id
    caps = _declared(org)
    grouped = deps_by_consumer(org.dependencies)
    rows = tuple(_row(u, grouped[u], caps, index) if u in grouped and u in units else _EMPTY for u in nodes)
    return _assemble(org, nodes, index, rows)


def _assemble(org: Org, nodes: tuple[str, ...], index: Mapping[str, int], rows: tuple[Row, ...]) -> Figures:
    units = org.unit_by_id
    demand = [0.0] * len(nodes)
    for row in rows:
        for v, weight in row[3]:
            demand[v] += weight
    present = tuple(u in units for u in nodes)
    return Figures(
        org=org,
        nodes=nodes,
        index=index,
        present=present,
        rows=rows,
        demand=tuple(demand),
        department=tuple(
            (units[u].department or NO_DEPARTMENT) if ok else "" for u, ok in zip(nodes, present, strict=True)
        ),
        front_line=tuple(ok and units[u].front_line for u, ok in zip(nodes, present, strict=True)),
        fte=tuple(units[u].fte if ok else 0.0 for u, ok in zip(nodes, present, strict=True)),
    )


@dataclass(frozen=True, slots=True)
class Delta:
    """What differs between two versions of an organisation, record by record."""

    new_deps: tuple[Dependency, ...]
    gone_deps: tuple[Dependency, ...]
    changed_caps: frozenset[str]
    """Declared capabilities added, removed or changed (providers, lead time ...)."""
    touched: frozenset[str]
    """Consumers whose rows can differ, and units that left."""


def delta(before: Org, after: Org, before_consumers: Mapping[str, Sequence[str]]) -> Delta:
    """The :class:`Delta` from ``before`` to ``after`` (``after`` made from ``before`` by a scenario).

    Relies on a scenario keeping every record it does not change as the *same object*: a
    dependency or capability that is not identical counts as changed (a false alarm only costs a
    recomputed row), so two unrelated snapshots simply differ everywhere. ``before_consumers``
    maps a capability id to its consumers in ``before``.
    """
    kept = {id(d) for d in after.dependencies}
    old = {id(d) for d in before.dependencies}
    new_deps = tuple(d for d in after.dependencies if id(d) not in old)
    gone_deps = tuple(d for d in before.dependencies if id(d) not in kept)
    touched = {d.consumer for d in new_deps}
    touched.update(d.consumer for d in gone_deps)
    old_caps = {c.id: c for c in before.capabilities}
    new_caps = {c.id: c for c in after.capabilities}
    changed = frozenset(
        c for c in old_caps.keys() | new_caps.keys() if old_caps.get(c) is not new_caps.get(c)
    )
    for cid in changed:
        touched.update(before_consumers.get(cid, ()))  # new dependencies on it are new objects
    touched.update(before.unit_by_id.keys() - after.unit_by_id.keys())
    return Delta(new_deps, gone_deps, changed, frozenset(touched))


def consumers_of(org: Org) -> dict[str, tuple[str, ...]]:
    """Consumers of each capability id (implicit ones included), in file order."""
    out: dict[str, list[str]] = {}
    for dep in org.dependencies:
        out.setdefault(dep.capability_id, []).append(dep.consumer)
    return {c: tuple(us) for c, us in out.items()}


def patch_figures(base: Figures, after: Org, touched: Iterable[str]) -> Figures:
    """``base`` with the rows of ``touched`` consumers recomputed from ``after`` (same node order).

    ``after`` must not add units to ``base.nodes`` (scenarios never do; snapshots are built whole).
    """
    index = base.index
    caps = _declared(after)
    units = after.unit_by_id
    grouped = deps_by_consumer(after.dependencies, touched)
    rows = list(base.rows)
    demand = list(base.demand)
    for u in touched:
        i = index[u]
        for v, weight in rows[i][3]:
            demand[v] -= weight
        rows[i] = _row(u, grouped[u], caps, index) if u in grouped and u in units else _EMPTY
        for v, weight in rows[i][3]:
            demand[v] += weight
    changed_units = [u for u in after.units if base.org.unit_by_id.get(u.id) is not u]
    present, department, front_line, fte = (
        list(x) for x in (base.present, base.department, base.front_line, base.fte)
    )
    for u in base.nodes:
        if u not in units and present[index[u]]:
            i = index[u]
            present[i], department[i], front_line[i], fte[i] = False, "", False, 0.0
    for unit in changed_units:
        i = index[unit.id]
        present[i], department[i] = True, unit.department or NO_DEPARTMENT
        front_line[i], fte[i] = unit.front_line, unit.fte
    return Figures(
        org=after,
        nodes=base.nodes,
        index=index,
        present=tuple(present),
        rows=tuple(rows),
        demand=tuple(demand),
        department=tuple(department),
        front_line=tuple(front_line),
        fte=tuple(fte),
    )


@dataclass(frozen=True, slots=True)
class ChainFigures:
    """Critical chains (most hours) from every unit: ``hours[comp[u]]``, ``hops[comp[u]]`` and the walk."""

    supply: SupplyGraph
    longest: Longest

    def hours(self, i: int) -> float:
        return self.longest.hours[self.supply.comp[i]]

    def hops(self, i: int) -> int:
        return self.longest.hops[self.supply.comp[i]]

    def steps(self, f: int) -> list[tuple[int, int]]:
        """The hand-offs (consumer, provider) of the critical chain from ``f``, as ChainBuilder.walk."""
        S, L = self.supply, self.longest
        steps: list[tuple[int, int]] = []
        c = S.comp[f]
        while True:
            if c in L.loop_link:
                steps.append(L.loop_link[c])
            step = L.next_h[c]
            if step is None:
                return steps
            steps.append(step)
            c = S.comp[step[1]]

    def path(self, f: int) -> tuple[int, ...]:
        """Unit indices along the critical chain from ``f`` (as ChainBuilder.path)."""
        return path_of(self.steps(f))


def path_of(steps: list[tuple[int, int]]) -> tuple[int, ...]:
    """Unit indices along a chain given as hand-offs (a consumer repeats only after a loop)."""
    if not steps:
        return ()
    out = [steps[0][0]]
    for u, v in steps:
        if u != out[-1]:
            out.append(u)
        out.append(v)
    return tuple(out)


def chain_figures(fig: Figures) -> ChainFigures:
    """Longest chains by hours over the primary hand-offs: one SCC pass and one dynamic programme."""
    succ = [row[0] for row in fig.rows]
    lead = [row[1] for row in fig.rows]
    comp, comps = _tarjan(succ)
    S = SupplyGraph(
        nodes=list(fig.nodes),
        index=dict(fig.index),
        succ=succ,
        lead=lead,
        caps=[],
        cap_ids=[],
        comp=comp,
        comps=comps,
    )
    return ChainFigures(S, longest_chains(S))


def tie_arrays(fig: Figures) -> tuple[np.ndarray, np.ndarray]:
    """Every tie as (consumer index, provider index) arrays, consumer-major."""
    counts = np.fromiter((len(row[2]) for row in fig.rows), dtype=np.int64, count=len(fig.rows))
    src = np.repeat(np.arange(len(fig.rows), dtype=np.int64), counts)
    dst = np.fromiter((v for row in fig.rows for v in row[2]), dtype=np.int64, count=int(counts.sum()))
    return src, dst


@dataclass(frozen=True, slots=True)
class Dependents:
    """Who depends on each unit through a tie, as a compressed reverse adjacency (built once)."""

    indptr: np.ndarray
    consumers: np.ndarray

    @classmethod
    def of(cls, ties: tuple[np.ndarray, np.ndarray], n: int) -> Dependents:
        src, dst = ties
        order = np.argsort(dst, kind="stable")
        indptr = np.searchsorted(dst[order], np.arange(n + 1))
        consumers = src[order]
        indptr.flags.writeable = consumers.flags.writeable = False  # shared by concurrent requests
        return cls(indptr, consumers)

    def closure(self, start: Iterable[int]) -> set[int]:
        """``start`` and every unit that depends on one of them, directly or through others."""
        seen = set(start)
        stack = list(seen)
        indptr, consumers = self.indptr, self.consumers
        while stack:
            v = stack.pop()
            for u in consumers[indptr[v] : indptr[v + 1]].tolist():
                if u not in seen:
                    seen.add(u)
                    stack.append(u)
        return seen
