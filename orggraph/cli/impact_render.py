"""Render an :class:`~orggraph.analysis.impact_models.ImpactReport` as plain text or as a Markdown review.

Both come from one list of sections (a title, sentences, tables), so the terminal and the review
document always say the same thing. Lists are cut at ``top`` rows with a line saying how many more
there are; ``--format json`` has everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from orggraph.analysis.impact_models import ImpactReport
from orggraph.cli.output import table

__all__ = ["markdown", "text"]

_SEVERITY = {"critical": "Critical", "high": "High", "medium": "Medium", "low": "Low", "info": "Good to know"}


@dataclass
class _Table:
    headers: Sequence[str]
    rows: list[Sequence[object]]
    more: int = 0
    """Rows left out."""


@dataclass
class _Section:
    title: str
    lines: list[str] = field(default_factory=list)
    tables: list[tuple[str, _Table]] = field(default_factory=list)


def _cut(rows: list[Sequence[object]], top: int, total: int | None = None) -> _Table:
    return _Table((), rows[:top], (total if total is not None else len(rows)) - min(len(rows), top))


def _arrow(a: object, b: object) -> str:
    return f"{_num(a)} -> {_num(b)}"


def _num(x: object) -> str:
    if x is None:
        return "-"
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, float):
        return f"{x:,.2f}".rstrip("0").rstrip(".") if x != int(x) else f"{int(x):,}"
    return str(x)


def _sections(r: ImpactReport, top: int) -> list[_Section]:
    out = []
    v = _Section("Verdict")
    v.lines = [f"{_SEVERITY[i.severity]}: {i.text}" for i in r.verdict]
    out.append(v)

    c = r.changes
    s = _Section("What changed", [c.summary().capitalize() + "."])
    if c.units_removed or c.units_added:
        rows = [[u, "removed"] for u in c.units_removed] + [[u, "added"] for u in c.units_added]
        s.tables.append(("Units", _with(_cut(rows, top), ["unit", "change"])))
    if c.units_moved:
        rows = [[m.unit, m.name, m.field.replace("_", " "), _arrow(m.before, m.after)] for m in c.units_moved]
        s.tables.append(("Moved", _with(_cut(rows, top), ["unit", "name", "what", "before -> after"])))
    if c.providers_changed:
        rows = [
            [p.capability, p.name, _arrow(", ".join(p.before), ", ".join(p.after))]
            for p in c.providers_changed
        ]
        s.tables.append(("Providers", _with(_cut(rows, top), ["capability", "name", "before -> after"])))
    deps = [[d.consumer, d.capability, "added"] for d in c.dependencies_added]
    deps += [[d.consumer, d.capability, "removed"] for d in c.dependencies_removed]
    if deps:
        s.tables.append(("Dependencies", _with(_cut(deps, top), ["consumer", "capability", "change"])))
    out.append(s)

    b = r.breaks
    s = _Section("What breaks")
    if not (b.lost_capabilities or b.failed or b.degraded or r.discontinued):
        s.lines.append("Nothing: every capability keeps a provider and no unit loses anything it needs.")
    else:
        s.lines.append(
            f"Capabilities left with no provider: {len(b.lost_capabilities):,}. Units that fail (lost a "
            f"high or critical dependency, so they stop providing too): {len(b.failed):,}. Degraded (lost a "
            f"low or medium one): {len(b.degraded):,}. "
            f"Front line among them: {len(b.front_line_affected):,}. "
            f"The cascade took {b.waves} wave{'s' if b.waves != 1 else ''}."
        )
    if b.lost_capabilities:
        rows = [[x.id, x.name, x.wave, x.consumers] for x in b.lost_capabilities]
        s.tables.append(
            (
                "Capabilities with no provider left",
                _with(_cut(rows, top), ["capability", "name", "wave", "consumers"]),
            )
        )
    for title, units in (("Fail", b.failed), ("Degraded", b.degraded)):
        if units:
            rows = [
                [a.id, a.name, a.department or "", a.front_line, a.wave, ", ".join(a.lost)] for a in units
            ]
            s.tables.append(
                (title, _with(_cut(rows, top), ["unit", "name", "department", "front line", "wave", "loses"]))
            )
    if r.discontinued:
        s.lines.append(
            "No longer offered although their providers stayed: " + ", ".join(r.discontinued) + "."
        )
    out.append(s)

    ch = r.chains
    s = _Section("Chains to the front line")
    s.lines.append(
        f"Critical chains (most hours, primary providers) of {ch.front_line_before:,} front-line units "
        f"before, {ch.front_line_after:,} after: {ch.broken:,} break, {ch.slower:,} slower, {ch.longer:,} "
        f"longer, {ch.faster:,} faster, {ch.shorter:,} shorter. "
        f"Slowest chain: {_arrow(ch.slowest_before, ch.slowest_after)} h."
    )
    if ch.changes:
        rows = [
            [x.unit, x.name, x.status, _arrow(x.hours_before, x.hours_after),
             _arrow(x.hops_before, x.hops_after), ", ".join(x.breaks_at)]
            for x in ch.changes
        ]  # fmt: skip
        s.tables.append(
            (
                "",
                _with(
                    _Table((), rows), ["front-line unit", "name", "chain", "hours", "hand-offs", "breaks at"]
                ),
            )
        )
    out.append(s)

    bn = r.bottlenecks
    s = _Section("Bottlenecks")
    s.lines.append(
        f"{bn.new_single_point_count:,} new single points of failure, "
        f"{bn.resolved_single_point_count:,} resolved. "
        f"Units over the load threshold ({bn.load_threshold:,.0f} weighted requests a year per FTE): "
        f"{_arrow(bn.overloaded_before, bn.overloaded_after)}."
    )
    for title, points, total in (
        ("New single points of failure", bn.new_single_points, bn.new_single_point_count),
        ("Resolved single points of failure", bn.resolved_single_points, bn.resolved_single_point_count),
    ):
        if points:
            rows = [
                [p.capability, p.name, p.provider_name, p.consumers, p.front_line_consumers,
                 _arrow(", ".join(p.providers_before) or "none", ", ".join(p.providers_after) or "none")]
                for p in points
            ]  # fmt: skip
            table_ = _Table((), rows, total - len(rows))
            s.tables.append(
                (
                    title,
                    _with(table_, ["capability", "name", "provider", "consumers", "front line", "providers"]),
                )
            )
    if bn.load_crossings:
        rows = [[x.unit, x.name, x.direction, _arrow(x.before, x.after)] for x in bn.load_crossings]
        s.tables.append(
            (
                "Load threshold crossed",
                _with(
                    _Table((), rows, bn.went_over + bn.went_under - len(rows)),
                    ["unit", "name", "now", "load per FTE"],
                ),
            )
        )
    if bn.movers:
        rows = [
            [m.unit, m.name, _arrow(m.rank_before, m.rank_after), _arrow(m.score_before, m.score_after)]
            for m in bn.movers
        ]
        s.tables.append(
            (f"Biggest movers by {bn.ranking}", _with(_Table((), rows), ["unit", "name", "rank", "score"]))
        )
    out.append(s)

    si = r.silos
    s = _Section("Silos")
    s.lines.append(
        f"E-I index of the whole organisation (-1: all work inside departments, +1: all across): "
        f"{_arrow(si.ei_before, si.ei_after)}. Ties now internal: {si.became_internal:,}; now "
        f"cross-department: {si.became_cross:,}; new cross-department: {si.new_cross:,}; cross-department "
        f"ties lost: {si.lost_cross:,}."
    )
    moved = [
        d
        for d in si.departments
        if d.change or d.size_before != d.size_after or (d.ei_before is None) != (d.ei_after is None)
    ]
    if moved:
        rows = [
            [
                d.department,
                d.name,
                _arrow(d.size_before, d.size_after),
                _arrow(d.ei_before, d.ei_after),
                _num(d.change),
            ]
            for d in moved
        ]
        s.tables.append(
            (
                "Departments whose E-I index changes",
                _with(_cut(rows, top), ["department", "name", "units", "E-I", "change"]),
            )
        )
    else:
        s.lines.append("No department's E-I index changes.")
    if si.bridges_lost:
        rows = [
            [f"{x.a_name} - {x.b_name}", x.ties_before, ", ".join(x.through_names)] for x in si.bridges_lost
        ]
        s.tables.append(
            (
                "Departments that lose their only tie",
                _with(_Table((), rows), ["departments", "ties before", "it ran through"]),
            )
        )
    if si.tie_changes:
        rows = [
            [t.consumer_name, t.provider_name, t.change, " / ".join(t.departments)] for t in si.tie_changes
        ]
        s.tables.append(
            (
                "Ties that change sides",
                _with(_Table((), rows), ["consumer", "provider", "change", "departments"]),
            )
        )
    out.append(s)

    s = _Section("People affected")
    teams = f"{r.teams_affected:,} team unit{'s' if r.teams_affected != 1 else ''}"
    people = f"{r.people_affected:,} {'person' if r.people_affected == 1 else 'people'}"
    s.lines.append(f"{people} and {teams} (front line first).")
    rows = [[p.unit, p.name, p.department or "", p.front_line, "; ".join(p.reasons)] for p in r.affected]
    if rows:
        s.tables.append(("", _with(_cut(rows, top), ["unit", "name", "department", "front line", "why"])))
    out.append(s)
    out.append(_Section("Notes", list(r.notes)))
    return out


def _with(t: _Table, headers: Sequence[str]) -> _Table:
    t.headers = headers
    return t


def text(r: ImpactReport, top: int) -> str:
    """The report as plain text for a terminal."""
    out = [f"Impact: {r.name}"]
    if r.description:
        out.append(r.description.strip())
    for s in _sections(r, top):
        out += ["", s.title, "-" * len(s.title)]
        out += [f"- {line}" if s.title in ("Verdict", "Notes") else line for line in s.lines]
        for title, t in s.tables:
            out += ["", title] if title else [""]
            out.append(table(t.headers, t.rows))
            if t.more:
                out.append(f"... and {t.more:,} more (--top, or --format json for all)")
    return "\n".join(out)


def markdown(r: ImpactReport, top: int) -> str:
    """The report as a Markdown review document."""
    out = [f"# Impact: {_md(r.name)}", ""]
    if r.description:
        out += [_md(r.description.strip()), ""]
    for s in _sections(r, top):
        out += [f"## {s.title}", ""]
        if s.title in ("Verdict", "Notes"):
            out += [_bullet(line) for line in s.lines] + [""]
        else:
            for line in s.lines:
                out += [_md(line), ""]
        for title, t in s.tables:
            if title:
                out += [f"**{_md(title)}**", ""]
            out.append("| " + " | ".join(_md(h) for h in t.headers) + " |")
            out.append(
                "| " + " | ".join("---:" if _numeric(t, k) else "---" for k in range(len(t.headers))) + " |"
            )
            out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in t.rows]
            out.append("")
            if t.more:
                out += [f"... and {t.more:,} more (`--top`, or `--format json` for all).", ""]
    return "\n".join(out).rstrip() + "\n"


def _bullet(line: str) -> str:
    head, sep, rest = line.partition(": ")
    return f"- **{_md(head)}**: {_md(rest)}" if sep and head in _SEVERITY.values() else f"- {_md(line)}"


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else ""
    return _md(_num(value) if isinstance(value, float | int) else str(value))


def _numeric(t: _Table, k: int) -> bool:
    return bool(t.rows) and all(
        isinstance(row[k], int | float) and not isinstance(row[k], bool) for row in t.rows
    )


def _md(s: str) -> str:
    """Escape what Markdown would read as table borders or emphasis in names."""
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
