"""``orggraph bottlenecks``: who the organisation depends on most, why, and what to do about it."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from orggraph.analysis.bottlenecks import BottleneckReport, BottleneckWeights, UnitBottleneck, bottlenecks
from orggraph.cli.app import app
from orggraph.cli.loading import DEFAULT_MAX_MB, MaxMbOpt, max_bytes
from orggraph.cli.options import DataArg, FormatOpt, OutputFormat, TopOpt
from orggraph.cli.output import emit, exit_on_error, fail, table
from orggraph.graph import build_graph
from orggraph.io import load_org


class LevelOpt(StrEnum):
    person = "person"
    team = "team"
    department = "department"


def _weight(name: str, default: float, what: str) -> object:
    return typer.Option(
        f"--weight-{name}", min=0.0, help=f"Weight of {what} in the score (default {default:g})."
    )


CSV_HEADERS = [
    "rank",
    "id",
    "name",
    "department",
    "score",
    "top factor",
    "direct dependents",
    "dependents",
    "front-line dependents",
    "critical dependents",
    "sole provider of",
    "fail if lost",
    "degraded if lost",
    "front line hurt if lost",
    "dominated",
    "cut off if lost",
    "betweenness",
    "cross-department share",
    "departments linked",
    "yearly requests",
    "yearly demand",
    "fte",
    "load per fte",
    "x median load",
    "overloaded",
    "load rank",
    "summary",
]


@app.command("bottlenecks")
def bottlenecks_command(
    data: DataArg,
    top: TopOpt = 20,
    level: Annotated[
        LevelOpt, typer.Option("--level", "-l", help="Rank people and teams, teams, or departments.")
    ] = LevelOpt.person,
    fmt: FormatOpt = OutputFormat.table,
    load_threshold: Annotated[
        float,
        typer.Option(
            min=0.0, help="Flag as overloaded above this yearly demand per FTE (weighted by criticality)."
        ),
    ] = 5000.0,
    department_factor: Annotated[
        float,
        typer.Option(min=0.0, help="Also flag above this many times the department's median load per FTE."),
    ] = 3.0,
    weight_reach: Annotated[
        float, _weight("reach", 1.0, "reach (dependents, front-line and critical ones extra)")
    ] = 1.0,
    weight_single_point: Annotated[
        float, _weight("single-point", 2.0, "what breaks if the unit is lost")
    ] = 2.0,
    weight_structure: Annotated[float, _weight("structure", 0.5, "structural cut points")] = 0.5,
    weight_brokerage: Annotated[float, _weight("brokerage", 1.0, "brokerage (betweenness)")] = 1.0,
    weight_load: Annotated[float, _weight("load", 1.0, "load per FTE")] = 1.0,
    samples: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Estimate betweenness from this many sampled units. Default: exact up to 2,000 units, "
            "else 256 samples.",
        ),
    ] = None,
    exact: Annotated[
        bool, typer.Option("--exact", help="Exact betweenness whatever the size (slow).")
    ] = False,
    seed: Annotated[int, typer.Option(help="Seed of the betweenness sample.")] = 0,
    max_mb: MaxMbOpt = DEFAULT_MAX_MB,
) -> None:
    """Bottlenecks and single points of failure, ranked, each with its evidence and a plain sentence.

    For every unit: who depends on it (reach), what breaks if it is lost (sole provider,
    AND/OR cascade, structural cut points), how many routes pass through it (brokerage) and its
    load per FTE, combined into a 0-100 score; then what to do about the top ones.

    --format json: the whole report; csv: one row per ranked unit.

    Example: orggraph bottlenecks data/sample-org.yaml --top 10 --level person
    """
    if exact and samples is not None:
        raise fail("Use either --exact or --samples, not both.")
    try:
        weights = BottleneckWeights(
            reach=weight_reach,
            single_point=weight_single_point,
            structure=weight_structure,
            brokerage=weight_brokerage,
            load=weight_load,
        )
    except ValueError:  # not an OrgGraphError: all weights zero, said in the options' terms
        raise fail("At least one --weight-* must be above zero.") from None
    with exit_on_error():
        report = bottlenecks(
            build_graph(load_org(data, max_bytes=max_bytes(max_mb))),
            level=level.value,  # type: ignore[arg-type]
            weights=weights,
            top=top,
            load_threshold=load_threshold,
            department_factor=department_factor,
            betweenness_samples="exact" if exact else (samples or "auto"),
            seed=seed,
        )
    emit(fmt, report, headers=CSV_HEADERS, rows=[_row(e) for e in report.entries], text=lambda: _text(report))


def _row(e: UnitBottleneck) -> list[object]:
    return [
        e.rank,
        e.id,
        e.name,
        e.department,
        e.score,
        e.top_factor,
        e.direct_dependents,
        e.dependents,
        e.front_line_dependents,
        e.critical_dependents,
        "; ".join(c.id for c in e.sole_provider_of),
        e.failed_if_lost,
        e.degraded_if_lost,
        e.front_line_hurt_if_lost,
        e.dominated,
        e.cut_off_if_lost,
        e.betweenness,
        e.cross_department_share,
        e.departments_linked,
        e.yearly_requests,
        e.yearly_demand,
        e.fte,
        e.load_per_fte,
        e.load_vs_median,
        e.overloaded,
        e.load_rank,
        e.summary,
    ]


def _text(r: BottleneckReport) -> str:
    what = {"person": "units", "team": "teams", "department": "departments"}[r.level]
    out = [
        f"Bottlenecks among {r.units:,} {what}: top {len(r.entries)} by score (0-100).",
        *r.notes,
        "",
        table(
            [
                "rank",
                "id",
                "name",
                "score",
                "top factor",
                "dependents",
                "front line",
                "critical",
                "fail if lost",
                "cross-dept routes",
                "load/FTE",
                "x median",
            ],
            [
                [
                    e.rank,
                    e.id,
                    e.name,
                    e.score,
                    e.top_factor.replace("_", " "),
                    e.dependents,
                    e.front_line_dependents,
                    e.critical_dependents,
                    e.failed_if_lost,
                    f"{e.cross_department_share:.0%}",
                    "no FTE" if e.load_per_fte is None else round(e.load_per_fte),
                    e.load_vs_median,
                ]
                for e in r.entries
            ],
        ),
        "",
        "Why",
    ]
    out += [f"{e.rank:>4}. {e.name}: {e.summary}" for e in r.entries]
    out += ["", "What to do"]
    out += [f"  - {rec.text}" for rec in r.recommendations] or ["  nothing stands out"]
    return "\n".join(out)
