"""Dependencies shared by the routes, as ``Annotated`` aliases.

They are ``async`` on purpose: they do no blocking work, and FastAPI would otherwise run each
one in a worker thread, which costs more than the dependency itself.

``ViewerView``/``AnalystView`` authenticate the caller, check their role (401 or 403 otherwise)
and give the organisation view they may see: pseudonymised in privacy mode. ``AdminCaller``
only checks the role.
"""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Query, Request, Security
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer

from api.auth import Caller, TokenTable, authenticate
from api.config import Role, Settings
from api.errors import ApiError
from api.state import LoadedState, OrgView, StateHolder

__all__ = [
    "AdminCaller",
    "AnalystView",
    "CallerDep",
    "HolderDep",
    "LimitQ",
    "OffsetQ",
    "SettingsDep",
    "StateDep",
    "ViewerView",
    "declared_query",
    "reject_unknown_query",
]

MAX_PAGE = 500

# Declares the scheme in OpenAPI; the header itself is parsed by api.auth for precise 401 messages.
_bearer = HTTPBearer(auto_error=False, description="A token given to you by the administrator.")


async def reject_unknown_query(request: Request) -> None:
    """422 for a query parameter the route does not declare, so a typo (``limt=5``) is named, not ignored."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known: dict[int, tuple[APIRoute, frozenset[str]]] = request.app.state.declared_query
    entry = known.get(id(route))
    if entry is None or entry[0] is not route:  # first request on this route: look its parameters up once
        entry = known[id(route)] = (route, declared_query(route))
    unknown = sorted(set(request.query_params) - entry[1])
    if unknown:
        raise RequestValidationError(
            [
                {
                    "loc": ("query", name),
                    "msg": f"Unknown query parameter {name!r}",
                    "type": "extra_forbidden",
                }
                for name in unknown
            ]
        )


def declared_query(route: APIRoute) -> frozenset[str]:
    """The query parameter names a route accepts, its dependencies' included."""
    names: set[str] = set()
    pending = [route.dependant]
    while pending:
        dependant = pending.pop()
        names.update(field.alias for field in dependant.query_params)
        pending.extend(dependant.dependencies)
    return frozenset(names)


async def _settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def _holder(request: Request) -> StateHolder:
    return request.app.state.holder  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(_settings)]
HolderDep = Annotated[StateHolder, Depends(_holder)]


async def _state(holder: HolderDep) -> LoadedState:
    return holder.state  # read once per request: a concurrent reload cannot mix two data sets


StateDep = Annotated[LoadedState, Depends(_state)]


async def _caller(request: Request, settings: SettingsDep, _: Annotated[object, Security(_bearer)]) -> Caller:
    tokens: TokenTable = request.app.state.tokens
    client = request.client.host if request.client else None
    return authenticate(request.headers.get("authorization"), client, tokens, settings)


CallerDep = Annotated[Caller, Depends(_caller)]


def _requiring(role: Role) -> Callable[[Caller], Awaitable[Caller]]:
    async def check(caller: CallerDep) -> Caller:
        if not caller.allows(role):
            raise ApiError(
                403,
                "forbidden",
                f"This needs the {role.name} role; your token has the {caller.role.name} role.",
            )
        return caller

    return check


def _view_for(role: Role) -> Callable[..., Awaitable[OrgView]]:
    async def view(caller: Annotated[Caller, Depends(_requiring(role))], state: StateDep) -> OrgView:
        return state.view(caller.privacy)

    return view


ViewerView = Annotated[OrgView, Depends(_view_for(Role.viewer))]
AnalystView = Annotated[OrgView, Depends(_view_for(Role.analyst))]
AdminCaller = Annotated[Caller, Depends(_requiring(Role.admin))]

LimitQ = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size.")]
OffsetQ = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
