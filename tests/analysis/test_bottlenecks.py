"""Bottlenecks on organisations whose answer is known by hand (a star, a chain, a diamond with and
without a backup, two departments joined by one person), property checks against networkx on
random organisations, and the planted facts of the sample organisation."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from pydantic import ValidationError

from orggraph import Capability, Dependency, Org, Unit, build_graph
from orggraph.analysis.bottlenecks import BottleneckReport, BottleneckWeights, UnitBottleneck, bottlenecks
from orggraph.kernels import betweenness_split_indexed, sample_sources


def unit(uid: str, **kw: object) -> Unit:
    return Unit(id=uid, name=uid.replace(".", " ").title(), **kw)  # type: ignore[arg-type]


def on(consumer: str, provider: str, criticality: str = "critical", cadence: str = "monthly") -> Dependency:
    return Dependency(consumer=consumer, provider=provider, criticality=criticality, cadence=cadence)  # type: ignore[arg-type]


def uses(
    consumer: str, capability: str, criticality: str = "critical", cadence: str = "monthly"
) -> Dependency:
    return Dependency(consumer=consumer, capability=capability, criticality=criticality, cadence=cadence)  # type: ignore[arg-type]


def by_id(report: BottleneckReport) -> dict[str, UnitBottleneck]:
    return {e.id: e for e in report.entries}


# --- a star: four units need the hub's only capability -------------------------------------------


@pytest.fixture(scope="module")
def star() -> BottleneckReport:
    units = [unit("hub"), unit("l1", front_line=True), unit("l2", front_line=True), unit("l3"), unit("l4")]
    caps = [Capability(id="svc", name="Service", providers=("hub",))]
    deps = [uses(leaf, "svc") for leaf in ("l1", "l2", "l3", "l4")]
    return bottlenecks(build_graph(Org(units=units, capabilities=caps, dependencies=deps)))


def test_star_hub_ranks_first_with_its_figures(star: BottleneckReport) -> None:
    hub = star.entries[0]
    assert (hub.rank, hub.id) == (1, "hub")
    assert (hub.direct_dependents, hub.dependents, hub.front_line_dependents) == (4, 4, 2)
    (svc,) = hub.sole_provider_of
    assert (svc.id, svc.name, svc.consumers, svc.dependents, svc.front_line_dependents) == (
        "svc",
        "Service",
        4,
        4,
        2,
    )
    assert (hub.failed_if_lost, hub.degraded_if_lost, hub.front_line_hurt_if_lost) == (4, 0, 2)
    assert hub.capabilities_lost_if_lost == 1
    assert hub.articulation_point and hub.cut_off_if_lost == 3  # the largest piece left is one leaf
    assert hub.dominated == 0  # reached from the customer through l1 and through l2
    # 4 consumers x monthly (12 a year) x critical (4) = 192 on 1 FTE
    assert (hub.yearly_requests, hub.yearly_demand, hub.load_per_fte, hub.load_rank) == (48, 192, 192, 1)
    assert hub.betweenness == 0.0  # no route passes through anyone in a star of one-way needs


def test_star_score_is_the_weighted_mean_of_scaled_factors(star: BottleneckReport) -> None:
    hub = star.entries[0]
    # hub has the largest value of every factor but brokerage (all zero): (1 + 2 + 0.5 + 1) / 5.5
    assert hub.score == pytest.approx(100 * 4.5 / 5.5, abs=0.01)
    assert hub.contributions == pytest.approx(
        {"single_point": 36.36, "reach": 18.18, "load": 18.18, "brokerage": 0.0, "structure": 9.09}
    )
    assert hub.top_factor == "single_point"
    assert hub.summary == (
        "Only provider of 'Service' (4 units depend on it, 2 on the front line); "
        "losing Hub would make 4 units fail, 2 of them on the front line."
    )


def test_star_ties_are_broken_by_id(star: BottleneckReport) -> None:
    assert [e.id for e in star.entries] == ["hub", "l1", "l2", "l3", "l4"]
    assert all(e.score == 0 and e.top_factor == "none" for e in star.entries[1:])
    assert [e.load_rank for e in star.entries] == [1, 2, 3, 4, 5]


def test_star_recommends_a_backup_with_its_evidence(star: BottleneckReport) -> None:
    assert [(r.unit, r.kind) for r in star.recommendations][:1] == [("hub", "backup")]
    assert star.recommendations[0].text == (
        "Name and cross-train a backup for 'Service' (sole provider: Hub, 4 dependents, 2 on the front line)."
    )


# --- a chain: shop <- b <- c <- d -----------------------------------------------------------------


@pytest.fixture(scope="module")
def chain() -> BottleneckReport:
    units = [unit("shop", front_line=True), unit("b"), unit("c"), unit("d")]
    deps = [on("shop", "b"), on("b", "c"), on("c", "d")]
    return bottlenecks(build_graph(Org(units=units, dependencies=deps)))


def test_chain_reach_failure_and_structure(chain: BottleneckReport) -> None:
    e = by_id(chain)
    assert [e[u].dependents for u in ("shop", "b", "c", "d")] == [0, 1, 2, 3]
    assert [e[u].front_line_dependents for u in ("shop", "b", "c", "d")] == [0, 1, 1, 1]
    assert [e[u].failed_if_lost for u in ("shop", "b", "c", "d")] == [0, 1, 2, 3]
    # every route from the customer to d passes through shop, b and c
    assert [e[u].dominated for u in ("shop", "b", "c", "d")] == [3, 2, 1, 0]
    assert [e[u].articulation_point for u in ("shop", "b", "c", "d")] == [False, True, True, False]
    assert [e[u].cut_off_if_lost for u in ("shop", "b", "c", "d")] == [0, 1, 1, 0]
    # b is on shop->c and shop->d, c on shop->d and b->d: 2 of the 3 x 2 ordered pairs of others
    assert e["b"].betweenness == pytest.approx(2 / 6)
    assert e["c"].betweenness == pytest.approx(2 / 6)


def test_chain_ranking_follows_the_documented_formula(chain: BottleneckReport) -> None:
    # reach = dependents + front line + critical dependents: b 1+1+1, c 2+1+2, d 3+1+3
    # c: reach 5/7, single point 3/4, structure 2/3, brokerage 1, load 1 (b, c and d all get 48)
    e = by_id(chain)
    assert e["c"].score == pytest.approx(100 * (5 / 7 + 2 * 0.75 + 0.5 * 2 / 3 + 1 + 1) / 5.5, abs=0.01)
    # d: reach 1, single point 1, load 1; b: reach 3/7, single point 1/2, structure 1, brokerage 1, load 1
    assert e["d"].score == pytest.approx(100 * 4 / 5.5, abs=0.01)
    assert e["b"].score == pytest.approx(100 * (3 / 7 + 2 * 0.5 + 0.5 * 1 + 1 + 1) / 5.5, abs=0.01)
    assert [x.id for x in chain.entries] == ["c", "d", "b", "shop"]


def test_critical_reach_stops_at_a_low_link_where_plain_reach_does_not() -> None:
    # shop -critical-> b -low-> c -critical-> d
    units = [unit("shop", front_line=True), unit("b"), unit("c"), unit("d")]
    deps = [on("shop", "b"), on("b", "c", "low"), on("c", "d")]
    e = by_id(bottlenecks(build_graph(Org(units=units, dependencies=deps))))
    assert [e[u].dependents for u in ("shop", "b", "c", "d")] == [0, 1, 2, 3]
    assert [e[u].critical_dependents for u in ("shop", "b", "c", "d")] == [0, 1, 0, 1]


# --- a diamond: shop needs b and c, both need 'core' from d (and maybe a backup e) ---------------


def diamond(backup: bool) -> BottleneckReport:
    units = [unit("shop", front_line=True), unit("b"), unit("c"), unit("d"), unit("e")]
    caps = [Capability(id="core", name="Core", providers=("d", "e") if backup else ("d",))]
    deps = [on("shop", "b"), on("shop", "c"), uses("b", "core"), uses("c", "core")]
    return bottlenecks(build_graph(Org(units=units, capabilities=caps, dependencies=deps)))


def test_diamond_without_backup_d_is_a_single_point_of_failure() -> None:
    e = by_id(diamond(backup=False))
    (core,) = e["d"].sole_provider_of
    assert (core.id, core.consumers, core.dependents, core.front_line_dependents) == ("core", 2, 3, 1)
    assert (e["d"].failed_if_lost, e["d"].front_line_hurt_if_lost) == (3, 1)
    assert e["shop"].dominated == 3  # b, c, and d (reached through both b and c)
    assert not any(x.articulation_point for x in e.values() if x.id != "e")  # a four-cycle has none
    assert diamond(backup=False).entries[0].id == "d"


def test_diamond_with_backup_nobody_fails_alone() -> None:
    report = diamond(backup=True)
    e = by_id(report)
    assert e["d"].sole_provider_of == () and e["e"].sole_provider_of == ()
    assert e["d"].failed_if_lost == e["e"].failed_if_lost == 0
    assert e["b"].failed_if_lost == 1  # shop needs b
    assert e["e"].yearly_demand == 0  # a backup carries no demand until it steps in
    assert e["d"].yearly_demand == 2 * 12 * 4
    assert not any(r.kind == "backup" and r.unit in {"d", "e"} for r in report.recommendations)


# --- two departments joined by one person -----------------------------------------------------


def two_departments() -> nx.DiGraph:
    east = [unit(u, department="east") for u in ("e1", "e2", "e3", "sam")]
    west = [unit(u, department="west") for u in ("w1", "w2", "w3")]
    deps = [on("e1", "e2"), on("e2", "e3"), on("e3", "e1"), *(on(e, "sam") for e in ("e1", "e2", "e3"))]
    deps += [on("sam", "w1"), on("w1", "w2"), on("w1", "w3")]
    return build_graph(Org(units=east + west, dependencies=deps))


def test_the_only_link_between_departments_is_the_broker_and_the_cut_point() -> None:
    report = bottlenecks(two_departments())
    e = by_id(report)
    sam = e["sam"]
    assert max(e.values(), key=lambda x: x.betweenness).id == "sam"
    # sam is on every route from e1, e2, e3 to w1, w2, w3: 9 of the 6 x 5 ordered pairs of others
    assert sam.betweenness == pytest.approx(9 / 30)
    assert e["w1"].betweenness == pytest.approx(8 / 30)
    assert (sam.articulation_point, sam.cut_off_if_lost) == (True, 3)
    assert (sam.departments_linked, e["w1"].departments_linked, e["e1"].departments_linked) == (1, 1, 0)
    kinds = {(r.unit, r.kind) for r in report.recommendations}
    assert ("sam", "spread_contacts") in kinds
    text = next(r.text for r in report.recommendations if r.unit == "sam" and r.kind == "spread_contacts")
    assert "about 100.0% of the cross-department dependency routes" in text
    assert "(30.0% of the shortest dependency routes between other units) pass through Sam" in text


def test_the_person_joining_two_departments_carries_every_cross_department_route() -> None:
    e = by_id(bottlenecks(two_departments()))
    # the routes from e1, e2, e3 to w1, w2, w3 all go through sam (sam's own routes left out)
    assert e["sam"].cross_department_share == 1.0
    # w1 is on every cross-department route that does not start or end at w1: to w2 and w3
    assert e["w1"].cross_department_share == 1.0
    assert [e[u].cross_department_share for u in ("e1", "e2", "e3", "w2", "w3")] == [0.0] * 5
    only_brokerage = BottleneckWeights(reach=0, single_point=0, structure=0, brokerage=1, load=0)
    top = bottlenecks(two_departments(), weights=only_brokerage).entries[0]
    assert (top.id, top.top_factor) == ("sam", "brokerage")
    assert top.summary.startswith(
        "About 100.0% of the cross-department dependency routes pass through Sam "
        "(30.0% of all routes between other units)"
    )


def test_department_level_counts_departments_for_reach_and_units_for_failure() -> None:
    report = bottlenecks(two_departments(), level="department")
    assert report.level == "department" and report.units == 2
    e = by_id(report)
    assert (e["west"].dependents, e["east"].dependents) == (1, 0)
    (cap,) = e["west"].sole_provider_of
    assert (cap.id, cap.consumers, cap.dependents) == ("direct:w1", 1, 1)
    # losing all of west fails sam, whose loss fails e1, e2 and e3
    assert e["west"].failed_if_lost == 4
    assert report.entries[0].id == "west"
    assert any("count departments" in n for n in report.notes)


def test_team_level_runs_on_the_quotient_graph() -> None:
    report = bottlenecks(two_departments(), level="team")
    assert {e.id for e in report.entries} == {"east/(no team)", "west/(no team)"}
    assert by_id(report)["west/(no team)"].name == "west (no team)"


# --- load ---------------------------------------------------------------------------------------


def load_org() -> nx.DiGraph:
    units = [unit("desk", kind="team", fte=2, department="it"), unit("a", department="it")]
    units += [unit("b", department="it"), unit("c", department="it"), unit("vacant", fte=0, department="it")]
    units += [unit(f"u{i}", department="ops") for i in range(10)]
    deps = [on(f"u{i}", "desk", "medium", "weekly") for i in range(10)]  # 10 x 52 x 2 = 1040 on 2 FTE
    deps += [
        on("u0", "a", "low", "monthly"),
        on("u1", "b", "low", "monthly"),
        on("u2", "c", "low", "monthly"),
    ]
    deps += [on("u3", "vacant", "low", "yearly")]
    return build_graph(Org(units=units, dependencies=deps))


def test_load_per_fte_threshold_and_department_median() -> None:
    report = bottlenecks(load_org(), load_threshold=10_000, department_factor=3.0)
    e = by_id(report)
    assert (e["desk"].yearly_demand, e["desk"].fte, e["desk"].load_per_fte) == (1040, 2, 520)
    # it's loads per FTE: desk 520, a, b and c 12 each: department median 12
    assert e["desk"].load_vs_department_median == pytest.approx(520 / 12)
    assert e["desk"].overloaded and not e["a"].overloaded
    assert e["desk"].load_rank == 1
    assert e["vacant"].load_per_fte is None and e["vacant"].overloaded  # demand but no capacity
    kinds = {(r.unit, r.kind) for r in report.recommendations}
    assert ("desk", "split_load") in kinds and ("vacant", "add_capacity") in kinds


def test_an_absolute_threshold_flags_on_its_own() -> None:
    e = by_id(bottlenecks(load_org(), load_threshold=500, department_factor=1000))
    assert e["desk"].overloaded and not e["a"].overloaded


def test_weights_change_the_ranking_and_cannot_all_be_zero() -> None:
    only_load = bottlenecks(
        load_org(), weights=BottleneckWeights(reach=0, single_point=0, structure=0, brokerage=0)
    )
    assert only_load.entries[0].id in {"desk", "vacant"}  # no FTE counts as at least the busiest
    assert only_load.entries[0].top_factor == "load"
    with pytest.raises(ValidationError):
        BottleneckWeights(reach=0, single_point=0, structure=0, brokerage=0, load=0)


# --- parameters, sampling and determinism ---------------------------------------------------------


def test_top_keeps_the_highest_ranked_and_bad_values_are_refused() -> None:
    G = two_departments()
    full = bottlenecks(G)
    assert bottlenecks(G, top=2).entries == full.entries[:2]
    with pytest.raises(ValueError, match="top"):
        bottlenecks(G, top=0)
    with pytest.raises(ValueError, match="betweenness_samples"):
        bottlenecks(G, betweenness_samples=0)


def test_betweenness_estimate_says_so_and_from_how_many_samples() -> None:
    report = bottlenecks(two_departments(), betweenness_samples=3, seed=1)
    assert (report.betweenness.exact, report.betweenness.samples) == (False, 3)
    assert "estimate from 3 sampled" in report.betweenness.note and "exact" in report.betweenness.note
    exact = bottlenecks(two_departments(), betweenness_samples="exact")
    assert exact.betweenness.exact and exact.betweenness.samples is None
    # reach and failure figures do not depend on the sample
    strip = {"betweenness", "score", "contributions", "rank", "top_factor", "summary"}
    assert {e.id: e.model_dump(exclude=strip) for e in report.entries} == {
        e.id: e.model_dump(exclude=strip) for e in exact.entries
    }


def test_same_input_same_report() -> None:
    G = load_org()
    assert (
        bottlenecks(G, betweenness_samples=4).model_dump()
        == bottlenecks(G, betweenness_samples=4).model_dump()
    )


# --- checks against networkx on random organisations -------------------------------------------


@pytest.fixture(params=["python", "compiled"])
def reach_engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the analysis with the Python reach kernel (small graphs) or the compiled one (large)."""
    if request.param == "compiled":
        monkeypatch.setattr("orggraph.kernels.COMPILED_FROM", 0)
    return request.param


