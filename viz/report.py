"""The organisation health report as one offline HTML page, diagrams inline as SVG.

:func:`render_report_html` turns a :class:`~orggraph.report_models.HealthReport` into a page a
COO reads in five minutes: headline figures, what needs attention (each finding linking to its
evidence: the unit's neighbourhood on the map, ``MAP?focus=ID&depth=2``, and the chain diagram
or loop further down the page), recommendations, then the tables and diagrams behind them. The
page loads nothing from anywhere (styles inline, no script, SVG inline), prints on A4, and every
piece of text from the data is HTML-escaped by the template. :func:`report_diagrams` draws the
Graphviz diagrams (department overview, each critical chain); :func:`render_report_markdown`
(in :mod:`viz.report_markdown`) gives the same content as Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

import jinja2
import networkx as nx
from markupsafe import Markup

from orggraph.exceptions import OrgGraphError
from orggraph.report import Analyses
from orggraph.report_models import HealthReport
from viz.assets import own_asset
from viz.insights import MapInsights, insights_from
from viz.mapdata import View
from viz.render import GraphvizMissing, render_dot
from viz.report_markdown import render_report_markdown
from viz.report_text import (
    MapFocus,
    communities_text,
    evidence_links,
    footer_text,
    headline_figures,
    no_chain_reason,
    number,
    step_text,
    subtitle_text,
    unit_link,
)

__all__ = [
    "DIAGRAM_CHAINS",
    "REPORT_PERSON_MAP_LIMIT",
    "MapFocus",
    "ReportDiagrams",
    "inline_svg",
    "map_insights",
    "render_report_html",
    "render_report_markdown",
    "report_diagrams",
    "report_map_view",
]

REPORT_PERSON_MAP_LIMIT = 2000
"""Up to this many units the map written beside the report has one node per unit (so the
evidence links can focus a unit); above it one node per department."""


DIAGRAM_CHAINS = 3
"""Chains drawn as diagrams (the slowest ones); the others are listed as text."""


@dataclass(frozen=True)
class ReportDiagrams:
    """The report's diagrams as SVG ready to inline, and why any of them is missing."""

    overview: Markup | None = None
    chains: Mapping[str, Markup] = field(default_factory=dict)
    """By front-line unit id."""
    problems: tuple[str, ...] = ()


def report_diagrams(G: nx.DiGraph, report: HealthReport) -> ReportDiagrams:
    """Draw the department overview and the diagrams of the slowest chains with Graphviz.

    A diagram that cannot be drawn (Graphviz missing or too slow, too many nodes) is left out
    and the reason recorded in ``problems``; the report is still complete without it.
    """
    from viz.diagrams import chains_dot, overview_dot

    problems: list[str] = []
    jobs = [("overview", "the department overview", lambda: overview_dot(G))]
    jobs += [
        (c.front_line, f"the chain diagram of {c.front_line_name}", lambda c=c: chains_dot(G, c.front_line))
        for c in report.chains[:DIAGRAM_CHAINS]
    ]
    drawn: dict[str, Markup] = {}
    for i, (key, what, build) in enumerate(jobs):
        try:
            drawn[key] = inline_svg(render_dot(build()), f"d{i}-")
        except GraphvizMissing as e:
            problems.append(f"Diagrams are left out: {e}")
            break
        except OrgGraphError as e:
            problems.append(f"{what[0].upper()}{what[1:]} is left out: {e}")
    overview = drawn.pop("overview", None)
    return ReportDiagrams(overview=overview, chains=drawn, problems=tuple(problems))


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ID = re.compile(r'(?<![\w:-])id="([^"]*)"')
_REF = re.compile(r'url\(#([^)]*)\)|(?<![\w-])href="#([^"]*)"')


