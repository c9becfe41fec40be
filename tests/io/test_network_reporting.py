"""The network importer's reporting lines (manager column, reports-to file, organograms with no
ties), job-share rows, text ids and departments taken from ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from orggraph import InvalidOrgData, load_org, read_network
from orggraph.cli import app
from tests.io.helpers import write


def managers(result) -> dict[str, str | None]:
    return {u.id: u.manager for u in result.org.units}


def problems_of(excinfo: pytest.ExceptionInfo[InvalidOrgData]) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


ORGANOGRAM = (
    '"Post","Unit","Reports to"\n'
    '"0010","HQ","XX"\n'
    '"0011","HQ","0010"\n'
    '"0012","HQ","0010"\n'
    '"0013","Army","0011"\n'
    '"0013","Army","0011"\n'  # the same post twice: a job share
    '"0014","Army",""\n'
)


def test_manager_column_sets_managers_and_marks_the_top(tmp_path: Path) -> None:
    edges = write(tmp_path, "advice.txt", "1 2\n3 1\n")
    attrs = write(tmp_path, "people.csv", "id,boss\n1,XX\n2,1\n3,none\n")
    result = read_network(edges, attributes=attrs, manager_column="boss")
    assert managers(result) == {"1": None, "2": "1", "3": None}
    assert result.reporting_lines == 1 and "1 reporting lines" in result.summary()
    # the ties are still the advice ties
    assert {(d.consumer, d.provider) for d in result.org.dependencies} == {("1", "2"), ("3", "1")}


def test_organogram_without_ties_uses_reporting_lines_as_ties(tmp_path: Path) -> None:
    attrs = write(tmp_path, "senior.csv", ORGANOGRAM)
    result = read_network(
        None,
        attributes=attrs,
        id_column="Post",
        department_column="Unit",
        manager_column="Reports to",
        text_ids=True,
    )
    assert managers(result) == {"0010": None, "0011": "0010", "0012": "0010", "0013": "0011", "0014": None}
    assert result.duplicate_rows_merged == 1 and result.reporting_lines == 3
    # each post depends on its manager
    assert {(d.consumer, d.provider) for d in result.org.dependencies} == {
        ("0011", "0010"),
        ("0012", "0010"),
        ("0013", "0011"),
    }
    assert result.relation == "reports to" and result.org.org.name == "senior"
    reverse = read_network(
        None,
        attributes=attrs,
        id_column="Post",
        manager_column="Reports to",
        text_ids=True,
        direction="alter-depends-on-ego",
    )
    assert ("0010", "0011") in {(d.consumer, d.provider) for d in reverse.org.dependencies}


def test_text_ids_keep_leading_zeros(tmp_path: Path) -> None:
    attrs = write(tmp_path, "posts.csv", "id,boss\n007,XX\n7,007\n")
    assert managers(read_network(None, attributes=attrs, manager_column="boss", text_ids=True)) == {
        "007": None,
        "7": "007",
    }
    with pytest.raises(InvalidOrgData) as excinfo:  # as numbers, 007 and 7 are the same person
        read_network(None, attributes=attrs, manager_column="boss")
    assert "duplicate id '7'" in problems_of(excinfo)[0]


def test_reports_to_file_sets_managers(tmp_path: Path) -> None:
    edges = write(tmp_path, "advice.txt", "1 2 1\n2 3 1\n")
    reports = write(tmp_path, "reports.txt", "1 3 1\n2 3 1\n3 3 0\n1 2 0\n")  # a full dyad list, 0 = no tie
    result = read_network(edges, reports_to=reports)
    assert managers(result) == {"1": "3", "2": "3", "3": None}


def test_reporting_line_problems_name_file_line_and_field(tmp_path: Path) -> None:
    edges = write(tmp_path, "advice.txt", "1 2\n")
    attrs = write(tmp_path, "people.csv", "id,boss\n1,9\n2,XX\n")
    with pytest.raises(InvalidOrgData) as excinfo:
        read_network(edges, attributes=attrs, manager_column="boss")
    assert problems_of(excinfo) == [f"{attrs}, line 2 [manager]: manager '9' is not a person in the table"]

    attrs = write(tmp_path, "people.csv", "id,boss\n1,2\n2,XX\n")
    reports = write(tmp_path, "reports.txt", "1 1\n2 1\n")
    with pytest.raises(InvalidOrgData) as excinfo:  # 2 -> 1 here, and 1 -> 2 in the table: a loop
        read_network(edges, attributes=attrs, manager_column="boss", reports_to=reports)
    assert problems_of(excinfo) == [f"{attrs}, line 2 [manager]: reporting-line cycle: 1 -> 2 -> 1"]

    reports = write(tmp_path, "reports.txt", "1 3\n")
    attrs = write(tmp_path, "people.csv", "id,boss\n1,2\n2,XX\n3,XX\n")
    with pytest.raises(InvalidOrgData) as excinfo:
        read_network(edges, attributes=attrs, manager_column="boss", reports_to=reports)
    assert problems_of(excinfo) == [
        f"{reports}, line 1 [target]: '1' reports to '3' here but to '2' in people.csv (line 2)"
    ]


def test_departments_from_ids(tmp_path: Path) -> None:
    m = write(tmp_path, "help.csv", ",W1,W2,S1\nW1,0,1,0\nW2,0,0,1\nS1,1,0,0\n")
    result = read_network(
        m,
        matrix=True,
        department_from_id="^[A-Z]+",
        labels={"department": {"W": "Wiremen", "S": "Soldermen"}},
    )
    assert {u.id: u.department for u in result.org.units} == {
        "W1": "wiremen",
        "W2": "wiremen",
        "S1": "soldermen",
    }
    assert {d.id: d.name for d in result.org.departments} == {"soldermen": "Soldermen", "wiremen": "Wiremen"}


def test_bad_combinations_are_refused(tmp_path: Path) -> None:
    edges = write(tmp_path, "e.txt", "1 2\n")
    attrs = write(tmp_path, "a.csv", "id,dept\n1,x\n2,y\n")
    with pytest.raises(ValueError, match="either as a column or from the id"):
        read_network(edges, attributes=attrs, department_column="dept", department_from_id="^.")
    with pytest.raises(ValueError, match="reporting lines"):
        read_network(None, attributes=attrs)
    with pytest.raises(ValueError, match="text ids"):
        read_network(edges, text_ids=True, edge_base=0)
    with pytest.raises(ValueError, match="need an attribute table"):
        read_network(edges, manager_column="boss")


def test_cli_imports_an_organogram_that_loads_back(tmp_path: Path) -> None:
    attrs = write(tmp_path, "senior.csv", ORGANOGRAM)
    out = tmp_path / "org.yaml"
    result = CliRunner().invoke(
        app,
        [
            "import-network",
            "-a",
            str(attrs),
            "--id-column",
            "Post",
            "--department-column",
            "Unit",
            "--manager-column",
            "Reports to",
            "--text-ids",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "3 reporting lines" in result.output and "1 repeated attribute rows merged" in result.output
    org = load_org(out)
    assert org.unit_by_id["0013"].manager == "0011" and org.management_chain("0013") == ["0011", "0010"]
