"""Turn the dependency graph into what the map page draws: the view graph (person, team or
department level, possibly focused on one unit or department) and the pyvis network with
the side data the page script needs (tooltips, departments, highlights).

Nothing here produces HTML: :mod:`viz.map` puts the result into the page template.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
from pyvis.network import Network

from orggraph.exceptions import OrgGraphError, UnitNotFound
from orggraph.graph import NO_DEPARTMENT, Level, org_of, rollup, subgraph_of, unit_groups
from orggraph.model import Org
from viz.insights import MapInsights
from viz.labels import dept_name, main_department, plural
from viz.layout import positions
from viz.palette import assign_colours, colour

__all__ = [
    "AUTO_DEPARTMENT_ABOVE",
    "MAX_MAP_NODES",
    "MapTooLarge",
    "View",
    "ViewGraph",
    "build_network",
    "build_view",
    "resolve_view",
]

View = Literal["person", "team", "department", "auto"]

AUTO_DEPARTMENT_ABOVE = 300
"""``view="auto"`` draws one node per department above this many units, one per unit below."""

MAX_MAP_NODES = 5000
"""A browser stays responsive up to a few thousand nodes; bigger views are refused."""

MAX_GROUP_EDGES = 2000
"""Team and department views draw at most this many lines (the strongest); tooltips list the rest."""

_LIST_LIMIT = 6  # items per tooltip line before "and N more"
_EDGE_LABELS_UP_TO = 150  # department/team edges get their count as a label up to this many edges
_CRITICALITY_WIDTH = {1.0: 1.0, 2.0: 2.0, 3.0: 3.5, 4.0: 5.5}


class _Network(Network):
    """pyvis's Network with a set of node ids: its add_edge checks both ends with ``in
    get_nodes()``, a list scan per edge (seconds for a few thousand units)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._ids: set[str] = set()

    def add_node(self, n_id: str, **options: Any) -> None:  # type: ignore[override]
        super().add_node(n_id, **options)
        self._ids.add(n_id)

    def get_nodes(self) -> set[str]:  # type: ignore[override]
        return self._ids


class MapTooLarge(OrgGraphError):
    """The requested view has more nodes than a browser can draw usefully."""


@dataclass
class ViewGraph:
    """The graph one map shows and how it was chosen."""

    level: Level
    graph: nx.DiGraph
    requested_view: View
    focus: str | None = None
    depth: int = 2
    focus_kind: Literal["unit", "department"] | None = None
    external: set[str] = field(default_factory=set)
    """Units drawn only because they are linked to a focused department (shown faded)."""


def resolve_view(view: View, units: int) -> Level:
    """The level ``view`` stands for: ``auto`` is department above :data:`AUTO_DEPARTMENT_ABOVE` units."""
    if view == "auto":
        return "department" if units > AUTO_DEPARTMENT_ABOVE else "person"
    if view not in ("person", "team", "department"):
        raise OrgGraphError(f"Unknown map view {view!r}: use person, team, department or auto.")
    return view


def build_view(G: nx.DiGraph, *, view: View = "auto", focus: str | None = None, depth: int = 2) -> ViewGraph:
    """Choose the level and the nodes of the map.

    Without ``focus`` the whole organisation is drawn at the resolved level. With a unit id,
    the map shows that unit and every unit within ``depth`` dependency steps of it (either
    direction) at person level. With a department id (drill-down), it shows the
    department's units and the units directly linked to them, at person level.
    """
    if depth < 0:
        raise OrgGraphError(f"depth must be 0 or more, not {depth}.")
    org = org_of(G)
    if focus is None:
        level = resolve_view(view, G.number_of_nodes())
        H = rollup(G, level)
        vg = ViewGraph(level, H, view, depth=depth)
    elif focus in G:
        nodes = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), focus, cutoff=depth)
        vg = ViewGraph("person", subgraph_of(G, nodes), view, focus, depth, "unit")
    elif focus in org.department_by_id or focus == NO_DEPARTMENT:
        members = {u for u, d in G.nodes(data="department") if (d or NO_DEPARTMENT) == focus}
        linked = {v for u in members for v in (*G.successors(u), *G.predecessors(u))} - members
        vg = ViewGraph("person", subgraph_of(G, members | linked), view, focus, depth, "department", linked)
    else:
        raise UnitNotFound(focus, "Give a unit id or a department id to focus the map on.")
    n = vg.graph.number_of_nodes()
    if n > MAX_MAP_NODES:
        raise MapTooLarge(
            f"The {vg.level} view has {n} nodes, more than the {MAX_MAP_NODES} a browser can draw usefully. "
            "Use the department view (--view department), or focus on one department or unit "
            "(--focus ID --depth N)."
        )
    return vg


