"""Response models of the API's own views (health, organisation summary, directory of units and
capabilities). Analysis endpoints answer with the analyses' own report models instead."""

from __future__ import annotations

import datetime as dt
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict

from orggraph.analysis.bottlenecks import UnitBottleneck
from orggraph.analysis.provides import NeedsReport, ProvidesReport
from orggraph.model import Channel

__all__ = [
    "CapabilityDetail",
    "CapabilitySummary",
    "DepartmentSummary",
    "Health",
    "OrgSummary",
    "Page",
    "ReloadResult",
    "UnitDetail",
    "UnitRef",
    "UnitSummary",
]

T = TypeVar("T")


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Health(_Out):
    status: Literal["ok"] = "ok"


class Page(_Out, Generic[T]):
    """One page of a list: ``items`` are rows ``offset`` to ``offset + limit`` of ``total``."""

    total: int
    limit: int
    offset: int
    items: list[T]


class DepartmentSummary(_Out):
    """A department's size. In privacy mode the figures of small departments are withheld (null)."""

    id: str
    name: str
    head: str | None
    units: int | None
    """People and team units in the department."""
    fte: float | None
    """Full-time equivalents (a team unit counts its FTE)."""
    front_line: int | None
    """Units that serve external customers directly."""
    withheld: bool = False
    """True when the department is smaller than the privacy minimum, so its figures are not shown."""


class OrgSummary(_Out):
    name: str
    as_of: dt.date | None
    loaded_at: dt.datetime
    privacy: bool
    """True when names are pseudonyms and small groups' figures are withheld."""
    min_group_size: int | None
    """The privacy minimum (privacy mode only)."""
    units: int
    people: int
    teams: int
    capabilities: int
    """Declared capabilities (dependencies naming a provider directly are not counted)."""
    dependencies: int
    front_line_units: int
    departments: list[DepartmentSummary]


class UnitRef(_Out):
    id: str
    name: str


class UnitSummary(_Out):
    id: str
    name: str
    kind: Literal["person", "team"]
    title: str
    department: str | None
    team: str | None
    front_line: bool
    fte: float
    available: bool


class UnitDetail(_Out):
    """One unit: who they are, what they provide and to whom, what they need and from whom.

    ``scores`` are person-level figures (the unit's bottleneck entry, with default weights):
    present for the analyst role only, null otherwise.
    """

    unit: UnitSummary
    manager: UnitRef | None
    location: str
    channel: Channel | None
    tags: list[str]
    reports: list[UnitRef]
    provides: ProvidesReport
    needs: NeedsReport
    scores: UnitBottleneck | None = None


class CapabilitySummary(_Out):
    id: str
    name: str
    description: str
    keywords: list[str]
    providers: list[UnitRef]
    """Primary first, then the backups in order."""
    implicit: bool
    """True for the stand-in capability of dependencies that name a provider directly."""
    consumers: int
    """How many dependencies rest on it."""


class CapabilityDetail(CapabilitySummary):
    channel: Channel | None
    lead_time_hours: float | None
    needed_by: list[UnitRef]


class ReloadResult(_Out):
    reloaded: bool
    """False when the data had not changed (only with ``if_changed``)."""
    units: int
    loaded_at: dt.datetime
