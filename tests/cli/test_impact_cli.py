"""``orggraph impact`` and ``orggraph diff``, end to end through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orggraph.analysis.impact import ImpactReport
from orggraph.cli import app
from tests.conftest import DATA, SAMPLE

runner = CliRunner()
SCENARIOS = DATA / "scenarios"
NEXT = DATA / "sample-org-next-quarter.yaml"


def test_json_is_the_whole_report() -> None:
    result = runner.invoke(
        app, ["impact", str(SAMPLE), str(SCENARIOS / "payroll-clerk-leaves.yaml"), "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    report = ImpactReport.model_validate(json.loads(result.stdout))
    assert report.kind == "scenario" and report.name == "Payroll clerk leaves"
    assert report.breaks.lost_capabilities[0].id == "payroll-run"
    assert report.verdict[0].severity == "critical"


def test_table_leads_with_the_verdict_and_cuts_lists_at_top() -> None:
    args = ["impact", str(SAMPLE), str(SCENARIOS / "payroll-clerk-leaves.yaml"), "--top", "3"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Impact: Payroll clerk leaves")
    sections = ["Verdict", "What changed", "What breaks", "Chains to the front line", "Bottlenecks", "Silos"]
    positions = [out.index(f"\n{s}\n") for s in [*sections, "People affected", "Notes"]]
    assert positions == sorted(positions)
    assert "Critical: " in out and "payroll-run" in out
    assert "... and 124 more" in out  # 127 failing units, 3 shown


def test_markdown_reads_as_a_review_document() -> None:
    args = ["impact", str(SAMPLE), str(SCENARIOS / "merge-logistics-into-finance.yaml"), "--format", "md"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert md.startswith("# Impact: Merge Logistics into Finance\n")
    assert "## Verdict" in md and "## Silos" in md and "## People affected" in md
    assert "| Sam Lee | Omar Haddad | now internal | finance / finance |" in md
    assert "\n\n\n" not in md


def test_diff_of_two_snapshots_says_what_changed_first() -> None:
    result = runner.invoke(app, ["diff", str(SAMPLE), str(NEXT)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "2024-10-01 -> 2025-01-01" in out.splitlines()[0]
    assert out.index("What changed") < out.index("What breaks")
    assert "maya.grant  added" in out and "sam.lee     removed" in out
    assert "Logistics and Distribution no longer have any direct tie (it ran through Sam Lee)" in out


def test_diff_as_json() -> None:
    result = runner.invoke(app, ["diff", str(SAMPLE), str(NEXT), "-f", "json"])
    report = ImpactReport.model_validate(json.loads(result.stdout))
    assert report.kind == "snapshot" and report.changes.units_added == ("maya.grant",)


def test_an_operation_on_an_unknown_unit_names_the_file_line_operation_and_field(tmp_path: Path) -> None:
    path = tmp_path / "typo.yaml"
    path.write_text(
        "name: Typo\noperations:\n  - {op: remove, unit: dana.reyes}\n  - {op: remove, unit: sam.le}\n"
    )
    result = runner.invoke(app, ["impact", str(SAMPLE), str(path)])
    assert result.exit_code == 1
    assert f"Error: {path}, line 4: operation 2, field 'unit': no unit with id 'sam.le'" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name: Bad\noperations:\n  - {op: sack, unit: x}\n",
         "line 3: operation 1, field 'op': unknown operation"),
        ("name: Bad\noperations:\n  - {op: remove, unit: dana.reyes}\n  - {op: remove, unit: dana.reyes}\n",
         "line 4: operation 2, field 'unit': unit 'dana.reyes' was removed by an earlier operation"),
        ("name: Bad\noperations:\n  - {op: merge, source: lee.park, target: lee.park}\n",
         "line 3: operation 1, field 'target': cannot merge 'lee.park' into itself"),
    ],
)  # fmt: skip
def test_invalid_scenarios_fail_plainly(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    result = runner.invoke(app, ["impact", str(SAMPLE), str(path)])
    assert result.exit_code == 1 and expected in result.stderr and "Traceback" not in result.output


def test_missing_files_fail_plainly(tmp_path: Path) -> None:
    result = runner.invoke(app, ["impact", str(SAMPLE), str(tmp_path / "none.yaml")])
    assert result.exit_code == 1 and "none.yaml: cannot read the scenario file" in result.stderr
    result = runner.invoke(app, ["diff", str(SAMPLE), str(tmp_path / "none.yaml")])
    assert result.exit_code == 1 and "none.yaml" in result.stderr


@pytest.mark.parametrize("command", ["impact", "diff"])
def test_help_has_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and f"Example: orggraph {command} data/sample-org.yaml" in result.stdout
