"""The API's own read-only views of the data: organisation summary, units and capabilities.

These are look-ups, not analyses: no figure here is a score. Indexes are built once per
:class:`~api.state.OrgView` and cached with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from api.schemas import (
    CapabilityDetail,
    CapabilitySummary,
    DepartmentSummary,
    OrgSummary,
    Page,
    UnitDetail,
    UnitRef,
    UnitSummary,
)
from api.state import OrgView
from orggraph.analysis.bottlenecks import BottleneckReport, UnitBottleneck, bottlenecks
from orggraph.analysis.contacts import require_unit
from orggraph.analysis.provides import needs, provides
from orggraph.exceptions import CapabilityNotFound
from orggraph.graph import NO_DEPARTMENT
from orggraph.model import Capability, Dependency, Org, Unit

__all__ = [
    "capability_detail",
    "find_capabilities",
    "find_units",
    "org_summary",
    "paginate",
    "unit_detail",
]

T = TypeVar("T")


@dataclass(frozen=True)
class _Index:
    units: tuple[UnitSummary, ...]
    capabilities: tuple[CapabilitySummary, ...]
    needed_via: dict[str, tuple[Dependency, ...]]
    """Capability id -> the dependencies on it."""


def _index(view: OrgView) -> _Index:
    return view.cached(("directory",), lambda: _build_index(view.org))


def _build_index(org: Org) -> _Index:
    needed_via: dict[str, list[Dependency]] = {}
    for dep in org.dependencies:
        needed_via.setdefault(dep.capability_id, []).append(dep)
    units = tuple(_unit_summary(u) for u in sorted(org.units, key=lambda u: u.id))
    caps = tuple(
        _capability_summary(org, org.capability_by_id[cid], len(needed_via.get(cid, ())))
        for cid in sorted(org.capability_by_id)
    )
    return _Index(
        units=units,
        capabilities=caps,
        needed_via={k: tuple(v) for k, v in needed_via.items()},
    )


def _ref(org: Org, unit_id: str) -> UnitRef:
    unit = org.unit_by_id.get(unit_id)
    return UnitRef(id=unit_id, name=unit.name if unit else unit_id)


def _unit_summary(u: Unit) -> UnitSummary:
    return UnitSummary(
        id=u.id,
        name=u.name,
        kind=u.kind,
        title=u.title,
        department=u.department,
        team=u.team,
        front_line=u.front_line,
        fte=u.fte,
        available=u.available,
    )


def _capability_summary(org: Org, cap: Capability, consumers: int) -> CapabilitySummary:
    return CapabilitySummary(
        id=cap.id,
        name=cap.name,
        description=cap.description,
        keywords=list(cap.keywords),
        providers=[_ref(org, p) for p in cap.providers],
        implicit=cap.implicit,
        consumers=consumers,
    )


def paginate(items: Sequence[T], limit: int, offset: int) -> Page[T]:
    return Page(total=len(items), limit=limit, offset=offset, items=list(items[offset : offset + limit]))


def org_summary(view: OrgView, loaded_at: dt.datetime, min_group_size: int) -> OrgSummary:
    org = view.org
    members: dict[str, list[Unit]] = {d: [] for d in org.department_by_id}
    for u in org.units:
        members.setdefault(u.department or NO_DEPARTMENT, []).append(u)
    departments = []
    for dept_id in sorted(members):
        dept = org.department_by_id.get(dept_id)
        units = members[dept_id]
        withheld = dept_id in view.small_groups
        departments.append(
            DepartmentSummary(
                id=dept_id,
                name=dept.name if dept else dept_id,
                head=dept.head if dept else None,
                units=None if withheld else len(units),
                fte=None if withheld else round(sum(u.fte for u in units), 2),
                front_line=None if withheld else sum(u.front_line for u in units),
                withheld=withheld,
            )
        )
    people = sum(u.kind == "person" for u in org.units)
    return OrgSummary(
        name=org.org.name,
        as_of=org.org.as_of,
        loaded_at=loaded_at,
        privacy=view.private,
        min_group_size=min_group_size if view.private else None,
        units=len(org.units),
        people=people,
        teams=len(org.units) - people,
        capabilities=len(org.capabilities),
        dependencies=len(org.dependencies),
        front_line_units=sum(u.front_line for u in org.units),
        departments=departments,
    )


def find_units(
    view: OrgView,
    *,
    department: str | None = None,
    team: str | None = None,
    front_line: bool | None = None,
    kind: str | None = None,
    q: str | None = None,
) -> list[UnitSummary]:
    """Units matching every filter given; ``q`` is a case-insensitive substring of id, name or title."""
    needle = q.strip().lower() if q else ""
    return [
        u
        for u in _index(view).units
        if (department is None or u.department == department)
        and (team is None or u.team == team)
        and (front_line is None or u.front_line == front_line)
        and (kind is None or u.kind == kind)
        and (not needle or needle in u.id.lower() or needle in u.name.lower() or needle in u.title.lower())
    ]


def unit_detail(view: OrgView, unit_id: str, *, scores: bool = False) -> UnitDetail:
    """Who the unit is, the ``provides``/``needs`` reports and, with ``scores``, its bottleneck entry.

    Raises ``UnitNotFound``.
    """
    org, G = view.org, view.graph
    unit = require_unit(org, unit_id)
    return UnitDetail(
        unit=_unit_summary(unit),
        manager=_ref(org, unit.manager) if unit.manager else None,
        location=unit.location,
        channel=unit.channel,
        tags=list(unit.tags),
        reports=[_ref(org, r) for r in org.reports_of.get(unit_id, ())],
        provides=provides(G, unit_id),
        needs=needs(G, unit_id),
        scores=_bottleneck_entries(view)[unit_id] if scores else None,
    )


def ranking(view: OrgView) -> BottleneckReport:
    """Every unit's bottleneck entry with the default weights, computed once per view: the unit
    detail's scores and the health report (and the map's insights) read the same run."""
    return view.cached(("ranking",), lambda: bottlenecks(view.graph))


def _bottleneck_entries(view: OrgView) -> dict[str, UnitBottleneck]:
    """:func:`ranking` by unit id."""
    return view.cached(("unit-scores",), lambda: {e.id: e for e in ranking(view).entries})


def find_capabilities(
    view: OrgView, *, q: str | None = None, implicit: bool = False
) -> list[CapabilitySummary]:
    """Capabilities whose id, name, description or keywords contain ``q`` (case-insensitive)."""
    needle = q.strip().lower() if q else ""
    out = []
    for c in _index(view).capabilities:
        if c.implicit and not implicit:
            continue
        text = " ".join((c.id, c.name, c.description, *c.keywords)).lower()
        if needle in text:
            out.append(c)
    return out


def capability_detail(view: OrgView, capability_id: str) -> CapabilityDetail:
    org = view.org
    cap = org.capability_by_id.get(capability_id)
    if cap is None:
        raise CapabilityNotFound(capability_id)
    deps = _index(view).needed_via.get(capability_id, ())
    summary = _capability_summary(org, cap, len(deps))
    return CapabilityDetail(
        **summary.model_dump(),
        channel=cap.channel,
        lead_time_hours=cap.lead_time_hours,
        needed_by=[_ref(org, c) for c in sorted({d.consumer for d in deps})],
    )
