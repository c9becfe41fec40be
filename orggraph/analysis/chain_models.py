"""Report models of :func:`orggraph.analysis.chains.chains` (pydantic, frozen).

Every dict in a :class:`ChainReport` is keyed by unit id and every list is in a documented,
deterministic order, so two reports (before and after a reorg, or two snapshots) diff cleanly.
"""

from __future__ import annotations

from typing import Literal

from orggraph.result import Result

__all__ = [
    "CYCLE_RULE",
    "Chain",
    "ChainLink",
    "ChainReport",
    "Cycle",
    "CycleLink",
    "DepthCount",
    "FrontLineSummary",
    "LineOfSight",
    "Supply",
    "SupplyItem",
    "WeakestLink",
]

CYCLE_RULE = (
    "A loop is one step: its slowest internal hand-off is counted once, never gone round "
    "(every member of a loop waits, directly or through the others, on every hand-off inside it)."
)


class ChainLink(Result):
    """One hand-off on a chain: ``consumer`` waits ``lead_time_hours`` on ``provider`` for ``capability``."""

    consumer: str
    consumer_name: str
    provider: str
    provider_name: str
    capability: str
    capability_name: str
    cadence: str
    criticality: str
    lead_time_hours: float
    lead_time_known: bool
    has_backup: bool
    backups: tuple[str, ...]
    """The capability's other providers, in order."""
    cumulative_hours: float
    """Hours from the front-line unit to the end of this hand-off."""
    loop: str | None = None
    """Key of the circular dependency this hand-off lies inside (then counted once for the loop)."""


class WeakestLink(Result):
    """The hand-off most likely to break or slow the chain, and why."""

    position: int
    """Index into the chain's ``links``."""
    provider: str
    capability: str
    has_backup: bool
    load_per_fte: float
    lead_time_hours: float
    reason: str


class Chain(Result):
    """A chain from a front-line unit upstream, with its total lead time and hops."""

    front_line: str
    front_line_name: str
    total_hours: float
    hops: int
    links: tuple[ChainLink, ...]
    weakest_link: WeakestLink | None
    text: str
    """Readable form: "Store 12 <- Store replenishment from Logistics (daily, 48 h) <- ..."."""


class FrontLineSummary(Result):
    """One front-line unit's chain figures, for ranking and for before/after comparison."""

    unit: str
    name: str
    critical_hours: float
    critical_hops: int
    critical_path: tuple[str, ...]
    """Unit ids along the critical chain, front-line unit first."""
    longest_hops: int
    longest_hours: float
    longest_path: tuple[str, ...]
    loop: str | None
    """Key of the circular dependency the unit itself is part of, if any."""


class SupplyItem(Result):
    kind: Literal["unit", "capability"]
    id: str
    name: str
    depth: int
    """Hand-offs away from the front line: a direct dependency is at depth 1."""


class DepthCount(Result):
    depth: int
    units: int
    capabilities: int


class Supply(Result):
    """The upstream supply of one front-line unit or, with ``front_line=None``, of the whole front line.

    For the whole front line, front-line units that serve other front-line units are part of the
    front line (depth 0), not of its supply.
    """

    front_line: str | None
    name: str
    units: int
    capabilities: int
    max_depth: int
    by_depth: tuple[DepthCount, ...]
    items: tuple[SupplyItem, ...]
    """Nearest first (depth, then units before capabilities, then id); at most ``supply_limit``."""
    truncated: bool


class CycleLink(Result):
    consumer: str
    consumer_name: str
    provider: str
    provider_name: str
    capabilities: tuple[str, ...]
    capability_names: tuple[str, ...]
    lead_time_hours: float


class Cycle(Result):
    """A circular dependency: units that wait on each other, directly or through others."""

    key: str
    """The smallest member id: stable across runs and snapshots while that member stays in the loop."""
    members: tuple[str, ...]
    member_names: tuple[str, ...]
    internal_links: int
    closing_loop: tuple[CycleLink, ...]
    """The shortest loop through ``key``: the hand-offs that close the circle."""
    slowest_link: CycleLink
    """The hand-off counted once for any chain passing through the loop."""
    text: str


class LineOfSight(Result):
    """How far a unit's work is from the front line: hops and hours to the nearest front-line consumer.

    Hops and hours are minimised separately, so the nearest front-line unit can differ between
    them (one hand-off of 100 h against two of 1 h each). Ties go to the smallest unit id.
    """

    unit: str
    name: str
    reaches_front_line: bool
    hops: int | None
    """Fewest hand-offs to a front-line unit that depends on it (0 for a front-line unit); None = no path."""
    hours: float | None
    """Least total lead time to a front-line unit that depends on it (each hand-off at its slowest
    dependency, as on chains); None = no path."""
    nearest_by_hops: str | None
    nearest_by_hours: str | None


class ChainReport(Result):
    """Everything :func:`chains` finds; dicts are keyed by unit id so two reports diff cleanly."""

    front_line: tuple[str, ...]
    include_backups: bool
    cycle_rule: str
    critical: tuple[Chain, ...]
    """The chains with the most hours, one per front-line unit, slowest first."""
    longest: tuple[Chain, ...]
    """The chains with the most hand-offs, one per front-line unit, longest first."""
    front_line_units: dict[str, FrontLineSummary]
    """Every front-line unit, by id (in id order)."""
    supply: tuple[Supply, ...]
    """The whole front line first, then each front-line unit in ``critical``."""
    cycles: tuple[Cycle, ...]
    """Every loop of two or more units, largest first, then by key."""
    line_of_sight: dict[str, LineOfSight]
    """Every unit, by id (in id order)."""
    units_without_path: int
