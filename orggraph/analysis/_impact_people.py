"""People affected and the verdict of the impact report, in plain words.

A unit is *affected* when it leaves or is merged away, moves (department, team, manager, front-line
status or FTE), fails or is degraded in the cascade, gains or loses a provider role or a
dependency, becomes the only provider of something, crosses the load threshold, or is a
front-line unit whose critical chain changes. The verdict lists what matters most first.
"""

from __future__ import annotations

from collections.abc import Mapping

from orggraph.analysis.changes import OrgChanges
from orggraph.analysis.failure import FailureReport
from orggraph.analysis.impact_models import (
    BottleneckImpact,
    ChainImpact,
    PersonAffected,
    SilosImpact,
    VerdictItem,
)
from orggraph.model import Org

__all__ = ["people_affected", "verdict"]

_MOVE_WORDS = {"department": "moves to department", "team": "moves to team", "manager": "new manager"}


def people_affected(
    before: Org,
    after: Org,
    changes: OrgChanges,
    breaks: FailureReport,
    chains: ChainImpact,
    bottlenecks: BottleneckImpact,
    left: Mapping[str, str],
) -> tuple[PersonAffected, ...]:
    """Everyone touched, with the reasons; ``left`` maps each unit that left to its reason."""
    reasons: dict[str, list[str]] = {}

    def add(unit: str, why: str) -> None:
        reasons.setdefault(unit, []).append(why)

    for unit, why in sorted(left.items()):
        add(unit, why)
    for unit in changes.units_added:
        add(unit, "joins")
    for m in changes.units_moved:
        if m.field in _MOVE_WORDS:
            add(m.unit, f"{_MOVE_WORDS[m.field]} {m.after or '(none)'}")
        elif m.field == "front_line":
            add(m.unit, "joins the front line" if m.after else "leaves the front line")
        else:
            add(m.unit, f"FTE {m.before:g} -> {m.after:g}")
    for a in breaks.failed:
        add(a.id, f"fails: loses {', '.join(a.lost)}")
    for a in breaks.degraded:
        add(a.id, f"degraded: loses {', '.join(a.lost)}")
    for p in changes.providers_changed:
        for unit in p.after:
            if unit not in p.before:
                add(unit, f"now provides {p.capability}")
        for unit in p.before:
            if unit not in p.after and unit not in left:
                add(unit, f"no longer provides {p.capability}")
    lost = {c.id for c in breaks.lost_capabilities}
    for d in changes.dependencies_added:
        add(d.consumer, f"now depends on {d.capability}")
    for d in changes.dependencies_removed:
        if d.consumer not in left and d.capability not in lost:
            add(d.consumer, f"no longer depends on {d.capability}")
    for s in bottlenecks.new_single_points:
        add(s.provider, f"now the only provider of {s.capability}")
    for c in bottlenecks.load_crossings:
        add(
            c.unit,
            "now over the load threshold" if c.direction == "over" else "back under the load threshold",
        )
    for c in chains.changes:
        if c.status in ("broken", "slower", "longer"):
            add(c.unit, f"critical chain {c.status}")
    out = []
    for unit, why in reasons.items():
        u = after.unit_by_id.get(unit) or before.unit_by_id.get(unit)
        if u is None:
            continue
        out.append(
            PersonAffected(
                unit=unit,
                name=u.name,
                kind=u.kind,
                department=u.department,
                front_line=u.front_line,
                reasons=tuple(dict.fromkeys(why)),
            )
        )
    out.sort(key=lambda p: (not p.front_line, p.kind != "person", p.unit))
    return tuple(out)


