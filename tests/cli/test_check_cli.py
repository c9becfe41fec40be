"""``orggraph check``: summary of valid data (exit 0), every problem of invalid data (exit 1)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.io import OrgSummary
from tests.conftest import SAMPLE
from tests.io.helpers import BASE_YAML, line_of, write

runner = CliRunner()


def test_check_summarises_a_valid_org(tmp_path: Path) -> None:
    text = BASE_YAML.replace(
        "units:\n", "units:\n  - {id: eve, name: Eve Alone, department: ops, front_line: yes}\n"
    )
    path = write(tmp_path, "org.yaml", text)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"{path} is valid: Test Org (as of 2024-06-30)." in out
    assert "4 units (3 people, 1 team) in 2 departments; 1 capability; 2 dependencies." in out
    ops = next(line for line in out.splitlines() if line.startswith("ops "))
    assert ops.split() == ["ops", "Operations", "3", "3", "0", "3.00", "1"]
    assert "Front-line units (serve external customers directly): 1" in out
    assert "Capabilities without a backup provider: 0" in out
    assert "Dependencies naming a provider directly (no backup by definition): 1" in out
    eve = line_of(text, "id: eve")
    assert "Warnings: 2" in out
    assert f"  - {path}, line {eve} [id]: unit 'eve' is isolated" in out


def test_check_lists_capabilities_without_backup_by_number_of_consumers(tmp_path: Path) -> None:
    text = BASE_YAML.replace("providers: [desk, bob]", "providers: [desk]")
    result = runner.invoke(app, ["check", str(write(tmp_path, "org.yaml", text))])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if line.startswith("laptop-setup"))
    assert row.split() == ["laptop-setup", "Laptop", "setup", "desk", "Service", "desk", "1"]


def test_check_fails_with_every_problem(tmp_path: Path) -> None:
    text = BASE_YAML.replace("fte: 2", "fte: -2").replace("cadence: weekly", "cadence: hourly")
    path = write(tmp_path, "org.yaml", text)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: 2 problems in the organisation data:")
    assert f"{path}, line {line_of(text, 'fte: -2')} [fte]: must not be negative" in result.stderr
    assert (
        f"{path}, line {line_of(text, 'hourly')} [cadence]: 'hourly' is not a valid cadence" in result.stderr
    )


def test_check_of_a_missing_file_names_it(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1 and result.stdout == ""
    assert (
        result.stderr == f"Error: 1 problem in the organisation data:\n  - {path}: no such file or folder\n"
    )


def test_check_json_and_csv_formats(tmp_path: Path) -> None:
    path = write(tmp_path, "org.yaml", BASE_YAML)
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    summary = OrgSummary.model_validate_json(result.stdout)
    assert (summary.units, summary.people, summary.teams, summary.front_line) == (3, 2, 1, 0)
    result = runner.invoke(app, ["check", str(path), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["department"], r["units"], r["fte"]) for r in rows] == [
        ("it", "1", "2.00"),
        ("ops", "2", "2.00"),
    ]


def test_check_size_limit_option(tmp_path: Path) -> None:
    path = write(tmp_path, "org.yaml", BASE_YAML + "# padding\n" * 100)  # about 1.8 kB
    result = runner.invoke(app, ["check", str(path), "--max-mb", "0.001"])
    assert result.exit_code == 1 and "above the 1.0 kB limit" in result.stderr
    assert runner.invoke(app, ["check", str(path), "--max-mb", "0.01"]).exit_code == 0


def test_check_the_sample_organisation() -> None:
    result = runner.invoke(app, ["check", str(SAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = OrgSummary.model_validate_json(result.stdout)
    sole = {c.id: c.provider for c in summary.without_backup}
    assert sole["payroll-run"] == "dana.reyes"  # the planted sole provider
    assert summary.without_backup[0].id == "payroll-run"


def test_help_has_an_example() -> None:
    for command in ("check", "export"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and f"Example: orggraph {command}" in result.stdout
