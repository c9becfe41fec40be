"""All routers of the API, under ``/api``. Only includes routers; see :mod:`api.app` for the app itself."""

from fastapi import APIRouter, Depends

from api.deps import reject_unknown_query
from api.errors import ERROR_RESPONSES, error_responses
from api.routes import (
    admin,
    ask,
    bottlenecks,
    capabilities,
    chains,
    diagrams,
    health,
    impact,
    map,
    org,
    report,
    silos,
    units,
)

api_router = APIRouter(prefix="/api", dependencies=[Depends(reject_unknown_query)])
api_router.include_router(health.router)
for module in (org, units, capabilities, ask, bottlenecks, silos, chains, impact, map, report):
    api_router.include_router(module.router, responses=ERROR_RESPONSES)
api_router.include_router(diagrams.router, responses={**ERROR_RESPONSES, **error_responses(503)})
api_router.include_router(admin.router, responses={**ERROR_RESPONSES, **error_responses(409)})
