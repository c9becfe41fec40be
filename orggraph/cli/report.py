"""``orggraph report``: the organisation health report as HTML (with the map beside it), Markdown or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from orggraph.cli.app import app
from orggraph.cli.options import DataArg
from orggraph.cli.output import exit_on_error, fail
from orggraph.exceptions import OrgGraphError
from orggraph.graph import build_graph
from orggraph.io import load_org
from orggraph.io.atomic import atomic_file

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".json": "json"}


@app.command("report")
def report_command(
    data: DataArg,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="File to write: .html, .md or .json (the format follows the name).",
            show_default=False,
        ),  # fmt: skip
    ],
    top: Annotated[int, typer.Option("--top", "-n", min=1, max=50, help="Rows in each table.")] = 5,
    seed: Annotated[int, typer.Option(help="Seed of the betweenness sample and community detection.")] = 0,
    write_map: Annotated[
        bool,
        typer.Option("--map/--no-map", help="Also write the interactive map the HTML/Markdown links to."),
    ] = True,
) -> None:
    """Write the organisation health report: headline figures, what needs attention, recommendations.

    One page a COO reads in five minutes. Every finding links to its evidence: the unit's
    neighbourhood on the map (map.html, written beside an HTML or Markdown report) and the chain
    diagrams inside the page. The HTML works offline and prints well; the JSON is the full model.

    Example: orggraph report data/sample-org.yaml -o out/report.html
    """
    from orggraph.report import health_report, run_analyses

    fmt = FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise fail(f"Give an output file ending in .html, .md or .json, not {output.name!r}.")
    with exit_on_error():
        G = build_graph(load_org(data))
        analyses = run_analyses(G, top=top, seed=seed)
        report = health_report(G, top=top, seed=seed, analyses=analyses)
    output.parent.mkdir(parents=True, exist_ok=True)

    map_path = None
    if fmt == "json":
        text = report.model_dump_json(indent=2)
    else:
        from viz import render_map
        from viz.report import (
            map_insights,
            render_report_html,
            render_report_markdown,
            report_diagrams,
            report_map_view,
        )

        view, focus = report_map_view(G)
        page = None
        if write_map:
            map_path = output.with_name(
                "map.html" if output.name != "map.html" else f"{output.stem}-map.html"
            )
            try:
                page = render_map(G, view=view, insights=map_insights(analyses))
            except OrgGraphError as e:
                typer.echo(f"Note: the map is left out: {e}", err=True)
                map_path = None
        href = map_path.name if map_path else None
        if fmt == "html":
            diagrams = report_diagrams(G, report)
            for problem in diagrams.problems:
                typer.echo(f"Note: {problem}", err=True)
            text = render_report_html(report, diagrams=diagrams, map_href=href, map_focus=focus)
        else:
            text = render_report_markdown(report, map_href=href, map_focus=focus)
        if map_path is not None and page is not None:
            with atomic_file(map_path) as tmp:
                tmp.write_text(page, encoding="utf-8")
    with atomic_file(output) as tmp:
        tmp.write_text(text, encoding="utf-8")

    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in ("high", "medium", "low")}
    typer.echo(
        f"Wrote {output}: {counts['high']} high, {counts['medium']} medium and {counts['low']} low findings, "
        f"{len(report.recommendations)} recommendations."
    )
    if map_path is not None:
        typer.echo(f"Wrote {map_path}: the interactive map its evidence links open.")
    for f in report.findings[:3]:
        typer.echo(f"  [{f.severity}] {f.title}")
    if fmt == "html":
        typer.echo(f"Open {output} in a browser.")
    elif fmt == "markdown":
        typer.echo(f"Open {output}" + (f" (its links open {map_path})." if map_path else "."))
