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

from collections import defaultdict

import networkx as nx
import numpy as np

from orggraph.analysis._silo_findings import Context, findings
from orggraph.analysis._silo_report import (
    Broker,
    Community,
    CommunityMethod,
    Finding,
    GroupPair,
    GroupShare,
    GroupSilo,
    SiloLevel,
    SiloReport,
    SoleLink,
    Spanner,
    SplitGroup,
)
from orggraph.analysis.ona import (
    BROKERAGE_ROLES,
    brokerage_counts,
    burt_measures,
    edge_arrays,
    modularity,
    nmi,
)
from orggraph.gcpause import gc_paused
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

_PAIR_ENUMERATION_LIMIT = 200_000
_PAIR_CANDIDATES = 600  # above the limit, never-exchanging pairs are listed among the largest groups only
#: Fewest members a group must have in a community (or a community in a group) to count as a real part.
MIN_PART = 3


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
        Per-group figures, pairs that never exchange work, sole links, reach of the customer,
        communities against the formal groups, brokers, and the findings ranked by severity.

    Raises
    ------
    ValueError
        An unknown ``level`` or ``method``.
    TypeError
        ``G`` was not built by :func:`orggraph.build_graph` (it carries no organisation).
    """
    if level not in ("department", "team"):
        raise ValueError(f"level must be 'department' or 'team', not {level!r}")
    if method not in ("leiden", "louvain"):
        raise ValueError(f"method must be 'leiden' or 'louvain', not {method!r}")
    with gc_paused():
        return _silos(G, level, seed, silo_ei, silo_insularity, min_share, top, resolution, method)


def _silos(
    G: nx.DiGraph,
    level: SiloLevel,
    seed: int,
    silo_ei: float,
    silo_insularity: float,
    min_share: float,
    top: int,
    resolution: float,
    method: CommunityMethod,
) -> SiloReport:
    """The analysis itself (see :func:`silos`), run with the garbage collector paused."""
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

    ctx = Context(
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
    found = findings(
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
        findings=tuple(found),
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


def _reach(ctx: Context, front: np.ndarray) -> np.ndarray | None:
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


def _sole_links(ctx: Context, ext: np.ndarray, top: int) -> tuple[int, list[SoleLink]]:
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
    gidx = {g: i for i, g in enumerate(ctx.group_ids)}
    own_team = np.fromiter((gidx.get(str(u), -1) for u in A.nodes), dtype=np.int64, count=A.n) == grp
    own = own_team[pp_person]
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


def _never_exchange(ctx: Context, pair_codes: np.ndarray, top: int) -> tuple[int, list[GroupPair]]:
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
    ctx: Context, membership: np.ndarray, min_share: float
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
    ctx: Context, counts: np.ndarray, constraint: np.ndarray, effective: np.ndarray, top: int
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
