from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

H = Callable[[str], dict[str, str]]


def test_sole_payroll_provider_ranks_first(client: TestClient, headers: H) -> None:
    body = client.get("/api/bottlenecks", headers=headers("analyst")).json()
    first = body["entries"][0]
    assert body["level"] == "person" and first["id"] == "dana.reyes" and first["rank"] == 1
    assert [s["id"] for s in first["sole_provider_of"]] == ["payroll-run"]


def test_top_limits_the_entries(client: TestClient, headers: H) -> None:
    body = client.get("/api/bottlenecks?top=2", headers=headers("analyst")).json()
    assert [e["rank"] for e in body["entries"]] == [1, 2]


def test_weights_are_passed_to_the_analysis(client: TestClient, headers: H) -> None:
    query = "weight_single_point=0&weight_reach=0&weight_structure=0&weight_brokerage=0&weight_load=2"
    body = client.get(f"/api/bottlenecks?{query}", headers=headers("analyst")).json()
    assert body["weights"] == {"reach": 0, "single_point": 0, "structure": 0, "brokerage": 0, "load": 2}
    for entry in body["entries"]:
        assert all(points == 0 for factor, points in entry["contributions"].items() if factor != "load")


def test_all_weights_zero_is_422(client: TestClient, headers: H) -> None:
    q = "weight_reach=0&weight_single_point=0&weight_structure=0&weight_brokerage=0&weight_load=0"
    assert client.get(f"/api/bottlenecks?{q}", headers=headers("analyst")).status_code == 422


def test_viewer_sees_the_department_level_only(client: TestClient, headers: H) -> None:
    assert client.get("/api/bottlenecks", headers=headers("viewer")).status_code == 403
    assert client.get("/api/bottlenecks?level=team", headers=headers("viewer")).status_code == 403
    body = client.get("/api/bottlenecks?level=department", headers=headers("viewer")).json()
    same = client.get("/api/bottlenecks?level=department", headers=headers("analyst")).json()
    assert body == same and sorted(e["id"] for e in body["entries"]) == [
        "it",
        "logistics",
        "payroll",
        "stores",
    ]


def test_privacy_mode_leaves_out_small_departments(make_client: Callable[..., TestClient]) -> None:
    body = make_client(privacy=True, min_group_size=3).get("/api/bottlenecks?level=department").json()
    assert [e["id"] for e in body["entries"]] == ["stores"]
    assert all(r["unit"] == "stores" for r in body["recommendations"])


@pytest.mark.parametrize(
    "query", ["top=0", "top=1001", "weight_load=-1", "level=company", "load_threshold=0", "samples=0"]
)
def test_bad_parameters_are_422(client: TestClient, headers: H, query: str) -> None:
    assert client.get(f"/api/bottlenecks?{query}", headers=headers("analyst")).status_code == 422


def test_unit_detail_scores_for_analysts_only(client: TestClient, headers: H) -> None:
    analyst = client.get("/api/units/dana.reyes", headers=headers("analyst")).json()
    viewer = client.get("/api/units/dana.reyes", headers=headers("viewer")).json()
    report = client.get("/api/bottlenecks?top=1000", headers=headers("analyst")).json()
    dana = next(e for e in report["entries"] if e["id"] == "dana.reyes")
    assert analyst["scores"] == dana and viewer["scores"] is None
    assert {k: v for k, v in analyst.items() if k != "scores"} == {
        k: v for k, v in viewer.items() if k != "scores"
    }
