"""The silo analysis's findings: ranked, each with its evidence and a suggested action.

Private to :mod:`orggraph.analysis.silos`, which computes the figures and hands them here with
a :class:`Context` (the graph as arrays, indexed by vertex and by group).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np

from orggraph.analysis._silo_report import (
    Broker,
    Community,
    Finding,
    GroupPair,
    GroupSilo,
    Severity,
    SiloLevel,
    SoleLink,
    SplitGroup,
)
from orggraph.analysis.ona import BROKERAGE_ROLES, EdgeArrays
from orggraph.model import CRITICALITY_WEIGHT

__all__ = ["Context", "findings"]


@dataclass
class Context:
    """Shared state of one run (arrays indexed by vertex or by group)."""

    G: nx.DiGraph
    level: SiloLevel
    A: EdgeArrays
    grp: np.ndarray
    group_ids: list[str]
    group_names: list[str]
    size: np.ndarray
    ext_of_person: np.ndarray
    index: dict[object, int]
    member_lists: list[np.ndarray]

    def unit_name(self, i: int) -> str:
        return str(self.G.nodes[self.A.nodes[i]].get("name", self.A.nodes[i]))

    def who(self, i: int) -> str:
        """A unit's name with its id, for actions ("Kim Ito (kim.ito)"; "person 7" says it already)."""
        name, uid = self.unit_name(i), str(self.A.nodes[i])
        return name if uid in name.split() else f"{name} ({uid})"

    def members(self, g: int) -> np.ndarray:
        """Vertices of group g, in id order."""
        return self.member_lists[g]


def _ties_with(ctx: Context, p: int, h: int) -> list[tuple[str, str, dict]]:
    """Edges (u, v, data) between unit p and members of group h, either direction."""
    G, node = ctx.G, ctx.A.nodes[p]

    def in_h(u: object) -> bool:
        return int(ctx.grp[ctx.index[u]]) == h

    out = [(node, v, d) for v, d in G.succ[node].items() if in_h(v)]
    out += [(u, node, d) for u, d in G.pred[node].items() if in_h(u)]
    return sorted(out, key=lambda e: (e[0], e[1]))


def _severity(score: float) -> Severity:
    return "high" if score >= 70 else "medium" if score >= 45 else "low" if score >= 25 else "info"


def _finding(kind: str, score: float, title: str, evidence: str, action: str, groups=(), units=()) -> Finding:
    return Finding(
        kind=kind,  # type: ignore[arg-type]
        severity=_severity(score),
        score=round(score, 1),
        title=title,
        evidence=evidence,
        action=action,
        groups=tuple(groups),
        units=tuple(units),
    )


def _ties_between_people(ctx: Context, p: int, members: np.ndarray) -> dict[int, int]:
    """For each member (other than p), how many ties it has with p, either direction."""
    node = ctx.A.nodes[p]
    member_set = set(members.tolist())
    out: Counter = Counter()
    for other in list(ctx.G.succ[node]) + list(ctx.G.pred[node]):
        j = ctx.index[other]
        if j in member_set and j != p:
            out[j] += 1
    return out


def _carriers_word(ctx: Context, units: list[int]) -> str:
    teams = any(ctx.G.nodes[ctx.A.nodes[i]].get("kind") == "team" for i in units)
    return ("unit" if teams else "person") if len(units) == 1 else ("units" if teams else "people")


def _leaves(ctx: Context, i: int) -> str:
    """How losing a unit reads: a person leaves, a team becomes unavailable."""
    return "is unavailable" if ctx.G.nodes[ctx.A.nodes[i]].get("kind") == "team" else "leaves"


def _second_bridge(ctx: Context, g: int, bridges: list[int]) -> int | None:
    """The member of g, not already a bridge, who works most with the bridges (then most ties, then id)."""
    members = ctx.members(g)
    closeness: Counter = Counter()
    for p in bridges:
        closeness.update(_ties_between_people(ctx, p, members))
    degree = {int(i): ctx.G.degree(ctx.A.nodes[i]) for i in members}
    candidates = [int(i) for i in members if int(i) not in bridges]
    if not candidates:
        return None
    return min(
        candidates, key=lambda i: (-closeness[i], -int(ctx.ext_of_person[i]), -degree[i], ctx.A.nodes[i])
    )


