"""Reorg impact and snapshot diff on organisations small enough to check by hand, then the sample.

The small organisation (edges read "depends on"):

    store (front line, stores)  -- payroll (critical) --> dana (payroll)      [dana only]
    mgr (stores)                -- payroll (critical) --> dana
    mark (marketing)            -- payroll (low)      --> dana
    staff (front line, stores)  -- rota (high)        --> mgr                  [mgr only]
    store                       -- replenish (critical, 48 h) --> sam (logistics)
    sam                         -- freight (high, 24 h) --> omar, ida (finance; ida is the backup)
    sam                         -- ads (high)         --> mark

Removing Dana loses the payroll run (wave 1). Store and the manager lose it critically and fail;
Mark loses it at low criticality and is only degraded, so Mark keeps providing ads and Sam is
untouched. The manager's failure loses the rota (wave 2) and the staff fail on it.
"""

from __future__ import annotations

import pytest

from orggraph import Capability, Dependency, Org, ScenarioError, Unit, build_graph
from orggraph.analysis.bottlenecks import bottlenecks
from orggraph.analysis.chains import chains
from orggraph.analysis.impact import ImpactReport, impact, impact_baseline, snapshot_diff
from orggraph.analysis.silos import silos
from orggraph.scenario import Scenario, apply_scenario, parse_scenario


@pytest.fixture(scope="module")
def org() -> Org:
    return Org(
        units=(
            Unit(id="dana", name="Dana", department="payroll"),
            Unit(id="lee", name="Lee", department="payroll"),
            Unit(id="mgr", name="Manager", department="stores"),
            Unit(id="staff", name="Staff", department="stores", manager="mgr", front_line=True),
            Unit(id="store", name="Store", kind="team", department="stores", front_line=True, fte=4),
            Unit(id="sam", name="Sam", department="logistics"),
            Unit(id="omar", name="Omar", department="finance"),
            Unit(id="ida", name="Ida", department="finance"),
            Unit(id="mark", name="Mark", department="marketing"),
        ),
        capabilities=(
            Capability(id="payroll", name="Payroll run", providers=("dana",)),
            Capability(id="rota", name="Rota", providers=("mgr",)),
            Capability(id="replenish", name="Replenishment", providers=("sam",), lead_time_hours=48),
            Capability(id="freight", name="Freight paid", providers=("omar", "ida"), lead_time_hours=24),
            Capability(id="ads", name="Adverts", providers=("mark",)),
            Capability(id="customs", name="Customs clearance", providers=("ida",), lead_time_hours=100),
        ),
        dependencies=(
            Dependency(consumer="store", capability="payroll", criticality="critical"),
            Dependency(consumer="mgr", capability="payroll", criticality="critical"),
            Dependency(consumer="mark", capability="payroll", criticality="low"),
            Dependency(consumer="staff", capability="rota", criticality="high"),
            Dependency(consumer="store", capability="replenish", criticality="critical"),
            Dependency(consumer="sam", capability="freight", criticality="high"),
            Dependency(consumer="sam", capability="ads", criticality="high"),
        ),
    )


def scenario(*ops: dict) -> Scenario:
    return parse_scenario({"name": "test", "operations": list(ops)})


def run(org: Org, *ops: dict) -> ImpactReport:
    return impact(org, scenario(*ops))


# -- what breaks --------------------------------------------------------------------------------


def test_removing_a_sole_provider_breaks_exactly_the_expected_consumers(org: Org) -> None:
    r = run(org, {"op": "remove", "unit": "dana"})
    b = r.breaks
    assert [(c.id, c.wave) for c in b.lost_capabilities] == [("payroll", 1), ("rota", 2)]
    assert [a.id for a in b.failed] == ["store", "staff", "mgr"]  # front line first, then by wave
    assert [(a.id, a.wave, a.lost) for a in b.failed] == [
        ("store", 1, ("payroll",)),
        ("staff", 2, ("rota",)),
        ("mgr", 1, ("payroll",)),
    ]
    assert [(a.id, a.status, a.worst_criticality) for a in b.degraded] == [("mark", "degraded", "low")]
    assert b.front_line_affected == ("store", "staff")
    # Mark is only degraded, so the cascade stops there: Sam still gets his adverts.
    assert "sam" not in {a.id for a in b.affected}
    assert r.verdict[0].severity == "critical"
    assert "Payroll run" in r.verdict[0].text


