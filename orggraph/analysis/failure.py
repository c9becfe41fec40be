"""The AND/OR failure cascade: what breaks when some units are gone.

The rule comes from :mod:`orggraph.model`: a capability is lost only when **every** one of its
providers is gone (OR); a consumer needs **all** of its dependencies (AND). Losing a ``high`` or
``critical`` dependency makes a consumer **fail**: it stops providing what it provides, so the
cascade goes on. Losing only ``low`` or ``medium`` ones leaves it **degraded**: it limps on, still
provides, and the cascade stops there.

:func:`failure_cascade` answers one question ("what if these units went?") with a full
:class:`FailureReport`. :class:`FailureModel` indexes an organisation once so that many questions
cost only what they touch; the bottleneck analysis and reorg impact analysis both use it.
:meth:`FailureModel.single_failures` answers "what if *this one* went?" for many sources at once
(see :mod:`orggraph.analysis._failure_sweep`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter
from typing import Any

import numpy as np

from orggraph.exceptions import UnitNotFound
from orggraph.model import CADENCE_PER_YEAR, CRITICALITY_WEIGHT, Criticality, Org, implicit_capability_id
from orggraph.result import Result

__all__ = [
    "SEVERE",
    "AffectedUnit",
    "DependencyArrays",
    "FailureCounts",
    "FailureModel",
    "FailureReport",
    "LostCapability",
    "failure_cascade",
]

#: Criticalities whose loss makes a consumer fail (and so cascade); lower ones only degrade it.
SEVERE: frozenset[str] = frozenset({"high", "critical"})

_RANK = {"low": 0, "medium": 1, "high": 2, "critical": 3}
_CRITICALITY: tuple[Criticality, ...] = ("low", "medium", "high", "critical")
_SEVERE_RANK = min(_RANK[c] for c in SEVERE)
_WEIGHT = np.array([CRITICALITY_WEIGHT[c] for c in _CRITICALITY])  # by rank


class LostCapability(Result):
    """A capability left with no provider at all."""

    id: str
    name: str
    providers: tuple[str, ...]
    wave: int
    """1 when lost directly by the removal, 2 when lost because of a first-wave failure, and so on."""
    consumers: int
    """Units that depended on it (not counting removed ones)."""


class AffectedUnit(Result):
    """A unit that lost at least one thing it needs."""

    id: str
    name: str
    department: str | None
    front_line: bool
    status: str
    """``"failed"`` (lost a high or critical dependency; it stops providing) or ``"degraded"``."""
    wave: int
    """The wave of the first capability loss that made it fail (or, if degraded, hurt it)."""
    lost: tuple[str, ...]
    """Ids of the capabilities it needed and lost, sorted."""
    worst_criticality: Criticality
    """The most critical of those losses."""


class FailureReport(Result):
    """What breaks when ``removed`` units are gone, propagated through the AND/OR model.

    ``failed`` and ``degraded`` list front-line units first, then by wave, then by id.
    """

    removed: tuple[str, ...]
    lost_capabilities: tuple[LostCapability, ...]
    failed: tuple[AffectedUnit, ...]
    degraded: tuple[AffectedUnit, ...]
    front_line_affected: tuple[str, ...]
    """Front-line units that failed or were degraded (failed ones first), the customer-facing damage."""
    waves: int
    """How many waves the cascade took (0 when nothing was lost)."""

    @property
    def affected(self) -> tuple[AffectedUnit, ...]:
        """Failed then degraded units."""
        return self.failed + self.degraded


@dataclass(frozen=True, slots=True)
class FailureCounts:
    """The size of a cascade, without the lists: what :meth:`FailureModel.single_failures` returns."""

    failed: int
    """Units that fail (the removed units themselves not counted)."""
    degraded: int
    front_line: int
    """Front-line units that fail or are degraded (removed ones not counted)."""
    lost_capabilities: int


class FailureModel:
    """An organisation indexed for failure cascades; build once, ask many times.

    Parameters
    ----------
    org : Org
        The organisation. Capabilities are taken with their implicit ``direct:<unit>`` ones;
        providers or consumers that are not units of ``org`` are ignored.

    Attributes
    ----------
    units, capabilities : list of str
        Ids in sorted order; a unit's or capability's index is its position here.
    providers : list of tuple of int
        Each capability's providers (units), primary first, duplicates dropped.
    provides : list of list of int
        The capabilities each unit provides.
    consumers : list of list of (int, int)
        Each capability's consumers with their criticality rank (0 low .. 3 critical).
    dependencies : DependencyArrays
        The dependencies between known units and capabilities as numpy columns.

    Notes
    -----
    Everything is kept in integer index space (units and capabilities in sorted id order), so a
    cascade costs time proportional to what it touches: the capabilities provided by the units
    that go down, and the consumers of the capabilities that are lost.
    """

    def __init__(self, org: Org) -> None:
        self.org = org
        self.units: list[str] = sorted(org.unit_by_id)
        self.unit_index: dict[str, int] = {u: i for i, u in enumerate(self.units)}
        caps = org.capability_by_id
        self.capabilities: list[str] = sorted(caps)
        self.capability_index: dict[str, int] = {c: i for i, c in enumerate(self.capabilities)}
        index = self.unit_index
        self.front_line: list[bool] = [org.unit_by_id[u].front_line for u in self.units]
        self.providers: list[tuple[int, ...]] = [
            tuple(dict.fromkeys(index[p] for p in caps[c].providers if p in index)) for c in self.capabilities
        ]
        self.provides: list[list[int]] = [[] for _ in self.units]
        for c, provs in enumerate(self.providers):
            for p in provs:
                self.provides[p].append(c)
        self.dependencies = _dependency_arrays(org, self.unit_index, self.capability_index)
        # consumers[c] = (unit, criticality rank) in order of first appearance; the highest
        # criticality wins when a unit depends on the same capability twice.
        self.consumers: list[list[tuple[int, int]]] = _consumers(
            self.dependencies, len(self.units), len(self.capabilities)
        )

    def _indices(self, removed: Iterable[str]) -> list[int]:
        out = []
        for unit_id in removed:
            if unit_id not in self.unit_index:
                raise UnitNotFound(unit_id, "It cannot be removed because it is not in the organisation.")
            out.append(self.unit_index[unit_id])
        return sorted(set(out))

    def cascade(self, removed: Iterable[str]) -> FailureReport:
        """The full cascade when the ``removed`` units are gone.

        Raises
        ------
        UnitNotFound
            If a removed id is not a unit of the organisation.
        """
        start = self._indices(removed)
        gone = set(start)
        down: dict[int, int] = dict.fromkeys(start, 0)  # unit -> wave it went down
        remaining: dict[int, int] = {}
        lost_caps: dict[int, int] = {}  # capability -> wave
        hurt: dict[int, list[tuple[int, int]]] = {}  # unit -> (capability, criticality rank) it lost
        first: dict[int, int] = {}  # unit -> wave of its first loss
        queue = deque(start)
        while queue:
            u = queue.popleft()
            wave = down[u] + 1
            for c in self.provides[u]:
                left = remaining.get(c, len(self.providers[c])) - 1
                remaining[c] = left
                if left:
                    continue
                lost_caps[c] = wave
                for v, rank in self.consumers[c]:
                    if v in gone:
                        continue
                    hurt.setdefault(v, []).append((c, rank))
                    first.setdefault(v, wave)
                    if rank >= _SEVERE_RANK and v not in down:
                        down[v] = wave
                        queue.append(v)
        return self._report(start, down, lost_caps, hurt, first)

    def _report(
        self,
        start: list[int],
        down: dict[int, int],
        lost_caps: dict[int, int],
        hurt: dict[int, list[tuple[int, int]]],
        first: dict[int, int],
    ) -> FailureReport:
        org, caps, removed = self.org, self.org.capability_by_id, set(start)
        lost = [
            LostCapability(
                id=self.capabilities[c],
                name=caps[self.capabilities[c]].name,
                providers=tuple(self.units[p] for p in self.providers[c]),
                wave=wave,
                consumers=sum(1 for v, _ in self.consumers[c] if v not in removed),
            )
            for c, wave in sorted(lost_caps.items(), key=lambda item: (item[1], self.capabilities[item[0]]))
        ]
        failed, degraded = [], []
        for v, cs in hurt.items():
            unit = org.unit_by_id[self.units[v]]
            status = "failed" if v in down else "degraded"
            item = AffectedUnit(
                id=unit.id,
                name=unit.name,
                department=unit.department,
                front_line=unit.front_line,
                status=status,
                wave=down[v] if status == "failed" else first[v],
                lost=tuple(sorted(self.capabilities[c] for c, _ in cs)),
                worst_criticality=_CRITICALITY[max(rank for _, rank in cs)],
            )
            (failed if status == "failed" else degraded).append(item)
        failed.sort(key=_order)
        degraded.sort(key=_order)
        return FailureReport(
            removed=tuple(self.units[u] for u in start),
            lost_capabilities=tuple(lost),
            failed=tuple(failed),
            degraded=tuple(degraded),
            front_line_affected=tuple(a.id for a in failed + degraded if a.front_line),
            waves=max(lost_caps.values(), default=0),
        )

    def single_failures(self, sources: Mapping[str, Collection[str]]) -> dict[str, FailureCounts]:
        """The size of the cascade for each source removed on its own (a source is a set of units).

        Exact, and much faster than one :meth:`cascade` per source when cascades are large and
        overlap: results are shared between units whose losses imply each other (see
        :mod:`orggraph.analysis._failure_sweep`). Units that are the sole provider of nothing
        cannot start a cascade; for them the answer is all zeros.
        """
        from orggraph.analysis._failure_sweep import sweep
        from orggraph.gcpause import gc_paused

        jobs = {key: self._indices(members) for key, members in sources.items()}
        with gc_paused():
            return sweep(self, jobs)


@dataclass(frozen=True, slots=True)
class DependencyArrays:
    """The dependencies between known units and capabilities as columns, in ``org.dependencies`` order."""

    consumer: np.ndarray
    """Unit index of the consumer."""
    capability: np.ndarray
    """Capability index (the implicit ``direct:<provider>`` one for a direct dependency)."""
    events: np.ndarray
    """Events a year (from the cadence)."""
    weight: np.ndarray
    """Criticality weight."""
    rank: np.ndarray
    """Criticality rank, 0 low .. 3 critical."""


def _dependency_arrays(org: Org, units: dict[str, int], capabilities: dict[str, int]) -> DependencyArrays:
    """Index ``org``'s dependencies column by column with C-level maps, faster than a Python loop
    per dependency over the half million at 100k units. The values are read from each record's
    ``__dict__``, where pydantic keeps them: faster than attribute access."""
    fields = list(map(vars, org.dependencies))
    count = len(fields)

    def column(name: str) -> Iterator[Any]:
        return map(itemgetter(name), fields)

    cap_ids = [f["capability"] or implicit_capability_id(f["provider"] or "") for f in fields]
    consumer = np.fromiter(map(units.get, column("consumer"), repeat(-1)), dtype=np.int64, count=count)
    capability = np.fromiter(map(capabilities.get, cap_ids, repeat(-1)), dtype=np.int64, count=count)
    events = np.fromiter(map(CADENCE_PER_YEAR.__getitem__, column("cadence")), dtype=np.float64, count=count)
    rank = np.fromiter(map(_RANK.__getitem__, column("criticality")), dtype=np.int64, count=count)
    weight = _WEIGHT[rank]
    known = (consumer >= 0) & (capability >= 0)  # others are ignored
    return DependencyArrays(consumer[known], capability[known], events[known], weight[known], rank[known])


def _consumers(deps: DependencyArrays, nunits: int, ncaps: int) -> list[list[tuple[int, int]]]:
    """Each capability's distinct consumers with their highest criticality rank, in order of first
    appearance: two sorts in numpy instead of a dict per capability filled dependency by dependency."""
    if not len(deps.consumer):
        return [[] for _ in range(ncaps)]
    pair = deps.capability * nunits + deps.consumer
    order = np.argsort(pair, kind="stable")  # by pair, then dependency order
    pair = pair[order]
    starts = np.flatnonzero(np.concatenate(([True], pair[1:] != pair[:-1])))
    first = order[starts]  # each pair's first dependency
    best = np.maximum.reduceat(deps.rank[order], starts)
    cap = deps.capability[first]
    pick = np.argsort(cap * len(order) + first)  # by capability, then first appearance
    pairs = list(zip(deps.consumer[first[pick]].tolist(), best[pick].tolist(), strict=True))
    bounds = np.searchsorted(cap[pick], np.arange(ncaps + 1)).tolist()
    return [pairs[bounds[c] : bounds[c + 1]] for c in range(ncaps)]


def _order(a: AffectedUnit) -> tuple[bool, int, str]:
    return (not a.front_line, a.wave, a.id)


def failure_cascade(org: Org, removed: Iterable[str]) -> FailureReport:
    """What breaks when the ``removed`` units are gone, under the AND/OR model.

    A capability is lost when all of its providers are gone; a consumer that loses a ``high`` or
    ``critical`` dependency fails and stops providing (so the cascade continues), one that loses
    only ``low`` or ``medium`` ones is degraded (and the cascade stops there).

    Parameters
    ----------
    org : Org
        The organisation, with the removed units still in it.
    removed : iterable of str
        Ids of the units that are gone (people who leave, teams dissolved).

    Returns
    -------
    FailureReport
        Lost capabilities, failed and degraded units (front line first), and the front-line
        units affected. Deterministic: the same input gives the same report.

    Raises
    ------
    UnitNotFound
        If a removed id is not a unit of ``org``.

    See Also
    --------
    FailureModel : index once, then ask many questions (what impact analysis does).

    Examples
    --------
    >>> from orggraph.model import Capability, Dependency, Org, Unit
    >>> org = Org(
    ...     units=[Unit(id="dana", name="Dana"), Unit(id="store", name="Store", front_line=True)],
    ...     capabilities=[Capability(id="pay", name="Payroll run", providers=("dana",))],
    ...     dependencies=[Dependency(consumer="store", capability="pay", criticality="critical")],
    ... )
    >>> report = failure_cascade(org, ["dana"])
    >>> [c.id for c in report.lost_capabilities], report.front_line_affected
    (['pay'], ('store',))
    """
    return FailureModel(org).cascade(removed)
