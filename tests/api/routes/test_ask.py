from collections.abc import Callable

from fastapi.testclient import TestClient

H = Callable[[str], dict[str, str]]


def test_ask_finds_the_sole_payroll_provider(client: TestClient, headers: H) -> None:
    body = client.get("/api/ask", params={"q": "who runs payroll"}, headers=headers("viewer")).json()
    assert body["found"] is True
    first = body["answers"][0]
    assert first["capability_id"] == "payroll-run" and first["ask_first"]["id"] == "dana.reyes"


def test_ask_as_a_unit_adds_an_introduction(client: TestClient, headers: H) -> None:
    body = client.get("/api/ask", params={"q": "payroll", "as": "lee.park"}, headers=headers("viewer")).json()
    assert body["as_unit"] == "lee.park" and body["answers"][0]["introduction"] is not None


def test_ask_with_nothing_matching_is_an_answer_not_an_error(client: TestClient, headers: H) -> None:
    r = client.get("/api/ask", params={"q": "zzzqqq"}, headers=headers("viewer"))
    assert r.status_code == 200 and r.json()["found"] is False


def test_ask_as_unknown_unit_is_404(client: TestClient, headers: H) -> None:
    r = client.get("/api/ask", params={"q": "payroll", "as": "ghost"}, headers=headers("viewer"))
    assert r.status_code == 404 and "'ghost'" in r.json()["message"]


def test_ask_needs_a_question(client: TestClient, headers: H) -> None:
    r = client.get("/api/ask", headers=headers("viewer"))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "q"
