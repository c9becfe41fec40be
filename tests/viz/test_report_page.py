"""The health report page (viz.report): evidence links, inline diagrams, escaping, Markdown, and the
page in a real headless Chromium next to its map (no console error, nothing outside localhost)."""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import networkx as nx
import pytest

from orggraph import build_graph
from orggraph.report import health_report, run_analyses
from orggraph.report_models import HealthReport
from tests.viz.conftest import CSP, QUOTED, XSS, hostile_org, requires_dot
from viz import render_map
from viz.report import (
    inline_svg,
    map_insights,
    render_report_html,
    render_report_markdown,
    report_diagrams,
    report_map_view,
)

OUTSIDE = re.compile(r"""(src|href)\s*=\s*["']?\s*(https?:|//)""", re.IGNORECASE)


@pytest.fixture(scope="module")
def sample_report(sample_graph: nx.DiGraph) -> HealthReport:
    return health_report(sample_graph)


@pytest.fixture(scope="module")
def hostile() -> tuple[nx.DiGraph, HealthReport]:
    """The hostile organisation with the payroll clerk (sole provider, so a finding) named XSS."""
    org = hostile_org()
    units = tuple(u.model_copy(update={"name": XSS}) if u.id == "dana" else u for u in org.units)
    G = build_graph(org.model_copy(update={"units": units}))
    return G, health_report(G)


def test_page_is_self_contained_and_links_every_finding_to_its_evidence(sample_report: HealthReport) -> None:
    html = render_report_html(sample_report)
    assert "<script" not in html.lower() and not OUTSIDE.search(html)
    assert "@media print" in html
    # the planted findings, in the page
    for text in ("Dana Reyes", "IT Service Desk", "Product Research Lab", "Store 12", "Campaigns Team"):
        assert text in html
    # unit evidence opens the map beside the report, focused on the unit
    assert 'href="map.html?focus=dana.reyes&amp;depth=2"' in html
    # chain evidence jumps to the chain's section, which exists
    assert 'href="#chain-1"' in html and 'id="chain-1"' in html
    loop = next(x for x in sample_report.loops if "marketing-campaigns" in x.members)
    assert f'href="#{loop.anchor}"' in html and f'id="{loop.anchor}"' in html
    # every recommendation links back to an existing finding
    anchors = set(re.findall(r'id="(finding-\d+)"', html))
    assert len(anchors) == len(sample_report.findings)
    assert set(re.findall(r'href="#(finding-\d+)"', html)) <= anchors


def test_departments_are_linked_when_the_map_can_focus_them(sample_report: HealthReport) -> None:
    api = render_report_html(sample_report, map_href="map", map_focus="both")
    assert 'href="map?focus=research&amp;depth=2"' in api and 'href="map?focus=dana.reyes&amp;depth=2"' in api
    departments_only = render_report_html(sample_report, map_focus="departments")
    assert "map.html?focus=dana.reyes" not in departments_only
    assert "map.html?focus=payroll&amp;depth=2" in departments_only
    assert "?focus=" not in render_report_html(sample_report, map_href=None)


