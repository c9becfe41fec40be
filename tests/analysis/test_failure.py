"""The AND/OR failure cascade on organisations whose answer is known by hand, and the many-source
sweep checked against one cascade per source on random organisations."""

from __future__ import annotations

import random

import pytest

from orggraph import Capability, Dependency, Org, Unit, UnitNotFound
from orggraph.analysis.failure import FailureModel, failure_cascade


def unit(uid: str, **kw: object) -> Unit:
    return Unit(id=uid, name=uid.title(), **kw)  # type: ignore[arg-type]


def needs(consumer: str, what: str, criticality: str = "critical", *, direct: bool = False) -> Dependency:
    if direct:
        return Dependency(consumer=consumer, provider=what, criticality=criticality)  # type: ignore[arg-type]
    return Dependency(consumer=consumer, capability=what, criticality=criticality)  # type: ignore[arg-type]


def chain_org(last_link: str = "critical") -> Org:
    """shop (front line) needs b, b needs c, c needs d; the c -> d link has criticality ``last_link``."""
    return Org(
        units=[unit("shop", front_line=True), unit("b"), unit("c"), unit("d")],
        dependencies=[
            needs("shop", "b", direct=True),
            needs("b", "c", direct=True),
            needs("c", "d", last_link, direct=True),
        ],
    )


def test_losing_the_end_of_a_critical_chain_fails_everything_up_to_the_front_line() -> None:
    report = failure_cascade(chain_org(), ["d"])
    assert report.removed == ("d",)
    lost = [(c.id, c.wave) for c in report.lost_capabilities]
    assert lost == [("direct:d", 1), ("direct:c", 2), ("direct:b", 3)]
    assert [(a.id, a.wave, a.status) for a in report.failed] == [
        ("shop", 3, "failed"),  # front line first
        ("c", 1, "failed"),
        ("b", 2, "failed"),
    ]
    assert report.degraded == ()
    assert report.front_line_affected == ("shop",)
    assert report.waves == 3


@pytest.mark.parametrize("criticality", ["low", "medium"])
def test_a_low_or_medium_loss_degrades_and_the_cascade_stops(criticality: str) -> None:
    report = failure_cascade(chain_org(last_link=criticality), ["d"])
    assert [c.id for c in report.lost_capabilities] == ["direct:d"]
    assert report.failed == ()
    (c,) = report.degraded
    assert (c.id, c.status, c.lost, c.worst_criticality) == ("c", "degraded", ("direct:d",), criticality)
    assert report.front_line_affected == ()


def test_high_counts_as_severe() -> None:
    report = failure_cascade(chain_org(last_link="high"), ["d"])
    assert {a.id for a in report.failed} == {"c", "b", "shop"}


def or_org() -> Org:
    """shop needs 'stock', delivered by a OR b (a primary, b backup); both need 'pay' from p."""
    return Org(
        units=[unit("shop", front_line=True), unit("a"), unit("b"), unit("p")],
        capabilities=[
            Capability(id="stock", name="Stock", providers=("a", "b")),
            Capability(id="pay", name="Pay", providers=("p",)),
        ],
        dependencies=[needs("shop", "stock"), needs("a", "pay"), needs("b", "pay", "high")],
    )


def test_a_capability_survives_while_any_provider_is_left() -> None:
    report = failure_cascade(or_org(), ["a"])
    assert report.lost_capabilities == () and report.affected == ()


def test_a_capability_is_lost_when_every_provider_is_gone() -> None:
    report = failure_cascade(or_org(), ["a", "b"])
    assert [c.id for c in report.lost_capabilities] == ["stock"]
    assert [(a.id, a.lost) for a in report.failed] == [("shop", ("stock",))]


def test_one_loss_can_knock_out_every_provider_of_a_capability_through_the_cascade() -> None:
    """p's loss fails both a and b, so 'stock' goes too, in the next wave."""
    report = failure_cascade(or_org(), ["p"])
    assert [(c.id, c.wave) for c in report.lost_capabilities] == [("pay", 1), ("stock", 2)]
    assert [a.id for a in report.failed] == ["shop", "a", "b"]
    lost = {c.id: c for c in report.lost_capabilities}
    assert lost["stock"].providers == ("a", "b") and lost["stock"].consumers == 1


def test_removed_units_are_not_counted_as_affected() -> None:
    report = failure_cascade(chain_org(), ["c", "d"])
    assert {a.id for a in report.affected} == {"b", "shop"}


def test_a_unit_losing_two_things_lists_both_and_its_worst() -> None:
    org = Org(
        units=[unit("x"), unit("p"), unit("q")],
        dependencies=[needs("x", "p", "low", direct=True), needs("x", "q", "medium", direct=True)],
    )
    (x,) = failure_cascade(org, ["p", "q"]).degraded
    assert (x.lost, x.worst_criticality) == (("direct:p", "direct:q"), "medium")


