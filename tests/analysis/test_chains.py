"""Critical chains, loops, weakest links, supply and line of sight on organisations checked by hand."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from orggraph import Capability, Dependency, Org, Unit, UnitNotFound, build_graph, rollup
from orggraph.analysis.chains import ChainReport, chains


def unit(uid: str, **kw: object) -> Unit:
    return Unit(id=uid, name=uid.replace("-", " ").title(), **kw)  # type: ignore[arg-type]


def dep(consumer: str, provider: str | None = None, hours: float | None = None, **kw: object) -> Dependency:
    return Dependency(consumer=consumer, provider=provider, lead_time_hours=hours, **kw)  # type: ignore[arg-type]


def graph(units: list[Unit], deps: list[Dependency], caps: tuple[Capability, ...] = ()) -> nx.DiGraph:
    return build_graph(Org(units=units, capabilities=caps, dependencies=deps))


def fork() -> nx.DiGraph:
    """shop needs stock (A, backup Bk, 48 h); A waits 100 h on D, and 10 h on B, which waits 10 h on C.

    By hours the chain is shop <- A <- D (148 h, 2 hand-offs); by hand-offs shop <- A <- B <- C
    (3 hand-offs, 68 h).
    """
    stock = Capability(id="stock", name="Stock", providers=("a", "bk"), lead_time_hours=48)
    units = [unit("shop", front_line=True), unit("a"), unit("b"), unit("c"), unit("d"), unit("bk")]
    deps = [
        Dependency(consumer="shop", capability="stock", cadence="daily"),
        dep("a", "d", 100),
        dep("a", "b", 10),
        dep("b", "c", 10),
    ]
    return graph(units, deps, (stock,))


def test_longest_by_hours_and_by_hops_differ() -> None:
    report = chains(fork())
    (critical,) = report.critical
    assert (critical.front_line, critical.total_hours, critical.hops) == ("shop", 148.0, 2)
    assert [(x.consumer, x.provider, x.capability) for x in critical.links] == [
        ("shop", "a", "stock"),
        ("a", "d", "direct:d"),
    ]
    assert [x.cumulative_hours for x in critical.links] == [48.0, 148.0]
    assert critical.text == "Shop <- Stock from A (daily, 48 h) <- work from D (monthly, 100 h)"
    (longest,) = report.longest
    assert (longest.total_hours, longest.hops) == (68.0, 3)
    assert [x.provider for x in longest.links] == ["a", "b", "c"]
    summary = report.front_line_units["shop"]
    assert (summary.critical_hours, summary.critical_hops, summary.critical_path) == (
        148.0,
        2,
        ("shop", "a", "d"),
    )
    assert (summary.longest_hops, summary.longest_hours, summary.longest_path) == (
        3,
        68.0,
        ("shop", "a", "b", "c"),
    )
    assert summary.loop is None


def test_each_link_shows_capability_cadence_criticality_and_backup() -> None:
    first = chains(fork()).critical[0].links[0]
    assert (first.capability_name, first.cadence, first.criticality, first.lead_time_hours) == (
        "Stock",
        "daily",
        "medium",
        48.0,
    )
    assert first.has_backup and first.backups == ("bk",) and first.lead_time_known


def loop_org(front_line: str = "shop") -> nx.DiGraph:
    """shop waits 5 h on M; M waits 7 h on S for leads, S waits 3 h on M for campaigns; S waits 20 h on C."""
    caps = (
        Capability(id="leads", name="Leads", providers=("s",)),
        Capability(id="campaigns", name="Campaigns", providers=("m",)),
    )
    units = [unit(u, front_line=u == front_line) for u in ("shop", "m", "s", "c")]
    deps = [
        dep("shop", "m", 5),
        Dependency(consumer="m", capability="leads", lead_time_hours=7),
        Dependency(consumer="s", capability="campaigns", lead_time_hours=3),
        dep("s", "c", 20),
    ]
    return graph(units, deps, caps)


def test_loop_is_reported_with_the_capabilities_that_close_it() -> None:
    (cycle,) = chains(loop_org()).cycles
    assert (cycle.key, cycle.members, cycle.internal_links) == ("m", ("m", "s"), 2)
    assert [(x.consumer, x.provider, x.capabilities) for x in cycle.closing_loop] == [
        ("m", "s", ("leads",)),
        ("s", "m", ("campaigns",)),
    ]
    assert cycle.text == "M waits on S for 'Leads', which waits on M for 'Campaigns'."
    assert (cycle.slowest_link.consumer, cycle.slowest_link.lead_time_hours) == ("m", 7.0)


def test_chain_through_a_loop_counts_its_slowest_hand_off_once() -> None:
    report = chains(loop_org())
    critical = report.critical[0]
    # 5 h into the loop, its slowest internal hand-off (7 h) once, then out of the loop from S (20 h).
    assert (critical.total_hours, critical.hops) == (32.0, 3)
    summary = report.front_line_units["shop"]
    assert (summary.critical_hours, summary.critical_hops, summary.longest_hops) == (32.0, 3, 3)
    assert summary.critical_path == ("shop", "m", "s", "c")
    assert [(x.consumer, x.provider, x.loop) for x in critical.links] == [
        ("shop", "m", None),
        ("m", "s", "m"),
        ("s", "c", None),
    ]
    assert "[loop of M and S, counted once: Leads from S (monthly, 7 h)]" in critical.text


def test_front_line_unit_inside_a_loop() -> None:
    report = chains(loop_org(front_line="m"))
    assert report.front_line_units["m"].loop == "m"
    assert report.front_line_units["m"].critical_hours == 27.0
    assert (report.critical[0].total_hours, report.critical[0].hops) == (27.0, 2)


def test_dense_loop_finishes_without_enumerating_paths() -> None:
    """Twelve units all waiting on each other have billions of simple paths; the DP never looks at them."""
    k = [f"k{i:02d}" for i in range(12)]
    deps = [
        dep(a, b, float((i * 7 + j * 3) % 11)) for i, a in enumerate(k) for j, b in enumerate(k) if a != b
    ]
    deps += [dep("shop", "k00", 1), dep("k05", "out", 10)]
    G = graph([unit("shop", front_line=True), unit("out"), *map(unit, k)], deps)
    slowest_inside = max(G.edges[a, b]["lead_time_hours"] for a in k for b in k if a != b)
    report = chains(G)
    assert (report.critical[0].total_hours, report.critical[0].hops) == (1 + slowest_inside + 10, 3)
    assert report.front_line_units["shop"].critical_hours == 1 + slowest_inside + 10
    assert len(report.cycles) == 1 and len(report.cycles[0].members) == 12


def test_long_ring_and_long_path_need_no_recursion() -> None:
    """A 3,000-unit loop and a 3,000-unit path: deeper than Python's recursion limit."""
    ring = [f"r{i:04d}" for i in range(3000)]
    deps = [dep(a, b, 1) for a, b in zip(ring, ring[1:] + ring[:1], strict=True)]
    deps += [dep("shop", "r0000", 1), dep("r1500", "out", 5)]
    report = chains(graph([unit("shop", front_line=True), unit("out"), *map(unit, ring)], deps))
    assert (report.critical[0].total_hours, report.critical[0].hops) == (7.0, 3)
    assert "loop of 3000 units around R0000" in report.critical[0].text

    path = [f"p{i:04d}" for i in range(3000)]
    deps = [dep(a, b, 2) for a, b in zip(path, path[1:], strict=False)]
    report = chains(graph([unit(u, front_line=u == "p0000") for u in path], deps))
    assert (report.critical[0].total_hours, report.critical[0].hops) == (5998.0, 2999)
    assert report.line_of_sight["p2999"].hops == 2999


