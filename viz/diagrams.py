"""Graphviz diagrams: the department overview, the critical chains of a front-line unit, and
the difference a reorg makes. Each builder returns DOT source (built with the ``graphviz``
package); :func:`viz.render.render_dot` turns it into SVG or PNG.

Arrows always mean "depends on" (consumer -> provider), as everywhere in orggraph. Every name
goes through :func:`viz.safe.dot_text`, so ``<a> <b>``, quotes and a trailing backslash are
drawn literally. Node ids inside the DOT are generated (``n0``, ``n1`` ...), never taken from
the data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import graphviz
import networkx as nx

from orggraph.exceptions import OrgGraphError, UnitNotFound
from orggraph.graph import NO_DEPARTMENT, build_graph, org_of, rollup
from orggraph.model import Dependency, Org
from viz.labels import dept_name, main_department, plural
from viz.palette import assign_colours
from viz.safe import dot_text

__all__ = ["MAX_DIAGRAM_NODES", "DiagramTooLarge", "chains_dot", "impact_dot", "overview_dot"]

MAX_DIAGRAM_NODES = 400
"""Most nodes one diagram may have: beyond it dot is slow and the picture unreadable."""

RED, GREEN, BLUE, ORANGE, GREY = "#d62728", "#2ca02c", "#1f77b4", "#ff7f0e", "#8c8c8c"
_FONT = "Helvetica"
MAX_OVERVIEW_LINES = 30
"""The overview draws at most this many department-to-department lines, the strongest."""
_TEAMS_LISTED = 8  # team lines in a department's box before "and N more teams"


class DiagramTooLarge(OrgGraphError):
    """The diagram would have more nodes than :data:`MAX_DIAGRAM_NODES`."""

    def __init__(self, what: str, nodes: int, advice: str) -> None:
        super().__init__(
            f"The {what} would have {nodes} nodes, more than the {MAX_DIAGRAM_NODES} a diagram can show "
            f"readably. {advice}"
        )


def _digraph(title: str, **graph_attr: str) -> graphviz.Digraph:
    g = graphviz.Digraph(
        "orggraph",
        graph_attr={
            "label": dot_text(title),
            "labelloc": "t",
            "fontname": _FONT,
            "fontsize": "16",
            "newrank": "true",
            **graph_attr,
        },
        node_attr={"fontname": _FONT, "fontsize": "11", "shape": "box", "style": "rounded,filled"},
        edge_attr={
            "fontname": _FONT,
            "fontsize": "10",
            "color": GREY,
            "arrowsize": "0.7",
            "labeldistance": "1.6",
            "labelfontname": _FONT,
            "labelfontsize": "10",
        },
    )
    return g


def _light(hex_colour: str) -> str:
    """The colour mixed 70% with white: a readable fill behind black text."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(round(c + (255 - c) * 0.7) for c in (r, g, b)))


# --- department overview -------------------------------------------------------------------


