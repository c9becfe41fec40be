"""What the analyses contribute to the map: scores, communities, chains, top bottlenecks.

:class:`MapInsights` is a plain container so the map can be drawn with or without the
analyses (and tested on hand-made figures); :func:`compute_insights` fills it from the
analysis reports, so the map shows the same numbers as the CLI and the API.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    from orggraph.analysis.bottlenecks import BottleneckReport
    from orggraph.analysis.chain_models import ChainReport
    from orggraph.analysis.silos import SiloReport

__all__ = ["MapInsights", "compute_insights", "insights_from"]


@dataclass(frozen=True)
class MapInsights:
    """Per-unit figures the map draws. Every field is optional (empty = not shown).

    ``scores``: bottleneck score per unit id (higher = worse); drives node size.
    ``score_details``: per unit, named figures listed in the tooltip (e.g. sub-scores).
    ``communities``: unit id -> detected community number (silos), for "colour by community".
    ``chains``: the top critical chains, each a list of hand-offs ``(consumer, provider)``
    from the front line upstream (a chain through a loop is not one unbroken path).
    ``bottlenecks``: the top bottleneck unit ids, worst first.
    """

    scores: Mapping[str, float] = field(default_factory=dict)
    score_details: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    communities: Mapping[str, int] = field(default_factory=dict)
    chains: Sequence[Sequence[tuple[str, str]]] = ()
    bottlenecks: Sequence[str] = ()


def compute_insights(
    G: nx.DiGraph, *, top_chains: int = 5, top_bottlenecks: int = 10, seed: int = 0
) -> MapInsights:
    """Run the orggraph analyses the map draws and keep what it needs.

    * scores: each unit's bottleneck score (0-100) from
      :func:`orggraph.analysis.bottlenecks.bottlenecks`, with its rank and the one-line reason;
    * bottlenecks: the ``top_bottlenecks`` highest-ranked units;
    * chains: the ``top_chains`` slowest critical chains of :func:`orggraph.analysis.chains.chains`;
    * communities: each unit's working community from :func:`orggraph.analysis.silos.silos`.
    """
    from orggraph.analysis.bottlenecks import bottlenecks
    from orggraph.analysis.chains import chains
    from orggraph.analysis.silos import silos

    return insights_from(
        bottlenecks(G, seed=seed),
        chains(G, top=top_chains, supply_limit=0),
        silos(G, seed=seed),
        top_chains=top_chains,
        top_bottlenecks=top_bottlenecks,
    )


def insights_from(
    bottlenecks: BottleneckReport,
    chains: ChainReport,
    silos: SiloReport,
    *,
    top_chains: int = 5,
    top_bottlenecks: int = 10,
) -> MapInsights:
    """What the map draws, taken from analysis reports already run (see :func:`compute_insights`)."""
    ranked = bottlenecks.entries
    return MapInsights(
        scores={e.id: e.score for e in ranked},
        score_details={
            e.id: {"Bottleneck rank": f"{e.rank} of {len(ranked)}", "Why": e.summary} for e in ranked
        },
        communities=dict(silos.community_of),
        chains=[[(link.consumer, link.provider) for link in c.links] for c in chains.critical[:top_chains]],
        bottlenecks=[e.id for e in ranked[:top_bottlenecks]],
    )