def test_a_backup_added_first_makes_the_same_removal_harmless(org: Org) -> None:
    r = run(
        org, {"op": "add_backup", "capability": "payroll", "unit": "lee"}, {"op": "remove", "unit": "dana"}
    )
    assert r.breaks.lost_capabilities == () and r.breaks.affected == ()
    assert not [v for v in r.verdict if v.severity in ("critical", "high")]
    assert any(v.text.startswith("Nothing breaks") for v in r.verdict)
    # ... but the payroll run now rests on Lee alone.
    (point,) = r.bottlenecks.new_single_points
    assert (point.capability, point.provider, point.providers_before, point.providers_after) == (
        "payroll",
        "lee",
        ("dana",),
        ("lee",),
    )
    assert point.consumers == 3 and point.front_line_consumers == 1


def test_removing_one_of_two_providers_is_not_a_loss(org: Org) -> None:
    r = run(org, {"op": "remove", "unit": "omar"})
    assert r.breaks.affected == ()
    (point,) = r.bottlenecks.new_single_points
    assert (point.capability, point.provider) == ("freight", "ida")


def test_a_second_provider_resolves_a_single_point(org: Org) -> None:
    r = run(org, {"op": "add_backup", "capability": "rota", "unit": "staff"})
    # staff now provides what it consumes: the consumers other than the provider are none
    assert [p.capability for p in r.bottlenecks.resolved_single_points] == ["rota"]


# -- chains -------------------------------------------------------------------------------------


def test_chain_statuses(org: Org) -> None:
    # store <- replenish (sam, 48 h) <- freight (omar, 24 h): 72 h over 2 hand-offs.
    slower = run(
        org, {"op": "add_dependency", "consumer": "sam", "capability": "customs", "criticality": "low"}
    )
    (c,) = [x for x in slower.chains.changes if x.unit == "store"]
    assert (c.status, c.hours_before, c.hours_after, c.hops_before, c.hops_after) == ("slower", 72, 148, 2, 2)
    assert c.path_after == ("store", "sam", "ida")

    faster = run(org, {"op": "remove_dependency", "consumer": "sam", "capability": "freight"})
    (c,) = [x for x in faster.chains.changes if x.unit == "store"]
    # now the slowest way up is the adverts Sam waits on (no lead time recorded): 48 h, 3 hand-offs
    assert (c.status, c.hours_after, c.path_after) == ("faster", 48, ("store", "sam", "mark", "dana"))

    rerouted = run(org, {"op": "remove", "unit": "omar"})  # Ida takes over at the same lead time
    (c,) = [x for x in rerouted.chains.changes if x.unit == "store"]
    assert (c.status, c.path_before, c.path_after) == (
        "rerouted",
        ("store", "sam", "omar"),
        ("store", "sam", "ida"),
    )

    broken = run(org, {"op": "remove", "unit": "sam"})
    (c,) = [x for x in broken.chains.changes if x.unit == "store"]
    assert (c.status, c.breaks_at) == ("broken", ("store", "sam"))
    assert broken.chains.broken == 1


def test_front_line_status_changes_are_reported(org: Org) -> None:
    r = run(
        org,
        {"op": "set", "unit": "staff", "front_line": False},
        {"op": "set", "unit": "mgr", "front_line": True},
    )
    assert {c.unit: c.status for c in r.chains.changes} == {
        "staff": "left the front line",
        "mgr": "joined the front line",
    }
    assert r.chains.front_line_before == 2 and r.chains.front_line_after == 2


def test_chain_figures_after_match_the_chains_analysis(sample_org: Org) -> None:
    r = impact(
        sample_org, scenario({"op": "remove", "unit": "sam.lee"}, {"op": "remove", "unit": "omar.haddad"})
    )
    after = chains(build_graph(apply_scenario(sample_org, scenario(*_ops(r))).after))
    assert r.chains.changes
    for c in r.chains.changes:
        s = after.front_line_units[c.unit]
        assert (c.hours_after, c.hops_after, c.path_after) == (
            s.critical_hours,
            s.critical_hops,
            s.critical_path,
        )


def _ops(r: ImpactReport) -> list[dict]:
    return [{"op": "remove", "unit": u} for u in r.changes.units_removed]


# -- silos --------------------------------------------------------------------------------------