def overview_dot(G: nx.DiGraph) -> str:
    """Departments as clusters listing their teams; one arrow per pair of departments, labelled
    with the number of dependencies the first has on the second.

    Front-line departments are on the left and the departments they rely on to the right,
    column by column (hand-offs from the front line); an arrow going back (a dependency on a
    department nearer the front line) does not move the columns. At most
    :data:`MAX_OVERVIEW_LINES` lines are drawn, the strongest, and the title says so.

    Raises
    ------
    DiagramTooLarge
        More departments than :data:`MAX_DIAGRAM_NODES`.
    """
    org = org_of(G)
    D = rollup(G, "department")
    if D.number_of_nodes() > MAX_DIAGRAM_NODES:
        raise DiagramTooLarge(
            "department overview", D.number_of_nodes(), "Use the interactive map (orggraph map) instead."
        )
    T = rollup(G, "team")
    teams_of: dict[str, list[str]] = defaultdict(list)
    for t in sorted(T, key=lambda t: (t.endswith("/(no team)"), T.nodes[t]["name"].lower(), t)):
        teams_of[main_department(G, T.nodes[t]["members"])].append(t)
    colours = assign_colours([*org.department_by_id, NO_DEPARTMENT])
    strongest = sorted(D.edges, key=lambda e: (-D.edges[e]["links"], e))[:MAX_OVERVIEW_LINES]
    drawn = set(strongest)
    layer = _layers_from_front_line(D.edge_subgraph(drawn), list(D))
    left_out = ""
    if len(drawn) < D.number_of_edges():
        least = min(D.edges[e]["links"] for e in drawn)
        left_out = (
            f"\nThe {len(drawn)} strongest of {D.number_of_edges()} links are drawn (each {least} "
            "or more dependencies); the interactive map shows them all"
        )
    drawn = sorted(drawn)
    g = _digraph(
        f"{org.org.name}: departments and the dependencies between them\n"
        "Front line on the left (thick border); an arrow points at the department depended on,\n"
        f"and its number is how many dependencies there are on it{left_out}",
        rankdir="LR",
        ranksep="1.4",
        nodesep="0.25",
    )
    node: dict[str, str] = {}
    cluster: dict[str, str] = {}
    order = sorted(D, key=lambda d: (layer[d], dept_name(org, d).lower(), d))
    for i, dept in enumerate(order):
        a = D.nodes[dept]
        front = f", {a['front_line']} front line" if a["front_line"] else ""
        inside = plural(a["internal_count"], "dependency", "dependencies")
        cluster[dept], node[dept] = f"cluster_{i}", f"n{i}"
        teams = [f"{_team_name(T, t)} ({T.nodes[t]['size']})" for t in teams_of.get(dept, [])]
        if len(teams) > _TEAMS_LISTED:
            teams[_TEAMS_LISTED - 1 :] = [f"and {len(teams) - _TEAMS_LISTED + 1} more teams"]
        with g.subgraph(name=cluster[dept]) as c:
            c.attr(
                label=dot_text(dept_name(org, dept)),
                style="rounded,filled",
                fillcolor=_light(colours.get(dept, "#bab0ac")),
                color="#000000" if a["front_line"] else "#777777",
                penwidth="3" if a["front_line"] else "1",
                fontsize="14",
            )
            summary = f"{plural(a['size'], 'unit')}{front}\n{inside} inside"
            c.node(
                node[dept],
                label=dot_text("\n".join([summary, *teams])),
                fillcolor="#ffffff",
                style="rounded,filled",
            )
    # Two departments that depend on each other get two lines, on opposite sides of their
    # boxes when they sit in the same column (so the lines and their numbers do not overlap).
    for u, v in drawn:
        n = D.edges[u, v]["links"]
        attrs = {"label": str(n), "penwidth": f"{min(0.8 + n / 8, 5):.1f}"}
        if (v, u) in drawn and layer[u] == layer[v]:
            side = "e" if u < v else "w"
            attrs.update(tailport=side, headport=side)
        g.edge(node[u], node[v], constraint="true" if layer[v] > layer[u] else "false", **attrs)
    return g.source


def _team_name(T: nx.DiGraph, team: str) -> str:
    return "people with no team" if team.endswith("/(no team)") else T.nodes[team]["name"]


def _layers_from_front_line(D: nx.DiGraph, departments: list[str]) -> dict[str, int]:
    """Hand-offs from the nearest department with front-line units (those are layer 0);
    departments no front-line department reaches come last."""
    sources = [d for d in D if D.nodes[d]["front_line"]]
    hops = nx.multi_source_dijkstra_path_length(D, sources, weight=lambda u, v, e: 1) if sources else {}
    last = max(hops.values(), default=-1) + 1
    return {d: hops.get(d, last) for d in departments}


# --- critical chains of one front-line unit -------------------------------------------------


