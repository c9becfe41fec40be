"""Regenerate docs/map.png and docs/overview.png from the sample organisation.

Run:  .venv/bin/python docs/screenshots.py
Needs Debian's chromium (apt-get install chromium) and Graphviz (apt-get install graphviz).
The map is served from 127.0.0.1 with the API's content security policy, as in the tests.
"""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from api.config import DEFAULT_CSP
from orggraph import build_graph
from orggraph.io import load_org
from viz import render_map
from viz.diagrams import overview_dot
from viz.render import render_dot

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip


def main() -> None:
    G = build_graph(load_org(ROOT / "data" / "sample-org.yaml"))
    (ROOT / "docs" / "overview.png").write_bytes(render_dot(overview_dot(G), "png"))
    body = render_map(G).encode("utf-8")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Security-Policy", DEFAULT_CSP)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/map")
            page.wait_for_selector("body[data-drawn]", state="attached")
            page.screenshot(path=str(ROOT / "docs" / "map.png"))
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