def test_merging_two_departments_turns_their_ties_internal(org: Org) -> None:
    r = run(org, {"op": "merge", "source": "logistics", "target": "finance"})
    s = r.silos
    assert s.became_internal == 2 and s.became_cross == 0
    assert sorted((t.consumer, t.provider, t.change) for t in s.tie_changes) == [
        ("sam", "ida", "now internal"),
        ("sam", "omar", "now internal"),
    ]
    dept = {d.department: d for d in s.departments}
    # finance before: 2 ties, both from Sam in logistics -> E-I +1; after: 2 inside, 2 out -> 0
    assert (dept["finance"].ei_before, dept["finance"].ei_after) == (1.0, 0.0)
    assert (dept["logistics"].size_before, dept["logistics"].size_after, dept["logistics"].ei_after) == (
        1,
        0,
        None,
    )
    assert s.bridges_lost == ()
    assert r.breaks.affected == ()


def test_the_only_tie_between_two_departments_is_a_lost_bridge(org: Org) -> None:
    r = run(org, {"op": "remove_dependency", "consumer": "sam", "capability": "freight"})
    (b,) = r.silos.bridges_lost
    assert (b.a, b.b, b.ties_before, b.through) == ("finance", "logistics", 2, ("sam",))
    assert r.silos.lost_cross == 2


def test_department_ei_before_matches_the_silo_analysis(sample_org: Org, sample_graph) -> None:
    r = impact(sample_org, scenario({"op": "remove", "unit": "dana.reyes"}))
    expected = {g.group: round(g.ei_index, 4) for g in silos(sample_graph).groups if g.ei_index is not None}
    assert {d.department: d.ei_before for d in r.silos.departments} == expected


# -- the organisation and no-op ------------------------------------------------------------------


def test_an_empty_scenario_reports_no_change(org: Org) -> None:
    r = run(org)
    assert r.no_change and r.changes.summary() == "no change"
    assert r.breaks.affected == () and r.breaks.lost_capabilities == ()
    assert r.chains.changes == () and r.bottlenecks.movers == () and r.bottlenecks.new_single_points == ()
    assert r.silos.tie_changes == () and all(d.change == 0 for d in r.silos.departments)
    assert r.people_affected == 0 and r.affected == ()
    assert [v.severity for v in r.verdict] == ["info"]


def test_the_organisation_and_the_baseline_are_never_modified(sample_org: Org) -> None:
    before = sample_org.model_dump()
    base = impact_baseline(sample_org)
    figures = (base.figures.rows, base.figures.demand, base.ties[0].copy(), base.ties[1].copy())
    for name in ("payroll-clerk-leaves", "merge-logistics-into-finance", "freight-desk-to-finance"):
        from orggraph.io.scenario_file import load_scenario
        from tests.conftest import DATA

        impact(sample_org, load_scenario(DATA / "scenarios" / f"{name}.yaml"), baseline=base)
    assert sample_org.model_dump() == before
    assert base.figures.rows == figures[0] and base.figures.demand == figures[1]
    assert (base.ties[0] == figures[2]).all() and (base.ties[1] == figures[3]).all()


def test_a_baseline_of_another_organisation_is_refused(org: Org, sample_org: Org) -> None:
    with pytest.raises(ValueError, match="another organisation"):
        impact(org, scenario(), baseline=impact_baseline(sample_org))


@pytest.mark.parametrize(
    ("op", "index", "field"),
    [
        ({"op": "remove", "unit": "nobody"}, 2, "unit"),
        ({"op": "move", "unit": "mgr", "manager": "staff"}, 2, "manager"),  # under its own report
        ({"op": "merge", "source": "sam", "target": "sam"}, 2, "target"),
        ({"op": "remove", "unit": "dana"}, 2, "unit"),  # removed by operation 1
        ({"op": "add_backup", "capability": "nothing", "unit": "lee"}, 2, "capability"),
    ],
)
def test_invalid_operations_name_their_index_and_field(org: Org, op: dict, index: int, field: str) -> None:
    with pytest.raises(ScenarioError) as info:
        run(org, {"op": "remove", "unit": "dana"}, op)
    assert (info.value.index, info.value.field) == (index, field)
    assert f"operation {index}, field {field!r}" in str(info.value)


# -- scenario figures equal full recomputation --------------------------------------------------


