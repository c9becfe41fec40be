"""Units (people and teams): a filtered, paginated list and one unit's detail (viewer)."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from api.config import Role
from api.deps import CallerDep, LimitQ, OffsetQ, ViewerView
from api.directory import find_units, paginate, unit_detail
from api.responses import cached_json, json_response
from api.schemas import Page, UnitDetail, UnitSummary

router = APIRouter(prefix="/units", tags=["units"])

IdPath = Annotated[str, Path(min_length=1, max_length=200, description="Unit id.")]
Name = Annotated[str | None, Query(min_length=1, max_length=200)]


@router.get("", response_model=Page[UnitSummary], summary="List units")
async def list_units(
    view: ViewerView,
    department: Name = None,
    team: Name = None,
    front_line: bool | None = None,
    kind: Literal["person", "team"] | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in the id, name or title.")] = None,
    limit: LimitQ = 50,
    offset: OffsetQ = 0,
) -> Response:
    """Units matching every filter given, sorted by id."""
    found = find_units(view, department=department, team=team, front_line=front_line, kind=kind, q=q)
    return json_response(paginate(found, limit, offset))


@router.get("/{unit_id}", response_model=UnitDetail, summary="One unit's detail")
async def get_unit(view: ViewerView, caller: CallerDep, unit_id: IdPath) -> Response:
    """What the unit provides, what it needs (and from whom), and who depends on it; for analysts
    also its bottleneck scores."""
    scores = caller.allows(Role.analyst)
    return await cached_json(
        view, ("unit", unit_id, scores), lambda: unit_detail(view, unit_id, scores=scores)
    )
