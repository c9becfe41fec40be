import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from api.config import DEFAULT_CSP

H = Callable[[str], dict[str, str]]


def test_map_is_a_self_contained_page_under_the_csp(client: TestClient, headers: H) -> None:
    r = client.get("/api/map", headers=headers("viewer"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == DEFAULT_CSP
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", r.text)  # nothing from another origin
    assert "Dana Reyes" in r.text


def test_map_views_and_focus(client: TestClient, headers: H) -> None:
    for query in ("view=department", "view=team", "focus=store-1&depth=1", "focus=stores"):
        assert client.get(f"/api/map?{query}", headers=headers("viewer")).status_code == 200


def test_map_focus_on_unknown_id_is_404(client: TestClient, headers: H) -> None:
    r = client.get("/api/map?focus=ghost", headers=headers("viewer"))
    assert r.status_code == 404 and r.headers["content-type"] == "application/json"


def test_map_in_privacy_mode_names_nobody(make_client: Callable[..., TestClient]) -> None:
    text = make_client(privacy=True).get("/api/map?view=person").text
    assert "Dana Reyes" not in text and "dana.reyes" not in text and "Person " in text
