"""The health report (orggraph.report): figures checked by hand on a small organisation, the
planted findings of the sample organisation, ordering, evidence ids and the JSON model."""

from __future__ import annotations

import networkx as nx
import pytest

from orggraph import Capability, Department, Dependency, Org, Unit, build_graph
from orggraph.report import health_report, run_analyses
from orggraph.report_models import FINDING_KINDS, HealthReport

SEVERITY = ["high", "medium", "low", "info"]


def small_org(desk_fte: float = 1.0) -> Org:
    """Nine units in six departments.

    store (front line) needs pay (clerk, 72 h, critical) and it (desk, 8 h, high, daily); boss,
    clerk, mkt and sales need it too (daily, high); boss needs pay (critical). mkt and sales need
    each other's leads / campaigns (critical): a loop. The lab's r1 -> r2 -> r3 -> r1 works only
    with itself. Every capability has one provider.
    """
    units = [
        Unit(id="store", name="Store", kind="team", department="stores", front_line=True, fte=5),
        Unit(id="boss", name="Boss", department="stores"),
        Unit(id="clerk", name="Clerk", department="payroll", manager="boss"),
        Unit(id="desk", name="Desk", kind="team", department="it", fte=desk_fte),
        Unit(id="mkt", name="Mkt", department="marketing"),
        Unit(id="sales", name="Sales", department="sales"),
        Unit(id="r1", name="R1", department="lab"),
        Unit(id="r2", name="R2", department="lab"),
        Unit(id="r3", name="R3", department="lab"),
    ]
    caps = [
        Capability(id="pay", name="Payroll run", providers=("clerk",), lead_time_hours=72),
        Capability(id="it", name="IT help", providers=("desk",), lead_time_hours=8),
        Capability(id="leads", name="Leads", providers=("sales",)),
        Capability(id="campaigns", name="Campaigns", providers=("mkt",)),
    ]
    deps = [
        Dependency(consumer="store", capability="pay", criticality="critical"),
        Dependency(consumer="boss", capability="pay", criticality="critical"),
        *(
            Dependency(consumer=c, capability="it", criticality="high", cadence="daily")
            for c in ("clerk", "store", "boss", "mkt", "sales")
        ),
        Dependency(consumer="mkt", capability="leads", criticality="critical", cadence="weekly"),
        Dependency(consumer="sales", capability="campaigns", criticality="critical", cadence="weekly"),
        Dependency(consumer="r1", provider="r2"),
        Dependency(consumer="r2", provider="r3"),
        Dependency(consumer="r3", provider="r1"),
    ]
    return Org(
        units=units,
        capabilities=caps,
        dependencies=deps,
        departments=[Department(id="lab", name="Research lab")],
    )


@pytest.fixture(scope="module")
def small() -> HealthReport:
    return health_report(build_graph(small_org()))


@pytest.fixture(scope="module")
def sample_report(sample_graph: nx.DiGraph) -> HealthReport:
    return health_report(sample_graph)


def test_headline_figures_by_hand(small: HealthReport) -> None:
    h = small.headline
    assert (h.units, h.people, h.teams, h.fte) == (9, 7, 2, 13.0)
    # stores, payroll, it, marketing, sales, lab
    assert h.departments == 6 and h.managers == 1
    assert h.front_line_units == 1 and h.front_line_share == pytest.approx(1 / 9)
    assert h.front_line_fte_share == pytest.approx(5 / 13)
    # 12 dependencies, of which only the three in the lab stay inside a department
    assert h.dependencies == 12 and h.cross_department_dependencies == 9
    assert h.cross_department_share == pytest.approx(0.75)
    # pay, it, leads, campaigns and the three direct requests r2, r3, r1: all with one provider;
    # pay, it, leads and campaigns are needed at high or critical
    assert (h.capabilities_in_use, h.capabilities_without_backup, h.critical_without_backup) == (7, 7, 4)
    assert h.direct_requests == 3
    assert h.loops == 2 and h.silos == 1


def test_single_points_of_failure_follow_the_cascade(small: HealthReport) -> None:
    spof = {s.id: s for s in small.single_points_of_failure}
    # losing desk: clerk, store, boss, mkt and sales lose 'it' (high) and fail
    assert spof["desk"].failed_if_lost == 5 and spof["desk"].front_line_hurt_if_lost == 1
    # losing clerk: store and boss lose 'pay' (critical)
    assert spof["clerk"].failed_if_lost == 2
    assert [s.id for s in small.single_points_of_failure][:2] == ["desk", "clerk"]
    first = small.findings[0]
    assert first.id == "single-point-of-failure:desk" and first.severity == "high"
    assert first.units == ("desk",) and first.capabilities == ("it",)
    # the data has reporting lines (clerk reports to boss), so a person's formal position is given
    clerk = next(f for f in small.findings if f.id == "single-point-of-failure:clerk")
    assert clerk.detail.endswith("Formally: not a people manager.")
    assert "Formally" not in first.detail  # desk is a team unit


def test_chain_loop_and_silo_findings(small: HealthReport) -> None:
    (chain,) = small.chains
    assert (chain.front_line, chain.total_hours, chain.hops) == ("store", 80.0, 2)  # 72 h + 8 h
    assert [(s.consumer, s.provider) for s in chain.steps] == [("store", "clerk"), ("clerk", "desk")]
    found = {f.id: f for f in small.findings}
    assert found["critical-chain:store"].chain == "store"
    assert found["critical-chain:store"].severity == "low"  # under a week, and the only chain
    loop = found["loop:mkt"]
    assert loop.severity == "medium" and set(loop.units) == {"mkt", "sales"} and loop.loop == "mkt"
    assert found["loop:r1"].severity == "low"  # medium-criticality hand-offs only
    assert found["silo:lab"].departments[0] == "lab"
    assert [s.department for s in small.silos if s.silo] == ["lab"]