def inline_svg(svg: bytes, prefix: str) -> Markup:
    """Graphviz SVG made fit to sit inside an HTML page: no XML prolog, DOCTYPE or comments,
    and element ids (and references to them) prefixed so several diagrams on one page never
    share an id.

    Text in the SVG is already escaped by Graphviz (labels go through :func:`viz.safe.dot_text`).
    """
    text = svg.decode("utf-8")
    text = _PROLOG.sub("", text, count=1)
    text = _COMMENT.sub("", text)
    text = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', text)
    text = _REF.sub(
        lambda m: (
            f"url(#{prefix}{m.group(1)})" if m.group(1) is not None else f'href="#{prefix}{m.group(2)}"'
        ),
        text,
    )
    return Markup(text.replace("<svg ", '<svg role="img" ', 1).strip())


def report_map_view(G: nx.DiGraph) -> tuple[View, MapFocus]:
    """The map view to write beside a report of ``G``, and what its links can focus on."""
    if G.number_of_nodes() <= REPORT_PERSON_MAP_LIMIT:
        return "person", "units"
    return "department", "departments"


def map_insights(analyses: Analyses, *, top_chains: int = 5, top_bottlenecks: int = 10) -> MapInsights:
    """What the map draws (scores, communities, chains, top bottlenecks), taken from analyses
    already run for the report, so the map and the report show the same figures."""
    return insights_from(
        analyses.bottlenecks,
        analyses.chains,
        analyses.silos,
        top_chains=top_chains,
        top_bottlenecks=top_bottlenecks,
    )


def render_report_html(
    report: HealthReport,
    *,
    diagrams: ReportDiagrams | None = None,
    map_href: str | None = "map.html",
    map_focus: MapFocus = "units",
) -> str:
    """The report as one self-contained HTML page.

    Parameters
    ----------
    report
        From :func:`orggraph.report.health_report`.
    diagrams
        From :func:`report_diagrams`; without them the page has no diagrams.
    map_href
        The map the evidence links open (``map.html`` beside a saved report, ``map`` under the
        API); ``None`` for no map links.
    map_focus
        What that map can focus on (see :data:`MapFocus`).
    """
    diagrams = diagrams or ReportDiagrams()
    page = _Page(report, map_href, map_focus)
    return _template().render(
        css=Markup(own_asset("report.css")),
        title=f"Organisation health report: {report.headline.organisation}",
        subtitle=page.subtitle(),
        map_href=map_href,
        figures=page.figures(),
        findings=page.findings(),
        recommendations=page.recommendations(),
        bottlenecks=page.bottlenecks(),
        managers_note=page.managers_note(),
        single_points=page.single_points(),
        overloaded=page.overloaded(),
        silos=page.silos(),
        communities=communities_text(report),
        bridges=page.bridges(),
        overview=diagrams.overview,
        chains=page.chains(diagrams),
        no_chain_reason=no_chain_reason(report),
        loops=page.loops(),
        notes=report.notes,
        diagram_problems=diagrams.problems,
        footer=footer_text(report),
    )


