"""Chains section of the impact report: each front-line unit's critical chain before and after.

The critical chain is the one :func:`orggraph.analysis.chains.chains` reports first: the most
hours in all, following primary providers, loops counted once. A chain **breaks** when one of its
hand-offs loses every capability behind it in the failure cascade (nobody is left to provide it)
or when the front-line unit itself fails: the old route no longer works, whatever the new figures
say. A provider who leaves while a backup takes over does not break the chain; it then shows as
slower or faster (hours), else longer or shorter (hand-offs), else rerouted (same figures, other
units).
"""

from __future__ import annotations

from collections.abc import Collection

from orggraph.analysis._impact_index import ChainFigures, Figures, path_of
from orggraph.analysis.impact_models import ChainChange, ChainImpact

__all__ = ["chains_section"]

_EPS = 1e-9
_ORDER = {"broken": 0, "removed": 1, "left the front line": 2, "joined the front line": 3}


def chains_section(
    before: Figures,
    after: Figures,
    chains_before: ChainFigures,
    chains_after: ChainFigures,
    lost: Collection[str],
    failed: Collection[str],
    hurt: Collection[str],
    top: int,
    affected: Collection[int] | None = None,
) -> ChainImpact:
    """Compare critical chains per front-line unit, given the cascade's lost capabilities and failed units.

    ``affected``: indices of the units whose chains can differ at all (those that depend, through
    any tie, on a unit whose row changed); ``None`` compares every front-line unit.
    """
    front_b = {before.nodes[i] for i, f in enumerate(before.front_line) if f}
    front_a = {after.nodes[i] for i, f in enumerate(after.front_line) if f}
    candidates = front_b | front_a
    if affected is not None:
        candidates = (front_b ^ front_a) | {u for u in candidates if before.index[u] in affected}
    names = {u: _name(before, after, u) for u in candidates}
    changes: list[ChainChange] = []
    for unit in sorted(candidates):
        change = _compare(
            unit, names, before, after, chains_before, chains_after, front_b, front_a, lost, failed, hurt
        )
        if change is not None:
            changes.append(change)
    counts = {s: sum(1 for c in changes if c.status == s) for s in _STATUSES}
    changes.sort(key=_rank)
    shown: list[ChainChange] = []
    per_status: dict[str, int] = {}
    for c in changes:
        per_status[c.status] = per_status.get(c.status, 0) + 1
        if per_status[c.status] <= top:
            shown.append(c)
    return ChainImpact(
        front_line_before=len(front_b),
        front_line_after=len(front_a),
        broken=counts["broken"],
        slower=counts["slower"],
        longer=counts["longer"],
        faster=counts["faster"],
        shorter=counts["shorter"],
        changes=tuple(shown),
        slowest_before=max((chains_before.hours(before.index[u]) for u in front_b), default=0.0),
        slowest_after=max((chains_after.hours(after.index[u]) for u in front_a), default=0.0),
    )


_STATUSES = ("broken", "slower", "longer", "faster", "shorter")


def _name(before: Figures, after: Figures, unit: str) -> str:
    found = after.org.unit_by_id.get(unit) or before.org.unit_by_id.get(unit)
    return found.name if found else unit


def _compare(
    unit: str,
    names: dict[str, str],
    before: Figures,
    after: Figures,
    cb: ChainFigures,
    ca: ChainFigures,
    front_b: set[str],
    front_a: set[str],
    lost: Collection[str],
    failed: Collection[str],
    hurt: Collection[str],
) -> ChainChange | None:
    i, j = before.index.get(unit), after.index.get(unit)
    in_b, in_a = unit in front_b, unit in front_a
    steps_b = cb.steps(i) if in_b and i is not None else []
    path_b = tuple(before.nodes[k] for k in path_of(steps_b))
    path_a = tuple(after.nodes[k] for k in ca.path(j)) if in_a and j is not None else ()
    hb = cb.hours(i) if in_b and i is not None else None
    ha = ca.hours(j) if in_a and j is not None else None
    kb = cb.hops(i) if in_b and i is not None else None
    ka = ca.hops(j) if in_a and j is not None else None
    breaks = _breaks(before, steps_b, lost, hurt) if any(u in hurt for u in path_b) else ()
    if in_b and unit in failed:
        breaks = (unit, *breaks)
    if in_b and not (j is not None and after.present[j]):
        status = "removed"
    elif in_b and not in_a:
        status = "left the front line"
    elif in_a and not in_b:
        status = "joined the front line"
    elif breaks:
        status = "broken"
    elif ha is not None and hb is not None and abs(ha - hb) > _EPS:
        status = "slower" if ha > hb else "faster"
    elif ka is not None and kb is not None and ka != kb:
        status = "longer" if ka > kb else "shorter"
    elif path_a != path_b:
        status = "rerouted"
    else:
        return None
    return ChainChange(
        unit=unit,
        name=names.get(unit, unit),
        status=status,  # type: ignore[arg-type]
        hours_before=hb,
        hours_after=ha,
        hops_before=kb,
        hops_after=ka,
        path_before=path_b,
        path_after=path_a,
        breaks_at=breaks if status == "broken" else (),
    )


def _breaks(
    before: Figures, steps: list[tuple[int, int]], lost: Collection[str], hurt: Collection[str]
) -> tuple[str, ...]:
    """Providers on a chain whose hand-off lost every capability behind it (so its consumer is hurt)."""
    out = []
    for u, v in steps:
        if before.nodes[u] not in hurt:
            continue
        succ, behind = before.rows[u][0], before.rows[u][4]
        if all(c in lost for c in behind[succ.index(v)]):
            out.append(before.nodes[v])
    return tuple(dict.fromkeys(out))


def _rank(c: ChainChange) -> tuple[int, float, str]:
    delta = abs((c.hours_after or 0.0) - (c.hours_before or 0.0))
    return (_ORDER.get(c.status, 4), -delta, c.unit)
