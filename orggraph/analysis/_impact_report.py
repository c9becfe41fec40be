"""Assemble an :class:`~orggraph.analysis.impact_models.ImpactReport` from the figures of two versions.

:mod:`orggraph.analysis.impact` computes the figures (incrementally for a scenario, in full for two
snapshots) into a :class:`Versions`; :func:`assemble` runs the sections on it in report order.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from orggraph.analysis._impact_bottlenecks import Ranking, bottlenecks_section
from orggraph.analysis._impact_chains import chains_section
from orggraph.analysis._impact_index import ChainFigures, Delta, Figures
from orggraph.analysis._impact_people import people_affected, verdict
from orggraph.analysis._impact_silos import silos_section
from orggraph.analysis.changes import compare_orgs
from orggraph.analysis.failure import FailureReport
from orggraph.analysis.impact_models import ImpactReport
from orggraph.model import Dependency, Org

__all__ = ["Versions", "assemble", "takeover_notes"]

Ties = tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True, slots=True)
class Versions:
    """Everything the report sections compare, before and after."""

    kind: str
    name: str
    description: str
    before: Org
    after: Org
    figures: tuple[Figures, Figures]
    chains: tuple[ChainFigures, ChainFigures]
    ties: tuple[Ties, Ties]
    touched: Sequence[int]
    """Units (indices) whose rows differ, or may."""
    affected: Collection[int] | None
    """Units whose chains can differ at all; None: any."""
    change: Delta
    consumers_before: Mapping[str, Sequence[str]]
    rankings: tuple[Ranking, Ranking]
    breaks: FailureReport
    left: Mapping[str, str]
    """Units that left, with how they left ("leaves", "merged into ...")."""
    discontinued: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def assemble(v: Versions, *, top: int, load_threshold: float) -> ImpactReport:
    """The report: what changed, then what breaks, chains, bottlenecks, silos, people and the verdict."""
    changes = compare_orgs(v.before, v.after)
    lost = {c.id for c in v.breaks.lost_capabilities}
    failed = {a.id for a in v.breaks.failed}
    hurt = failed | {a.id for a in v.breaks.degraded}
    chain_part = chains_section(*v.figures, *v.chains, lost, failed, hurt, top, v.affected)
    bottleneck_part = bottlenecks_section(
        *v.figures, v.change, v.consumers_before, v.rankings, load_threshold, top
    )
    silo_part = silos_section(*v.figures, *v.ties, v.touched, top)
    affected = people_affected(v.before, v.after, changes, v.breaks, chain_part, bottleneck_part, v.left)
    notes = [
        "Chains follow primary providers; a loop counts once (as in orggraph chains).",
        bottleneck_part.note,
    ]
    if v.kind == "snapshot":
        notes.insert(
            0, "Units are matched by id: a unit whose id changed counts as one leaving and one joining."
        )
    return ImpactReport(
        kind=v.kind,  # type: ignore[arg-type]
        name=v.name,
        description=v.description,
        changes=changes,
        breaks=v.breaks,
        discontinued=v.discontinued,
        chains=chain_part,
        bottlenecks=bottleneck_part,
        silos=silo_part,
        people_affected=sum(1 for p in affected if p.kind == "person"),
        teams_affected=sum(1 for p in affected if p.kind == "team"),
        affected=affected,
        verdict=verdict(changes, v.breaks, chain_part, bottleneck_part, silo_part, v.discontinued),
        notes=(*notes, *v.notes),
    )


def takeover_notes(
    before: Org, after: Org, removed: Collection[str], gone: Sequence[Dependency]
) -> tuple[str, ...]:
    """Say that whoever takes over from a leaver does not inherit the leaver's own dependencies."""
    kept = {c.id for c in after.capabilities}
    notes = []
    for unit in sorted(removed):
        needs = sorted({d.capability_id for d in gone if d.consumer == unit})
        taken = sorted(c.id for c in before.capabilities if unit in c.providers and c.id in kept)
        if needs and taken:
            name = before.unit_by_id[unit].name
            notes.append(
                f"Whoever takes over {', '.join(taken)} from {name} does not inherit what {name} depended "
                f"on ({', '.join(needs)}); add those with add_dependency if the work still needs them."
            )
    return tuple(notes)
