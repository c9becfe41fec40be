"""The synthetic organisation generator: deterministic, the size asked for, valid, realistic in shape."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from orggraph import Org, build_graph
from orggraph.generate import MIN_PEOPLE, generate_org
from orggraph.io import load_org_checked, save_org

HUBS = {
    "it-support",
    "laptop-setup",
    "mail-sorting",
    "payroll-run",
    "hr-advice",
    "expense-claims",
    "branch-deliveries",
}


@pytest.fixture(scope="module")
def org() -> Org:
    return generate_org(3000, seed=11)


def _people(org: Org) -> list[str]:
    return [u.id for u in org.units if u.kind == "person"]


def test_same_seed_same_org_other_seed_other_org() -> None:
    assert generate_org(500, seed=7) == generate_org(500, seed=7)
    assert generate_org(500, seed=7) != generate_org(500, seed=8)


@pytest.mark.parametrize(("people", "per_person"), [(MIN_PEOPLE, 5.0), (1000, 5.0), (4000, 2.0)])
def test_people_and_dependencies_are_the_size_asked_for(people: int, per_person: float) -> None:
    org = generate_org(people, seed=1, deps_per_person=per_person)
    assert len(_people(org)) == people
    assert len(org.dependencies) == pytest.approx(people * per_person, rel=0.12)


def test_departments_grow_with_size() -> None:
    small, large = generate_org(1000, seed=2), generate_org(12000, seed=2)
    assert len(large.departments) > len(small.departments) >= 10


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_written_org_passes_full_validation_and_loads_equal(org: Org, tmp_path: Path, suffix: str) -> None:
    path = save_org(org, tmp_path / f"org{suffix}")
    loaded, warnings = load_org_checked(path)
    assert loaded == org
    assert warnings == []


def test_about_ten_percent_front_line_in_branches_and_contact_centre(org: Org) -> None:
    people = [u for u in org.units if u.kind == "person"]
    front = [u for u in people if u.front_line]
    assert 0.08 <= len(front) / len(people) <= 0.13
    assert {u.department.split("-")[0] for u in front} == {"region", "contact"}
    branches = [u for u in org.units if u.kind == "team" and u.front_line]
    assert branches and all(any(p.team == b.id for p in front) for b in branches)


def test_one_reporting_tree_with_spans_of_five_to_ten(org: Org) -> None:
    assert [u.id for u in org.units if u.manager is None] == [org.department_by_id["executive"].head]
    spans = [len(r) for r in org.reports_of.values()]
    assert max(spans) <= 10
    assert sum(5 <= s <= 10 for s in spans) / len(spans) >= 0.9
    for dept in org.departments:
        assert org.unit_by_id[dept.head].department == dept.id


def test_mostly_intra_department_with_hubs_that_many_depend_on(org: Org) -> None:
    unit = org.unit_by_id
    local = [d for d in org.dependencies if d.capability_id not in HUBS]
    same = sum(unit[d.consumer].department == unit[org.capability_of(d).primary].department for d in local)
    assert same / len(local) >= 0.7
    askers = Counter(d.capability_id for d in org.dependencies if d.capability_id in HUBS)
    assert askers["it-support"] >= 0.4 * len(org.units)
    managers = {m for m in org.reports_of if unit[m].kind == "person"}
    assert askers["payroll-run"] >= 0.9 * len(managers)


def test_most_capabilities_have_a_backup_and_some_do_not(org: Org) -> None:
    with_backup = sum(len(c.providers) > 1 for c in org.capabilities)
    assert 0.7 <= with_backup / len(org.capabilities) < 1


def test_only_the_planted_loops_among_primary_providers(org: Org) -> None:
    G = build_graph(org)
    P = nx.DiGraph(
        (u, v) for u, v, d in G.edges(data=True) if any(link.provider_rank == 0 for link in d["links"])
    )
    loops = [c for c in nx.strongly_connected_components(P) if len(c) > 1]
    planted = [(d.consumer, d.provider) for d in org.dependencies if d.note == "Each waits on the other."]
    assert len(planted) >= 2 and 1 <= len(loops) <= len(planted)
    for loop in loops:  # small, and closed by a planted reciprocal dependency
        assert len(loop) <= 10
        assert any(a in loop and b in loop for a, b in planted)


def test_out_of_range_sizes_are_refused() -> None:
    with pytest.raises(ValueError, match="people must be between"):
        generate_org(MIN_PEOPLE - 1)
    with pytest.raises(ValueError, match="deps_per_person"):
        generate_org(MIN_PEOPLE, deps_per_person=-1)