def weak_org(*, backup_on_slow: bool = True, busy_backup: bool = False) -> nx.DiGraph:
    """shop waits 200 h on X (capability x-cap, backup X2 if ``backup_on_slow``), X waits 10 h on Y (y-cap).

    Y (0.5 FTE) has a backup Y2 only when ``busy_backup``; then three more units need y-cap daily
    and critically, which makes Y the busiest provider.
    """
    caps = (
        Capability(id="x-cap", name="X work", providers=("x", "x2") if backup_on_slow else ("x",)),
        Capability(id="y-cap", name="Y work", providers=("y", "y2") if busy_backup else ("y",)),
    )
    units = [unit("shop", front_line=True), unit("x"), unit("x2"), unit("y", fte=0.5), unit("y2")]
    deps = [
        Dependency(
            consumer="shop", capability="x-cap", lead_time_hours=200, cadence="daily", criticality="critical"
        ),
        Dependency(consumer="x", capability="y-cap", lead_time_hours=10),
    ]
    if busy_backup:
        units += [unit(f"u{i}") for i in range(3)]
        deps += [
            Dependency(consumer=f"u{i}", capability="y-cap", cadence="daily", criticality="critical")
            for i in range(3)
        ]
    return graph(units, deps, caps)


def test_weakest_link_prefers_no_backup_over_a_slower_link() -> None:
    weakest = chains(weak_org()).critical[0].weakest_link
    assert weakest is not None
    assert (weakest.position, weakest.provider, weakest.has_backup) == (1, "y", False)
    # monthly (12) x medium (2) = 24 weighted requests a year, on 0.5 FTE
    assert weakest.load_per_fte == 48.0
    assert weakest.reason.startswith("no backup provider for 'Y work' (Y is the only one)")


