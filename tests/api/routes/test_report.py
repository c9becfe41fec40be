import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from api.config import DEFAULT_CSP
from orggraph.report_models import HealthReport

H = Callable[[str], dict[str, str]]
PEOPLE = ["Dana Reyes", "dana.reyes", "Lee Park", "lee.park", "Sam Lee", "sam.lee", "Rita Cole", "rita.cole"]


def test_analyst_gets_the_report_as_json(client: TestClient, headers: H) -> None:
    r = client.get("/api/report", headers=headers("analyst"))
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    report = HealthReport.model_validate_json(r.content)
    # dana.reyes alone runs payroll, which store-1 (front line) and rita.cole need critically; then
    # lee.park fails too, having lost rita.cole's timecards (high)
    spof = {s.id: s for s in report.single_points_of_failure}
    assert spof["dana.reyes"].failed_if_lost == 3 and spof["dana.reyes"].front_line_hurt_if_lost == 1
    assert report.headline.units == 7 and report.headline.front_line_units == 2
    assert client.get("/api/report?top=2", headers=headers("analyst")).json()["top"] == 2


def test_html_page_is_offline_under_the_csp_and_links_to_this_servers_map(
    client: TestClient, headers: H
) -> None:
    r = client.get("/api/report.html", headers=headers("analyst"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == DEFAULT_CSP
    assert "<script" not in r.text and not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", r.text)
    assert 'href="map?focus=dana.reyes&amp;depth=2"' in r.text  # /api/report.html -> /api/map
    assert client.get("/api/map?focus=dana.reyes&depth=2", headers=headers("analyst")).status_code == 200


def test_markdown(client: TestClient, headers: H) -> None:
    r = client.get("/api/report.md", headers=headers("analyst"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
    assert r.text.startswith("# Organisation health report: Acme")


def test_viewer_needs_privacy_mode(client: TestClient, headers: H) -> None:
    for path in ("/api/report", "/api/report.html", "/api/report.md"):
        r = client.get(path, headers=headers("viewer"))
        assert r.status_code == 403 and "privacy mode" in r.json()["message"]
    assert client.get("/api/report", headers=headers("none")).status_code == 401


def test_viewer_in_privacy_mode_gets_pseudonyms(
    make_client: Callable[..., TestClient], tokens, headers: H
) -> None:
    client = make_client(tokens=tokens, viewer_privacy=True, min_group_size=1)
    r = client.get("/api/report", headers=headers("viewer"))
    assert r.status_code == 200
    assert not [p for p in PEOPLE if p in r.text] and "Person " in r.text
    full = client.get("/api/report", headers=headers("analyst")).json()
    assert r.json()["headline"] == full["headline"]  # the same figures, no names
    assert "Dana Reyes" in client.get("/api/report.html", headers=headers("analyst")).text


def test_privacy_mode_leaves_out_small_departments(make_client: Callable[..., TestClient]) -> None:
    # min_group_size 3: only stores (3 units) is reported on
    body = make_client(privacy=True, min_group_size=3).get("/api/report").json()
    assert all(set(f["departments"]) <= {"stores"} for f in body["findings"])
    assert [s["department"] for s in body["silos"]] in ([], ["stores"])
    assert all(b["department"] == "stores" for b in body["bottlenecks"])
    assert all(r["finding"] in {f["id"] for f in body["findings"]} for r in body["recommendations"])


def test_bad_queries(client: TestClient, headers: H) -> None:
    assert client.get("/api/report?top=0", headers=headers("analyst")).status_code == 422
    assert client.get("/api/report?topp=3", headers=headers("analyst")).status_code == 422