@pytest.mark.parametrize(
    "ops",
    [
        [{"op": "remove", "unit": "dana.reyes"}],
        [
            {"op": "add_backup", "capability": "payroll-run", "unit": "lee.park"},
            {"op": "remove", "unit": "dana.reyes"},
        ],
        [{"op": "merge", "source": "logistics", "target": "finance"}],
        [
            {"op": "merge", "source": "omar.haddad", "target": "grace.lin"},
            {"op": "set", "unit": "lee.park", "fte": 0.1},
        ],
        [
            {"op": "move", "unit": "sam.lee", "department": "finance", "manager": "hannah.schmidt"},
            {
                "op": "reassign",
                "capability": "freight-account-payment",
                "providers": ["grace.lin", "omar.haddad"],
            },
            {"op": "remove_dependency", "consumer": "store-12", "capability": "campaigns"},
            {
                "op": "add_dependency",
                "consumer": "ritu.sharma",
                "provider": "helen.marsh",
                "criticality": "high",
            },
        ],
    ],
)
def test_incremental_scenario_equals_a_full_snapshot_comparison(sample_org: Org, ops: list[dict]) -> None:
    """impact() recomputes only what the scenario touches; snapshot_diff() recomputes everything."""
    r = impact(sample_org, scenario(*ops), top=1000)
    full = snapshot_diff(sample_org, apply_scenario(sample_org, scenario(*ops)).after, top=1000)
    assert r.changes == full.changes
    assert r.chains == full.chains
    assert r.silos == full.silos
    assert r.bottlenecks == full.bottlenecks
    assert r.breaks.lost_capabilities == full.breaks.lost_capabilities
    assert r.breaks.failed == full.breaks.failed and r.breaks.degraded == full.breaks.degraded


def test_movers_come_from_the_bottleneck_ranking(sample_org: Org) -> None:
    ops = [
        {"op": "add_backup", "capability": "payroll-run", "unit": "lee.park"},
        {"op": "remove", "unit": "dana.reyes"},
    ]
    r = impact(sample_org, scenario(*ops))
    before = {e.id: e.rank for e in bottlenecks(build_graph(sample_org)).entries}
    after = {
        e.id: e.rank
        for e in bottlenecks(build_graph(apply_scenario(sample_org, scenario(*ops)).after)).entries
    }
    assert r.bottlenecks.movers
    for m in r.bottlenecks.movers:
        assert (m.rank_before, m.rank_after) == (before[m.unit], after[m.unit])
    moves = [abs(m.rank_after - m.rank_before) for m in r.bottlenecks.movers]
    assert moves == sorted(moves, reverse=True)


# -- snapshots ----------------------------------------------------------------------------------


def test_snapshot_diff_says_what_changed_then_the_effects(org: Org) -> None:
    later = org.model_copy(
        update={
            "units": tuple(u for u in org.units if u.id != "dana")
            + (Unit(id="nia", name="Nia", department="payroll"),),
            "capabilities": tuple(c for c in org.capabilities if c.id not in ("payroll", "ads")),
            "dependencies": tuple(d for d in org.dependencies if d.capability not in ("payroll", "ads")),
        }
    )
    r = snapshot_diff(org, later)
    assert r.kind == "snapshot"
    assert (r.changes.units_added, r.changes.units_removed) == (("nia",), ("dana",))
    assert r.changes.capabilities_removed == ("ads", "payroll")
    # Dana left with the payroll run: the cascade is the same as removing her in a scenario ...
    assert [c.id for c in r.breaks.lost_capabilities] == ["payroll", "rota"]
    assert [a.id for a in r.breaks.failed] == ["store", "staff", "mgr"]
    # ... while Mark stopped offering adverts although he stayed: reported, not cascaded.
    assert r.discontinued == ("ads",)
    reasons = {p.unit: p.reasons for p in r.affected}
    assert reasons["dana"] == ("no longer in the data",) and reasons["nia"] == ("joins",)


def test_snapshot_of_itself_is_no_change(org: Org) -> None:
    r = snapshot_diff(org, org.model_copy())
    assert r.no_change and r.breaks.affected == () and r.chains.changes == ()


# -- the sample organisation's scenarios ---------------------------------------------------------


def _sample(sample_org: Org, name: str) -> ImpactReport:
    from orggraph.io.scenario_file import load_scenario
    from tests.conftest import DATA

    return impact(sample_org, load_scenario(DATA / "scenarios" / f"{name}.yaml"))


def test_sample_payroll_clerk_leaves(sample_org: Org) -> None:
    r = _sample(sample_org, "payroll-clerk-leaves")
    b = r.breaks
    assert b.lost_capabilities[0].id == "payroll-run" and b.lost_capabilities[0].wave == 1
    # data/README.md: taking Dana out reaches 128 units; here one of them only loses a medium dependency.
    assert (len(b.failed), len(b.degraded)) == (127, 1)
    front = set(b.front_line_affected)
    assert {"store-12", "store-03", "cc-customer-care", "cc-online-orders"} <= front
    assert r.verdict[0].severity == "critical"


