"""The dependency graph: direction, links, backups, the bipartite view and roll-ups."""

from __future__ import annotations

import networkx as nx
import pytest

from orggraph import Capability, Dependency, Org, Unit, build_graph, capability_graph, rollup
from orggraph.graph import capability_node, group_of, org_of


@pytest.fixture()
def payroll_org() -> Org:
    """Payroll (Dana, backup Lee) pays a store; the store manager also asks Lee directly."""
    return Org(
        units=(
            Unit(id="dana", name="Dana", department="payroll", team="pay-ops"),
            Unit(id="lee", name="Lee", department="payroll", team="pay-ops", manager="dana"),
            Unit(id="store", name="Store 1", kind="team", department="stores", front_line=True),
            Unit(id="mgr", name="Store manager", department="stores", team="store"),
        ),
        capabilities=(
            Capability(id="pay", name="Payroll run", providers=("dana", "lee"), lead_time_hours=48),
        ),
        dependencies=(
            Dependency(consumer="store", capability="pay", cadence="weekly", criticality="critical"),
            Dependency(consumer="mgr", capability="pay", cadence="monthly", criticality="low"),
            Dependency(consumer="mgr", provider="lee", cadence="yearly", lead_time_hours=5),
        ),
    )


def test_edges_point_from_consumer_to_each_provider(payroll_org: Org) -> None:
    G = build_graph(payroll_org)
    assert sorted(G.edges) == [("mgr", "dana"), ("mgr", "lee"), ("store", "dana"), ("store", "lee")]
    assert sorted(G.predecessors("dana")) == ["mgr", "store"]  # Dana's internal customers
    ranks = {(u, v): [link.provider_rank for link in d["links"]] for u, v, d in G.edges(data=True)}
    assert ranks[("store", "dana")] == [0] and ranks[("store", "lee")] == [1]


def test_edge_summaries_combine_every_link(payroll_org: Org) -> None:
    G = build_graph(payroll_org)
    edge = G.edges["mgr", "lee"]
    # monthly low (12 x 1) on payroll run + yearly medium (1 x 2) directly on Lee
    assert edge["count"] == 2
    assert edge["weight"] == pytest.approx(12 * 1 + 1 * 2)
    assert edge["criticality"] == "medium"
    assert edge["lead_time_hours"] == 48  # the longest link; the direct one is 5 h
    assert edge["capabilities"] == ("direct:lee", "pay")
    assert G.edges["store", "dana"]["weight"] == pytest.approx(52 * 4)
    assert org_of(G) is payroll_org


def test_reporting_lines_are_opt_in_and_two_way(payroll_org: Org) -> None:
    assert not build_graph(payroll_org).has_edge("lee", "dana")
    G = build_graph(payroll_org, reporting_lines=True)
    assert G.has_edge("lee", "dana") and G.has_edge("dana", "lee")
    assert all(link.reporting for link in G.edges["lee", "dana"]["links"])


def test_bipartite_view_separates_needs_from_delivery(payroll_org: Org) -> None:
    B = capability_graph(payroll_org)
    pay = capability_node("pay")
    assert B.nodes[pay]["bipartite"] == "capability"
    assert sorted(B.successors(pay)) == ["dana", "lee"]
    assert B.edges[pay, "lee"]["rank"] == 1
    assert sorted(B.predecessors(pay)) == ["mgr", "store"]
    assert B.edges["store", pay]["criticality"] == "critical"
    assert list(B.successors(capability_node("direct:lee"))) == ["lee"]


def test_department_rollup_counts_cross_and_internal_ties(payroll_org: Org) -> None:
    Q = rollup(build_graph(payroll_org), "department")
    assert sorted(Q.nodes) == ["payroll", "stores"]
    assert Q.nodes["stores"]["size"] == 2 and Q.nodes["stores"]["front_line"] == 1
    assert Q.edges["stores", "payroll"]["count"] == 4
    assert Q.edges["stores", "payroll"]["links"] == 5
    assert not Q.has_edge("payroll", "stores")


def test_team_groups_follow_the_documented_rule(payroll_org: Org) -> None:
    assert group_of(payroll_org, "dana", "team") == "pay-ops"
    assert group_of(payroll_org, "store", "team") == "store"  # a team unit is its own team
    assert group_of(payroll_org, "mgr", "team") == "store"
    lone = Org(units=(Unit(id="x", name="X", department="hr"),))
    assert group_of(lone, "x", "team") == "hr/(no team)"
    assert group_of(lone, "x", "person") == "x"


def test_graph_is_readable_by_plain_networkx_algorithms(payroll_org: Org) -> None:
    G = build_graph(payroll_org)
    assert nx.is_directed_acyclic_graph(G)
    assert nx.descendants(G, "store") == {"dana", "lee"}


def test_a_copied_org_rebuilds_its_lookups(payroll_org: Org) -> None:
    assert "pay" in payroll_org.capability_by_id  # fill the cache first
    bigger = payroll_org.model_copy(
        update={
            "capabilities": (*payroll_org.capabilities, Capability(id="it", name="IT", providers=("lee",)))
        }
    )
    assert "it" in bigger.capability_by_id
    assert "it" not in payroll_org.capability_by_id
