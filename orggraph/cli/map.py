"""``orggraph map``: the interactive dependency map as one offline HTML file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orggraph.cli.app import app
from orggraph.cli.options import DataArg
from orggraph.cli.output import exit_on_error, fail
from orggraph.graph import build_graph
from orggraph.io import load_org
from orggraph.io.atomic import atomic_file


class MapView(StrEnum):
    auto = "auto"
    person = "person"
    team = "team"
    department = "department"


@app.command("map")
def map_command(
    data: DataArg,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The HTML file to write.", show_default=False)
    ],
    view: Annotated[
        MapView,
        typer.Option(help="One node per person/team unit, per team, or per department; auto picks by size."),
    ] = MapView.auto,
    focus: Annotated[
        str | None,
        typer.Option(help="Drill down: a unit id (its neighbourhood) or a department id (its units)."),
    ] = None,
    depth: Annotated[int, typer.Option(min=0, max=20, help="Dependency steps around --focus to show.")] = 2,
) -> None:
    """Write the interactive dependency map: a single HTML page that works offline.

    Colour shows the department, size the bottleneck score, a diamond the front line; an arrow
    A -> B means A depends on B. Search, filter by department, click to highlight, toggle
    communities, critical chains and bottlenecks. Above 300 units the default view shows one
    node per department.

    Example: orggraph map data/sample-org.yaml -o map.html --focus store-12 --depth 2
    """
    from viz import render_map

    if output.suffix.lower() not in (".html", ".htm"):
        raise fail(f"The map is an HTML page: give an output file ending in .html, not {output.name!r}.")
    with exit_on_error():
        page = render_map(build_graph(load_org(data)), view=view.value, focus=focus, depth=depth)
    with atomic_file(output) as tmp:
        tmp.write_text(page, encoding="utf-8")
    typer.echo(f"Wrote {output}")
