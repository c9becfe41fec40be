"""The organisation data model (pydantic v2).

An organisation is a set of **units** (people or teams) that deliver **capabilities** to each
other and **depend** on them.

The AND/OR rule, which single-point-of-failure detection and impact analysis rely on:

* a unit needs **all** of its dependencies (AND): losing any one of them hurts it;
* a capability is delivered by **any one** of its providers (OR): it is lost only when every
  provider is gone. ``providers[0]`` is the primary, the rest are backups in order.

A dependency names either a ``capability`` or a ``provider`` unit directly; the latter behaves
as an implicit capability with that single provider (see :meth:`Org.capability_of`).

Reporting lines (``Unit.manager``) are part of the model but are not dependencies unless the
graph is built with ``reporting_lines=True``.

All models are frozen: an analysis can never change the organisation it was given, and a
reorg scenario works on a modified copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "CADENCE_PER_YEAR",
    "CRITICALITY_WEIGHT",
    "Cadence",
    "Capability",
    "Channel",
    "Criticality",
    "Department",
    "Dependency",
    "Org",
    "OrgMeta",
    "Unit",
    "implicit_capability_id",
]

Cadence = Literal["daily", "weekly", "biweekly", "monthly", "quarterly", "yearly", "adhoc"]
Criticality = Literal["low", "medium", "high", "critical"]
UnitKind = Literal["person", "team"]
ChannelType = Literal["email", "ticket", "phone", "chat"]

#: Events per year for each cadence. "daily" counts working days; "adhoc" is taken as about
#: once a month, the usual planning assumption for "as needed" requests.
CADENCE_PER_YEAR: dict[str, float] = {
    "daily": 250.0,
    "weekly": 52.0,
    "biweekly": 26.0,
    "monthly": 12.0,
    "quarterly": 4.0,
    "yearly": 1.0,
    "adhoc": 12.0,
}

#: Weight of a dependency by how badly the consumer suffers without it.
CRITICALITY_WEIGHT: dict[str, float] = {"low": 1.0, "medium": 2.0, "high": 3.0, "critical": 4.0}

IMPLICIT_PREFIX = "direct:"


def implicit_capability_id(provider: str) -> str:
    """Id of the implicit capability behind a dependency that names a provider directly."""
    return f"{IMPLICIT_PREFIX}{provider}"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Channel(_Record):
    """How to ask a unit or capability for something."""

    type: ChannelType
    address: str = ""


class Unit(_Record):
    """A person or a team."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: UnitKind = "person"
    title: str = ""
    department: str | None = None
    team: str | None = None
    manager: str | None = None
    front_line: bool = False
    fte: float = Field(default=1.0, ge=0)
    location: str = ""
    channel: Channel | None = None
    tags: tuple[str, ...] = ()
    available: bool = True
    """False when the unit is temporarily away (leave, vacancy): "who do I ask" skips to a backup."""


class Department(_Record):
    """A formal department. Departments named by units but not listed are created automatically."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    head: str | None = None


class Capability(_Record):
    """Something units deliver to internal customers; any one provider can deliver it (OR)."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    description: str = ""
    keywords: tuple[str, ...] = ()
    providers: tuple[str, ...] = Field(min_length=1)
    channel: Channel | None = None
    lead_time_hours: float | None = Field(default=None, ge=0)

    @property
    def primary(self) -> str:
        return self.providers[0]

    @property
    def backups(self) -> tuple[str, ...]:
        return self.providers[1:]

    @property
    def implicit(self) -> bool:
        """True for the stand-in capability of a dependency that names a provider directly."""
        return self.id.startswith(IMPLICIT_PREFIX)


class Dependency(_Record):
    """``consumer`` needs ``capability`` (or the work of ``provider``) to do its job (AND)."""

    consumer: str = Field(min_length=1)
    capability: str | None = None
    provider: str | None = None
    cadence: Cadence = "monthly"
    criticality: Criticality = "medium"
    lead_time_hours: float | None = Field(default=None, ge=0)
    note: str = ""

    @property
    def capability_id(self) -> str:
        """The capability id, the implicit one when the dependency names a provider."""
        if self.capability is not None:
            return self.capability
        assert self.provider is not None, "validation guarantees capability or provider"
        return implicit_capability_id(self.provider)

    @property
    def events_per_year(self) -> float:
        return CADENCE_PER_YEAR[self.cadence]

    @property
    def criticality_weight(self) -> float:
        return CRITICALITY_WEIGHT[self.criticality]


class OrgMeta(_Record):
    name: str = "Organisation"
    as_of: dt.date | None = None


class Org(_Record):
    """A whole organisation. Build it with :func:`orggraph.load_org` to get full validation."""

    org: OrgMeta = OrgMeta()
    departments: tuple[Department, ...] = ()
    units: tuple[Unit, ...] = ()
    capabilities: tuple[Capability, ...] = ()
    dependencies: tuple[Dependency, ...] = ()

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Org:
        """A copy with ``update`` applied; the id lookups are rebuilt, never carried over stale."""
        copy = super().model_copy(update=update, deep=deep)
        for name in _CACHED_LOOKUPS:
            copy.__dict__.pop(name, None)
        return copy

    @cached_property
    def unit_by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units}

    @cached_property
    def department_by_id(self) -> dict[str, Department]:
        """Listed departments plus those only named by units (named after their id)."""
        found = {d.id: d for d in self.departments}
        for u in self.units:
            if u.department and u.department not in found:
                found[u.department] = Department(id=u.department, name=u.department)
        return found

    @cached_property
    def capability_by_id(self) -> dict[str, Capability]:
        """Declared capabilities plus the implicit ones of direct-provider dependencies."""
        found = {c.id: c for c in self.capabilities}
        for d in self.dependencies:
            if d.capability is None and d.provider is not None:
                cid = implicit_capability_id(d.provider)
                if cid not in found:
                    prov = self.unit_by_id.get(d.provider)
                    found[cid] = Capability(
                        id=cid,
                        name=f"work from {prov.name if prov else d.provider}",
                        providers=(d.provider,),
                        channel=prov.channel if prov else None,
                    )
        return found

    def capability_of(self, dep: Dependency) -> Capability:
        """The capability a dependency is on (an implicit one for a direct provider)."""
        return self.capability_by_id[dep.capability_id]

    def lead_time_of(self, dep: Dependency) -> float:
        """Lead time in hours: the dependency's own, else its capability's, else 0 (unknown)."""
        if dep.lead_time_hours is not None:
            return dep.lead_time_hours
        cap = self.capability_by_id.get(dep.capability_id)
        if cap is not None and cap.lead_time_hours is not None:
            return cap.lead_time_hours
        return 0.0

    @cached_property
    def reports_of(self) -> dict[str, tuple[str, ...]]:
        """Direct reports of each manager id, sorted by id."""
        out: dict[str, list[str]] = {}
        for u in self.units:
            if u.manager:
                out.setdefault(u.manager, []).append(u.id)
        return {k: tuple(sorted(v)) for k, v in out.items()}

    def management_chain(self, unit_id: str) -> list[str]:
        """The unit's managers up the reporting line, nearest first (stops at a cycle)."""
        chain: list[str] = []
        seen = {unit_id}
        current = self.unit_by_id[unit_id].manager
        while current and current not in seen and current in self.unit_by_id:
            chain.append(current)
            seen.add(current)
            current = self.unit_by_id[current].manager
        return chain


_CACHED_LOOKUPS = tuple(name for name, value in vars(Org).items() if isinstance(value, cached_property))
