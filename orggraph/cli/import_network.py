"""``orggraph import-network``: survey / ONA network data (ties + attributes) to an org file."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orggraph.cli.app import app
from orggraph.cli.output import exit_on_error, fail
from orggraph.io import save_org
from orggraph.io.network import TRUTHY, parse_value_labels, read_network


class DirectionOpt(StrEnum):
    ego_depends_on_alter = "ego-depends-on-alter"
    alter_depends_on_ego = "alter-depends-on-ego"


class CadenceOpt(StrEnum):
    daily = "daily"
    weekly = "weekly"
    biweekly = "biweekly"
    monthly = "monthly"
    quarterly = "quarterly"
    yearly = "yearly"
    adhoc = "adhoc"


class CriticalityOpt(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


def _column(help_text: str) -> object:
    return typer.Option(help=f"{help_text} A header name or a 1-based column number.", show_default=False)


@app.command("import-network")
def import_network(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Where to write the organisation: .yaml, .json or a CSV folder."),
    ],
    edges: Annotated[
        Path | None,
        typer.Argument(
            help="The ties: an edge list (source, target, optional weight) or a matrix (--matrix). "
            "Leave it out to use the reporting lines as the ties (an organogram).",
            show_default=False,
        ),
    ] = None,
    attributes: Annotated[
        Path | None,
        typer.Option("--attributes", "-a", help="Attribute table, one row per person (CSV or whitespace)."),
    ] = None,
    id_column: Annotated[
        str | None, _column("Column holding the person's id ('row' numbers the rows from --base).")
    ] = None,
    department_column: Annotated[str | None, _column("Column giving the department.")] = None,
    team_column: Annotated[str | None, _column("Column giving the team.")] = None,
    front_line_column: Annotated[
        str | None, _column("Column saying whether the person is front line.")
    ] = None,
    name_column: Annotated[str | None, _column("Column giving the person's name.")] = None,
    title_column: Annotated[str | None, _column("Column giving the job title.")] = None,
    manager_column: Annotated[
        str | None, _column("Column giving the person's manager id (XX, none, - or empty: no manager).")
    ] = None,
    reports_to: Annotated[
        Path | None,
        typer.Option(help="Reporting lines laid out like EDGES (or --matrix): ego reports to alter."),
    ] = None,
    text_ids: Annotated[
        bool, typer.Option("--text-ids", help="Compare ids as text, keeping leading zeros (007 is not 7).")
    ] = False,
    department_from_id: Annotated[
        str | None,
        typer.Option(
            help="Regular expression taking the department code from each id (e.g. '^[A-Z]+' for W3)."
        ),
    ] = None,
    department_labels: Annotated[
        str | None, typer.Option(help="Names for department codes, e.g. '1=Boston,2=Hartford'.")
    ] = None,
    team_labels: Annotated[
        str | None, typer.Option(help="Names for team codes, e.g. '1=litigation'.")
    ] = None,
    title_labels: Annotated[str | None, typer.Option(help="Names for title codes, e.g. '1=partner'.")] = None,
    front_line_values: Annotated[
        str, typer.Option(help="Comma-separated values of the front-line column that mean 'front line'.")
    ] = ",".join(TRUTHY),
    matrix: Annotated[bool, typer.Option("--matrix", help="EDGES is an adjacency matrix.")] = False,
    undirected: Annotated[
        bool, typer.Option("--undirected", help="Ties go both ways (co-work): each gives two dependencies.")
    ] = False,
    direction: Annotated[
        DirectionOpt,
        typer.Option(
            help="How to read a tie ego -> alter (ego asks alter for advice: ego depends on alter)."
        ),
    ] = DirectionOpt.ego_depends_on_alter,
    relation: Annotated[
        str | None,
        typer.Option(help="Name of the relation, kept in each dependency's note (default: file name)."),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="The organisation's name.")] = None,
    header: Annotated[
        bool | None,
        typer.Option("--header/--no-header", help="The edge list has a header line (default: detect)."),
    ] = None,
    base: Annotated[int, typer.Option(help="Number the matrix rows (and 'row' ids) count from.", min=0)] = 1,
    edge_base: Annotated[
        int | None,
        typer.Option(
            help="Number the edge list's ids count from, when it differs from the attribute table's."
        ),
    ] = None,
    cadence: Annotated[
        CadenceOpt, typer.Option(help="Cadence given to every dependency.")
    ] = CadenceOpt.monthly,
    criticality: Annotated[
        CriticalityOpt, typer.Option(help="Criticality given to every dependency.")
    ] = CriticalityOpt.medium,
    encoding: Annotated[str, typer.Option(help="Text encoding of the input files.")] = "utf-8-sig",
) -> None:
    """Import survey or ONA network data (an edge list or adjacency matrix plus an attribute table).

    Each person becomes a unit and each tie a dependency; by default ego depends on alter.

    Reporting lines (--manager-column, --reports-to) set managers; with no EDGES they are the ties.

    Self-loops and ties of weight 0 are dropped and counted; problems name the file, line and field.

    Example: orggraph import-network advice.csv -a people.csv --department-column dept -o org.yaml
    """
    with exit_on_error():
        # Bad labels, column positions or encoding names raise plain ValueError, LookupError
        # or re.error, not OrgGraphError: they are the user's mistakes too, so they fail the same way.
        try:
            labels = {
                role: parse_value_labels(text)
                for role, text in (
                    ("department", department_labels),
                    ("team", team_labels),
                    ("title", title_labels),
                )
                if text
            }
            result = read_network(
                edges,
                attributes=attributes,
                id_column=id_column,
                department_column=department_column,
                team_column=team_column,
                front_line_column=front_line_column,
                name_column=name_column,
                title_column=title_column,
                manager_column=manager_column,
                reports_to=reports_to,
                department_from_id=department_from_id,
                text_ids=text_ids,
                labels=labels,
                front_line_values=[v for v in front_line_values.split(",") if v.strip()],
                matrix=matrix,
                undirected=undirected,
                direction=direction.value,  # type: ignore[arg-type]
                header=header,
                base=base,
                edge_base=edge_base,
                relation=relation,
                org_name=name,
                cadence=cadence.value,  # type: ignore[arg-type]
                criticality=criticality.value,  # type: ignore[arg-type]
                encoding=encoding,
            )
        except (ValueError, LookupError, re.error) as e:
            raise fail(str(e)) from e
    with exit_on_error(writing=output):
        save_org(result.org, output)
    typer.echo(f"Wrote {output}: {result.summary()}")