def build_network(G: nx.DiGraph, vg: ViewGraph, insights: MapInsights) -> dict[str, Any]:
    """The pyvis network (nodes, edges, options) plus the page's side data, as plain JSON-able data."""
    org = org_of(G)
    dept_colour = assign_colours([*org.department_by_id, NO_DEPARTMENT])
    H = vg.graph
    if vg.level == "person":
        nodes = _person_nodes(G, vg, org, insights, dept_colour)
        edges = _person_edges(G, H)
        groups = {u: u for u in H}
    else:
        groups = unit_groups(org, vg.level)
        nodes = _group_nodes(G, vg, org, insights, groups, dept_colour)
        edges = _group_edges(H, org, vg.level)

    net = _Network(directed=True, height="100%", width="100%")
    dept_of = {n["id"]: n["dept"] for n in nodes}
    spacing = {"person": 75.0, "team": 110.0, "department": 230.0}[vg.level]
    layout = positions(H, group=dept_of if vg.level != "department" else None, spacing=spacing)
    info: dict[str, Any] = {}
    for node in nodes:
        nid = node["id"]
        x, y = layout[nid]
        net.add_node(
            nid,
            label=node["label"],
            shape=node["shape"],
            size=node["size"],
            x=x,
            y=y,
            borderWidth=node["border_width"],
            color=_node_colour(node["colour"], node["border"]),
        )
        info[nid] = {
            k: node[k] for k in ("dept", "colour", "border", "tooltip", "search", "community", "score")
        }
    for i, edge in enumerate(edges):
        net.add_edge(
            edge["from"], edge["to"], id=f"e{i}", width=edge["width"], title=edge["title"], **edge["extra"]
        )
    net.set_options(_options(len(nodes), len(edges), vg.level))
    _nodes, _edges, _heading, _height, _width, options = net.get_network_data()

    present = sorted({n["dept"] for n in nodes})
    departments = [
        {"id": d, "name": dept_name(org, d), "colour": dept_colour[d]}
        for d in sorted(present, key=lambda d: (dept_name(org, d).lower(), d))
    ]
    communities = sorted({n["community"] for n in nodes if n["community"] is not None})
    return {
        "nodes": _nodes,
        "edges": _edges,
        "options": json.loads(options),
        "info": info,
        "departments": departments,
        "community_colours": {str(c): colour(i) for i, c in enumerate(communities)},
        "highlights": _highlights(vg, insights, groups),
        "regions": _regions(nodes, layout, departments) if vg.level != "department" else [],
        "has_scores": bool(insights.scores) and vg.level != "department",
        "edges_total": H.number_of_edges(),
    }


# --- nodes ---------------------------------------------------------------------------------


def _person_nodes(
    G: nx.DiGraph, vg: ViewGraph, org: Org, insights: MapInsights, dept_colour: dict[str, str]
) -> list[dict[str, Any]]:
    provides = _provides(org)
    top = max((insights.scores.get(u, 0.0) for u in vg.graph), default=0.0)
    out = []
    for u in sorted(vg.graph):
        a = G.nodes[u]
        dept = a.get("department") or NO_DEPARTMENT
        score = insights.scores.get(u)
        lines: list[tuple[str, str]] = []
        if a.get("title"):
            lines.append(("Role", a["title"]))
        lines.append(("Department", a["department_name"]))
        kind = f"team ({a['fte']:g} FTE)" if a.get("kind") == "team" else "person"
        lines.append(("Unit", kind + (", front line" if a.get("front_line") else "")))
        if provides.get(u):
            lines.append(("Provides", _listing(provides[u])))
        needs = _depends_on(G, u)
        if needs:
            lines.append(("Depends on", _listing(needs)))
        customers = G.in_degree(u)
        lines.append(("Depended on by", f"{customers} unit{'s' if customers != 1 else ''}"))
        if score is not None:
            lines.append(("Bottleneck score", f"{score:.1f} of 100"))
        lines.extend(insights.score_details.get(u, {}).items())
        community = insights.communities.get(u)
        if community is not None:
            lines.append(("Community", f"#{community}"))
        if u in vg.external:
            lines.append(("Shown because", f"linked to department {dept_name(org, vg.focus or '')}"))
        front = bool(a.get("front_line"))
        out.append(
            {
                "id": u,
                "label": a["name"],
                "dept": dept,
                "shape": "diamond" if front else ("square" if a.get("kind") == "team" else "dot"),
                "size": _score_size(score, top),
                "colour": "#d0d0d0" if u in vg.external else dept_colour[dept],
                "border": "#000000" if (front or u == vg.focus) else "#555555",
                "border_width": 4 if u == vg.focus else (1.5 if front else 1),
                "tooltip": {"title": a["name"], "lines": lines},
                "search": _search_text(u, a["name"], a.get("title", ""), a["department_name"]),
                "community": community,
                "score": score,
            }
        )
    return out


