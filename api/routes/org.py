"""The organisation as a whole: its size and departments (viewer)."""

from fastapi import APIRouter
from fastapi.responses import Response

from api.deps import SettingsDep, StateDep, ViewerView
from api.directory import org_summary
from api.responses import cached_json
from api.schemas import OrgSummary

router = APIRouter(prefix="/org", tags=["organisation"])


@router.get("", response_model=OrgSummary, summary="Organisation summary and departments")
async def summary(view: ViewerView, state: StateDep, settings: SettingsDep) -> Response:
    """Counts of units, people, teams, capabilities and dependencies, and each department's size.

    In privacy mode the figures of departments smaller than the privacy minimum are withheld.
    """
    return await cached_json(
        view, ("org_summary",), lambda: org_summary(view, state.loaded_at, settings.min_group_size)
    )
