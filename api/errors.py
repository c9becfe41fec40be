"""One JSON error shape for every failure, and the single place exceptions become HTTP statuses.

``NotFound`` -> 404, ``InvalidOrgData`` and ``ScenarioError`` -> 422, a malformed request -> 422
naming each bad field, :class:`ApiError` -> its own status, anything unexpected -> a generic 500
(logged with its traceback; the details never reach the client).
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from orggraph.exceptions import InvalidOrgData, NoPath, NotFound, OrgGraphError, ScenarioError
from viz.render import GraphvizFailed, GraphvizMissing

__all__ = [
    "ERROR_RESPONSES",
    "ApiError",
    "ErrorBody",
    "ErrorItem",
    "error_response",
    "install_error_handlers",
]

log = logging.getLogger("orggraph.api")


class ErrorItem(BaseModel):
    """One precise problem: where it is and what is wrong."""

    message: str
    field: str | None = None
    """The parameter, body field or data column at fault."""
    location: str | None = None
    """``query``, ``path``, ``body`` or ``header`` for a request; a row or line for a data file."""
    index: int | None = None
    """Position in a list (e.g. the scenario operation) when the problem is inside one."""
    file: str | None = None


class ErrorBody(BaseModel):
    """The body of every error response."""

    ok: Literal[False] = False
    status: int
    error: str
    """A short machine-readable code: ``not_found``, ``invalid_request``, ``unauthorized`` ..."""
    message: str
    errors: list[ErrorItem] = []


class ApiError(Exception):
    """An HTTP-level refusal (401, 403, 409, 413, 414 ...) raised by the API itself."""

    def __init__(self, status: int, error: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message
        self.headers = headers or {}
        if status == 401:
            self.headers.setdefault("WWW-Authenticate", 'Bearer realm="orggraph"')


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for error statuses, all with the :class:`ErrorBody` shape."""
    text = {
        400: "Malformed request, or a request the data cannot answer (e.g. a map too large to draw).",
        401: "No bearer token, or a wrong one.",
        403: "The token's role may not see this.",
        404: "No such unit, capability or route.",
        413: "Request body too large.",
        414: "Query string too long.",
        409: "Nothing to reload, or the data file cannot be read (the old data keeps serving).",
        422: "A parameter or body field is invalid (each one is named).",
        503: "Graphviz is missing or too slow to draw the diagram.",
    }
    return {code: {"model": ErrorBody, "description": text[code]} for code in codes}


#: Error responses documented on every route (OpenAPI).
ERROR_RESPONSES = error_responses(400, 401, 403, 404, 413, 414, 422)


def error_response(
    status: int,
    error: str,
    message: str,
    errors: list[ErrorItem] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorBody(status=status, error=error, message=message, errors=errors or [])
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def _validation_items(errors: Any) -> list[ErrorItem]:
    """One item per pydantic error. Positions in a body list (a scenario's operations) are counted
    from 1, as a reviewer counts them, and the field is the one at fault (``op`` for a bad tag)."""
    items = []
    for err in errors:
        loc = list(err.get("loc", ()))
        location = (
            str(loc.pop(0)) if loc and loc[0] in ("query", "path", "body", "header", "cookie") else None
        )
        if err.get("type") == "json_invalid":
            items.append(
                ErrorItem(message=f"The body is not valid JSON: {err.get('msg')}", location=location)
            )
            continue
        index = next((p for p in loc if isinstance(p, int)), None)
        if index is not None and location == "body":
            index += 1
        names = [p for p in loc if isinstance(p, str)]
        field = names[-1] if names else None
        if str(err.get("type", "")).startswith("union_tag"):
            field = str((err.get("ctx") or {}).get("discriminator", "op")).strip("'")
        path = ".".join(str(p) for p in loc)
        message = f"{path}: {err.get('msg', 'invalid')}" if path else str(err.get("msg", "invalid"))
        if index is not None and location == "body" and names:
            message = f"item {index} of {names[0]}, field {field!r}: {err.get('msg', 'invalid')}"
        items.append(ErrorItem(message=message, field=field, location=location, index=index))
    return items


def _org_error_status(exc: OrgGraphError) -> tuple[int, str, list[ErrorItem]]:
    if isinstance(exc, NotFound):
        return 404, "not_found", [ErrorItem(message=str(exc), field="id")]
    if isinstance(exc, InvalidOrgData):
        problems = [
            ErrorItem(message=p.message, field=p.field, location=p.location, file=p.file)
            for p in exc.problems
        ]
        return 422, "invalid_org_data", problems
    if isinstance(exc, ScenarioError):
        return 422, "invalid_scenario", [ErrorItem(message=str(exc), field=exc.field, index=exc.index)]
    if isinstance(exc, NoPath):
        return 404, "no_path", []
    if isinstance(exc, GraphvizMissing | GraphvizFailed):
        return 503, "diagram_unavailable", []
    return 400, "bad_request", []


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that give every error the :class:`ErrorBody` shape."""

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.error, exc.message, headers=exc.headers)

    @app.exception_handler(OrgGraphError)
    async def org_error(_: Request, exc: OrgGraphError) -> JSONResponse:
        status, code, items = _org_error_status(exc)
        return error_response(status, code, str(exc), items)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        items = _validation_items(exc.errors())
        summary = "; ".join(i.message for i in items[:5])
        return error_response(422, "invalid_request", f"Invalid request: {summary}", items)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("Unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal_error", "Internal error; it has been logged.")
