"""Silo analysis: how work really flows between departments, who bridges them, who is cut off.

Every figure is computed on the unit-level dependency graph (an edge u -> v means u depends on
v; each such edge is one **tie**) with the units grouped by department or by team:

* **E-I index** (Krackhardt and Stern): (external - internal) / (external + internal) ties of a
  group, from -1 (all work stays inside) to +1 (all work crosses the boundary); a tie counts for
  a group when one or both of its ends is a member. The *weighted* index counts each tie by
  its yearly demand x criticality weight (the edge ``weight``). The *expected* index is what
  the group would score if its members picked work partners regardless of group (a tie from a
  member goes outside with probability (N - n) / (N - 1)): large groups are naturally inward.
* **Insularity** = 1 - (external share / expected external share), clipped to [0, 1]: 0 is as
  open as a random mix, 1 is no external ties at all. A group of 2+ units is reported as a
  **silo** when it works almost only with itself (E-I index at or below ``silo_ei``, -0.6 by
  default: at least 80% of its ties stay inside) *and* more so than its size explains
  (insularity at least ``silo_insularity``, 0.5). The second condition keeps a department that
  is most of the organisation from being called a silo; the first keeps every department of a
  large organisation (where a random mix would put nearly all ties outside) from being one.
* **Boundary spanners**: the members at the inside end of a group's external ties, with the
  share of those ties each carries. A group whose external ties all run through 1 or 2 people is
  fragile; a partner group reached through exactly one member is a *sole link*.
* **Reach of the customer**: a unit reaches the customer when some front-line unit depends on it,
  directly or through others. Units and groups that do not are listed in full.
* **Working communities**: Leiden (igraph kernel, modularity objective, fixed seed; Louvain on
  request) on the undirected view, reciprocal ties added, weighted by ``weight``; compared with
  the formal groups by modularity and NMI. Leiden is the default because at 100k units it is
  about twice as fast as Louvain and finds higher modularity.
* **Brokerage** (Gould and Fernandez) over open two-step paths, and **Burt's constraint** and
  **effective size**, for every person (see :mod:`orggraph.analysis.ona`).

Findings are ranked by a 0-100 score (high >= 70, medium >= 45, low >= 25, else info), each with
its evidence and a suggested action naming people and groups. Ties are broken by id throughout.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Literal

import networkx as nx
import numpy as np
from pydantic import BaseModel, ConfigDict

from orggraph.analysis.ona import (
    BROKERAGE_ROLES,
    EdgeArrays,
    brokerage_counts,
    burt_measures,
    edge_arrays,
    modularity,
    nmi,
)
from orggraph.graph import org_of, unit_groups
from orggraph.kernels import communities_indexed
from orggraph.model import CRITICALITY_WEIGHT, Org

__all__ = [
    "Broker",
    "Community",
    "Finding",
    "GroupPair",
    "GroupShare",
    "GroupSilo",
    "SiloReport",
    "SoleLink",
    "Spanner",
    "SplitGroup",
    "silos",
]

SiloLevel = Literal["department", "team"]
CommunityMethod = Literal["leiden", "louvain"]
Severity = Literal["high", "medium", "low", "info"]
_PAIR_ENUMERATION_LIMIT = 200_000
_PAIR_CANDIDATES = 600  # above the limit, never-exchanging pairs are listed among the largest groups only
#: Fewest members a group must have in a community (or a community in a group) to count as a real part.
MIN_PART = 3


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Spanner(_Frozen):
    """A member carrying some of the group's external ties."""

    unit: str
    name: str
    external_ties: int
    share: float
    """Share of the group's external ties this person carries (0-1)."""


