"""Bottlenecks (analyst; viewer at department level): the ``bottlenecks`` analysis over HTTP."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.config import Role
from api.deps import CallerDep, ViewerView
from api.errors import ApiError
from api.responses import cached_json
from api.withhold import bottlenecks_without_groups
from orggraph.analysis.bottlenecks import BottleneckReport, BottleneckWeights, bottlenecks

router = APIRouter(prefix="/bottlenecks", tags=["bottlenecks"])

Weight = Annotated[float, Query(ge=0, le=100)]


@router.get("", response_model=BottleneckReport, summary="Units the organisation depends on most")
async def bottleneck_report(
    view: ViewerView,
    caller: CallerDep,
    level: Annotated[
        Literal["person", "team", "department"], Query(description="What one entry stands for.")
    ] = ("person"),
    top: Annotated[int, Query(ge=1, le=1000, description="How many entries.")] = 20,
    load_threshold: Annotated[
        float, Query(gt=0, le=1e9, description="Overloaded above this demand per FTE.")
    ] = (5000.0),
    department_factor: Annotated[
        float,
        Query(gt=0, le=1000, description="Also overloaded above this many times the department median."),
    ] = 3.0,
    weight_reach: Weight = 1.0,
    weight_single_point: Weight = 2.0,
    weight_structure: Weight = 0.5,
    weight_brokerage: Weight = 1.0,
    weight_load: Weight = 1.0,
    samples: Annotated[
        int | None, Query(ge=1, le=10_000, description="Estimate betweenness from this many sampled units.")
    ] = None,
    seed: Annotated[int, Query(ge=0, le=2**31 - 1, description="Seed of the betweenness sample.")] = 0,
) -> Response:
    """Ranked units with the figures behind each rank (reach, single point of failure, structure,
    brokerage, load) and what to do about them.

    The viewer role sees the department level only. In privacy mode departments below the
    minimum size are left out.
    """
    if level != "department" and not caller.allows(Role.analyst):
        raise ApiError(403, "forbidden", "Person- and team-level bottlenecks need the analyst role.")
    if level == "team" and view.private:
        raise ApiError(403, "forbidden", "Team-level bottlenecks are not shown in privacy mode.")
    try:
        weights = BottleneckWeights(
            reach=weight_reach,
            single_point=weight_single_point,
            structure=weight_structure,
            brokerage=weight_brokerage,
            load=weight_load,
        )
    except ValueError:  # all zero: the model's own check
        raise ApiError(422, "invalid_request", "At least one weight_* must be above zero.") from None

    def build() -> BottleneckReport:
        report = bottlenecks(
            view.graph,
            level=level,
            weights=weights,
            top=top,
            load_threshold=load_threshold,
            department_factor=department_factor,
            betweenness_samples=samples if samples is not None else "auto",
            seed=seed,
        )
        if view.private and level == "department":
            report = bottlenecks_without_groups(report, view.small_groups)
        return report

    key = ("bottlenecks", level, top, load_threshold, department_factor, samples, seed, weights)
    return await cached_json(view, key, build)
