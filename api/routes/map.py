"""The interactive dependency map as an HTML page (viewer; person-level scores for analysts only)."""

from typing import Annotated, Literal

import anyio.to_thread
from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from api.config import Role
from api.deps import CallerDep, ViewerView
from api.routes.report import report_analyses
from viz import MapInsights, render_map

router = APIRouter(prefix="/map", tags=["map"])


@router.get(
    "",
    summary="The interactive dependency map",
    responses={
        200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "An HTML page."}
    },
)
async def dependency_map(
    view: ViewerView,
    caller: CallerDep,
    level: Annotated[
        Literal["auto", "person", "team", "department"],
        Query(alias="view", description="What one node stands for."),
    ] = "auto",
    focus: Annotated[
        str | None, Query(min_length=1, max_length=200, description="A unit or department id.")
    ] = None,
    depth: Annotated[int, Query(ge=0, le=6, description="Steps around the focused unit.")] = 2,
) -> HTMLResponse:
    """One offline page (no outside resource) that satisfies the server's content security policy.

    Node sizes (bottleneck scores), chains and top bottlenecks are drawn for analysts only.
    """
    scored = caller.allows(Role.analyst)
    key = ("map", level, focus, depth, scored)

    def draw() -> str:
        from viz.report import map_insights

        insights = (
            view.cached(("map_insights",), lambda: map_insights(report_analyses(view)))
            if scored
            else MapInsights()
        )
        return render_map(view.graph, view=level, focus=focus, depth=depth, insights=insights)

    if focus is not None:  # one page per focus: drawn on demand, not kept
        return HTMLResponse(await anyio.to_thread.run_sync(draw))
    return HTMLResponse(await view.cached_async(key, draw))
