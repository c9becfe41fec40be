"""The reverse questions: what a unit delivers and to whom, and what it needs and from whom."""

from __future__ import annotations

import networkx as nx

from orggraph.analysis.contacts import Contact, choose_provider, contact_of, require_unit
from orggraph.graph import org_of
from orggraph.model import CRITICALITY_WEIGHT, Dependency, Org
from orggraph.result import Result

__all__ = ["ConsumerOf", "NeedsReport", "Need", "Provided", "ProvidesReport", "needs", "provides"]


class ConsumerOf(Result):
    """A unit that depends on a capability, and how."""

    unit: Contact
    cadence: str
    criticality: str
    lead_time_hours: float
    note: str = ""


class Provided(Result):
    """One capability the unit provides, and everyone who depends on it."""

    capability_id: str
    capability_name: str
    role: str
    """"primary", "backup 1", "backup 2", ..."""
    other_providers: tuple[Contact, ...]
    consumers: tuple[ConsumerOf, ...]
    """Most critical first, then by id."""


class ProvidesReport(Result):
    """What a unit delivers and to whom."""

    unit: Contact
    items: tuple[Provided, ...]
    consumers: int
    """Distinct units that depend on at least one of these capabilities."""
    sole_provider_of: tuple[str, ...]
    """Capability ids for which this unit is the only provider (no backup)."""
    message: str


class Need(Result):
    """One dependency of the unit: the capability and who delivers it."""

    capability_id: str
    capability_name: str
    cadence: str
    criticality: str
    lead_time_hours: float
    ask_first: Contact
    reason: str
    backups: tuple[Contact, ...]
    note: str = ""


class NeedsReport(Result):
    """What a unit depends on, and from whom."""

    unit: Contact
    items: tuple[Need, ...]
    """Most critical first, then by capability id."""
    providers: int
    """Distinct units this unit can get its needs from."""
    without_backup: tuple[str, ...]
    """Capability ids it needs that have a single provider."""
    message: str


def _consumer(org: Org, dep: Dependency) -> ConsumerOf:
    return ConsumerOf(
        unit=contact_of(org, dep.consumer),
        cadence=dep.cadence,
        criticality=dep.criticality,
        lead_time_hours=org.lead_time_of(dep),
        note=dep.note,
    )


def _by_criticality(weight: str, key: str) -> tuple[float, str]:
    return (-CRITICALITY_WEIGHT[weight], key)


def provides(G: nx.DiGraph, unit: str) -> ProvidesReport:
    """What ``unit`` delivers (the capabilities it provides, as primary or backup) and to whom.

    Parameters
    ----------
    G
        A dependency graph from :func:`orggraph.build_graph`.
    unit
        The unit's id.

    Returns
    -------
    ProvidesReport
        One item per capability (those named only through direct dependencies on the unit
        included), each listing its consumers, most critical first.

    Raises
    ------
    UnitNotFound
        No such unit; the message suggests the closest ids and names.
    """
    org = org_of(G)
    require_unit(org, unit)
    deps_by_cap: dict[str, list[Dependency]] = {}
    for dep in org.dependencies:
        deps_by_cap.setdefault(dep.capability_id, []).append(dep)
    items = []
    for cap_id in sorted(org.capability_by_id):
        cap = org.capability_by_id[cap_id]
        if unit not in cap.providers:
            continue
        rank = cap.providers.index(unit)
        deps = sorted(deps_by_cap.get(cap_id, []), key=lambda d: _by_criticality(d.criticality, d.consumer))
        items.append(
            Provided(
                capability_id=cap_id,
                capability_name=cap.name,
                role="primary" if rank == 0 else f"backup {rank}",
                other_providers=tuple(contact_of(org, p) for p in cap.providers if p != unit),
                consumers=tuple(_consumer(org, d) for d in deps if d.consumer != unit),
            )
        )
    items.sort(key=lambda p: (p.role != "primary", p.capability_id))
    who = contact_of(org, unit)
    consumers = len({c.unit.id for p in items for c in p.consumers})
    sole = tuple(p.capability_id for p in items if not p.other_providers)
    if items:
        things = f"{len(items)} capabilit{'y' if len(items) == 1 else 'ies'}"
        message = f"{who.name} provides {things} to {consumers} unit{'s' if consumers != 1 else ''}."
        if sole:
            message += f" No backup for {len(sole)} of them."
    else:
        message = f"{who.name} provides nothing recorded in the organisation data."
    return ProvidesReport(
        unit=who, items=tuple(items), consumers=consumers, sole_provider_of=sole, message=message
    )


def needs(G: nx.DiGraph, unit: str) -> NeedsReport:
    """What ``unit`` depends on, and from whom (the provider to ask first and the backups).

    Parameters
    ----------
    G
        A dependency graph from :func:`orggraph.build_graph`.
    unit
        The unit's id.

    Returns
    -------
    NeedsReport
        One item per dependency, most critical first; the provider to ask first follows the
        same rule as ``ask`` (primary, else first available backup; nearer providers first).

    Raises
    ------
    UnitNotFound
        No such unit; the message suggests the closest ids and names.
    """
    org = org_of(G)
    require_unit(org, unit)
    items = []
    for dep in org.dependencies:
        if dep.consumer != unit:
            continue
        cap = org.capability_of(dep)
        choice = choose_provider(org, cap.providers, unit)
        items.append(
            Need(
                capability_id=cap.id,
                capability_name=cap.name,
                cadence=dep.cadence,
                criticality=dep.criticality,
                lead_time_hours=org.lead_time_of(dep),
                ask_first=contact_of(org, choice.ask_first),
                reason=choice.reason,
                backups=tuple(contact_of(org, b) for b in choice.backups),
                note=dep.note,
            )
        )
    items.sort(key=lambda n: _by_criticality(n.criticality, n.capability_id))
    who = contact_of(org, unit)
    providers = len({c.id for n in items for c in (n.ask_first, *n.backups) if c.id != unit})
    single = tuple(sorted({n.capability_id for n in items if not n.backups}))
    if items:
        message = (
            f"{who.name} depends on {len(items)} thing{'s' if len(items) != 1 else ''} from {providers} unit"
        )
        message += "s." if providers != 1 else "."
        if single:
            message += f" {len(single)} of them have a single provider."
    else:
        message = f"{who.name} depends on nothing recorded in the organisation data."
    return NeedsReport(
        unit=who, items=tuple(items), providers=providers, without_backup=single, message=message
    )
