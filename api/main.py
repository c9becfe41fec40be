"""All routers of the API, under ``/api``. Only includes routers; see :mod:`api.app` for the app itself."""

from fastapi import APIRouter

from api.errors import ERROR_RESPONSES
from api.routes import admin, ask, capabilities, health, org, units

api_router = APIRouter(prefix="/api")
api_router.include_router(health.router)
for module in (org, units, capabilities, ask, admin):
    api_router.include_router(module.router, responses=ERROR_RESPONSES)
