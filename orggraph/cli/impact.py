"""``orggraph impact`` (a reorg scenario) and ``orggraph diff`` (two snapshots): before -> after."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orggraph.analysis.impact import impact, snapshot_diff
from orggraph.analysis.impact_models import ImpactReport
from orggraph.cli.app import app
from orggraph.cli.impact_render import markdown, text
from orggraph.cli.loading import DEFAULT_MAX_MB, MaxMbOpt, max_bytes
from orggraph.cli.options import DataArg, TopOpt
from orggraph.cli.output import exit_on_error, json_text
from orggraph.exceptions import ScenarioError
from orggraph.io import load_org


class ImpactFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


FormatOpt = Annotated[
    ImpactFormat,
    typer.Option("--format", "-f", help="table (terminal), json (everything) or md (a review document)."),
]


def _show(report: ImpactReport, fmt: ImpactFormat, top: int) -> None:
    if fmt == ImpactFormat.json:
        typer.echo(json_text(report))
    else:
        typer.echo(
            markdown(report, top) if fmt == ImpactFormat.md else text(report, top), nl=fmt != ImpactFormat.md
        )


@app.command("impact")
def impact_command(
    data: DataArg,
    scenario: Annotated[
        Path, typer.Argument(help="The scenario: a YAML or JSON file of operations.", show_default=False)
    ],
    fmt: FormatOpt = ImpactFormat.table,
    top: TopOpt = 10,
    max_mb: MaxMbOpt = DEFAULT_MAX_MB,
) -> None:
    """Reorg impact: apply a scenario to a copy of the organisation and report before -> after.

    The scenario lists operations applied in order (remove, move, merge, reassign, add_backup,
    add_dependency, remove_dependency, set). The report says what changed, then what breaks (the
    failure cascade, front line first), chains to the front line, bottlenecks, silos, the people
    affected, and a verdict ordered by severity. The data file is never modified.

    Example: orggraph impact data/sample-org.yaml data/scenarios/payroll-clerk-leaves.yaml --format md
    """
    from orggraph.io.scenario_file import load_scenario, locate_scenario_error

    with exit_on_error():
        org = load_org(data, max_bytes=max_bytes(max_mb))
        plan = load_scenario(scenario)
        try:
            report = impact(org, plan, top=top)
        except ScenarioError as e:  # re-raised with the scenario file and line, for exit_on_error
            raise locate_scenario_error(scenario, e) from None
    _show(report, fmt, top)


@app.command("diff")
def diff_command(
    old: Annotated[
        Path, typer.Argument(help="The earlier version of the organisation data.", show_default=False)
    ],
    new: Annotated[Path, typer.Argument(help="The later version (units matched by id).", show_default=False)],
    fmt: FormatOpt = ImpactFormat.table,
    top: TopOpt = 10,
    max_mb: MaxMbOpt = DEFAULT_MAX_MB,
) -> None:
    """Compare two snapshots of an organisation (e.g. last quarter's export and this one's).

    Units are matched by id. The report first says what was added, removed and moved, then the
    effects, as for orggraph impact: what breaks for those who stayed, chains, bottlenecks, silos,
    the people affected and a verdict.

    Example: orggraph diff data/sample-org.yaml data/sample-org-next-quarter.yaml --format md
    """
    with exit_on_error():
        limit = max_bytes(max_mb)
        report = snapshot_diff(load_org(old, max_bytes=limit), load_org(new, max_bytes=limit), top=top)
    _show(report, fmt, top)
