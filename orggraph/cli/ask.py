"""``orggraph ask``, ``orggraph provides`` and ``orggraph needs``: who to ask, and the reverse questions."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from orggraph.analysis.ask import Answer, AskReport, ask
from orggraph.analysis.contacts import Contact
from orggraph.analysis.provides import NeedsReport, ProvidesReport, needs, provides
from orggraph.analysis.search_index import SearchIndex
from orggraph.cli.app import app
from orggraph.cli.options import DataArg, FormatOpt, OutputFormat
from orggraph.cli.output import emit, exit_on_error, json_text, table
from orggraph.graph import build_graph
from orggraph.io import load_org


class AskFormat(StrEnum):
    table = "table"
    json = "json"


UnitArg = Annotated[str, typer.Argument(help="The unit's id (a person or a team).", show_default=False)]


@app.command("ask")
def ask_command(
    data: DataArg,
    question: Annotated[str, typer.Argument(help="What you need, in your own words.", show_default=False)],
    as_unit: Annotated[
        str | None,
        typer.Option(
            "--as", help="Your unit id: prefers providers near you and shows who can introduce you."
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, max=50, help="How many answers to show.")] = 5,
    fmt: Annotated[AskFormat, typer.Option("--format", "-f", help="Output format.")] = AskFormat.table,
) -> None:
    """Who do I ask for X: who to ask first, backups, channel, response time, escalation.

    Ranked answers from the organisation's capabilities and people, tolerant of typos and synonyms.

    Exits with code 1 when nothing matches, after saying so and naming the closest capabilities.

    Example: orggraph ask data/sample-org.yaml "who handles freight invoices" --as ana.costa
    """
    with exit_on_error():
        report = ask(SearchIndex.build(load_org(data)), question, as_unit=as_unit, top=top)
    typer.echo(json_text(report) if fmt == AskFormat.json else _ask_text(report))
    if not report.found:
        raise typer.Exit(code=1)


@app.command("provides")
def provides_command(data: DataArg, unit: UnitArg, fmt: FormatOpt = OutputFormat.table) -> None:
    """What a unit delivers, and to whom.

    Each capability it provides (as primary or backup) with the units that depend on it.

    Example: orggraph provides data/sample-org.yaml dana.reyes
    """
    with exit_on_error():
        report = provides(build_graph(load_org(data)), unit)
    headers = [
        "Capability",
        "Role",
        "Consumer",
        "Consumer department",
        "Cadence",
        "Criticality",
        "Lead time (h)",
    ]
    rows: list[list[object]] = []
    for p in report.items:
        if not p.consumers:
            rows.append([p.capability_name, p.role, "(nobody recorded)", "", "", "", ""])
        for c in p.consumers:
            rows.append([p.capability_name, p.role, c.unit.name, c.unit.department, c.cadence, c.criticality,
                         c.lead_time_hours])  # fmt: skip
    emit(fmt, report, headers=headers, rows=rows, text=lambda: _listing(report, headers, rows))


@app.command("needs")
def needs_command(data: DataArg, unit: UnitArg, fmt: FormatOpt = OutputFormat.table) -> None:
    """What a unit depends on, and from whom.

    Each dependency with the provider to ask first, why, and the backups, most critical first.

    Example: orggraph needs data/sample-org.yaml store-12
    """
    with exit_on_error():
        report = needs(build_graph(load_org(data)), unit)
    headers = ["Capability", "Cadence", "Criticality", "Lead time (h)", "Ask first", "Why", "Backups"]
    rows = [
        [
            n.capability_name,
            n.cadence,
            n.criticality,
            n.lead_time_hours,
            n.ask_first.name,
            n.reason,
            _names(n.backups),
        ]
        for n in report.items
    ]
    emit(fmt, report, headers=headers, rows=rows, text=lambda: _listing(report, headers, rows))


def _listing(report: ProvidesReport | NeedsReport, headers: list[str], rows: list[list[object]]) -> str:
    """The report's message, then the table of its rows (if any) after a blank line."""
    return report.message + ("\n\n" + table(headers, rows) if rows else "")


def _names(contacts: tuple[Contact, ...]) -> str:
    return ", ".join(c.name + ("" if c.available else " (unavailable)") for c in contacts) or "none"


def _hours(hours: float | None) -> str:
    if hours is None:
        return "not recorded"
    text = f"{hours:g} h"
    if hours < 24:
        return text
    days = round(hours / 24, 1)
    return f"{text} (about {days:g} day{'' if days == 1 else 's'})"


def _ask_text(report: AskReport) -> str:
    lines = [report.message]
    if report.understood:
        lines.append("Searched for: " + "; ".join(report.understood))
    for answer in report.answers:
        lines += ["", *_answer_lines(answer)]
    return "\n".join(lines)


def _answer_lines(a: Answer) -> list[str]:
    if a.kind == "capability":
        head = f"{a.rank}. {a.capability_name}  [capability {a.capability_id}, relevance {a.relevance:.2f}]"
        rows = [
            ("Ask first", a.ask_first.label),
            ("Why them", a.reason),
            ("Backups", _names(a.backups)),
        ]
    else:
        who = a.ask_first
        head = f"{a.rank}. {who.label}  [{who.kind} {who.id}, relevance {a.relevance:.2f}]"
        rows = [("Provides", ", ".join(a.provides) or "nothing recorded")]
    channel = f"{a.channel.type} {a.channel.address}".strip() if a.channel else "no channel recorded"
    rows.append(("How to ask", channel))
    if a.kind == "capability":
        rows.append(("Response time", _hours(a.lead_time_hours)))
    rows.append(("Escalation", " -> ".join(c.label for c in a.escalation) or "nobody above them"))
    if a.introduction is not None:
        rows.append(("Introduction", a.introduction.text))
    rows += [("Note", note) for note in a.notes]
    return [head] + [f"   {label + ':':<15}{value}" for label, value in rows]