def test_weakest_link_with_backups_everywhere_is_the_busiest_provider() -> None:
    weakest = chains(weak_org(busy_backup=True)).critical[0].weakest_link
    assert weakest is not None
    # Y: (monthly medium 24 + 3 x daily critical 1000) / 0.5 FTE; X: daily critical 1000 / 1 FTE
    assert (weakest.provider, weakest.load_per_fte) == ("y", 6048.0)
    assert weakest.reason == (
        "every hand-off on the chain has a backup provider; "
        "Y carries 6,048 weighted requests a year per FTE, the most on the chain."
    )


def test_weakest_link_among_sole_providers_is_the_busiest_then_the_slowest() -> None:
    report = chains(weak_org(backup_on_slow=False))
    weakest = report.critical[0].weakest_link
    assert weakest is not None
    # both without backup; X carries 1000 a year per FTE against Y's 48
    assert (weakest.position, weakest.provider) == (0, "x")
    assert "the slowest hand-off on the chain (200 h)" in weakest.reason


def sight_org() -> nx.DiGraph:
    """f1 waits 100 h on P; f2 waits 1 h on Q, which waits 1 h on P; P waits 5 h on R; Iso is on its own.

    P is one hand-off from f1 but only two hours from f2. Pb is P's backup for p-cap.
    """
    cap = Capability(id="p-cap", name="P work", providers=("p", "pb"))
    units = [
        unit("f1", front_line=True),
        unit("f2", front_line=True),
        *map(unit, ("p", "pb", "q", "r", "iso")),
    ]
    deps = [
        Dependency(consumer="f1", capability="p-cap", lead_time_hours=100),
        dep("f2", "q", 1),
        Dependency(consumer="q", capability="p-cap", lead_time_hours=1),
        dep("p", "r", 5),
    ]
    return graph(units, deps, (cap,))


def test_line_of_sight_in_hops_and_hours_to_the_nearest_front_line() -> None:
    sight = chains(sight_org()).line_of_sight
    got = {u: (s.hops, s.hours, s.nearest_by_hops, s.nearest_by_hours) for u, s in sight.items()}
    assert got == {
        "f1": (0, 0.0, "f1", "f1"),
        "f2": (0, 0.0, "f2", "f2"),
        "q": (1, 1.0, "f2", "f2"),
        "p": (1, 2.0, "f1", "f2"),
        "r": (2, 7.0, "f1", "f2"),
        "pb": (None, None, None, None),
        "iso": (None, None, None, None),
    }
    assert not sight["iso"].reaches_front_line and sight["r"].reaches_front_line


def test_backup_provider_reaches_the_front_line_only_when_backups_are_followed() -> None:
    report = chains(sight_org())
    assert report.units_without_path == 2
    with_backups = chains(sight_org(), include_backups=True)
    assert (with_backups.line_of_sight["pb"].hops, with_backups.line_of_sight["pb"].nearest_by_hops) == (
        1,
        "f1",
    )
    assert with_backups.units_without_path == 1


