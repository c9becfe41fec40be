"""The network importer: edge lists and matrices plus attribute tables, into an Org every analysis accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from orggraph import InvalidOrgData, build_graph, load_org, read_network, save_org
from orggraph.io.network import parse_value_labels
from tests.conftest import SHARED_REAL
from tests.io.helpers import write

needs_real = pytest.mark.skipif(not SHARED_REAL.is_dir(), reason="../shared/data/real is not present")


def deps_of(result) -> set[tuple[str, str]]:
    return {(d.consumer, d.provider) for d in result.org.dependencies}


def problems_of(excinfo: pytest.ExceptionInfo[InvalidOrgData]) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


# --------------------------------------------------------------------------------------------
# edge lists


def test_whitespace_edge_list_with_weights_self_loops_and_repeats(tmp_path: Path) -> None:
    edges = write(
        tmp_path,
        "advice.txt",
        "# who asks whom for advice\n1 2 1\n2 3 2\n3 3 1\n1 2 1\n2 1 0\n\n3 1 1\n",
    )
    result = read_network(edges)
    assert deps_of(result) == {("1", "2"), ("2", "3"), ("3", "1")}
    assert (result.ties_read, result.self_loops_dropped, result.absent_ties_dropped) == (6, 1, 1)
    assert result.duplicate_ties_merged == 1
    assert result.people == 3 and result.relation == "advice"
    # weights vary, so each dependency's note keeps its weight next to the relation's name
    notes = {(d.consumer, d.provider): d.note for d in result.org.dependencies}
    assert notes[("2", "3")] == "advice (weight 2)"
    assert [u.name for u in result.org.units] == ["person 1", "person 2", "person 3"]
    assert "1 self-loops dropped" in result.summary()


def test_csv_edge_list_with_header_and_attribute_table(tmp_path: Path) -> None:
    edges = write(tmp_path, "ties.csv", "ego,alter\nsam.lee,omar.haddad\nkim.ito,sam.lee\n")
    people = write(
        tmp_path,
        "people.csv",
        "Employee ID,Full Name,Dept,Role,Customer facing\n"
        "sam.lee,Sam Lee,2,Coordinator,no\n"
        "kim.ito,Kim Ito,2,Picker,no\n"
        "omar.haddad,Omar Haddad,3,Accountant,no\n"
        "ana.costa,Ana Costa,1,Sales assistant,yes\n",
    )
    result = read_network(
        edges,
        attributes=people,
        id_column="employee id",
        department_column="Dept",
        name_column="Full Name",
        title_column="role",
        front_line_column="customer facing",
        labels={"department": {"1": "Stores", "2": "Logistics", "3": "Finance (accounts)"}},
        relation="work",
    )
    org = result.org
    assert {d.id: d.name for d in org.departments} == {
        "stores": "Stores",
        "logistics": "Logistics",
        "finance-accounts": "Finance (accounts)",
    }
    sam = org.unit_by_id["sam.lee"]
    assert (sam.name, sam.department, sam.title, sam.front_line) == (
        "Sam Lee",
        "logistics",
        "Coordinator",
        False,
    )
    assert org.unit_by_id["ana.costa"].front_line
    assert deps_of(result) == {("sam.lee", "omar.haddad"), ("kim.ito", "sam.lee")}
    assert all(d.note == "work" for d in org.dependencies)
    assert result.isolates == 1  # ana.costa is in the table but in no tie
    build_graph(org)  # every analysis starts here


def test_direction_and_undirected(tmp_path: Path) -> None:
    edges = write(tmp_path, "e.txt", "a b\nb c\nc b\n")
    assert deps_of(read_network(edges, direction="alter-depends-on-ego")) == {
        ("b", "a"),
        ("c", "b"),
        ("b", "c"),
    }
    undirected = read_network(edges, undirected=True)
    assert deps_of(undirected) == {("a", "b"), ("b", "a"), ("b", "c"), ("c", "b")}
    # b-c written both ways is one undirected tie, not a repeat
    assert (undirected.ties, undirected.dependencies, undirected.duplicate_ties_merged) == (2, 4, 0)


def test_zero_based_edge_list_against_one_based_attributes(tmp_path: Path) -> None:
    edges = write(tmp_path, "email.txt", "0 1\n1 2\n")
    attrs = write(tmp_path, "labels.txt", "1 7\n2 7\n3 9\n")
    with pytest.raises(InvalidOrgData) as excinfo:
        read_network(edges, attributes=attrs, department_column=2)
    messages = problems_of(excinfo)
    assert any(
        f"{edges}, line 1 [source]: id '0' is not in the attribute table labels.txt" in m for m in messages
    )
    assert any("--edge-base" in m for m in messages)
    shifted = read_network(edges, attributes=attrs, department_column=2, edge_base=0)
    assert deps_of(shifted) == {("1", "2"), ("2", "3")}
    assert shifted.org.unit_by_id["3"].department == "department-9"


def test_zero_padded_ids_match_numbers(tmp_path: Path) -> None:
    edges = write(tmp_path, "e.txt", "1 2\n")
    attrs = write(tmp_path, "a.txt", "01 5\n02 6\n")
    result = read_network(edges, attributes=attrs, id_column=1, department_column=2)
    assert {u.id for u in result.org.units} == {"1", "2"}


# --------------------------------------------------------------------------------------------
# matrices


def test_plain_matrix_counts_rows_from_base(tmp_path: Path) -> None:
    m = write(tmp_path, "m.dat", " 0 1 0\r\n 0 0 1\r\n 1 0 1\r\n\r\n")
    one = read_network(m, matrix=True)
    assert deps_of(one) == {("1", "2"), ("2", "3"), ("3", "1")} and one.self_loops_dropped == 1
    zero = read_network(m, matrix=True, base=0)
    assert deps_of(zero) == {("0", "1"), ("1", "2"), ("2", "0")}


def test_labelled_csv_matrix_with_bom_and_symmetric_undirected(tmp_path: Path) -> None:
    m = write(tmp_path, "work.csv", '"",x,y,z\r\nx,0,1,1\r\ny,1,0,0\r\nz,1,0,0\r\n', encoding="utf-8-sig")
    result = read_network(m, matrix=True, undirected=True)
    assert (result.ties, result.dependencies, result.duplicate_ties_merged) == (2, 4, 0)
    assert deps_of(result) == {("x", "y"), ("y", "x"), ("x", "z"), ("z", "x")}


# --------------------------------------------------------------------------------------------
# errors name the file, the line and the field


def test_bad_weight_names_file_line_and_field(tmp_path: Path) -> None:
    edges = write(tmp_path, "e.txt", "a b 1\nb c 2\nc a lots\n")
    with pytest.raises(InvalidOrgData) as excinfo:
        read_network(edges)
    assert problems_of(excinfo) == [f"{edges}, line 3 [weight]: expected a number, found 'lots'"]


def test_ragged_lines_and_non_square_matrix(tmp_path: Path) -> None:
    edges = write(tmp_path, "e.txt", "a b\nb c d\n")
    with pytest.raises(InvalidOrgData) as excinfo:
        read_network(edges)
    assert problems_of(excinfo) == [f"{edges}, line 2: expected 2 fields like line 1, found 3"]
    square = write(tmp_path, "square.dat", "0 1 0 1\n1 0 0 0\n0 0 0 1\n1 0 1 0\n")
    with pytest.raises(InvalidOrgData) as excinfo:
        read_network(square)
    assert "found 4; if this is an adjacency matrix, pass --matrix" in problems_of(excinfo)[0]
    m = write(tmp_path, "m.dat", "0 1\n1 0 1\n")
    with pytest.raises(InvalidOrgData) as excinfo:
        read_network(m, matrix=True)
    assert f"{m}, line 2: expected 2 values (a square matrix), found 3" in problems_of(excinfo)


def test_attribute_table_problems(tmp_path: Path) -> None:
    edges = write(tmp_path, "e.txt", "1 2\n")
    attrs = write(tmp_path, "people.csv", "id,dept\n1,a\n2,b\n1,c\n")
    with pytest.raises(InvalidOrgData) as excinfo:
        read_network(edges, attributes=attrs, department_column="dept")
    assert problems_of(excinfo) == [f"{attrs}, line 4 [id]: duplicate id '1' (first on line 2)"]
    with pytest.raises(InvalidOrgData) as excinfo:
        read_network(edges, attributes=attrs, department_column="division")
    assert problems_of(excinfo) == [
        f"{attrs}, line 1 [department]: no column named 'division'; the columns are 'id', 'dept' "
        "(or give a 1-based position)"
    ]


def test_missing_file_and_value_labels(tmp_path: Path) -> None:
    with pytest.raises(InvalidOrgData) as excinfo:
        read_network(tmp_path / "nope.txt")
    assert problems_of(excinfo) == [f"{tmp_path / 'nope.txt'}: file not found"]
    assert parse_value_labels("1=Boston, 02=Hartford") == {"1": "Boston", "2": "Hartford"}
    with pytest.raises(ValueError, match="CODE=LABEL"):
        parse_value_labels("1:Boston")


def test_round_trip_through_the_native_format(tmp_path: Path) -> None:
    edges = write(tmp_path, "e.txt", "1 2\n2 3\n")
    attrs = write(tmp_path, "a.txt", "1 1\n2 1\n3 2\n")
    result = read_network(edges, attributes=attrs, department_column=2, labels={"department": {"1": "Ops"}})
    path = save_org(result.org, tmp_path / "org.yaml")
    assert load_org(path) == result.org


# --------------------------------------------------------------------------------------------
# real data sets (skipped when ../shared is absent)


@needs_real
def test_lazega_advice_and_cowork() -> None:
    root = SHARED_REAL / "lazega_lawfirm"
    offices = {"1": "Boston", "2": "Hartford", "3": "Providence"}
    advice = read_network(
        root / "ELadv.dat",
        matrix=True,
        attributes=root / "ELattr.dat",
        id_column=1,
        department_column=4,
        team_column=7,
        labels={"department": offices, "team": {"1": "litigation", "2": "corporate"}},
    )
    # published counts (SOURCE.md): 71 lawyers, 892 advice ties, offices of 48, 19 and 4
    assert (advice.people, advice.dependencies, advice.self_loops_dropped, advice.isolates) == (71, 892, 0, 0)
    sizes = {
        d: sum(u.department == d for u in advice.org.units) for d in ("boston", "hartford", "providence")
    }
    assert sizes == {"boston": 48, "hartford": 19, "providence": 4}
    assert sum(u.team == "litigation" for u in advice.org.units) == 41
    cowork = read_network(root / "ELwork.dat", matrix=True, undirected=True, attributes=root / "ELattr.dat")
    assert (cowork.ties, cowork.dependencies, cowork.isolates) == (378, 756, 1)


@needs_real
def test_email_eu_core_with_department_labels() -> None:
    root = SHARED_REAL / "snap_email_eu_core"
    result = read_network(
        root / "email-Eu-core.txt",
        attributes=root / "email-Eu-core-department-labels.txt",
        department_column=2,
    )
    # SOURCE.md: 25,571 lines of which 642 self-loops, 1,005 people in 42 departments
    assert (result.ties_read, result.self_loops_dropped, result.dependencies) == (25_571, 642, 24_929)
    assert result.people == 1005 and len(result.org.departments) == 42


@needs_real
def test_krackhardt_full_dyad_list_keeps_only_ties() -> None:
    root = SHARED_REAL / "krackhardt_hightech"
    listed = read_network(
        root / "edgelist_sds-aau" / "Krack-High-Tec-edgelist-Advice.txt",
        attributes=root / "edgelist_sds-aau" / "Krack-High-Tec-Attributes.csv",
        department_column="DEPT",
    )
    matrix = read_network(
        root / "matrix_borgatti" / "Krack-High-Tec_advice.csv",
        matrix=True,
        attributes=root / "matrix_borgatti" / "High-Tec-Attributes.csv",
        department_column="DEPT",
    )
    assert listed.dependencies == matrix.dependencies == 190
    assert deps_of(listed) == deps_of(matrix)