def _group_nodes(
    G: nx.DiGraph,
    vg: ViewGraph,
    org: Org,
    insights: MapInsights,
    groups: dict[str, str],
    dept_colour: dict[str, str],
) -> list[dict[str, Any]]:
    H = vg.graph
    largest = max((H.nodes[g]["size"] for g in H), default=1)
    best: dict[str, tuple[float, str]] = {}
    if vg.level == "team":
        for u, s in insights.scores.items():
            g = groups.get(u)
            if g is not None and (g not in best or (s, u) > best[g]):
                best[g] = (s, u)
    top = max((s for s, _ in best.values()), default=0.0)
    out = []
    for g in sorted(H):
        a = H.nodes[g]
        members = a["members"]
        dept = g if vg.level == "department" else main_department(G, members)
        lines = [("Department", dept_name(org, dept))] if vg.level == "team" else []
        lines.append(("Units", f"{a['size']} ({a['fte']:g} FTE)"))
        if a["front_line"]:
            lines.append(("Front-line units", str(a["front_line"])))
        lines.append(("Dependencies inside", str(a["internal_count"])))
        needs = sorted(H.out_edges(g, data="links"), key=lambda e: (-e[2], e[1]))
        if needs:
            lines.append(("Depends on", _listing(f"{H.nodes[v]['name']} ({n})" for _, v, n in needs)))
        users = sorted(H.in_edges(g, data="links"), key=lambda e: (-e[2], e[0]))
        if users:
            lines.append(("Depended on by", _listing(f"{H.nodes[v]['name']} ({n})" for v, _, n in users)))
        score = None
        if g in best:
            score, who = best[g]
            lines.append(("Highest bottleneck score", f"{score:.1f} of 100 ({G.nodes[who]['name']})"))
        communities = Counter(insights.communities[m] for m in members if m in insights.communities)
        community = min(communities, key=lambda c: (-communities[c], c)) if communities else None
        if community is not None and vg.level == "team":
            lines.append(("Community", f"#{community}"))
        else:
            community = None
        front = a["front_line"] > 0
        size = (
            _score_size(score, top)
            if vg.level == "team"
            else round(14 + 36 * math.sqrt(a["size"] / largest), 1)
        )
        out.append(
            {
                "id": g,
                "label": a["name"],
                "dept": dept,
                "shape": "diamond" if front else ("square" if vg.level == "team" else "dot"),
                "size": size,
                "colour": dept_colour.get(dept, "#bab0ac"),
                "border": "#000000" if front else "#555555",
                "border_width": 2 if front else 1,
                "tooltip": {"title": a["name"], "lines": lines},
                "search": _search_text(g, a["name"]),
                "community": community,
                "score": score,
            }
        )
    return out


def _node_colour(fill: str, border: str) -> dict[str, Any]:
    return {
        "background": fill,
        "border": border,
        "highlight": {"background": fill, "border": "#000000"},
        "hover": {"background": fill, "border": "#000000"},
    }


def _score_size(score: float | None, top: float) -> float:
    if score is None or top <= 0:
        return 16.0
    return round(14 + 30 * max(score, 0.0) / top, 1)


# --- edges ---------------------------------------------------------------------------------


def _person_edges(G: nx.DiGraph, H: nx.DiGraph) -> list[dict[str, Any]]:
    out = []
    for u, v in sorted(H.edges):
        e = G.edges[u, v]
        parts = []
        for link in e["links"]:
            lead = f", {link.lead_time_hours:g} h lead time" if link.lead_time_hours else ""
            backup = " (as backup)" if link.provider_rank else ""
            parts.append(f"{link.capability_name}{backup}: {link.criticality}, {link.cadence}{lead}")
        title = f"{G.nodes[u]['name']} depends on {G.nodes[v]['name']}\n" + "\n".join(parts[:8])
        if len(parts) > 8:
            title += f"\n… and {len(parts) - 8} more"
        out.append(
            {
                "from": u,
                "to": v,
                "width": _CRITICALITY_WIDTH.get(e["criticality_weight"], 1.0),
                "title": title,
                "extra": {},
            }
        )
    return out


