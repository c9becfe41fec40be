"""Cross-reference rules: what the schema alone cannot check.

Errors: duplicate ids; references to unknown units, departments or capabilities (manager,
department, department head, capability provider, dependency consumer/capability/provider); a
manager who is a team; a reporting-line cycle; a dependency naming both or neither of capability
and provider; a unit depending on itself; a capability id using the reserved ``direct:`` prefix;
a provider listed twice; an organisation without units.

Warnings: units nothing depends on and that depend on nothing; people with no manager other than
the top of the reporting tree; the same dependency listed twice.

A unit's department must be listed when the data lists departments at all (a typo would
otherwise silently create a new department); without a departments list, departments named by
units are created automatically.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence

from orggraph.exceptions import Problem
from orggraph.io.problems import DataLocator, Issue
from orggraph.model import IMPLICIT_PREFIX, Org

__all__ = ["check_references", "validate_org"]

_SUGGESTION_BUDGET = 50


def validate_org(org: Org, *, source: str = "<data>") -> list[Problem]:
    """Every cross-reference error and warning in ``org``, located as ``units[3]`` (zero-based).

    Use it on an :class:`~orggraph.model.Org` built in code; the loaders run the same rules and
    locate problems by file, line or row. Errors have ``severity == "error"``.
    """
    return DataLocator(source).resolve(check_references(org))


def check_references(
    org: Org,
    *,
    positions: Mapping[str, Sequence[int]] | None = None,
    extra_ids: Mapping[str, set[str]] | None = None,
) -> list[Issue]:
    """The rules above as issues, unsorted.

    ``positions[section][k]`` is the input index of ``org.<section>[k]`` (records that failed the
    schema are missing from ``org``); ``extra_ids[section]`` are the ids of those failed records, so
    that references to them are not reported a second time as unknown.
    """
    return _Checker(org, positions or {}, extra_ids or {}).run()


class _Checker:
    def __init__(
        self, org: Org, positions: Mapping[str, Sequence[int]], extra: Mapping[str, set[str]]
    ) -> None:
        self.org = org
        self.positions = positions
        self.extra = extra
        self.issues: list[Issue] = []
        self.suggestions_left = _SUGGESTION_BUDGET
        self.sorted_choices: dict[int, list[str]] = {}

    def run(self) -> list[Issue]:
        self.unit_ids = self._unique("units", "unit", [u.id for u in self.org.units])
        self.dept_ids = self._unique("departments", "department", [d.id for d in self.org.departments])
        self.cap_ids = self._unique("capabilities", "capability", [c.id for c in self.org.capabilities])
        self.known_units = set(self.unit_ids) | self.extra.get("units", set())
        self.known_depts = set(self.dept_ids) | self.extra.get("departments", set())
        self.known_caps = set(self.cap_ids) | self.extra.get("capabilities", set())
        if not self.known_units:
            self._add("units", None, (), "the organisation has no units; add at least one person or team")
        self._departments()
        self._units()
        self._reporting_cycles()
        self._capabilities()
        self._dependencies()
        self._warn_isolated()
        self._warn_no_manager()
        return self.issues

    # -- helpers ----------------------------------------------------------------------------------

    def _pos(self, section: str, k: int) -> int:
        found = self.positions.get(section)
        return found[k] if found is not None else k

    def _add(self, section: str | None, k: int | None, field: tuple[str, ...], message: str, **kw) -> None:
        index = None if k is None or section is None else self._pos(section, k)
        self.issues.append(Issue(section, index, field, message, **kw))

    def _unique(self, section: str, noun: str, ids: list[str]) -> dict[str, int]:
        first: dict[str, int] = {}
        for k, item_id in enumerate(ids):
            if item_id in first:
                related = (section, self._pos(section, first[item_id]), ("id",))
                self._add(
                    section,
                    k,
                    ("id",),
                    f"duplicate {noun} id {item_id!r}: already used at {{related}}; ids must be unique",
                    related=related,
                )
            else:
                first[item_id] = k
        return first

    def _suggest(self, value: str, known: set[str]) -> str:
        """``" (did you mean 'y'?)"`` for the first few unknown references, else ``""``."""
        if self.suggestions_left <= 0:
            return ""
        self.suggestions_left -= 1
        from rapidfuzz import fuzz, process  # only on the error path

        key = id(known)
        if key not in self.sorted_choices:
            self.sorted_choices[key] = sorted(known)
        match = process.extractOne(value, self.sorted_choices[key], scorer=fuzz.ratio, score_cutoff=75)
        return f" (did you mean {match[0]!r}?)" if match is not None else ""

    # -- rules ------------------------------------------------------------------------------------

    def _departments(self) -> None:
        for k, dept in enumerate(self.org.departments):
            if dept.head and dept.head not in self.known_units:
                self._add(
                    "departments",
                    k,
                    ("head",),
                    f"department {dept.id!r} has head {dept.head!r}, which is not a known unit id"
                    + self._suggest(dept.head, self.known_units),
                )

    def _units(self) -> None:
        listed = bool(self.known_depts)
        kinds = {u.id: u.kind for u in self.org.units}
        for k, unit in enumerate(self.org.units):
            if listed and unit.department and unit.department not in self.known_depts:
                self._add(
                    "units",
                    k,
                    ("department",),
                    f"unit {unit.id!r} is in department {unit.department!r}, which is not in the departments "
                    "list" + self._suggest(unit.department, self.known_depts),
                )
            manager = unit.manager
            if not manager or manager == unit.id:
                continue  # a unit managing itself is reported as a reporting-line cycle
            if manager not in self.known_units:
                self._add(
                    "units",
                    k,
                    ("manager",),
                    f"unit {unit.id!r} reports to {manager!r}, which is not a known unit id"
                    + self._suggest(manager, self.known_units),
                )
            elif kinds.get(manager) == "team":
                self._add(
                    "units",
                    k,
                    ("manager",),
                    f"unit {unit.id!r} reports to {manager!r}, which is a team; a manager must be a person",
                )

    def _reporting_cycles(self) -> None:
        manager_of = {u.id: u.manager for u in self.org.units if u.manager}
        state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
        for start in sorted(manager_of):
            path: list[str] = []
            current: str | None = start
            while current is not None and current in self.unit_ids and current not in state:
                state[current] = 1
                path.append(current)
                current = manager_of.get(current)
            if current is not None and state.get(current) == 1:
                loop = path[path.index(current) :]
                first = min(loop)
                loop = loop[loop.index(first) :] + loop[: loop.index(first)]
                if len(loop) == 1:
                    message = f"unit {first!r} reports to itself; the top of the tree has no manager"
                else:
                    chain = " -> ".join([*loop, first])
                    message = (
                        f"reporting-line cycle: {chain}; someone in this loop must report to a manager "
                        "outside it (or to nobody, at the top)"
                    )
                self._add("units", self.unit_ids[first], ("manager",), message)
            for unit_id in path:
                state[unit_id] = 2

    def _capabilities(self) -> None:
        for k, cap in enumerate(self.org.capabilities):
            if cap.id.startswith(IMPLICIT_PREFIX):
                self._add(
                    "capabilities",
                    k,
                    ("id",),
                    f"capability id {cap.id!r} starts with {IMPLICIT_PREFIX!r}, which is reserved for "
                    "dependencies that name a provider directly; choose another id",
                )
            seen: set[str] = set()
            for provider in cap.providers:
                if provider in seen:
                    self._add(
                        "capabilities",
                        k,
                        ("providers",),
                        f"capability {cap.id!r} lists provider {provider!r} twice",
                    )
                elif provider not in self.known_units:
                    self._add(
                        "capabilities",
                        k,
                        ("providers",),
                        f"capability {cap.id!r} lists provider {provider!r}, which is not a known unit id"
                        + self._suggest(provider, self.known_units),
                    )
                seen.add(provider)

    def _dependencies(self) -> None:
        deps = self.org.dependencies
        self.consumers = consumers = [d.consumer for d in deps]
        self.cap_refs = cap_refs = [d.capability for d in deps]
        self.provider_refs = provider_refs = [d.provider for d in deps]
        units, caps = self.known_units, self.known_caps
        sole = {c.id: c.providers[0] for c in self.org.capabilities if len(c.providers) == 1}
        # Screen in bulk at C speed; the detailed checks run only when something is off.
        has_cap, has_provider = list(map(bool, cap_refs)), list(map(bool, provider_refs))
        suspicious = (
            not units.issuperset(consumers)
            or not caps.issuperset(filter(None, cap_refs))
            or not units.issuperset(filter(None, provider_refs))
            or any(map(operator.eq, has_cap, has_provider))  # both or neither
            or any(map(operator.eq, map(sole.get, cap_refs), consumers))
            or any(map(operator.eq, provider_refs, consumers))
        )
        suspects = (
            [
                k
                for k, (consumer, cap_id, provider) in enumerate(
                    zip(consumers, cap_refs, provider_refs, strict=True)
                )
                if consumer not in units
                or bool(cap_id) == bool(provider)
                or (cap_id and (cap_id not in caps or sole.get(cap_id) == consumer))
                or (provider and (provider == consumer or provider not in units))
            ]
            if suspicious
            else []
        )
        for k in suspects:
            self._dependency(k, consumers[k], cap_refs[k], provider_refs[k], sole)
        keys = list(zip(consumers, cap_refs, provider_refs, strict=True))
        if len(set(keys)) < len(keys):
            self._repeated_dependencies(keys)

    def _dependency(
        self, k: int, consumer: str, cap_id: str | None, provider: str | None, sole: dict[str, str]
    ) -> None:
        if consumer not in self.known_units:
            self._add(
                "dependencies",
                k,
                ("consumer",),
                f"consumer {consumer!r} is not a known unit id" + self._suggest(consumer, self.known_units),
            )
        if cap_id and provider:
            self._add(
                "dependencies",
                k,
                ("capability",),
                f"names both capability {cap_id!r} and provider {provider!r}; give one of them: a "
                "capability (any of its providers can deliver it) or a provider (that unit itself)",
            )
        elif not cap_id and not provider:
            self._add(
                "dependencies",
                k,
                ("capability",),
                f"unit {consumer!r} depends on nothing: give a capability id or a provider unit id",
            )
        elif cap_id:
            if cap_id not in self.known_caps:
                hint = " (that is a unit id: use the provider field)" if cap_id in self.known_units else ""
                self._add(
                    "dependencies",
                    k,
                    ("capability",),
                    f"unit {consumer!r} depends on capability {cap_id!r}, which is not a known capability id"
                    + (hint or self._suggest(cap_id, self.known_caps)),
                )
            elif sole.get(cap_id) == consumer:
                self._add(
                    "dependencies",
                    k,
                    ("capability",),
                    f"unit {consumer!r} depends on capability {cap_id!r}, which only it provides "
                    "(a self-dependency)",
                )
        elif provider == consumer:
            self._add("dependencies", k, ("provider",), f"unit {consumer!r} depends on itself")
        elif provider not in self.known_units:
            self._add(
                "dependencies",
                k,
                ("provider",),
                f"unit {consumer!r} depends on provider {provider!r}, which is not a known unit id"
                + self._suggest(provider or "", self.known_units),
            )

    def _repeated_dependencies(self, keys: list[tuple[str, str | None, str | None]]) -> None:
        first_seen: dict[tuple[str, str | None, str | None], int] = {}
        for k, key in enumerate(keys):
            if key not in first_seen:
                first_seen[key] = k
                continue
            consumer, cap_id, provider = key
            self._add(
                "dependencies",
                k,
                ("consumer",),
                f"unit {consumer!r} depends on {cap_id or provider!r} a second time (first at {{related}}); "
                "both are counted",
                severity="warning",
                related=("dependencies", self._pos("dependencies", first_seen[key]), ()),
            )

    def _warn_isolated(self) -> None:
        if not self.org.dependencies:
            if self.org.units:
                self._add(
                    "dependencies",
                    None,
                    (),
                    "there are no dependencies, so every unit is isolated and the analyses have "
                    "nothing to work on",
                    severity="warning",
                )
            return
        providers_of = {c.id: c.providers for c in self.org.capabilities}
        involved = set(self.consumers)
        involved.update(self.provider_refs)
        for cap_id in set(self.cap_refs):
            involved.update(providers_of.get(cap_id or "", ()))
        for k, unit in enumerate(self.org.units):
            if unit.id not in involved:
                self._add(
                    "units",
                    k,
                    ("id",),
                    f"unit {unit.id!r} is isolated: nothing depends on it and it depends on nothing",
                    severity="warning",
                )

    def _warn_no_manager(self) -> None:
        units = self.org.units
        if not any(u.manager for u in units):
            if len(units) > 1:
                self._add(
                    "units",
                    None,
                    ("manager",),
                    "no unit names a manager, so the reporting lines are unknown",
                    severity="warning",
                )
            return
        top = _top_of_tree(self.org)
        for k, unit in enumerate(units):
            if unit.kind == "person" and not unit.manager and unit.id != top:
                self._add(
                    "units",
                    k,
                    ("manager",),
                    f"person {unit.id!r} has no manager; only the top of the reporting tree ({top!r}) "
                    "should have none",
                    severity="warning",
                )


def _top_of_tree(org: Org) -> str | None:
    """The unit without a manager that heads the most units (ties: smallest id); None if nobody does.

    Chains that end at an unknown manager or in a cycle lead to no top (those are errors already).
    """
    manager_of = {u.id: u.manager for u in org.units}
    root_of: dict[str, str | None] = {}
    for start in manager_of:
        path: list[str] = []
        seen: set[str] = set()
        current: str | None = start
        while current is not None and current not in root_of:
            if current not in manager_of or current in seen:
                current = None  # unknown manager or a cycle
                break
            path.append(current)
            seen.add(current)
            parent = manager_of[current]
            if not parent:
                root_of[current] = current
                break
            current = parent
        root = root_of.get(current) if current is not None else None
        for unit_id in path:
            root_of[unit_id] = root
    heads: dict[str, int] = {}
    for root in root_of.values():
        if root is not None:
            heads[root] = heads.get(root, 0) + 1
    return min(heads, key=lambda r: (-heads[r], r)) if heads else None
