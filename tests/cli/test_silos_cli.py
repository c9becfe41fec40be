"""``orggraph silos`` and ``orggraph import-network``, end to end through the CLI."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orggraph import Dependency, Org, Unit, load_org, save_org
from orggraph.analysis.silos import SiloReport
from orggraph.cli import app
from tests.conftest import SAMPLE

runner = CliRunner()


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """stores (front line) -> logistics -> finance through Sam Lee alone; the lab works only with itself."""
    units = [
        Unit(id="ana.costa", name="Ana Costa", department="stores", front_line=True),
        Unit(id="sam.lee", name="Sam Lee", department="logistics"),
        Unit(id="kim.ito", name="Kim Ito", department="logistics"),
        Unit(id="omar.haddad", name="Omar Haddad", department="finance"),
        Unit(id="lab.one", name="Lab One", department="lab"),
        Unit(id="lab.two", name="Lab Two", department="lab"),
    ]
    deps = [
        Dependency(consumer="ana.costa", provider="kim.ito"),
        Dependency(consumer="kim.ito", provider="sam.lee"),
        Dependency(consumer="sam.lee", provider="omar.haddad", criticality="critical"),
        Dependency(consumer="lab.one", provider="lab.two"),
        Dependency(consumer="lab.two", provider="lab.one"),
    ]
    return save_org(Org(units=units, dependencies=deps), tmp_path_factory.mktemp("silos") / "org.yaml")


def test_table_shows_findings_groups_and_every_cut_off_unit(data: Path) -> None:
    result = runner.invoke(app, ["silos", str(data)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Silo analysis by department: 4 departments, 6 units, 5 ties." in out
    findings = out[out.index("Findings") :]
    assert findings.splitlines()[1].startswith("  1. [high] lab works only with itself")
    assert "If Sam Lee leaves, logistics loses its only link to finance" in out
    assert "Units with no path to the front line (2, all listed)\nlab.one, lab.two" in out


def test_json_is_the_whole_report(data: Path) -> None:
    result = runner.invoke(app, ["silos", str(data), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = SiloReport.model_validate_json(result.output)
    assert report.cut_off_groups == ("lab",)
    assert report.findings[0].groups[0] == "lab"


def test_csv_has_one_row_per_group(data: Path) -> None:
    result = runner.invoke(app, ["silos", str(data), "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {r["group"] for r in rows} == {"stores", "logistics", "finance", "lab"}
    lab = next(r for r in rows if r["group"] == "lab")
    assert (lab["E-I"], lab["ties inside"], lab["reaches customer"]) == ("-1.00", "2", "False")


def test_team_level_and_bad_input(data: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["silos", str(data), "--level", "team"])
    assert result.exit_code == 0 and "Silo analysis by team" in result.output
    missing = tmp_path / "missing.yaml"
    result = runner.invoke(app, ["silos", str(missing)])
    assert result.exit_code == 1 and "missing.yaml" in result.output


def test_help_has_an_example() -> None:
    for command in ("silos", "import-network"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example: orggraph " + command in result.output


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample organisation not built")
def test_sample_org_research_first_and_sam_lee_named() -> None:
    result = runner.invoke(app, ["silos", str(SAMPLE), "-f", "json"])
    assert result.exit_code == 0, result.output
    report = SiloReport.model_validate_json(result.output)
    assert report.findings[0].kind == "silo" and report.findings[0].groups[0] == "research"
    assert any(f.units[:1] == ("sam.lee",) and f.groups == ("logistics", "finance") for f in report.findings)


def test_import_network_writes_an_org_every_command_reads(tmp_path: Path) -> None:
    edges = tmp_path / "advice.csv"
    edges.write_text("source,target\n1,2\n2,3\n3,3\n")
    people = tmp_path / "people.csv"
    people.write_text("id,office,name\n1,1,Ann\n2,1,Bob\n3,2,Cy\n")
    out = tmp_path / "org.yaml"
    result = runner.invoke(
        app,
        [
            "import-network", str(edges), "--attributes", str(people), "--department-column", "office",
            "--name-column", "name", "--department-labels", "1=Boston,2=Hartford", "--relation", "advice",
            "-o", str(out),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        f"Wrote {out}: 3 people, 2 ties (advice" in result.output and "1 self-loops dropped" in result.output
    )
    org = load_org(out)
    assert {u.id: (u.name, u.department) for u in org.units} == {
        "1": ("Ann", "boston"),
        "2": ("Bob", "boston"),
        "3": ("Cy", "hartford"),
    }
    assert runner.invoke(app, ["silos", str(out)]).exit_code == 0


def test_import_network_errors_name_file_line_and_field(tmp_path: Path) -> None:
    edges = tmp_path / "e.txt"
    edges.write_text("1 2 1\n2 3 x\n")
    result = runner.invoke(app, ["import-network", str(edges), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 1
    assert f"{edges}, line 2 [weight]: expected a number, found 'x'" in result.output
    assert not (tmp_path / "o.yaml").exists()
    result = runner.invoke(
        app, ["import-network", str(edges), "--department-labels", "1:Boston", "-o", str(tmp_path / "o.yaml")]
    )
    assert result.exit_code == 1 and "CODE=LABEL" in result.output


def test_import_network_of_a_missing_file_names_it_and_writes_nothing(tmp_path: Path) -> None:
    edges, out = tmp_path / "missing.csv", tmp_path / "o.yaml"
    result = runner.invoke(app, ["import-network", str(edges), "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"Error: 1 problem in the organisation data:\n  - {edges}: file not found\n"
    assert not out.exists()


def test_import_network_to_an_unwritable_path_names_it(tmp_path: Path) -> None:
    edges = tmp_path / "e.txt"
    edges.write_text("1 2 1\n2 3 1\n")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    out = blocker / "o.yaml"
    result = runner.invoke(app, ["import-network", str(edges), "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"Error: cannot write {out}: ") and "Traceback" not in result.output
