"""The CSV folder format: HRIS headers, BOM, semicolons, spreadsheet row numbers, and the round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from orggraph import Dependency, Org, OrgGraphError, Unit, load_org, load_org_checked, save_org
from tests.conftest import DATA, SAMPLE
from tests.io.helpers import BASE_YAML, problems_of, write

HRIS_PEOPLE = (
    "Employee ID;First Name;Last Name;Job Title;Department ID;Department;Reports To;FTE;Customer Facing;"
    "Email;Location;Salary\n"
    "E1;Ann;Boss;Director;OPS;Operations;;1;No;ann@x.org;Leeds;100\n"
    "E2;Bob;Clerk;Clerk;OPS;Operations;E1;0,5;yes;bob@x.org;Leeds;50\n"
    "E3;Cy;Desk;Technician;IT;Information Technology;E1;1;0;;York;60\n"
)
# the providers cell holds the list separator, so it is quoted in a semicolon-delimited file
HRIS_CAPABILITIES = 'Capability ID;Name;Provided By;Lead time (hours)\nlaptop-setup;Laptop setup;"E3; E2";8\n'
HRIS_DEPENDENCIES = (
    "Requester;Capability;Provider;Frequency;Importance;Notes\n"
    "E1;laptop-setup;;Monthly;HIGH;\n"
    "E2;;E1;Fortnightly;critical;Rota and training\n"
)


def hris_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "hris"
    folder.mkdir()
    write(folder, "people.csv", "\ufeff" + HRIS_PEOPLE)  # Excel's UTF-8 with BOM
    write(folder, "capabilities.csv", HRIS_CAPABILITIES)
    write(folder, "dependencies.csv", HRIS_DEPENDENCIES)
    return folder


def test_hris_export_with_bom_semicolons_and_aliases(tmp_path: Path) -> None:
    folder = hris_folder(tmp_path)
    org, warnings = load_org_checked(folder)

    ann, bob, cy = org.units
    assert (ann.id, ann.name, ann.title, ann.location) == ("E1", "Ann Boss", "Director", "Leeds")
    assert ann.manager is None and bob.manager == "E1" and cy.manager == "E1"
    assert bob.fte == 0.5 and bob.front_line and not ann.front_line and not cy.front_line
    assert bob.channel is not None and (bob.channel.type, bob.channel.address) == ("email", "bob@x.org")
    assert cy.channel is None
    # "Department ID" gives the id, "Department" the name: the departments are listed from the pairs
    assert [(d.id, d.name) for d in org.departments] == [
        ("OPS", "Operations"),
        ("IT", "Information Technology"),
    ]
    assert org.capabilities[0].providers == ("E3", "E2") and org.capabilities[0].lead_time_hours == 8
    first, second = org.dependencies
    assert (first.consumer, first.capability, first.cadence, first.criticality) == (
        "E1",
        "laptop-setup",
        "monthly",
        "high",
    )
    assert (second.provider, second.cadence, second.note) == ("E1", "biweekly", "Rota and training")
    assert org.org.name == "hris"  # no org.csv: named after the folder
    assert [str(w) for w in warnings] == [f"{folder / 'people.csv'}, row 1: columns not used: Salary"]


def test_comma_delimited_with_channel_columns_tags_and_units_csv(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    write(
        folder,
        "units.csv",
        "id,name,kind,team,manager,front line,channel,tags,available\n"
        'ann,Ann,person,,,false,email:ann@x.org,"lead; budget",yes\n'
        "desk,Service desk,Team,desk,ann,TRUE,ticket:IT portal,,no\n",
    )
    write(folder, "dependencies.csv", "consumer,provider,cadence,criticality\nann,desk,Ad hoc,low\n")
    org = load_org(folder)
    ann, desk = org.units
    assert ann.tags == ("lead", "budget") and ann.channel.address == "ann@x.org"
    assert desk.kind == "team" and desk.front_line and not desk.available
    assert (desk.channel.type, desk.channel.address) == ("ticket", "IT portal")
    assert org.dependencies[0].cadence == "adhoc"


def test_csv_problems_name_file_spreadsheet_row_and_column_header(tmp_path: Path) -> None:
    folder = hris_folder(tmp_path)
    people = HRIS_PEOPLE.replace(
        "E2;Bob;Clerk;Clerk;OPS;Operations;E1;0,5;yes", "E2;Bob;Clerk;Clerk;OPS;Operations;E9;half;maybe"
    )
    # a blank line and a cell spanning two lines still count as spreadsheet rows 4 and 5
    people = people.replace("E3;Cy;Desk;Technician", '\nE3;Cy;"Desk\nHand";Technician')
    write(folder, "people.csv", people)
    write(folder, "dependencies.csv", HRIS_DEPENDENCIES.replace("Fortnightly", "Hourly"))
    write(folder, "capabilities.csv", HRIS_CAPABILITIES.replace("E3; E2", "E3; E7"))

    error = problems_of(load_org, folder)

    people_csv, caps_csv, deps_csv = (
        str(folder / n) for n in ("people.csv", "capabilities.csv", "dependencies.csv")
    )
    assert [str(p).split(": ")[0] for p in error.problems] == [
        f"{people_csv}, row 3 [Customer Facing]",
        f"{people_csv}, row 3 [FTE]",
        f"{people_csv}, row 3 [Reports To]",
        f"{caps_csv}, row 2 [Provided By]",
        f"{deps_csv}, row 3 [Frequency]",
    ]
    assert "'E9', which is not a known unit id" in str(error)
    assert "expected yes or no" in str(error) and "expected a number, got 'half'" in str(error)
    assert "'hourly' is not a valid cadence; expected one of: 'daily'" in str(error)


def test_a_multi_line_cell_does_not_shift_row_numbers(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    write(folder, "units.csv", 'id,name,title,fte\nann,Ann,"Head of\nEverything",1\n\nbob,Bob,Clerk,-1\n')
    error = problems_of(load_org, folder)
    assert [str(p) for p in error.problems] == [
        f"{folder / 'units.csv'}, row 4 [fte]: must not be negative, got '-1'"
    ]


def test_missing_required_column_is_one_problem_not_one_per_row(tmp_path: Path) -> None:
    folder = hris_folder(tmp_path)
    write(folder, "people.csv", HRIS_PEOPLE.replace("Employee ID;", "Badge;"))
    error = problems_of(load_org, folder)
    assert len(error.problems) == 1
    message = str(error.problems[0])
    assert message.startswith(
        f"{folder / 'people.csv'}, row 1 [id]: no column for id; add one with a header such as"
    )
    assert "'employeeid'" in message


def test_missing_units_file_and_ambiguous_files(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    write(folder, "dependencies.csv", "consumer,provider\na,b\n")
    assert "no units.csv (or people.csv)" in str(problems_of(load_org, folder))
    write(folder, "units.csv", "id,name\na,A\nb,B\n")
    write(folder, "people.csv", "id,name\na,A\nb,B\n")
    assert "both units.csv and people.csv exist" in str(problems_of(load_org, folder))


def test_non_utf8_csv_gets_a_hint(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "units.csv").write_bytes("id,name\nann,Anné\n".encode("cp1252"))
    error = problems_of(load_org, folder)
    assert str(error.problems[0]).startswith(f"{folder / 'units.csv'}: not UTF-8 text")
    assert "CSV UTF-8" in str(error)


def test_extra_cells_and_repeated_columns_are_errors(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    write(folder, "units.csv", "id,name,Name\nann,Ann,Ann\nbob,Bob,Bob,extra\n")
    error = problems_of(load_org, folder)
    texts = [str(p) for p in error.problems]
    assert f"{folder / 'units.csv'}, row 1 [Name]: column 'Name' appears twice; keep only one" in texts
    assert any(
        t.startswith(f"{folder / 'units.csv'}, row 3: the row has 4 cells but the header has 3")
        for t in texts
    )


def test_too_big_folder_is_refused(tmp_path: Path) -> None:
    folder = hris_folder(tmp_path)
    assert "above the" in str(problems_of(load_org, folder, max_bytes=50))


def test_round_trip_yaml_to_csv_folder_gives_an_equal_org(tmp_path: Path) -> None:
    original = load_org(write(tmp_path, "org.yaml", BASE_YAML))
    save_org(original, tmp_path / "csv")
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "capabilities.csv",
        "departments.csv",
        "dependencies.csv",
        "org.csv",
        "units.csv",
    ]
    assert load_org(tmp_path / "csv") == original


def test_round_trip_of_the_sample_organisation(tmp_path: Path, sample_org: Org) -> None:
    save_org(sample_org, tmp_path / "sample-csv")
    assert load_org(tmp_path / "sample-csv") == sample_org
    save_org(sample_org, tmp_path / "sample.json")
    assert load_org(tmp_path / "sample.json") == sample_org


def test_the_bundled_csv_folder_is_the_sample_organisation(sample_org: Org) -> None:
    assert SAMPLE.is_file()
    assert load_org(DATA / "sample-org-csv") == sample_org


def test_text_that_would_start_a_spreadsheet_formula_is_escaped_and_restored(tmp_path: Path) -> None:
    org = Org(
        units=[Unit(id="ann", name='=HYPERLINK("http://x")'), Unit(id="bob", name="-bob-", title="@work")],
        dependencies=[Dependency(consumer="bob", provider="ann", note="+1 from me")],
    )
    save_org(org, tmp_path / "csv")
    text = (tmp_path / "csv" / "units.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'-bob-" in text and "'@work" in text
    assert load_org(tmp_path / "csv") == org


def test_list_items_containing_the_separator_cannot_be_written(tmp_path: Path) -> None:
    org = Org(units=[Unit(id="ann", name="Ann", tags=("a;b",))])
    with pytest.raises(OrgGraphError, match="contains ';'"):
        save_org(org, tmp_path / "csv")
    assert not (tmp_path / "csv").exists()


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc/self/mem")
def test_a_table_that_cannot_be_read_is_a_located_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "units.csv").symlink_to("/proc/self/mem")  # opens, then fails on read
    assert f"{tmp_path / 'units.csv'}: cannot read it: " in str(problems_of(load_org, tmp_path))