def test_report_map_view_follows_the_size(sample_graph: nx.DiGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    assert report_map_view(sample_graph) == ("person", "units")
    monkeypatch.setattr("viz.report.REPORT_PERSON_MAP_LIMIT", 10)
    assert report_map_view(sample_graph) == ("department", "departments")


@requires_dot
def test_diagrams_are_inline_svg_with_unique_ids(
    sample_graph: nx.DiGraph, sample_report: HealthReport
) -> None:
    d = report_diagrams(sample_graph, sample_report)
    assert d.problems == () and d.overview is not None
    assert set(d.chains) == {c.front_line for c in sample_report.chains[:3]}
    html = render_report_html(sample_report, diagrams=d)
    assert html.count("<svg") == 1 + len(d.chains)
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html and "<!--" not in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_missing_graphviz_leaves_the_diagrams_out_with_a_note(
    sample_graph: nx.DiGraph, sample_report: HealthReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("viz.render.shutil.which", lambda _: None)
    d = report_diagrams(sample_graph, sample_report)
    assert d.overview is None and d.chains == {} and len(d.problems) == 1
    assert "Graphviz" in d.problems[0] and "Graphviz" in render_report_html(sample_report, diagrams=d)


def test_inline_svg_strips_the_prolog_and_prefixes_ids_and_references() -> None:
    svg = b'<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- a -->\n<svg width="1pt"><g id="node1" data-id="x">'
    svg += b'<title>n0</title><path fill="url(#l_1)"/><use xlink:href="#node1"/></g></svg>'
    assert str(inline_svg(svg, "d3-")) == (
        '<svg role="img" width="1pt"><g id="d3-node1" data-id="x"><title>n0</title>'
        '<path fill="url(#d3-l_1)"/><use xlink:href="#d3-node1"/></g></svg>'
    )


@requires_dot
def test_hostile_names_are_text_in_html_svg_and_markdown(hostile: tuple[nx.DiGraph, HealthReport]) -> None:
    G, report = hostile
    assert any(XSS in f.title for f in report.findings)  # the clerk is the subject of a finding
    html = render_report_html(report, diagrams=report_diagrams(G, report))
    assert "<img" not in html and "<b>dept</b>" not in html and "</script><!--" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    md = render_report_markdown(report)
    assert "<img" not in md and "<b>" not in md and "&lt;img src=x onerror=alert(1)&gt;" in md
    assert QUOTED not in md


def test_markdown_has_the_same_findings_and_links(sample_report: HealthReport) -> None:
    md = render_report_markdown(sample_report)
    assert md.startswith("# Organisation health report: Marlow & Finch Home Stores")
    for f in sample_report.findings:
        assert f.severity.upper() in md
    assert "(<map.html?focus=dana.reyes&depth=2>)" in md and "(<#chain-1>)" in md
    assert '<a id="chain-1"></a>' in md
    assert md.count("\n## ") == 7  # attention, recommendations, bottlenecks, silos, chains, loops, notes


# --------------------------------------------------------------------------------------------
# in a browser


@pytest.fixture
def serve_dir() -> Iterator[Callable[[Path], str]]:
    """``serve_dir(folder) -> base URL``: the folder's files on 127.0.0.1, with the API's CSP."""
    servers: list[http.server.ThreadingHTTPServer] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/favicon.ico":  # asked for by the map page, which declares no icon
                self.send_response(204)
                self.end_headers()
                return
            super().do_GET()

        def end_headers(self) -> None:
            self.send_header("Content-Security-Policy", CSP)
            super().end_headers()

        def log_message(self, *args: object) -> None:
            pass

    def start(folder: Path) -> str:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@requires_dot
def test_report_and_map_in_headless_chromium(
    browser, serve_dir: Callable[[Path], str], sample_graph: nx.DiGraph, tmp_path: Path
) -> None:
    analyses = run_analyses(sample_graph)
    report = health_report(sample_graph, analyses=analyses)
    html = render_report_html(report, diagrams=report_diagrams(sample_graph, report))
    (tmp_path / "report.html").write_text(html, encoding="utf-8")
    (tmp_path / "map.html").write_text(
        render_map(sample_graph, view="person", insights=map_insights(analyses)), encoding="utf-8"
    )
    base = serve_dir(tmp_path)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    outside: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text[:300]) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    page.on("request", lambda r: None if r.url.startswith((base, "data:")) else outside.append(r.url))
    try:
        page.goto(f"{base}/report.html")
        assert page.locator("svg").count() >= 2
        first = page.locator("#finding-1")
        assert "Dana Reyes" in first.inner_text()
        # print: evidence links and the back links are hidden, the content stays
        page.emulate_media(media="print")
        assert page.locator("#finding-1 .rp-evidence").evaluate("e => getComputedStyle(e).display") == "none"
        assert len(page.pdf()) > 10_000
        page.emulate_media(media="screen")
        # the chain evidence scrolls to the chain's diagram in the page
        page.locator('a[href="#chain-1"]').first.click()
        assert page.evaluate("location.hash") == "#chain-1"
        # the unit evidence opens the map focused on that unit's neighbourhood
        first.locator('a[href^="map.html?focus=dana.reyes"]').click()
        page.wait_for_selector("body[data-drawn]", state="attached", timeout=30_000)
        shown = page.evaluate("window.orggraph.visibleNodeIds()")
        assert "dana.reyes" in shown and 0 < len(shown) < sample_graph.number_of_nodes()
        assert "Dana Reyes" in page.locator("#og-banner").inner_text()
        assert errors == [] and outside == []
    finally:
        context.close()