def chains_dot(G: nx.DiGraph, front_line: str, *, include_backups: bool = False) -> str:
    """A front-line unit's critical chains as an inverted pyramid: the front line at the top and
    each hand-off one layer further down, so an arrow (depends on) always points away from the
    customer. The slowest chain (most hours) is red, the longest (most hand-offs) blue, each
    hand-off labelled with its capability and lead time. A hand-off inside a loop (units that
    wait on each other) stays on its layer, drawn dashed.

    Raises
    ------
    UnitNotFound
        ``front_line`` is not a unit.
    """
    from orggraph.analysis.chains import chains

    if front_line not in G:
        raise UnitNotFound(
            front_line, "Give the id of a front-line unit (e.g. a store or contact-centre team)."
        )
    org = org_of(G)
    report = chains(G, front_line=front_line, top=1, include_backups=include_backups, supply_limit=0)
    critical = report.critical[0] if report.critical else None
    longest = report.longest[0] if report.longest else None
    if longest is not None and critical is not None and longest.links == critical.links:
        longest = None
    layer = {front_line: 0}
    hand_offs: dict[tuple[str, str], dict[str, str]] = {}
    for chain, colour in ((longest, BLUE), (critical, RED)):  # red drawn last: it wins a shared hand-off
        if chain is None:
            continue
        previous = front_line
        for link in chain.links:
            if link.consumer != previous:  # the chain continues from another member of a loop
                layer.setdefault(link.consumer, layer[previous])
            inside_loop = link.loop is not None and link.consumer != previous
            layer.setdefault(link.provider, layer[link.consumer] + (0 if inside_loop else 1))
            hours = f"{link.lead_time_hours:g} h" if link.lead_time_known else "lead time unknown"
            hand_offs[(link.consumer, link.provider)] = {
                "color": colour,
                "fontcolor": colour,
                "penwidth": "3" if colour == RED else "2.5",
                "label": dot_text(f"{link.capability_name}\n{hours}"),
                **({"style": "dashed", "constraint": "false"} if inside_loop else {}),
            }
            previous = link.provider
    if len(layer) > MAX_DIAGRAM_NODES:
        raise DiagramTooLarge(
            "chain diagram", len(layer), "Read the chains report (orggraph chains) instead."
        )

    name = G.nodes[front_line]["name"]
    supply = report.supply[0] if report.supply else None
    lines = [
        f"What {name} waits on: front line at the top, each hand-off one layer down (arrow = depends on)"
    ]
    if critical is not None:
        lines.append(
            f"Red: slowest chain, {plural(critical.hops, 'hand-off')}, {critical.total_hours:g} h in all"
        )
    if longest is not None:
        lines.append(
            f"Blue: longest chain, {plural(longest.hops, 'hand-off')}, {longest.total_hours:g} h in all"
        )
    if supply is not None:
        lines.append(
            f"{name} depends on {plural(supply.units, 'unit')} upstream in all; only its chains are drawn"
        )
    if critical is None and longest is None:
        lines.append(f"{name} depends on no other unit")
    g = _digraph("\n".join(lines), rankdir="TB", ranksep="0.55", nodesep="0.4")
    colours = assign_colours([*org.department_by_id, NO_DEPARTMENT])
    ids = {u: f"n{i}" for i, u in enumerate(sorted(layer, key=lambda u: (layer[u], u)))}
    for level in sorted(set(layer.values())):
        with g.subgraph() as same:
            same.attr(rank="same")
            for u in sorted(x for x in layer if layer[x] == level):
                a = G.nodes[u]
                same.node(
                    ids[u],
                    label=dot_text(f"{a['name']}\n{a['department_name']}"),
                    fillcolor=_light(colours.get(a.get("department") or NO_DEPARTMENT, "#bab0ac")),
                    penwidth="3" if u == front_line else "1",
                )
    for (u, v), attrs in sorted(hand_offs.items()):
        g.edge(ids[u], ids[v], **attrs)
    return g.source


# --- scenario difference ---------------------------------------------------------------------


