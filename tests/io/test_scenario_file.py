"""Reading scenario files: YAML and JSON, refused safely, every error naming the file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orggraph import Capability, Dependency, Org, ScenarioError, Unit
from orggraph.io.scenario_file import load_scenario, locate_scenario_error
from orggraph.scenario import Remove, apply_scenario
from tests.conftest import DATA
from tests.io.helpers import write

YAML = """\
name: Payroll clerk leaves
description: Dana leaves.
operations:
  - {op: add_backup, capability: pay, unit: lee}
  - op: remove
    unit: dana
"""


def test_yaml_and_json_read_the_same(tmp_path: Path) -> None:
    from_yaml = load_scenario(write(tmp_path, "s.yaml", YAML))
    data = {
        "name": "Payroll clerk leaves",
        "description": "Dana leaves.",
        "operations": [
            {"op": "add_backup", "capability": "pay", "unit": "lee"},
            {"op": "remove", "unit": "dana"},
        ],
    }
    from_json = load_scenario(write(tmp_path, "s.json", json.dumps(data, indent=2)))
    assert from_yaml == from_json
    assert from_yaml.operations[1] == Remove(op="remove", unit="dana")


@pytest.mark.parametrize("path", sorted((DATA / "scenarios").glob("*.yaml")), ids=lambda p: p.stem)
def test_the_example_scenarios_load(path: Path) -> None:
    scenario = load_scenario(path)
    assert scenario.name and scenario.description and scenario.operations


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        (YAML.replace("op: remove", "op: fire"), "line 5", "operation 2, field 'op': unknown operation"),
        (
            YAML.replace("    unit: dana", "    person: dana"),
            "line 5",
            "operation 2, field 'unit': Field required",
        ),
        (
            YAML.replace("    unit: dana", "    unit: dana\n    person: x"),
            "line 7",
            "operation 2, field 'person'",
        ),
        (YAML + "  - {op: set, unit: ana, fte: -1}\n", "line 7", "operation 3, field 'fte'"),
        (
            YAML.replace("description: Dana leaves.", "description: Dana leaves.\nname: again"),
            "line 3",
            "'name'",
        ),
        ("name: x\noperations: [\n", "line 3", "not valid YAML"),
        ("operations: []\n", "s.yaml", "field 'name'"),
    ],
)
def test_yaml_errors_name_the_file_line_operation_and_field(
    tmp_path: Path, text: str, where: str, what: str
) -> None:
    path = write(tmp_path, "s.yaml", text)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert message.startswith(str(path)) and where in message and what in message


def test_json_errors_name_the_line(tmp_path: Path) -> None:
    text = '{\n  "name": "x",\n  "operations": [\n    {"op": "remove", "unit": "a"},\n'
    text += '    {"op": "move"}\n  ]\n}\n'
    path = write(tmp_path, "s.json", text)
    with pytest.raises(ScenarioError, match=r"s\.json, line 5: operation 2, field 'unit'"):
        load_scenario(path)
    with pytest.raises(ScenarioError, match=r"line 2.*given twice"):
        load_scenario(write(tmp_path, "d.json", '{"name": "x",\n "name": "y", "operations": []}'))
    with pytest.raises(ScenarioError, match=r"line 3: not valid JSON"):
        load_scenario(write(tmp_path, "bad.json", '{"name": "x",\n\n "operations": [}'))


def test_refusals(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="cannot read the scenario file"):
        load_scenario(tmp_path / "missing.yaml")
    with pytest.raises(ScenarioError, match="unsupported file type '.txt'"):
        load_scenario(write(tmp_path, "s.txt", YAML))
    with pytest.raises(ScenarioError, match="above the"):
        load_scenario(write(tmp_path, "s.yaml", YAML), max_bytes=10)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefg", "bcdefgh", strict=False)
    )
    with pytest.raises(ScenarioError, match="refused"):
        load_scenario(write(tmp_path, "bomb.yaml", bomb + "name: x\n"))
    with pytest.raises(ScenarioError, match="refused|not valid"):
        load_scenario(write(tmp_path, "tag.yaml", "name: !!python/object:os.system x\n"))


def test_an_error_found_when_applying_is_located_in_the_file(tmp_path: Path) -> None:
    org = Org(
        units=(Unit(id="dana", name="Dana"), Unit(id="lee", name="Lee")),
        capabilities=(Capability(id="pay", name="Pay", providers=("dana",)),),
        dependencies=(Dependency(consumer="lee", capability="pay"),),
    )
    path = write(tmp_path, "s.yaml", YAML.replace("unit: dana", "unit: dan"))
    scenario = load_scenario(path)
    with pytest.raises(ScenarioError) as info:
        apply_scenario(org, scenario)
    located = locate_scenario_error(path, info.value)
    assert (located.index, located.field) == (2, "unit")
    assert str(located) == f"{path}, line 6: operation 2, field 'unit': no unit with id 'dan'"