def test_upstream_supply_with_depth_for_a_unit_and_the_whole_front_line() -> None:
    report = chains(fork())
    whole, shop = report.supply
    assert (whole.front_line, shop.front_line) == (None, "shop")
    assert [(i.kind, i.id, i.depth) for i in shop.items] == [
        ("unit", "a", 1),
        ("capability", "stock", 1),
        ("unit", "b", 2),
        ("unit", "d", 2),
        ("capability", "direct:b", 2),
        ("capability", "direct:d", 2),
        ("unit", "c", 3),
        ("capability", "direct:c", 3),
    ]
    assert [(d.depth, d.units, d.capabilities) for d in shop.by_depth] == [(1, 1, 1), (2, 2, 2), (3, 1, 1)]
    assert (shop.units, shop.capabilities, shop.max_depth, shop.truncated) == (4, 4, 3, False)
    assert whole.items == shop.items
    short = chains(fork(), supply_limit=3).supply[1]
    assert [i.id for i in short.items] == ["a", "stock", "b"]
    assert short.truncated and (short.units, short.capabilities) == (4, 4)


def test_front_line_units_serving_each_other_are_not_the_front_lines_supply() -> None:
    units = [unit("staff", front_line=True), unit("store", front_line=True), unit("depot")]
    report = chains(graph(units, [dep("staff", "store", 1), dep("store", "depot", 2)]))
    whole = report.supply[0]
    assert [(i.id, i.depth) for i in whole.items if i.kind == "unit"] == [("depot", 1)]
    staff = next(s for s in report.supply if s.front_line == "staff")
    assert [(i.id, i.depth) for i in staff.items if i.kind == "unit"] == [("store", 1), ("depot", 2)]


def test_slowest_of_several_links_between_two_units_sets_the_pace() -> None:
    caps = (
        Capability(id="quick", name="Quick", providers=("p",), lead_time_hours=10),
        Capability(id="slow", name="Slow", providers=("p",), lead_time_hours=30),
    )
    deps = [Dependency(consumer="c", capability="quick"), Dependency(consumer="c", capability="slow")]
    report = chains(graph([unit("c", front_line=True), unit("p")], deps, caps))
    (link,) = report.critical[0].links
    assert (link.capability, link.lead_time_hours) == ("slow", 30.0)
    assert [(i.id, i.depth) for i in report.supply[1].items if i.kind == "capability"] == [
        ("quick", 1),
        ("slow", 1),
    ]


def test_blank_lead_time_counts_as_zero_and_is_marked_unknown() -> None:
    report = chains(
        graph([unit("c", front_line=True), unit("p"), unit("q")], [dep("c", "p"), dep("p", "q", 4)])
    )
    first, second = report.critical[0].links
    assert (first.lead_time_hours, first.lead_time_known, second.lead_time_known) == (0.0, False, True)
    assert (
        report.critical[0].text
        == "C <- work from P (monthly, lead time unknown) <- work from Q (monthly, 4 h)"
    )


def test_reporting_lines_are_not_dependencies_for_chains() -> None:
    units = [unit("boss"), unit("shop", front_line=True, manager="boss"), unit("p", manager="boss")]
    org = Org(units=units, dependencies=[dep("shop", "p", 3)])
    plain = chains(build_graph(org))
    with_reporting = chains(build_graph(org, reporting_lines=True))
    assert with_reporting.critical == plain.critical and with_reporting.cycles == ()
    assert with_reporting.line_of_sight["boss"].reaches_front_line is False


def test_front_line_can_be_named_and_unknown_units_fail() -> None:
    report = chains(fork(), front_line="a")
    assert report.front_line == ("a",) and report.critical[0].total_hours == 100.0
    assert report.line_of_sight["shop"].reaches_front_line is False
    assert chains(fork(), front_line=["a", "b"]).front_line == ("a", "b")
    with pytest.raises(UnitNotFound, match="No unit with id 'nobody'"):
        chains(fork(), front_line=["a", "nobody"])


def test_roll_up_graphs_are_refused() -> None:
    with pytest.raises(ValueError, match="unit-level graph"):
        chains(rollup(fork(), "department"))


