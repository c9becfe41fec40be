from collections.abc import Callable

from fastapi.testclient import TestClient

H = Callable[[str], dict[str, str]]


def test_list_declared_capabilities(client: TestClient, headers: H) -> None:
    body = client.get("/api/capabilities", headers=headers("viewer")).json()
    assert [c["id"] for c in body["items"]] == ["laptop-setup", "payroll-run", "replenishment", "timecards"]
    payroll = body["items"][1]
    assert payroll["providers"] == [{"id": "dana.reyes", "name": "Dana Reyes"}] and payroll["consumers"] == 2


def test_implicit_capabilities_on_request(client: TestClient, headers: H) -> None:
    body = client.get("/api/capabilities?implicit=true&q=direct", headers=headers("viewer")).json()
    assert [c["id"] for c in body["items"]] == ["direct:lee.park"] and body["items"][0]["implicit"] is True


def test_text_search_covers_keywords(client: TestClient, headers: H) -> None:
    body = client.get("/api/capabilities?q=salary", headers=headers("viewer")).json()
    assert [c["id"] for c in body["items"]] == ["payroll-run"]


def test_detail_names_who_needs_it(client: TestClient, headers: H) -> None:
    body = client.get("/api/capabilities/replenishment", headers=headers("viewer")).json()
    assert body["needed_by"] == [{"id": "store-1", "name": "Store 1"}] and body["lead_time_hours"] == 48


def test_unknown_capability_is_404(client: TestClient, headers: H) -> None:
    r = client.get("/api/capabilities/nope", headers=headers("viewer"))
    assert r.status_code == 404 and "'nope'" in r.json()["message"]
