"""Benchmark: the interactive map, from graph to a drawn network in headless Chromium.

For each case: ``render_map(G, view=...)`` (the analyses it draws, the layout, the page) and then
the page load in Debian's headless Chromium, served from 127.0.0.1 with the API's content
security policy, until vis-network has drawn the network (its first ``afterDrawing`` event).
The organisation (``orggraph.generate.generate_org``) and its graph are built once per case
and not timed. Prints a markdown table: median of ``--repeat`` runs.

Run:  .venv/bin/python bench/bench_map.py [--repeat 3] [--cases department:100000 person:2000]
Target (2-core machine): under 3 s from graph to drawn map for the department view of a
100k-person organisation and for the person view of a 2k one.
Needs /usr/bin/chromium (apt-get install chromium) and the python playwright package.
"""

from __future__ import annotations

import argparse
import http.server
import platform
import statistics
import sys
import threading
import time

from playwright.sync_api import sync_playwright

from api.config import DEFAULT_CSP
from orggraph import build_graph
from orggraph.generate import generate_org
from viz import render_map

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip


class _Page:
    """Serves whatever page was last set, at /map, with the API's Content-Security-Policy header."""

    body = b""

    def __init__(self) -> None:
        page = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Security-Policy", DEFAULT_CSP)
                self.send_header("Content-Length", str(len(page.body)))
                self.end_headers()
                self.wfile.write(page.body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/map"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cases", nargs="+", default=["department:100000", "person:2000"])
    args = parser.parse_args()

    served = _Page()
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for case in args.cases:
            view, people = case.split(":")
            G = build_graph(generate_org(int(people), seed=0))
            renders, loads, totals = [], [], []
            nodes = edges = size = 0
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                page_html = render_map(G, view=view)
                t1 = time.perf_counter()
                served.body = page_html.encode("utf-8")
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                page = context.new_page()
                page.goto(served.url)
                page.wait_for_selector("body[data-drawn]", state="attached", timeout=120_000)
                t2 = time.perf_counter()
                nodes = page.evaluate("window.orggraph.nodes.length")
                edges = page.evaluate("window.orggraph.edges.length")
                context.close()
                size = len(served.body)
                renders.append(t1 - t0)
                loads.append(t2 - t1)
                totals.append(t2 - t0)
            rows.append(
                (view, G.number_of_nodes(), G.number_of_edges(), nodes, edges, size, renders, loads, totals)
            )
        browser.close()
    served.server.shutdown()

    out = [
        f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {sys.version.split()[0]}",
        f"Command: {' '.join(sys.argv)}  (median of {args.repeat})",
        "",
        "| view | units | unit edges | nodes drawn | lines drawn | page MB | render_map s "
        "| load until drawn s | total s | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for view, units, unit_edges, nodes, edges, size, renders, loads, totals in rows:
        total = statistics.median(totals)
        out.append(
            f"| {view} | {units:,} | {unit_edges:,} | {nodes:,} | {edges:,} | {size / 1e6:.1f} "
            f"| {statistics.median(renders):.2f} | {statistics.median(loads):.2f} | {total:.2f} "
            f"| {'met' if total < 3 else 'MISSED'} (< 3 s) |"
        )
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
