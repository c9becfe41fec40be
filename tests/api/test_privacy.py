"""Privacy mode: stable pseudonyms instead of names, and small groups' figures withheld."""

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from api.config import Role

H = Callable[[str], dict[str, str]]
MakeClient = Callable[..., TestClient]
REAL = ["Dana Reyes", "dana.reyes", "Lee Park", "lee.park", "Ana Costa", "ana.costa", "Rita Cole", "Sam Lee"]
PATHS = [
    "/api/org",
    "/api/units?limit=500",
    "/api/capabilities?implicit=true",
    "/api/capabilities/timecards",
    "/api/ask?q=payroll&as=store-1",
    "/api/units/store-1",
]


@pytest.fixture(scope="module")
def private(make_client: MakeClient) -> TestClient:
    return make_client(privacy=True, privacy_secret="s3cret", min_group_size=3)


def unit_ids(client: TestClient, **params: str) -> list[str]:
    return [u["id"] for u in client.get("/api/units", params={"limit": "500", **params}).json()["items"]]


@pytest.mark.parametrize("path", PATHS)
def test_no_real_name_or_id_anywhere(private: TestClient, path: str) -> None:
    r = private.get(path)
    assert r.status_code == 200, r.text
    assert not [name for name in REAL if name.lower() in r.text.lower()]
    assert "example.com" not in r.text  # people's contact addresses are dropped


def test_people_get_pseudonyms_and_teams_keep_their_names(private: TestClient) -> None:
    items = private.get("/api/units", params={"limit": "500"}).json()["items"]
    people = [u for u in items if u["kind"] == "person"]
    assert len(people) == 5
    for u in people:
        code = re.fullmatch(r"p-([0-9a-f]{10})", u["id"])
        assert code and u["name"] == f"Person {code.group(1)}"
    assert {u["name"] for u in items if u["kind"] == "team"} == {"IT service desk", "Store 1"}


def test_figures_are_the_real_ones(private: TestClient, make_client: MakeClient) -> None:
    real = make_client().get("/api/org").json()
    pseudo = private.get("/api/org").json()
    for key in ("units", "people", "teams", "capabilities", "dependencies", "front_line_units"):
        assert pseudo[key] == real[key]
    assert pseudo["privacy"] is True and pseudo["min_group_size"] == 3


def test_departments_below_the_minimum_are_withheld(private: TestClient) -> None:
    departments = {d["id"]: d for d in private.get("/api/org").json()["departments"]}
    assert departments["stores"]["withheld"] is False and departments["stores"]["units"] == 3
    for small in ("payroll", "it", "logistics"):
        d = departments[small]
        assert d["withheld"] is True and (d["units"], d["fte"], d["front_line"]) == (None, None, None)


def test_default_minimum_is_five(make_client: MakeClient) -> None:
    departments = make_client(privacy=True).get("/api/org").json()["departments"]
    assert all(d["withheld"] for d in departments)  # no department of the small org has 5 units


def test_pseudonyms_are_stable_for_a_secret_and_change_with_it(
    private: TestClient, make_client: MakeClient
) -> None:
    same = make_client(privacy=True, privacy_secret="s3cret")
    other = make_client(privacy=True, privacy_secret="another")
    random_key = make_client(privacy=True)
    assert unit_ids(same) == unit_ids(private)
    assert set(unit_ids(other)) != set(unit_ids(private))
    assert set(unit_ids(random_key)) != set(unit_ids(private))


def test_pseudonymous_ids_work_and_real_ones_do_not(private: TestClient) -> None:
    pseudo = private.get("/api/units", params={"kind": "person"}).json()["items"][0]["id"]
    assert pseudo.startswith("p-") and private.get(f"/api/units/{pseudo}").status_code == 200
    r = private.get("/api/units/dana.reyes")
    assert r.status_code == 404 and "Dana" not in r.text


def test_text_search_cannot_probe_real_names(private: TestClient) -> None:
    assert unit_ids(private, q="dana") == [] and unit_ids(private, q="reyes") == []
    answer = private.get("/api/ask", params={"q": "Dana Reyes"}).json()
    assert answer["found"] is False and answer["answers"] == []


def test_free_text_mentions_of_people_are_replaced(private: TestClient) -> None:
    description = private.get("/api/capabilities/timecards").json()["description"]
    assert re.fullmatch(r"Weekly timecards, checked by Person [0-9a-f]{10}\.", description)


def test_viewer_can_be_restricted_to_privacy_mode(
    make_client: MakeClient, headers: H, tokens: dict[str, Role]
) -> None:
    client = make_client(tokens=tokens, viewer_privacy=True)
    as_viewer = client.get("/api/units/store-1", headers=headers("viewer"))
    as_analyst = client.get("/api/units/store-1", headers=headers("analyst"))
    assert "Dana Reyes" not in as_viewer.text and "Person " in as_viewer.text
    assert "Dana Reyes" in as_analyst.text


def test_a_title_fewer_than_the_minimum_hold_is_dropped(private: TestClient, make_client: MakeClient) -> None:
    """Every person's title in the small org is unique ("Payroll clerk" names Dana Reyes): with a
    minimum of 3 none is shown, while the real view keeps them and teams keep theirs."""
    items = private.get("/api/units", params={"limit": "500"}).json()["items"]
    assert {u["title"] for u in items if u["kind"] == "person"} == {""}
    assert private.get("/api/units", params={"q": "payroll clerk"}).json()["total"] == 0
    real = make_client().get("/api/units", params={"q": "payroll clerk"}).json()["items"]
    assert [u["id"] for u in real] == ["dana.reyes"]


def test_a_title_shared_by_enough_people_is_kept() -> None:
    from api.privacy import pseudonymise_org
    from orggraph.model import Org, Unit

    people = [Unit(id=f"a{i}", name=f"A {i}", title="Store associate") for i in range(3)]
    org = Org(units=[*people, Unit(id="boss", name="The Boss", title="Chief executive")])
    titles = sorted(u.title for u in pseudonymise_org(org, b"k", min_title_holders=3).units)
    assert titles == ["", "Store associate", "Store associate", "Store associate"]
    assert sorted(u.title for u in pseudonymise_org(org, b"k", min_title_holders=1).units) == sorted(
        u.title for u in org.units
    )
