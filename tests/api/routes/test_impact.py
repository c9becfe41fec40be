import threading
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

H = Callable[[str], dict[str, str]]
DANA_LEAVES = {"name": "Dana leaves", "operations": [{"op": "remove", "unit": "dana.reyes"}]}


def test_removing_the_sole_payroll_provider_breaks_payroll(client: TestClient, headers: H) -> None:
    r = client.post("/api/impact", json=DANA_LEAVES, headers=headers("analyst"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["changes"]["units_removed"] == ["dana.reyes"]
    lost = {c["id"] for c in body["breaks"]["lost_capabilities"]}
    assert "payroll-run" in lost
    failed = {u["id"] for u in body["breaks"]["failed"]}
    assert {"store-1", "rita.cole"} <= failed  # both need payroll-run critically


def test_a_backup_prevents_the_loss(client: TestClient, headers: H) -> None:
    scenario = {
        "name": "Backup first",
        "operations": [
            {"op": "add_backup", "capability": "payroll-run", "unit": "lee.park"},
            {"op": "remove", "unit": "dana.reyes"},
        ],
    }
    body = client.post("/api/impact", json=scenario, headers=headers("analyst")).json()
    assert "payroll-run" not in {c["id"] for c in body["breaks"]["lost_capabilities"]}


def test_the_loaded_organisation_is_never_changed(client: TestClient, headers: H) -> None:
    before = client.get("/api/units/dana.reyes", headers=headers("analyst")).json()
    client.post("/api/impact", json=DANA_LEAVES, headers=headers("analyst"))
    assert client.get("/api/units/dana.reyes", headers=headers("analyst")).json() == before
    assert client.get("/api/org", headers=headers("viewer")).json()["units"] == 7


def test_concurrent_scenarios_do_not_interfere(client: TestClient, headers: H) -> None:
    other = {"name": "Sam leaves", "operations": [{"op": "remove", "unit": "sam.lee"}]}
    alone = {
        s["name"]: client.post("/api/impact", json=s, headers=headers("analyst")).json()
        for s in (DANA_LEAVES, other)
    }
    results: list[tuple[str, dict]] = []

    def run(scenario: dict) -> None:
        for _ in range(5):
            body = client.post("/api/impact", json=scenario, headers=headers("analyst")).json()
            results.append((scenario["name"], body))

    threads = [threading.Thread(target=run, args=(s,)) for s in (DANA_LEAVES, other, DANA_LEAVES, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 20 and all(body == alone[name] for name, body in results)


@pytest.mark.parametrize(
    ("operations", "index", "field"),
    [
        (
            [{"op": "remove", "unit": "dana.reyes"}, {"op": "move", "unit": "ghost", "department": "it"}],
            2,
            "unit",
        ),
        ([{"op": "remove", "unit": "dana.reyes"}, {"op": "move", "department": "it"}], 2, "unit"),
        ([{"op": "explode", "unit": "dana.reyes"}], 1, "op"),
        ([{"op": "remove", "unit": "dana.reyes"}, {"op": "remove", "unit": "dana.reyes"}], 2, "unit"),
        ([{"op": "set", "unit": "it-desk", "fte": -1}], 1, "fte"),
    ],
)
def test_malformed_scenario_names_operation_and_field(
    client: TestClient, headers: H, operations: list, index: int, field: str
) -> None:
    r = client.post("/api/impact", json={"name": "bad", "operations": operations}, headers=headers("analyst"))
    assert r.status_code == 422
    item = r.json()["errors"][0]
    assert (item["index"], item["field"]) == (index, field)
    assert f"{index}" in r.json()["message"] and field in r.json()["message"]


@pytest.mark.parametrize("content", [b"{not json", b"[]", b'"text"', b'{"name": ""}'])
def test_body_that_is_not_a_scenario_is_422(client: TestClient, headers: H, content: bytes) -> None:
    r = client.post(
        "/api/impact", content=content, headers={**headers("analyst"), "Content-Type": "application/json"}
    )
    assert r.status_code == 422 and r.json()["error"] == "invalid_request"


def test_oversized_scenario_is_413(client: TestClient, headers: H) -> None:
    huge = {"name": "x", "operations": [{"op": "remove", "unit": "dana.reyes"}] * 20_000}
    assert client.post("/api/impact", json=huge, headers=headers("analyst")).status_code == 413


def test_viewer_may_not_run_scenarios(client: TestClient, headers: H) -> None:
    assert client.post("/api/impact", json=DANA_LEAVES, headers=headers("viewer")).status_code == 403
