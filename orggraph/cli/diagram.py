"""``orggraph diagram``: Graphviz diagrams (department overview, critical chains, reorg impact)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orggraph.cli.app import app
from orggraph.cli.options import DataArg
from orggraph.cli.output import exit_on_error, fail
from orggraph.exceptions import OrgGraphError, ScenarioError
from orggraph.graph import build_graph
from orggraph.io import load_org
from orggraph.io.atomic import atomic_file
from orggraph.model import Org


class DiagramKind(StrEnum):
    overview = "overview"
    chains = "chains"
    impact = "impact"


_FORMATS = {".svg": "svg", ".png": "png", ".dot": "dot", ".gv": "dot"}


@app.command("diagram")
def diagram_command(
    data: DataArg,
    kind: Annotated[DiagramKind, typer.Option("--kind", "-k", help="Which diagram to draw.")],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="FILE.svg, FILE.png, or FILE.dot for the source.", show_default=False
        ),
    ],
    front_line: Annotated[
        str | None, typer.Option("--front-line", help="chains: the front-line unit whose chains to draw.")
    ] = None,
    scenario: Annotated[
        Path | None, typer.Option(help="impact: a reorg scenario file (YAML or JSON) to apply to DATA.")
    ] = None,
    after: Annotated[
        Path | None, typer.Option(help="impact: another version of the organisation to compare DATA with.")
    ] = None,
) -> None:
    """Draw a diagram with Graphviz: overview, chains or impact.

    overview: departments as boxes with their teams, arrows labelled with how many dependencies
    one department has on another. chains: what a front-line unit depends on, front line at the
    top, its slowest chain in red. impact: what a scenario (or a second version of the data)
    changes: removed in red, added in green, broken dependencies dashed. An arrow always means
    "depends on". Without Graphviz's dot program, a .dot output still works.

    Example: orggraph diagram data/sample-org.yaml --kind chains --front-line store-12 -o chains.svg
    """
    from viz.diagrams import chains_dot, overview_dot
    from viz.render import GraphvizMissing, render_dot

    fmt = _FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise fail(f"Give an output file ending in .svg, .png or .dot, not {output.name!r}.")
    with exit_on_error():
        org = load_org(data)
        if kind == DiagramKind.overview:
            source = overview_dot(build_graph(org))
        elif kind == DiagramKind.chains:
            if not front_line:
                raise OrgGraphError("--kind chains needs --front-line UNIT (a front-line unit's id).")
            source = chains_dot(build_graph(org), front_line)
        else:
            source = _impact_source(org, scenario, after)
        if fmt == "dot":
            _write(output, source.encode("utf-8"))
        else:
            try:
                image = render_dot(source, fmt)
            except GraphvizMissing as e:  # still write the DOT source, and say where
                dot_file = output.with_suffix(".dot")
                _write(dot_file, source.encode("utf-8"))
                raise fail(f"{e}\nThe DOT source was written to {dot_file}.") from e
            _write(output, image)
    typer.echo(f"Wrote {output}")


def _write(path: Path, data: bytes) -> None:
    with exit_on_error(writing=path), atomic_file(path) as tmp:
        tmp.write_bytes(data)


def _impact_source(org: Org, scenario: Path | None, after: Path | None) -> str:
    from orggraph.io.scenario_file import load_scenario, locate_scenario_error
    from orggraph.scenario import apply_scenario
    from viz.diagrams import impact_dot

    if (scenario is None) == (after is None):
        raise OrgGraphError("--kind impact needs exactly one of --scenario FILE or --after OTHER_DATA.")
    if after is not None:
        return impact_dot(org, load_org(after))
    assert scenario is not None
    try:
        applied = apply_scenario(org, load_scenario(scenario))
    except ScenarioError as e:  # re-raised with the scenario file and line, for exit_on_error
        raise locate_scenario_error(scenario, e) from None
    return impact_dot(applied.before, applied.after, lost=applied.lost_dependencies)