def findings(
    ctx: Context,
    *,
    groups: list[GroupSilo],
    partner_of: list[np.ndarray],
    partner_ties: list[np.ndarray],
    sole: list[SoleLink],
    never_count: int,
    never: list[GroupPair],
    reached: np.ndarray | None,
    group_reached: np.ndarray | None,
    communities: list[Community],
    splits: list[SplitGroup],
    brokers: list[Broker],
    silo_ei: float,
    silo_insularity: float,
    top: int,
) -> list[Finding]:
    word = ctx.level
    k = len(ctx.group_ids)
    gidx = {g: i for i, g in enumerate(ctx.group_ids)}
    names = ctx.group_names
    found: dict[str, list[Finding]] = defaultdict(list)

    def strongest_partners(g: int) -> list[int]:
        """g's partner groups, most ties first, then by id."""
        order = np.lexsort((partner_of[g], -partner_ties[g]))
        return partner_of[g][order].tolist()

    front_groups = sorted(
        (g for g in groups if g.front_line), key=lambda s: (-s.front_line, -s.size, s.group)
    )

    def shadow_partner(g: int) -> int | None:
        """Whom a silo should shadow: its strongest partner, else the front line, else the largest group."""
        if partner_of[g].size:
            return strongest_partners(g)[0]
        if front_groups and front_groups[0].group != ctx.group_ids[g]:
            return gidx[front_groups[0].group]
        others = [h for h in range(k) if h != g]
        return min(others, key=lambda h: (-int(ctx.size[h]), ctx.group_ids[h])) if others else None

    # silos (only the top ones are written up: at team level there can be thousands)
    def is_silo(s: GroupSilo) -> bool:
        ei = s.ei_index if s.ei_index is not None else -1.0
        return s.size >= 2 and ei <= silo_ei and s.insularity >= silo_insularity

    for s in sorted(filter(is_silo, groups), key=lambda s: (-s.insularity, s.group))[:top]:
        g = gidx[s.group]
        cut_off = s.reaches_customer is False
        total = s.internal_ties + s.external_ties
        if total:
            inside = (
                f"{s.internal_ties} of its {total} dependency ties stay inside (E-I index "
                f"{s.ei_index:+.2f}; {s.ei_weighted:+.2f} weighted by criticality and cadence; a random "
                f"mix of partners would give {s.ei_expected:+.2f})."
            )
        else:
            inside = "It has no dependency ties at all, inside or outside."
        others = [names[h] for h in strongest_partners(g)]
        with_whom = f": {', '.join(others[:5])}" if others else ""
        liaison = min(
            (int(i) for i in ctx.members(g)),
            key=lambda i: (-int(ctx.ext_of_person[i]), -ctx.G.degree(ctx.A.nodes[i]), ctx.A.nodes[i]),
        )
        other = shadow_partner(g)
        evidence = (
            f"{s.name} ({s.size} units): {inside} It exchanges work with {s.partners} of the {k - 1} other "
            f"{word}s{with_whom}."
            + (" No front-line unit depends on its work, directly or through others." if cut_off else "")
        )
        action = f"Name a liaison: {ctx.who(liaison)} as {s.name}'s contact"
        action += f" for {names[other]}" if other is not None else ""
        action += (
            f", and set up job shadowing between {s.name} and {names[other]}." if other is not None else "."
        )
        found["silo"].append(
            _finding(
                "silo",
                50 + 50 * s.insularity,
                f"{s.name} works almost only with itself"
                if s.external_ties
                else f"{s.name} works only with itself",
                evidence,
                action,
                groups=(s.group,) + ((ctx.group_ids[other],) if other is not None else ()),
                units=(str(ctx.A.nodes[liaison]),),
            )
        )

    # fragile boundaries: 3+ units whose external ties all run through one or two people
    fragile = [
        s
        for s in groups
        if s.size >= 3
        and s.external_ties
        and s.spanner_count <= 2
        and s.group not in {sp.unit for sp in s.spanners}
    ]
    for s in sorted(fragile, key=lambda s: (s.spanner_count, -s.external_ties, s.group))[:top]:
        g = gidx[s.group]
        bridges = [ctx.index[sp.unit] for sp in s.spanners]
        carried = " and ".join(f"{sp.name} ({sp.external_ties})" for sp in s.spanners)
        second = _second_bridge(ctx, g, bridges)
        action = "Build a second bridge"
        if second is not None:
            action += (
                f": {ctx.who(second)}, who works most with "
                f"{' and '.join(sp.name for sp in s.spanners)}, could share the contact with the "
                f"other {word}s."
            )
        else:
            action += " person."
        found["fragile-boundary"].append(
            _finding(
                "fragile-boundary",
                68 if s.spanner_count == 1 else 58,
                f"{s.name}'s ties to other {word}s run through {s.spanner_count} "
                f"{_carriers_word(ctx, bridges)}",
                (
                    f"{s.name}'s only tie with another {word} is carried by {carried}."
                    if s.external_ties == 1
                    else f"All {s.external_ties} of {s.name}'s ties with other {word}s are carried by "
                    f"{carried}."
                ),
                action,
                groups=(s.group,),
                units=tuple(sp.unit for sp in s.spanners)
                + ((str(ctx.A.nodes[second]),) if second is not None else ()),
            )
        )

    # sole links
    for link in sole[:top]:
        g, h, p = gidx[link.group], gidx[link.partner], ctx.index[link.unit]
        ties = _ties_with(ctx, p, h)
        depends = [d for u, _, d in ties if u == link.unit]
        served = [d for u, _, d in ties if u != link.unit]
        what = sorted({lk.capability_name for d in depends for lk in d.get("links", ())})
        parts = []
        if depends:
            parts.append(
                f"{names[g]} depends on {names[h]} through {link.unit_name}"
                + (f" for {', '.join(what[:3])}" if what else "")
                + f" ({len(depends)} tie{'s' if len(depends) != 1 else ''})"
            )
        if served:
            parts.append(
                f"{names[h]} depends on {link.unit_name} in {len(served)} "
                f"tie{'s' if len(served) != 1 else ''}"
            )
        second = _second_bridge(ctx, g, [p])
        score = 40 + 6 * CRITICALITY_WEIGHT[link.max_criticality] + (4 if depends else 0)
        found["sole-link"].append(
            _finding(
                "sole-link",
                score,
                f"If {link.unit_name} {_leaves(ctx, p)}, {names[g]} loses its only link to {names[h]}",
                (
                    f"{link.unit_name} carries {names[g]}'s only tie with {names[h]} "
                    if link.ties == 1
                    else f"{link.unit_name} carries all {link.ties} of {names[g]}'s ties with {names[h]} "
                )
                + f"(most critical: {link.max_criticality}): "
                + "; ".join(parts)
                + ".",
                "Train a second bridge person"
                + (
                    f": {ctx.who(second)}, who works most with "
                    f"{link.unit_name}, could learn the work with {names[h]}."
                    if second is not None
                    else "."
                ),
                groups=(link.group, link.partner),
                units=(link.unit,) + ((str(ctx.A.nodes[second]),) if second is not None else ()),
            )
        )

    # reach of the customer
    if reached is not None and group_reached is not None:
        front_name = front_groups[0].name if front_groups else "the front line"
        for s in [s for s in groups if not group_reached[gidx[s.group]]][:top]:
            g = gidx[s.group]
            members = ctx.members(g)
            found["cut-off"].append(
                _finding(
                    "cut-off",
                    60,
                    f"No front-line unit depends on {s.name}",
                    f"None of {s.name}'s {s.size} units has a dependency path to a front-line unit: "
                    "no front-line unit depends on them, directly or through others. Either their work "
                    "never reaches a customer or the data misses a link.",
                    f"Check what {s.name}'s work is for; record the missing dependency, or connect it to a "
                    f"front-line need (for example job shadowing in {front_name}).",
                    groups=(s.group,),
                    units=tuple(str(ctx.A.nodes[i]) for i in members[:top]),
                )
            )
        mask = np.ones(ctx.A.n, dtype=bool)
        mask[reached] = False
        loose = [int(i) for i in np.flatnonzero(mask) if group_reached[ctx.grp[i]]]
        if loose:
            shown = ", ".join(f"{ctx.unit_name(i)} ({names[int(ctx.grp[i])]})" for i in loose[:10])
            more = f" and {len(loose) - 10} more (all listed in the report)" if len(loose) > 10 else ""
            found["cut-off-units"].append(
                _finding(
                    "cut-off-units",
                    40,
                    f"{len(loose)} units have no path to the front line",
                    f"No front-line unit depends on these units, directly or through others: {shown}{more}.",
                    "Check each: record the dependency the data misses, or ask what their work is for.",
                    groups=tuple(sorted({ctx.group_ids[int(ctx.grp[i])] for i in loose})),
                    units=tuple(str(ctx.A.nodes[i]) for i in loose),
                )
            )

    # detected communities against the formal groups
    for split in splits[:top]:
        parts_text = ", ".join(f"{m} in community {c}" for c, m in split.parts)
        found["split-group"].append(
            _finding(
                "split-group",
                35,
                f"{split.name} works as {len(split.parts)} separate groups",
                f"The working communities found in the dependencies split {split.name}'s {split.size} units: "
                f"{parts_text}.",
                f"Check whether {split.name}'s parts should work together; if so, hold joint planning "
                "or name a liaison between them.",
                groups=(split.group,),
            )
        )
    for c in [c for c in communities if c.spans_groups][:top]:
        mix = ", ".join(f"{gs.name} {gs.members}" for gs in c.groups)
        found["cross-group-community"].append(
            _finding(
                "cross-group-community",
                15,
                f"A working community spans {' and '.join(gs.name for gs in c.groups[:3])}",
                f"Community {c.id} ({c.size} units) draws on several {word}s: {mix}.",
                "A real cross-functional team: recognise it (a name, an owner) rather than break it up "
                "in a reorg.",
                groups=tuple(gs.group for gs in c.groups),
            )
        )

    if never_count:
        examples = "; ".join(f"{p.a_name} and {p.b_name}" for p in never[:5])
        found["no-exchange"].append(
            _finding(
                "no-exchange",
                20,
                f"{never_count} pair{'s' if never_count != 1 else ''} of {word}s never exchange"
                f"{'s' if never_count == 1 else ''} work directly",
                f"Of {k * (k - 1) // 2} pairs of {word}s, {never_count} have no direct dependency, "
                f"for example {examples}.",
                "Check the pairs that should work together; they may rely on someone in between.",
                groups=tuple(dict.fromkeys(g for p in never[:5] for g in (p.a, p.b))),
            )
        )

    for b in brokers[:3]:
        if not b.cross_group:
            continue
        roles = ", ".join(f"{role} on {getattr(b, role)}" for role in BROKERAGE_ROLES[1:] if getattr(b, role))
        found["key-broker"].append(
            _finding(
                "key-broker",
                30,
                f"{b.name} holds {word}s together ({b.main_role})",
                f"{b.name} ({names[gidx[b.group]]}) sits in the middle of {b.cross_group} two-step "
                f"dependency paths that cross a {word} boundary: {roles}."
                + (f" Burt's constraint {b.constraint:.2f}." if b.constraint is not None else ""),
                f"Make sure {b.name} has a backup and time for this bridging work.",
                groups=(b.group,),
                units=(b.unit,),
            )
        )

    # each kind's list is already in a deterministic, most-serious-first order; keep it among equal scores
    ranked = [f for kind in found for f in found[kind][:top]]
    ranked.sort(key=lambda f: -f.score)
    return ranked
