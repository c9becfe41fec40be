"""Every error has the same JSON shape: {ok, status, error, message, errors[]}."""

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from api.errors import ErrorBody

H = Callable[[str], dict[str, str]]

CASES = [
    ("GET", "/api/units/ghost", "viewer", 404, "not_found"),
    ("GET", "/api/capabilities/ghost", "viewer", 404, "not_found"),
    ("GET", "/api/no-such-route", "viewer", 404, "not_found"),
    ("DELETE", "/api/units", "viewer", 405, "method_not_allowed"),
    ("GET", "/api/org", "none", 401, "unauthorized"),
    ("POST", "/api/admin/reload", "viewer", 403, "forbidden"),
    ("GET", "/api/units?limit=0", "viewer", 422, "invalid_request"),
    ("GET", "/api/units?front_line=perhaps", "viewer", 422, "invalid_request"),
    ("GET", "/api/ask?q=x&top=1000000000", "viewer", 422, "invalid_request"),
    ("POST", "/api/admin/reload", "admin", 409, "no_source"),
]


@pytest.mark.parametrize(("method", "path", "role", "status", "code"), CASES)
def test_error_shape(
    client: TestClient, headers: H, method: str, path: str, role: str, status: int, code: str
) -> None:
    r = client.request(method, path, headers=headers(role))
    assert r.status_code == status
    assert r.headers["content-type"] == "application/json"
    body = ErrorBody.model_validate(r.json())
    assert (body.ok, body.status, body.error) == (False, status, code)
    assert body.message


@pytest.mark.parametrize(
    ("query", "field"),
    [("limit=501", "limit"), ("offset=-1", "offset"), ("kind=robot", "kind"), ("q=" + "x" * 201, "q")],
)
def test_invalid_parameter_is_named(client: TestClient, headers: H, query: str, field: str) -> None:
    body = client.get(f"/api/units?{query}", headers=headers("viewer")).json()
    assert [(e["field"], e["location"]) for e in body["errors"]] == [(field, "query")]
    assert field in body["message"]


def test_unexpected_error_is_a_generic_500_and_logged(
    make_client: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import api.routes.units as units

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(units, "find_units", broken)
    client = TestClient(make_client().app, raise_server_exceptions=False, client=("127.0.0.1", 1))
    r = client.get("/api/units")
    assert r.status_code == 500
    assert r.json()["error"] == "internal_error" and "secret" not in r.text
    assert "secret internals" in caplog.text


def test_unknown_query_parameter_is_named_not_ignored(client: TestClient, headers: H) -> None:
    body = client.get("/api/units?limt=5", headers=headers("viewer")).json()
    assert body["status"] == 422 and [(e["field"], e["location"]) for e in body["errors"]] == [
        ("limt", "query")
    ]
