"""``orggraph export``: write the organisation as a graph file, native YAML/JSON, or a CSV folder."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orggraph.cli.app import app
from orggraph.cli.loading import DEFAULT_MAX_MB, MaxMbOpt, max_bytes
from orggraph.cli.options import DataArg
from orggraph.cli.output import exit_on_error
from orggraph.io import export_graph, load_org, save_org


class ExportFormat(StrEnum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    yaml = "yaml"
    csv = "csv"
    org_json = "org-json"


_DESCRIPTION = {
    ExportFormat.graphml: "GraphML (Gephi, Cytoscape, yEd)",
    ExportFormat.gexf: "GEXF (Gephi)",
    ExportFormat.json: "node-link JSON graph (D3, networkx)",
    ExportFormat.yaml: "native YAML",
    ExportFormat.csv: "CSV folder",
    ExportFormat.org_json: "native JSON",
}


@app.command("export")
def export_command(
    data: DataArg,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="graphml, gexf or json (node-link): the dependency graph (consumer -> provider); "
            "yaml, org-json or csv (a folder): the organisation itself, loadable again.",
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="File (or folder, for csv) to write.")],
    reporting_lines: Annotated[
        bool, typer.Option(help="Graph formats: add manager <-> report links to the dependencies.")
    ] = False,
    max_mb: MaxMbOpt = DEFAULT_MAX_MB,
) -> None:
    """Export the organisation for other tools, or convert it between YAML, JSON and a CSV folder.

    The data is validated first; the output is written atomically (never half-written).

    A CSV folder is replaced only if it holds nothing but orggraph's CSV files.

    Example: orggraph export data/sample-org.yaml --format graphml -o org.graphml
    """
    with exit_on_error():
        org = load_org(data, max_bytes=max_bytes(max_mb))
    with exit_on_error(writing=output):
        if fmt in (ExportFormat.graphml, ExportFormat.gexf, ExportFormat.json):
            export_graph(org, output, fmt.value, reporting_lines=reporting_lines)  # type: ignore[arg-type]
        else:
            save_org(org, output, "json" if fmt == ExportFormat.org_json else fmt.value)  # type: ignore[arg-type]
    counts = f"{len(org.units)} units, {len(org.dependencies)} dependencies"
    typer.echo(f"Wrote {_DESCRIPTION[fmt]} to {output}: {counts}.")