def test_sample_payroll_clerk_leaves_with_backup(sample_org: Org) -> None:
    r = _sample(sample_org, "payroll-clerk-leaves-with-backup")
    assert r.breaks.affected == () and r.breaks.lost_capabilities == ()
    assert [(p.capability, p.provider) for p in r.bottlenecks.new_single_points] == [
        ("payroll-run", "lee.park")
    ]
    assert [(c.unit, c.direction) for c in r.bottlenecks.load_crossings] == [("lee.park", "over")]
    assert any("does not inherit" in n for n in r.notes)


def test_sample_merge_logistics_into_finance(sample_org: Org) -> None:
    r = _sample(sample_org, "merge-logistics-into-finance")
    assert r.silos.became_internal == 4
    assert {t.consumer for t in r.silos.tie_changes} == {"sam.lee"}
    assert r.breaks.affected == () and r.silos.bridges_lost == ()


def test_sample_sam_lee_leaves_loses_the_bridge(sample_org: Org) -> None:
    r = _sample(sample_org, "sam-lee-leaves")
    (bridge,) = r.silos.bridges_lost
    assert ({bridge.a, bridge.b}, bridge.through) == ({"finance", "logistics"}, ("sam.lee",))


def test_sample_next_quarter_snapshot(sample_org: Org) -> None:
    from orggraph.io import load_org
    from tests.conftest import DATA

    r = snapshot_diff(sample_org, load_org(DATA / "sample-org-next-quarter.yaml"))
    c = r.changes
    assert (c.units_added, c.units_removed) == (("maya.grant",), ("sam.lee",))
    assert [(m.unit, m.field, m.after) for m in c.units_moved] == [("ana.costa", "fte", 0.5)]
    assert [p.capability for p in r.bottlenecks.resolved_single_points] == ["payroll-run"]
    assert [{b.a, b.b} for b in r.silos.bridges_lost] == [{"finance", "logistics"}]


def test_large_organisations_rank_movers_by_load_per_fte(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above the composite limit the movers are ranked by load per FTE (here forced on 9 units).

    Loads (monthly by default: 12 a year x criticality weight): Dana 108 (payroll: 48 + 48 + 12),
    Sam 48, Mark, the manager and Omar 36 each, everyone else 0. Once Lee takes over the payroll run,
    Lee goes from 7th (0, after Ida) to 1st; Staff and Store move up one as Dana leaves the list.
    """
    monkeypatch.setattr("orggraph.analysis.impact.COMPOSITE_LIMIT", 5)
    r = run(
        org, {"op": "add_backup", "capability": "payroll", "unit": "lee"}, {"op": "remove", "unit": "dana"}
    )
    assert r.bottlenecks.ranking.startswith("load per FTE") and "not recomputed" in r.bottlenecks.note
    assert [
        (m.unit, m.rank_before, m.rank_after, m.score_before, m.score_after) for m in r.bottlenecks.movers
    ] == [
        ("lee", 7, 1, 0.0, 108.0),
        ("staff", 8, 7, 0.0, 0.0),
        ("store", 9, 8, 0.0, 0.0),
    ]
    assert [(c.unit, c.before, c.after) for c in run(org).bottlenecks.load_crossings] == []


def test_a_graph_or_an_organisation_gives_the_same_report(org: Org) -> None:
    ops = ({"op": "remove", "unit": "dana"}, {"op": "move", "unit": "sam", "department": "finance"})
    assert impact(build_graph(org), scenario(*ops)) == impact(org, scenario(*ops))
    assert snapshot_diff(build_graph(org), org) == snapshot_diff(org, org)


def test_load_threshold_crossings(org: Org) -> None:
    ops = ({"op": "add_backup", "capability": "payroll", "unit": "lee"}, {"op": "remove", "unit": "dana"})
    r = impact(org, scenario(*ops), load_threshold=100)
    b = r.bottlenecks
    assert (b.overloaded_before, b.overloaded_after, b.went_over, b.went_under) == (
        1,
        1,
        1,
        0,
    )  # Dana, then Lee
    assert [(c.unit, c.before, c.after, c.direction) for c in b.load_crossings] == [
        ("lee", 0.0, 108.0, "over")
    ]
    cut = impact(org, scenario({"op": "set", "unit": "sam", "fte": 0}), load_threshold=100)
    # demand with no capacity recorded counts as over the threshold (load unknown, shown as none)
    assert [(c.unit, c.after, c.direction) for c in cut.bottlenecks.load_crossings] == [("sam", None, "over")]
