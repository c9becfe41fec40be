"""Reorg impact: a scenario (or a second snapshot) before -> after, and what it does to the organisation.

:func:`impact` applies a :class:`~orggraph.scenario.Scenario` to a copy of the organisation (the
loaded one is never modified) and :func:`snapshot_diff` compares two versions matched by unit id.
Both return one :class:`ImpactReport`: first what changed (added, removed, moved:
:func:`~orggraph.analysis.changes.compare_orgs`), then the effects:

* **what breaks**: the AND/OR cascade of :mod:`orggraph.analysis.failure` from the units that
  leave: capabilities left with no provider, units that fail (lost a high or critical dependency;
  the cascade goes on through what they provided) or are degraded (lost a low or medium one; it
  stops there), front line first;
* **chains**: each front-line unit's critical chain (as :func:`~orggraph.analysis.chains.chains`
  ranks them) before and after: broken, slower, longer, faster, shorter;
* **bottlenecks**: new single points of failure, units crossing the load threshold, the biggest
  movers in the ranking;
* **silos**: E-I index per department, ties that become internal or cross-department, department
  pairs that lose their only tie;
* **people affected**, and a **verdict** ordered by severity.

Speed: the "before" side is an :class:`ImpactBaseline`, computed once per loaded organisation and
passed back in (the API keeps one). A scenario then costs what it touches: the rows of the
consumers it changes are recomputed and everything else is shared (see
:mod:`orggraph.analysis._impact_index`); the cascade runs only from the removed units.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from orggraph.analysis._impact_bottlenecks import (
    COMPOSITE_LIMIT,
    DEFAULT_LOAD_THRESHOLD,
    ranking_of,
)
from orggraph.analysis._impact_breaks import snapshot_changed
from orggraph.analysis._impact_index import (
    Dependents,
    Figures,
    build_figures,
    chain_figures,
    consumers_of,
    delta,
    patch_figures,
    tie_arrays,
)
from orggraph.analysis._impact_report import Ties, Versions, assemble, takeover_notes
from orggraph.analysis.failure import FailureModel
from orggraph.analysis.impact_models import ImpactReport
from orggraph.graph import build_graph, org_of
from orggraph.model import Org
from orggraph.scenario import Merge, Scenario, apply_scenario

__all__ = ["ImpactBaseline", "ImpactReport", "impact", "impact_baseline", "snapshot_diff"]


class ImpactBaseline:
    """The "before" side of impact analysis for one organisation, computed once and never modified.

    Build it with :func:`impact_baseline` and pass it to :func:`impact` for every scenario on the
    same organisation; it is read-only, so concurrent requests can share it.
    """

    def __init__(self, org: Org, G: nx.DiGraph | None = None) -> None:
        self.org = org
        self.figures = build_figures(org)
        self.chains = chain_figures(self.figures)
        src, dst = tie_arrays(self.figures)
        src.flags.writeable = dst.flags.writeable = False
        self.ties = (src, dst)
        self.dependents = Dependents.of(self.ties, len(self.figures.nodes))
        self.consumers = consumers_of(org)
        self.composite = len(org.units) <= COMPOSITE_LIMIT
        graph = None
        if self.composite:
            usable = G is not None and not G.graph.get("reporting_lines") and G.graph.get("level") is None
            graph = G if usable else build_graph(org)
        self.ranking = ranking_of(self.figures, graph)


def impact_baseline(G_or_org: nx.DiGraph | Org) -> ImpactBaseline:
    """Compute the before-side figures of ``G_or_org`` once, for many :func:`impact` calls."""
    if isinstance(G_or_org, Org):
        return ImpactBaseline(G_or_org)
    return ImpactBaseline(org_of(G_or_org), G_or_org)


def impact(
    G_or_org: nx.DiGraph | Org,
    scenario: Scenario,
    *,
    baseline: ImpactBaseline | None = None,
    top: int = 10,
    load_threshold: float = DEFAULT_LOAD_THRESHOLD,
) -> ImpactReport:
    """What ``scenario`` does to the organisation, before -> after.

    Parameters
    ----------
    G_or_org : networkx.DiGraph or Org
        The organisation, or its graph from :func:`orggraph.build_graph`. Never modified.
    scenario : Scenario
        Operations applied in order (see :mod:`orggraph.scenario`).
    baseline : ImpactBaseline, optional
        The before-side figures from :func:`impact_baseline` for this same organisation; computed
        here when not given. Pass one to run many scenarios on one organisation quickly.
    top : int
        How many items each list in the report shows at most (counts are always complete).
    load_threshold : float
        Yearly demand per FTE above which a unit counts as overloaded (as in ``orggraph bottlenecks``).

    Returns
    -------
    ImpactReport

    Raises
    ------
    ScenarioError
        An operation names an unknown unit or capability, moves a unit under itself, merges a unit
        into itself, or touches something an earlier operation removed (index and field named).
    ValueError
        ``baseline`` was computed for another organisation, or ``top`` is below 1.
    """
    if top < 1:
        raise ValueError("top must be at least 1")
    org = G_or_org if isinstance(G_or_org, Org) else org_of(G_or_org)
    base = baseline if baseline is not None else impact_baseline(G_or_org)
    if base.org is not org:
        raise ValueError("the baseline was computed for another organisation; build it from this one")
    applied = apply_scenario(org, scenario)
    after = applied.after
    change = delta(org, after, base.consumers)
    fig_a = patch_figures(base.figures, after, change.touched)
    touched = sorted(base.figures.index[u] for u in change.touched)
    merged = {op.source: op.target for op in scenario.operations if isinstance(op, Merge)}
    left = {u: "leaves" for u in applied.removed}
    left.update(
        {u: f"merged into {merged[u]}" for u in org.unit_by_id.keys() - after.unit_by_id.keys() - left.keys()}
    )
    versions = Versions(
        kind="scenario",
        name=scenario.name,
        description=scenario.description,
        before=org,
        after=after,
        figures=(base.figures, fig_a),
        chains=(base.chains, chain_figures(fig_a)),
        ties=(base.ties, _patched_ties(base.ties, fig_a, touched)),
        touched=touched,
        affected=base.dependents.closure(touched),
        change=change,
        consumers_before=base.consumers,
        rankings=(base.ranking, ranking_of(fig_a, build_graph(after) if base.composite else None)),
        breaks=FailureModel(applied.changed).cascade(applied.removed),
        left=left,
        notes=takeover_notes(org, after, applied.removed, change.gone_deps),
    )
    return assemble(versions, top=top, load_threshold=load_threshold)


def _patched_ties(ties: Ties, fig: Figures, touched: list[int]) -> Ties:
    """The before ties with the rows of ``touched`` consumers replaced by theirs in ``fig``."""
    src, dst = ties
    idx = np.asarray(touched, dtype=np.int64)
    keep = ~np.isin(src, idx)
    rows = [fig.rows[i][2] for i in touched]
    new_src = np.repeat(idx, np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows)))
    new_dst = np.fromiter((v for r in rows for v in r), dtype=np.int64, count=int(new_src.size))
    return np.concatenate([src[keep], new_src]), np.concatenate([dst[keep], new_dst])


def snapshot_diff(
    old: nx.DiGraph | Org,
    new: nx.DiGraph | Org,
    *,
    top: int = 10,
    load_threshold: float = DEFAULT_LOAD_THRESHOLD,
    name: str = "",
    description: str = "",
) -> ImpactReport:
    """The same before -> after report between two snapshots of one organisation, units matched by id.

    Parameters
    ----------
    old, new : networkx.DiGraph or Org
        The earlier and the later version (e.g. last quarter's export and this quarter's).
    top, load_threshold
        As for :func:`impact`.
    name, description : str
        Title and subtitle of the report; by default the organisation's name and both dates.

    Returns
    -------
    ImpactReport
        Units only in ``old`` left (the cascade runs from them). Capabilities missing from ``new``
        although their providers stayed are listed as ``discontinued``, not cascaded. Everything is
        computed for both versions in full (two snapshots share no records).

    Raises
    ------
    ValueError
        ``top`` is below 1.
    """
    if top < 1:
        raise ValueError("top must be at least 1")
    before = old if isinstance(old, Org) else org_of(old)
    after = new if isinstance(new, Org) else org_of(new)
    nodes = sorted(before.unit_by_id.keys() | after.unit_by_id.keys())
    fig_b, fig_a = build_figures(before, nodes), build_figures(after, nodes)
    consumers = consumers_of(before)
    changed, gone, discontinued = snapshot_changed(before, after)
    small = max(len(before.units), len(after.units)) <= COMPOSITE_LIMIT
    versions = Versions(
        kind="snapshot",
        name=name or _title(before, after),
        description=description or "Two snapshots compared, units matched by id.",
        before=before,
        after=after,
        figures=(fig_b, fig_a),
        chains=(chain_figures(fig_b), chain_figures(fig_a)),
        ties=(tie_arrays(fig_b), tie_arrays(fig_a)),
        touched=range(len(nodes)),
        affected=None,
        change=delta(before, after, consumers),
        consumers_before=consumers,
        rankings=(
            ranking_of(fig_b, build_graph(before) if small else None),
            ranking_of(fig_a, build_graph(after) if small else None),
        ),
        breaks=FailureModel(changed).cascade(gone),
        left=dict.fromkeys(gone, "no longer in the data"),
        discontinued=discontinued,
    )
    return assemble(versions, top=top, load_threshold=load_threshold)


def _title(before: Org, after: Org) -> str:
    """ "Marlow & Finch: 2024-10-01 -> 2025-01-01", or the two names when they differ."""
    old, new = before.org, after.org
    if old.name != new.name:
        return f"{old.name} -> {new.name}"
    return f"{old.name}: {old.as_of or 'earlier snapshot'} -> {new.as_of or 'later snapshot'}"
