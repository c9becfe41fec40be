"""The map in a real headless Chromium, served with the API's content security policy.

Skipped, with the reason, where Debian's /usr/bin/chromium is absent; CI installs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pytest

from tests.viz.conftest import XSS
from viz import MapInsights, render_map


@dataclass
class Visit:
    """A loaded map page and everything it did while loading."""

    page: Any
    url: str
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def visible_ids(self) -> list[str]:
        return sorted(self.js("window.orggraph.visibleNodeIds()"))


@pytest.fixture
def visit(browser, serve: Callable[[str], str]) -> Iterator[Callable[..., Visit]]:
    contexts = []

    def open_page(html: str, query: str = "") -> Visit:
        url = serve(html)
        origin = url.rsplit("/", 1)[0]
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        contexts.append(context)
        page = context.new_page()
        v = Visit(page, url)
        page.on("console", lambda m: v.console_errors.append(m.text[:500]) if m.type == "error" else None)
        page.on("pageerror", lambda e: v.console_errors.append(f"uncaught: {e}"))

        def dialog(d: Any) -> None:
            v.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)

        def route(r: Any) -> None:
            if r.request.url.startswith(origin) or r.request.url.startswith("data:"):
                r.continue_()
            else:
                v.outside_requests.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on(
            "request",
            lambda r: None if r.url.startswith((origin, "data:")) else v.outside_requests.append(r.url),
        )
        page.goto(url + query)
        page.wait_for_selector("body[data-drawn]", state="attached", timeout=30_000)
        return v

    yield open_page
    for c in contexts:
        c.close()


def test_sample_map_loads_offline_without_errors(visit, sample_graph: nx.DiGraph) -> None:
    v = visit(render_map(sample_graph))
    assert v.console_errors == []
    assert v.outside_requests == []
    assert v.js("window.orggraph.nodes.length") == sample_graph.number_of_nodes()
    assert v.js("window.orggraph.edges.length") == sample_graph.number_of_edges()
    assert len(v.visible_ids()) == sample_graph.number_of_nodes()
    assert v.js("document.getElementById('og-status').textContent") == (
        f"{sample_graph.number_of_nodes()} units shown"
    )


def test_search_finds_a_unit_and_selects_it(visit, sample_graph: nx.DiGraph) -> None:
    v = visit(render_map(sample_graph))
    v.page.fill("#og-search", "dana rey")
    results = v.page.locator("#og-results button")
    assert results.count() == 1
    assert results.first.inner_text().startswith(sample_graph.nodes["dana.reyes"]["name"])
    v.page.press("#og-search", "Enter")
    assert v.js("window.orggraph.network.getSelectedNodes()") == ["dana.reyes"]
    assert "Payroll run" in v.page.inner_text("#og-details")
    assert v.console_errors == []


def test_department_filter_hides_the_other_departments(visit, sample_graph: nx.DiGraph) -> None:
    v = visit(render_map(sample_graph))
    payroll = sorted(u for u, d in sample_graph.nodes(data="department") if d == "payroll")
    assert payroll
    v.page.select_option("#og-dept", "payroll")
    assert v.visible_ids() == payroll
    hidden = v.js("window.orggraph.nodes.get({filter: n => n.hidden}).length")
    assert hidden == sample_graph.number_of_nodes() - len(payroll)
    v.page.select_option("#og-dept", "")
    assert len(v.visible_ids()) == sample_graph.number_of_nodes()


def test_focus_in_the_url_shows_the_neighbourhood(visit, hostile_graph: nx.DiGraph) -> None:
    v = visit(render_map(hostile_graph, view="person"), "?focus=omar&depth=1")
    assert v.visible_ids() == ["dana", "omar", "store-1"]
    assert "Omar Haddad" in v.page.inner_text("#og-banner")
    assert v.console_errors == []


def test_toggles_highlight_chains_and_bottlenecks(visit, hostile_graph: nx.DiGraph) -> None:
    insights = MapInsights(
        scores={"dana": 1.0},
        communities={"dana": 0, "desk": 1},
        chains=[[("store-1", "omar"), ("omar", "dana")]],
        bottlenecks=["desk"],
    )
    v = visit(render_map(hostile_graph, view="person", insights=insights))
    v.page.check("#og-chains")
    red = v.js(
        "window.orggraph.edges.get({filter: e => e.color && e.color.color === '#d62728'})"
        ".map(e => [e.from, e.to])"
    )
    assert sorted(red) == [["omar", "dana"], ["store-1", "omar"]]
    v.page.uncheck("#og-chains")
    v.page.check("#og-bottlenecks")
    ringed = v.js("window.orggraph.nodes.get({filter: n => n.color.border === '#d62728'}).map(n => n.id)")
    assert ringed == ["desk"]
    v.page.check("#og-community")
    assert v.js("window.orggraph.nodes.get('dana').color.background") != v.js(
        "window.orggraph.nodes.get('desk').color.background"
    )
    assert v.console_errors == []


def test_a_hostile_name_shows_as_text_and_runs_nothing(visit, hostile_graph: nx.DiGraph) -> None:
    v = visit(render_map(hostile_graph, view="person"))
    # search result and details panel show the literal name
    v.page.fill("#og-search", "onerror")
    assert v.page.locator("#og-results button").first.inner_text().startswith(XSS)
    v.page.press("#og-search", "Enter")
    assert XSS in v.page.inner_text("#og-details")
    # hovering the node opens its tooltip, which holds the name as text
    v.page.press("#og-search", "Escape")
    v.js("window.orggraph.network.unselectAll()")
    pos = v.js(
        "(() => { const n = window.orggraph.network; return n.canvasToDOM(n.getPosition('evil')); })()"
    )
    box = v.page.locator("#og-network").bounding_box()
    v.page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    tooltip = v.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    assert XSS in tooltip.inner_text()
    # the legend shows the department name with its markup as text
    assert "IT <b>dept</b>" in v.page.inner_text("#og-swatches")
    assert v.js("document.querySelectorAll('img, #og-swatches b, .vis-tooltip b').length") == 0
    assert v.dialogs == []
    assert v.console_errors == []
    assert v.outside_requests == []
