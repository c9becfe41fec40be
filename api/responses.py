"""JSON responses serialised once by pydantic.

Routes declare their report model as ``response_model`` (that is the OpenAPI schema) but return
the JSON bytes themselves: FastAPI would otherwise dump the report to a dict, validate it again
and encode it, which costs more than most look-ups. Cached results are kept as bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from fastapi.responses import Response
from pydantic import BaseModel

from api.state import OrgView

__all__ = ["cached_json", "json_response"]


def json_response(model: BaseModel) -> Response:
    return Response(model.model_dump_json(), media_type="application/json")


async def cached_json(view: OrgView, key: Hashable, build: Callable[[], BaseModel]) -> Response:
    """The JSON of ``build()`` for this view: computed once (in a worker thread), then from the cache."""
    data = await view.cached_async(("json", *key) if isinstance(key, tuple) else ("json", key), _bytes(build))
    return Response(data, media_type="application/json")


def _bytes(build: Callable[[], BaseModel]) -> Callable[[], bytes]:
    return lambda: build().model_dump_json().encode()
