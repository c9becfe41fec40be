from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

H = Callable[[str], dict[str, str]]


def ids(body: dict) -> list[str]:
    return [u["id"] for u in body["items"]]


def test_list_is_sorted_by_id_with_total(client: TestClient, headers: H) -> None:
    body = client.get("/api/units", headers=headers("viewer")).json()
    assert body["total"] == 7 and body["limit"] == 50 and body["offset"] == 0
    assert ids(body) == sorted(ids(body)) and len(body["items"]) == 7


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("department=stores", ["ana.costa", "rita.cole", "store-1"]),
        ("front_line=true", ["ana.costa", "store-1"]),
        ("kind=team", ["it-desk", "store-1"]),
        ("q=PAYROLL", ["dana.reyes", "lee.park"]),  # title, case-insensitive
        ("q=lee", ["lee.park", "sam.lee"]),  # id or name
        ("department=stores&front_line=false", ["rita.cole"]),
        ("department=nowhere", []),
    ],
)
def test_filters(client: TestClient, headers: H, query: str, expected: list[str]) -> None:
    body = client.get(f"/api/units?{query}", headers=headers("viewer")).json()
    assert ids(body) == expected and body["total"] == len(expected)


def test_pagination_walks_the_whole_list(client: TestClient, headers: H) -> None:
    everything = ids(client.get("/api/units", headers=headers("viewer")).json())
    pages = [
        client.get(f"/api/units?limit=3&offset={o}", headers=headers("viewer")).json() for o in (0, 3, 6, 9)
    ]
    assert [len(p["items"]) for p in pages] == [3, 3, 1, 0]
    assert all(p["total"] == 7 for p in pages)
    assert sum((ids(p) for p in pages), []) == everything


def test_detail_says_what_the_unit_provides_and_needs(client: TestClient, headers: H) -> None:
    body = client.get("/api/units/dana.reyes", headers=headers("viewer")).json()
    assert body["unit"]["name"] == "Dana Reyes" and body["manager"] == {"id": "lee.park", "name": "Lee Park"}
    provided = {p["capability_id"]: p for p in body["provides"]["items"]}
    assert list(provided) == ["payroll-run"]
    assert sorted(c["unit"]["id"] for c in provided["payroll-run"]["consumers"]) == ["rita.cole", "store-1"]
    assert body["provides"]["sole_provider_of"] == ["payroll-run"]
    assert [n["ask_first"]["id"] for n in body["needs"]["items"]] == ["lee.park"]


def test_manager_detail_lists_reports(client: TestClient, headers: H) -> None:
    body = client.get("/api/units/lee.park", headers=headers("viewer")).json()
    assert body["reports"] == [{"id": "dana.reyes", "name": "Dana Reyes"}]


def test_unknown_unit_is_404_naming_the_id(client: TestClient, headers: H) -> None:
    r = client.get("/api/units/dana.reye", headers=headers("viewer"))
    assert r.status_code == 404
    assert "'dana.reye'" in r.json()["message"] and "dana.reyes" in r.json()["message"]  # did-you-mean


def test_unit_scores_and_the_health_report_share_one_bottleneck_run(
    make_client: Callable[..., TestClient], headers: H, monkeypatch: pytest.MonkeyPatch
) -> None:
    import api.directory
    import orggraph.report
    from tests.api.conftest import TOKENS

    runs = []
    real = api.directory.bottlenecks
    for module in (api.directory, orggraph.report):  # where the unit detail and the report call it
        monkeypatch.setattr(module, "bottlenecks", lambda G, **kw: runs.append(G) or real(G, **kw))
    client = make_client(tokens=TOKENS)
    scores = client.get("/api/units/dana.reyes", headers=headers("analyst")).json()["scores"]
    report = client.get("/api/report", headers=headers("analyst")).json()
    assert len(runs) == 1
    top = report["bottlenecks"][0]
    assert (scores["rank"], scores["score"]) == (1, top["score"]) and top["id"] == "dana.reyes"
