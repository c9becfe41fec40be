"""Reorg scenarios: a reviewable list of operations applied, in order, to a copy of an organisation.

A scenario never modifies the organisation it is applied to (the models are frozen); it returns
an :class:`Applied` holding the organisation as it would be afterwards.

Removal is kept separate from the other operations because impact analysis must know *what* was
taken away to propagate failures through the AND/OR model: :attr:`Applied.changed` is the
organisation with every operation applied except that removed units are still present, and
:attr:`Applied.removed` names them; :attr:`Applied.after` is the organisation with them gone
(their reports move up to their manager, capabilities lose them as a provider, and a capability
left with no provider disappears together with the dependencies on it, which
:attr:`Applied.lost_dependencies` lists).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from orggraph.exceptions import ScenarioError
from orggraph.model import Cadence, Capability, Criticality, Department, Dependency, Org, Unit

__all__ = [
    "AddBackup",
    "AddDependency",
    "Applied",
    "Merge",
    "Move",
    "Operation",
    "Reassign",
    "Remove",
    "RemoveDependency",
    "Scenario",
    "Set",
    "apply_scenario",
    "parse_scenario",
]


class _Op(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Remove(_Op):
    """A person leaves or a team is dissolved."""

    op: Literal["remove"]
    unit: str = Field(min_length=1)


class Move(_Op):
    """Move a unit to another department, team or manager (at least one of them)."""

    op: Literal["move"]
    unit: str = Field(min_length=1)
    department: str | None = None
    team: str | None = None
    manager: str | None = None


class Merge(_Op):
    """Merge two units or two departments: the source's members, capabilities and dependencies move."""

    op: Literal["merge"]
    source: str = Field(min_length=1)
    target: str = Field(min_length=1)


class Reassign(_Op):
    """Give a capability a new ordered list of providers (the first is the primary)."""

    op: Literal["reassign"]
    capability: str = Field(min_length=1)
    providers: tuple[str, ...] = Field(min_length=1)


class AddBackup(_Op):
    """Add a backup provider to a capability (at the end of the list unless ``position`` is given)."""

    op: Literal["add_backup"]
    capability: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    position: int | None = Field(default=None, ge=1)


class AddDependency(_Op):
    """A unit starts depending on a capability or directly on a provider."""

    op: Literal["add_dependency"]
    consumer: str = Field(min_length=1)
    capability: str | None = None
    provider: str | None = None
    cadence: Cadence = "monthly"
    criticality: Criticality = "medium"
    lead_time_hours: float | None = Field(default=None, ge=0)
    note: str = ""


class RemoveDependency(_Op):
    """A unit stops depending on a capability or a provider."""

    op: Literal["remove_dependency"]
    consumer: str = Field(min_length=1)
    capability: str | None = None
    provider: str | None = None


class Set(_Op):
    """Change a unit's front-line status, capacity or availability."""

    op: Literal["set"]
    unit: str = Field(min_length=1)
    front_line: bool | None = None
    fte: float | None = Field(default=None, ge=0)
    available: bool | None = None


Operation = Annotated[
    Remove | Move | Merge | Reassign | AddBackup | AddDependency | RemoveDependency | Set,
    Field(discriminator="op"),
]


