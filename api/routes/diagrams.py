"""Graphviz diagrams as SVG: the department overview (viewer) and a front-line unit's chains (analyst)."""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import AnalystView, ViewerView
from viz.diagrams import chains_dot, overview_dot
from viz.render import render_dot

router = APIRouter(prefix="/diagrams", tags=["diagrams"])

SVG: dict[int | str, dict] = {
    200: {"content": {"image/svg+xml": {"schema": {"type": "string"}}}, "description": "SVG."}
}


def _svg(data: bytes) -> Response:
    return Response(data, media_type="image/svg+xml")


@router.get("/overview.svg", responses=SVG, summary="Departments and their dependencies")
async def overview(view: ViewerView) -> Response:
    """Departments as boxes with their teams; arrows are labelled with the number of dependencies."""
    return _svg(
        await view.cached_async(("diagram", "overview"), lambda: render_dot(overview_dot(view.graph)))
    )


@router.get("/chains.svg", responses=SVG, summary="A front-line unit's supply chains")
async def chains(
    view: AnalystView,
    front_line: Annotated[str, Query(min_length=1, max_length=200, description="The front-line unit's id.")],
    include_backups: bool = False,
) -> Response:
    """What the unit depends on, front line at the top; the slowest chain in red."""
    key = ("diagram", "chains", front_line, include_backups)
    return _svg(
        await view.cached_async(
            key, lambda: render_dot(chains_dot(view.graph, front_line, include_backups=include_backups))
        )
    )
