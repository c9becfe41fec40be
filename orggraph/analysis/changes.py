"""What changed between two versions of an organisation, matched by id.

Used by ``orggraph diff OLD NEW`` (two snapshots, e.g. last quarter's export and this quarter's)
and by reorg impact analysis (the organisation before and after a scenario), so both reports
say what was added, removed and moved before they show the effects.
"""

from __future__ import annotations

from orggraph.model import Org
from orggraph.result import Result

__all__ = ["DependencyKey", "OrgChanges", "ProviderChange", "UnitMove", "compare_orgs"]


class UnitMove(Result):
    """A unit present in both versions whose place in the organisation changed."""

    unit: str
    name: str
    field: str
    """``department``, ``team``, ``manager``, ``front_line`` or ``fte``."""
    before: str | float | bool | None
    after: str | float | bool | None


class ProviderChange(Result):
    """A capability present in both versions whose providers changed (order matters: first is primary)."""

    capability: str
    name: str
    before: tuple[str, ...]
    after: tuple[str, ...]


class DependencyKey(Result):
    """A dependency identified by its consumer and (possibly implicit) capability id."""

    consumer: str
    capability: str


class OrgChanges(Result):
    """Every structural difference between ``before`` and ``after``, each list sorted by id."""

    units_added: tuple[str, ...] = ()
    units_removed: tuple[str, ...] = ()
    units_moved: tuple[UnitMove, ...] = ()
    departments_added: tuple[str, ...] = ()
    departments_removed: tuple[str, ...] = ()
    capabilities_added: tuple[str, ...] = ()
    capabilities_removed: tuple[str, ...] = ()
    providers_changed: tuple[ProviderChange, ...] = ()
    dependencies_added: tuple[DependencyKey, ...] = ()
    dependencies_removed: tuple[DependencyKey, ...] = ()

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in type(self).model_fields)

    def summary(self) -> str:
        """One line such as "2 units removed, 1 moved, 3 dependencies removed" (or "no change")."""
        parts = [
            (len(self.units_added), "unit added", "units added"),
            (len(self.units_removed), "unit removed", "units removed"),
            (len({m.unit for m in self.units_moved}), "unit moved", "units moved"),
            (len(self.departments_added), "department added", "departments added"),
            (len(self.departments_removed), "department removed", "departments removed"),
            (len(self.capabilities_added), "capability added", "capabilities added"),
            (len(self.capabilities_removed), "capability removed", "capabilities removed"),
            (len(self.providers_changed), "capability re-staffed", "capabilities re-staffed"),
            (len(self.dependencies_added), "dependency added", "dependencies added"),
            (len(self.dependencies_removed), "dependency removed", "dependencies removed"),
        ]
        text = [f"{n} {one if n == 1 else many}" for n, one, many in parts if n]
        return ", ".join(text) if text else "no change"


_MOVE_FIELDS = ("department", "team", "manager", "front_line", "fte")


def compare_orgs(before: Org, after: Org) -> OrgChanges:
    """List what was added, removed and moved from ``before`` to ``after`` (units matched by id).

    Parameters
    ----------
    before, after : Org
        Two versions of one organisation, e.g. two quarterly exports or a scenario's before and after.

    Returns
    -------
    OrgChanges
        Sorted, so the same pair always gives the same report.
    """
    old_units, new_units = before.unit_by_id, after.unit_by_id
    moves = [
        UnitMove(
            unit=uid,
            name=new_units[uid].name,
            field=f,
            before=getattr(old, f),
            after=getattr(new_units[uid], f),
        )
        for uid, old in sorted(old_units.items())
        if uid in new_units and new_units[uid] is not old  # the same record cannot have moved
        for f in _MOVE_FIELDS
        if getattr(old, f) != getattr(new_units[uid], f)
    ]
    old_caps, new_caps = before.capability_by_id, after.capability_by_id
    providers = [
        ProviderChange(capability=cid, name=cap.name, before=cap.providers, after=new_caps[cid].providers)
        for cid, cap in sorted(old_caps.items())
        if cid in new_caps and cap.providers != new_caps[cid].providers
    ]
    # A dependency kept as the same record is in both versions, so only the others need keys (a
    # scenario keeps most records; two snapshots share none). A key can still survive in a kept
    # record when the data lists one dependency twice, so those are checked last.
    kept = {id(d) for d in before.dependencies} & {id(d) for d in after.dependencies}
    old_keys = {(d.consumer, d.capability_id) for d in before.dependencies if id(d) not in kept}
    new_keys = {(d.consumer, d.capability_id) for d in after.dependencies if id(d) not in kept}
    removed, added = old_keys - new_keys, new_keys - old_keys
    if kept and (removed or added):
        consumers = {c for c, _ in removed | added}
        still = {
            (d.consumer, d.capability_id)
            for d in after.dependencies
            if d.consumer in consumers and id(d) in kept
        }
        removed, added = removed - still, added - still

    def keys(pairs: set[tuple[str, str]]) -> tuple[DependencyKey, ...]:
        return tuple(DependencyKey(consumer=c, capability=k) for c, k in sorted(pairs))

    return OrgChanges(
        units_added=tuple(sorted(new_units.keys() - old_units.keys())),
        units_removed=tuple(sorted(old_units.keys() - new_units.keys())),
        units_moved=tuple(moves),
        departments_added=tuple(sorted(after.department_by_id.keys() - before.department_by_id.keys())),
        departments_removed=tuple(sorted(before.department_by_id.keys() - after.department_by_id.keys())),
        capabilities_added=tuple(sorted(new_caps.keys() - old_caps.keys())),
        capabilities_removed=tuple(sorted(old_caps.keys() - new_caps.keys())),
        providers_changed=tuple(providers),
        dependencies_added=keys(added),
        dependencies_removed=keys(removed),
    )
