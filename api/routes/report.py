"""The organisation health report (analyst; viewers in privacy mode): JSON, one offline HTML page, Markdown.

The report names people (bottlenecks, single points of failure, bridges), so a viewer gets it
only when the server shows viewers pseudonyms (privacy mode); then departments below the privacy
minimum are left out of its findings and tables, as in the other department-level views.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response

from api.config import Role
from api.deps import CallerDep, ViewerView
from api.directory import ranking
from api.errors import ApiError
from api.responses import cached_json
from api.state import OrgView
from api.withhold import report_without_groups
from orggraph.report import Analyses, health_report, run_analyses
from orggraph.report_models import HealthReport

router = APIRouter(prefix="/report", tags=["report"])

TopQ = Annotated[int, Query(ge=1, le=50, description="Rows in each table.")]


def _page(media_type: str, what: str) -> dict[int | str, dict]:
    return {200: {"content": {media_type: {"schema": {"type": "string"}}}, "description": what}}


async def _report_view(view: ViewerView, caller: CallerDep) -> OrgView:
    if caller.allows(Role.analyst) or view.private:
        return view
    raise ApiError(
        403,
        "forbidden",
        "The health report names people: it needs the analyst role, or privacy mode for viewers "
        "(ORGGRAPH_VIEWER_PRIVACY=1), where it shows pseudonyms instead of names.",
    )


ReportView = Annotated[OrgView, Depends(_report_view)]


def report_analyses(view: OrgView, top: int = 5) -> Analyses:
    """The analyses behind the health report, run once per view and ``top``; the map's insights
    come from the same ones (``top=5``), so the map and the report share one run."""
    return view.cached(("analyses", top), lambda: run_analyses(view.graph, top=top, ranking=ranking(view)))


def _report(view: OrgView, top: int) -> HealthReport:
    def build() -> HealthReport:
        report = health_report(view.graph, top=top, analyses=report_analyses(view, top))
        return report_without_groups(report, view.small_groups) if view.private else report

    return view.cached(("health_report", top), build)


@router.get("", response_model=HealthReport, summary="The organisation health report")
async def report_json(view: ReportView, top: TopQ = 5) -> Response:
    """Headline figures, findings (each with the ids of its evidence), recommendations, and the tables."""
    return await cached_json(view, ("report", top), lambda: _report(view, top))


@router.get(".html", responses=_page("text/html", "An HTML page."), summary="The health report as a page")
async def report_html(view: ReportView, top: TopQ = 5) -> HTMLResponse:
    """One offline page with the diagrams inline; its evidence links open this server's map."""
    from viz.report import render_report_html, report_diagrams

    def draw() -> str:
        report = _report(view, top)
        diagrams = report_diagrams(view.graph, report)
        return render_report_html(report, diagrams=diagrams, map_href="map", map_focus="both")

    return HTMLResponse(await view.cached_async(("report_html", top), draw))


@router.get(".md", responses=_page("text/markdown", "Markdown."), summary="The health report as Markdown")
async def report_markdown(view: ReportView, top: TopQ = 5) -> Response:
    """The same content as the page, without diagrams."""
    from viz.report import render_report_markdown

    def write() -> str:
        return render_report_markdown(_report(view, top), map_href="map", map_focus="both")

    text = await view.cached_async(("report_md", top), write)
    return Response(text, media_type="text/markdown; charset=utf-8")
