"""Silos (viewer at department level without people; analyst in full): the ``silos`` analysis over HTTP."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.config import Role
from api.deps import CallerDep, ViewerView
from api.errors import ApiError
from api.responses import cached_json
from api.withhold import silos_department_view, silos_without_groups
from orggraph.analysis.silos import SiloReport, silos

router = APIRouter(prefix="/silos", tags=["silos"])


@router.get("", response_model=SiloReport, summary="Silos, boundary spanners and reach of the customer")
async def silo_report(
    view: ViewerView,
    caller: CallerDep,
    level: Annotated[
        Literal["department", "team"], Query(description="Group units by department or team.")
    ] = ("department"),
    seed: Annotated[int, Query(ge=0, le=2**31 - 1, description="Seed of the community detection.")] = 0,
    top: Annotated[
        int, Query(ge=1, le=1000, description="How many pairs, links, brokers, findings to list.")
    ] = 50,
) -> Response:
    """E-I index per group, spanners, sole links, communities versus departments, brokers, findings.

    The viewer role gets the department level with everything that names a person withheld (lists
    empty, counts kept). In privacy mode departments below the minimum size are left out.
    """
    person_level = caller.allows(Role.analyst)
    if level == "team" and (not person_level or view.private):
        raise ApiError(
            403, "forbidden", "Team-level silos need the analyst role and are not shown in privacy mode."
        )

    def build() -> SiloReport:
        report = silos(view.graph, level=level, seed=seed, top=top)
        if view.private:
            report = silos_without_groups(report, view.small_groups)
        return report if person_level else silos_department_view(report)

    return await cached_json(view, ("silos", level, seed, top, person_level), build)
