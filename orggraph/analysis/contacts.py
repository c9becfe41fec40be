"""People to contact: unit look-up with "did you mean", and which provider to ask first.

Shared by "who do I ask" (:mod:`orggraph.analysis.ask`) and the reverse questions
(:mod:`orggraph.analysis.provides`) so both name people and pick providers the same way.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, process

from orggraph.exceptions import UnitNotFound
from orggraph.model import Channel, Org, Unit

__all__ = ["Contact", "ProviderChoice", "choose_provider", "contact_of", "proximity", "require_unit"]

Proximity = Literal["you", "team", "department", "elsewhere"]


class Contact(BaseModel):
    """A unit as someone to contact."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    kind: str = "person"
    title: str = ""
    department: str = ""
    """Department name ("" when none)."""
    available: bool = True
    channel: Channel | None = None

    @property
    def label(self) -> str:
        """"Priya Shah, Payroll Officer, in Payroll"."""
        text = self.name + (f", {self.title}" if self.title else "")
        return text + (f", in {self.department}" if self.department else "")


class ProviderChoice(BaseModel):
    """The provider to ask first among a capability's providers, and why."""

    model_config = ConfigDict(frozen=True)

    ask_first: str
    reason: str
    backups: tuple[str, ...]
    """The other providers, in the capability's order."""
    nobody_available: bool = False


def require_unit(org: Org, unit_id: str) -> Unit:
    """The unit with this id, else :class:`UnitNotFound` suggesting the closest ids and names."""
    unit = org.unit_by_id.get(unit_id)
    if unit is not None:
        return unit
    ids = sorted(org.unit_by_id)
    labels = [f"{i} {org.unit_by_id[i].name}" for i in ids]
    found = process.extract(
        unit_id, labels, scorer=fuzz.WRatio, processor=str.lower, limit=3, score_cutoff=60
    )
    hint = ", ".join(f"{ids[i]!r} ({org.unit_by_id[ids[i]].name})" for _, _, i in found)
    raise UnitNotFound(unit_id, f"Did you mean {hint}?" if hint else "Check the id in the units list.")


def contact_of(org: Org, unit_id: str) -> Contact:
    """A :class:`Contact` for a unit id (a bare id when the unit is not listed)."""
    unit = org.unit_by_id.get(unit_id)
    if unit is None:
        return Contact(id=unit_id, name=unit_id, available=False)
    dept = org.department_by_id.get(unit.department) if unit.department else None
    return Contact(
        id=unit.id,
        name=unit.name,
        kind=unit.kind,
        title=unit.title,
        department=dept.name if dept else "",
        available=unit.available,
        channel=unit.channel,
    )


def _team(unit: Unit) -> str | None:
    return unit.team or (unit.id if unit.kind == "team" else None)


def proximity(org: Org, asker: str | None, unit_id: str) -> Proximity:
    """Where ``unit_id`` sits relative to the asker: themselves, their team, department, or elsewhere."""
    a, u = org.unit_by_id.get(asker or ""), org.unit_by_id.get(unit_id)
    if a is None or u is None:
        return "elsewhere"
    if a.id == u.id:
        return "you"
    if _team(a) is not None and _team(a) in (_team(u), u.id):
        return "team"
    if a.department is not None and a.department == u.department:
        return "department"
    return "elsewhere"


def choose_provider(org: Org, providers: tuple[str, ...], asker: str | None = None) -> ProviderChoice:
    """Pick who to ask first among ``providers`` (primary first, then backups).

    The primary, unless it is marked unavailable, in which case the first available backup.
    With an ``asker``, an available provider in the asker's own team is preferred, then one in
    their department; the asker is never told to ask themselves while someone else can do it.
    """
    primary = providers[0]
    others = [p for p in providers if p != asker]
    if not others:
        return ProviderChoice(ask_first=primary, reason="you provide this yourself", backups=())

    def pick(choice: str, reason: str, nobody: bool = False) -> ProviderChoice:
        rest = tuple(p for p in providers if p not in (choice, asker))
        return ProviderChoice(ask_first=choice, reason=reason, backups=rest, nobody_available=nobody)

    available = [p for p in others if p in org.unit_by_id and org.unit_by_id[p].available]
    if not available:
        return pick(others[0], "nobody who provides this is marked available; try them or escalate", True)
    if asker:
        for level in ("team", "department"):
            near = [p for p in available if proximity(org, asker, p) == level]
            if near:
                return pick(
                    near[0], f"in your {level}" + (" (primary provider)" if near[0] == primary else "")
                )
    choice = available[0]
    if choice == primary:
        return pick(choice, "primary provider")
    if primary == asker:
        return pick(choice, "first backup (you are the primary provider)")
    if primary in org.unit_by_id:
        return pick(choice, f"first available backup ({org.unit_by_id[primary].name} is marked unavailable)")
    return pick(choice, f"first available backup (primary {primary!r} is not in the units list)")
