"""The map page's structure, escaping and data, without a browser."""

from __future__ import annotations

import json
import random
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

from orggraph import Dependency, Org, Unit, UnitNotFound, build_graph
from orggraph.graph import org_of, rollup, unit_groups
from tests.viz.conftest import QUOTED, XSS
from viz import MapInsights, MapTooLarge, compute_insights, mapdata, render_map


class _Page(HTMLParser):
    """Collects every resource reference (src/href/action, CSS url()) and the data script."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.tags: list[str] = []
        self.styles: list[str] = []
        self.data_json = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            if a.get(name):
                self.refs.append(a[name] or "")
        if a.get("style"):
            self.styles.append(a["style"] or "")
        self._in = "data" if (tag == "script" and a.get("id") == "orggraph-data") else tag

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.styles.append(data)
        elif self._in == "data":
            self.data_json += data


def parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    return p


def test_page_loads_nothing_from_outside(hostile_graph: nx.DiGraph) -> None:
    page = render_map(hostile_graph, view="person")
    p = parse(page)
    urls = p.refs + [u for css in p.styles for u in re.findall(r"url\(\s*['\"]?([^'\")]*)", css)]
    assert urls, "the vis-network stylesheet has data: images, so url() references exist"
    external = [u for u in urls if re.match(r"\s*(https?:)?//", u, re.IGNORECASE)]
    assert external == []
    assert all(u.startswith(("data:", "?")) for u in urls)
    assert p.tags.count("link") == 1 and "iframe" not in p.tags  # the one link is the empty data: favicon
    assert re.search(r"<script[^>]*\ssrc=", page, re.IGNORECASE) is None
    assert re.search(r"@import", page) is None


def test_names_are_escaped_everywhere(hostile_graph: nx.DiGraph) -> None:
    page = render_map(hostile_graph, view="person")
    assert XSS not in page
    assert "<b>dept</b>" not in page
    assert "IT &lt;b&gt;dept&lt;/b&gt;" in page  # the legend, HTML-escaped
    assert page.lower().count("</script") == 3  # data, vis-network, our script: nothing from the data
    data = json.loads(parse(page).data_json)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["evil"] == XSS and labels["quote"] == QUOTED.strip()
    assert data["info"]["evil"]["tooltip"]["title"] == XSS


def test_one_node_per_unit_team_or_department(hostile_graph: nx.DiGraph) -> None:
    def nodes(view: str) -> set[str]:
        return {n["id"] for n in json.loads(parse(render_map(hostile_graph, view=view)).data_json)["nodes"]}

    assert nodes("person") == set(hostile_graph)
    assert nodes("team") == set(rollup(hostile_graph, "team"))
    assert nodes("department") == {"stores", "payroll", "it", "finance"}


def test_department_edges_count_dependencies(hostile_graph: nx.DiGraph) -> None:
    data = json.loads(parse(render_map(hostile_graph, view="department")).data_json)
    labels = {(e["from"], e["to"]): e["label"] for e in data["edges"]}
    # stores -> payroll: store-1 and ana need the payroll run; stores -> it: ana's laptop (2 providers)
    assert labels[("stores", "payroll")] == "2"
    assert labels[("stores", "it")] == "2"
    assert labels[("finance", "payroll")] == "1"
    assert ("payroll", "stores") not in labels


def test_auto_view_switches_to_departments_above_the_threshold() -> None:
    n = mapdata.AUTO_DEPARTMENT_ABOVE + 1
    units = [Unit(id=f"u{i}", name=f"Unit {i}", department=f"d{i % 3}") for i in range(n)]
    deps = [Dependency(consumer=f"u{i}", provider=f"u{(i + 1) % n}") for i in range(n)]
    G = build_graph(Org(units=units, dependencies=deps))
    data = json.loads(parse(render_map(G)).data_json)
    assert data["meta"]["level"] == "department"
    assert len(data["nodes"]) == 3
    small = build_graph(Org(units=units[:10]))
    assert json.loads(parse(render_map(small)).data_json)["meta"]["level"] == "person"


def test_focus_on_a_unit_keeps_its_neighbourhood(hostile_graph: nx.DiGraph) -> None:
    def ids(**kw: object) -> set[str]:
        return {n["id"] for n in json.loads(parse(render_map(hostile_graph, **kw)).data_json)["nodes"]}

    # omar depends on dana; store-1 depends on omar; dana's other neighbours are two steps away
    assert ids(focus="omar", depth=1) == {"omar", "dana", "store-1"}
    assert ids(focus="omar", depth=2) == {"omar", "dana", "store-1", "ana", "desk", "evil", "quote"}
    assert ids(focus="omar", depth=0) == {"omar"}
    # a department: its units plus the units directly linked to them
    assert ids(focus="finance") == {"omar", "quote", "store-1", "dana"}


def test_focus_on_an_unknown_id_names_it(hostile_graph: nx.DiGraph) -> None:
    with pytest.raises(UnitNotFound, match="nobody"):
        render_map(hostile_graph, focus="nobody")


def test_too_many_nodes_is_refused_with_advice(hostile_graph: nx.DiGraph, monkeypatch) -> None:
    monkeypatch.setattr(mapdata, "MAX_MAP_NODES", 5)
    with pytest.raises(MapTooLarge, match="--view department"):
        render_map(hostile_graph, view="person")
    assert render_map(hostile_graph, view="department")  # 4 nodes fit


def test_same_data_same_page(hostile_graph: nx.DiGraph) -> None:
    assert render_map(hostile_graph, view="person") == render_map(
        build_graph(hostile_graph.graph["org"]), view="person"
    )


def test_encoding_of_size_shape_and_width(hostile_graph: nx.DiGraph) -> None:
    insights = MapInsights(
        scores={"dana": 0.9, "desk": 0.3, "omar": 0.0},
        communities={"dana": 0, "store-1": 0, "desk": 1},
        chains=[[("store-1", "omar"), ("omar", "dana"), ("dana", "desk")]],
        bottlenecks=["dana", "desk"],
    )
    data = json.loads(parse(render_map(hostile_graph, view="person", insights=insights)).data_json)
    node = {n["id"]: n for n in data["nodes"]}
    assert node["dana"]["size"] > node["desk"]["size"] > node["omar"]["size"]
    assert node["store-1"]["shape"] == "diamond" and node["ana"]["shape"] == "diamond"
    assert node["dana"]["shape"] == "dot" and node["desk"]["shape"] == "square"
    width = {(e["from"], e["to"]): e["width"] for e in data["edges"]}
    assert (
        width[("ana", "dana")] > width[("dana", "desk")] > width[("store-1", "omar")] > width[("ana", "desk")]
    )
    assert all(e["arrows"] == "to" for e in data["edges"])
    assert data["highlights"] == {
        "chains": [[["store-1", "omar"], ["omar", "dana"], ["dana", "desk"]]],
        "bottlenecks": ["dana", "desk"],
    }
    assert data["info"]["desk"]["community"] == 1
    colours = {n["id"]: n["color"]["background"] for n in data["nodes"]}
    assert colours["store-1"] == colours["ana"] != colours["dana"]


def test_highlights_follow_units_into_department_view(hostile_graph: nx.DiGraph) -> None:
    chain = [("store-1", "omar"), ("omar", "quote"), ("omar", "dana"), ("dana", "desk")]
    insights = MapInsights(chains=[chain], bottlenecks=["dana", "evil", "desk"])
    data = json.loads(parse(render_map(hostile_graph, view="department", insights=insights)).data_json)
    assert data["highlights"] == {
        "chains": [[["stores", "finance"], ["finance", "payroll"], ["payroll", "it"]]],
        "bottlenecks": ["payroll", "it"],
    }


def test_tooltip_says_what_a_unit_provides_and_needs(hostile_graph: nx.DiGraph) -> None:
    data = json.loads(parse(render_map(hostile_graph, view="person")).data_json)
    lines = dict(data["info"]["dana"]["tooltip"]["lines"])
    assert lines["Department"] == "Payroll"
    assert lines["Provides"] == "Payroll run"
    assert lines["Depends on"] == f"Laptop setup from IT desk, {XSS}"
    assert lines["Depended on by"] == "3 units"
    assert dict(data["info"]["evil"]["tooltip"]["lines"])["Provides"] == "Laptop setup (backup)"


@pytest.mark.parametrize("level", ["team", "department"])
def test_rollup_is_the_plain_quotient(hostile_graph: nx.DiGraph, level: str) -> None:
    rng = random.Random(3)
    units = [
        Unit(
            id=f"u{i}",
            name=f"U{i}",
            department=f"d{i % 4}",
            team=f"t{i % 7}" if i % 3 else None,
            fte=i % 3 + 0.5,
        )
        for i in range(60)
    ]
    deps = [
        Dependency(consumer=f"u{rng.randrange(60)}", provider=f"u{rng.randrange(60)}") for _ in range(200)
    ]
    deps = [d for d in deps if d.consumer != d.provider]
    for G in (hostile_graph, build_graph(Org(units=units, dependencies=deps))):
        fast, core = rollup(G, level), _plain_rollup(G, level)
        assert dict(fast.nodes(data=True)) == dict(core.nodes(data=True))
        assert {(u, v): d for u, v, d in fast.edges(data=True)} == {
            (u, v): d for u, v, d in core.edges(data=True)
        }


def _plain_rollup(G: nx.DiGraph, level: str) -> nx.DiGraph:
    """The quotient graph built the straightforward way, to check the fast :func:`rollup`."""
    org = org_of(G)
    groups = unit_groups(org, level)
    Q = nx.DiGraph(org=org, level=level, direction=G.graph.get("direction"))
    for unit_id in G.nodes:
        g = groups[unit_id]
        if g not in Q:
            Q.add_node(g, size=0, fte=0.0, front_line=0, internal_count=0, internal_weight=0.0, members=[])
        data = Q.nodes[g]
        data["size"] += 1
        data["fte"] += G.nodes[unit_id]["fte"]
        data["front_line"] += int(bool(G.nodes[unit_id]["front_line"]))
        data["members"].append(unit_id)
    for g, data in Q.nodes(data=True):
        data["members"] = tuple(sorted(data["members"]))
        if level == "department":
            dept = org.department_by_id.get(g)
            data["name"] = dept.name if dept else g
        else:
            data["name"] = org.unit_by_id[g].name if g in org.unit_by_id else g
    for u, v, e in G.edges(data=True):
        gu, gv = groups[u], groups[v]
        if gu == gv:
            Q.nodes[gu]["internal_count"] += 1
            Q.nodes[gu]["internal_weight"] += e["weight"]
        elif Q.has_edge(gu, gv):
            q = Q.edges[gu, gv]
            q["count"] += 1
            q["links"] += e["count"]
            q["weight"] += e["weight"]
        else:
            Q.add_edge(gu, gv, count=1, links=e["count"], weight=e["weight"])
    return Q


def test_group_views_draw_only_the_strongest_lines(hostile_graph: nx.DiGraph, monkeypatch) -> None:
    monkeypatch.setattr(mapdata, "MAX_GROUP_EDGES", 2)
    page = render_map(hostile_graph, view="department")
    data = json.loads(parse(page).data_json)
    # the five department pairs carry 2, 2, 2, 2 and 1 dependencies: ties broken by id
    assert [(e["from"], e["to"]) for e in data["edges"]] == [("payroll", "it"), ("stores", "finance")]
    assert "the 2 strongest of 5 are drawn" in page


def test_insights_come_from_the_analyses(sample_graph: nx.DiGraph) -> None:
    from orggraph.analysis.bottlenecks import bottlenecks
    from orggraph.analysis.chains import chains
    from orggraph.analysis.silos import silos

    insights = compute_insights(sample_graph)
    ranked = bottlenecks(sample_graph).entries
    assert dict(insights.scores) == {e.id: e.score for e in ranked}
    assert insights.bottlenecks[0] == "dana.reyes"  # the planted sole provider of the payroll run
    assert list(insights.bottlenecks) == [e.id for e in ranked[:10]]
    assert dict(insights.communities) == silos(sample_graph).community_of
    slowest = chains(sample_graph).critical[0]
    assert list(insights.chains[0]) == [(link.consumer, link.provider) for link in slowest.links]
    assert insights.chains[0][0] == ("store-12", "sam.lee")  # the planted long slow chain
    data = json.loads(parse(render_map(sample_graph, view="person")).data_json)
    assert data["highlights"]["chains"][0] == [list(p) for p in insights.chains[0]]
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    assert max(sizes, key=lambda u: (sizes[u], u)) == "dana.reyes"  # the biggest node on the map
    assert dict(data["info"]["dana.reyes"]["tooltip"]["lines"])["Bottleneck rank"] == f"1 of {len(ranked)}"