def test_no_front_line_gives_empty_chains_and_no_line_of_sight() -> None:
    report = chains(graph([unit("a"), unit("b")], [dep("a", "b", 1)]))
    assert report.critical == () and report.front_line_units == {}
    assert report.units_without_path == 2 and report.supply[0].units == 0


def test_ties_are_broken_by_id_and_input_order_does_not_matter() -> None:
    units = [unit(u, front_line=u.startswith("f")) for u in ("f2", "f1", "y", "x", "z")]
    deps = [dep(f, p, 10) for f in ("f1", "f2") for p in ("y", "x")] + [dep("x", "z", 0), dep("y", "z", 0)]
    report = chains(graph(units, deps))
    assert [c.front_line for c in report.critical] == ["f1", "f2"]
    assert report.front_line_units["f1"].critical_path == ("f1", "x", "z")
    assert report.line_of_sight["z"].nearest_by_hours == "f1"
    # equal hours to w from f1 (two hand-offs) and f2 (one): the smaller id wins, whichever is found first
    tie = chains(
        graph([*units, unit("a"), unit("w")], [*deps, dep("f1", "a", 1), dep("a", "w", 1), dep("f2", "w", 2)])
    )
    assert (tie.line_of_sight["w"].hours, tie.line_of_sight["w"].nearest_by_hours) == (2.0, "f1")
    assert (tie.line_of_sight["w"].hops, tie.line_of_sight["w"].nearest_by_hops) == (1, "f2")
    shuffled = list(deps)
    random.Random(7).shuffle(shuffled)
    again = chains(graph(list(reversed(units)), shuffled))
    assert again.model_dump_json() == report.model_dump_json()


def test_top_limits_full_chains_but_every_front_line_unit_is_summarised() -> None:
    units = [unit(f"f{i}", front_line=True) for i in range(5)] + [unit("p")]
    report = chains(graph(units, [dep(f"f{i}", "p", float(i)) for i in range(5)]), top=2)
    assert [c.front_line for c in report.critical] == ["f4", "f3"]
    assert sorted(report.front_line_units) == [f"f{i}" for i in range(5)]
    assert len(report.supply) == 3  # the whole front line and the two ranked units


def test_report_round_trips_through_json() -> None:
    report = chains(loop_org())
    assert ChainReport.model_validate_json(report.model_dump_json()) == report


# --- the sample organisation (data/README.md lists the planted facts) ------------------------


def test_sample_long_slow_chain_into_store_12_is_the_top_critical_chain(sample_graph: nx.DiGraph) -> None:
    report = chains(sample_graph)
    top = report.critical[0]
    assert top.front_line == "store-12"
    assert [x.capability for x in top.links[:6]] == [
        "store-replenishment",
        "freight-account-payment",
        "carrier-creditor-setup",
        "supplier-vetting",
        "contract-signoff",
        "executive-approval",
    ]
    assert top.links[1].provider == "omar.haddad"
    assert top.total_hours == sum(x.lead_time_hours for x in top.links)
    assert all(
        top.total_hours > s.critical_hours for u, s in report.front_line_units.items() if u != "store-12"
    )
    assert top.text.startswith(f"{top.front_line_name} <- {top.links[0].capability_name} from Sam Lee")
    assert chains(sample_graph, include_backups=True).critical[0].front_line == "store-12"


def test_sample_marketing_sales_loop_is_reported(sample_graph: nx.DiGraph) -> None:
    loops = {frozenset(c.members): c for c in chains(sample_graph).cycles}
    loop = loops[frozenset({"marketing-campaigns", "sales-accounts"})]
    closing = {(x.consumer, x.provider): x.capabilities for x in loop.closing_loop}
    assert "sales-leads" in closing[("marketing-campaigns", "sales-accounts")]
    assert "campaigns" in closing[("sales-accounts", "marketing-campaigns")]
    assert "waits on" in loop.text and loop.text.endswith(".")


def test_sample_line_of_sight(sample_graph: nx.DiGraph) -> None:
    sight = chains(sample_graph).line_of_sight
    assert (sight["store-12"].hops, sight["store-12"].hours) == (0, 0.0)
    assert sight["sam.lee"].hops == 1
    assert set(sight) == set(sample_graph.nodes)
