"""Unreasonable requests are refused with a 4xx, never served and never a 500."""

import asyncio
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from api.middleware import LimitsMiddleware

H = Callable[[str], dict[str, str]]


@pytest.mark.parametrize(
    ("path", "status", "field"),
    [
        ("/api/ask?q=payroll&top=1000000000", 422, "top"),
        ("/api/ask?q=payroll&top=51", 422, "top"),
        ("/api/ask?q=" + "x" * 501, 422, "q"),
        ("/api/units?limit=1000000000", 422, "limit"),
        ("/api/units?offset=99999999999", 422, "offset"),
        ("/api/units?department=" + "d" * 201, 422, "department"),
    ],
)
def test_unreasonable_parameters_are_422(
    client: TestClient, headers: H, path: str, status: int, field: str
) -> None:
    r = client.get(path, headers=headers("viewer"))
    assert r.status_code == status and r.json()["errors"][0]["field"] == field


def test_huge_query_is_414(client: TestClient, headers: H) -> None:
    # 60 kB: as long as the HTTP client allows; uvicorn itself stops request lines over ~16 kB.
    r = client.get("/api/ask", params={"q": "x" * 60_000}, headers=headers("viewer"))
    assert r.status_code == 414 and r.json()["error"] == "uri_too_long"


def test_megabyte_query_string_is_refused_by_the_middleware() -> None:
    sent: list[dict] = []

    async def app(scope: dict, receive: object, send: object) -> None:
        raise AssertionError("the app must not be reached")

    async def receive() -> dict:
        return {"type": "http.request", "body": b""}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/api/ask", "query_string": b"q=" + b"x" * 1_000_000,
             "headers": []}  # fmt: skip
    asyncio.run(LimitsMiddleware(app, max_body_bytes=1024, max_query_bytes=4096)(scope, receive, send))
    assert sent[0]["status"] == 414


def test_declared_oversized_body_is_413_before_auth(client: TestClient) -> None:
    r = client.post("/api/admin/reload", content=b"x" * (300 * 1024))
    assert r.status_code == 413 and r.json()["error"] == "payload_too_large"


def test_bad_content_length_is_400(client: TestClient) -> None:
    r = client.post("/api/admin/reload", headers={"Content-Length": "lots"}, content=b"")
    assert r.status_code == 400


async def _echo(request: Request) -> JSONResponse:
    return JSONResponse({"bytes": len(await request.body())})


@pytest.fixture(scope="module")
def echo() -> TestClient:
    app = Starlette(routes=[Route("/echo", _echo, methods=["POST"])])
    return TestClient(LimitsMiddleware(app, max_body_bytes=1024, max_query_bytes=256))


def _chunks(total: int, size: int = 100) -> Iterator[bytes]:
    for start in range(0, total, size):
        yield b"x" * min(size, total - start)


def test_streamed_body_within_the_limit_passes(echo: TestClient) -> None:
    r = echo.post("/echo", content=_chunks(1000))
    assert r.status_code == 200 and r.json() == {"bytes": 1000}


def test_streamed_body_over_the_limit_is_413(echo: TestClient) -> None:
    r = echo.post("/echo", content=_chunks(5000))  # chunked: no Content-Length to refuse up front
    assert r.status_code == 413 and r.json()["status"] == 413
