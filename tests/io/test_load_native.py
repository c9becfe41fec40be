"""Loading native YAML and JSON: every validation rule, located by file, line and field, all at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from orggraph import InvalidOrgData, load_org, load_org_checked, org_from_dict
from orggraph.io import org_from_dict_checked, org_from_text
from tests.io.helpers import BASE_YAML, MARK, line_of, marked_line, problems_of, write


def test_valid_yaml_loads_every_field(tmp_path: Path) -> None:
    result = load_org_checked(write(tmp_path, "org.yaml", BASE_YAML))
    org = result.org
    assert result.warnings == []
    assert org.org.name == "Test Org" and org.org.as_of.isoformat() == "2024-06-30"
    assert [u.id for u in org.units] == ["ann", "bob", "desk"]
    assert org.unit_by_id["bob"].channel.address == "bob@x.org"
    assert org.unit_by_id["desk"].kind == "team" and org.unit_by_id["desk"].fte == 2.0
    assert org.capability_by_id["laptop-setup"].providers == ("desk", "bob")
    assert org.dependencies[1].provider == "ann" and org.dependencies[1].cadence == "weekly"


def test_json_gives_the_same_org_as_yaml(tmp_path: Path) -> None:
    data = yaml.safe_load(BASE_YAML)
    data["org"]["as_of"] = "2024-06-30"
    from_json = load_org(write(tmp_path, "org.json", json.dumps(data, indent=2)))
    assert from_json == load_org(write(tmp_path, "org.yaml", BASE_YAML))


# Each case edits the valid base organisation so that exactly one rule breaks on the marked line.
# (case id, text replaced, replacement with the marker, field reported, words the message must hold)
YAML_CASES = [
    ("unknown manager", "manager: ann, channel", "manager: anne, channel", "manager", "'anne'"),
    ("unknown department", "department: it, manager", "department: itt, manager", "department", "'itt'"),
    ("unknown head", "head: ann}", "head: zed}", "head", "'zed'"),
    ("unknown consumer", "{consumer: bob,", "{consumer: rob,", "consumer", "'rob'"),
    ("unknown provider", "provider: ann,", "provider: dan,", "provider", "'dan'"),
    (
        "unknown capability",
        "capability: laptop-setup,",
        "capability: laptop-set-up,",
        "capability",
        "'laptop-set-up'",
    ),
    (
        "unknown capability provider",
        "providers: [desk, bob]",
        "providers: [desk, bobby]",
        "providers",
        "'bobby'",
    ),
    (
        "duplicate unit id",
        "  - {id: desk",
        f"  - {{id: bob, name: Bob Again, manager: ann}}  {MARK}\n  - {{id: desk",
        "id",
        "duplicate unit id 'bob': already used at line 7",
    ),
    (
        "duplicate department id",
        "  - {id: it",
        f"  - {{id: ops, name: Ops again}}  {MARK}\n  - {{id: it",
        "id",
        "duplicate department id 'ops': already used at line 3",
    ),
    (
        "self-dependency",
        "{consumer: bob, provider: ann",
        "{consumer: bob, provider: bob",
        "provider",
        "itself",
    ),
    ("manager is a team", "manager: ann, channel", "manager: desk, channel", "manager", "a team"),
    (
        "reporting cycle",
        "{id: ann, name: Ann Boss,",
        "{id: ann, manager: bob, name: Ann Boss,",
        "manager",
        "ann -> bob -> ann",
    ),
    ("unknown cadence", "cadence: weekly", "cadence: fortnightly", "cadence", "'daily', 'weekly'"),
    ("unknown criticality", "criticality: high", "criticality: severe", "criticality", "'critical'"),
    ("unknown kind", "kind: team", "kind: squad", "kind", "'person' or 'team'"),
    ("unknown channel type", "type: email", "type: fax", "channel.type", "'email'"),
    ("negative hours", "lead_time_hours: 8", "lead_time_hours: -8", "lead_time_hours", "negative"),
    (
        "non-numeric hours",
        "lead_time_hours: 8",
        "lead_time_hours: soon",
        "lead_time_hours",
        "expected a number",
    ),
    ("negative fte", "fte: 2", "fte: -2", "fte", "negative"),
    ("non-numeric fte", "fte: 2", "fte: two", "fte", "expected a number"),
    (
        "capability without providers",
        "providers: [desk, bob]",
        "providers: []",
        "providers",
        "at least one provider",
    ),
    ("capability providers missing", "providers: [desk, bob], ", "", "providers", "required"),
    (
        "both capability and provider",
        "{consumer: bob, provider: ann",
        "{consumer: bob, capability: laptop-setup, provider: ann",
        "capability",
        "both",
    ),
    (
        "neither capability nor provider",
        "{consumer: bob, provider: ann,",
        "{consumer: bob,",
        "capability",
        "capability id or a provider",
    ),
    (
        "unknown field",
        "title: Director}",
        "title: Director, salary: 100}",
        "salary",
        "unknown field 'salary'",
    ),
    ("missing name", "{id: ann, name: Ann Boss,", "{id: ann,", "name", "'name' is required"),
    (
        "reserved capability id",
        "dependencies:",
        f"  - {{id: 'direct:x', name: X, providers: [bob]}}  {MARK}\ndependencies:",
        "id",
        "reserved",
    ),
    ("provider listed twice", "providers: [desk, bob]", "providers: [desk, desk]", "providers", "twice"),
    ("text given as a number", "{id: ann, name: Ann Boss,", "{id: ann, name: 42,", "name", "quotes"),
]


@pytest.mark.parametrize(
    ("old", "new", "field", "words"), [c[1:] for c in YAML_CASES], ids=[c[0] for c in YAML_CASES]
)
def test_each_rule_names_file_line_and_field(
    tmp_path: Path, old: str, new: str, field: str, words: str
) -> None:
    assert old in BASE_YAML
    text = BASE_YAML.replace(old, new, 1)
    if MARK not in new:  # mark the edited line (removing the providers edits the capability's line)
        edited = line_of(text, new) if new else line_of(BASE_YAML, old)
        lines = text.splitlines()
        lines[edited - 1] += f"  {MARK}"
        text = "\n".join(lines) + "\n"
    path = write(tmp_path, "org.yaml", text)

    error = problems_of(load_org, path)

    assert len(error.problems) == 1, error
    message = str(error.problems[0])
    assert message.startswith(f"{path}, line {marked_line(text)} [{field}]: "), message
    assert words in message


def test_self_dependency_through_a_capability_only_the_consumer_provides(tmp_path: Path) -> None:
    text = BASE_YAML.replace("providers: [desk, bob]", "providers: [ann]")
    path = write(tmp_path, "org.yaml", text)
    error = problems_of(load_org, path)
    line = line_of(text, "{consumer: ann, capability: laptop-setup")
    assert [str(p) for p in error.problems] == [
        f"{path}, line {line} [capability]: unit 'ann' depends on capability 'laptop-setup', which only it "
        "provides (a self-dependency)"
    ]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        BASE_YAML.replace("manager: ann, channel", "manager: anne, channel")
        .replace("fte: 2", "fte: -2")
        .replace("cadence: weekly", "cadence: hourly")
        .replace("{consumer: ann,", "{consumer: nobody,")
        .replace("head: ann}", "head: zed}")
    )
    error = problems_of(load_org, write(tmp_path, "org.yaml", text))
    fields = sorted(p.field for p in error.problems)
    assert fields == ["cadence", "consumer", "fte", "head", "manager"]
    assert str(error).startswith("5 problems in the organisation data:")


def test_a_schema_error_does_not_hide_the_same_records_reference_errors(tmp_path: Path) -> None:
    # desk's fte is invalid AND it reports to an unknown manager; the duplicate id on a record
    # with a bad kind is found too.
    text = BASE_YAML.replace("manager: ann, fte: 2", "manager: nobody, fte: lots").replace(
        "kind: team", "kind: squad"
    )
    error = problems_of(load_org, write(tmp_path, "org.yaml", text))
    assert sorted(p.field for p in error.problems) == ["fte", "kind", "manager"]


def test_references_to_invalid_records_are_not_reported_twice(tmp_path: Path) -> None:
    # bob's record is broken beyond repair (no name), but others may still name him.
    text = BASE_YAML.replace("{id: bob, name: Bob Clerk,", "{id: bob,")
    error = problems_of(load_org, write(tmp_path, "org.yaml", text))
    assert [p.field for p in error.problems] == ["name"]


def test_duplicate_key_in_a_yaml_record_is_an_error_with_both_lines(tmp_path: Path) -> None:
    text = BASE_YAML + "  - consumer: desk\n    provider: ann\n    provider: bob\n"
    path = write(tmp_path, "org.yaml", text)
    error = problems_of(load_org, path)
    second, first = line_of(text, "provider: bob"), line_of(text, "    provider: ann")
    assert [str(p) for p in error.problems] == [
        f"{path}, line {second} [provider]: key 'provider' is given twice in the same record "
        f"(first on line {first}); keep only one"
    ]


def test_duplicate_key_in_a_json_record_is_an_error_with_both_lines(tmp_path: Path) -> None:
    text = (
        '{"units": [\n  {"id": "ann", "name": "Ann"},\n  {"id": "bob",\n   "name": "Bob",\n'
        '   "name": "Robert"}\n]}\n'
    )
    path = write(tmp_path, "org.json", text)
    error = problems_of(load_org, path)
    assert [str(p) for p in error.problems] == [
        f"{path}, line 5 [name]: key 'name' is given twice in the same record (first on line 4); "
        "keep only one"
    ]


def test_json_problems_are_located_by_record_and_field_line(tmp_path: Path) -> None:
    data = yaml.safe_load(BASE_YAML)
    data["org"]["as_of"] = "2024-06-30"
    data["units"][2]["fte"] = "two"
    data["dependencies"][1]["cadence"] = "hourly"
    data["dependencies"][0]["consumer"] = "nobody"
    text = json.dumps(data, indent=2)
    path = write(tmp_path, "org.json", text)
    error = problems_of(load_org, path)
    fte, consumer, cadence = (
        line_of(text, f'"{key}": "{value}"')
        for key, value in (("fte", "two"), ("consumer", "nobody"), ("cadence", "hourly"))
    )
    assert [str(p).split(":")[0] for p in error.problems] == [
        f"{path}, line {fte} [fte]",
        f"{path}, line {consumer} [consumer]",
        f"{path}, line {cadence} [cadence]",
    ]


def test_compact_json_locates_the_line_of_the_record(tmp_path: Path) -> None:
    data = yaml.safe_load(BASE_YAML)
    data["org"]["as_of"] = "2024-06-30"
    data["units"][1]["manager"] = "nobody"
    text = json.dumps(data, separators=(",", ":")).replace('},{"id"', '},\n{"id"')  # one unit per line
    path = write(tmp_path, "org.json", text)
    error = problems_of(load_org, path)
    assert str(error.problems[0]).startswith(f"{path}, line {line_of(text, 'nobody')} [manager]")


def test_empty_organisation_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "org.yaml", "org: {name: Nobody}\nunits: []\n")
    error = problems_of(load_org, path)
    assert [str(p) for p in error.problems] == [
        f"{path}, line 2: the organisation has no units; add at least one person or team"
    ]
    error = problems_of(load_org, write(tmp_path, "empty.yaml", ""))
    assert "the file is empty" in str(error)


def test_unknown_top_level_key_and_wrong_shapes(tmp_path: Path) -> None:
    path = write(tmp_path, "org.yaml", BASE_YAML.replace("dependencies:", "dependancies:"))
    assert "unknown top-level key 'dependancies'" in str(problems_of(load_org, path))
    path = write(tmp_path, "list.yaml", "- a\n- b\n")
    assert "expected a mapping with the keys org, departments, units" in str(problems_of(load_org, path))
    path = write(tmp_path, "units.yaml", "units: {ann: {name: Ann}}\n")
    error = problems_of(load_org, path)
    assert str(error.problems[0]) == f"{path}, line 1: expected a list of unit records, got a mapping"


def test_syntax_errors_name_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "org.yaml", "units:\n  - {id: ann, name: Ann\n  - {id: bob}\n")
    assert "not valid YAML" in str(problems_of(load_org, path))
    path = write(tmp_path, "org.json", '{"units": [\n  {"id": "ann",}\n]}')
    error = problems_of(load_org, path)
    assert str(error.problems[0]).startswith(f"{path}, line 2: not valid JSON")


def test_yaml_is_parsed_safely(tmp_path: Path) -> None:
    path = write(tmp_path, "org.yaml", "units: !!python/object/apply:os.system ['echo hacked']\n")
    assert "not valid YAML" in str(problems_of(load_org, path))


def test_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        levels.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    path = write(tmp_path, "bomb.yaml", "\n".join(levels) + "\nunits: *a9\n")
    error = problems_of(load_org, path)
    assert "alias bomb" in str(error)


def test_self_referencing_yaml_alias_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "loop.yaml", "units: &u [*u]\n")
    assert "refers to a node that contains it" in str(problems_of(load_org, path))


def test_modest_yaml_aliases_are_fine(tmp_path: Path) -> None:
    text = BASE_YAML.replace("channel: {type: email, address: bob@x.org}", "channel: *mail")
    text = text.replace(
        "{id: ann, name: Ann Boss,", "{id: ann, channel: &mail {type: email}, name: Ann Boss,"
    )
    org = load_org(write(tmp_path, "org.yaml", text))
    assert org.unit_by_id["ann"].channel == org.unit_by_id["bob"].channel


def test_files_above_the_size_limit_are_refused_unread(tmp_path: Path) -> None:
    path = write(tmp_path, "org.yaml", BASE_YAML)
    error = problems_of(load_org, path, max_bytes=100)
    assert "above the 100 bytes limit" in str(error) and "max_bytes" in str(error)
    assert load_org(path, max_bytes=len(BASE_YAML.encode())) is not None


def test_missing_and_unsupported_paths(tmp_path: Path) -> None:
    assert "no such file or folder" in str(problems_of(load_org, tmp_path / "nope.yaml"))
    assert "unsupported file type '.txt'" in str(problems_of(load_org, write(tmp_path, "org.txt", BASE_YAML)))


def test_non_utf8_text_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = write(tmp_path, "org.yaml", BASE_YAML.replace("Ann Boss", "Anné Boss"), encoding="latin-1")
    assert "not UTF-8" in str(problems_of(load_org, path))


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "org.json"
    data = yaml.safe_load(BASE_YAML)
    data["org"]["as_of"] = "2024-06-30"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode())
    assert len(load_org(path).units) == 3


def test_warnings_are_located_and_do_not_fail_the_load(tmp_path: Path) -> None:
    text = BASE_YAML.replace("units:\n", "units:\n  - {id: eve, name: Eve Alone}\n")
    path = write(tmp_path, "org.yaml", text)
    org, warnings = load_org_checked(path)
    line = line_of(text, "id: eve")
    assert [str(w) for w in warnings] == [
        f"{path}, line {line} [id]: unit 'eve' is isolated: nothing depends on it and it depends on nothing",
        f"{path}, line {line} [manager]: person 'eve' has no manager; only the top of the reporting tree "
        "('ann') should have none",
    ]
    assert all(w.severity == "warning" for w in warnings)
    assert len(org.units) == 4


def test_invalid_data_carries_warnings_separately(tmp_path: Path) -> None:
    text = BASE_YAML.replace("units:\n", "units:\n  - {id: eve, name: Eve Alone}\n").replace(
        "fte: 2", "fte: -1"
    )
    error = problems_of(load_org, write(tmp_path, "org.yaml", text))
    assert [p.field for p in error.problems] == ["fte"]
    assert {w.field for w in error.warnings} == {"id", "manager"}
    assert "eve" not in str(error)


def test_org_from_dict_locates_problems_by_section_index() -> None:
    data = yaml.safe_load(BASE_YAML)
    data["units"][1]["manager"] = "nobody"
    data["dependencies"][0]["criticality"] = "urgent"
    error = problems_of(org_from_dict, data, source="request body")
    assert [str(p).split(":")[0] for p in error.problems] == [
        "request body, units[1] [manager]",
        "request body, dependencies[0] [criticality]",
    ]


def test_org_from_dict_checked_returns_warnings() -> None:
    data = yaml.safe_load(BASE_YAML)
    data["units"].append({"id": "eve", "name": "Eve"})
    result = org_from_dict_checked(data)
    assert {str(w).split(":")[0] for w in result.warnings} == {
        "<data>, units[3] [id]",
        "<data>, units[3] [manager]",
    }


def test_org_from_text_for_uploads() -> None:
    assert len(org_from_text(BASE_YAML.encode(), "yaml", source="upload.yaml").units) == 3
    error = problems_of(org_from_text, BASE_YAML.replace("fte: 2", "fte: -2"), "yaml", source="upload.yaml")
    assert str(error.problems[0]).startswith(f"upload.yaml, line {line_of(BASE_YAML, 'fte: 2')} [fte]")
    assert "above" in str(problems_of(org_from_text, BASE_YAML, "yaml", max_bytes=10))


def test_sections_left_empty_in_yaml_count_as_empty(tmp_path: Path) -> None:
    text = "units:\n  - {id: ann, name: Ann}\n  - {id: bob, name: Bob, manager: ann}\n"
    text += "capabilities:\ndependencies:\n"
    org, warnings = load_org_checked(write(tmp_path, "org.yaml", text))
    assert org.capabilities == () and org.dependencies == ()
    assert [w.message for w in warnings] == [
        "there are no dependencies, so every unit is isolated and the analyses have nothing to work on"
    ]


def test_invalid_org_data_is_an_orggraph_error(tmp_path: Path) -> None:
    from orggraph import OrgGraphError

    assert issubclass(InvalidOrgData, OrgGraphError)
    error = problems_of(load_org, write(tmp_path, "org.yaml", BASE_YAML.replace("fte: 2", "fte: -2")))
    assert error.problems[0].severity == "error"


UNREADABLE = Path("/proc/self/mem")  # exists, opens, and fails on read with an I/O error


@pytest.mark.skipif(not UNREADABLE.exists(), reason="needs Linux's /proc/self/mem")
def test_a_file_that_cannot_be_read_is_a_located_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.symlink_to(UNREADABLE)
    ((where, message),) = [(p.file, p.message) for p in problems_of(load_org, path).problems]
    assert where == str(path) and message.startswith("cannot read it: ")
