"""Turns the index-space results of :mod:`orggraph.analysis._supply` into report models.

Kept apart from :mod:`orggraph.analysis.chains` so that module stays a short read: the rules and
the public function. Here: walking a chain, its weakest link, the supply listing, loop texts.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from orggraph.analysis._supply import Step, SupplyGraph, chosen_link, eligible, layers
from orggraph.analysis.chain_models import (
    Chain,
    ChainLink,
    Cycle,
    CycleLink,
    DepthCount,
    Supply,
    SupplyItem,
    WeakestLink,
)
from orggraph.model import IMPLICIT_PREFIX, Org

__all__ = ["ChainBuilder", "Walk", "render_chain"]

Walk = list[tuple[int, int, str | None]]
"""A chain as hand-offs (consumer index, provider index, loop key or None)."""


class ChainBuilder:
    """Builds report models for one analysis run; caches per-unit figures it needs more than once."""

    def __init__(self, G: nx.DiGraph, org: Org, S: SupplyGraph, include_backups: bool) -> None:
        self.G, self.org, self.S, self.include_backups = G, org, S, include_backups
        names = dict(G.nodes(data="name"))
        self.names = [names[n] for n in S.nodes]
        self._load: dict[int, float] = {}
        self._known: dict[tuple[str, str], bool] = {}

    def loop_key(self, c: int) -> str | None:
        """A loop's stable key, its smallest member id (None for a unit in no loop)."""
        members = self.S.comps[c]
        return self.S.nodes[members[0]] if len(members) > 1 else None

    def walk(self, f: int, nxt: list[Step | None], loop_link: dict[int, Step]) -> Walk:
        """The chain from ``f`` following ``nxt``, with each loop's counted hand-off where it is passed."""
        out: Walk = []
        c = self.S.comp[f]
        while True:
            if c in loop_link:
                a, b = loop_link[c]
                out.append((a, b, self.loop_key(c)))
            step = nxt[c]
            if step is None:
                return out
            out.append((step[0], step[1], None))
            c = self.S.comp[step[1]]

    def path(self, walk: Walk) -> tuple[str, ...]:
        """Unit ids along a chain, front-line unit first (a consumer repeats only after a loop)."""
        if not walk:
            return ()
        out = [walk[0][0]]
        for u, v, _ in walk:
            if u != out[-1]:
                out.append(u)
            out.append(v)
        return tuple(self.S.nodes[i] for i in out)

    def index_known(self, walks: Iterable[Walk]) -> None:
        """Record which hand-offs on these chains have a lead time in the data (a blank is read as 0)."""
        consumers = {self.S.nodes[u] for walk in walks for u, _, _ in walk}
        org = self.org
        for dep in org.dependencies:
            if dep.consumer in consumers:
                cap = org.capability_by_id.get(dep.capability_id)
                known = dep.lead_time_hours is not None or (
                    cap is not None and cap.lead_time_hours is not None
                )
                key = (dep.consumer, dep.capability_id)
                self._known[key] = self._known.get(key, False) or known

    def chain(self, f: int, walk: Walk) -> Chain:
        """The report model of a walked chain (call :meth:`index_known` on its walk first)."""
        S, names = self.S, self.names
        links, total = [], 0.0
        for u, v, loop in walk:
            link = chosen_link(self.G.edges[S.nodes[u], S.nodes[v]]["links"], self.include_backups)
            assert link is not None, "every supply-graph edge has an eligible link"
            lead = link.lead_time_hours
            total += lead
            consumer, provider = S.nodes[u], S.nodes[v]
            providers = self.org.capability_by_id[link.capability].providers
            links.append(
                ChainLink(
                    consumer=consumer,
                    consumer_name=names[u],
                    provider=provider,
                    provider_name=names[v],
                    capability=link.capability,
                    capability_name=link.capability_name,
                    cadence=link.cadence,
                    criticality=link.criticality,
                    lead_time_hours=lead,
                    lead_time_known=self._known.get((consumer, link.capability), False),
                    has_backup=link.providers > 1,
                    backups=tuple(p for p in providers if p != provider),
                    cumulative_hours=total,
                    loop=loop,
                )
            )
        return Chain(
            front_line=S.nodes[f],
            front_line_name=names[f],
            total_hours=total,
            hops=len(links),
            links=tuple(links),
            weakest_link=self._weakest(links),
            text=render_chain(
                names[f], links, {link.loop: self.loop_label(link.loop) for link in links if link.loop}
            ),
        )

    def loop_label(self, key: str) -> str:
        """ "loop of Dana Reyes and Nadia Farouk" (or "loop of 57 units around Dana Reyes" when large)."""
        i = self.S.index[key]
        members = [self.names[m] for m in self.S.comps[self.S.comp[i]]]
        if len(members) > 4:
            return f"loop of {len(members)} units around {self.names[i]}"
        return "loop of " + ", ".join(members[:-1]) + " and " + members[-1]

    def load_per_fte(self, i: int) -> float:
        """Yearly demand on the unit as primary provider (events x criticality weight) per FTE.

        Demand a unit receives only as a backup is not counted; a unit with no recorded FTE counts as one.
        """
        if i not in self._load:
            unit = self.S.nodes[i]
            demand = sum(
                link.weight
                for data in self.G.pred[unit].values()
                for link in data["links"]
                if link.provider_rank == 0 and not link.reporting
            )
            self._load[i] = demand / (self.G.nodes[unit]["fte"] or 1.0)
        return self._load[i]

    def _weakest(self, links: list[ChainLink]) -> WeakestLink | None:
        """No backup first, then the busiest provider (load per FTE), then the slowest, then the nearest."""
        if not links:
            return None
        loads = [self.load_per_fte(self.S.index[link.provider]) for link in links]
        pos = min(
            range(len(links)), key=lambda k: (links[k].has_backup, -loads[k], -links[k].lead_time_hours, k)
        )
        w = links[pos]
        group = [k for k in range(len(links)) if links[k].has_backup == w.has_backup]
        if w.has_backup:
            reasons = ["every hand-off on the chain has a backup provider"]
        else:
            reasons = [f"no backup provider for '{w.capability_name}' ({w.provider_name} is the only one)"]
        load = f"{w.provider_name} carries {loads[pos]:,.0f} weighted requests a year per FTE"
        if len(group) > 1:
            load += ", the most " + (
                "on the chain" if len(group) == len(links) else "of the hand-offs without one"
            )
        reasons.append(load)
        if len(links) > 1 and w.lead_time_hours == max(link.lead_time_hours for link in links):
            reasons.append(f"it is the slowest hand-off on the chain ({w.lead_time_hours:g} h)")
        return WeakestLink(
            position=pos,
            provider=w.provider,
            capability=w.capability,
            has_backup=w.has_backup,
            load_per_fte=loads[pos],
            lead_time_hours=w.lead_time_hours,
            reason="; ".join(reasons) + ".",
        )

    def supply(self, f: int | None, depth: list[int], order: list[int], limit: int) -> Supply:
        """Units and capabilities upstream of ``f`` (of the whole front line when ``f`` is None).

        ``depth``/``order`` come from a breadth-first search started at ``f`` (or at the front line).
        Counts are complete; only the first ``limit`` items, nearest first, are listed.
        """
        S = self.S
        unit_layers, cap_layers = layers(S, depth, order)
        # unit_layers[d]: units at depth d (0 = where the search began); cap_layers[d]: capabilities at d + 1
        counts = []
        for d in range(1, len(unit_layers) + 1):
            n_units = len(unit_layers[d]) if d < len(unit_layers) else 0
            if n_units or cap_layers[d - 1]:
                counts.append((d, n_units, len(cap_layers[d - 1])))
        items: list[SupplyItem] = []
        capability_by_id = self.org.capability_by_id
        for d, _, _ in counts:
            if len(items) >= limit:
                break
            if d < len(unit_layers):
                nearest = sorted(unit_layers[d])[: limit - len(items)]  # index order is id order
                items += [
                    SupplyItem(kind="unit", id=S.nodes[i], name=self.names[i], depth=d) for i in nearest
                ]
            for c in sorted(S.cap_ids[k] for k in cap_layers[d - 1])[: limit - len(items)]:
                items.append(SupplyItem(kind="capability", id=c, name=capability_by_id[c].name, depth=d))
        n_units = sum(u for _, u, _ in counts)
        n_caps = sum(c for _, _, c in counts)
        return Supply(
            front_line=S.nodes[f] if f is not None else None,
            name=self.names[f] if f is not None else "the whole front line",
            units=n_units,
            capabilities=n_caps,
            max_depth=counts[-1][0] if counts else 0,
            by_depth=tuple(DepthCount(depth=d, units=u, capabilities=c) for d, u, c in counts),
            items=tuple(items),
            truncated=n_units + n_caps > len(items),
        )

    def _cycle_link(self, u: int, v: int) -> CycleLink:
        S = self.S
        data = self.G.edges[S.nodes[u], S.nodes[v]]
        caps = sorted(
            {(x.capability, x.capability_name) for x in data["links"] if eligible(x, self.include_backups)}
        )
        return CycleLink(
            consumer=S.nodes[u],
            consumer_name=self.names[u],
            provider=S.nodes[v],
            provider_name=self.names[v],
            capabilities=tuple(c for c, _ in caps),
            capability_names=tuple(n for _, n in caps),
            lead_time_hours=S.lead_time(u, v),
        )

    def cycle(self, c: int, slowest: Step) -> Cycle:
        """A loop with its members, the shortest circle through its key member, and its counted hand-off."""
        S = self.S
        members = S.comps[c]
        loop = _shortest_loop(S, c)
        links = tuple(self._cycle_link(u, v) for u, v in zip(loop, loop[1:] + loop[:1], strict=True))
        return Cycle(
            key=S.nodes[members[0]],
            members=tuple(S.nodes[i] for i in members),
            member_names=tuple(self.names[i] for i in members),
            internal_links=sum(1 for u in members for v in S.succ[u] if S.comp[v] == c),
            closing_loop=links,
            slowest_link=self._cycle_link(*slowest),
            text=_waits(links[0]) + "".join(f", which {_waits(x, subject=False)}" for x in links[1:]) + ".",
        )


