"""The silo report's models (see :mod:`orggraph.analysis.silos`, which re-exports them)."""

from __future__ import annotations

from typing import Literal

from orggraph.result import Result

__all__ = [
    "Broker",
    "Community",
    "CommunityMethod",
    "Finding",
    "GroupPair",
    "GroupShare",
    "GroupSilo",
    "Severity",
    "SiloLevel",
    "SiloReport",
    "SoleLink",
    "Spanner",
    "SplitGroup",
]

SiloLevel = Literal["department", "team"]
CommunityMethod = Literal["leiden", "louvain"]
Severity = Literal["high", "medium", "low", "info"]


class Spanner(Result):
    """A member carrying some of the group's external ties."""

    unit: str
    name: str
    external_ties: int
    share: float
    """Share of the group's external ties this person carries (0-1)."""


class GroupSilo(Result):
    """How one department or team works with the others."""

    group: str
    name: str
    size: int
    front_line: int
    internal_ties: int
    external_ties: int
    ties_out: int
    """External ties where a member depends on an outsider."""
    ties_in: int
    """External ties where an outsider depends on a member."""
    ei_index: float | None
    """(external - internal) / (external + internal); None when the group has no ties."""
    ei_weighted: float | None
    """The same, each tie counted by yearly demand x criticality weight."""
    ei_expected: float | None
    """The E-I index a random choice of work partners would give a group of this size."""
    insularity: float
    partners: int
    """Other groups it exchanges work with (in either direction)."""
    main_partners: tuple[str, ...]
    """Its partner groups with the most ties (at most 5), most first."""
    spanner_count: int
    spanners: tuple[Spanner, ...]
    """The top spanners (at most 5), by external ties carried."""
    reaches_customer: bool | None
    """Whether any member's work reaches a front-line unit; None when the data has no front line."""


class GroupPair(Result):
    a: str
    b: str
    a_name: str
    b_name: str


class SoleLink(Result):
    """All of ``group``'s ties with ``partner`` are carried by one member, ``unit``."""

    group: str
    partner: str
    unit: str
    unit_name: str
    ties: int
    weight: float
    max_criticality: str


class GroupShare(Result):
    group: str
    name: str
    members: int
    share: float


class Community(Result):
    """A detected working community (2+ units) and the formal groups it draws on."""

    id: int
    size: int
    groups: tuple[GroupShare, ...]
    """Groups with at least 3 members and ``min_share`` of its members (else the largest one)."""
    spans_groups: bool


class SplitGroup(Result):
    """A formal group whose members work in several separate communities."""

    group: str
    name: str
    size: int
    parts: tuple[tuple[int, int], ...]
    """(community id, members of the group in it), largest first."""


class Broker(Result):
    """A person's brokerage roles (open two-step paths a -> b -> c through them) and Burt's measures."""

    unit: str
    name: str
    group: str
    coordinator: int
    gatekeeper: int
    representative: int
    itinerant: int
    liaison: int
    cross_group: int
    """All roles but coordinator: the paths that cross a group boundary through this person."""
    main_role: str
    external_ties: int
    constraint: float | None
    effective_size: float | None


class Finding(Result):
    kind: Literal[
        "silo",
        "sole-link",
        "fragile-boundary",
        "cut-off",
        "cut-off-units",
        "split-group",
        "cross-group-community",
        "no-exchange",
        "key-broker",
    ]
    severity: Severity
    score: float
    title: str
    evidence: str
    action: str
    groups: tuple[str, ...] = ()
    units: tuple[str, ...] = ()


class SiloReport(Result):
    """Everything :func:`silos` found; numbers are the same in the CLI, the API and the map."""

    level: SiloLevel
    seed: int
    units: int
    ties: int
    group_count: int
    ei_index: float | None
    """The whole organisation's E-I index: (ties across groups - ties inside) / all ties."""
    ei_weighted: float | None
    groups: tuple[GroupSilo, ...]
    """Most insular first."""
    never_exchange_count: int
    never_exchange: tuple[GroupPair, ...]
    """Pairs of groups with no direct tie, largest pairs first (at most ``top``; with more than 200,000
    pairs, as at team level in a very large organisation, chosen among the 600 largest groups)."""
    sole_link_count: int
    sole_links: tuple[SoleLink, ...]
    reach_assessed: bool
    front_line_units: int
    cut_off_units: tuple[str, ...]
    """Every unit no front-line unit depends on, directly or transitively (sorted by id)."""
    cut_off_groups: tuple[str, ...]
    """Every group none of whose members reaches the front line."""
    community_method: CommunityMethod
    community_count: int
    community_of: dict[str, int]
    """Each unit's detected community (ids ranked by community size)."""
    modularity_formal: float
    modularity_detected: float
    nmi: float
    communities: tuple[Community, ...]
    """Detected communities with 2+ units, largest first."""
    split_groups: tuple[SplitGroup, ...]
    brokers: tuple[Broker, ...]
    """People with any brokerage or external tie, by cross-group then all brokerage (at most ``top``)."""
    findings: tuple[Finding, ...]
