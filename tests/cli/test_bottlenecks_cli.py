"""``orggraph bottlenecks``, end to end through the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orggraph import Capability, Dependency, Org, Unit, save_org
from orggraph.analysis.bottlenecks import BottleneckReport
from orggraph.cli import app
from tests.conftest import SAMPLE

runner = CliRunner()


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two stores need the payroll run, only Dana provides it; the desk answers everyone's (low) tickets."""
    units = [
        Unit(id="dana", name="Dana", department="payroll"),
        Unit(id="desk", name="Service desk", kind="team", department="it"),
        Unit(id="s1", name="Store 1", kind="team", department="stores", front_line=True),
        Unit(id="s2", name="Store 2", kind="team", department="stores", front_line=True),
    ]
    caps = [
        Capability(id="payroll-run", name="Payroll run", providers=("dana",)),
        Capability(id="tickets", name="IT tickets", providers=("desk",)),
    ]
    deps = [
        Dependency(consumer="s1", capability="payroll-run", criticality="critical"),
        Dependency(consumer="s2", capability="payroll-run", criticality="critical"),
        *(
            Dependency(consumer=u, capability="tickets", cadence="monthly", criticality="low")
            for u in ("s1", "s2", "dana")
        ),
    ]
    path = tmp_path_factory.mktemp("org") / "org.yaml"
    save_org(Org(units=units, capabilities=caps, dependencies=deps), path)
    return path


def run(*args: str) -> object:
    return runner.invoke(app, ["bottlenecks", *args])


def test_table_ranks_explains_and_recommends(data: Path) -> None:
    result = run(str(data))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Bottlenecks among 4 units: top 4 by score (0-100)."
    first_row = next(line for line in lines if line.strip().startswith("1 "))
    assert "dana" in first_row and "single point" in first_row
    assert "Only provider of 'Payroll run' (2 units depend on it, 2 on the front line)" in result.output
    assert "Name and cross-train a backup for 'Payroll run' (sole provider: Dana" in result.output


def test_json_is_the_report(data: Path) -> None:
    result = run(str(data), "--format", "json", "--top", "2")
    assert result.exit_code == 0, result.output
    report = BottleneckReport.model_validate(json.loads(result.output))
    assert [e.id for e in report.entries] == ["dana", "desk"]
    assert report.betweenness.exact


def test_csv_has_one_row_per_ranked_unit(data: Path) -> None:
    result = run(str(data), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["id"] for r in rows][:2] == ["dana", "desk"]
    assert rows[0]["sole provider of"] == "payroll-run" and rows[0]["fail if lost"] == "2"
    desk = rows[1]
    assert desk["yearly requests"] == "36.00" and desk["load rank"] == "2"  # 3 monthly tickets


def test_level_weights_threshold_and_samples(data: Path) -> None:
    by_department = json.loads(run(str(data), "--level", "department", "--format", "json").output)
    assert by_department["level"] == "department"
    assert {e["id"] for e in by_department["entries"]} == {"payroll", "it", "stores"}
    reach_only = run(
        str(data),
        *("--format", "json", "--weight-single-point", "0", "--weight-structure", "0"),
        *("--weight-brokerage", "0", "--weight-load", "0", "--load-threshold", "40"),
    )
    report = json.loads(reach_only.output)
    # reach = dependents + front line + critical dependents: Dana 2 + 2 + 2, the desk 3 + 2 + 0 (low tickets)
    assert [(e["id"], e["critical_dependents"]) for e in report["entries"][:2]] == [("dana", 2), ("desk", 0)]
    assert [e["overloaded"] for e in report["entries"][:2]] == [True, False]  # Dana: 96 a year
    sampled = json.loads(run(str(data), "--format", "json", "--samples", "2").output)
    assert sampled["betweenness"]["samples"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--exact", "--samples", "3"], "either --exact or --samples"),
        (
            [
                "--weight-reach",
                "0",
                "--weight-single-point",
                "0",
                "--weight-structure",
                "0",
                "--weight-brokerage",
                "0",
                "--weight-load",
                "0",
            ],
            "At least one --weight-*",
        ),
    ],
)
def test_bad_option_combinations_fail_plainly(data: Path, args: list[str], message: str) -> None:
    result = run(str(data), *args)
    assert result.exit_code == 1
    assert message in result.output


def test_missing_data_fails_with_the_file_named(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert "nope.yaml" in result.output


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["bottlenecks", "--help"])
    assert result.exit_code == 0 and "Example: orggraph bottlenecks" in result.output


def test_sample_org_puts_dana_reyes_first() -> None:
    result = run(str(SAMPLE), "--top", "3", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["entries"][0]["id"] == "dana.reyes"
