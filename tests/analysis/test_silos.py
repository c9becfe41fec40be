"""Silo analysis on small organisations whose answers are known by hand, the sample org and real data."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable

import networkx as nx
import numpy as np
import pytest

from orggraph import Dependency, Org, Unit, build_graph, read_network, silos
from orggraph.analysis.ona import brokerage_counts, burt_measures, edge_arrays, modularity, nmi
from orggraph.analysis.silos import SiloReport
from tests.conftest import SHARED_REAL

LAZEGA = SHARED_REAL / "lazega_lawfirm"
EMAIL = SHARED_REAL / "snap_email_eu_core"
needs_real = pytest.mark.skipif(not SHARED_REAL.is_dir(), reason="../shared/data/real is not present")


def person(uid: str, dept: str, **kw: object) -> Unit:
    return Unit(id=uid, name=uid.replace(".", " ").title(), department=dept, **kw)


def dep(consumer: str, provider: str, **kw: object) -> Dependency:
    return Dependency(consumer=consumer, provider=provider, **kw)


def clique(ids: Iterable[str]) -> list[Dependency]:
    ids = list(ids)
    return [dep(a, b) for a in ids for b in ids if a != b]


def group(report: SiloReport, gid: str):
    return next(g for g in report.groups if g.group == gid)


def broker(report: SiloReport, uid: str):
    return next(b for b in report.brokers if b.unit == uid)


# --------------------------------------------------------------------------------------------
# two cliques joined by one edge


@pytest.fixture(scope="module")
def two_cliques() -> SiloReport:
    """alpha (a0-a3) and beta (b0-b3) each all-to-all; b1 depends on a0 (the one edge between them)."""
    units = [person(f"a{i}", "alpha") for i in range(4)] + [
        person(f"b{i}", "beta", front_line=i == 0) for i in range(4)
    ]
    deps = clique(f"a{i}" for i in range(4)) + clique(f"b{i}" for i in range(4)) + [dep("b1", "a0")]
    return silos(build_graph(Org(units=units, dependencies=deps)))


def test_two_cliques_ei_index(two_cliques: SiloReport) -> None:
    # each clique has 12 ties inside and shares the single tie b1 -> a0
    for gid in ("alpha", "beta"):
        g = group(two_cliques, gid)
        assert (g.internal_ties, g.external_ties) == (12, 1)
        assert g.ei_index == pytest.approx((1 - 12) / 13, abs=1e-6)
        # a random choice among the 7 others would put 4 of 7 ties outside: (4 - 3) / 7
        assert g.ei_expected == pytest.approx(1 / 7, abs=1e-6)
        assert g.partners == 1
    assert two_cliques.ei_index == pytest.approx((1 - 24) / 25, abs=1e-6)
    assert group(two_cliques, "alpha").ties_in == 1 and group(two_cliques, "beta").ties_out == 1
    assert two_cliques.never_exchange_count == 0


def test_two_cliques_communities_match_departments(two_cliques: SiloReport) -> None:
    assert two_cliques.community_count == 2
    assert two_cliques.nmi == pytest.approx(1.0)
    assert two_cliques.modularity_detected == pytest.approx(two_cliques.modularity_formal)
    # by hand: 25 ties, 12 inside each clique; tie ends per clique 2 x 12 + 1 = 25 of 50
    assert two_cliques.modularity_formal == pytest.approx(24 / 25 - 2 * 0.25, abs=1e-6)
    assert not two_cliques.split_groups
    assert not any(c.spans_groups for c in two_cliques.communities)


def test_louvain_on_request_finds_the_same_two_cliques() -> None:
    units = [person(f"a{i}", "alpha") for i in range(4)] + [person(f"b{i}", "beta") for i in range(4)]
    deps = clique(f"a{i}" for i in range(4)) + clique(f"b{i}" for i in range(4)) + [dep("b1", "a0")]
    report = silos(build_graph(Org(units=units, dependencies=deps)), method="louvain")
    assert (report.community_method, report.community_count, report.nmi) == ("louvain", 2, 1.0)
    with pytest.raises(ValueError, match="method"):
        silos(build_graph(Org(units=units, dependencies=deps)), method="infomap")  # type: ignore[arg-type]


def test_two_cliques_bridge_people(two_cliques: SiloReport) -> None:
    assert group(two_cliques, "alpha").spanners[0].unit == "a0"
    assert group(two_cliques, "alpha").spanners[0].share == 1.0
    sole = {(s.group, s.partner): s.unit for s in two_cliques.sole_links}
    assert sole == {("alpha", "beta"): "a0", ("beta", "alpha"): "b1"}
    # b1 carries beta's needs to alpha (b0, b2, b3 -> b1 -> a0); a0 lets them into alpha (b1 -> a0 -> a1..a3)
    assert (broker(two_cliques, "b1").representative, broker(two_cliques, "b1").main_role) == (
        3,
        "representative",
    )
    assert (broker(two_cliques, "a0").gatekeeper, broker(two_cliques, "a0").main_role) == (3, "gatekeeper")
    titles = [f.title for f in two_cliques.findings if f.kind == "sole-link"]
    assert "If B1 leaves, beta loses its only link to alpha" in titles


# --------------------------------------------------------------------------------------------
# an isolated department, a department with exactly one bridge


@pytest.fixture(scope="module")
def small_org() -> SiloReport:
    """stores (front line) <- logistics; finance reached only through sam.lee; lab works only with itself."""
    units = [
        person("ana.costa", "stores", front_line=True),
        person("ben.hill", "stores", front_line=True),
        person("sam.lee", "logistics"),
        person("kim.ito", "logistics"),
        person("ola.berg", "logistics"),
        person("omar.haddad", "finance"),
        person("eve.moss", "finance"),
        person("lab.one", "lab"),
        person("lab.two", "lab"),
        person("lab.three", "lab"),
    ]
    deps = [
        dep("ana.costa", "kim.ito", criticality="critical"),
        dep("ben.hill", "ola.berg"),
        dep("ana.costa", "ben.hill"),
        dep("kim.ito", "sam.lee"),
        dep("ola.berg", "sam.lee"),
        dep("kim.ito", "ola.berg"),
        dep("sam.lee", "omar.haddad", criticality="critical", cadence="weekly"),
        dep("sam.lee", "eve.moss"),
        dep("eve.moss", "omar.haddad"),
        *clique(["lab.one", "lab.two", "lab.three"]),
    ]
    return silos(build_graph(Org(units=units, dependencies=deps)))


def test_isolated_department_is_the_top_silo(small_org: SiloReport) -> None:
    lab = group(small_org, "lab")
    assert (lab.internal_ties, lab.external_ties, lab.partners, lab.ei_index) == (6, 0, 0, -1.0)
    assert lab.insularity == 1.0 and lab.reaches_customer is False
    top = small_org.findings[0]
    assert (top.kind, top.groups[0], top.score, top.severity) == ("silo", "lab", 100.0, "high")
    # no partner to deepen: shadow the front line
    assert "job shadowing between lab and stores" in top.action
    pairs = {(p.a, p.b) for p in small_org.never_exchange}
    assert {("finance", "lab"), ("lab", "logistics"), ("lab", "stores"), ("finance", "stores")} <= pairs
    assert small_org.never_exchange_count == 4


def test_reach_of_the_customer_lists_everything_cut_off(small_org: SiloReport) -> None:
    assert small_org.reach_assessed and small_org.front_line_units == 2
    # stores -> logistics -> finance is reached; the lab is not, member by member
    assert small_org.cut_off_units == ("lab.one", "lab.three", "lab.two")
    assert small_org.cut_off_groups == ("lab",)
    cut = [f for f in small_org.findings if f.kind == "cut-off"]
    assert [f.groups for f in cut] == [("lab",)] and set(cut[0].units) == {"lab.one", "lab.two", "lab.three"}


def test_department_with_exactly_one_bridge(small_org: SiloReport) -> None:
    sole = [s for s in small_org.sole_links if (s.group, s.partner) == ("logistics", "finance")]
    assert [(s.unit, s.ties, s.max_criticality) for s in sole] == [("sam.lee", 2, "critical")]
    finding = next(
        f for f in small_org.findings if f.kind == "sole-link" and f.groups == ("logistics", "finance")
    )
    assert finding.title == "If Sam Lee leaves, logistics loses its only link to finance"
    # the suggested second bridge is the colleague who works most with Sam (both kim and ola do: ties by id)
    assert finding.units == ("sam.lee", "kim.ito")
    assert "Kim Ito (kim.ito)" in finding.action
    # logistics as a whole has three spanners (kim and ola serve the stores), so it is not fragile
    assert group(small_org, "logistics").spanner_count == 3
    assert group(small_org, "logistics").main_partners == ("finance", "stores")  # 2 ties each: by id
    assert not any(f.kind == "fragile-boundary" and f.groups == ("logistics",) for f in small_org.findings)


def test_fragile_boundary_names_the_one_person() -> None:
    units = [person(u, "ops") for u in ("ann", "bob", "cat")] + [person("dan", "it")]
    deps = [*clique(["ann", "bob", "cat"]), dep("ann", "dan")]
    report = silos(build_graph(Org(units=units, dependencies=deps)))
    fragile = [f for f in report.findings if f.kind == "fragile-boundary"]
    assert [f.groups for f in fragile] == [("ops",)]
    assert fragile[0].units[0] == "ann" and "run through 1 person" in fragile[0].title


# --------------------------------------------------------------------------------------------
# E-I index by hand, weighted


def test_ei_index_of_a_hand_computed_case() -> None:
    """x has 2 ties inside and 3 outside; inside ties are heavy, outside ties light."""
    units = [person(u, "x") for u in ("x1", "x2", "x3")] + [person(u, "y") for u in ("y1", "y2")]
    heavy = {"cadence": "daily", "criticality": "critical"}  # 250 x 4 = 1000 a year
    light = {"cadence": "yearly", "criticality": "low"}  # 1 x 1 = 1
    deps = [
        dep("x1", "x2", **heavy),
        dep("x2", "x3", **heavy),
        dep("x1", "y1", **light),
        dep("y2", "x3", **light),
        dep("x2", "y1", **light),
        dep("y1", "y2", **heavy),
    ]
    report = silos(build_graph(Org(units=units, dependencies=deps)))
    x, y = group(report, "x"), group(report, "y")
    assert (x.internal_ties, x.external_ties, x.ties_out, x.ties_in) == (2, 3, 2, 1)
    assert x.ei_index == pytest.approx((3 - 2) / 5)
    assert x.ei_weighted == pytest.approx((3 - 2000) / 2003, abs=1e-6)
    assert y.ei_index == pytest.approx((3 - 1) / 4)
    assert x.ei_expected == pytest.approx(((5 - 3) - (3 - 1)) / 4)
    # organisation: 3 ties across, 3 inside
    assert report.ei_index == 0.0
    assert report.ei_weighted == pytest.approx((3 - 3000) / 3003, abs=1e-6)


# --------------------------------------------------------------------------------------------
# brokerage roles on triads checked by hand


def test_brokerage_roles_on_hand_checkable_triads() -> None:
    """One open path a -> b -> c per role, on separate people so the counts do not mix."""
    units = [
        person("co1", "d"),
        person("co2", "d"),
        person("co3", "d"),  # coordinator: all in d
        person("ga1", "a"),
        person("ga2", "b"),
        person("ga3", "b"),  # gatekeeper: b in C's group
        person("re1", "a"),
        person("re2", "a"),
        person("re3", "c"),  # representative: b in A's group
        person("it1", "a"),
        person("it2", "b"),
        person("it3", "a"),  # itinerant: A = C, b outside
        person("li1", "a"),
        person("li2", "b"),
        person("li3", "c"),  # liaison: all different
        person("cl1", "a"),
        person("cl2", "b"),
        person("cl3", "c"),  # closed triad: no brokerage
    ]
    deps = []
    for role in ("co", "ga", "re", "it", "li", "cl"):
        deps += [dep(f"{role}1", f"{role}2"), dep(f"{role}2", f"{role}3")]
    deps.append(dep("cl1", "cl3"))
    report = silos(build_graph(Org(units=units, dependencies=deps)), top=100)
    roles = ("coordinator", "gatekeeper", "representative", "itinerant", "liaison")
    expected = {
        "co2": "coordinator",
        "ga2": "gatekeeper",
        "re2": "representative",
        "it2": "itinerant",
        "li2": "liaison",
    }
    for uid, role in expected.items():
        b = broker(report, uid)
        assert {r: getattr(b, r) for r in roles} == {r: int(r == role) for r in roles}, uid
        assert b.main_role == role
    assert all(b.coordinator + b.cross_group == 0 for b in report.brokers if b.unit.startswith("cl"))


def test_brokerage_counts_match_brute_force() -> None:
    rng = random.Random(7)
    G = nx.gnp_random_graph(30, 0.15, seed=7, directed=True)
    arrays = edge_arrays(G)
    groups = np.array([rng.randrange(4) for _ in arrays.nodes])
    g = dict(zip(arrays.nodes, groups.tolist(), strict=True))
    brute = np.zeros((arrays.n, 5), dtype=np.int64)
    for b in G:
        for a in G.predecessors(b):
            for c in G.successors(b):
                if a == c or G.has_edge(a, c):
                    continue
                ga, gb, gc = g[a], g[b], g[c]
                role = 0 if ga == gb == gc else 2 if ga == gb else 1 if gb == gc else 3 if ga == gc else 4
                brute[arrays.nodes.index(b), role] += 1
    assert (brokerage_counts(arrays, groups) == brute).all()


# --------------------------------------------------------------------------------------------
# Burt, modularity and NMI against references


def test_burt_constraint_and_effective_size_match_networkx() -> None:
    rng = random.Random(3)
    G = nx.gnp_random_graph(25, 0.2, seed=3, directed=True)
    for u, v in G.edges:
        G.edges[u, v]["weight"] = rng.choice([1.0, 2.0, 5.0])
    arrays = edge_arrays(G)
    constraint, effective = burt_measures(arrays)
    ref_c, ref_e = nx.constraint(G, weight="weight"), nx.effective_size(G, weight="weight")
    checked = 0
    for i, node in enumerate(arrays.nodes):
        if G.out_degree(node) == 0:  # networkx returns NaN for these (see burt_measures)
            continue
        assert constraint[i] == pytest.approx(ref_c[node])
        assert effective[i] == pytest.approx(ref_e[node])
        checked += 1
    assert checked > 15


def test_modularity_matches_networkx_with_reciprocal_ties_added() -> None:
    G = nx.gnp_random_graph(20, 0.25, seed=5, directed=True)
    for u, v in G.edges:
        G.edges[u, v]["weight"] = float(1 + (u + v) % 3)
    arrays = edge_arrays(G)
    membership = np.array([i % 3 for i in range(arrays.n)])
    U = nx.Graph()
    U.add_nodes_from(G)
    for u, v, w in G.edges(data="weight"):
        U.add_edge(u, v, weight=U.get_edge_data(u, v, {"weight": 0.0})["weight"] + w)
    parts = [{n for i, n in enumerate(arrays.nodes) if membership[i] == c} for c in range(3)]
    assert modularity(arrays, membership) == pytest.approx(nx.community.modularity(U, parts, weight="weight"))


def test_nmi_of_a_hand_computed_case() -> None:
    # H(a) = ln 2, H(b) = ln 3; joint (0,0):2 (0,1):1 (1,1):1 (1,2):2 gives I = (2/3) ln 2
    a = [0, 0, 0, 1, 1, 1]
    b = ["p", "p", "q", "q", "r", "r"]
    assert nmi(a, b) == pytest.approx(2 * (2 / 3) * math.log(2) / (math.log(2) + math.log(3)))
    assert nmi(a, b) == pytest.approx(nmi(b, a))
    assert nmi(a, [9, 9, 9, 4, 4, 4]) == pytest.approx(1.0)
    assert nmi([1, 1, 1, 1], [0, 1, 2, 3]) == pytest.approx(0.0)


# --------------------------------------------------------------------------------------------
# options and edge cases


def test_team_level_groups_by_team() -> None:
    units = [
        person("a1", "ops", team="red"),
        person("a2", "ops", team="red"),
        person("b1", "ops", team="blue"),
        person("b2", "ops", team="blue"),
    ]
    deps = [dep("a1", "a2"), dep("a2", "a1"), dep("b1", "b2"), dep("b2", "b1"), dep("a1", "b1")]
    report = silos(build_graph(Org(units=units, dependencies=deps)), level="team")
    assert report.level == "team" and {g.group for g in report.groups} == {"red", "blue"}
    assert group(report, "red").ei_index == pytest.approx((1 - 2) / 3)
    with pytest.raises(ValueError, match="level"):
        silos(build_graph(Org(units=units, dependencies=deps)), level="person")  # type: ignore[arg-type]


def test_a_team_unit_carrying_its_own_teams_link_is_not_a_person_to_lose() -> None:
    units = [
        Unit(id="red", name="Red Team", kind="team", department="ops", team="red"),
        person("r1", "ops", team="red"),
        person("r2", "ops", team="red"),
        person("b1", "ops", team="blue"),
        person("b2", "ops", team="blue"),
    ]
    deps = [dep("r1", "red"), dep("r2", "red"), dep("red", "b1"), dep("b2", "b1"), dep("b1", "b2")]
    report = silos(build_graph(Org(units=units, dependencies=deps)), level="team")
    assert [(s.group, s.unit) for s in report.sole_links] == [("blue", "b1")]
    assert not any(f.kind == "fragile-boundary" and f.groups == ("red",) for f in report.findings)


def test_without_front_line_reach_is_not_assessed_and_said_so() -> None:
    units = [person("a", "x"), person("b", "y")]
    report = silos(build_graph(Org(units=units, dependencies=[dep("a", "b")])))
    assert not report.reach_assessed and report.cut_off_units == () and report.front_line_units == 0
    assert all(g.reaches_customer is None for g in report.groups)
    assert not any(f.kind.startswith("cut-off") for f in report.findings)


def test_same_seed_same_report(sample_graph: nx.DiGraph) -> None:
    assert silos(sample_graph, seed=3) == silos(sample_graph, seed=3)


# --------------------------------------------------------------------------------------------
# the sample organisation's planted facts


def test_sample_org_research_is_the_top_silo(sample_graph: nx.DiGraph) -> None:
    report = silos(sample_graph)
    top = report.findings[0]
    assert (top.kind, top.groups[0], top.severity) == ("silo", "research", "high")
    research = group(report, "research")
    assert research.ei_index is not None and research.ei_index < -0.9
    assert research.partners <= 1
    assert report.groups[0].group == "research"  # most insular of all


def test_sample_org_sam_lee_is_logistics_only_link_to_finance(sample_graph: nx.DiGraph) -> None:
    report = silos(sample_graph)
    link = next(s for s in report.sole_links if (s.group, s.partner) == ("logistics", "finance"))
    assert link.unit == "sam.lee"
    finding = next(
        f for f in report.findings if f.kind == "sole-link" and f.groups == ("logistics", "finance")
    )
    assert finding.units[0] == "sam.lee"
    assert finding.title.startswith("If Sam Lee leaves, ") and "loses its only link to" in finding.title


# --------------------------------------------------------------------------------------------
# real data: figures cross-checked against a direct count from the raw files


def _raw_matrix(path) -> list[list[int]]:
    return [[int(x) for x in line.split()] for line in path.read_text().splitlines() if line.strip()]


def _raw_column(path, column: int) -> list[int]:
    return [int(line.split()[column - 1]) for line in path.read_text().splitlines() if line.strip()]


def _direct_ei(matrix: list[list[int]], groups: list[int]) -> tuple[float, dict[int, float]]:
    """E-I counted straight from the matrix: every non-zero cell is a tie."""
    inside = outside = 0
    per: dict[int, list[int]] = {}
    for i, row in enumerate(matrix):
        for j, cell in enumerate(row):
            if not cell:
                continue
            same = groups[i] == groups[j]
            inside, outside = inside + same, outside + (not same)
            for g in {groups[i], groups[j]}:
                per.setdefault(g, [0, 0])[0 if same else 1] += 1
    return (outside - inside) / (outside + inside), {g: (e - i) / (e + i) for g, (i, e) in per.items()}


@needs_real
@pytest.mark.parametrize(("relation", "undirected"), [("ELadv.dat", False), ("ELwork.dat", True)])
@pytest.mark.parametrize(
    ("level", "column", "labels"),
    [
        ("department", 4, {"1": "Boston", "2": "Hartford", "3": "Providence"}),
        ("team", 7, {"1": "litigation", "2": "corporate"}),
    ],
)
def test_lazega_ei_by_office_and_practice(relation, undirected, level, column, labels) -> None:
    imported = read_network(
        LAZEGA / relation,
        matrix=True,
        undirected=undirected,
        attributes=LAZEGA / "ELattr.dat",
        id_column=1,
        department_column=4,
        team_column=7,
        labels={"department": labels} if level == "department" else {"team": labels},
    )
    report = silos(build_graph(imported.org), level=level)
    whole, per_group = _direct_ei(_raw_matrix(LAZEGA / relation), _raw_column(LAZEGA / "ELattr.dat", column))
    assert report.ei_index == pytest.approx(whole, abs=1e-6)
    for code, label in labels.items():
        assert group(report, label.lower()).ei_index == pytest.approx(per_group[int(code)], abs=1e-6)


@needs_real
def test_email_eu_core_communities_against_the_42_departments() -> None:
    imported = read_network(
        EMAIL / "email-Eu-core.txt",
        attributes=EMAIL / "email-Eu-core-department-labels.txt",
        department_column=2,
    )
    report = silos(build_graph(imported.org))
    assert report.group_count == 42 and report.units == 1005
    # Louvain maximises modularity, so it beats the formal departments on that score
    assert report.modularity_detected > report.modularity_formal > 0
    depts = [u.department for u in imported.org.units]
    found = [report.community_of[u.id] for u in imported.org.units]
    assert report.nmi == pytest.approx(nmi(depts, found), abs=1e-6)
    # the communities carry real information about departments: far above the same communities shuffled
    shuffled = found[:]
    random.Random(0).shuffle(shuffled)
    assert report.nmi > 3 * nmi(depts, shuffled)
