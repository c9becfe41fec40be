from collections.abc import Callable

from fastapi.testclient import TestClient


def test_summary_counts_the_small_org(client: TestClient, headers: Callable[[str], dict[str, str]]) -> None:
    body = client.get("/api/org", headers=headers("viewer")).json()
    assert body["name"] == "Acme"
    assert (body["units"], body["people"], body["teams"]) == (7, 5, 2)
    assert (body["capabilities"], body["dependencies"], body["front_line_units"]) == (4, 6, 2)
    assert body["privacy"] is False and body["min_group_size"] is None
    departments = {d["id"]: d for d in body["departments"]}
    assert sorted(departments) == ["it", "logistics", "payroll", "stores"]
    assert departments["payroll"] == {
        "id": "payroll", "name": "Payroll", "head": "lee.park", "units": 2, "fte": 2.0, "front_line": 0,
        "withheld": False,
    }  # fmt: skip
    assert departments["stores"]["units"] == 3 and departments["stores"]["fte"] == 14.0
    assert departments["stores"]["front_line"] == 2
