"""Security headers on every response, and the configured content security policy on HTML."""

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

from api.config import DEFAULT_CSP
from api.middleware import SecurityHeadersMiddleware

COMMON = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}


@pytest.mark.parametrize("path", ["/api/health", "/api/org", "/api/units/ghost", "/openapi.json"])
def test_json_responses_carry_the_common_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    for name, value in COMMON.items():
        assert r.headers[name] == value
    assert r.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_refusals_from_the_limits_carry_them_too(client: TestClient) -> None:
    r = client.get("/api/ask", params={"q": "x" * 10_000})
    assert r.status_code == 414 and r.headers["x-content-type-options"] == "nosniff"


def test_html_gets_the_configured_csp() -> None:
    page = Starlette(routes=[Route("/", lambda request: HTMLResponse("<p>map</p>"))])
    r = TestClient(SecurityHeadersMiddleware(page, csp=DEFAULT_CSP)).get("/")
    assert r.headers["content-security-policy"] == DEFAULT_CSP
    assert r.headers["x-content-type-options"] == "nosniff"


def test_default_csp_allows_no_other_origin() -> None:
    directives = dict(d.strip().split(" ", 1) for d in DEFAULT_CSP.split(";"))
    assert directives["default-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert all("http" not in v and "*" not in v for v in directives.values())


def test_no_cdn_documentation_pages(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
