"""Build networkx graphs from an :class:`~orggraph.model.Org`.

Direction convention, used everywhere in orggraph: **an edge points from the consumer to the
provider and means "depends on"**. ``G.successors(u)`` are the units ``u`` depends on;
``G.predecessors(u)`` are the units that depend on ``u`` (its internal customers). Walking
edges forwards goes *upstream* (towards suppliers), backwards goes *downstream* (towards the
front line and the external customer).

A dependency on a capability with several providers gives one edge to each provider (any one
can deliver it); each edge records the provider's rank (0 = primary). Several dependencies
between the same two units are kept as ``links`` on one edge, with summed or maximal
figures alongside, so the graph stays a simple :class:`networkx.DiGraph` that every
algorithm accepts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

import networkx as nx

from orggraph.gcpause import gc_paused
from orggraph.model import CADENCE_PER_YEAR, CRITICALITY_WEIGHT, Org

__all__ = [
    "Level",
    "Link",
    "build_graph",
    "capability_graph",
    "capability_node",
    "group_of",
    "org_of",
    "rollup",
    "subgraph_of",
    "unit_groups",
]

Level = Literal["person", "team", "department"]
NO_DEPARTMENT = "(no department)"
CAP_PREFIX = "cap:"
REPORTING_CAPABILITY = "reporting-line"


class Link(NamedTuple):
    """One reason why ``consumer`` depends on ``provider``.

    A named tuple rather than a dataclass: a 100k-person organisation has a million of them,
    and tuples are several times cheaper to create.
    """

    capability: str
    capability_name: str
    cadence: str
    criticality: str
    lead_time_hours: float
    provider_rank: int  # 0 for the primary provider, 1 for the first backup, and so on
    providers: int  # how many providers the capability has (1 = no backup)
    note: str = ""
    reporting: bool = False  # a derived manager <-> report link, not a declared dependency
    events_per_year: float = 0.0
    criticality_weight: float = 0.0
    weight: float = 0.0  # yearly demand weighted by criticality: events per year x criticality weight

    @classmethod
    def make(
        cls,
        capability: str,
        capability_name: str,
        cadence: str,
        criticality: str,
        lead_time_hours: float,
        provider_rank: int,
        providers: int,
        note: str = "",
        reporting: bool = False,
    ) -> Link:
        """A link with its yearly events, criticality weight and weight filled in."""
        events, crit = CADENCE_PER_YEAR[cadence], CRITICALITY_WEIGHT[criticality]
        return cls(
            capability,
            capability_name,
            cadence,
            criticality,
            lead_time_hours,
            provider_rank,
            providers,
            note,
            reporting,
            events,
            crit,
            events * crit,
        )


def build_graph(org: Org, *, reporting_lines: bool = False) -> nx.DiGraph:
    """The unit-level dependency graph: consumer -> provider, meaning "depends on".

    Nodes are unit ids with every :class:`~orggraph.model.Unit` field as attributes (plus
    ``department_name``). Edges carry ``links`` (a tuple of :class:`Link`) and the summaries
    ``count``, ``weight`` (sum of link weights), ``events_per_year`` (sum), ``criticality`` and
    ``criticality_weight`` (the highest), ``lead_time_hours`` (the longest) and
    ``capabilities`` (sorted ids). ``G.graph["org"]`` is the organisation itself, so analyses
    can reason about capabilities and providers (AND/OR).

    With ``reporting_lines=True`` each report also depends on its manager (training and
    information) and each manager on their reports (their duties), as medium, weekly links.
    """
    with gc_paused():  # millions of small objects: cyclic GC passes would triple the time
        G = nx.DiGraph(org=org, reporting_lines=reporting_lines, direction="consumer -> provider")
        departments = org.department_by_id
        nodes = []
        for unit in sorted(org.units, key=lambda u: u.id):
            attrs = unit.model_dump(exclude={"id"})
            dept = departments.get(unit.department) if unit.department else None
            attrs["department_name"] = dept.name if dept else NO_DEPARTMENT
            nodes.append((unit.id, attrs))
        G.add_nodes_from(nodes)
        links = _links(org, reporting_lines)
        # Every endpoint is a validated unit already in G, so fill networkx's adjacency dicts
        # directly, as add_edges_from does, without its per-edge checks (2x faster at 1M edges).
        succ, pred = G._succ, G._pred
        for u, v in sorted(links):
            attrs = _edge_attrs(links[u, v])
            succ[u][v] = attrs
            pred[v][u] = attrs
    return G


def _links(org: Org, reporting_lines: bool) -> dict[tuple[str, str], list[Link]]:
    links: dict[tuple[str, str], list[Link]] = {}
    capabilities = org.capability_by_id
    for dep in org.dependencies:
        cap = capabilities[dep.capability_id]
        lead = org.lead_time_of(dep)
        count = len(cap.providers)
        events, crit = CADENCE_PER_YEAR[dep.cadence], CRITICALITY_WEIGHT[dep.criticality]
        weight = events * crit
        for rank, provider in enumerate(cap.providers):
            if provider == dep.consumer:
                continue
            link = Link(
                cap.id,
                cap.name,
                dep.cadence,
                dep.criticality,
                lead,
                rank,
                count,
                dep.note,
                False,
                events,
                crit,
                weight,
            )
            key = (dep.consumer, provider)
            if key in links:
                links[key].append(link)
            else:
                links[key] = [link]
    if reporting_lines:
        for unit in org.units:
            if unit.manager and unit.manager in org.unit_by_id:
                for consumer, provider, name in (
                    (unit.id, unit.manager, "training and information from manager"),
                    (unit.manager, unit.id, "duties carried out by report"),
                ):
                    links.setdefault((consumer, provider), []).append(
                        Link.make(REPORTING_CAPABILITY, name, "weekly", "medium", 0.0, 0, 1, reporting=True)
                    )
    return links


def _edge_attrs(group: list[Link]) -> dict[str, object]:
    if len(group) == 1:  # the common case, kept cheap
        link = group[0]
        return {
            "links": (link,),
            "count": 1,
            "weight": link.weight,
            "events_per_year": link.events_per_year,
            "criticality": link.criticality,
            "criticality_weight": link.criticality_weight,
            "lead_time_hours": link.lead_time_hours,
            "capabilities": (link.capability,),
        }
    group.sort(key=lambda link: (link.capability, link.provider_rank))
    top = max(group, key=lambda link: link.criticality_weight)
    return {
        "links": tuple(group),
        "count": len(group),
        "weight": sum(link.weight for link in group),
        "events_per_year": sum(link.events_per_year for link in group),
        "criticality": top.criticality,
        "criticality_weight": top.criticality_weight,
        "lead_time_hours": max(link.lead_time_hours for link in group),
        "capabilities": tuple(sorted({link.capability for link in group})),
    }


def org_of(G: nx.DiGraph) -> Org:
    """The organisation a graph was built from."""
    org = G.graph.get("org")
    if not isinstance(org, Org):
        raise TypeError("graph was not built by orggraph.build_graph (no G.graph['org'])")
    return org


def capability_node(capability_id: str) -> str:
    """Node id of a capability in the bipartite graph (prefixed so it never clashes with a unit id)."""
    return f"{CAP_PREFIX}{capability_id}"


def capability_graph(org: Org) -> nx.DiGraph:
    """The bipartite AND/OR view: unit -> capability (needs, AND) and capability -> unit (delivered by, OR).

    Unit nodes have ``bipartite="unit"``; capability nodes are ``capability_node(id)`` with
    ``bipartite="capability"``, ``capability`` (the id) and ``name``. A unit-to-capability edge
    carries the dependency's ``cadence``, ``criticality`` and ``lead_time_hours``; a
    capability-to-unit edge carries the provider's ``rank`` (0 = primary).
    """
    B = nx.DiGraph(org=org, direction="unit -> capability -> provider")
    for unit in sorted(org.units, key=lambda u: u.id):
        B.add_node(unit.id, bipartite="unit", name=unit.name, front_line=unit.front_line)
    for cap_id in sorted(org.capability_by_id):
        cap = org.capability_by_id[cap_id]
        node = capability_node(cap_id)
        B.add_node(node, bipartite="capability", capability=cap_id, name=cap.name)
        for rank, provider in enumerate(cap.providers):
            B.add_edge(node, provider, rank=rank)
    for dep in org.dependencies:
        B.add_edge(
            dep.consumer,
            capability_node(dep.capability_id),
            cadence=dep.cadence,
            criticality=dep.criticality,
            lead_time_hours=org.lead_time_of(dep),
        )
    return B


def group_of(org: Org, unit_id: str, level: Level) -> str:
    """The group a unit belongs to at ``level``.

    ``person``: the unit itself. ``department``: its department id (or ``"(no department)"``).
    ``team``: its ``team``; a team unit without one is its own team; a person without one
    falls in ``"<department>/(no team)"``.
    """
    unit = org.unit_by_id[unit_id]
    if level == "person":
        return unit.id
    dept = unit.department or NO_DEPARTMENT
    if level == "department":
        return dept
    if unit.team:
        return unit.team
    if unit.kind == "team":
        return unit.id
    return f"{dept}/(no team)"


def unit_groups(org: Org, level: Level) -> dict[str, str]:
    """Map every unit id to its group at ``level``."""
    return {u.id: group_of(org, u.id, level) for u in org.units}


def rollup(G: nx.DiGraph, level: Level) -> nx.DiGraph:
    """The quotient graph at team or department level.

    Nodes are groups with ``size`` (units), ``fte``, ``front_line`` (front-line units),
    ``internal_count`` and ``internal_weight`` (dependencies inside the group). Edges between
    groups carry ``count`` (unit-level edges), ``links`` (dependencies) and ``weight`` (summed).
    ``level="person"`` returns ``G`` unchanged.
    """
    if level == "person":
        return G
    org = org_of(G)
    groups = unit_groups(org, level)
    size: dict[str, int] = {}
    fte: dict[str, float] = {}
    front: dict[str, int] = {}
    members: dict[str, list[str]] = {}
    # Sums in plain dicts, walking the adjacency once: two to five times faster at 100k units
    # than updating the quotient graph's views edge by edge (the map's department view needs it).
    for unit_id, data in G.nodes(data=True):
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
    for u, nbrs in G.adjacency():
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


def subgraph_of(G: nx.DiGraph, nodes: Iterable[str]) -> nx.DiGraph:
    """A copy of ``G`` restricted to ``nodes`` that keeps ``G.graph`` (and so the org)."""
    H = G.subgraph(nodes).copy()
    H.graph.update(G.graph)
    return H
