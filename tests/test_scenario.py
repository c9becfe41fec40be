"""Applying reorg scenarios to a copy of a small organisation whose result is known by hand."""

from __future__ import annotations

import pytest

from orggraph import Capability, Department, Dependency, Org, ScenarioError, Unit
from orggraph.scenario import Scenario, apply_scenario, parse_scenario


@pytest.fixture()
def org() -> Org:
    """Finance (Priya manages Dana and Omar) pays logistics (Sam) and the store."""
    return Org(
        departments=(Department(id="finance", name="Finance", head="priya"),),
        units=(
            Unit(id="priya", name="Priya", department="finance"),
            Unit(id="dana", name="Dana", department="finance", manager="priya", team="pay"),
            Unit(id="omar", name="Omar", department="finance", manager="priya", team="ap"),
            Unit(id="ida", name="Ida", department="finance", manager="dana", team="pay"),
            Unit(id="sam", name="Sam", department="logistics"),
            Unit(id="store", name="Store", kind="team", department="stores", front_line=True, fte=8),
        ),
        capabilities=(
            Capability(id="payroll", name="Payroll run", providers=("dana",)),
            Capability(id="freight", name="Freight account paid", providers=("omar", "priya")),
        ),
        dependencies=(
            Dependency(consumer="store", capability="payroll", criticality="critical"),
            Dependency(consumer="sam", capability="freight", criticality="high"),
            Dependency(consumer="store", provider="sam", criticality="high"),
            Dependency(consumer="omar", provider="sam", criticality="low"),
        ),
    )


def scenario(*ops: dict) -> Scenario:
    return parse_scenario({"name": "test", "operations": list(ops)})


def test_empty_scenario_changes_nothing(org: Org) -> None:
    applied = apply_scenario(org, scenario())
    assert applied.after == org
    assert applied.removed == frozenset() and applied.lost_dependencies == ()


def test_removing_a_sole_provider_loses_exactly_its_dependencies(org: Org) -> None:
    applied = apply_scenario(org, scenario({"op": "remove", "unit": "dana"}))
    assert applied.removed == {"dana"}
    assert [(d.consumer, d.capability) for d in applied.lost_dependencies] == [("store", "payroll")]
    assert "payroll" not in applied.after.capability_by_id
    assert applied.after.unit_by_id["ida"].manager == "priya"  # reports move up
    assert "dana" in applied.changed.unit_by_id  # kept there for failure propagation
    assert "dana" in org.unit_by_id  # the original is untouched


def test_a_backup_added_first_makes_the_removal_harmless(org: Org) -> None:
    applied = apply_scenario(
        org,
        scenario(
            {"op": "add_backup", "capability": "payroll", "unit": "ida"}, {"op": "remove", "unit": "dana"}
        ),
    )
    assert applied.lost_dependencies == ()
    assert applied.after.capability_by_id["payroll"].providers == ("ida",)


def test_removing_one_of_two_providers_keeps_the_capability(org: Org) -> None:
    applied = apply_scenario(org, scenario({"op": "remove", "unit": "omar"}))
    assert applied.after.capability_by_id["freight"].providers == ("priya",)
    assert applied.lost_dependencies == ()
    assert applied.after.departments[0].head == "priya"


def test_merging_departments_moves_every_member(org: Org) -> None:
    applied = apply_scenario(org, scenario({"op": "merge", "source": "logistics", "target": "finance"}))
    assert applied.after.unit_by_id["sam"].department == "finance"
    assert applied.merged_departments == (("logistics", "finance"),)
    assert "logistics" not in applied.after.department_by_id


def test_merging_units_moves_capabilities_reports_and_dependencies(org: Org) -> None:
    applied = apply_scenario(org, scenario({"op": "merge", "source": "omar", "target": "dana"}))
    after = applied.after
    assert "omar" not in after.unit_by_id
    assert after.capability_by_id["freight"].providers == ("dana", "priya")
    assert after.unit_by_id["dana"].fte == 2.0
    assert any(d.consumer == "dana" and d.provider == "sam" for d in after.dependencies)


def test_move_reassign_set_and_dependency_edits(org: Org) -> None:
    applied = apply_scenario(
        org,
        scenario(
            {"op": "move", "unit": "sam", "department": "finance", "manager": "priya"},
            {"op": "reassign", "capability": "freight", "providers": ["priya", "dana"]},
            {"op": "set", "unit": "store", "front_line": False, "fte": 4},
            {"op": "add_dependency", "consumer": "sam", "capability": "payroll", "criticality": "high"},
            {"op": "remove_dependency", "consumer": "omar", "provider": "sam"},
        ),
    )
    after = applied.after
    assert (after.unit_by_id["sam"].department, after.unit_by_id["sam"].manager) == ("finance", "priya")
    assert after.capability_by_id["freight"].providers == ("priya", "dana")
    assert (after.unit_by_id["store"].front_line, after.unit_by_id["store"].fte) == (False, 4)
    assert any(d.consumer == "sam" and d.capability == "payroll" for d in after.dependencies)
    assert not any(d.consumer == "omar" for d in after.dependencies)


@pytest.mark.parametrize(
    ("ops", "index", "field", "words"),
    [
        ([{"op": "remove", "unit": "nobody"}], 1, "unit", "no unit"),
        (
            [{"op": "remove", "unit": "dana"}, {"op": "add_backup", "capability": "payroll", "unit": "dana"}],
            2,
            "unit",
            "removed by an earlier operation",
        ),
        ([{"op": "move", "unit": "priya", "manager": "ida"}], 1, "manager", "under itself"),
        ([{"op": "move", "unit": "priya", "manager": "priya"}], 1, "manager", "under itself"),
        ([{"op": "merge", "source": "dana", "target": "dana"}], 1, "target", "into itself"),
        (
            [{"op": "reassign", "capability": "nothing", "providers": ["dana"]}],
            1,
            "capability",
            "no capability",
        ),
        (
            [{"op": "reassign", "capability": "freight", "providers": ["dana", "ghost"]}],
            1,
            "providers.1",
            "ghost",
        ),
        (
            [{"op": "add_dependency", "consumer": "sam", "capability": "payroll", "provider": "dana"}],
            1,
            "capability",
            "exactly one",
        ),
        (
            [{"op": "remove_dependency", "consumer": "sam", "capability": "payroll"}],
            1,
            "capability",
            "does not",
        ),
    ],
)
def test_invalid_operations_name_their_index_and_field(
    org: Org, ops: list[dict], index: int, field: str, words: str
) -> None:
    with pytest.raises(ScenarioError) as info:
        apply_scenario(org, scenario(*ops))
    assert (info.value.index, info.value.field) == (index, field)
    assert words in str(info.value)


@pytest.mark.parametrize(
    ("op", "field", "words"),
    [
        ({"op": "explode", "unit": "dana"}, "op", "unknown operation"),
        ({"unit": "dana"}, "op", "missing 'op'"),
        ({"op": "set", "unit": "dana", "fte": -1}, "fte", "greater than or equal"),
        ({"op": "remove", "unit": "dana", "colour": "red"}, "colour", "Extra inputs"),
    ],
)
def test_malformed_scenarios_name_the_operation_and_field(op: dict, field: str, words: str) -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario({"name": "bad", "operations": [{"op": "remove", "unit": "x"}, op]})
    assert (info.value.index, info.value.field) == (2, field)
    assert words in str(info.value)
