"""Fixtures for the map and diagram tests: a small organisation with hostile names, and a
headless Chromium (Debian's /usr/bin/chromium driven by Playwright) behind a local server
that sends the API's content security policy."""

from __future__ import annotations

import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import networkx as nx
import pytest

from api.config import DEFAULT_CSP
from orggraph import Capability, Department, Dependency, Org, Unit, build_graph

XSS = "<img src=x onerror=alert(1)>"
QUOTED = 'Say "hi" </script><!-- \u2028 \\'
CHROMIUM = Path("/usr/bin/chromium")
CSP = DEFAULT_CSP
"""The policy the API sends with HTML pages: the map and the report must work under it."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

requires_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")


def hostile_org() -> Org:
    """Seven units in five departments; two names try HTML/script injection.

    Dependencies (consumer -> provider): store-1 -> dana (payroll, critical), ana -> dana
    (payroll, critical), ana -> desk and ana -> evil (laptop, low; desk primary), dana -> desk and
    dana -> evil (laptop, high), store-1 -> omar and store-1 -> quote (freight payment, medium,
    48 h; omar primary), omar -> dana (direct, low, 24 h).
    """
    units = [
        Unit(id="store-1", name="Store One", kind="team", department="stores", front_line=True, fte=8),
        Unit(id="ana", name="Ana Costa", department="stores", front_line=True, title="Shop assistant"),
        Unit(id="dana", name="Dana Reyes", department="payroll", title="Payroll clerk"),
        Unit(id="desk", name="IT desk", kind="team", department="it", fte=2),
        Unit(id="evil", name=XSS, department="it"),
        Unit(id="quote", name=QUOTED, department="finance"),
        Unit(id="omar", name="Omar Haddad", department="finance"),
    ]
    caps = [
        Capability(id="payroll-run", name="Payroll run", providers=("dana",)),
        Capability(id="laptop-setup", name="Laptop setup", providers=("desk", "evil")),
        Capability(id="pay", name="Freight payment", providers=("omar", "quote")),
    ]
    deps = [
        Dependency(consumer="store-1", capability="payroll-run", criticality="critical", lead_time_hours=8),
        Dependency(consumer="ana", capability="payroll-run", criticality="critical"),
        Dependency(consumer="ana", capability="laptop-setup", criticality="low", cadence="yearly"),
        Dependency(consumer="dana", capability="laptop-setup", criticality="high", lead_time_hours=4),
        Dependency(consumer="store-1", capability="pay", lead_time_hours=48),
        Dependency(consumer="omar", provider="dana", criticality="low", lead_time_hours=24),
    ]
    depts = [
        Department(id="stores", name="Stores"),
        Department(id="it", name="IT <b>dept</b>"),
        Department(id="payroll", name="Payroll"),
        Department(id="finance", name="Finance & Accounts"),
    ]
    return Org(units=units, capabilities=caps, dependencies=deps, departments=depts)


@pytest.fixture(scope="session")
def hostile_graph() -> nx.DiGraph:
    return build_graph(hostile_org())


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium; skipped (with the reason) where Debian's chromium is not installed,
    except in CI (CI=true), where these tests must run: there a missing browser is a failure."""
    if not CHROMIUM.exists():
        reason = "/usr/bin/chromium is absent: apt-get install -y chromium fonts-liberation"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI must run the browser tests)")
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api", reason="python playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def serve() -> Iterator[Callable[[str], str]]:
    """``serve(html) -> url``: serves the page at /map on 127.0.0.1 with the CSP header."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(page: str) -> str:
        body = page.encode("utf-8")

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if not self.path.startswith("/map"):
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Security-Policy", CSP)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/map"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
