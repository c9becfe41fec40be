"""``orggraph silos``: how work flows between departments, who bridges them, who is cut off."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from orggraph.analysis.silos import SiloReport
from orggraph.analysis.silos import silos as silo_analysis
from orggraph.cli.app import app
from orggraph.cli.options import DataArg, FormatOpt, OutputFormat, TopOpt
from orggraph.cli.output import emit, exit_on_error, table
from orggraph.graph import build_graph
from orggraph.io import load_org


class SiloLevelOpt(StrEnum):
    department = "department"
    team = "team"


class MethodOpt(StrEnum):
    leiden = "leiden"
    louvain = "louvain"


GROUP_HEADERS = [
    "group",
    "name",
    "units",
    "ties inside",
    "ties outside",
    "E-I",
    "E-I weighted",
    "E-I if random",
    "insularity",
    "partners",
    "spanners",
    "top spanner",
    "top share",
    "reaches customer",
]


@app.command("silos")
def silos_command(
    data: DataArg,
    level: Annotated[
        SiloLevelOpt, typer.Option("--level", "-l", help="Group units by department or by team.")
    ] = SiloLevelOpt.department,
    fmt: FormatOpt = OutputFormat.table,
    top: TopOpt = 15,
    seed: Annotated[int, typer.Option(help="Seed of the community detection.")] = 0,
    method: Annotated[
        MethodOpt, typer.Option(help="How working communities are detected.")
    ] = MethodOpt.leiden,
) -> None:
    """Silos: E-I index per department, boundary spanners, reach of the customer, communities, brokers.

    Shows the ranked findings (evidence and a suggested action each), every group, the top brokers.

    Lists every unit no front-line unit depends on. --format json: the whole report; csv: one row per group.

    Example: orggraph silos data/sample-org.yaml --level department
    """
    with exit_on_error():
        report = silo_analysis(
            build_graph(load_org(data)),
            level=level.value,  # type: ignore[arg-type]
            seed=seed,
            method=method.value,  # type: ignore[arg-type]
        )
    emit(fmt, report, headers=GROUP_HEADERS, rows=_group_rows(report), text=lambda: _text(report, top))


def _group_rows(report: SiloReport) -> list[list[object]]:
    return [
        [
            g.group,
            g.name,
            g.size,
            g.internal_ties,
            g.external_ties,
            g.ei_index,
            g.ei_weighted,
            g.ei_expected,
            g.insularity,
            g.partners,
            g.spanner_count,
            g.spanners[0].name if g.spanners else "",
            g.spanners[0].share if g.spanners else None,
            "" if g.reaches_customer is None else g.reaches_customer,
        ]
        for g in report.groups
    ]


def _text(report: SiloReport, top: int) -> str:
    word = report.level
    ei = "n/a" if report.ei_index is None else f"{report.ei_index:+.2f}"
    eiw = "n/a" if report.ei_weighted is None else f"{report.ei_weighted:+.2f}"
    out = [
        f"Silo analysis by {word}: {report.group_count} {word}s, {report.units} units, {report.ties} ties.",
        f"Organisation E-I index {ei} (weighted {eiw}); -1 means all work stays inside {word}s.",
        f"Working communities found ({report.community_method}): {report.community_count} "
        f"(modularity {report.modularity_detected:.2f}); "
        f"formal {word}s: modularity {report.modularity_formal:.2f}; agreement (NMI) {report.nmi:.2f}.",
        f"{report.never_exchange_count} pairs of {word}s never exchange work directly.",
    ]
    if not report.reach_assessed:
        out.append("Reach of the customer: not assessed (no unit is marked front line).")
    elif report.cut_off_units:
        out.append(
            f"Reach of the customer: {len(report.cut_off_units)} units have no path to any of the "
            f"{report.front_line_units} front-line units"
            + (f"; whole {word}s: {', '.join(report.cut_off_groups)}." if report.cut_off_groups else ".")
        )
    else:
        out.append(
            f"Reach of the customer: every unit's work reaches one of the {report.front_line_units} "
            "front-line units."
        )
    out += [
        "",
        f"Findings (top {min(top, len(report.findings))} of {len(report.findings)}, most severe first)",
    ]
    for i, f in enumerate(report.findings[:top], start=1):
        out += [
            f"{i:>3}. [{f.severity}] {f.title}",
            f"     Evidence: {f.evidence}",
            f"     Action: {f.action}",
        ]
    if not report.findings:
        out.append("  none")
    out += [
        "",
        f"{word.capitalize()}s (most insular first)",
        table(GROUP_HEADERS[1:], [r[1:] for r in _group_rows(report)]),
    ]
    if report.brokers:
        out += [
            "",
            f"Brokers (top {min(top, len(report.brokers))}: two-step paths through them, by role)",
            table(
                [
                    "person",
                    word,
                    "coordinator",
                    "gatekeeper",
                    "representative",
                    "itinerant",
                    "liaison",
                    "constraint",
                    "effective size",
                ],
                [
                    [
                        b.name,
                        b.group,
                        b.coordinator,
                        b.gatekeeper,
                        b.representative,
                        b.itinerant,
                        b.liaison,
                        b.constraint,
                        b.effective_size,
                    ]
                    for b in report.brokers[:top]
                ],
            ),
        ]
    if report.cut_off_units:
        out += ["", f"Units with no path to the front line ({len(report.cut_off_units)}, all listed)"]
        out.append(", ".join(report.cut_off_units))
    return "\n".join(out)
