"""Critical chains to the front line (analyst): the ``chains`` analysis over HTTP."""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import AnalystView
from api.responses import cached_json
from orggraph.analysis.chain_models import ChainReport
from orggraph.analysis.chains import chains

router = APIRouter(prefix="/chains", tags=["chains"])


@router.get("", response_model=ChainReport, summary="Critical chains, loops and line of sight")
async def chain_report(
    view: AnalystView,
    front_line: Annotated[
        str | None, Query(min_length=1, max_length=200, description="One front-line unit (default: all).")
    ] = None,
    top: Annotated[int, Query(ge=1, le=1000, description="Front-line units given a full chain.")] = 10,
    include_backups: Annotated[bool, Query(description="Follow backup providers too.")] = False,
    supply_limit: Annotated[int, Query(ge=1, le=10_000, description="Most items listed per supply.")] = 200,
) -> Response:
    """The slowest and the longest chain behind each front-line unit, loops, and line of sight."""
    key = ("chains", front_line, top, include_backups, supply_limit)
    return await cached_json(
        view,
        key,
        lambda: chains(
            view.graph,
            front_line=front_line,
            top=top,
            include_backups=include_backups,
            supply_limit=supply_limit,
        ),
    )
