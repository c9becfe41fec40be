"""Bottlenecks and single points of failure, ranked and explained, with recommendations.

For every unit (or team, or department) the analysis measures five things and combines them:

* **reach**: who depends on it, directly or through others, how many of them are front line, and
  how many through high or critical dependencies only (critical reach);
* **single point of failure**: the capabilities only it provides, and what breaks if it is lost
  (the AND/OR cascade of :mod:`orggraph.analysis.failure`);
* **structure**: the units whose every route to the front line passes through it (dominators
  from a virtual external customer) and the units it alone connects (articulation points);
* **brokerage**: weighted betweenness, the share of shortest dependency routes through it, and
  the share of the cross-department routes;
* **load**: yearly demand weighted by criticality, per FTE, against the median.

Each factor is scaled to 0..1 by the largest value in the organisation and weighted
(:class:`BottleneckWeights`); the score is the weighted mean on a 0..100 scale.
"""

from __future__ import annotations

from typing import Literal

import networkx as nx

from orggraph.analysis._bottleneck_figures import EXACT_BETWEENNESS_LIMIT, Figures, rank_nodes
from orggraph.analysis._bottleneck_text import recommendations
from orggraph.analysis._bottleneck_view import build_view
from orggraph.analysis.bottleneck_models import (
    BetweennessInfo,
    BottleneckReport,
    BottleneckWeights,
    Recommendation,
    SoleCapability,
    UnitBottleneck,
)
from orggraph.gcpause import gc_paused
from orggraph.graph import Level

__all__ = [
    "EXACT_BETWEENNESS_LIMIT",
    "BetweennessInfo",
    "BottleneckReport",
    "BottleneckWeights",
    "Recommendation",
    "SoleCapability",
    "UnitBottleneck",
    "bottlenecks",
]


def bottlenecks(
    G: nx.DiGraph,
    *,
    level: Level = "person",
    weights: BottleneckWeights | None = None,
    top: int | None = None,
    load_threshold: float = 5_000.0,
    department_factor: float = 3.0,
    betweenness_samples: int | Literal["auto", "exact"] = "auto",
    seed: int = 0,
) -> BottleneckReport:
    """Rank units by how much the organisation depends on them, and say why and what to do.

    Parameters
    ----------
    G : networkx.DiGraph
        A graph from :func:`orggraph.build_graph` (edges point from consumer to provider).
    level : {"person", "team", "department"}
        Analyse units, or the team or department quotient graph (:func:`orggraph.rollup`).
        Failure figures always count units; reach and structure count nodes of the level.
    weights : BottleneckWeights, optional
        Weight of each factor in the score.
    top : int, optional
        Keep only the ``top`` highest-ranked entries (all when ``None``).
    load_threshold : float
        Flag a node as overloaded above this yearly weighted demand per FTE.
    department_factor : float
        Also flag it when its load per FTE is more than this many times its department's median.
    betweenness_samples : int, "auto" or "exact"
        ``"auto"`` is exact up to :data:`EXACT_BETWEENNESS_LIMIT` nodes, else an estimate from
        256 seeded sample sources; an integer sets the number of samples. The report says which.
    seed : int
        Seed of the betweenness sample.

    Returns
    -------
    BottleneckReport
        Entries ranked by score (ties by id), recommendations for the top entries, and notes.

    Raises
    ------
    ValueError
        For a ``top`` or ``betweenness_samples`` below 1.
    """
    if top is not None and top < 1:
        raise ValueError("top must be at least 1")
    if isinstance(betweenness_samples, int) and betweenness_samples < 1:
        raise ValueError("betweenness_samples must be at least 1, 'auto' or 'exact'")
    weights = weights or BottleneckWeights()
    with gc_paused():
        return _bottlenecks(
            G, level, weights, top, load_threshold, department_factor, betweenness_samples, seed
        )


def _bottlenecks(
    G: nx.DiGraph,
    level: Level,
    weights: BottleneckWeights,
    top: int | None,
    load_threshold: float,
    department_factor: float,
    betweenness_samples: int | Literal["auto", "exact"],
    seed: int,
) -> BottleneckReport:
    view = build_view(G, level)
    n = len(view.nodes)
    figures = Figures(view, betweenness_samples, seed)
    figures.reach()
    figures.failure()
    figures.structure()
    info = figures.brokerage()
    figures.load(load_threshold, department_factor)
    order, scores, points = rank_nodes(figures, weights)
    entries = figures.entries(order if top is None else order[:top], scores, points)
    notes = [info.note]
    if level != "person":
        notes.append(
            f"Reach and structure count {level}s; failure figures count units (people and teams), "
            f"the {level} itself not included."
        )
    notes.append("Failure figures follow declared dependencies only (reporting lines are not dependencies).")
    return BottleneckReport(
        level=level,
        units=n,
        weights=weights,
        load_threshold=load_threshold,
        department_factor=department_factor,
        median_load_per_fte=figures.median_load,
        betweenness=info,
        entries=entries,
        recommendations=tuple(recommendations(entries[:20] if top is None else entries, level)),
        notes=tuple(notes),
    )
