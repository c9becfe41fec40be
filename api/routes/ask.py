"""Who do I ask for X (viewer): the ``ask`` analysis over HTTP."""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import ViewerView
from api.responses import json_response
from orggraph.analysis.ask import AskReport, ask
from orggraph.analysis.search_index import SearchIndex

router = APIRouter(prefix="/ask", tags=["ask"])


@router.get("", response_model=AskReport, summary="Who do I ask for X?")
async def ask_route(
    view: ViewerView,
    q: Annotated[str, Query(min_length=1, max_length=500, description="What you need, in your own words.")],
    as_unit: Annotated[
        str | None,
        Query(
            alias="as", min_length=1, max_length=200, description="Your unit id: prefers providers near you."
        ),
    ] = None,
    top: Annotated[int, Query(ge=1, le=50, description="How many answers.")] = 5,
) -> Response:
    """Ranked answers: who to ask first, backups, channel, response time and escalation path."""
    index = await view.cached_async(("search_index",), lambda: SearchIndex.build(view.org))
    return json_response(ask(index, q, as_unit=as_unit, top=top))
