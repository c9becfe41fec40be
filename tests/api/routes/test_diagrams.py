import shutil
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

H = Callable[[str], dict[str, str]]
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")


@needs_dot
def test_overview_is_svg_for_viewers(client: TestClient, headers: H) -> None:
    r = client.get("/api/diagrams/overview.svg", headers=headers("viewer"))
    assert r.status_code == 200 and r.headers["content-type"] == "image/svg+xml"
    assert r.content.lstrip().startswith(b"<?xml") and b"<svg" in r.content and b"Payroll" in r.content


@needs_dot
def test_chains_are_for_analysts(client: TestClient, headers: H) -> None:
    assert (
        client.get("/api/diagrams/chains.svg?front_line=store-1", headers=headers("viewer")).status_code
        == 403
    )
    r = client.get("/api/diagrams/chains.svg?front_line=store-1", headers=headers("analyst"))
    assert r.status_code == 200 and b"Store 1" in r.content


def test_chains_of_unknown_unit_is_404(client: TestClient, headers: H) -> None:
    r = client.get("/api/diagrams/chains.svg?front_line=ghost", headers=headers("analyst"))
    assert r.status_code == 404 and "'ghost'" in r.json()["message"]


def test_missing_graphviz_is_503_not_500(
    monkeypatch: pytest.MonkeyPatch, make_client: Callable[..., TestClient]
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    r = make_client().get("/api/diagrams/overview.svg")
    assert r.status_code == 503 and "Graphviz" in r.json()["message"]