class Scenario(BaseModel):
    """A named, described list of operations, applied in order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    description: str = ""
    operations: tuple[Operation, ...] = ()


def parse_scenario(data: Any) -> Scenario:
    """Validate a scenario from parsed YAML/JSON; errors name the operation's index and field.

    Raises :class:`~orggraph.exceptions.ScenarioError` (the first problem found; indexes are 1-based,
    as a reviewer counts the operations in the file).
    """
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = list(err["loc"])
        if len(loc) >= 2 and loc[0] == "operations" and isinstance(loc[1], int):
            index = loc[1] + 1
            rest = [str(p) for p in loc[2:] if not (isinstance(p, str) and p in _OP_NAMES)]
            fld = ".".join(rest) or "op"
            msg = err["msg"]
            if err["type"] == "union_tag_invalid":
                msg = f"unknown operation; expected one of {', '.join(sorted(_OP_NAMES))}"
            elif err["type"] == "union_tag_not_found":
                msg = "missing 'op'"
            raise ScenarioError(index, fld, msg) from None
        raise ScenarioError(None, ".".join(str(p) for p in loc) or None, err["msg"]) from None


_OP_NAMES = {
    "remove",
    "move",
    "merge",
    "reassign",
    "add_backup",
    "add_dependency",
    "remove_dependency",
    "set",
}


@dataclass(frozen=True)
class Applied:
    """The result of applying a scenario; see the module docstring."""

    before: Org
    changed: Org
    after: Org
    removed: frozenset[str]
    lost_dependencies: tuple[Dependency, ...]
    merged_departments: tuple[tuple[str, str], ...] = ()
    """(source, target) department merges, so silo analysis can map old ties onto new groups."""


@dataclass
class _State:
    """Mutable working copy; operations edit it, then it is frozen back into an Org."""

    org: Org
    units: dict[str, Unit]
    departments: dict[str, Department]
    capabilities: dict[str, Capability]
    dependencies: list[Dependency]
    removed: set[str] = field(default_factory=set)
    merged_departments: list[tuple[str, str]] = field(default_factory=list)

    def unit(self, index: int, fld: str, unit_id: str | None) -> Unit:
        if unit_id in self.removed:
            raise ScenarioError(index, fld, f"unit {unit_id!r} was removed by an earlier operation")
        if unit_id is None or unit_id not in self.units:
            raise ScenarioError(index, fld, f"no unit with id {unit_id!r}")
        return self.units[unit_id]

    def capability(self, index: int, fld: str, cap_id: str) -> Capability:
        if cap_id not in self.capabilities:
            raise ScenarioError(index, fld, f"no capability with id {cap_id!r}")
        return self.capabilities[cap_id]

    def is_department(self, dept_id: str) -> bool:
        return dept_id in self.departments or any(u.department == dept_id for u in self.units.values())


def apply_scenario(org: Org, scenario: Scenario) -> Applied:
    """Apply ``scenario`` to a copy of ``org``; ``org`` itself is never modified.

    Raises :class:`~orggraph.exceptions.ScenarioError` naming the operation (1-based) and field for an
    unknown unit or capability, a move under oneself, a merge into oneself, or an operation on
    something an earlier operation removed.
    """
    state = _State(
        org=org,
        units={u.id: u for u in org.units},
        departments={d.id: d for d in org.departments},
        capabilities={c.id: c for c in org.capabilities},
        dependencies=list(org.dependencies),
    )
    for index, op in enumerate(scenario.operations, start=1):
        _APPLY[type(op)](state, index, op)
    changed = _freeze(state, state.units, state.capabilities, state.dependencies)
    after, lost = _without(state)
    return Applied(
        before=org,
        changed=changed,
        after=after,
        removed=frozenset(state.removed),
        lost_dependencies=tuple(lost),
        merged_departments=tuple(state.merged_departments),
    )


def _remove(state: _State, index: int, op: Remove) -> None:
    state.unit(index, "unit", op.unit)
    state.removed.add(op.unit)


def _move(state: _State, index: int, op: Move) -> None:
    unit = state.unit(index, "unit", op.unit)
    if op.department is None and op.team is None and op.manager is None:
        raise ScenarioError(index, "department", "a move needs a department, a team or a manager")
    changes: dict[str, Any] = {}
    if op.department is not None:
        changes["department"] = op.department
    if op.team is not None:
        changes["team"] = op.team
    if op.manager is not None:
        state.unit(index, "manager", op.manager)
        if op.manager == op.unit or op.unit in _managers_of(state, op.manager):
            raise ScenarioError(index, "manager", f"cannot move {op.unit!r} under itself or its own report")
        changes["manager"] = op.manager
    state.units[op.unit] = unit.model_copy(update=changes)


def _managers_of(state: _State, unit_id: str) -> list[str]:
    chain, seen, current = [], {unit_id}, state.units[unit_id].manager
    while current and current not in seen and current in state.units:
        chain.append(current)
        seen.add(current)
        current = state.units[current].manager
    return chain


def _merge(state: _State, index: int, op: Merge) -> None:
    if op.source == op.target:
        raise ScenarioError(index, "target", f"cannot merge {op.source!r} into itself")
    if op.source in state.units or op.source in state.removed:
        _merge_units(state, index, op)
    elif state.is_department(op.source):
        if not state.is_department(op.target):
            raise ScenarioError(index, "target", f"no department with id {op.target!r} to merge into")
        _merge_departments(state, op.source, op.target)
    else:
        raise ScenarioError(index, "source", f"no unit or department with id {op.source!r}")


def _merge_departments(state: _State, source: str, target: str) -> None:
    for uid, unit in list(state.units.items()):
        if unit.department == source:
            state.units[uid] = unit.model_copy(update={"department": target})
    state.departments.pop(source, None)
    state.merged_departments.append((source, target))


def _merge_units(state: _State, index: int, op: Merge) -> None:
    source = state.unit(index, "source", op.source)
    target = state.unit(index, "target", op.target)
    for uid, unit in list(state.units.items()):
        updates: dict[str, Any] = {}
        if unit.manager == op.source:
            updates["manager"] = op.target if uid != op.target else source.manager
        if unit.team == op.source:
            updates["team"] = op.target
        if updates:
            state.units[uid] = unit.model_copy(update=updates)
    target = state.units[op.target]
    state.units[op.target] = target.model_copy(update={"fte": target.fte + source.fte})
    for cid, cap in list(state.capabilities.items()):
        if op.source in cap.providers:
            providers = tuple(dict.fromkeys(op.target if p == op.source else p for p in cap.providers))
            state.capabilities[cid] = cap.model_copy(update={"providers": providers})
    involved = (op.source, op.target)
    deps: list[Dependency] = []
    rewritten: list[int] = []  # positions of the dependencies of the two units: only these can collide
    for dep in state.dependencies:
        if dep.consumer not in involved and dep.provider not in involved:
            deps.append(dep)  # untouched: keeping the object lets impact analysis see what changed
            continue
        consumer = op.target if dep.consumer == op.source else dep.consumer
        provider = op.target if dep.provider == op.source else dep.provider
        self_served = consumer == provider or (
            dep.capability is not None and state.capabilities[dep.capability].providers == (consumer,)
        )
        if self_served:  # the merged unit now does this work for itself
            continue
        if consumer != dep.consumer or provider != dep.provider:
            dep = dep.model_copy(update={"consumer": consumer, "provider": provider})
        rewritten.append(len(deps))
        deps.append(dep)
    state.dependencies = _dedupe(deps, rewritten)
    for did, dept in list(state.departments.items()):
        if dept.head == op.source:
            state.departments[did] = dept.model_copy(update={"head": op.target})
    del state.units[op.source]


def _dedupe(deps: list[Dependency], positions: list[int]) -> list[Dependency]:
    """The first dependency per (consumer, capability) among ``positions`` (a merge can make two alike)."""
    seen: set[tuple[str, str]] = set()
    drop: set[int] = set()
    for i in positions:
        key = (deps[i].consumer, deps[i].capability_id)
        if key in seen:
            drop.add(i)
        seen.add(key)
    return [d for i, d in enumerate(deps) if i not in drop] if drop else deps


def _reassign(state: _State, index: int, op: Reassign) -> None:
    cap = state.capability(index, "capability", op.capability)
    for i, provider in enumerate(op.providers):
        state.unit(index, f"providers.{i}", provider)
    if len(set(op.providers)) != len(op.providers):
        raise ScenarioError(index, "providers", "a provider is listed twice")
    state.capabilities[cap.id] = cap.model_copy(update={"providers": op.providers})


def _add_backup(state: _State, index: int, op: AddBackup) -> None:
    cap = state.capability(index, "capability", op.capability)
    state.unit(index, "unit", op.unit)
    if op.unit in cap.providers:
        raise ScenarioError(index, "unit", f"{op.unit!r} already provides {cap.id!r}")
    providers = list(cap.providers)
    providers.insert(op.position if op.position is not None else len(providers), op.unit)
    state.capabilities[cap.id] = cap.model_copy(update={"providers": tuple(providers)})


def _add_dependency(state: _State, index: int, op: AddDependency) -> None:
    state.unit(index, "consumer", op.consumer)
    if (op.capability is None) == (op.provider is None):
        raise ScenarioError(index, "capability", "name exactly one of capability or provider")
    if op.capability is not None:
        state.capability(index, "capability", op.capability)
    else:
        state.unit(index, "provider", op.provider)
        if op.provider == op.consumer:
            raise ScenarioError(index, "provider", "a unit cannot depend on itself")
    dep = Dependency(**op.model_dump(exclude={"op"}))
    if any(d.consumer == dep.consumer and d.capability_id == dep.capability_id for d in state.dependencies):
        raise ScenarioError(index, "consumer", f"{op.consumer!r} already depends on {dep.capability_id!r}")
    state.dependencies.append(dep)


def _remove_dependency(state: _State, index: int, op: RemoveDependency) -> None:
    state.unit(index, "consumer", op.consumer)
    if (op.capability is None) == (op.provider is None):
        raise ScenarioError(index, "capability", "name exactly one of capability or provider")
    target = op.capability if op.capability is not None else f"direct:{op.provider}"
    kept = [d for d in state.dependencies if not (d.consumer == op.consumer and d.capability_id == target)]
    if len(kept) == len(state.dependencies):
        raise ScenarioError(index, "capability", f"{op.consumer!r} does not depend on {target!r}")
    state.dependencies = kept


def _set(state: _State, index: int, op: Set) -> None:
    unit = state.unit(index, "unit", op.unit)
    updates = op.model_dump(exclude={"op", "unit"}, exclude_none=True)
    if not updates:
        raise ScenarioError(index, "front_line", "nothing to set: give front_line, fte or available")
    state.units[op.unit] = unit.model_copy(update=updates)


_APPLY: dict[type, Any] = {
    Remove: _remove,
    Move: _move,
    Merge: _merge,
    Reassign: _reassign,
    AddBackup: _add_backup,
    AddDependency: _add_dependency,
    RemoveDependency: _remove_dependency,
    Set: _set,
}


def _freeze(
    state: _State, units: dict[str, Unit], caps: dict[str, Capability], deps: list[Dependency]
) -> Org:
    return Org.model_construct(
        org=state.org.org,
        departments=tuple(state.departments.values()),
        units=tuple(units.values()),
        capabilities=tuple(caps.values()),
        dependencies=tuple(deps),
    )


def _without(state: _State) -> tuple[Org, list[Dependency]]:
    """The organisation with removed units gone; returns it and the dependencies that lost every provider."""
    gone = state.removed
    units: dict[str, Unit] = {}
    for uid, unit in state.units.items():
        if uid in gone:
            continue
        manager = unit.manager
        seen: set[str] = set()
        while manager in gone and manager not in seen:  # reports move up to the nearest remaining manager
            seen.add(manager)
            manager = state.units[manager].manager
        units[uid] = unit if manager == unit.manager else unit.model_copy(update={"manager": manager})
    caps = {}
    for cid, cap in state.capabilities.items():
        providers = tuple(p for p in cap.providers if p not in gone)
        if providers:
            caps[cid] = cap if providers == cap.providers else cap.model_copy(update={"providers": providers})
    kept, lost = [], []
    for dep in state.dependencies:
        if dep.consumer in gone:
            continue
        alive = dep.provider not in gone if dep.provider is not None else dep.capability in caps
        (kept if alive else lost).append(dep)
    for did, dept in list(state.departments.items()):
        if dept.head in gone:
            state.departments[did] = dept.model_copy(update={"head": None})
    return _freeze(state, units, caps, kept), lost
