"""Liveness: answers without a token and reveals nothing about the data."""

from fastapi import APIRouter

from api.schemas import Health

router = APIRouter(prefix="/health", tags=["health"])


@router.get("", response_model=Health, summary="Is the server up?")
async def health() -> Health:
    return Health()
