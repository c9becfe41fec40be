"""``orggraph check``: validate organisation data and summarise it."""

from __future__ import annotations

from orggraph.cli.app import app
from orggraph.cli.loading import DEFAULT_MAX_MB, MaxMbOpt, max_bytes
from orggraph.cli.options import DataArg, FormatOpt, OutputFormat, TopOpt
from orggraph.cli.output import emit, exit_on_error, table
from orggraph.io import OrgSummary, load_org_checked, summarize_org

DEPARTMENT_HEADERS = ["department", "name", "units", "people", "teams", "fte", "front line"]


@app.command("check")
def check_command(
    data: DataArg,
    fmt: FormatOpt = OutputFormat.table,
    top: TopOpt = 20,
    max_mb: MaxMbOpt = DEFAULT_MAX_MB,
) -> None:
    """Validate organisation data and summarise it.

    Shows units per department, front-line units, capabilities without a backup provider, warnings.

    Invalid data exits with code 1 and lists every problem with its file, line or row, and field.

    Warnings (isolated units, people without a manager) do not fail the check.

    --format json: the whole summary; csv: one row per department.

    Example: orggraph check data/sample-org.yaml
    """
    with exit_on_error():
        org, warnings = load_org_checked(data, max_bytes=max_bytes(max_mb))
    summary = summarize_org(org, warnings)
    emit(
        fmt,
        summary,
        headers=DEPARTMENT_HEADERS,
        rows=_department_rows(summary),
        text=lambda: _text(summary, str(data), top),
    )


def _department_rows(summary: OrgSummary) -> list[list[object]]:
    return [[d.id, d.name, d.units, d.people, d.teams, d.fte, d.front_line] for d in summary.by_department]


def _text(s: OrgSummary, source: str, top: int) -> str:
    as_of = f" (as of {s.as_of.isoformat()})" if s.as_of else ""
    lines = [
        f"{source} is valid: {s.name}{as_of}.",
        f"{_n(s.units, 'unit')} ({_n(s.people, 'person', 'people')}, {_n(s.teams, 'team')}) in "
        f"{_n(s.departments, 'department')}; {_n(s.capabilities, 'capability', 'capabilities')}; "
        f"{_n(s.dependencies, 'dependency', 'dependencies')}.",
        "",
        "Units per department",
        table(DEPARTMENT_HEADERS, _department_rows(s)),
        "",
        f"Front-line units (serve external customers directly): {s.front_line}",
        "",
        f"Capabilities without a backup provider: {len(s.without_backup)}",
    ]
    if s.without_backup:
        rows = [[c.id, c.name, c.provider, c.provider_name, c.consumers] for c in s.without_backup[:top]]
        lines.append(table(["capability", "name", "provider", "provider name", "units depending"], rows))
        lines.extend(_more(len(s.without_backup), top))
    if s.direct_dependencies:
        lines.append(
            f"Dependencies naming a provider directly (no backup by definition): {s.direct_dependencies}"
        )
    lines += ["", f"Warnings: {len(s.warnings)}"]
    lines.extend(f"  - {w}" for w in s.warnings[:top])
    lines.extend(_more(len(s.warnings), top))
    return "\n".join(lines)


def _more(total: int, shown: int) -> list[str]:
    return [f"  ... and {total - shown} more (raise --top, or use --format json)"] if total > shown else []


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"
