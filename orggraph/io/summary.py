"""What ``orggraph check`` reports about a valid org: sizes, departments, capabilities without backup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from orggraph.exceptions import Problem
from orggraph.graph import NO_DEPARTMENT
from orggraph.model import Org

__all__ = ["DepartmentCount", "OrgSummary", "SoleProvidedCapability", "summarize_org"]


class _Report(BaseModel):
    model_config = ConfigDict(frozen=True)


class DepartmentCount(_Report):
    """Head-count of one department."""

    id: str
    name: str
    units: int
    people: int
    teams: int
    fte: float
    front_line: int
    """Units in the department that serve external customers directly."""


class SoleProvidedCapability(_Report):
    """A declared capability with a single provider: nobody can step in if that unit is away."""

    id: str
    name: str
    provider: str
    provider_name: str
    consumers: int
    """Distinct units that depend on the capability."""


class OrgSummary(_Report):
    """Sizes of a valid organisation, per department, its capabilities without backup, and its warnings."""

    name: str
    as_of: dt.date | None
    units: int
    people: int
    teams: int
    departments: int
    capabilities: int
    dependencies: int
    front_line: int
    direct_dependencies: int
    """Dependencies that name a provider unit directly; they have no backup by definition."""
    by_department: list[DepartmentCount]
    without_backup: list[SoleProvidedCapability]
    """Sorted by number of consumers (most first), then id."""
    warnings: list[Problem]


def summarize_org(org: Org, warnings: Sequence[Problem] = ()) -> OrgSummary:
    """Summarise ``org`` for ``orggraph check`` (and anyone who wants the same figures)."""
    depts = org.department_by_id
    rows: dict[str, dict[str, float]] = {}
    for unit in org.units:
        row = rows.setdefault(
            unit.department or NO_DEPARTMENT,
            dict.fromkeys(("units", "people", "teams", "fte", "front_line"), 0),
        )
        row["units"] += 1
        row["people" if unit.kind == "person" else "teams"] += 1
        row["fte"] += unit.fte
        row["front_line"] += int(unit.front_line)
    by_department = [
        DepartmentCount(id=d, name=depts[d].name if d in depts else d, **rows[d])  # type: ignore[arg-type]
        for d in sorted(rows)
    ]
    consumers: dict[str, set[str]] = {}
    for dep in org.dependencies:
        if dep.capability:
            consumers.setdefault(dep.capability, set()).add(dep.consumer)
    units = org.unit_by_id
    without_backup = sorted(
        (
            SoleProvidedCapability(
                id=cap.id,
                name=cap.name,
                provider=cap.primary,
                provider_name=units[cap.primary].name if cap.primary in units else cap.primary,
                consumers=len(consumers.get(cap.id, ())),
            )
            for cap in org.capabilities
            if len(cap.providers) == 1
        ),
        key=lambda c: (-c.consumers, c.id),
    )
    people = sum(1 for u in org.units if u.kind == "person")
    return OrgSummary(
        name=org.org.name,
        as_of=org.org.as_of,
        units=len(org.units),
        people=people,
        teams=len(org.units) - people,
        departments=len(rows.keys() - {NO_DEPARTMENT}),
        capabilities=len(org.capabilities),
        dependencies=len(org.dependencies),
        front_line=sum(1 for u in org.units if u.front_line),
        direct_dependencies=sum(1 for d in org.dependencies if d.capability is None),
        by_department=by_department,
        without_backup=without_backup,
        warnings=list(warnings),
    )
