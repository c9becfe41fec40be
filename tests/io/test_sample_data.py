"""The bundled sample organisation: both formats load into the same org, and every planted fact holds.

The planted facts are listed by id in data/README.md; the analyses' own tests check that they find
them. Here each fact is checked in the data itself, with figures computed from the data (never
copied from the README), and with a margin, so that a small edit to the data cannot quietly turn a
planted problem into a marginal one.
"""

from __future__ import annotations

import importlib.util
import statistics
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from orggraph import Org, build_graph
from orggraph.io import load_org, load_org_checked

DATA = Path(__file__).resolve().parents[2] / "data"
CHAIN = ("store-12", "sam.lee", "omar.haddad", "nina.patel", "felix.wong", "ruth.kimani", "helen.marsh")
CHAIN_CAPABILITIES = (
    "store-replenishment",
    "freight-account-payment",
    "carrier-creditor-setup",
    "supplier-vetting",
    "contract-signoff",
    "executive-approval",
)


def _builder():
    spec = importlib.util.spec_from_file_location("build_sample", DATA / "build_sample.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _consumers(org: Org, capability: str) -> set[str]:
    return {d.consumer for d in org.dependencies if d.capability_id == capability}


def _lost_with(org: Org, removed: str) -> set[str]:
    """Units that fail when ``removed`` is gone, by the AND/OR rule applied until nothing changes."""
    gone = {removed}
    while True:
        lost = {c.id for c in org.capability_by_id.values() if all(p in gone for p in c.providers)}
        failing = {d.consumer for d in org.dependencies if d.capability_id in lost} - gone
        if not failing:
            return gone - {removed}
        gone |= failing


def _managers_outside_lab(org: Org) -> set[str]:
    units = org.unit_by_id
    return {m for m in org.reports_of if units[m].kind == "person" and units[m].department != "research"}


def _primary_graph(org: Org) -> nx.DiGraph:
    """consumer -> primary provider, weighted by the slowest lead time between the two."""
    P = nx.DiGraph()
    P.add_nodes_from(u.id for u in org.units)
    for dep in org.dependencies:
        provider = org.capability_of(dep).primary
        lead = org.lead_time_of(dep)
        if not P.has_edge(dep.consumer, provider) or P.edges[dep.consumer, provider]["lead"] < lead:
            P.add_edge(dep.consumer, provider, lead=lead)
    return P


def _load_per_fte(G: nx.DiGraph) -> dict[str, float]:
    """Yearly demand as primary provider (events x criticality weight) per FTE."""
    return {
        n: sum(link.weight for d in G.pred[n].values() for link in d["links"] if link.provider_rank == 0)
        / (G.nodes[n]["fte"] or 1.0)
        for n in G
    }


# -- the files ------------------------------------------------------------------------------------


def test_yaml_and_csv_folder_load_into_equal_orgs_without_warnings() -> None:
    from_yaml, yaml_warnings = load_org_checked(DATA / "sample-org.yaml")
    from_csv, csv_warnings = load_org_checked(DATA / "sample-org-csv")
    assert from_yaml == from_csv
    assert yaml_warnings == [] and csv_warnings == []


def test_generated_files_are_up_to_date_with_the_build_script(sample_org: Org) -> None:
    builder = _builder()
    org, sections = builder.build()
    assert org == sample_org
    assert (DATA / "sample-org.yaml").read_text(encoding="utf-8") == builder.yaml_text(org, sections)
    for name, rows in builder.csv_tables(org).items():
        assert (DATA / "sample-org-csv" / name).read_text(encoding="utf-8-sig") == builder.csv_text(rows), (
            name
        )


def test_csv_folder_uses_hris_headers() -> None:
    header = (DATA / "sample-org-csv" / "units.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    for column in ("Employee ID", "Full Name", "Job Title", "Department", "Manager ID", "FTE", "Front Line"):
        assert column in header.split(",")
    caps = (DATA / "sample-org-csv" / "capabilities.csv").read_text(encoding="utf-8-sig").splitlines()
    assert any("; " in line for line in caps[1:])  # several providers in one cell


# -- the organisation -----------------------------------------------------------------------------


def test_size_departments_heads_and_spans(sample_org: Org) -> None:
    people = [u for u in sample_org.units if u.kind == "person"]
    assert 150 <= len(people) <= 300
    assert len(sample_org.departments) >= 10
    for dept in sample_org.departments:
        head = sample_org.unit_by_id[dept.head]
        assert head.department == dept.id, dept.id
    tops = [u.id for u in sample_org.units if u.manager is None]
    assert tops == ["helen.marsh"]
    spans = [len(reports) for reports in sample_org.reports_of.values()]
    assert min(spans) >= 5 and max(spans) <= 10


def test_front_line_is_stores_and_contact_centre(sample_org: Org) -> None:
    front = [u for u in sample_org.units if u.front_line]
    assert {u.department for u in front} == {"stores", "contact-centre"}
    stores = [u for u in front if u.kind == "team" and u.department == "stores"]
    assert len(stores) >= 5 and "store-12" in {s.id for s in stores}
    for store in stores:
        staff = [u for u in sample_org.units if u.team == store.id and u.kind == "person"]
        assert len(staff) >= 5 and all(u.front_line for u in staff)
    ana = sample_org.unit_by_id["ana.costa"]
    assert ana.front_line and ana.team == "store-12"


def test_fixed_ids_and_search_keywords(sample_org: Org) -> None:
    units, caps = sample_org.unit_by_id, sample_org.capability_by_id
    assert units["lee.park"].department == units["priya.shah"].department == "payroll"
    assert {"paycheck", "salary", "wages"} <= set(caps["payroll-run"].keywords)
    assert {"computer", "equipment"} <= set(caps["laptop-setup"].keywords)
    assert "freight invoices" in caps["freight-account-payment"].keywords
    assert caps["freight-account-payment"].primary == "omar.haddad"
    assert set(caps["timecards"].providers) == _managers_outside_lab(sample_org)
    assert {d.cadence for d in sample_org.dependencies if d.capability == "timecards"} == {"weekly"}
    for cap in sample_org.capabilities:
        assert cap.description and cap.keywords, cap.id
    with_backup = sum(len(c.providers) > 1 for c in sample_org.capabilities)
    assert with_backup / len(sample_org.capabilities) > 0.75  # most have backups, a few do not


def test_one_provider_on_leave_has_available_backups(sample_org: Org) -> None:
    away = [u.id for u in sample_org.units if not u.available]
    assert away == ["tom.baker"]
    caps = [c for c in sample_org.capabilities if "tom.baker" in c.providers]
    assert caps and all(any(sample_org.unit_by_id[p].available for p in c.providers) for c in caps)


# -- the planted facts ----------------------------------------------------------------------------


def test_sole_provider_dana_reyes_has_by_far_the_largest_reach(sample_org: Org) -> None:
    assert sample_org.capability_by_id["payroll-run"].providers == ("dana.reyes",)
    dependents = _consumers(sample_org, "payroll-run")
    units = sample_org.unit_by_id
    managers = _managers_outside_lab(sample_org)
    front_teams = {u.id for u in sample_org.units if u.kind == "team" and u.front_line}
    assert dependents == managers | front_teams
    assert sum(units[d].front_line for d in dependents) >= 20
    assert {d.criticality for d in sample_org.dependencies if d.capability == "payroll-run"} == {"critical"}

    sole: Counter[str] = Counter()
    for cap in sample_org.capability_by_id.values():
        if len(cap.providers) == 1:
            sole[cap.primary] += len(_consumers(sample_org, cap.id))
    (first, reach), (_, second) = sole.most_common(2)
    assert first == "dana.reyes" and reach >= 3 * second

    lost = {u.id: _lost_with(sample_org, u.id) for u in sample_org.units}
    runner_up = max(len(v) for k, v in lost.items() if k != "dana.reyes")
    assert len(lost["dana.reyes"]) >= 5 * runner_up
    assert not [k for k, v in lost.items() if "dana.reyes" in v]


def test_it_service_desk_is_the_overloaded_team(sample_org: Org, sample_graph: nx.DiGraph) -> None:
    desk = sample_org.unit_by_id["it-service-desk"]
    assert desk.kind == "team" and desk.fte == 2
    load = _load_per_fte(sample_graph)
    others = sorted((v for k, v in load.items() if k != "it-service-desk"), reverse=True)
    assert load["it-service-desk"] >= 3 * others[0]
    assert load["it-service-desk"] >= 20 * statistics.median(v for v in load.values() if v > 0)
    askers = {u for u, _ in sample_graph.in_edges("it-service-desk")}
    assert len(askers) > len(sample_org.units) / 2


def test_research_is_a_silo_with_one_weak_external_tie(sample_org: Org, sample_graph: nx.DiGraph) -> None:
    dept = {u.id: u.department for u in sample_org.units}
    inside = [(u, v) for u, v in sample_graph.edges if dept[u] == dept[v] == "research"]
    crossing = [
        (u, v, d)
        for u, v, d in sample_graph.edges(data=True)
        if (dept[u] == "research") != (dept[v] == "research")
    ]
    assert len(inside) >= 50
    assert [(u, v) for u, v, _ in crossing] == [("claire.dubois", "research-insights")]
    assert crossing[0][2]["criticality"] == "low"


def test_sam_lee_is_the_only_tie_between_logistics_and_finance(
    sample_org: Org, sample_graph: nx.DiGraph
) -> None:
    dept = {u.id: u.department for u in sample_org.units}
    ties = [(u, v) for u, v in sample_graph.edges if {dept[u], dept[v]} == {"logistics", "finance"}]
    assert ties and all("sam.lee" in tie for tie in ties)
    assert {v for _, v in ties} >= {"omar.haddad", "nina.patel"}


def test_store_12_chain_is_the_slowest_into_the_front_line(sample_org: Org) -> None:
    for (consumer, provider), capability in zip(
        zip(CHAIN, CHAIN[1:], strict=False), CHAIN_CAPABILITIES, strict=True
    ):
        assert consumer in _consumers(sample_org, capability), (consumer, capability)
        assert sample_org.capability_by_id[capability].primary == provider, capability
    leads = [sample_org.capability_by_id[c].lead_time_hours or 0 for c in CHAIN_CAPABILITIES]
    typical = statistics.median(c.lead_time_hours or 0 for c in sample_org.capabilities)
    assert min(leads) > typical

    # Longest lead time upstream of every front-line unit along primary providers. The only loops
    # among primary providers are the two planted ones (see below); cutting one edge in each
    # leaves a DAG on which the longest path is a simple dynamic programme.
    P = _primary_graph(sample_org)
    P.remove_edges_from([("nadia.farouk", "dana.reyes"), ("sales-accounts", "marketing-campaigns")])
    longest: dict[str, float] = {}
    for node in reversed(list(nx.topological_sort(P))):
        longest[node] = max((d["lead"] + longest[v] for _, v, d in P.out_edges(node, data=True)), default=0.0)
    front = sorted((longest[u.id], u.id) for u in sample_org.units if u.front_line)
    (second_hours, _), (top_hours, top) = front[-2:]
    assert top == "store-12" and top_hours >= 2 * second_hours
    assert top_hours >= sum(leads)


def test_marketing_and_sales_depend_on_each_other(sample_org: Org) -> None:
    P = _primary_graph(sample_org)
    assert P.has_edge("marketing-campaigns", "sales-accounts") and P.has_edge(
        "sales-accounts", "marketing-campaigns"
    )
    loops = sorted(sorted(c) for c in nx.strongly_connected_components(P) if len(c) > 1)
    assert loops == [["dana.reyes", "nadia.farouk"], ["marketing-campaigns", "sales-accounts"]]
    dept = sample_org.unit_by_id
    assert (
        dept["marketing-campaigns"].department == "marketing" and dept["sales-accounts"].department == "sales"
    )


@pytest.mark.parametrize("path", ["sample-org.yaml", "sample-org-csv"])
def test_sample_builds_a_graph_with_every_unit(path: str) -> None:
    org = load_org(DATA / path)
    G = build_graph(org)
    assert set(G) == {u.id for u in org.units}
    assert all(G.degree(n) > 0 for n in G)
