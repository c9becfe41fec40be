"""The ask, provides and needs commands, end to end through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orggraph import Capability, Channel, Department, Dependency, Org, Unit
from orggraph.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small organisation written as JSON, the way users hand it to the CLI."""
    org = Org(
        departments=[Department(id="stores", name="Stores"), Department(id="payroll", name="Payroll")],
        units=[
            Unit(id="kim.wu", name="Kim Wu", title="Head of Payroll", department="payroll"),
            Unit(id="lee.park", name="Lee Park", title="Store Manager", department="stores"),
            Unit(
                id="ana.costa",
                name="Ana Costa",
                title="Sales Assistant",
                department="stores",
                manager="lee.park",
            ),
            Unit(
                id="dana.reyes",
                name="Dana Reyes",
                title="Payroll Clerk",
                department="payroll",
                manager="kim.wu",
                available=False,
            ),
            Unit(
                id="priya.shah",
                name="Priya Shah",
                title="Payroll Officer",
                department="payroll",
                manager="kim.wu",
            ),
        ],
        capabilities=[
            Capability(
                id="payroll-run",
                name="Payroll run",
                description="Salaries paid every two weeks",
                providers=("dana.reyes", "priya.shah"),
                lead_time_hours=48,
                channel=Channel(type="email", address="payroll@example.com"),
            ),
            Capability(
                id="timecards", name="Timecards", description="Weekly timecards", providers=("lee.park",)
            ),
        ],
        dependencies=[
            Dependency(
                consumer="lee.park", capability="payroll-run", cadence="biweekly", criticality="critical"
            ),
            Dependency(consumer="priya.shah", capability="timecards", cadence="weekly", criticality="high"),
        ],
    )
    path = tmp_path_factory.mktemp("org") / "org.json"
    path.write_text(org.model_dump_json(exclude_defaults=True))
    return path


def test_ask_table_names_who_to_ask_and_how(data: Path) -> None:
    result = runner.invoke(app, ["ask", str(data), "my paycheck", "--as", "ana.costa"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Ask Priya Shah for Payroll run.")
    assert "first available backup (Dana Reyes is marked unavailable)" in out
    assert "Dana Reyes (unavailable)" in out
    assert "email payroll@example.com" in out
    assert "48 h (about 2 days)" in out
    assert "Kim Wu, Head of Payroll, in Payroll" in out
    assert "Your manager Lee Park works with Priya Shah in Payroll." in out


def test_ask_json_is_the_report(data: Path) -> None:
    result = runner.invoke(app, ["ask", str(data), "tiemcards", "--format", "json", "--top", "1"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["found"] is True
    assert [a["capability_id"] for a in report["answers"]] == ["timecards"]
    assert report["answers"][0]["ask_first"]["id"] == "lee.park"


def test_ask_without_match_says_so_and_exits_1(data: Path) -> None:
    result = runner.invoke(app, ["ask", str(data), "quantum teleporter"])
    assert result.exit_code == 1
    assert "Nothing in" in result.output and "Closest capabilities:" in result.output


def test_ask_unknown_asker_is_an_error_with_a_hint(data: Path) -> None:
    result = runner.invoke(app, ["ask", str(data), "payroll", "--as", "ana.cost"])
    assert result.exit_code == 1
    assert "No unit with id 'ana.cost'. Did you mean 'ana.costa'" in result.output


def test_provides_lists_consumers(data: Path) -> None:
    result = runner.invoke(app, ["provides", str(data), "priya.shah"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Priya Shah provides 1 capability to 1 unit.")
    row = next(line for line in result.output.splitlines() if line.startswith("Payroll run"))
    assert "backup 1" in row and "Lee Park" in row and "critical" in row


def test_provides_csv_and_json(data: Path) -> None:
    csv_out = runner.invoke(app, ["provides", str(data), "lee.park", "--format", "csv"]).output
    assert csv_out.splitlines()[0].startswith("Capability,Role,Consumer")
    assert csv_out.splitlines()[1].startswith("Timecards,primary,Priya Shah")
    report = json.loads(runner.invoke(app, ["provides", str(data), "lee.park", "--format", "json"]).output)
    assert report["sole_provider_of"] == ["timecards"]


def test_needs_lists_who_to_ask(data: Path) -> None:
    result = runner.invoke(app, ["needs", str(data), "lee.park"])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("Payroll run"))
    assert "Priya Shah" in row and "Dana Reyes (unavailable)" in row


def test_needs_csv_and_json(data: Path) -> None:
    csv_out = runner.invoke(app, ["needs", str(data), "lee.park", "--format", "csv"]).stdout
    assert csv_out == (
        "Capability,Cadence,Criticality,Lead time (h),Ask first,Why,Backups\n"
        "Payroll run,biweekly,critical,48.00,Priya Shah,"
        "first available backup (Dana Reyes is marked unavailable),Dana Reyes (unavailable)\n"
    )
    report = json.loads(runner.invoke(app, ["needs", str(data), "lee.park", "--format", "json"]).stdout)
    assert [n["capability_id"] for n in report["items"]] == ["payroll-run"]


@pytest.mark.parametrize("command", ["provides", "needs"])
def test_table_is_the_message_then_a_blank_line_and_the_rows(data: Path, command: str) -> None:
    listed = runner.invoke(app, [command, str(data), "lee.park"]).stdout.splitlines()
    assert listed[0].startswith("Lee Park ") and listed[1] == "" and listed[2].startswith("Capability ")
    assert set(listed[3]) == {"-", " "}
    nothing = runner.invoke(app, [command, str(data), "ana.costa"]).stdout
    verb = "provides" if command == "provides" else "depends on"
    assert nothing == f"Ana Costa {verb} nothing recorded in the organisation data.\n"


@pytest.mark.parametrize("command", ["provides", "needs"])
def test_unknown_unit_exits_1_with_hint(data: Path, command: str) -> None:
    result = runner.invoke(app, [command, str(data), "priya"])
    assert result.exit_code == 1
    assert "Did you mean 'priya.shah'" in result.output
