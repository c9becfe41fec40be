"""Silos section of the impact report: department boundaries before and after.

Ties and E-I indexes are counted exactly as :func:`orggraph.analysis.silos.silos` counts them at
department level (a tie is one unit-level edge, consumer -> provider, any provider rank; a tie
counts for a department when one or both of its ends is a member), but only the figures a
before/after comparison needs are computed: no community detection or brokerage, so the section
costs a few vectorised passes over the tie arrays.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from orggraph.analysis._impact_index import Figures
from orggraph.analysis.impact_models import BridgeLost, DepartmentEI, SilosImpact, TieChange

__all__ = ["silos_section"]

Ties = tuple[np.ndarray, np.ndarray]


def silos_section(
    before: Figures, after: Figures, ties_before: Ties, ties_after: Ties, touched: Iterable[int], top: int
) -> SilosImpact:
    """Compare department E-I indexes, tie boundary changes and department pairs that lose every tie."""
    depts = sorted((set(before.department) | set(after.department)) - {""})
    code = {d: k for k, d in enumerate(depts)}
    cb = np.array([code.get(d, -1) for d in before.department], dtype=np.int64)
    ca = np.array([code.get(d, -1) for d in after.department], dtype=np.int64)
    k = len(depts)
    eb, ib = _counts(ties_before, cb, k)
    ea, ia = _counts(ties_after, ca, k)
    size_b = np.bincount(cb[cb >= 0], minlength=k)
    size_a = np.bincount(ca[ca >= 0], minlength=k)
    names = {**before.org.department_by_id, **after.org.department_by_id}
    rows = []
    for d, dept in enumerate(depts):
        e1, e2 = _ei(eb[d], ib[d]), _ei(ea[d], ia[d])
        rows.append(
            DepartmentEI(
                department=dept,
                name=names[dept].name if dept in names else dept,
                size_before=int(size_b[d]),
                size_after=int(size_a[d]),
                ei_before=e1,
                ei_after=e2,
                change=round(e2 - e1, 4) if e1 is not None and e2 is not None else None,
            )
        )
    rows.sort(key=lambda r: (-(abs(r.change) if r.change is not None else 2.0), r.department))
    changes = _tie_changes(before, after, cb, ca, touched, ties_after)
    shown = [(kind, c) for kind in _KINDS for c in sorted(changes.get(kind, []))[:top]]
    return SilosImpact(
        ei_before=_ei(*_totals(ties_before, cb)),
        ei_after=_ei(*_totals(ties_after, ca)),
        departments=tuple(rows),
        became_internal=len(changes.get("now internal", [])),
        became_cross=len(changes.get("now cross-department", [])),
        new_cross=len(changes.get("new cross-department", [])),
        lost_cross=len(changes.get("lost cross-department", [])),
        tie_changes=tuple(_tie(before, after, kind, u, v) for kind, (_, _, u, v) in shown),
        bridges_lost=tuple(_bridges_lost(before, ties_before, cb, ties_after, ca, size_a, depts, names)),
    )


_KINDS = ("now internal", "now cross-department", "new cross-department", "lost cross-department")


def _ei(external: float, internal: float) -> float | None:
    total = external + internal
    return round(float((external - internal) / total), 4) if total else None


def _counts(ties: Ties, c: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    gs, gd = c[ties[0]], c[ties[1]]
    inside = gs == gd
    internal = np.bincount(gs[inside], minlength=k)
    external = np.bincount(gs[~inside], minlength=k) + np.bincount(gd[~inside], minlength=k)
    return external.astype(np.int64), internal.astype(np.int64)


def _totals(ties: Ties, c: np.ndarray) -> tuple[int, int]:
    inside = int(np.count_nonzero(c[ties[0]] == c[ties[1]]))
    return int(ties[0].size) - inside, inside


def _tie_changes(
    before: Figures, after: Figures, cb: np.ndarray, ca: np.ndarray, touched: Iterable[int], ties_after: Ties
) -> dict[str, list[tuple[str, str, int, int]]]:
    """Ties whose boundary status changes, as (consumer id, provider id, consumer, provider) by kind."""
    out: dict[str, list[tuple[str, str, int, int]]] = {}
    nodes = before.nodes

    def add(kind: str, u: int, v: int) -> None:
        out.setdefault(kind, []).append((nodes[u], nodes[v], u, v))

    new_ties: set[tuple[int, int]] = set()
    for u in touched:
        b, a = set(before.rows[u][2]), set(after.rows[u][2])
        for v in a - b:
            new_ties.add((u, v))
            if ca[u] != ca[v]:
                add("new cross-department", u, v)
        for v in b - a:
            if cb[u] != cb[v]:
                add("lost cross-department", u, v)
    moved = (cb != ca) & (cb >= 0) & (ca >= 0)
    if moved.any():
        src, dst = ties_after
        pick = moved[src] | moved[dst]
        for u, v in zip(src[pick].tolist(), dst[pick].tolist(), strict=True):
            if (u, v) in new_ties:
                continue
            was, now = cb[u] != cb[v], ca[u] != ca[v]
            if was and not now:
                add("now internal", u, v)
            elif now and not was:
                add("now cross-department", u, v)
    return out


def _tie(before: Figures, after: Figures, kind: str, u: int, v: int) -> TieChange:
    """A tie change with names; departments as they are after (before, for a lost tie)."""
    side = before if kind == "lost cross-department" else after
    consumer, provider = before.nodes[u], before.nodes[v]
    return TieChange(
        consumer=consumer,
        consumer_name=_name(before, after, consumer),
        provider=provider,
        provider_name=_name(before, after, provider),
        change=kind,  # type: ignore[arg-type]
        departments=(side.department[u], side.department[v]),
    )


def _name(before: Figures, after: Figures, unit: str) -> str:
    found = after.org.unit_by_id.get(unit) or before.org.unit_by_id[unit]
    return found.name


def _bridges_lost(
    before: Figures,
    ties_before: Ties,
    cb: np.ndarray,
    ties_after: Ties,
    ca: np.ndarray,
    size_after: np.ndarray,
    depts: list[str],
    names: dict,
) -> list[BridgeLost]:
    k = max(len(depts), 1)
    pairs_b, lo_b, hi_b, src_b, dst_b = _pairs(ties_before, cb, k)
    pairs_a = set(_pairs(ties_after, ca, k)[0].tolist())
    units = before.org.unit_by_id
    out = []
    for code in np.unique(pairs_b).tolist():
        a, b = divmod(code, k)
        if code in pairs_a or not (size_after[a] and size_after[b]):
            continue
        pick = (lo_b == a) & (hi_b == b)
        ends = np.concatenate([src_b[pick], dst_b[pick]]).tolist()
        side_a = tuple(sorted({before.nodes[i] for i in ends if cb[i] == a}))
        side_b = tuple(sorted({before.nodes[i] for i in ends if cb[i] == b}))
        through = side_a if len(side_a) <= len(side_b) else side_b
        out.append(
            BridgeLost(
                a=depts[a],
                b=depts[b],
                a_name=names[depts[a]].name if depts[a] in names else depts[a],
                b_name=names[depts[b]].name if depts[b] in names else depts[b],
                ties_before=int(np.count_nonzero(pick)),
                a_units=side_a,
                b_units=side_b,
                through=through,
                through_names=tuple(units[u].name for u in through),
            )
        )
    return out


def _pairs(ties: Ties, c: np.ndarray, k: int) -> tuple[np.ndarray, ...]:
    """Codes lo * k + hi of the department pairs of cross-department ties, with lo, hi and the tie ends."""
    src, dst = ties
    gs, gd = c[src], c[dst]
    cross = gs != gd
    lo, hi = np.minimum(gs[cross], gd[cross]), np.maximum(gs[cross], gd[cross])
    return lo * k + hi, lo, hi, src[cross], dst[cross]
