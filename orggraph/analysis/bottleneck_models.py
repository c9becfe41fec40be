"""The pydantic models of the bottleneck report (:func:`orggraph.analysis.bottlenecks.bottlenecks`).

Kept apart so the CLI, the API and the map can import the shapes without the analysis.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from orggraph.graph import Level
from orggraph.result import Result

__all__ = [
    "FACTORS",
    "BetweennessInfo",
    "BottleneckReport",
    "BottleneckWeights",
    "Factor",
    "Recommendation",
    "SoleCapability",
    "UnitBottleneck",
]

Factor = Literal["reach", "single_point", "structure", "brokerage", "load", "none"]
FACTORS: tuple[Factor, ...] = ("single_point", "reach", "load", "brokerage", "structure")


class BottleneckWeights(Result):
    """How much each factor counts in the composite score (any non-negative numbers; not all zero).

    Defaults: losing a sole provider matters most (2); reach, load and brokerage count 1;
    structural cut points 0.5, since they matter mostly when they coincide with the others.
    """

    reach: float = Field(1.0, ge=0)
    single_point: float = Field(2.0, ge=0)
    structure: float = Field(0.5, ge=0)
    brokerage: float = Field(1.0, ge=0)
    load: float = Field(1.0, ge=0)

    @model_validator(mode="after")
    def _not_all_zero(self) -> BottleneckWeights:
        if not any(getattr(self, f) for f in FACTORS):
            raise ValueError("at least one weight must be above zero")
        return self


class SoleCapability(Result):
    """A capability this unit is the only provider of (no backup)."""

    id: str
    name: str
    consumers: int
    """Units that depend on it directly."""
    dependents: int
    """Units that depend on it directly or through others."""
    front_line_dependents: int


class UnitBottleneck(Result):
    """One unit (or team, or department) with the figures behind its rank."""

    rank: int
    """1 for the highest score; ties broken by id."""
    id: str
    name: str
    department: str
    """Its department id (at team level the most common one among its members)."""
    front_line: bool
    """Serves external customers (at group level: has front-line members)."""
    score: float
    """0..100: the weighted mean of the factors, each scaled to the organisation's largest."""
    top_factor: Factor
    """The factor adding most points (``"none"`` when nothing stands out)."""
    contributions: dict[str, float]
    """Points each factor adds to the score."""
    summary: str
    """One plain sentence led by the top factor."""
    # reach
    direct_dependents: int
    """Units that depend on it directly."""
    dependents: int
    """Units that depend on it directly or through others."""
    front_line_dependents: int
    """Front-line units among its dependents."""
    critical_dependents: int
    """Critical reach: units that depend on it through high or critical dependencies only,
    directly or through others (every link of the route is high or critical; backups are not
    taken into account, as for ``dependents``). Reach weighted by criticality: a chain stops
    counting at its first low or medium link. Reach weighted by cadence as well is
    ``yearly_demand``, on its direct dependents."""
    # single point of failure
    sole_provider_of: tuple[SoleCapability, ...]
    """Depended-on capabilities nobody else provides, most dependents first."""
    failed_if_lost: int
    """Units that would fail if it were lost: they lose a high or critical dependency, directly or
    through others that fail (the AND/OR cascade; backups are used)."""
    degraded_if_lost: int
    """Units that would lose only low or medium dependencies."""
    front_line_hurt_if_lost: int
    """Front-line units among the failed and degraded."""
    capabilities_lost_if_lost: int
    """Capabilities that would be left with no provider."""
    dominated: int
    """Units whose every dependency route from the front line passes through this one."""
    articulation_point: bool
    cut_off_if_lost: int
    """Units that would be cut off from the rest of the organisation's network without it."""
    # brokerage
    betweenness: float
    """Share of shortest dependency routes between other units that pass through it (0..1)."""
    cross_department_share: float
    """Share of the cross-department dependency routes (between two other units in different
    departments, wherever a route exists) whose shortest route passes through it (0..1); from
    the same sample as ``betweenness`` when that is an estimate."""
    departments_linked: int
    """Other departments it has a dependency with, either way."""
    # load
    yearly_requests: float
    """Requests a year from other units to it as primary provider (cadence: daily = 250, weekly = 52, ...)."""
    yearly_demand: float
    """The same requests weighted by criticality (low 1, medium 2, high 3, critical 4)."""
    fte: float
    load_per_fte: float | None
    """Yearly demand per FTE; ``None`` when it has demand but no capacity recorded (FTE 0)."""
    load_vs_median: float | None
    """Load per FTE over the median of every unit with any demand."""
    load_vs_department_median: float | None
    """Load per FTE over the median of its department's units with any demand."""
    overloaded: bool
    """Above the load threshold, or above ``department_factor`` times its department's median
    (departments with at least three units with demand), or demand with no FTE."""
    load_rank: int
    """1 for the highest load per FTE."""


class Recommendation(Result):
    """One action, with the evidence in its text."""

    unit: str
    kind: Literal["backup", "split_load", "add_capacity", "second_link", "second_route", "spread_contacts"]
    text: str


class BetweennessInfo(Result):
    """How betweenness was computed: exactly, or estimated from seeded sample sources."""

    exact: bool
    samples: int | None
    """Sampled source units when estimated, else ``None``."""
    note: str


class BottleneckReport(Result):
    """Ranked bottlenecks with the evidence behind each, and what to do about them."""

    level: Level
    units: int
    """Nodes analysed (units, teams or departments)."""
    weights: BottleneckWeights
    load_threshold: float
    department_factor: float
    median_load_per_fte: float
    """Median load per FTE of the nodes with any demand."""
    betweenness: BetweennessInfo
    entries: tuple[UnitBottleneck, ...]
    recommendations: tuple[Recommendation, ...]
    notes: tuple[str, ...]