class _Page:
    """The template's view of a report: plain strings and link dicts, escaped by the template."""

    def __init__(self, report: HealthReport, map_href: str | None, focus: MapFocus) -> None:
        self.r, self.map_href, self.focus = report, map_href, focus
        self.anchor = {f.id: f"finding-{i}" for i, f in enumerate(report.findings, start=1)}

    def unit(self, unit_id: str, name: str) -> dict[str, str]:
        return {"href": unit_link(self.map_href, self.focus, unit_id), "text": name}

    def subtitle(self) -> str:
        return subtitle_text(self.r)

    def figures(self) -> list[dict[str, str]]:
        return headline_figures(self.r)

    def findings(self) -> list[dict[str, object]]:
        return [
            {
                "anchor": self.anchor[f.id],
                "severity": f.severity,
                "kind": f.kind.replace("-", " "),
                "title": f.title,
                "detail": f.detail,
                "evidence": evidence_links(self.r, f, self.map_href, self.focus),
            }
            for f in self.r.findings
        ]

    def recommendations(self) -> list[dict[str, str]]:
        return [
            {"severity": x.severity, "text": x.text, "finding_anchor": self.anchor.get(x.finding, "findings")}
            for x in self.r.recommendations
        ]

    def bottlenecks(self) -> list[dict[str, object]]:
        has_lines = self.r.headline.managers > 0
        return [
            {
                "rank": b.rank,
                "link": self.unit(b.id, b.name),
                "title": b.title,
                "department": b.department_name,
                "score": f"{b.score:.0f}",
                "reports": str(b.direct_reports) if has_lines else "—",
                "summary": b.summary,
            }
            for b in self.r.bottlenecks
        ]

    def managers_note(self) -> str:
        if not self.r.headline.managers or not self.r.bottlenecks:
            return ""
        k = sum(1 for b in self.r.bottlenecks if b.direct_reports)
        n = len(self.r.bottlenecks)
        return f"{k} of these {n} are formal people managers (they have direct reports in the data)."

    def single_points(self) -> list[dict[str, object]]:
        return [
            {
                "link": self.unit(s.id, s.name),
                "department": s.department_name,
                "capabilities": "; ".join(
                    f"{c.name} ({c.dependents:,} depend on it)" for c in s.capabilities[:3]
                )
                + (f"; and {len(s.capabilities) - 3} more" if len(s.capabilities) > 3 else ""),
                "failed": number(s.failed_if_lost),
                "degraded": number(s.degraded_if_lost),
                "front": number(s.front_line_hurt_if_lost),
            }
            for s in self.r.single_points_of_failure
        ]

    def overloaded(self) -> list[dict[str, object]]:
        return [
            {
                "link": self.unit(o.id, o.name),
                "department": o.department_name,
                "fte": f"{o.fte:g}",
                "requests": number(o.yearly_requests),
                "per_fte": "no FTE" if o.load_per_fte is None else number(o.load_per_fte),
                "ratio": "—" if o.load_vs_median is None else f"{o.load_vs_median:.1f}",
            }
            for o in self.r.overloaded
        ]

    def silos(self) -> list[dict[str, object]]:
        return [
            {
                "name": s.name,
                "size": s.size,
                "inside": number(s.internal_ties),
                "outside": number(s.external_ties),
                "ei": "—" if s.ei_index is None else f"{s.ei_index:+.2f}",
                "insularity": f"{s.insularity:.2f}",
                "silo": s.silo,
                "flag": "silo" if s.silo else "",
                "spanners": [self.unit(u, n) for u, n in zip(s.spanners, s.spanner_names, strict=True)],
            }
            for s in self.r.silos
        ]

    def bridges(self) -> list[dict[str, object]]:
        return [
            {
                "link": self.unit(b.unit, b.unit_name),
                "department": b.department_name,
                "partner": b.partner_name,
                "ties": f"{b.ties} tie{'s' if b.ties != 1 else ''}",
            }
            for b in self.r.bridges
        ]

    def chains(self, diagrams: ReportDiagrams) -> list[dict[str, object]]:
        out = []
        for i, c in enumerate(self.r.chains, start=1):
            hours = f", {c.total_hours:,.0f} h" if c.total_hours else ""
            hand_offs = "1 hand-off" if c.hops == 1 else f"{c.hops} hand-offs"
            out.append(
                {
                    "anchor": c.anchor,
                    "heading": f"{i}. {c.front_line_name}: {hand_offs}{hours}",
                    "steps": [step_text(s) for s in c.steps],
                    "weakest": c.weakest_reason or "",
                    "svg": diagrams.chains.get(c.front_line),
                }
            )
        return out

    def loops(self) -> list[dict[str, object]]:
        out = []
        for x in self.r.loops:
            href = unit_link(self.map_href, self.focus, x.key)
            evidence = [{"href": href, "text": "on the map"}] if href else []
            out.append(
                {
                    "anchor": x.anchor,
                    "heading": f"{x.size} units{' (a critical hand-off)' if x.critical else ''}:",
                    "text": x.text,
                    "evidence": evidence,
                }
            )
        return out


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(own_asset("report.html"))