def test_unknown_unit_is_refused_by_name() -> None:
    with pytest.raises(UnitNotFound, match="'ghost'"):
        failure_cascade(chain_org(), ["ghost"])


def test_the_organisation_is_left_untouched_and_answers_repeat() -> None:
    org = or_org()
    before = org.model_dump()
    model = FailureModel(org)
    assert model.cascade(["p"]) == model.cascade(["p"]) == failure_cascade(org, ["p"])
    assert org.model_dump() == before


def test_the_model_lists_each_consumer_once_with_its_worst_criticality() -> None:
    """Consumers in order of first appearance, with the highest criticality when a unit depends
    on a capability twice; dependencies of unknown units or on unknown capabilities are ignored."""
    org = Org(
        units=[unit("p"), unit("x"), unit("y")],
        capabilities=[Capability(id="c", name="C", providers=("p", "ghost", "p"))],
        dependencies=[
            needs("y", "c", "low"),
            needs("x", "c", "medium"),
            needs("y", "c", "critical"),
            needs("ghost", "c"),
            needs("x", "nothing"),
        ],
    )
    model = FailureModel(org)
    assert model.capabilities == ["c"] and model.providers == [(0,)]
    assert model.consumers == [[(2, 3), (1, 1)]]  # y (critical at its second mention), then x
    deps = model.dependencies
    columns = (deps.consumer, deps.capability, deps.events, deps.weight, deps.rank)
    assert [c.tolist() for c in columns] == [[2, 1, 2], [0, 0, 0], [12.0] * 3, [1.0, 2.0, 4.0], [0, 1, 3]]


def test_single_failures_counts_without_lists() -> None:
    counts = FailureModel(chain_org()).single_failures({"d": ["d"], "shop": ["shop"], "b+c": ["b", "c"]})
    assert (counts["d"].failed, counts["d"].front_line, counts["d"].lost_capabilities) == (3, 1, 3)
    assert counts["shop"].failed == 0 and counts["shop"].lost_capabilities == 0  # nobody needs the shop
    assert (counts["b+c"].failed, counts["b+c"].front_line) == (1, 1)


def random_org(seed: int) -> Org:
    """Random units, capabilities with one to three providers, dependencies of every criticality."""
    rng = random.Random(seed)
    n = rng.randint(3, 45)
    units = [unit(f"u{i:02d}", front_line=rng.random() < 0.3) for i in range(n)]
    ids = [u.id for u in units]
    caps = [
        Capability(id=f"c{j}", name=f"C{j}", providers=tuple(rng.sample(ids, rng.choice([1, 1, 2, 3]))))
        for j in range(max(1, n // 2))
    ]
    deps = []
    for u in ids:
        for _ in range(rng.randint(0, 4)):
            crit = rng.choice(["low", "medium", "high", "critical", "critical"])
            if rng.random() < 0.3:
                p = rng.choice(ids)
                if p != u:
                    deps.append(needs(u, p, crit, direct=True))
            else:
                deps.append(needs(u, rng.choice(caps).id, crit))
    return Org(units=units, capabilities=caps, dependencies=deps)


@pytest.mark.parametrize("seed", range(60))
def test_single_failures_equal_one_cascade_per_source(seed: int) -> None:
    org = random_org(seed)
    model = FailureModel(org)
    rng = random.Random(seed)
    sources = {u: [u] for u in model.units}
    sources.update({f"group{g}": rng.sample(model.units, min(len(model.units), 1 + g)) for g in range(4)})
    found = model.single_failures(sources)
    for key, removed in sources.items():
        report = model.cascade(removed)
        expected = (
            len(report.failed),
            len(report.degraded),
            len(report.front_line_affected),
            len(report.lost_capabilities),
        )
        got = found[key]
        assert (got.failed, got.degraded, got.front_line, got.lost_capabilities) == expected, key


def test_single_failures_exercise_capabilities_lost_through_several_providers() -> None:
    """The random organisations above do lose multi-provider capabilities in single-unit cascades."""
    multi = 0
    for seed in range(60):
        model = FailureModel(random_org(seed))
        for u in model.units:
            multi += sum(1 for c in model.cascade([u]).lost_capabilities if len(c.providers) > 1)
    assert multi > 20


@pytest.mark.parametrize("small", [0, 3])
def test_single_failures_are_the_same_when_cascades_are_folded_into_bitsets(small: int) -> None:
    """Large cascades are stored as shared bitsets plus small deltas; at these sizes that only
    happens when the fold threshold is forced down, so force it and compare."""
    from orggraph.analysis._failure_sweep import sweep

    for seed in range(40):
        model = FailureModel(random_org(seed))
        jobs = {u: [i] for i, u in enumerate(model.units)}
        n = len(model.units)
        jobs.update({f"pair{i}": sorted({i, (i + 3) % n}) for i in range(0, n, 5)})
        assert sweep(model, jobs, small=small) == sweep(model, jobs), seed
