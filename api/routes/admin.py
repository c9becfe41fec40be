"""Administration: reload the data set without a restart (admin)."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminCaller, HolderDep
from api.schemas import ReloadResult

router = APIRouter(prefix="/admin", tags=["admin"])


@router.post("/reload", response_model=ReloadResult, summary="Reload the data file")
def reload(
    _: AdminCaller,
    holder: HolderDep,
    if_changed: Annotated[bool, Query(description="Only reload when the file has changed.")] = False,
) -> ReloadResult:
    """Load the data file again and swap it in atomically.

    If the new data is invalid the answer is 422 listing every problem, and the previous data
    keeps serving.
    """
    before = holder.state
    state = holder.reload(only_if_changed=if_changed)
    return ReloadResult(reloaded=state is not before, units=len(state.org.units), loaded_at=state.loaded_at)
