"""Plain-words sentences for the bottleneck report: one summary per entry and the recommendations.

Kept apart from the figures so the wording can be reviewed (and changed) on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from orggraph.analysis.bottleneck_models import Recommendation, UnitBottleneck
from orggraph.model import IMPLICIT_PREFIX

__all__ = ["recommendations", "summary"]

_NOUNS = {"person": "units", "team": "teams", "department": "departments"}


def _n(count: int | float, noun: str) -> str:
    """``1 unit``, ``3 units``: count with a noun given in the plural."""
    singular = {"units": "unit", "teams": "team", "departments": "department"}.get(noun, noun)
    return f"{count:,.0f} {singular if count == 1 else noun}"


def _depend(count: int) -> str:
    return "depends" if count == 1 else "depend"


def _share(x: float) -> str:
    if x <= 0:
        return "none"
    if x < 0.001:
        return "under 0.1%"
    return f"{x:.1%}"


def _capability(cap: Any, owner: str) -> str:
    if cap.id.startswith(IMPLICIT_PREFIX):
        return f"the work others ask of {owner} directly"
    return f"'{cap.name}'"


def _loss(f: Mapping[str, Any]) -> str:
    failed, degraded, front = f["failed_if_lost"], f["degraded_if_lost"], f["front_line_hurt_if_lost"]
    if failed and degraded:
        text = f"losing {f['name']} would make {_n(failed, 'units')} fail and leave {degraded:,} degraded"
    elif failed:
        text = f"losing {f['name']} would make {_n(failed, 'units')} fail"
    elif degraded:
        text = f"losing {f['name']} would leave {_n(degraded, 'units')} degraded"
    else:
        return f"losing {f['name']} would break nothing else, thanks to backups further down"
    if front:
        text += f", {front:,} of them on the front line"
    return text


def summary(f: Mapping[str, Any], level: str) -> str:
    """One sentence explaining an entry, led by its top factor."""
    name, nouns, top = f["name"], _NOUNS[level], f["top_factor"]
    if top == "single_point":
        sole = f["sole_provider_of"]
        if not sole:
            return f"{_loss(f).capitalize()}."
        first = sole[0]
        more = len(sole) - 1
        what = _capability(first, name) + (
            f" and {more} other capabilit{'y' if more == 1 else 'ies'}" if more else ""
        )
        return (
            f"Only provider of {what} ({_n(first.dependents, nouns)} {_depend(first.dependents)} on it, "
            f"{first.front_line_dependents:,} on the front line); {_loss(f)}."
        )
    if top == "reach":
        return (
            f"{_n(f['dependents'], nouns)} {_depend(f['dependents'])} on {name} directly or through others "
            f"({f['direct_dependents']:,} directly), "
            f"{f['front_line_dependents']:,} of them on the front line; "
            f"{f['critical_dependents']:,} through high or critical dependencies only."
        )
    if top == "load":
        if f["load_per_fte"] is None:
            return (
                f"{name} receives {f['yearly_demand']:,.0f} weighted requests a year "
                "with no capacity recorded (FTE 0)."
            )
        ratio = f["load_vs_median"]
        return (
            f"{name} receives about {f['yearly_requests']:,.0f} requests a year "
            f"({f['yearly_demand']:,.0f} weighted by criticality) on {f['fte']:g} FTE: "
            f"{f['load_per_fte']:,.0f} per FTE, {ratio:.1f}x the median."
        )
    if top == "brokerage":
        return (
            f"About {_share(f['cross_department_share'])} of the cross-department dependency routes "
            f"pass through {name} ({_share(f['betweenness'])} of all routes between other {nouns}), "
            f"who links {_n(f['departments_linked'], 'departments')}."
        )
    if top == "structure":
        parts = []
        if f["cut_off_if_lost"]:
            parts.append(f"without {name}, {_n(f['cut_off_if_lost'], nouns)} would be cut off from the rest")
        if f["dominated"]:
            parts.append(
                f"every route from the front line to {_n(f['dominated'], nouns)} passes through {name}"
            )
        text = "; ".join(parts)
        return text[0].upper() + text[1:] + "."
    return f"Nothing stands out: nobody depends on {name} and it receives no requests."


def recommendations(entries: Iterable[UnitBottleneck], level: str) -> list[Recommendation]:
    """Actions tied to the evidence of each entry, in rank order."""
    nouns = _NOUNS[level]
    out: list[Recommendation] = []
    for e in entries:
        for cap in e.sole_provider_of[:3]:
            what = _capability(cap, e.name)
            if level == "person":
                text = (
                    f"Name and cross-train a backup for {what} (sole provider: {e.name}, "
                    f"{_n(cap.dependents, 'dependents')}, {cap.front_line_dependents:,} on the front line)."
                )
            else:
                text = (
                    f"Name and cross-train a backup outside {e.name} for {what} "
                    f"(only {e.name} provides it; {_n(cap.dependents, nouns)} "
                    f"{_depend(cap.dependents)} on it, {cap.front_line_dependents:,} on the front line)."
                )
            out.append(Recommendation(unit=e.id, kind="backup", text=text))
        if e.overloaded:
            if e.load_per_fte is None:
                out.append(
                    Recommendation(
                        unit=e.id,
                        kind="add_capacity",
                        text=f"Record or add capacity for {e.name}: it receives {e.yearly_demand:,.0f} "
                        "weighted requests a year with no FTE recorded.",
                    )
                )
            else:
                ratio = e.load_vs_median or 0.0
                out.append(
                    Recommendation(
                        unit=e.id,
                        kind="split_load",
                        text=f"Split the demand on {e.name} or add capacity ({ratio:.1f}x the median "
                        f"load per FTE: {e.load_per_fte:,.0f} weighted requests a year per FTE).",
                    )
                )
        structural = e.top_factor == "structure" or e.contributions.get("structure", 0.0) >= 1.0
        if e.cut_off_if_lost and structural:
            out.append(
                Recommendation(
                    unit=e.id,
                    kind="second_link",
                    text=f"Build a second link to the {_n(e.cut_off_if_lost, nouns)} that reach "
                    f"the rest of the organisation only through {e.name}.",
                )
            )
        elif e.dominated and e.top_factor == "structure":
            out.append(
                Recommendation(
                    unit=e.id,
                    kind="second_route",
                    text=f"Give the {_n(e.dominated, nouns)} whose work reaches the front line only through "
                    f"{e.name} a second route.",
                )
            )
        if e.top_factor == "brokerage" or e.contributions.get("brokerage", 0.0) >= 10.0:
            out.append(
                Recommendation(
                    unit=e.id,
                    kind="spread_contacts",
                    text=f"Spread {e.name}'s cross-department contacts: about "
                    f"{_share(e.cross_department_share)} of the cross-department dependency routes "
                    f"({_share(e.betweenness)} of the shortest dependency routes between other {nouns}) "
                    f"pass through {e.name}.",
                )
            )
    return out