class GroupSilo(_Frozen):
    """How one department or team works with the others."""

    group: str
    name: str
    size: int
    front_line: int
    internal_ties: int
    external_ties: int
    ties_out: int
    """External ties where a member depends on an outsider."""
    ties_in: int
    """External ties where an outsider depends on a member."""
    ei_index: float | None
    """(external - internal) / (external + internal); None when the group has no ties."""
    ei_weighted: float | None
    """The same, each tie counted by yearly demand x criticality weight."""
    ei_expected: float | None
    """The E-I index a random choice of work partners would give a group of this size."""
    insularity: float
    partners: int
    """Other groups it exchanges work with (in either direction)."""
    main_partners: tuple[str, ...]
    """Its partner groups with the most ties (at most 5), most first."""
    spanner_count: int
    spanners: tuple[Spanner, ...]
    """The top spanners (at most 5), by external ties carried."""
    reaches_customer: bool | None
    """Whether any member's work reaches a front-line unit; None when the data has no front line."""


class GroupPair(_Frozen):
    a: str
    b: str
    a_name: str
    b_name: str


class SoleLink(_Frozen):
    """All of ``group``'s ties with ``partner`` are carried by one member, ``unit``."""

    group: str
    partner: str
    unit: str
    unit_name: str
    ties: int
    weight: float
    max_criticality: str


class GroupShare(_Frozen):
    group: str
    name: str
    members: int
    share: float


class Community(_Frozen):
    """A detected working community (2+ units) and the formal groups it draws on."""

    id: int
    size: int
    groups: tuple[GroupShare, ...]
    """Groups with at least ``MIN_PART`` members and ``min_share`` of its members (else the largest one)."""
    spans_groups: bool


class SplitGroup(_Frozen):
    """A formal group whose members work in several separate communities."""

    group: str
    name: str
    size: int
    parts: tuple[tuple[int, int], ...]
    """(community id, members of the group in it), largest first."""


class Broker(_Frozen):
    """A person's brokerage roles (open two-step paths a -> b -> c through them) and Burt's measures."""

    unit: str
    name: str
    group: str
    coordinator: int
    gatekeeper: int
    representative: int
    itinerant: int
    liaison: int
    cross_group: int
    """All roles but coordinator: the paths that cross a group boundary through this person."""
    main_role: str
    external_ties: int
    constraint: float | None
    effective_size: float | None


class Finding(_Frozen):
    kind: Literal[
        "silo",
        "sole-link",
        "fragile-boundary",
        "cut-off",
        "cut-off-units",
        "split-group",
        "cross-group-community",
        "no-exchange",
        "key-broker",
    ]
    severity: Severity
    score: float
    title: str
    evidence: str
    action: str
    groups: tuple[str, ...] = ()
    units: tuple[str, ...] = ()


class SiloReport(_Frozen):
    """Everything :func:`silos` found; numbers are the same in the CLI, the API and the map."""

    level: SiloLevel
    seed: int
    units: int
    ties: int
    group_count: int
    ei_index: float | None
    """The whole organisation's E-I index: (ties across groups - ties inside) / all ties."""
    ei_weighted: float | None
    groups: tuple[GroupSilo, ...]
    """Most insular first."""
    never_exchange_count: int
    never_exchange: tuple[GroupPair, ...]
    """Pairs of groups with no direct tie, largest pairs first (at most ``top``; with more than 200,000
    pairs, as at team level in a very large organisation, chosen among the 600 largest groups)."""
    sole_link_count: int
    sole_links: tuple[SoleLink, ...]
    reach_assessed: bool
    front_line_units: int
    cut_off_units: tuple[str, ...]
    """Every unit no front-line unit depends on, directly or transitively (sorted by id)."""
    cut_off_groups: tuple[str, ...]
    """Every group none of whose members reaches the front line."""
    community_method: CommunityMethod
    community_count: int
    community_of: dict[str, int]
    """Each unit's detected community (ids ranked by community size)."""
    modularity_formal: float
    modularity_detected: float
    nmi: float
    communities: tuple[Community, ...]
    """Detected communities with 2+ units, largest first."""
    split_groups: tuple[SplitGroup, ...]
    brokers: tuple[Broker, ...]
    """People with any brokerage or external tie, by cross-group then all brokerage (at most ``top``)."""
    findings: tuple[Finding, ...]