def test_overloaded_unit_is_in_the_table_and_not_repeated_as_a_finding() -> None:
    # desk at 0.5 FTE: 5 consumers x 250 a year x weight 3 = 3,750 / 0.5 = 7,500 > 5,000 per FTE
    report = health_report(build_graph(small_org(desk_fte=0.5)))
    assert [o.id for o in report.overloaded] == ["desk"]
    assert report.overloaded[0].load_per_fte == pytest.approx(7500.0)
    assert report.headline.overloaded == 1
    assert "overloaded:desk" not in {f.id for f in report.findings}  # already a single point of failure


def test_findings_are_ordered_by_severity_then_kind_then_score(small: HealthReport) -> None:
    keys = [(SEVERITY.index(f.severity), FINDING_KINDS.index(f.kind), -f.score, f.id) for f in small.findings]
    assert keys == sorted(keys)
    assert len({f.id for f in small.findings}) == len(small.findings)


def test_every_finding_links_to_evidence_that_exists(sample_report: HealthReport, sample_org: Org) -> None:
    units, depts = sample_org.unit_by_id, sample_org.department_by_id
    chains = {c.front_line for c in sample_report.chains}
    loops = {x.key for x in sample_report.loops}
    for f in sample_report.findings:
        assert f.units or f.departments, f.id
        assert all(u in units for u in f.units), f.id
        assert all(d in depts for d in f.departments), f.id
        assert f.chain is None or f.chain in chains
        assert f.loop is None or f.loop in loops
        assert all(u in sample_report.names for u in f.units)
    ids = {f.id for f in sample_report.findings}
    assert [r.rank for r in sample_report.recommendations] == list(
        range(1, len(sample_report.recommendations) + 1)
    )
    assert all(r.finding in ids for r in sample_report.recommendations)


def test_sample_org_planted_findings(sample_report: HealthReport) -> None:
    found = {f.id: f for f in sample_report.findings}
    # 1. the sole provider of payroll-run is the first finding
    first = sample_report.findings[0]
    assert first.id == "single-point-of-failure:dana.reyes" and first.severity == "high"
    assert "payroll-run" in first.capabilities
    assert sample_report.single_points_of_failure[0].id == "dana.reyes"
    # 2. the overloaded team
    assert found["overloaded:it-service-desk"].severity == "high"
    assert sample_report.overloaded[0].id == "it-service-desk"
    # 3. the research silo
    assert found["silo:research"].severity == "high"
    assert [s.department for s in sample_report.silos if s.silo] == ["research"]
    # 4. Sam Lee carries logistics' only link to finance
    assert any(
        (b.unit, b.department, b.partner) == ("sam.lee", "logistics", "finance")
        for b in sample_report.bridges
    )
    # 5. store-12's chain is the slowest, a high finding linked to its diagram
    assert sample_report.chains[0].front_line == "store-12"
    assert found["critical-chain:store-12"].severity == "high"
    assert found["critical-chain:store-12"].chain == "store-12"
    # 6. marketing and sales wait on each other
    loops = [x for x in sample_report.loops if {"marketing-campaigns", "sales-accounts"} <= set(x.members)]
    assert len(loops) == 1 and loops[0].critical
    assert found[f"loop:{loops[0].key}"].severity == "medium"
    assert sample_report.recommendations[0].finding == first.id


def test_sample_headline(sample_report: HealthReport, sample_org: Org) -> None:
    h = sample_report.headline
    assert (h.units, h.people, h.teams, h.departments) == (222, 202, 20, 13)
    assert h.front_line_units == 97 and h.dependencies == len(sample_org.dependencies)
    assert 0 < h.cross_department_share < 1
    assert h.single_points_of_failure >= 1 and h.silos == 1


def test_top_limits_tables_and_json_round_trips(sample_graph: nx.DiGraph) -> None:
    report = health_report(sample_graph, top=3)
    assert (
        len(report.bottlenecks) == 3 and len(report.chains) == 3 and len(report.single_points_of_failure) == 3
    )
    assert [b.rank for b in report.bottlenecks] == [1, 2, 3]
    assert HealthReport.model_validate_json(report.model_dump_json()) == report


def test_deterministic_and_reuses_given_analyses(sample_graph: nx.DiGraph) -> None:
    a = run_analyses(sample_graph, top=5, seed=0)
    assert health_report(sample_graph, analyses=a) == health_report(sample_graph)


def test_no_front_line_and_no_dependencies() -> None:
    org = Org(units=[Unit(id="a", name="A", department="x"), Unit(id="b", name="B", department="y")])
    report = health_report(build_graph(org))
    assert report.chains == () and report.findings == () and report.recommendations == ()
    assert report.headline.front_line_share == 0 and report.headline.cross_department_share is None
    assert any("no unit as front line" in n for n in report.notes)
    assert any("no reporting lines" in n for n in report.notes)


def test_survey_style_data_says_every_tie_names_one_person() -> None:
    org = Org(
        units=[Unit(id=str(i), name=f"person {i}", department="d") for i in range(1, 4)],
        dependencies=[Dependency(consumer="1", provider="2"), Dependency(consumer="3", provider="2")],
    )
    report = health_report(build_graph(org))
    h = report.headline
    assert h.direct_requests == h.capabilities_in_use == h.capabilities_without_backup == 1
    assert any("Every dependency names one person" in n for n in report.notes)
    assert report.bottlenecks[0].id == "2"


def test_bad_parameters() -> None:
    G = build_graph(small_org())
    with pytest.raises(ValueError, match="at least 1"):
        health_report(G, top=0)
