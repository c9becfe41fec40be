"""Structural differences between two versions of an organisation."""

from __future__ import annotations

from orggraph import Capability, Dependency, Org, Unit
from orggraph.analysis.changes import DependencyKey, compare_orgs

BEFORE = Org(
    units=(
        Unit(id="a", name="A", department="x"),
        Unit(id="b", name="B", department="x", manager="a"),
        Unit(id="c", name="C", department="y"),
    ),
    capabilities=(Capability(id="k", name="K", providers=("a", "b")),),
    dependencies=(Dependency(consumer="c", capability="k"), Dependency(consumer="b", provider="a")),
)


def test_identical_versions_have_no_change() -> None:
    changes = compare_orgs(BEFORE, BEFORE)
    assert changes.empty and changes.summary() == "no change"


def test_every_kind_of_change_is_listed_by_id() -> None:
    after = Org(
        units=(
            Unit(id="a", name="A", department="x"),
            Unit(id="c", name="C", department="z", fte=0.5),
            Unit(id="d", name="D", department="x", manager="a"),
        ),
        capabilities=(Capability(id="k", name="K", providers=("d", "a")),),
        dependencies=(Dependency(consumer="c", capability="k"), Dependency(consumer="d", provider="a")),
    )
    changes = compare_orgs(BEFORE, after)
    assert changes.units_added == ("d",) and changes.units_removed == ("b",)
    assert [(m.unit, m.field, m.before, m.after) for m in changes.units_moved] == [
        ("c", "department", "y", "z"),
        ("c", "fte", 1.0, 0.5),
    ]
    assert changes.departments_added == ("z",) and changes.departments_removed == ("y",)
    assert [(p.capability, p.before, p.after) for p in changes.providers_changed] == [
        ("k", ("a", "b"), ("d", "a"))
    ]
    assert changes.dependencies_added == (DependencyKey(consumer="d", capability="direct:a"),)
    assert changes.dependencies_removed == (DependencyKey(consumer="b", capability="direct:a"),)
    assert changes.summary() == (
        "1 unit added, 1 unit removed, 1 unit moved, 1 department added, 1 department removed, "
        "1 capability re-staffed, 1 dependency added, 1 dependency removed"
    )
