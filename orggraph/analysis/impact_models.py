"""Report models of reorg impact analysis and snapshot comparison (:mod:`orggraph.analysis.impact`).

One report for both: a reorg scenario applied to an organisation, or two snapshots of it. It says
first what changed (:class:`~orggraph.analysis.changes.OrgChanges`), then the effects: what breaks,
chains to the front line, bottlenecks, silos, the people affected, and a verdict in plain words.
Every list is in a documented, deterministic order.
"""

from __future__ import annotations

from typing import Literal

from orggraph.analysis.changes import OrgChanges
from orggraph.analysis.failure import FailureReport
from orggraph.result import Result

__all__ = [
    "BottleneckImpact",
    "BridgeLost",
    "ChainChange",
    "ChainImpact",
    "DepartmentEI",
    "ImpactReport",
    "LoadChange",
    "PersonAffected",
    "RankMove",
    "SilosImpact",
    "SinglePoint",
    "TieChange",
    "VerdictItem",
]

Severity = Literal["critical", "high", "medium", "low", "info"]


class ChainChange(Result):
    """A front-line unit whose critical chain (most hours in all) breaks or changes."""

    unit: str
    name: str
    status: Literal[
        "broken",
        "removed",
        "left the front line",
        "joined the front line",
        "slower",
        "longer",
        "faster",
        "shorter",
        "rerouted",
    ]
    """``broken``: a unit on the old chain (the front-line unit included) leaves or fails;
    ``removed``: the front-line unit itself leaves; otherwise how the chain changed, hours first
    (``slower``/``faster``), then hand-offs (``longer``/``shorter``), then the route (``rerouted``)."""
    hours_before: float | None
    hours_after: float | None
    hops_before: int | None
    hops_after: int | None
    path_before: tuple[str, ...]
    """Unit ids along the chain before, front-line unit first."""
    path_after: tuple[str, ...]
    breaks_at: tuple[str, ...] = ()
    """For ``broken``: the front-line unit if it fails, then the providers on the old chain whose
    hand-off lost every capability behind it."""


class ChainImpact(Result):
    """Critical chains to the front line before and after (see :mod:`orggraph.analysis.chains`)."""

    front_line_before: int
    front_line_after: int
    broken: int
    slower: int
    longer: int
    faster: int
    shorter: int
    changes: tuple[ChainChange, ...]
    """Broken first, then by the largest change in hours, then by id; at most ``top`` per status."""
    slowest_before: float
    """The longest critical chain (hours) anywhere on the front line, before and after."""
    slowest_after: float


class SinglePoint(Result):
    """A capability with consumers and a single provider: if that provider goes, it goes."""

    capability: str
    name: str
    provider: str
    provider_name: str
    consumers: int
    front_line_consumers: int
    providers_before: tuple[str, ...]
    providers_after: tuple[str, ...]


class LoadChange(Result):
    """A unit whose yearly demand per FTE crosses the load threshold (either way)."""

    unit: str
    name: str
    before: float | None
    after: float | None
    direction: Literal["over", "under"]


class RankMove(Result):
    """A unit whose place in the bottleneck ranking changed."""

    unit: str
    name: str
    rank_before: int | None
    rank_after: int | None
    score_before: float
    score_after: float


class BottleneckImpact(Result):
    new_single_point_count: int
    new_single_points: tuple[SinglePoint, ...]
    """Capabilities now down to one provider (or with a new sole provider), most consumers first (at most
    ``top``)."""
    resolved_single_point_count: int
    resolved_single_points: tuple[SinglePoint, ...]
    """Capabilities that had a single provider and now have a backup or no consumers (at most ``top``)."""
    load_threshold: float
    overloaded_before: int
    """Units over the threshold (or with demand and no FTE recorded) before and after."""
    overloaded_after: int
    went_over: int
    """Units that cross the threshold upwards (``went_under``: downwards)."""
    went_under: int
    load_crossings: tuple[LoadChange, ...]
    """Units going over the threshold first, then under; by the larger figure, then id (at most ``top``)."""
    ranking: str
    """What the ranking ranks by, in plain words."""
    movers: tuple[RankMove, ...]
    """The biggest movers in the ranking (at most ``top``), largest move first."""
    note: str


class DepartmentEI(Result):
    """A department's E-I index before and after: -1 all work inside, +1 all work across the boundary."""

    department: str
    name: str
    size_before: int
    size_after: int
    ei_before: float | None
    ei_after: float | None
    change: float | None


class TieChange(Result):
    """A tie (consumer depends on provider) whose department boundary status changed."""

    consumer: str
    consumer_name: str
    provider: str
    provider_name: str
    change: Literal["now internal", "now cross-department", "new cross-department", "lost cross-department"]
    departments: tuple[str, str]
    """The consumer's and the provider's departments after (before, for a lost tie)."""


class BridgeLost(Result):
    """Two departments that worked together and no longer have any direct tie."""

    a: str
    b: str
    a_name: str
    b_name: str
    ties_before: int
    a_units: tuple[str, ...]
    """Members of ``a`` at the ends of the ties they had, by id."""
    b_units: tuple[str, ...]
    through: tuple[str, ...]
    """The side with fewer members on those ties (``a`` on a tie): who carried the link."""
    through_names: tuple[str, ...]


class SilosImpact(Result):
    ei_before: float | None
    """The whole organisation's E-I index (ties across departments against ties inside)."""
    ei_after: float | None
    departments: tuple[DepartmentEI, ...]
    """Largest change first, then by id; departments only before or only after included."""
    became_internal: int
    became_cross: int
    new_cross: int
    lost_cross: int
    tie_changes: tuple[TieChange, ...]
    """At most ``top`` of each kind of change, by consumer then provider."""
    bridges_lost: tuple[BridgeLost, ...]


class PersonAffected(Result):
    unit: str
    name: str
    kind: str
    department: str | None
    front_line: bool
    reasons: tuple[str, ...]
    """Plain phrases: "leaves", "fails: loses payroll-run", "moves to finance", ..."""


class VerdictItem(Result):
    severity: Severity
    text: str


class ImpactReport(Result):
    """Before -> after: what changed, then what breaks, chains, bottlenecks, silos and people."""

    kind: Literal["scenario", "snapshot"]
    name: str
    description: str
    changes: OrgChanges
    breaks: FailureReport
    discontinued: tuple[str, ...] = ()
    """Snapshots only: capabilities no longer offered although their providers stayed."""
    chains: ChainImpact
    bottlenecks: BottleneckImpact
    silos: SilosImpact
    people_affected: int
    """People (not team units) removed, moved, failing, degraded or otherwise touched."""
    teams_affected: int
    affected: tuple[PersonAffected, ...]
    """Front line first, then people before teams, then by id."""
    verdict: tuple[VerdictItem, ...]
    """Most severe first."""
    notes: tuple[str, ...] = ()
    """How figures were computed where a reader should know (estimates, skipped parts)."""

    @property
    def no_change(self) -> bool:
        return self.changes.empty
