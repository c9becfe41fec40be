from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

H = Callable[[str], dict[str, str]]
PEOPLE = [
    "Dana Reyes",
    "dana.reyes",
    "Lee Park",
    "lee.park",
    "Sam Lee",
    "sam.lee",
    "Ana Costa",
    "ana.costa",
    "Rita Cole",
]


def test_analyst_gets_the_full_report(client: TestClient, headers: H) -> None:
    body = client.get("/api/silos", headers=headers("analyst")).json()
    groups = {g["group"]: g for g in body["groups"]}
    assert body["level"] == "department" and sorted(groups) == ["it", "logistics", "payroll", "stores"]
    assert {s["unit"] for s in groups["payroll"]["spanners"]} == {"dana.reyes", "lee.park"}
    assert sorted(body["community_of"]) == sorted(
        ["ana.costa", "dana.reyes", "it-desk", "lee.park", "rita.cole", "sam.lee", "store-1"]
    )


def test_viewer_gets_the_same_figures_without_people(client: TestClient, headers: H) -> None:
    full = client.get("/api/silos", headers=headers("analyst")).json()
    r = client.get("/api/silos", headers=headers("viewer"))
    body = r.json()
    assert not [p for p in PEOPLE if p in r.text]
    assert body["brokers"] == [] and body["sole_links"] == [] and body["community_of"] == {}
    assert all(g["spanners"] == [] for g in body["groups"])
    for key in (
        "ei_index",
        "group_count",
        "sole_link_count",
        "never_exchange_count",
        "nmi",
        "modularity_detected",
    ):
        assert body[key] == full[key]
    strip = [{k: v for k, v in g.items() if k != "spanners"} for g in full["groups"]]
    assert [{k: v for k, v in g.items() if k != "spanners"} for g in body["groups"]] == strip


def test_team_level_is_for_analysts(client: TestClient, headers: H) -> None:
    assert client.get("/api/silos?level=team", headers=headers("viewer")).status_code == 403
    assert client.get("/api/silos?level=team", headers=headers("analyst")).json()["level"] == "team"


def test_privacy_mode_leaves_out_small_departments(make_client: Callable[..., TestClient]) -> None:
    client = make_client(privacy=True, min_group_size=3)
    body = client.get("/api/silos").json()
    assert [g["group"] for g in body["groups"]] == ["stores"]
    assert all("payroll" not in (p["a"], p["b"]) for p in body["never_exchange"])
    assert client.get("/api/silos?level=team").status_code == 403


@pytest.mark.parametrize("query", ["seed=-1", "top=0", "top=1001", "level=company"])
def test_bad_parameters_are_422(client: TestClient, headers: H, query: str) -> None:
    assert client.get(f"/api/silos?{query}", headers=headers("analyst")).status_code == 422
