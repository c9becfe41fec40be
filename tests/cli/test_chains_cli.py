"""``orggraph chains``, end to end through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from orggraph import Capability, Dependency, Org, Unit, save_org
from orggraph.analysis.chains import ChainReport
from orggraph.cli import app
from tests.conftest import SAMPLE

runner = CliRunner()


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shop <- Stock from Depot (48 h) <- Freight payment from Accounts (24 h); a Marketing <-> Sales loop."""
    units = [
        Unit(id="shop", name="Shop", front_line=True),
        Unit(id="depot", name="Depot"),
        Unit(id="accounts", name="Accounts"),
        Unit(id="marketing", name="Marketing"),
        Unit(id="sales", name="Sales"),
    ]
    caps = [
        Capability(id="stock", name="Stock", providers=("depot",), lead_time_hours=48),
        Capability(id="freight", name="Freight payment", providers=("accounts",), lead_time_hours=24),
        Capability(id="leads", name="Leads", providers=("sales",)),
        Capability(id="campaigns", name="Campaigns", providers=("marketing",)),
    ]
    deps = [
        Dependency(consumer="shop", capability="stock", cadence="daily"),
        Dependency(consumer="depot", capability="freight", cadence="weekly"),
        Dependency(consumer="marketing", capability="leads"),
        Dependency(consumer="sales", capability="campaigns"),
    ]
    org = Org(units=units, capabilities=caps, dependencies=deps)
    return save_org(org, tmp_path_factory.mktemp("chains") / "org.yaml")


def test_table_shows_the_chain_its_weakest_link_loops_and_line_of_sight(data: Path) -> None:
    result = runner.invoke(app, ["chains", str(data)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1. Shop (shop): 72 h over 2 hand-offs" in out
    assert "Shop <- Stock from Depot (daily, 48 h) <- Freight payment from Accounts (weekly, 24 h)" in out
    assert "Weakest link: Stock from Depot: no backup provider for 'Stock'" in out
    assert (
        "Circular dependencies (1)\n  - Marketing waits on Sales for 'Leads', which waits on Marketing" in out
    )
    assert "No path to the front line (2 units): marketing, sales" in out


def test_json_is_the_whole_report(data: Path) -> None:
    result = runner.invoke(app, ["chains", str(data), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = ChainReport.model_validate_json(result.output)
    assert report.critical[0].total_hours == 72.0
    assert report.line_of_sight["accounts"].hops == 2 and report.line_of_sight["accounts"].hours == 72.0


def test_front_line_option_and_unknown_unit(data: Path) -> None:
    result = runner.invoke(app, ["chains", str(data), "--front-line", "depot", "-f", "json"])
    assert result.exit_code == 0, result.output
    report = ChainReport.model_validate_json(result.output)
    assert report.front_line == ("depot",) and report.critical[0].total_hours == 24.0
    result = runner.invoke(app, ["chains", str(data), "--front-line", "nobody"])
    assert result.exit_code == 1
    assert "No unit with id 'nobody'" in result.output


def test_bad_data_file_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["chains", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 1 and "missing.yaml" in result.output


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["chains", "--help"])
    assert result.exit_code == 0 and "Example: orggraph chains" in result.output


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample organisation not built")
def test_sample_org_store_12_first() -> None:
    result = runner.invoke(app, ["chains", str(SAMPLE), "--top", "1"])
    assert result.exit_code == 0, result.output
    first = result.output.split("Slowest chains (top 1, most hours in all)\n", 1)[1].splitlines()
    assert "(store-12)" in first[0]
    assert "<- Store replenishment" in first[1] and "Freight account paid from Omar Haddad" in first[1]
