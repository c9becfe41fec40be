"""The application factory: :func:`create_app` builds a FastAPI app serving one organisation."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI

from api.auth import TokenTable
from api.config import Settings
from api.errors import install_error_handlers
from api.main import api_router
from api.middleware import LimitsMiddleware, SecurityHeadersMiddleware
from api.state import LoadedState, StateHolder
from orggraph.model import Org

__all__ = ["create_app"]

log = logging.getLogger("orggraph.api")

DESCRIPTION = """\
Analyses of an organisation's internal dependencies. The data is HR data: every endpoint except
`/api/health` needs a bearer token (`Authorization: Bearer <token>`) unless the server runs in open
local mode (no tokens configured, loopback only). Roles: **viewer** (summary, units, capabilities,
ask, department-level views, map), **analyst** (also person-level scores, chains, impact),
**admin** (also reload). Errors always have the shape `{ok, status, error, message, errors[]}`.
"""


def create_app(
    source: Path | str | Org | LoadedState,
    settings: Settings | None = None,
    *,
    loader: Callable[[Path], Org] | None = None,
) -> FastAPI:
    """A FastAPI app serving ``source``: a data file or folder, an :class:`Org`, or a loaded state.

    ``settings`` default to :meth:`Settings.from_env`. ``loader`` replaces ``orggraph.io.load_org``
    (tests). Raises ``InvalidOrgData`` when the data file is invalid.
    """
    settings = settings if settings is not None else Settings.from_env()
    key = settings.privacy_secret.get_secret_value().encode() if settings.privacy_secret else None
    if isinstance(source, LoadedState):
        holder = StateHolder(source, loader=loader)
    else:
        holder = StateHolder.create(
            source if isinstance(source, Org) else Path(source),
            privacy_key=key,
            min_group_size=settings.min_group_size,
            prepare_private=settings.privacy or settings.viewer_privacy,
            loader=loader,
        )

    app = FastAPI(
        title="orggraph",
        version="0.1.0",
        description=DESCRIPTION,
        docs_url=None,  # the Swagger/ReDoc pages load scripts from a CDN, which the CSP forbids
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.tokens = TokenTable(settings.tokens)
    app.state.holder = holder
    install_error_handlers(app)
    app.add_middleware(
        LimitsMiddleware, max_body_bytes=settings.max_body_bytes, max_query_bytes=settings.max_query_bytes
    )
    app.add_middleware(SecurityHeadersMiddleware, csp=settings.csp)  # outermost: refusals get the headers too
    app.include_router(api_router)
    app.state.declared_query = {}  # filled by api.deps.reject_unknown_query
    return app


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    holder: StateHolder = app.state.holder
    task = None
    if settings.watch_interval > 0 and holder.state.source is not None:
        task = asyncio.create_task(_watch(holder, settings.watch_interval))
    try:
        yield
    finally:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


async def _watch(holder: StateHolder, interval: float) -> None:
    """Reload the data when its file changes; a bad file is logged and the old data keeps serving."""
    while True:
        await asyncio.sleep(interval)
        try:
            await anyio.to_thread.run_sync(lambda: holder.reload(only_if_changed=True))
        except Exception as exc:  # already logged by reload(); keep watching
            log.debug("watch: %s", exc)
