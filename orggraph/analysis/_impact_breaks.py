"""What breaks: the AND/OR failure cascade from the units that leave (:mod:`orggraph.analysis.failure`).

For a scenario the cascade runs on :attr:`~orggraph.scenario.Applied.changed` (every operation
applied, removed units still present) from the removed units, so a backup added earlier in the
scenario counts. For two snapshots there is no such version, so :func:`snapshot_changed` builds
one: the new snapshot plus the units that left, the capabilities that lost every provider because
they left, and the old dependencies on those capabilities of units that stayed.
"""

from __future__ import annotations

from orggraph.model import Capability, Org, implicit_capability_id

__all__ = ["snapshot_changed"]


def snapshot_changed(old: Org, new: Org) -> tuple[Org, frozenset[str], tuple[str, ...]]:
    """``(changed, left, discontinued)`` for the cascade between two snapshots.

    ``left``: units in ``old`` only. ``changed``: ``new`` plus those units, each capability of
    ``old`` missing from ``new`` that some leaver provided (with the leavers as its providers),
    and the dependencies of ``old`` on such capabilities (or directly on a leaver) whose consumer
    stayed. ``discontinued``: capabilities of ``old`` missing from ``new`` although all their
    providers stayed (they stopped offering it; reported, not cascaded).
    """
    left = frozenset(old.unit_by_id.keys() - new.unit_by_id.keys())
    new_caps = {c.id for c in new.capabilities}
    lost: dict[str, Capability] = {}
    discontinued: list[str] = []
    for cap in old.capabilities:
        if cap.id in new_caps:
            continue
        leavers = tuple(p for p in cap.providers if p in left)
        if leavers:
            lost[cap.id] = cap.model_copy(update={"providers": leavers})
        else:
            discontinued.append(cap.id)
    lost_ids = lost.keys() | {implicit_capability_id(u) for u in left}
    stayed = new.unit_by_id
    kept = {(d.consumer, d.capability_id) for d in new.dependencies}
    extra = [
        d
        for d in old.dependencies
        if d.consumer in stayed and d.capability_id in lost_ids and (d.consumer, d.capability_id) not in kept
    ]
    changed = Org.model_construct(
        org=new.org,
        departments=new.departments,
        units=new.units + tuple(old.unit_by_id[u] for u in sorted(left)),
        capabilities=new.capabilities + tuple(lost[c] for c in sorted(lost)),
        dependencies=new.dependencies + tuple(extra),
    )
    return changed, left, tuple(sorted(discontinued))
