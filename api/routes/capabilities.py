"""Capabilities: what units deliver to each other, and who provides and needs each (viewer)."""

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from api.deps import LimitQ, OffsetQ, ViewerView
from api.directory import capability_detail, find_capabilities, paginate
from api.responses import cached_json, json_response
from api.schemas import CapabilityDetail, CapabilitySummary, Page

router = APIRouter(prefix="/capabilities", tags=["capabilities"])


@router.get("", response_model=Page[CapabilitySummary], summary="List capabilities")
async def list_capabilities(
    view: ViewerView,
    q: Annotated[
        str | None, Query(max_length=200, description="Text in the id, name, description or keywords.")
    ] = None,
    implicit: Annotated[
        bool, Query(description="Include the stand-ins for dependencies naming a provider.")
    ] = False,
    limit: LimitQ = 50,
    offset: OffsetQ = 0,
) -> Response:
    return json_response(paginate(find_capabilities(view, q=q, implicit=implicit), limit, offset))


@router.get("/{capability_id}", response_model=CapabilityDetail, summary="One capability")
async def get_capability(
    view: ViewerView, capability_id: Annotated[str, Path(min_length=1, max_length=300)]
) -> Response:
    """Its providers (primary first) and the units that need it."""
    return await cached_json(
        view, ("capability", capability_id), lambda: capability_detail(view, capability_id)
    )