def _group_edges(H: nx.DiGraph, org: Org, level: Level) -> list[dict[str, Any]]:
    """One line per pair of groups; above :data:`MAX_GROUP_EDGES`, only the strongest pairs."""
    pairs = sorted(H.edges)
    if len(pairs) > MAX_GROUP_EDGES:
        strongest = sorted(pairs, key=lambda p: (-H.edges[p]["links"], p))[:MAX_GROUP_EDGES]
        pairs = sorted(strongest)
    labels = len(pairs) <= _EDGE_LABELS_UP_TO
    out = []
    for u, v in pairs:
        e = H.edges[u, v]
        n = e["links"]
        title = (
            f"{H.nodes[u]['name']} depends on {H.nodes[v]['name']}\n"
            f"{plural(n, 'dependency', 'dependencies')} between {plural(e['count'], 'pair')} of units"
        )
        out.append(
            {
                "from": u,
                "to": v,
                "width": round(min(1 + 1.5 * math.log2(1 + n), 12.0), 1),
                "title": title,
                "extra": {"label": str(n)} if labels else {},
            }
        )
    return out


# --- tooltips and search -------------------------------------------------------------------


def _provides(org: Org) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for cap_id in sorted(org.capability_by_id):
        cap = org.capability_by_id[cap_id]
        if cap.implicit:
            continue
        for rank, provider in enumerate(cap.providers):
            found[provider].append(cap.name + (" (backup)" if rank else ""))
    return found


def _depends_on(G: nx.DiGraph, u: str) -> list[str]:
    by_cap: dict[str, list[str]] = {}
    for _, v, links in sorted(G.out_edges(u, data="links")):
        for link in links:
            by_cap.setdefault(link.capability_name, []).append((link.provider_rank, G.nodes[v]["name"]))
    return [f"{cap} from {', '.join(n for _, n in sorted(who))}" for cap, who in sorted(by_cap.items())]


def _listing(items: Iterable[str]) -> str:
    items = list(items)
    shown = "; ".join(items[:_LIST_LIMIT])
    if len(items) > _LIST_LIMIT:
        shown += f"; and {len(items) - _LIST_LIMIT} more"
    return shown


def _search_text(*parts: str) -> str:
    return " ".join(p for p in parts if p).casefold()


# --- options and highlights ----------------------------------------------------------------


def _options(n_nodes: int, n_edges: int, level: Level) -> str:
    big = n_nodes > 1000 or n_edges > 3000
    node_font, edge_font = {"person": (14, 12), "team": (18, 13), "department": (22, 15)}[level]
    options = {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "interaction": {
            "hover": not big,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "nodes": {
            "font": {
                "size": node_font,
                "face": "sans-serif",
                "color": "#222222",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "scaling": {"label": {"drawThreshold": 5}},
        },
        "edges": {
            "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.3},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {
                "color": "#9a9a9a",
                "highlight": "#222222",
                "hover": "#222222",
                "inherit": False,
                "opacity": 0.8,
            },
            "font": {"size": edge_font, "align": "middle", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "selectionWidth": 1.5,
        },
    }
    return json.dumps(options)


def _regions(
    nodes: list[dict[str, Any]], layout: dict[str, tuple[float, float]], departments: list[dict[str, str]]
) -> list[dict[str, Any]]:
    """Where to write each department's name on the canvas: centred above its members."""
    spots: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for node in nodes:
        spots[node["dept"]].append(layout[node["id"]])
    out = []
    for d in departments:
        pts = spots.get(d["id"])
        if pts:
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            out.append(
                {
                    "dept": d["id"],
                    "name": d["name"],
                    "x": round((min(xs) + max(xs)) / 2, 1),
                    "y": min(ys) - 45,
                }
            )
    return out


def _highlights(vg: ViewGraph, insights: MapInsights, groups: dict[str, str]) -> dict[str, Any]:
    """Chains (as hand-offs) and bottlenecks mapped onto the view's nodes (units, teams or departments).

    A hand-off inside one team or department disappears at that level; one whose ends are not
    both on the map is left out.
    """
    shown = vg.graph

    def place(u: str) -> str:
        return u if vg.level == "person" else groups.get(u, u)

    chains = []
    for chain in insights.chains:
        pairs: list[list[str]] = []
        for u, v in chain:
            a, b = place(u), place(v)
            if a != b and a in shown and b in shown and [a, b] not in pairs:
                pairs.append([a, b])
        if pairs:
            chains.append(pairs)
    bottlenecks: list[str] = []
    for u in insights.bottlenecks:
        g = place(u)
        if g in shown and g not in bottlenecks:
            bottlenecks.append(g)
    return {"chains": chains, "bottlenecks": bottlenecks}
