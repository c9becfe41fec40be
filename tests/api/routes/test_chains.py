from collections.abc import Callable

from fastapi.testclient import TestClient

H = Callable[[str], dict[str, str]]


def test_slowest_chain_of_the_store_is_replenishment(client: TestClient, headers: H) -> None:
    body = client.get("/api/chains?front_line=store-1", headers=headers("analyst")).json()
    assert body["front_line"] == ["store-1"]
    slowest = body["critical"][0]
    assert slowest["total_hours"] == 48.0 and [link["provider"] for link in slowest["links"]] == ["sam.lee"]


def test_default_front_line_is_every_front_line_unit(client: TestClient, headers: H) -> None:
    body = client.get("/api/chains", headers=headers("analyst")).json()
    assert body["front_line"] == ["ana.costa", "store-1"]


def test_unknown_front_line_is_404_naming_it(client: TestClient, headers: H) -> None:
    r = client.get("/api/chains?front_line=ghost", headers=headers("analyst"))
    assert r.status_code == 404 and "'ghost'" in r.json()["message"]


def test_viewer_may_not_see_chains(client: TestClient, headers: H) -> None:
    assert client.get("/api/chains", headers=headers("viewer")).status_code == 403
