"""``orggraph chains``: the critical chains into the front line, loops, and everyone's line of sight."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from orggraph.analysis.chains import Chain, ChainReport, chains
from orggraph.cli.app import app
from orggraph.cli.loading import DEFAULT_MAX_MB, MaxMbOpt, max_bytes
from orggraph.cli.options import DataArg, TopOpt
from orggraph.cli.output import exit_on_error, json_text, table
from orggraph.graph import build_graph
from orggraph.io import load_org


class ChainFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("chains")
def chains_command(
    data: DataArg,
    front_line: Annotated[
        list[str] | None,
        typer.Option(
            "--front-line",
            "-u",
            help="Treat only this unit id as the front line (repeat for several). Default: every "
            "front-line unit.",
        ),
    ] = None,
    top: TopOpt = 10,
    fmt: Annotated[ChainFormat, typer.Option("--format", "-f", help="Output format.")] = ChainFormat.table,
    include_backups: Annotated[
        bool, typer.Option("--include-backups", help="Follow backup providers too, not only primaries.")
    ] = False,
    max_mb: MaxMbOpt = DEFAULT_MAX_MB,
) -> None:
    """Critical chains to the front line: what feeds customer-facing units, how long it takes, where it loops.

    For the slowest chains (most hours in all) and the longest (most hand-offs): every hand-off
    with its capability, cadence and lead time, and the weakest link. Then circular
    dependencies, the upstream supply, and each unit's line of sight to the front line.

    --format json: the whole report (every front-line unit and every unit's line of sight).

    Example: orggraph chains data/sample-org.yaml --front-line store-12
    """
    with exit_on_error():
        G = build_graph(load_org(data, max_bytes=max_bytes(max_mb)))
        report = chains(G, front_line=front_line or None, top=top, include_backups=include_backups)
    typer.echo(json_text(report) if fmt == ChainFormat.json else _text(report, top))


def _text(r: ChainReport, top: int) -> str:
    route = "primary and backup providers" if r.include_backups else "primary providers"
    out = [
        f"Critical chains into {_n(len(r.front_line), 'front-line unit')} (following {route}).",
        r.cycle_rule,
    ]
    if not r.front_line:
        out.append(
            "No unit is marked front line: mark some with front_line: true, or name one with --front-line."
        )
    out += ["", f"Slowest chains (top {len(r.critical)}, most hours in all)"]
    for i, c in enumerate(r.critical, start=1):
        out += _chain_lines(i, c)
    out += ["", f"Longest chains (top {len(r.longest)}, most hand-offs)"]
    for i, c in enumerate(r.longest, start=1):
        out += _chain_lines(i, c)
    out += ["", f"Circular dependencies ({len(r.cycles)})"]
    for y in r.cycles[:top]:
        slowest = y.slowest_link.lead_time_hours
        out.append(f"  - {y.text} ({len(y.members)} units; slowest hand-off inside: {slowest:,g} h)")
    if not r.cycles:
        out.append("  none")
    for s in r.supply:
        out += [
            "",
            f"Upstream supply of {s.name}: {s.units} units and {s.capabilities} capabilities, "
            f"up to {s.max_depth} hand-offs away",
            table(
                ["hand-offs away", "units", "capabilities"],
                [[d.depth, d.units, d.capabilities] for d in s.by_depth],
            ),
        ]
    sight = sorted(
        (x for x in r.line_of_sight.values() if x.reaches_front_line),
        key=lambda x: (-(x.hours or 0.0), -(x.hops or 0), x.unit),
    )
    out += [
        "",
        f"Line of sight: {len(r.line_of_sight) - r.units_without_path} units reach the front line; "
        f"the {min(top, len(sight))} farthest (in hours) first",
        table(
            [
                "unit",
                "name",
                "hand-offs",
                "hours",
                "nearest front line (hand-offs)",
                "nearest front line (hours)",
            ],
            [[x.unit, x.name, x.hops, x.hours, x.nearest_by_hops, x.nearest_by_hours] for x in sight[:top]],
        ),
    ]
    lost = [x.unit for x in r.line_of_sight.values() if not x.reaches_front_line]
    if lost:
        shown = ", ".join(lost[:top]) + (f", and {len(lost) - top} more" if len(lost) > top else "")
        out += ["", f"No path to the front line ({len(lost)} units): {shown}"]
    return "\n".join(out)


def _chain_lines(rank: int, c: Chain) -> list[str]:
    head = f"{c.front_line_name} ({c.front_line}): {c.total_hours:,g} h over {_n(c.hops, 'hand-off')}"
    lines = [
        f"{rank:>3}. {head}",
        f"     {c.text}",
    ]
    if c.weakest_link:
        w = c.weakest_link
        link = c.links[w.position]
        lines.append(f"     Weakest link: {link.capability_name} from {link.provider_name}: {w.reason}")
    return lines


def _n(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"
