"""The models of the organisation health report (pydantic, frozen): see :mod:`orggraph.report`.

Every finding and every table row carries the ids (units, departments, front-line units, loop
keys) that lead to its evidence, so a renderer can link each one to the unit's neighbourhood on
the map, to a chain diagram or to a loop, and a JSON consumer can look the details up in the
analysis reports.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from orggraph.result import Result

__all__ = [
    "FINDING_KINDS",
    "BottleneckItem",
    "BridgeItem",
    "ChainItem",
    "ChainStep",
    "CommunitySummary",
    "Finding",
    "FindingKind",
    "Headline",
    "HealthReport",
    "LoadItem",
    "LoopItem",
    "Recommendation",
    "Severity",
    "SiloItem",
    "SinglePointItem",
    "SoleCapabilityRef",
]

Severity = Literal["high", "medium", "low", "info"]
FindingKind = Literal[
    "single-point-of-failure",
    "overloaded",
    "critical-chain",
    "silo",
    "bridge",
    "loop",
    "bottleneck",
]
#: Within one severity, findings are listed in this order of kinds (then by score, then by id).
FINDING_KINDS: tuple[FindingKind, ...] = (
    "single-point-of-failure",
    "overloaded",
    "critical-chain",
    "silo",
    "bridge",
    "loop",
    "bottleneck",
)


class Headline(Result):
    """The figures at the top of the report."""

    organisation: str
    as_of: dt.date | None
    units: int
    """People and team units."""
    people: int
    teams: int
    fte: float
    departments: int
    managers: int
    """Units with at least one direct report (0 when the data has no reporting lines)."""
    front_line_units: int
    front_line_share: float | None
    """Share of units marked front line (0-1); None for an empty organisation."""
    front_line_fte_share: float | None
    dependencies: int
    cross_department_dependencies: int
    """Dependencies whose consumer and (primary) provider sit in different departments."""
    cross_department_share: float | None
    capabilities_in_use: int
    """Capabilities at least one unit depends on, counting direct requests to a named unit."""
    capabilities_without_backup: int
    """Of those, the ones with a single provider."""
    critical_without_backup: int
    """Of those, the ones some unit needs at high or critical criticality."""
    direct_requests: int
    """Capabilities in use that are requests to a named unit rather than a declared capability
    (every tie of imported survey data is one); they have no backup by construction."""
    single_points_of_failure: int
    """Units whose loss would make at least one other unit fail."""
    overloaded: int
    silos: int
    loops: int


class SoleCapabilityRef(Result):
    id: str
    name: str
    dependents: int
    front_line_dependents: int


class BottleneckItem(Result):
    """One of the top-ranked bottlenecks."""

    rank: int
    id: str
    name: str
    kind: str
    title: str
    department: str
    department_name: str
    score: float
    top_factor: str
    summary: str
    direct_reports: int
    """Formal direct reports: 0 means not a people manager (in the data)."""
    front_line: bool
    overloaded: bool


class SinglePointItem(Result):
    """A unit that alone provides something others need, and what its loss breaks."""

    id: str
    name: str
    department: str
    department_name: str
    capabilities: tuple[SoleCapabilityRef, ...]
    failed_if_lost: int
    degraded_if_lost: int
    front_line_hurt_if_lost: int


class LoadItem(Result):
    """A unit flagged overloaded: more yearly demand per FTE than it can plausibly carry."""

    id: str
    name: str
    department: str
    department_name: str
    fte: float
    yearly_requests: float
    load_per_fte: float | None
    """Requests a year x criticality weight, per FTE; None when no FTE is recorded."""
    load_vs_median: float | None
    load_rank: int


class SiloItem(Result):
    """A department and how much of its work stays inside it (most inward-looking first)."""

    department: str
    name: str
    size: int
    internal_ties: int
    external_ties: int
    ei_index: float | None
    insularity: float
    partners: int
    silo: bool
    """True when the silo analysis calls it a silo."""
    spanners: tuple[str, ...]
    """Units carrying its ties with other departments, most first (at most 3)."""
    spanner_names: tuple[str, ...]


class BridgeItem(Result):
    """All of a department's ties with another run through one unit."""

    department: str
    department_name: str
    partner: str
    partner_name: str
    unit: str
    unit_name: str
    ties: int


class ChainStep(Result):
    consumer: str
    consumer_name: str
    provider: str
    provider_name: str
    capability: str
    capability_name: str
    lead_time_hours: float
    lead_time_known: bool
    has_backup: bool
    in_loop: bool


class ChainItem(Result):
    """The slowest chain of hand-offs behind one front-line unit."""

    anchor: str
    """Stable in-page anchor of its diagram (``chain-1`` is the slowest)."""
    front_line: str
    front_line_name: str
    total_hours: float
    hops: int
    text: str
    steps: tuple[ChainStep, ...]
    weakest_provider: str | None
    weakest_reason: str | None


class LoopItem(Result):
    """A circular dependency: units that wait on each other."""

    anchor: str
    key: str
    members: tuple[str, ...]
    member_names: tuple[str, ...]
    size: int
    critical: bool
    """True when a hand-off that closes the loop is high or critical."""
    text: str


class CommunitySummary(Result):
    """How the working communities found in the data compare with the formal departments."""

    method: str
    communities: int
    nmi: float
    """Normalised mutual information of communities and departments: 1 = the same grouping, 0 = unrelated."""
    modularity_formal: float
    modularity_detected: float
    ei_index: float | None
    """The whole organisation's E-I index: +1 all ties cross departments, -1 all stay inside."""


class Finding(Result):
    """Something that needs attention, with the ids of its evidence."""

    id: str
    """Stable id: ``<kind>:<subject id>``."""
    kind: FindingKind
    severity: Severity
    score: float
    """Ranks findings of the same kind (0-100); not comparable across kinds."""
    title: str
    detail: str
    action: str
    units: tuple[str, ...] = ()
    """Units it is about, the subject first: each links to its neighbourhood on the map."""
    departments: tuple[str, ...] = ()
    capabilities: tuple[str, ...] = ()
    chain: str | None = None
    """Front-line unit whose chain diagram is the evidence (see ``HealthReport.chains``)."""
    loop: str | None = None
    """Key of the loop that is the evidence (see ``HealthReport.loops``)."""


class Recommendation(Result):
    rank: int
    text: str
    finding: str
    """Id of the finding it answers."""
    severity: Severity
    units: tuple[str, ...]


class HealthReport(Result):
    """One page on an organisation's health: headline figures, ranked findings, evidence, actions."""

    headline: Headline
    findings: tuple[Finding, ...]
    """Most severe first; within a severity in the order of ``FINDING_KINDS``, then by score."""
    recommendations: tuple[Recommendation, ...]
    bottlenecks: tuple[BottleneckItem, ...]
    single_points_of_failure: tuple[SinglePointItem, ...]
    overloaded: tuple[LoadItem, ...]
    silos: tuple[SiloItem, ...]
    bridges: tuple[BridgeItem, ...]
    chains: tuple[ChainItem, ...]
    loops: tuple[LoopItem, ...]
    communities: CommunitySummary
    names: dict[str, str]
    """Display name of every unit and department a finding mentions, by id."""
    notes: tuple[str, ...]
    top: int
    seed: int
