"""The organisation health report as Markdown: the same content as the HTML page, without diagrams.

Every piece of text from the data goes through :func:`md_text`: HTML is escaped (Markdown passes
raw HTML through) and Markdown's own markup characters are backslash-escaped, so a unit named
``<img src=x onerror=alert(1)>`` or ``*bold* | [link](x)`` is shown as the literal text it is.
"""

from __future__ import annotations

import re

from orggraph.report_models import HealthReport
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

__all__ = ["md_text", "render_report_markdown"]

_MARKUP = re.compile(r"([\\`*_\[\]{}#!|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")  # only an & that would start a character reference
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def md_text(value: object) -> str:
    """Text shown literally by Markdown renderers: one line, HTML escaped, markup escaped."""
    text = " ".join(str(value).split())
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKUP.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def _link(text: str, href: str) -> str:
    return f"[{md_text(text)}](<{href}>)" if href else md_text(text)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    return [_row(headers), _row(["---"] * len(headers)), *(_row(r) for r in rows), ""]


def render_report_markdown(
    report: HealthReport, *, map_href: str | None = "map.html", map_focus: MapFocus = "units"
) -> str:
    """The report as Markdown; evidence links open ``map_href``, as on the HTML page."""
    r, h = report, report.headline

    def unit(unit_id: str, name: str) -> str:
        return _link(name, unit_link(map_href, map_focus, unit_id))

    out = [f"# Organisation health report: {md_text(h.organisation)}", "", md_text(subtitle_text(r)), ""]
    out += _table(
        ["Figure", "Value", ""],
        [[md_text(f["label"]), md_text(f["value"]), md_text(f["note"])] for f in headline_figures(r)],
    )

    out += ["## What needs attention", ""]
    if not r.findings:
        out += ["Nothing stands out.", ""]
    for i, f in enumerate(r.findings, start=1):
        links = ", ".join(_link(e["text"], e["href"]) for e in evidence_links(r, f, map_href, map_focus))
        out.append(
            f"{i}. **{f.severity.upper()}** ({md_text(f.kind.replace('-', ' '))}): **{md_text(f.title)}**  "
        )
        out.append(f"   {md_text(f.detail)}" + (f"  \n   Evidence: {links}" if links else ""))
    out.append("")

    out += ["## Recommendations, most urgent first", ""]
    out += [f"{x.rank}. **{x.severity.upper()}** {md_text(x.text)}" for x in r.recommendations] or [
        "No action is recommended."
    ]
    out.append("")

    out += ["## Top bottlenecks", ""]
    has_lines = h.managers > 0
    out += _table(
        ["#", "Unit", "Department", "Score", "Formal reports", "Why"],
        [
            [
                str(b.rank),
                unit(b.id, b.name),
                md_text(b.department_name),
                f"{b.score:.0f}",
                str(b.direct_reports) if has_lines else "—",
                md_text(b.summary),
            ]
            for b in r.bottlenecks
        ],
    )
    out += ["### Single points of failure", ""]
    if r.single_points_of_failure:
        out += _table(
            ["Unit", "Department", "Only provider of", "Fail if lost", "Degraded", "Front line hurt"],
            [
                [
                    unit(s.id, s.name),
                    md_text(s.department_name),
                    md_text("; ".join(c.name for c in s.capabilities[:3])),
                    number(s.failed_if_lost),
                    number(s.degraded_if_lost),
                    number(s.front_line_hurt_if_lost),
                ]
                for s in r.single_points_of_failure
            ],
        )
    else:
        out += ["No unit's loss would make another unit fail.", ""]
    out += ["### Overloaded units", ""]
    if r.overloaded:
        out += _table(
            ["Unit", "Department", "FTE", "Requests a year", "Weighted per FTE", "x median"],
            [
                [
                    unit(o.id, o.name),
                    md_text(o.department_name),
                    f"{o.fte:g}",
                    number(o.yearly_requests),
                    "no FTE" if o.load_per_fte is None else number(o.load_per_fte),
                    "—" if o.load_vs_median is None else f"{o.load_vs_median:.1f}",
                ]
                for o in r.overloaded
            ],
        )
    else:
        out += ["No unit is flagged as overloaded.", ""]

    out += ["## Silos", ""]
    out += _table(
        ["Department", "Units", "Ties inside", "Ties outside", "E-I", "Insularity", "Silo?"],
        [
            [
                md_text(s.name),
                str(s.size),
                number(s.internal_ties),
                number(s.external_ties),
                "—" if s.ei_index is None else f"{s.ei_index:+.2f}",
                f"{s.insularity:.2f}",
                "silo" if s.silo else "",
            ]
            for s in r.silos
        ],
    )
    out += [md_text(communities_text(r)), ""]
    for b in r.bridges:
        out.append(
            f"- {unit(b.unit, b.unit_name)} carries every tie between {md_text(b.department_name)} "
            f"and {md_text(b.partner_name)} ({b.ties})."
        )
    if r.bridges:
        out.append("")

    out += ["## Critical chains to the front line", ""]
    if not r.chains:
        out += [f"No chain to the front line: {md_text(no_chain_reason(r))}", ""]
    for i, c in enumerate(r.chains, start=1):
        hours = f", {c.total_hours:,.0f} h" if c.total_hours else ""
        out += [
            f'<a id="{c.anchor}"></a>',
            "",
            f"### {i}. {md_text(c.front_line_name)}: {c.hops} hand-offs{hours}",
            "",
        ]
        out += [f"{k}. {md_text(step_text(s))}" for k, s in enumerate(c.steps, start=1)]
        if c.weakest_reason:
            out += ["", f"Weakest link: {md_text(c.weakest_reason)}"]
        out.append("")

    out += ["## Circular dependencies", ""]
    for x in r.loops:
        out.append(f'- <a id="{x.anchor}"></a>**{x.size} units**: {md_text(x.text)}')
    out += ["" if r.loops else "No two units wait on each other.", ""]

    if r.notes:
        out += ["## Notes", "", *(f"- {md_text(n)}" for n in r.notes), ""]
    out += ["---", "", md_text(footer_text(r)), ""]
    return "\n".join(out)