def _waits(link: CycleLink, subject: bool = True) -> str:
    """ "Marketing waits on Sales for 'Leads'" ("... directly" for a dependency naming the provider)."""
    named = [
        n
        for c, n in zip(link.capabilities, link.capability_names, strict=True)
        if not c.startswith(IMPLICIT_PREFIX)
    ]
    what = "for " + " and ".join(f"'{n}'" for n in named) if named else "directly"
    who = f"{link.consumer_name} " if subject else ""
    return f"{who}waits on {link.provider_name} {what}"


def _shortest_loop(S: SupplyGraph, c: int) -> list[int]:
    """Units on the shortest loop through the component's smallest member (BFS inside the component)."""
    start = S.comps[c][0]
    parent = {start: start}
    frontier = [start]
    while frontier:
        nxt = []
        for u in frontier:
            for v in S.succ[u]:
                if v == start:
                    path = [u]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    return path[::-1]
                if S.comp[v] == c and v not in parent:
                    parent[v] = u
                    nxt.append(v)
        frontier = nxt
    raise AssertionError("a strongly connected component of several units always has a loop")


def render_chain(
    front_line_name: str, links: Iterable[ChainLink], loops: dict[str, str] | None = None
) -> str:
    """ "Store 12 <- Store replenishment from Logistics (daily, 48 h) <- ..."; loops and blanks marked.

    ``loops`` maps a loop key to the words that name the loop ("loop of Marketing and Sales").
    """
    parts = [front_line_name]
    previous = None
    for link in links:
        lead = f"{link.lead_time_hours:g} h" if link.lead_time_known else "lead time unknown"
        text = link.capability_name  # an implicit capability is already named "work from <provider>"
        if not link.capability.startswith(IMPLICIT_PREFIX):
            text += f" from {link.provider_name}"
        if previous is not None and link.consumer != previous:
            text += f", for {link.consumer_name}"
        text += f" ({link.cadence}, {lead})"
        if link.loop is not None:
            label = (loops or {}).get(link.loop, "loop")
            text = f"[{label}, counted once: {text}]"
        parts.append(text)
        previous = link.provider
    return " <- ".join(parts)