@dataclass
class _Context:
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


def silos(
    G: nx.DiGraph,
    *,
    level: SiloLevel = "department",
    seed: int = 0,
    silo_ei: float = -0.6,
    silo_insularity: float = 0.5,
    min_share: float = 0.2,
    top: int = 50,
    resolution: float = 1.0,
    method: CommunityMethod = "leiden",
) -> SiloReport:
    """Silo analysis of an organisation's dependency graph.

    Parameters
    ----------
    G
        The unit-level graph from :func:`orggraph.build_graph` (consumer -> provider).
    level
        Group units by ``"department"`` or ``"team"``.
    seed
        Seed of the community detection (the report is the same for the same seed).
    silo_ei, silo_insularity
        A group of 2+ units is a silo when its E-I index is at most ``silo_ei`` and its
        insularity at least ``silo_insularity``.
    min_share
        Share of a community's (or a group's) members from which a group (or a community) counts
        as a real part of it, when deciding what spans groups and what splits them.
    top
        How many never-exchanging pairs, sole links, brokers and findings of each kind to list
        (counts always cover all of them; cut-off units are always listed in full).
    resolution
        Modularity resolution (above 1 finds smaller communities).
    method
        ``"leiden"`` (default) or ``"louvain"``: how working communities are detected.

    Returns
    -------
    SiloReport
    """
    if level not in ("department", "team"):
        raise ValueError(f"level must be 'department' or 'team', not {level!r}")
    if method not in ("leiden", "louvain"):
        raise ValueError(f"method must be 'leiden' or 'louvain', not {method!r}")
    org = org_of(G)
    A = edge_arrays(G, weight="weight")
    n = A.n
    of_unit = unit_groups(org, level)
    group_ids = sorted({of_unit[u] for u in A.nodes})
    gidx = {g: i for i, g in enumerate(group_ids)}
    k = len(group_ids)
    grp = np.fromiter((gidx[of_unit[u]] for u in A.nodes), dtype=np.int64, count=n)
    size = np.bincount(grp, minlength=k)

    gs, gd = grp[A.src], grp[A.dst]
    inside = gs == gd
    ext = ~inside
    w = A.weight
    int_count = np.bincount(gs[inside], minlength=k)
    int_weight = np.bincount(gs[inside], weights=w[inside], minlength=k)
    out_count = np.bincount(gs[ext], minlength=k)
    in_count = np.bincount(gd[ext], minlength=k)
    ext_count = out_count + in_count
    ext_weight = np.bincount(gs[ext], weights=w[ext], minlength=k) + np.bincount(
        gd[ext], weights=w[ext], minlength=k
    )
    ext_of_person = np.bincount(A.src[ext], minlength=n) + np.bincount(A.dst[ext], minlength=n)

    ctx = _Context(
        G,
        level,
        A,
        grp,
        group_ids,
        [_group_name(org, level, g) for g in group_ids],
        size,
        ext_of_person,
        {u: i for i, u in enumerate(A.nodes)},
        np.split(np.argsort(grp, kind="stable"), np.cumsum(size)[:-1]) if k else [],
    )

    # partner groups and the ties of each unordered pair of groups
    lo, hi = np.minimum(gs[ext], gd[ext]), np.maximum(gs[ext], gd[ext])
    pair_codes, pair_ties = np.unique(lo * k + hi, return_counts=True)
    ends = np.concatenate((pair_codes // k, pair_codes % k))
    others = np.concatenate((pair_codes % k, pair_codes // k))
    order = np.lexsort((others, ends))
    partner_count = np.bincount(ends, minlength=k)
    cuts = np.cumsum(partner_count)[:-1]
    partner_of = np.split(others[order], cuts)  # each group's partners, in id order
    partner_ties = np.split(np.concatenate((pair_ties, pair_ties))[order], cuts)

    sole_count, sole = _sole_links(ctx, ext, top)

    front_mask = np.fromiter((bool(G.nodes[u].get("front_line")) for u in A.nodes), dtype=bool, count=n)
    front_per_group = np.bincount(grp[front_mask], minlength=k)
    reached = _reach(ctx, front_mask)
    front = int(front_mask.sum())
    group_reached = np.bincount(grp[reached], minlength=k) > 0 if reached is not None else None

    # each group's spanners, most external ties first, then by id
    has_ext = ext_of_person > 0
    by_carry = np.lexsort((np.arange(n), -ext_of_person, grp))
    spanner_count = np.bincount(grp[has_ext], minlength=k)
    spanner_lists = np.split(by_carry[has_ext[by_carry]], np.cumsum(spanner_count)[:-1])

    groups = []
    total_units = max(n, 1)
    for g in range(k):
        spanners_g = spanner_lists[g][:5].tolist()
        expected = _ei_expected(int(size[g]), n)
        groups.append(
            GroupSilo(
                group=group_ids[g],
                name=ctx.group_names[g],
                size=int(size[g]),
                front_line=int(front_per_group[g]),
                internal_ties=int(int_count[g]),
                external_ties=int(ext_count[g]),
                ties_out=int(out_count[g]),
                ties_in=int(in_count[g]),
                ei_index=_ei(ext_count[g], int_count[g]),
                ei_weighted=_ei(ext_weight[g], int_weight[g]),
                ei_expected=expected,
                insularity=_insularity(int(ext_count[g]), int(int_count[g]), int(size[g]), total_units),
                partners=int(partner_count[g]),
                main_partners=tuple(
                    group_ids[h] for h in partner_of[g][np.lexsort((partner_of[g], -partner_ties[g]))[:5]]
                ),
                spanner_count=int(spanner_count[g]),
                spanners=tuple(
                    Spanner(
                        unit=str(A.nodes[i]),
                        name=ctx.unit_name(i),
                        external_ties=int(ext_of_person[i]),
                        share=round(float(ext_of_person[i] / ext_count[g]), 4),
                    )
                    for i in spanners_g
                ),
                reaches_customer=None if group_reached is None else bool(group_reached[g]),
            )
        )

    never_count, never = _never_exchange(ctx, pair_codes, top)

    membership = np.asarray(
        communities_indexed(
            n,
            list(zip(A.src.tolist(), A.dst.tolist(), strict=True)),
            A.weight.tolist(),
            method=method,
            seed=seed,
            resolution=resolution,
        ),
        dtype=np.int64,
    )
    communities, splits = _compare_partitions(ctx, membership, min_share)

    counts = brokerage_counts(A, grp)
    constraint, effective = burt_measures(A)
    brokers = _brokers(ctx, counts, constraint, effective, top)

    total_ext, total_int = int(ext.sum()), int(inside.sum())
    report_groups = tuple(
        sorted(groups, key=lambda s: (-s.insularity, s.ei_index if s.ei_index is not None else -1.0, s.group))
    )
    findings = _findings(
        ctx,
        groups=groups,
        partner_of=partner_of,
        partner_ties=partner_ties,
        sole=sole,
        never_count=never_count,
        never=never,
        reached=reached,
        group_reached=group_reached,
        communities=communities,
        splits=splits,
        brokers=brokers,
        silo_ei=silo_ei,
        silo_insularity=silo_insularity,
        top=top,
    )
    cut_units: tuple[str, ...] = ()
    cut_groups: tuple[str, ...] = ()
    if reached is not None and group_reached is not None:
        mask = np.ones(n, dtype=bool)
        mask[reached] = False
        cut_units = tuple(str(A.nodes[i]) for i in np.flatnonzero(mask))
        cut_groups = tuple(group_ids[g] for g in range(k) if not group_reached[g])
    return SiloReport(
        level=level,
        seed=seed,
        units=n,
        ties=int(A.src.size),
        group_count=k,
        ei_index=_ei(total_ext, total_int),
        ei_weighted=_ei(float(w[ext].sum()), float(w[inside].sum())),
        groups=report_groups,
        never_exchange_count=never_count,
        never_exchange=tuple(never),
        sole_link_count=sole_count,
        sole_links=tuple(sole),
        reach_assessed=reached is not None,
        front_line_units=front,
        cut_off_units=cut_units,
        cut_off_groups=cut_groups,
        community_method=method,
        community_count=int(membership.max()) + 1 if n else 0,
        community_of={str(u): int(c) for u, c in zip(A.nodes, membership.tolist(), strict=True)},
        modularity_formal=round(modularity(A, grp), 6),
        modularity_detected=round(modularity(A, membership), 6),
        nmi=round(nmi(grp.tolist(), membership.tolist()), 6),
        communities=tuple(communities),
        split_groups=tuple(splits),
        brokers=tuple(brokers),
        findings=tuple(findings),
    )


# --------------------------------------------------------------------------------------------
# figures


def _ei(external: float, internal: float) -> float | None:
    total = external + internal
    return None if total == 0 else round(float((external - internal) / total), 6)


def _ei_expected(size: int, n: int) -> float | None:
    """E-I of a group of ``size`` when each member's partner is drawn at random from the other n - 1."""
    if n < 2:
        return None
    return round(((n - size) - (size - 1)) / (n - 1), 6)


def _insularity(external: int, internal: int, size: int, n: int) -> float:
    if n < 2 or size >= n:
        return 0.0
    if external + internal == 0:
        return 1.0
    expected_share = (n - size) / (n - 1)
    return round(max(0.0, min(1.0, 1.0 - (external / (external + internal)) / expected_share)), 6)


def _group_name(org: Org, level: SiloLevel, group: str) -> str:
    if level == "department":
        dept = org.department_by_id.get(group)
        return dept.name if dept else group
    unit = org.unit_by_id.get(group)
    return unit.name if unit else group


def _reach(ctx: _Context, front: np.ndarray) -> np.ndarray | None:
    """Vertices reached from the front line by following "depends on" edges (None: no front line)."""
    A = ctx.A
    if not front.any():
        return None
    order = np.argsort(A.src, kind="stable")
    nbr = A.dst[order]
    outdeg = np.bincount(A.src, minlength=A.n)
    ptr = np.concatenate(([0], np.cumsum(outdeg)))
    seen = front.copy()
    frontier = np.flatnonzero(front)
    while frontier.size:
        reps = outdeg[frontier]
        offsets = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
        nxt = np.unique(nbr[np.repeat(ptr[frontier], reps) + offsets])
        frontier = nxt[~seen[nxt]]
        seen[frontier] = True
    return np.flatnonzero(seen)


def _sole_links(ctx: _Context, ext: np.ndarray, top: int) -> tuple[int, list[SoleLink]]:
    """Partner groups a group (of 2+ units) reaches through exactly one member: how many, and the top ones.

    Each external tie has an inside end (the member) and a partner group; a (group, partner) pair
    carried by a single member is a sole link, unless that member is the group's own team unit.
    Most critical first, then heaviest, then by id.
    """
    A, grp, k = ctx.A, ctx.grp, len(ctx.group_ids)
    person = np.concatenate((A.src[ext], A.dst[ext]))
    partner = np.concatenate((grp[A.dst[ext]], grp[A.src[ext]]))
    weight = np.concatenate((A.weight[ext], A.weight[ext]))
    crit = np.concatenate((A.criticality[ext], A.criticality[ext]))
    codes, inverse, ties = np.unique(person * k + partner, return_inverse=True, return_counts=True)
    pp_weight = np.bincount(inverse, weights=weight)
    pp_crit = np.zeros(codes.size)
    np.maximum.at(pp_crit, inverse, crit)
    pp_person, pp_partner = codes // k, codes % k
    pp_group = grp[pp_person]
    _, group_inverse, carriers = np.unique(pp_group * k + pp_partner, return_inverse=True, return_counts=True)
    # a team unit carrying its own team's link is the team acting as one, not one person to lose
    own = np.fromiter(
        (
            str(A.nodes[p]) == ctx.group_ids[g]
            for p, g in zip(pp_person.tolist(), pp_group.tolist(), strict=True)
        ),
        dtype=bool,
        count=codes.size,
    )
    sole = np.flatnonzero((carriers[group_inverse] == 1) & (ctx.size[pp_group] >= 2) & ~own)
    order = sole[np.lexsort((pp_partner[sole], pp_group[sole], -pp_weight[sole], -pp_crit[sole]))][:top]
    by_weight = {w: c for c, w in CRITICALITY_WEIGHT.items()}
    return int(sole.size), [
        SoleLink(
            group=ctx.group_ids[int(pp_group[i])],
            partner=ctx.group_ids[int(pp_partner[i])],
            unit=str(A.nodes[int(pp_person[i])]),
            unit_name=ctx.unit_name(int(pp_person[i])),
            ties=int(ties[i]),
            weight=round(float(pp_weight[i]), 4),
            max_criticality=by_weight.get(float(pp_crit[i]), "medium"),
        )
        for i in order.tolist()
    ]


def _ties_with(ctx: _Context, p: int, h: int) -> list[tuple[str, str, dict]]:
    """Edges (u, v, data) between unit p and members of group h, either direction."""
    G, node = ctx.G, ctx.A.nodes[p]

    def in_h(u: object) -> bool:
        return int(ctx.grp[ctx.index[u]]) == h

    out = [(node, v, d) for v, d in G.succ[node].items() if in_h(v)]
    out += [(u, node, d) for u, d in G.pred[node].items() if in_h(u)]
    return sorted(out, key=lambda e: (e[0], e[1]))


def _never_exchange(ctx: _Context, pair_codes: np.ndarray, top: int) -> tuple[int, list[GroupPair]]:
    """How many pairs of groups never exchange work directly, and the largest such pairs."""
    k = len(ctx.group_ids)
    count = k * (k - 1) // 2 - int(pair_codes.size)
    candidates = np.arange(k)
    if k * (k - 1) // 2 > _PAIR_ENUMERATION_LIMIT:  # team level in a very large org: look among the largest
        candidates = np.sort(np.lexsort((candidates, -ctx.size))[:_PAIR_CANDIDATES])
    i, j = np.triu_indices(candidates.size, 1)
    a, b = candidates[i], candidates[j]  # a < b, and group ids are sorted, so a's id comes first
    linked = np.isin(a * k + b, pair_codes)
    a, b = a[~linked], b[~linked]
    order = np.lexsort((b, a, -(ctx.size[a] * ctx.size[b])))[:top]
    return count, [
        GroupPair(
            a=ctx.group_ids[x], b=ctx.group_ids[y], a_name=ctx.group_names[x], b_name=ctx.group_names[y]
        )
        for x, y in zip(a[order].tolist(), b[order].tolist(), strict=True)
    ]


def _compare_partitions(
    ctx: _Context, membership: np.ndarray, min_share: float
) -> tuple[list[Community], list[SplitGroup]]:
    """Detected communities with the groups they draw on, and groups split across communities."""
    k = len(ctx.group_ids)
    if membership.size == 0:
        return [], []
    codes, counts = np.unique(membership * k + ctx.grp, return_counts=True)
    by_community: dict[int, list[tuple[int, int]]] = defaultdict(list)
    by_group: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for code, count in zip(codes.tolist(), counts.tolist(), strict=True):
        c, g = divmod(code, k)
        by_community[c].append((g, count))
        by_group[g].append((c, count))
    csize = np.bincount(membership)
    communities = []
    for c in range(csize.size):
        if csize[c] < 2:
            continue
        parts = sorted(by_community[c], key=lambda gc: (-gc[1], ctx.group_ids[gc[0]]))
        real = [(g, m) for g, m in parts if m >= MIN_PART and m >= min_share * csize[c]]
        shown = real or parts[:1]
        communities.append(
            Community(
                id=c,
                size=int(csize[c]),
                groups=tuple(
                    GroupShare(
                        group=ctx.group_ids[g],
                        name=ctx.group_names[g],
                        members=m,
                        share=round(m / csize[c], 4),
                    )
                    for g, m in shown
                ),
                spans_groups=len(real) >= 2,
            )
        )
    splits = []
    for g in range(k):
        parts = sorted(by_group[g], key=lambda cm: (-cm[1], cm[0]))
        real = [(c, m) for c, m in parts if m >= MIN_PART and m >= min_share * ctx.size[g]]
        if len(real) >= 2:
            splits.append(
                SplitGroup(
                    group=ctx.group_ids[g], name=ctx.group_names[g], size=int(ctx.size[g]), parts=tuple(real)
                )
            )
    return communities, splits


def _brokers(
    ctx: _Context, counts: np.ndarray, constraint: np.ndarray, effective: np.ndarray, top: int
) -> list[Broker]:
    cross = counts[:, 1:].sum(axis=1)
    total = counts.sum(axis=1)
    candidates = np.flatnonzero((total > 0) | (ctx.ext_of_person > 0))
    # vertex order is id order, so the last key breaks ties by id
    ranked = candidates[np.lexsort((candidates, -total[candidates], -cross[candidates]))][:top].tolist()
    out = []
    for i in ranked:
        row = counts[i]
        roles = dict(zip(BROKERAGE_ROLES, (int(x) for x in row), strict=True))
        main = (
            max(BROKERAGE_ROLES[1:], key=lambda r: (roles[r], -BROKERAGE_ROLES.index(r)))
            if cross[i]
            else "coordinator"
        )
        out.append(
            Broker(
                unit=str(ctx.A.nodes[i]),
                name=ctx.unit_name(i),
                group=ctx.group_ids[int(ctx.grp[i])],
                cross_group=int(cross[i]),
                main_role=main if row.sum() else "none",
                external_ties=int(ctx.ext_of_person[i]),
                constraint=None if np.isnan(constraint[i]) else round(float(constraint[i]), 4),
                effective_size=None if np.isnan(effective[i]) else round(float(effective[i]), 4),
                **roles,
            )
        )
    return out


# --------------------------------------------------------------------------------------------
# findings


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


def _ties_between_people(ctx: _Context, p: int, members: np.ndarray) -> dict[int, int]:
    """For each member (other than p), how many ties it has with p, either direction."""
    node = ctx.A.nodes[p]
    member_set = set(members.tolist())
    out: Counter = Counter()
    for other in list(ctx.G.succ[node]) + list(ctx.G.pred[node]):
        j = ctx.index[other]
        if j in member_set and j != p:
            out[j] += 1
    return out


def _carriers_word(ctx: _Context, units: list[int]) -> str:
    teams = any(ctx.G.nodes[ctx.A.nodes[i]].get("kind") == "team" for i in units)
    return ("unit" if teams else "person") if len(units) == 1 else ("units" if teams else "people")


def _leaves(ctx: _Context, i: int) -> str:
    """How losing a unit reads: a person leaves, a team becomes unavailable."""
    return "is unavailable" if ctx.G.nodes[ctx.A.nodes[i]].get("kind") == "team" else "leaves"


def _second_bridge(ctx: _Context, g: int, bridges: list[int]) -> int | None:
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


def _findings(
    ctx: _Context,
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
        depends = [d for u, _, d in _ties_with(ctx, p, h) if u == link.unit]
        served = [d for u, _, d in _ties_with(ctx, p, h) if u != link.unit]
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
