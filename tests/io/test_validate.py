"""validate_org: the cross-reference rules and warnings on organisations built in code."""

from __future__ import annotations

from orggraph import Capability, Department, Dependency, Org, Unit, validate_org


def messages(org: Org, severity: str) -> list[str]:
    return [str(p) for p in validate_org(org, source="test") if p.severity == severity]


def small_org(**changes) -> Org:
    """ceo <- (ann, bob); ann needs payroll (bob, the only provider); bob needs ann directly."""
    parts = {
        "units": [
            Unit(id="ceo", name="Chief"),
            Unit(id="ann", name="Ann", manager="ceo"),
            Unit(id="bob", name="Bob", manager="ceo"),
        ],
        "capabilities": [Capability(id="payroll", name="Payroll", providers=("bob",))],
        "dependencies": [
            Dependency(consumer="ann", capability="payroll"),
            Dependency(consumer="bob", provider="ann"),
            Dependency(consumer="ceo", provider="ann"),
        ],
    }
    parts.update(changes)
    return Org(**parts)


def test_a_sound_org_has_no_problems() -> None:
    assert validate_org(small_org()) == []


def test_problems_are_located_by_section_and_index() -> None:
    org = small_org(
        units=[
            Unit(id="ceo", name="Chief"),
            Unit(id="ann", name="Ann", manager="ceoo"),
            Unit(id="bob", name="Bob", manager="ceo"),
        ]
    )
    assert messages(org, "error") == [
        "test, units[1] [manager]: unit 'ann' reports to 'ceoo', which is not a known unit id "
        "(did you mean 'ceo'?)"
    ]


def test_isolated_unit_warning_counts_providers_of_used_capabilities() -> None:
    # bob depends on nothing but provides payroll, which ann uses: not isolated. eve does neither.
    units = [*small_org().units, Unit(id="eve", name="Eve", manager="ceo")]
    deps = [d for d in small_org().dependencies if d.consumer != "bob"]
    assert messages(small_org(units=units, dependencies=deps), "warning") == [
        "test, units[3] [id]: unit 'eve' is isolated: nothing depends on it and it depends on nothing"
    ]


def test_people_without_manager_other_than_the_top_are_warned() -> None:
    # the top of the tree is the root heading the most units: ceo (3 units) beats the lone contractor
    units = [*small_org().units, Unit(id="zed", name="Zed"), Unit(id="desk", name="Desk", kind="team")]
    deps = [
        *small_org().dependencies,
        Dependency(consumer="zed", provider="ann"),
        Dependency(consumer="desk", provider="ann"),
    ]
    assert messages(small_org(units=units, dependencies=deps), "warning") == [
        "test, units[3] [manager]: person 'zed' has no manager; only the top of the reporting tree ('ceo') "
        "should have none"
    ]


def test_no_reporting_lines_at_all_is_one_warning() -> None:
    units = [Unit(id=u.id, name=u.name) for u in small_org().units]
    assert messages(small_org(units=units), "warning") == [
        "test, units [manager]: no unit names a manager, so the reporting lines are unknown"
    ]


def test_reporting_cycle_is_reported_once_at_its_smallest_member() -> None:
    units = [
        Unit(id="a", name="A", manager="c"),
        Unit(id="b", name="B", manager="a"),
        Unit(id="c", name="C", manager="b"),
        Unit(id="d", name="D", manager="a"),
    ]
    deps = [Dependency(consumer=u, provider="a") for u in "bcd"] + [Dependency(consumer="a", provider="b")]
    assert messages(Org(units=units, dependencies=deps), "error") == [
        "test, units[0] [manager]: reporting-line cycle: a -> c -> b -> a; someone in this loop must "
        "report to a manager outside it (or to nobody, at the top)"
    ]


def test_department_rules() -> None:
    org = small_org(
        departments=[Department(id="ops", name="Ops", head="nobody"), Department(id="ops", name="Again")],
        units=[
            Unit(id="ceo", name="Chief", department="ops"),
            Unit(id="ann", name="Ann", manager="ceo", department="opps"),
            Unit(id="bob", name="Bob", manager="ceo"),
        ],
    )
    assert messages(org, "error") == [
        "test, departments[0] [head]: department 'ops' has head 'nobody', which is not a known unit id",
        "test, departments[1] [id]: duplicate department id 'ops': already used at departments[0]; ids must "
        "be unique",
        "test, units[1] [department]: unit 'ann' is in department 'opps', which is not in the departments "
        "list (did you mean 'ops'?)",
    ]


def test_departments_named_only_by_units_are_fine_without_a_departments_list() -> None:
    units = [
        Unit(id="ceo", name="Chief", department="exec"),
        Unit(id="ann", name="Ann", manager="ceo", department="ops"),
        Unit(id="bob", name="Bob", manager="ceo", department="ops"),
    ]
    assert validate_org(small_org(units=units)) == []


def test_repeated_dependency_is_a_warning_pointing_at_the_first() -> None:
    deps = [*small_org().dependencies, Dependency(consumer="ann", capability="payroll", cadence="weekly")]
    assert messages(small_org(dependencies=deps), "warning") == [
        "test, dependencies[3] [consumer]: unit 'ann' depends on 'payroll' a second time (first at "
        "dependencies[0]); both are counted"
    ]


def test_capability_id_that_names_a_unit_gets_a_hint() -> None:
    deps = [*small_org().dependencies, Dependency(consumer="ann", capability="bob")]
    assert messages(small_org(dependencies=deps), "error") == [
        "test, dependencies[3] [capability]: unit 'ann' depends on capability 'bob', which is not a known "
        "capability id (that is a unit id: use the provider field)"
    ]
