"""Bottlenecks section of the impact report: single points of failure, load, movers in the ranking.

Single points and load are exact and cheap (only the capabilities and units the change touches
can move). The ranking is the composite score of :func:`orggraph.analysis.bottlenecks.bottlenecks`
for organisations up to :data:`COMPOSITE_LIMIT` units; above that, recomputing it (transitive
reach, every single-failure cascade, betweenness) would cost seconds per scenario, so impact ranks
by load per FTE, the ranking's load factor, and says so in the report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from orggraph.analysis._impact_index import Delta, Figures
from orggraph.analysis.bottlenecks import bottlenecks
from orggraph.analysis.impact_models import BottleneckImpact, LoadChange, RankMove, SinglePoint
from orggraph.model import IMPLICIT_PREFIX, Org

__all__ = ["COMPOSITE_LIMIT", "DEFAULT_LOAD_THRESHOLD", "Ranking", "bottlenecks_section", "ranking_of"]

#: Up to this many units the movers come from the full bottleneck ranking; above it, from load per FTE.
COMPOSITE_LIMIT = 3_000
#: The bottleneck analysis's own default, so both commands flag the same units.
DEFAULT_LOAD_THRESHOLD: float = bottlenecks.__kwdefaults__["load_threshold"]
#: Movers are looked for among the units ranked this high before or after.
MOVER_WINDOW = 100


@dataclass(frozen=True, slots=True)
class Ranking:
    kind: str
    """``composite`` (the bottleneck score) or ``load`` (load per FTE)."""
    rank: Mapping[str, int]
    score: Mapping[str, float]


def ranking_of(fig: Figures, G: nx.DiGraph | None) -> Ranking:
    """The composite ranking when ``G`` is given (small organisations), else the load ranking."""
    if G is not None:
        report = bottlenecks(G)
        return Ranking(
            "composite", {e.id: e.rank for e in report.entries}, {e.id: e.score for e in report.entries}
        )
    loads = {u: _load(fig, i) for i, u in enumerate(fig.nodes) if fig.present[i]}
    busiest = max((x for x in loads.values() if x is not None), default=0.0)
    value = {u: busiest if x is None else x for u, x in loads.items()}
    order = sorted(value, key=lambda u: (-value[u], u))
    return Ranking(
        "load", {u: r for r, u in enumerate(order, start=1)}, {u: round(value[u], 2) for u in order}
    )


def _load(fig: Figures, i: int) -> float | None:
    """Load per FTE as the bottleneck analysis has it: None = demand but no capacity recorded."""
    d, f = fig.demand[i], fig.fte[i]
    if d <= 0:
        return 0.0
    return d / f if f > 0 else None


def bottlenecks_section(
    before: Figures,
    after: Figures,
    change: Delta,
    consumers_before: Mapping[str, Sequence[str]],
    rankings: tuple[Ranking, Ranking],
    threshold: float,
    top: int,
) -> BottleneckImpact:
    new, resolved = _single_points(before, after, change, consumers_before)
    over_b, over_a, crossings = _crossings(before, after, threshold)
    rb, ra = rankings
    if rb.kind == "composite":
        ranking = "bottleneck score (reach, single point, structure, brokerage, load: orggraph bottlenecks)"
        note = "Ranking recomputed in full for both versions."
    else:
        ranking = "load per FTE (yearly demand weighted by criticality, per FTE of capacity)"
        note = (
            f"Above {COMPOSITE_LIMIT:,} units the full bottleneck score (reach, cascades, betweenness) is "
            "not recomputed per scenario; movers are ranked by load per FTE. Run orggraph bottlenecks on "
            "both versions for the full ranking."
        )
    return BottleneckImpact(
        new_single_point_count=len(new),
        new_single_points=tuple(new[:top]),
        resolved_single_point_count=len(resolved),
        resolved_single_points=tuple(resolved[:top]),
        load_threshold=threshold,
        overloaded_before=over_b,
        overloaded_after=over_a,
        went_over=sum(1 for c in crossings if c.direction == "over"),
        went_under=sum(1 for c in crossings if c.direction == "under"),
        load_crossings=tuple(crossings[:top]),
        ranking=ranking,
        movers=tuple(_movers(before, after, rb, ra, top)),
        note=note,
    )


def _single_points(
    before: Figures, after: Figures, change: Delta, consumers_before: Mapping[str, Sequence[str]]
) -> tuple[list[SinglePoint], list[SinglePoint]]:
    candidates = set(change.changed_caps)
    candidates.update(d.capability_id for d in change.new_deps + change.gone_deps)
    gone: dict[str, set[str]] = {}
    added: dict[str, set[str]] = {}
    for d in change.gone_deps:
        gone.setdefault(d.capability_id, set()).add(d.consumer)
    for d in change.new_deps:
        added.setdefault(d.capability_id, set()).add(d.consumer)
    caps_b = {c.id: c for c in before.org.capabilities}
    caps_a = {c.id: c for c in after.org.capabilities}
    new, resolved = [], []
    for cid in sorted(candidates):
        cons_b = set(consumers_before.get(cid, ()))
        cons_a = (cons_b - gone.get(cid, set())) | added.get(cid, set())
        pb, nb, fb = _status(before.org, caps_b, cid, cons_b)
        pa, na, fa = _status(after.org, caps_a, cid, cons_a)
        single_b, single_a = len(pb) == 1 and nb > 0, len(pa) == 1 and na > 0
        if single_a and (not single_b or pb != pa):
            new.append(_point(after.org, caps_a, cid, pb, pa, na, fa))
        elif single_b and not single_a and pa:
            resolved.append(_point(before.org, caps_b, cid, pb, pa, nb, fb))
    key = lambda p: (-p.consumers, p.capability)  # noqa: E731
    return sorted(new, key=key), sorted(resolved, key=key)


def _status(org: Org, caps: Mapping, cid: str, consumers: Iterable[str]) -> tuple[tuple[str, ...], int, int]:
    """(providers present, consumers other than them, front-line consumers) of one capability."""
    units = org.unit_by_id
    if cid in caps:
        providers = tuple(p for p in caps[cid].providers if p in units)
    elif cid.startswith(IMPLICIT_PREFIX) and cid[len(IMPLICIT_PREFIX) :] in units:
        providers = (cid[len(IMPLICIT_PREFIX) :],)
    else:
        providers = ()
    real = [u for u in consumers if u in units and u not in providers]
    return providers, len(real), sum(1 for u in real if units[u].front_line)


def _point(
    org: Org, caps: Mapping, cid: str, pb: tuple[str, ...], pa: tuple[str, ...], consumers: int, front: int
) -> SinglePoint:
    provider = (pa or pb)[0]
    unit = org.unit_by_id.get(provider)
    provider_name = unit.name if unit else provider
    name = caps[cid].name if cid in caps else f"work from {provider_name}"
    return SinglePoint(
        capability=cid,
        name=name,
        provider=provider,
        provider_name=provider_name,
        consumers=consumers,
        front_line_consumers=front,
        providers_before=pb,
        providers_after=pa,
    )


def _crossings(before: Figures, after: Figures, threshold: float) -> tuple[int, int, list[LoadChange]]:
    def over(x: float | None) -> bool:
        return x is None or x > threshold

    loads_b = [_load(before, i) if before.present[i] else 0.0 for i in range(len(before.nodes))]
    loads_a = [_load(after, i) if after.present[i] else 0.0 for i in range(len(after.nodes))]
    count_b = sum(1 for i, x in enumerate(loads_b) if before.present[i] and over(x))
    count_a = sum(1 for i, x in enumerate(loads_a) if after.present[i] and over(x))
    out = []
    names = after.org.unit_by_id
    for i, unit in enumerate(after.nodes):
        if not (after.present[i] and before.present[i]) or over(loads_b[i]) == over(loads_a[i]):
            continue
        out.append(
            LoadChange(
                unit=unit,
                name=names[unit].name,
                before=_round(loads_b[i]),
                after=_round(loads_a[i]),
                direction="over" if over(loads_a[i]) else "under",
            )
        )

    def key(c: LoadChange) -> tuple[int, float, str]:
        big = max(float("inf") if x is None else x for x in (c.before, c.after))
        return (c.direction != "over", -big, c.unit)

    return count_b, count_a, sorted(out, key=key)


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def _movers(before: Figures, after: Figures, rb: Ranking, ra: Ranking, top: int) -> list[RankMove]:
    names = after.org.unit_by_id
    out = []
    for unit, r1 in rb.rank.items():
        r2 = ra.rank.get(unit)
        if r2 is None or r1 == r2 or min(r1, r2) > MOVER_WINDOW:
            continue
        out.append(
            RankMove(
                unit=unit,
                name=names[unit].name,
                rank_before=r1,
                rank_after=r2,
                score_before=rb.score[unit],
                score_after=ra.score[unit],
            )
        )
    out.sort(key=lambda m: (-abs((m.rank_after or 0) - (m.rank_before or 0)), m.unit))
    return out[:top]
