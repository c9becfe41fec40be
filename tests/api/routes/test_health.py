from fastapi.testclient import TestClient


def test_health_needs_no_token_and_reveals_nothing(client: TestClient) -> None:
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}
