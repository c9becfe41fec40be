"""Reorg impact (analyst): POST a scenario, get what it changes and what breaks. The loaded
organisation is never modified: each scenario is applied to a copy."""

from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Body, Query
from fastapi.responses import Response

from api.deps import AnalystView
from api.responses import json_response
from orggraph.analysis.impact import ImpactReport, impact, impact_baseline
from orggraph.scenario import Scenario

router = APIRouter(prefix="/impact", tags=["impact"])

EXAMPLE = {
    "name": "Payroll clerk leaves",
    "operations": [
        {"op": "remove", "unit": "dana.reyes"},
        {"op": "add_backup", "capability": "timecards", "unit": "lee.park"},
    ],
}


@router.post("", response_model=ImpactReport, summary="What a reorg scenario does")
async def scenario_impact(
    view: AnalystView,
    scenario: Annotated[Scenario, Body(examples=[EXAMPLE])],
    top: Annotated[int, Query(ge=1, le=1000, description="Most items each list shows.")] = 10,
    load_threshold: Annotated[
        float, Query(gt=0, le=1e9, description="Overloaded above this yearly demand per FTE.")
    ] = 5000.0,
) -> Response:
    """Operations (remove, move, merge, reassign, add_backup, add_dependency, remove_dependency,
    set) applied in order to a copy of the organisation; the report gives what changed, what
    breaks (AND/OR cascade), chains, bottlenecks, silos, people affected and a verdict.

    A scenario that names an unknown unit or capability is 422 naming the operation (counted
    from 1) and the field.
    """
    baseline = await view.cached_async(("impact-baseline",), lambda: impact_baseline(view.graph))

    def run() -> ImpactReport:
        return impact(view.graph, scenario, baseline=baseline, top=top, load_threshold=load_threshold)

    return json_response(await anyio.to_thread.run_sync(run))
