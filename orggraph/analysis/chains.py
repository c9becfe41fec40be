"""Critical chains to the front line: what feeds customer-facing units, how long it takes, where it loops.

A *chain* starts at a front-line unit and follows "depends on" edges upstream: the front-line
consumer, its provider, that provider's provider, and so on. Its *lead time* is the sum of the
lead times of its hand-offs.

The rules behind the figures (the README repeats them for managers):

* Chains follow the **primary provider** of each capability, the route work normally takes;
  each hand-off says whether the capability has a backup. With ``include_backups=True`` every
  provider counts as a route. Reporting lines are never part of a chain.
* Between two units linked by several dependencies the chain takes the **slowest** one (it sets
  the pace) and shows its capability, cadence, criticality and lead time.
* A **loop** (units that wait on each other, directly or through others) is one step. Every member
  of a loop waits, directly or through the others, on every hand-off inside it, so a chain passing
  through the loop waits at least as long as the loop's slowest internal hand-off: that hand-off is
  counted **once**, and the chain then leaves the loop from whichever member gives the longest
  continuation. Going round a loop is never counted, so nothing is double counted and nothing hangs.
* A lead time the data leaves blank counts as 0 hours and is marked as unknown.
* Everything is computed on the condensation (loops collapsed) by dynamic programming, and line
  of sight by one breadth-first and one Dijkstra search from the whole front line: near-linear work,
  never an enumeration of paths. Ties are broken by unit id, so every run gives the same report.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from orggraph.analysis._chain_build import ChainBuilder
from orggraph.analysis._supply import (
    SupplyGraph,
    bfs_depths,
    build_supply_graph,
    front_line_distances,
    longest_chains,
)
from orggraph.analysis.chain_models import (
    CYCLE_RULE,
    Chain,
    ChainLink,
    ChainReport,
    Cycle,
    CycleLink,
    DepthCount,
    FrontLineSummary,
    LineOfSight,
    Supply,
    SupplyItem,
    WeakestLink,
)
from orggraph.exceptions import UnitNotFound
from orggraph.graph import org_of

__all__ = [
    "Chain",
    "ChainLink",
    "ChainReport",
    "Cycle",
    "CycleLink",
    "DepthCount",
    "FrontLineSummary",
    "LineOfSight",
    "Supply",
    "SupplyItem",
    "WeakestLink",
    "chains",
]


def chains(
    G: nx.DiGraph,
    *,
    front_line: str | Iterable[str] | None = None,
    top: int = 10,
    include_backups: bool = False,
    supply_limit: int = 200,
) -> ChainReport:
    """Critical chains, loops and line of sight, from the front line upstream.

    Parameters
    ----------
    G : networkx.DiGraph
        A graph from :func:`orggraph.build_graph` (edges consumer -> provider, "depends on").
    front_line : str or iterable of str, optional
        The unit id(s) to treat as the front line; by default every unit marked ``front_line``.
    top : int
        How many front-line units get a full chain (by hours and by hops) and a supply listing.
    include_backups : bool
        Follow backup providers too, not only the primary provider of each capability.
    supply_limit : int
        Most items listed per supply (the counts are always complete).

    Returns
    -------
    ChainReport
        Ranked critical and longest chains with their weakest links, a summary for every
        front-line unit, upstream supply, circular dependencies and every unit's line of sight.

    Raises
    ------
    UnitNotFound
        A unit named in ``front_line`` does not exist.
    ValueError
        ``G`` is a team or department roll-up: chains need the unit-level graph.
    """
    if G.graph.get("level", "person") != "person":
        raise ValueError(
            "chains need the unit-level graph from build_graph, not a team or department roll-up"
        )
    S = build_supply_graph(G, include_backups=include_backups)
    sources = _front_line(G, S, front_line)
    L = longest_chains(S)
    b = ChainBuilder(G, org_of(G), S, include_backups)

    summaries = {}
    for f in sources:
        c = S.comp[f]
        summaries[S.nodes[f]] = FrontLineSummary(
            unit=S.nodes[f],
            name=b.names[f],
            critical_hours=L.hours[c],
            critical_hops=L.hops[c],
            critical_path=b.path(b.walk(f, L.next_h, L.loop_link)),
            longest_hops=L.k_hops[c],
            longest_hours=L.k_hours[c],
            longest_path=b.path(b.walk(f, L.next_k, L.loop_link)),
            loop=b.loop_key(c),
        )
    by_hours = sorted(summaries.values(), key=lambda s: (-s.critical_hours, -s.critical_hops, s.unit))[:top]
    by_hops = sorted(summaries.values(), key=lambda s: (-s.longest_hops, -s.longest_hours, s.unit))[:top]
    walks_h = [(S.index[s.unit], b.walk(S.index[s.unit], L.next_h, L.loop_link)) for s in by_hours]
    walks_k = [(S.index[s.unit], b.walk(S.index[s.unit], L.next_k, L.loop_link)) for s in by_hops]
    b.index_known(walk for _, walk in walks_h + walks_k)

    hops, near_k, order = bfs_depths(S, sources)
    hours, near_h = front_line_distances(S, sources)
    supply = [b.supply(None, hops, order, supply_limit)]
    for f, _ in walks_h:
        depth, _, reached = bfs_depths(S, [f])
        supply.append(b.supply(f, depth, reached, supply_limit))
    sight = {}
    for i, unit in enumerate(S.nodes):
        ok = hops[i] >= 0
        sight[unit] = LineOfSight(
            unit=unit,
            name=b.names[i],
            reaches_front_line=ok,
            hops=hops[i] if ok else None,
            hours=hours[i] if ok else None,
            nearest_by_hops=S.nodes[near_k[i]] if ok else None,
            nearest_by_hours=S.nodes[near_h[i]] if ok else None,
        )
    cycles = sorted(
        (b.cycle(c, step) for c, step in L.loop_link.items()), key=lambda y: (-len(y.members), y.key)
    )
    return ChainReport(
        front_line=tuple(S.nodes[f] for f in sources),
        include_backups=include_backups,
        cycle_rule=CYCLE_RULE,
        critical=tuple(b.chain(f, walk) for f, walk in walks_h),
        longest=tuple(b.chain(f, walk) for f, walk in walks_k),
        front_line_units=summaries,
        supply=tuple(supply),
        cycles=tuple(cycles),
        line_of_sight=sight,
        units_without_path=sum(1 for d in hops if d < 0),
    )


def _front_line(G: nx.DiGraph, S: SupplyGraph, front_line: str | Iterable[str] | None) -> list[int]:
    """Indices of the front-line units, in id order."""
    if front_line is None:
        return sorted(S.index[n] for n, flag in G.nodes(data="front_line") if flag)
    names = [front_line] if isinstance(front_line, str) else list(front_line)
    for name in names:
        if name not in S.index:
            raise UnitNotFound(name, "Name a unit id from the organisation data as the front line.")
    return sorted({S.index[n] for n in names})