def impact_dot(before: Org, after: Org, *, lost: Iterable[Dependency] | None = None) -> str:
    """What a change does to the dependency graph: units and dependencies removed in red,
    added in green, units that moved department in orange, and broken dependencies (a unit
    that stays but loses every provider of something it needs) dashed red.

    Only changed units and dependencies and their direct partners are drawn, grouped by
    department. ``lost`` is the list of broken dependencies when the caller knows it (a
    scenario's ``Applied.lost_dependencies``); otherwise it is worked out from the two versions.

    Raises
    ------
    DiagramTooLarge
        The change touches more than :data:`MAX_DIAGRAM_NODES` units.
    """
    G0, G1 = build_graph(before), build_graph(after)
    removed = set(G0) - set(G1)
    added = set(G1) - set(G0)
    moved = {u for u in set(G0) & set(G1) if G0.nodes[u].get("department") != G1.nodes[u].get("department")}
    broken = _broken(before, after, lost)
    e0, e1 = set(G0.edges), set(G1.edges)
    edges_removed, edges_added = e0 - e1, e1 - e0
    broken_edges = {
        (d.consumer, p)
        for d in broken
        for p in before.capability_of(d).providers
        if p != d.consumer and (d.consumer, p) in e0
    }
    touched = removed | added | moved | {x for e in edges_removed | edges_added | broken_edges for x in e}
    if len(touched) > MAX_DIAGRAM_NODES:
        raise DiagramTooLarge(
            "impact diagram",
            len(touched),
            "Split the scenario into smaller steps, or read the impact report.",
        )
    changes = [
        plural(len(removed), "unit") + " removed",
        plural(len(added), "unit") + " added",
        plural(len(moved), "unit") + " moved",
        plural(len(broken), "dependency", "dependencies") + " broken",
    ]
    title = (
        f"{after.org.name}: what changes ({', '.join(changes)})\n"
        "Red = removed, green = added, orange = moved department, dashed red = broken dependency "
        "(arrow = depends on)"
    )
    g = _digraph(title, rankdir="LR", ranksep="0.9", nodesep="0.25")
    colours = assign_colours([*before.department_by_id, *after.department_by_id, NO_DEPARTMENT])
    ids = {u: f"n{i}" for i, u in enumerate(sorted(touched))}

    def dept_of(u: str) -> str:
        data = G1.nodes[u] if u in G1 else G0.nodes[u]
        return data.get("department") or NO_DEPARTMENT

    by_dept: dict[str, list[str]] = defaultdict(list)
    for u in sorted(touched):
        by_dept[dept_of(u)].append(u)
    for i, dept in enumerate(sorted(by_dept)):
        org_for_name = after if dept in after.department_by_id else before
        with g.subgraph(name=f"cluster_{i}") as c:
            c.attr(
                label=dot_text(dept_name(org_for_name, dept)),
                style="rounded,filled",
                fillcolor=_light(colours.get(dept, "#bab0ac")),
                color="#777777",
            )
            for u in by_dept[dept]:
                data = G1.nodes[u] if u in G1 else G0.nodes[u]
                text, attrs = data["name"], {"fillcolor": "#ffffff"}
                if u in removed:
                    text += "\n(removed)"
                    attrs = {"fillcolor": "#fde0e0", "color": RED, "fontcolor": RED, "penwidth": "2.5"}
                elif u in added:
                    text += "\n(added)"
                    attrs = {"fillcolor": "#e2f5e2", "color": GREEN, "penwidth": "2.5"}
                elif u in moved:
                    was = dept_name(before, G0.nodes[u].get("department") or NO_DEPARTMENT)
                    text += f"\n(moved from {was})"
                    attrs = {"fillcolor": "#fff0e0", "color": ORANGE, "penwidth": "2.5"}
                c.node(ids[u], label=dot_text(text), **attrs)
    kept = (e0 & e1) & {(u, v) for u in touched for v in touched}
    for u, v in sorted(kept):
        g.edge(ids[u], ids[v])
    for u, v in sorted(edges_removed):
        if (u, v) in broken_edges:
            caps = sorted({lk.capability_name for lk in G0.edges[u, v]["links"]})
            g.edge(ids[u], ids[v], color=RED, style="dashed", penwidth="2.5", fontcolor=RED,
                   label=dot_text("broken: " + ", ".join(caps)))  # fmt: skip
        else:
            g.edge(ids[u], ids[v], color=RED, penwidth="2")
    for u, v in sorted(edges_added):
        g.edge(ids[u], ids[v], color=GREEN, penwidth="2")
    return g.source


def _broken(before: Org, after: Org, lost: Iterable[Dependency] | None) -> list[Dependency]:
    """Dependencies of units still there whose every provider is gone."""
    if lost is not None:
        return [d for d in lost if d.consumer in after.unit_by_id]
    remaining = after.unit_by_id
    return [
        d
        for d in before.dependencies
        if d.consumer in remaining and not any(p in remaining for p in before.capability_of(d).providers)
    ]
