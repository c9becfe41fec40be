"""The authentication matrix: every endpoint class against no token, a wrong token and each role."""

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from api.auth import TokenTable
from api.config import Role

H = Callable[[str], dict[str, str]]
RANK = {"viewer": 1, "analyst": 2, "admin": 3}

#: (method, path, role needed). Health is public; the rest need at least the role named.
ENDPOINTS = [
    ("GET", "/api/org", "viewer"),
    ("GET", "/api/units?department=stores", "viewer"),
    ("GET", "/api/units/dana.reyes", "viewer"),
    ("GET", "/api/capabilities", "viewer"),
    ("GET", "/api/capabilities/payroll-run", "viewer"),
    ("GET", "/api/ask?q=payroll", "viewer"),
    ("GET", "/api/bottlenecks?level=department", "viewer"),
    ("GET", "/api/bottlenecks", "analyst"),
    ("GET", "/api/silos", "viewer"),
    ("GET", "/api/silos?level=team", "analyst"),
    ("GET", "/api/chains", "analyst"),
    ("POST", "/api/impact", "analyst"),
    ("GET", "/api/map?view=department", "viewer"),
    ("GET", "/api/diagrams/overview.svg", "viewer"),
    ("GET", "/api/diagrams/chains.svg?front_line=store-1", "analyst"),
    ("POST", "/api/admin/reload", "admin"),
]


@pytest.mark.parametrize("caller", ["none", "wrong", "viewer", "analyst", "admin"])
@pytest.mark.parametrize(("method", "path", "needed"), ENDPOINTS)
def test_matrix(
    file_client: TestClient, headers: H, caller: str, method: str, path: str, needed: str
) -> None:
    body = {"name": "nothing changes"} if path == "/api/impact" else None
    r = file_client.request(method, path, headers=headers(caller), json=body)
    if caller in ("none", "wrong"):
        assert r.status_code == 401
        assert r.headers["www-authenticate"].startswith("Bearer")
    elif RANK[caller] >= RANK[needed]:
        assert r.status_code == 200, r.text
    else:
        assert r.status_code == 403
        assert needed in r.json()["message"]


@pytest.mark.parametrize("caller", ["none", "wrong", "viewer"])
def test_health_is_public(file_client: TestClient, headers: H, caller: str) -> None:
    assert file_client.get("/api/health", headers=headers(caller)).status_code == 200


@pytest.mark.parametrize(
    "value", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "viewer-token-0123456789", "Bearer a b"]
)
def test_malformed_authorization_is_401(file_client: TestClient, value: str) -> None:
    r = file_client.get("/api/org", headers={"Authorization": value})
    assert r.status_code == 401 and r.json()["error"] == "unauthorized"


def test_scheme_is_case_insensitive(file_client: TestClient) -> None:
    r = file_client.get("/api/org", headers={"Authorization": "bearer viewer-token-0123456789"})
    assert r.status_code == 200


def test_open_local_mode_serves_loopback_clients_fully(make_client: Callable[..., TestClient]) -> None:
    client = make_client()
    assert client.get("/api/org").status_code == 200
    assert client.get("/api/units/dana.reyes").status_code == 200


@pytest.mark.parametrize("host", ["10.1.2.3", "192.168.0.9", "203.0.113.7", "testclient"])
def test_open_mode_refuses_other_machines(make_client: Callable[..., TestClient], host: str) -> None:
    r = make_client(client=(host, 1234)).get("/api/org")
    assert r.status_code == 401 and "only this machine" in r.json()["message"]


def test_open_mode_with_explicit_override_serves_everyone(make_client: Callable[..., TestClient]) -> None:
    client = make_client(client=("10.1.2.3", 1234), allow_insecure_bind=True)
    assert client.get("/api/org").status_code == 200


def test_token_table_knows_each_token_and_nothing_else(tokens: dict[str, Role]) -> None:
    table = TokenTable(tokens)
    assert {table.role_of(t) for t in tokens} == {Role.viewer, Role.analyst, Role.admin}
    assert table.role_of("") is None and table.role_of("viewer-token-012345678") is None
    assert not TokenTable({})