def _names(items: list[str], total: int | None = None, limit: int = 3) -> str:
    """ "A, B, C and 4 more" (``total`` when ``items`` is only the first part of a longer list)."""
    total = len(items) if total is None else total
    shown = ", ".join(items[:limit])
    return shown + (f" and {total - min(limit, len(items))} more" if total > min(limit, len(items)) else "")


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def verdict(
    changes: OrgChanges,
    breaks: FailureReport,
    chains: ChainImpact,
    bottlenecks: BottleneckImpact,
    silos: SilosImpact,
    discontinued: tuple[str, ...],
) -> tuple[VerdictItem, ...]:
    """Plain sentences, most severe first (critical, high, medium, low, info)."""
    if changes.empty:
        return (VerdictItem(severity="info", text="No change: the two versions are the same organisation."),)
    items: list[VerdictItem] = []

    def say(severity: str, text: str) -> None:
        items.append(VerdictItem(severity=severity, text=text))  # type: ignore[arg-type]

    front_failed = [a for a in breaks.failed if a.front_line]
    first = [c.name for c in breaks.lost_capabilities if c.wave == 1]
    if front_failed:
        say(
            "critical",
            f"{_plural(len(front_failed), 'front-line unit')} can no longer work "
            f"({_names([a.name for a in front_failed])}): it starts with {_names(first)} losing "
            "its last provider.",
        )
    if breaks.lost_capabilities:
        caps = [f"{c.name} ({c.id})" for c in breaks.lost_capabilities]
        say(
            "high",
            f"{_plural(len(caps), 'capability', 'capabilities')} left with no provider: {_names(caps)}.",
        )
    others = [a for a in breaks.failed if not a.front_line]
    if others:
        verb = "fails" if len(others) == 1 else "fail"
        say("high", f"{_plural(len(others), 'more unit')} {verb}: a high or critical dependency is lost.")
    if chains.broken:
        broken = [c.name for c in chains.changes if c.status == "broken"]
        say(
            "high",
            f"{_plural(chains.broken, 'critical chain')} to the front line "
            f"{'breaks' if chains.broken == 1 else 'break'} ({_names(broken, chains.broken)}).",
        )
    for b in silos.bridges_lost:
        say(
            "high",
            f"{b.a_name} and {b.b_name} no longer have any direct tie "
            f"(it ran through {_names(list(b.through_names))}).",
        )
    if breaks.degraded:
        front = sum(1 for a in breaks.degraded if a.front_line)
        extra = f", {front} of them front line" if front else ""
        say(
            "medium",
            f"{_plural(len(breaks.degraded), 'unit')} degraded: a low or medium dependency is lost{extra}.",
        )
    if bottlenecks.new_single_point_count:
        first = bottlenecks.new_single_points[0]
        say(
            "medium",
            f"{_plural(bottlenecks.new_single_point_count, 'new single point')} of failure: {first.name} now "
            f"rests on {first.provider_name} alone ({_plural(first.consumers, 'consumer')}).",
        )
    over = [c for c in bottlenecks.load_crossings if c.direction == "over"]
    if over:
        say(
            "medium", f"Over the load threshold now: {_names([c.name for c in over], bottlenecks.went_over)}."
        )
    if chains.slower:
        worst = next(c for c in chains.changes if c.status == "slower")
        say(
            "medium",
            f"{_plural(chains.slower, 'front-line chain')} slower; the worst, {worst.name}: "
            f"{worst.hours_before:,g} h -> {worst.hours_after:,g} h.",
        )
    if chains.longer:
        say("low", f"{_plural(chains.longer, 'front-line chain')} with more hand-offs.")
    if discontinued:
        say("medium", f"No longer offered although their providers stayed: {_names(list(discontinued))}.")
    for d in silos.departments:
        if d.size_before and not d.size_after:
            say("low", f"{d.name} no longer exists: its {_plural(d.size_before, 'unit')} moved or left.")
    if silos.became_internal or silos.became_cross:
        say(
            "low",
            f"Department boundaries: {_plural(silos.became_internal, 'tie')} become internal, "
            f"{silos.became_cross:,} become cross-department.",
        )
    if bottlenecks.resolved_single_point_count:
        first = bottlenecks.resolved_single_points[0]
        say(
            "info",
            f"{_plural(bottlenecks.resolved_single_point_count, 'single point')} of failure resolved, "
            f"e.g. {first.name} (now {', '.join(first.providers_after)}).",
        )
    if chains.faster:
        say("info", f"{_plural(chains.faster, 'front-line chain')} faster.")
    if not (breaks.lost_capabilities or breaks.failed or breaks.degraded):
        say("info", "Nothing breaks: every capability keeps a provider and no unit loses anything it needs.")
    order = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}
    return tuple(sorted(items, key=lambda v: order[v.severity]))
