"""The interactive dependency map: one self-contained HTML page (no external resource).

pyvis builds the network (nodes, edges, options); the page template is ours, because
pyvis's own pulls Bootstrap and vis-network from CDNs in every mode and renders tooltips as
raw HTML as soon as one title contains "href". vis-network is inlined from the copy shipped
inside pyvis, the data travels as JSON in a ``<script type="application/json">`` element,
and every name reaches the page as text. The page works under a content security policy
of ``default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';
img-src 'self' data:`` (vis-network needs no eval).
"""

from __future__ import annotations

from functools import cache

import jinja2
import networkx as nx
from markupsafe import Markup

from orggraph.graph import org_of
from viz.assets import own_asset, vis_css, vis_js
from viz.insights import MapInsights
from viz.labels import dept_name
from viz.mapdata import View, ViewGraph, build_network, build_view
from viz.safe import json_for_script

__all__ = ["render_map"]

_NOUNS = {"person": ("unit", "units"), "team": ("team", "teams"), "department": ("department", "departments")}


def render_map(
    G: nx.DiGraph,
    *,
    view: View = "auto",
    focus: str | None = None,
    depth: int = 2,
    insights: MapInsights | None = None,
) -> str:
    """The map of ``G`` as a complete HTML page.

    Parameters
    ----------
    G
        The unit dependency graph from :func:`orggraph.build_graph`.
    view
        ``"person"`` (one node per unit), ``"team"``, ``"department"``, or ``"auto"``:
        department view above :data:`viz.mapdata.AUTO_DEPARTMENT_ABOVE` units.
    focus, depth
        Drill-down: a unit id shows that unit and every unit within ``depth`` dependency
        steps; a department id shows its units and the units directly linked to them.
    insights
        Scores, communities, chains and top bottlenecks to draw; ``None`` computes them with
        the orggraph analyses (:func:`viz.insights.compute_insights`), skipped for the
        department view.

    Raises
    ------
    orggraph.UnitNotFound
        ``focus`` names neither a unit nor a department.
    viz.mapdata.MapTooLarge
        The view has more than :data:`viz.mapdata.MAX_MAP_NODES` nodes.
    """
    vg = build_view(G, view=view, focus=focus, depth=depth)
    if insights is None:
        insights = _default_insights(G, vg)
    net = build_network(G, vg, insights)
    org = org_of(G)
    noun, nouns = _NOUNS[vg.level]
    title = f"{org.org.name}: dependency map"
    data = {
        **net,
        "meta": {
            "org": org.org.name,
            "level": vg.level,
            "noun": noun,
            "noun_plural": nouns,
            "focus": vg.focus,
            "focus_text": _focus_text(G, vg),
            "depth": vg.depth,
            "units": G.number_of_nodes(),
        },
    }
    return _template().render(
        page_title=title,
        level=vg.level,
        legend=_legend(vg, net["has_scores"], len(net["edges"]), net["edges_total"]),
        departments=net["departments"],
        has_communities=bool(net["community_colours"]),
        has_chains=bool(net["highlights"]["chains"]),
        has_bottlenecks=bool(net["highlights"]["bottlenecks"]),
        footnote=_footnote(vg, G.number_of_nodes()),
        data_json=Markup(json_for_script(data)),
        vis_js=Markup(vis_js()),
        vis_css=Markup(vis_css()),
        map_js=Markup(own_asset("map.js")),
        map_css=Markup(own_asset("map.css")),
    )


def _default_insights(G: nx.DiGraph, vg: ViewGraph) -> MapInsights:
    if vg.level == "department":
        return MapInsights()
    from viz.insights import compute_insights

    return compute_insights(G)


def _legend(vg: ViewGraph, has_scores: bool, edges_shown: int, edges_total: int) -> list[tuple[str, str]]:
    if vg.level in ("department", "team"):
        group = vg.level
        if group == "department":
            size = "number of units in it"
        else:
            size = "highest bottleneck score among its units" if has_scores else "all the same (no scores)"
        legend = [
            ("Node", f"one {group}; size = {size}"),
            ("Line width and number", f"how many dependencies one {group} has on the other"),
        ]
        if edges_shown < edges_total:
            legend.append(
                ("Lines", f"the {edges_shown} strongest of {edges_total} are drawn; tooltips list the others")
            )
        return legend
    size = (
        "bottleneck score (bigger = more of the organisation relies on it)"
        if has_scores
        else "all the same (no bottleneck scores)"
    )
    return [
        ("Node", f"one person or team; size = {size}"),
        ("Line width", "how critical the dependency is (thicker = more critical)"),
    ]


def _focus_text(G: nx.DiGraph, vg: ViewGraph) -> str:
    if vg.focus is None:
        return ""
    if vg.focus_kind == "unit":
        steps = "step" if vg.depth == 1 else "steps"
        return f"Showing {G.nodes[vg.focus]['name']} and every unit within {vg.depth} dependency {steps}."
    name = dept_name(org_of(G), vg.focus)
    return f"Showing the units of {name} and the units directly linked to them (grey)."


def _footnote(vg: ViewGraph, units: int) -> str:
    if vg.level == "department" and vg.focus is None:
        return f"{units} units in all; drill into a department with ?focus=ID (or orggraph map --focus ID)."
    return ""


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=False)
    return env.from_string(own_asset("map.html"))
