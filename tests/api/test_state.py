"""The loaded state: immutable, cached once per state, reloaded atomically (bad files keep the old data)."""

import threading
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.state import AnalysisCache, LoadedState
from orggraph.model import Org

H = Callable[[str], dict[str, str]]


def test_cache_computes_once_under_concurrency() -> None:
    cache = AnalysisCache()
    calls = []
    start = threading.Barrier(8)

    def compute() -> int:
        calls.append(1)
        time.sleep(0.05)
        return 42

    results: list[int] = []

    def worker() -> None:
        start.wait()
        results.append(cache.get("k", compute))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [42] * 8 and len(calls) == 1


def test_cache_does_not_keep_failures_and_evicts_oldest() -> None:
    cache = AnalysisCache(maxsize=2)

    def boom() -> int:
        raise ValueError("no")

    with pytest.raises(ValueError):
        cache.get("k", boom)
    assert cache.get("k", lambda: 1) == 1
    cache.get("a", lambda: 2)
    cache.get("b", lambda: 3)  # evicts "k"
    assert cache.get("k", lambda: 4) == 4


def test_cache_bounds_the_bytes_it_keeps() -> None:
    cache = AnalysisCache(max_bytes=100)
    cache.get("a", lambda: b"x" * 60)
    cache.get("b", lambda: "y" * 30)
    assert cache.peek("a") is not None
    cache.get("c", lambda: b"z" * 30)  # 120 bytes: the oldest goes
    assert cache.peek("a") is None and cache.peek("b") == "y" * 30 and cache.peek("c") == b"z" * 30
    cache.get("huge", lambda: b"h" * 1000)  # alone over the limit: kept, everything older dropped
    assert cache.peek("huge") is not None and cache.peek("b") is None


def test_graph_and_org_cannot_be_changed(org: Org) -> None:
    state = LoadedState(org, source=None, privacy_key=b"k", min_group_size=5)
    for view in (state.view(False), state.view(True)):
        with pytest.raises(nx.NetworkXError):
            view.graph.add_node("intruder")
        with pytest.raises(nx.NetworkXError):
            view.graph.remove_edge(*next(iter(view.graph.edges)))
        with pytest.raises(ValidationError):
            view.org.units[0].name = "changed"  # type: ignore[misc]
    assert state.view(True) is state.view(True)  # the pseudonymised view is built once


def test_reload_swaps_in_a_good_file(
    make_client: Callable[..., TestClient], org: Org, tmp_path: Path
) -> None:
    from api.config import Role

    from_file = tmp_path / "org.json"
    from_file.write_text(org.model_dump_json())
    client = make_client(from_file, tokens={"admin-token-0123456789abc": Role.admin})
    auth = {"Authorization": "Bearer admin-token-0123456789abc"}
    unchanged = client.post("/api/admin/reload?if_changed=true", headers=auth).json()
    assert unchanged["reloaded"] is False

    renamed = org.model_copy(update={"org": org.org.model_copy(update={"name": "Acme 2"})})
    from_file.write_text(renamed.model_dump_json())
    r = client.post("/api/admin/reload", headers=auth)
    assert r.status_code == 200 and r.json()["reloaded"] is True and r.json()["units"] == 7
    assert client.get("/api/org", headers=auth).json()["name"] == "Acme 2"


def test_bad_file_keeps_the_old_data_and_reports_errors(
    make_client: Callable[..., TestClient], org: Org, tmp_path: Path
) -> None:
    from api.config import Role

    from_file = tmp_path / "org.json"
    from_file.write_text(org.model_dump_json())
    client = make_client(from_file, tokens={"admin-token-0123456789abc": Role.admin})
    auth = {"Authorization": "Bearer admin-token-0123456789abc"}
    from_file.write_text('{"units": [{"id": "x"}]}')  # a unit without a name
    r = client.post("/api/admin/reload", headers=auth)
    assert r.status_code == 422 and r.json()["error"] == "invalid_org_data"
    assert any(e["field"] and "name" in e["field"] for e in r.json()["errors"])
    assert client.get("/api/org", headers=auth).json()["name"] == "Acme"
    holder = client.app.state.holder
    assert (
        holder.last_error and holder.reload(only_if_changed=True) is holder.state
    )  # not retried until changed

    from_file.unlink()
    r = client.post("/api/admin/reload", headers=auth)
    assert r.status_code == 409 and "Cannot read" in r.json()["message"]
    assert client.get("/api/org", headers=auth).status_code == 200


def test_readers_never_see_a_half_swapped_state(
    make_client: Callable[..., TestClient], org: Org, tmp_path: Path
) -> None:
    small = org.model_copy(update={"units": org.units[:3], "dependencies": (), "capabilities": ()})
    path = tmp_path / "org.json"
    path.write_text(org.model_dump_json())
    client = make_client(path)
    holder = client.app.state.holder
    stop = threading.Event()

    def flip() -> None:
        for i in range(20):
            path.write_text((small if i % 2 == 0 else org).model_dump_json())
            holder.reload()
        stop.set()

    thread = threading.Thread(target=flip)
    thread.start()
    seen = set()
    while not stop.is_set():
        body = client.get("/api/org").json()
        assert (body["units"], body["dependencies"]) in {(7, 6), (3, 0)}
        seen.add(body["units"])
    thread.join()
    assert seen


def test_watch_reloads_a_changed_file_and_survives_a_bad_one(org: Org, tmp_path: Path) -> None:
    from api import create_app
    from api.config import Settings

    path = tmp_path / "org.json"
    path.write_text(org.model_dump_json())
    app = create_app(path, Settings(watch_interval=0.05))

    def name_within(client: TestClient, expected: str, seconds: float = 5.0) -> str:
        deadline = time.monotonic() + seconds
        while (name := client.get("/api/org").json()["name"]) != expected and time.monotonic() < deadline:
            time.sleep(0.05)
        return name

    with TestClient(app, client=("127.0.0.1", 1)) as client:  # the context runs the lifespan (the watcher)
        renamed = org.model_copy(update={"org": org.org.model_copy(update={"name": "Acme 2"})})
        path.write_text(renamed.model_dump_json())
        assert name_within(client, "Acme 2") == "Acme 2"
        path.write_text("units: [oops")
        time.sleep(0.3)
        assert client.get("/api/org").json()["name"] == "Acme 2"  # the bad file is reported, not served
        assert app.state.holder.last_error