def random_graph(seed: int) -> nx.DiGraph:
    rng = random.Random(seed)
    n = rng.randint(4, 40)
    units = [unit(f"u{i:02d}", front_line=rng.random() < 0.2, department=f"d{i % 3}") for i in range(n)]
    ids = [u.id for u in units]
    caps = [
        Capability(id=f"c{j}", name=f"C{j}", providers=tuple(rng.sample(ids, rng.choice([1, 1, 2]))))
        for j in range(n // 3 + 1)
    ]
    deps = []
    for u in ids:
        for _ in range(rng.randint(0, 3)):
            crit = rng.choice(["low", "medium", "high", "critical"])
            cadence = rng.choice(["daily", "weekly", "monthly"])
            if rng.random() < 0.5:
                p = rng.choice(ids)
                if p != u:
                    deps.append(on(u, p, crit, cadence))
            else:
                deps.append(uses(u, rng.choice(caps).id, crit, cadence))
    return build_graph(Org(units=units, capabilities=caps, dependencies=deps))


@pytest.mark.parametrize("seed", range(25))
def test_reach_dominators_and_cut_offs_match_networkx(seed: int, reach_engine: str) -> None:
    G = random_graph(seed)
    e = by_id(bottlenecks(G))
    front = {u for u, d in G.nodes(data=True) if d["front_line"]}
    H = G.copy()
    H.add_edges_from(("customer", f) for f in front)
    H.add_node("customer")
    idom = nx.immediate_dominators(H, "customer")
    U = G.to_undirected()
    for u in G:
        ancestors = nx.ancestors(G, u)
        assert e[u].dependents == len(ancestors)
        assert e[u].front_line_dependents == len(ancestors & front)
        assert e[u].direct_dependents == G.in_degree(u)
        dominated = 0
        for v in idom:
            x = v
            while x not in ("customer", u) and idom[x] != x:
                x = idom[x]
            dominated += v != u and x == u
        assert e[u].dominated == dominated, u
        component = nx.node_connected_component(U, u)
        rest = U.subgraph(component - {u})
        largest = max((len(c) for c in nx.connected_components(rest)), default=0)
        assert e[u].cut_off_if_lost == len(component) - 1 - largest, u
        for cap in e[u].sole_provider_of:
            consumers = {c for c, _, d in G.in_edges(u, data=True) if cap.id in d["capabilities"]}
            reached = set(consumers).union(*(nx.ancestors(G, c) for c in consumers)) - {u}
            assert cap.dependents == len(reached)


def distance_graph(G: nx.DiGraph) -> nx.DiGraph:
    """G with the documented route lengths: frequent, critical links are short."""
    D = nx.DiGraph()
    D.add_nodes_from(sorted(G))
    for a, b, d in G.edges(data=True):
        D.add_edge(a, b, distance=max(1.0, round(1000.0 / d["weight"])))
    return D


@pytest.mark.parametrize("seed", range(15))
def test_critical_reach_is_reach_over_high_and_critical_links(seed: int, reach_engine: str) -> None:
    G = random_graph(seed)
    severe = nx.DiGraph()
    severe.add_nodes_from(G)
    severe.add_edges_from(
        (a, b) for a, b, d in G.edges(data=True) if d["criticality"] in {"high", "critical"}
    )
    for entry in bottlenecks(G).entries:
        assert entry.critical_dependents == len(nx.ancestors(severe, entry.id)), entry.id


@pytest.mark.parametrize("seed", range(10))
def test_cross_department_share_counts_routes_between_departments(seed: int, reach_engine: str) -> None:
    G = random_graph(seed)
    D = distance_graph(G)
    dept = {u: d["department"] for u, d in G.nodes(data=True)}
    through = dict.fromkeys(G, 0.0)
    for d in set(dept.values()):
        inside = [u for u in G if dept[u] == d]
        outside = [u for u in G if dept[u] != d]
        part = nx.betweenness_centrality_subset(D, inside, outside, normalized=False, weight="distance")
        for u, x in part.items():
            through[u] += x
    pairs = [(s, t) for s in G for t in nx.descendants(G, s) if dept[s] != dept[t]]
    for entry in bottlenecks(G, betweenness_samples="exact").entries:
        possible = sum(1 for s, t in pairs if entry.id not in (s, t))
        expected = through[entry.id] / possible if possible else 0.0
        assert entry.cross_department_share == pytest.approx(expected, abs=1e-12), entry.id


@pytest.mark.parametrize("seed", range(5))
def test_estimated_cross_department_share_uses_the_betweenness_sample(seed: int) -> None:
    G = random_graph(seed + 100)
    nodes = sorted(G)
    k = max(2, len(nodes) // 3)
    sources = [nodes[i] for i in sample_sources(len(nodes), k, 7) or range(len(nodes))]
    D = distance_graph(G)
    dept = {u: d["department"] for u, d in G.nodes(data=True)}
    through = dict.fromkeys(G, 0.0)
    for s in sources:
        outside = [u for u in G if dept[u] != dept[s]]
        part = nx.betweenness_centrality_subset(D, [s], outside, normalized=False, weight="distance")
        for u, x in part.items():
            through[u] += x
    pairs = [(s, t) for s in sources for t in nx.descendants(G, s) if dept[s] != dept[t]]
    report = bottlenecks(G, betweenness_samples=k, seed=7)
    for entry in report.entries:
        possible = sum(1 for s, t in pairs if entry.id not in (s, t))
        expected = through[entry.id] / possible if possible else 0.0
        assert entry.cross_department_share == pytest.approx(expected, abs=1e-12), entry.id


@pytest.mark.parametrize("seed", range(10))
def test_betweenness_is_networkx_weighted_betweenness(seed: int) -> None:
    G = random_graph(seed)
    expected = nx.betweenness_centrality(distance_graph(G), weight="distance")
    for entry in bottlenecks(G, betweenness_samples="exact").entries:
        assert entry.betweenness == pytest.approx(expected[entry.id], abs=1e-12)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("k", [None, 9])
def test_igraph_and_networkx_betweenness_agree(seed: int, k: int | None) -> None:
    G = nx.gnp_random_graph(30, 0.12, seed=seed, directed=True)
    edges = sorted(G.edges)
    distances = [float(1 + i % 5) for i in range(len(edges))]
    D = nx.DiGraph()
    D.add_nodes_from(range(30))
    D.add_weighted_edges_from([(a, b, w) for (a, b), w in zip(edges, distances, strict=True)], "d")
    labels = [i % 3 for i in range(30)]
    fast = betweenness_split_indexed(30, edges, labels, distances=distances, k=k, seed=5).normalised
    ref = nx.betweenness_centrality(D, k=k, seed=5, weight="d")
    assert fast == pytest.approx([ref[i] for i in range(30)], abs=1e-12)


# --- the sample organisation ------------------------------------------------------------------------


def test_sample_sole_provider_tops_the_ranking_and_the_it_desk_the_load(sample_graph: nx.DiGraph) -> None:
    report = bottlenecks(sample_graph)
    top = report.entries[0]
    assert (top.id, top.top_factor) == ("dana.reyes", "single_point")
    assert [c.id for c in top.sole_provider_of][:1] == ["payroll-run"]
    assert top.failed_if_lost > 50 and top.front_line_hurt_if_lost > 10
    busiest = min(report.entries, key=lambda x: x.load_rank)
    assert (busiest.id, busiest.load_rank, busiest.overloaded) == ("it-service-desk", 1, True)
    assert busiest.load_vs_median is not None and busiest.load_vs_median > 10
    backup = report.recommendations[0]
    assert (backup.unit, backup.kind) == ("dana.reyes", "backup")
    assert "'Payroll run' (sole provider: Dana Reyes" in backup.text
    assert any(r.unit == "it-service-desk" and r.kind == "split_load" for r in report.recommendations)


@pytest.mark.parametrize("level", ["team", "department"])
def test_sample_rolled_up_ranks_payroll_first(sample_graph: nx.DiGraph, level: str) -> None:
    top = bottlenecks(sample_graph, level=level).entries[0]
    assert top.id.startswith("payroll") and top.top_factor == "single_point"


def test_a_single_dependent_reads_in_the_singular() -> None:
    G = build_graph(Org(units=[unit("a"), unit("b")], dependencies=[Dependency(consumer="a", provider="b")]))
    b, a = bottlenecks(G).entries
    assert b.summary == (
        "Only provider of the work others ask of B directly (1 unit depends on it, 0 on the front line); "
        "losing B would leave 1 unit degraded."
    )
    assert a.summary == "Nothing stands out: nobody depends on A and it receives no requests."
