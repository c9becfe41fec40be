"""Every endpoint on the bundled sample organisation, checking its planted facts through the API."""

import shutil

import pytest
from fastapi.testclient import TestClient

from api import create_app
from api.config import Settings
from orggraph.model import Org

LOCAL = ("127.0.0.1", 50000)


@pytest.fixture(scope="module")
def sample(sample_org: Org) -> TestClient:
    return TestClient(create_app(sample_org, Settings()), client=LOCAL)  # open local mode: full access


@pytest.fixture(scope="module")
def private(sample_org: Org) -> TestClient:
    return TestClient(
        create_app(sample_org, Settings(privacy=True, privacy_secret="k", min_group_size=7)), client=LOCAL
    )


def test_summary(sample: TestClient) -> None:
    body = sample.get("/api/org").json()
    assert (body["people"], body["teams"], len(body["departments"])) == (202, 20, 13)
    sizes = {d["id"]: d["units"] for d in body["departments"]}
    assert sizes["stores"] == 86 and sizes["payroll"] == 6 and sizes["research"] == 17


def test_ask_for_salary_names_the_sole_provider(sample: TestClient) -> None:
    body = sample.get("/api/ask", params={"q": "who pays my salary", "as": "ana.costa"}).json()
    first = body["answers"][0]
    assert first["capability_id"] == "payroll-run" and first["ask_first"]["id"] == "dana.reyes"


def test_ask_with_a_typo(sample: TestClient) -> None:
    body = sample.get("/api/ask", params={"q": "tiemcards"}).json()
    assert body["found"] and body["answers"][0]["capability_id"] == "timecards"


def test_unit_detail_of_dana(sample: TestClient) -> None:
    body = sample.get("/api/units/dana.reyes").json()
    assert "payroll-run" in body["provides"]["sole_provider_of"]
    run = next(p for p in body["provides"]["items"] if p["capability_id"] == "payroll-run")
    assert len({c["unit"]["id"] for c in run["consumers"]}) == 46


def test_units_filters(sample: TestClient) -> None:
    body = sample.get("/api/units", params={"team": "store-12", "limit": 500}).json()
    assert "ana.costa" in [u["id"] for u in body["items"]]
    front = sample.get("/api/units", params={"front_line": "true", "limit": 1}).json()
    assert front["total"] == 97 and len(front["items"]) == 1


def test_capabilities_search(sample: TestClient) -> None:
    body = sample.get("/api/capabilities", params={"q": "freight"}).json()
    assert "freight-account-payment" in [c["id"] for c in body["items"]]
    detail = sample.get("/api/capabilities/freight-account-payment").json()
    assert [p["id"] for p in detail["providers"]] == ["omar.haddad", "grace.lin"]


def test_research_is_the_silo(sample: TestClient) -> None:
    groups = sample.get("/api/silos").json()["groups"]
    research = next(g for g in groups if g["group"] == "research")
    assert research["ei_index"] < -0.9
    assert all(g["ei_index"] > 0.6 for g in groups if g["group"] != "research" and g["ei_index"] is not None)


def test_store_12_has_the_slowest_chain(sample: TestClient) -> None:
    body = sample.get("/api/chains").json()
    slowest = body["critical"][0]
    assert slowest["front_line"] == "store-12" and slowest["total_hours"] == 1280.0


def test_map_and_overview(sample: TestClient) -> None:
    assert sample.get("/api/map", params={"view": "department"}).status_code == 200
    if shutil.which("dot"):
        assert sample.get("/api/diagrams/overview.svg").status_code == 200


def test_privacy_mode_on_the_sample(private: TestClient, sample: TestClient) -> None:
    text = private.get("/api/units", params={"limit": 500}).text
    assert "Dana Reyes" not in text and "dana.reyes" not in text
    real = {d["id"]: d["units"] for d in sample.get("/api/org").json()["departments"]}
    shown = {d["id"]: d for d in private.get("/api/org").json()["departments"]}
    withheld = {d for d, s in shown.items() if s["withheld"]}
    assert withheld == {d for d, n in real.items() if n < 7} == {"executive", "payroll", "procurement"}
    answer = private.get("/api/ask", params={"q": "payroll run"}).json()["answers"][0]
    assert answer["ask_first"]["name"].startswith("Person ") and answer["capability_id"] == "payroll-run"


@pytest.mark.parametrize(
    "path", ["/api/units?q=zzzz", "/api/units/nobody", "/api/ask?q=%00%01", "/api/chains?front_line=nobody"]
)
def test_odd_requests_are_answered_not_crashed(sample: TestClient, path: str) -> None:
    assert sample.get(path).status_code in (200, 404, 422)


def test_dana_is_the_top_bottleneck_and_the_service_desk_the_most_loaded(sample: TestClient) -> None:
    body = sample.get("/api/bottlenecks", params={"top": 1000}).json()
    assert body["entries"][0]["id"] == "dana.reyes"
    desk = next(e for e in body["entries"] if e["id"] == "it-service-desk")
    assert desk["load_rank"] == 1 and desk["overloaded"]
    assert sample.get("/api/units/dana.reyes").json()["scores"]["rank"] == 1


def test_if_sam_leaves_logistics_loses_its_only_link_to_accounts(sample: TestClient) -> None:
    scenario = {"name": "Sam leaves", "operations": [{"op": "remove", "unit": "sam.lee"}]}
    body = sample.post("/api/impact", json=scenario).json()
    lost = [(b["a"], b["b"], b["through"]) for b in body["silos"]["bridges_lost"]]
    assert ("finance", "logistics", ["sam.lee"]) in lost


def test_if_dana_leaves_payroll_stops_for_most_of_the_organisation(sample: TestClient) -> None:
    scenario = {"name": "Dana leaves", "operations": [{"op": "remove", "unit": "dana.reyes"}]}
    body = sample.post("/api/impact", json=scenario).json()
    assert "payroll-run" in {c["id"] for c in body["breaks"]["lost_capabilities"]}
    assert len(body["breaks"]["failed"]) + len(body["breaks"]["degraded"]) == 128  # data/README.md, fact 1
