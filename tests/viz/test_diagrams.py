"""The Graphviz diagrams, laid out by the real dot and read back from its JSON output."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass

import networkx as nx
import pytest

from orggraph import Capability, Dependency, Unit, UnitNotFound, build_graph
from orggraph.scenario import apply_scenario, parse_scenario
from tests.viz.conftest import XSS, hostile_org, requires_dot
from viz import diagrams, render
from viz.diagrams import DiagramTooLarge, chains_dot, impact_dot, overview_dot
from viz.render import GraphvizFailed, GraphvizMissing, render_dot

pytestmark = requires_dot


@dataclass
class Layout:
    """dot's -Tjson output, keyed by label (first line) for nodes and clusters."""

    clusters: dict[str, set[str]]
    cluster_label: dict[str, str]
    """dot's cluster name (cluster_0 ...) -> the first line of its label."""
    nodes: dict[str, dict]
    edges: list[tuple[str, str, dict]]
    label: str

    def edge(self, tail: str, head: str) -> dict:
        found = [a for t, h, a in self.edges if (t, h) == (tail, head)]
        assert len(found) == 1, (tail, head, self.edges)
        return found[0]


def layout(source: str) -> Layout:
    out = subprocess.run(["dot", "-Tjson"], input=source.encode(), capture_output=True, check=True).stdout
    doc = json.loads(out)
    objects = doc.get("objects", [])
    nodes_by_gvid = {o["_gvid"]: o for o in objects if "nodes" not in o}
    first = {
        g: o["label"].split("\\n")[0].replace("\\\\", "\\").replace('\\"', '"')
        for g, o in nodes_by_gvid.items()
    }
    clusters = {
        o["label"].split("\\n")[0]: {first[i] for i in o.get("nodes", [])}
        for o in objects
        if "nodes" in o and o.get("name", "").startswith("cluster")
    }
    cluster_label = {
        o["name"]: o["label"].split("\\n")[0] for o in objects if o.get("name", "").startswith("cluster")
    }
    nodes = {first[g]: o for g, o in nodes_by_gvid.items()}
    edges = [(first[e["tail"]], first[e["head"]], e) for e in doc.get("edges", [])]
    return Layout(clusters, cluster_label, nodes, edges, doc.get("label", ""))


def y(node: dict) -> float:
    return float(node["pos"].split(",")[1])


# --- overview --------------------------------------------------------------------------------


def _overview(source: str) -> tuple[dict[str, list[str]], dict[tuple[str, str], int], str]:
    """Each department's box (its label lines), the drawn counts by department pair, and the title."""
    doc = json.loads(subprocess.run(["dot", "-Tjson"], input=source.encode(), capture_output=True).stdout)
    objects = doc["objects"]
    dept_of: dict[int, str] = {}
    boxes: dict[str, list[str]] = {}
    for o in objects:
        if o.get("name", "").startswith("cluster"):
            for i in o["nodes"]:
                dept_of[i] = o["label"]
                boxes[o["label"]] = objects[i]["label"].split("\\n")
    counts = {(dept_of[e["tail"]], dept_of[e["head"]]): int(e["label"]) for e in doc.get("edges", [])}
    return boxes, counts, doc["label"]


def test_overview_clusters_departments_and_counts_dependencies(hostile_graph: nx.DiGraph) -> None:
    boxes, counts, _ = _overview(overview_dot(hostile_graph))
    assert boxes == {
        "Stores": [
            "2 units, 2 front line",
            "0 dependencies inside",
            "Store One (1)",
            "people with no team (1)",
        ],
        "IT <b>dept</b>": ["2 units", "0 dependencies inside", "IT desk (1)", "people with no team (1)"],
        "Payroll": ["1 unit", "0 dependencies inside", "people with no team (1)"],
        "Finance & Accounts": ["2 units", "0 dependencies inside", "people with no team (2)"],
    }
    assert counts == {
        ("Stores", "Payroll"): 2,  # store-1 and ana need the payroll run
        ("Stores", "IT <b>dept</b>"): 2,  # ana's laptop: desk and its backup
        ("Stores", "Finance & Accounts"): 2,  # store-1's freight payment: omar and its backup
        ("Payroll", "IT <b>dept</b>"): 2,  # dana's laptop
        ("Finance & Accounts", "Payroll"): 1,  # omar asks dana directly
    }


def test_overview_draws_the_strongest_lines_and_says_so(hostile_graph: nx.DiGraph, monkeypatch) -> None:
    monkeypatch.setattr(diagrams, "MAX_OVERVIEW_LINES", 2)
    _, counts, title = _overview(overview_dot(hostile_graph))
    # four pairs carry 2 dependencies: ties are broken by department id
    assert counts == {("Payroll", "IT <b>dept</b>"): 2, ("Stores", "Finance & Accounts"): 2}
    assert "The 2 strongest of 5 links are drawn (each 2 or more dependencies)" in title.replace("\\n", " ")
    monkeypatch.setattr(diagrams, "MAX_DIAGRAM_NODES", 3)
    with pytest.raises(DiagramTooLarge, match="4 nodes, more than the 3"):
        overview_dot(hostile_graph)


# --- chains ----------------------------------------------------------------------------------


def test_chains_put_the_front_line_on_top_and_the_slowest_chain_in_red(hostile_graph: nx.DiGraph) -> None:
    lay = layout(chains_dot(hostile_graph, "store-1"))
    n = lay.nodes
    # one layer per hand-off, front line at the top: store-1 -> omar -> dana -> desk
    assert set(n) == {"Store One", "Omar Haddad", "Dana Reyes", "IT desk"}
    assert y(n["Store One"]) > y(n["Omar Haddad"]) > y(n["Dana Reyes"]) > y(n["IT desk"])
    # slowest chain: store-1 -48 h-> omar -24 h-> dana -4 h-> desk, arrows from consumer to provider
    red = sorted((t, h) for t, h, e in lay.edges if e.get("color") == diagrams.RED)
    assert red == [("Dana Reyes", "IT desk"), ("Omar Haddad", "Dana Reyes"), ("Store One", "Omar Haddad")]
    assert lay.edge("Store One", "Omar Haddad")["label"] == "Freight payment\\n48 h"
    assert (
        "3 hand-offs, 76 h in all" in lay.label and "3 units upstream in all" in lay.label
    )  # primary routes: dana, omar, desk
    assert "Blue" not in lay.label  # the longest chain is the slowest one here
    # the backups (quote, evil) are not routes the work normally takes
    assert QUOTED_FIRST not in n and XSS not in n


QUOTED_FIRST = 'Say "hi" </script><!-- \u2028 \\'


def test_chains_name_an_unknown_unit(hostile_graph: nx.DiGraph) -> None:
    with pytest.raises(UnitNotFound, match="'nobody'"):
        chains_dot(hostile_graph, "nobody")


# --- impact ----------------------------------------------------------------------------------


def test_impact_marks_removed_moved_and_broken() -> None:
    org = hostile_org()
    scenario = parse_scenario(
        {
            "name": "t",
            "operations": [
                {"op": "remove", "unit": "dana"},
                {"op": "move", "unit": "omar", "department": "it"},
            ],
        }
    )
    applied = apply_scenario(org, scenario)
    source = impact_dot(applied.before, applied.after, lost=applied.lost_dependencies)
    assert source == impact_dot(applied.before, applied.after)  # the same broken list when worked out
    lay = layout(source)
    assert lay.nodes["Dana Reyes"]["color"] == diagrams.RED
    assert lay.nodes["Omar Haddad"]["color"] == diagrams.ORANGE
    assert "Omar Haddad" in lay.clusters["IT <b>dept</b>"]
    dashed = sorted((t, h) for t, h, e in lay.edges if e.get("style") == "dashed")
    assert dashed == [("Ana Costa", "Dana Reyes"), ("Omar Haddad", "Dana Reyes"), ("Store One", "Dana Reyes")]
    removed = sorted((t, h) for t, h, e in lay.edges if e.get("color") == diagrams.RED and "style" not in e)
    assert removed == sorted([("Dana Reyes", "IT desk"), ("Dana Reyes", XSS)])
    assert "1 unit removed, 0 units added, 1 unit moved, 3 dependencies broken" in lay.label


def test_impact_marks_additions_green() -> None:
    before = hostile_org()
    after = before.model_copy(
        update={
            "units": (*before.units, Unit(id="kim", name="Kim Lo", department="payroll")),
            "capabilities": tuple(
                c if c.id != "payroll-run" else Capability(id=c.id, name=c.name, providers=("dana", "kim"))
                for c in before.capabilities
            ),
            "dependencies": (*before.dependencies, Dependency(consumer="kim", capability="laptop-setup")),
        }
    )
    lay = layout(impact_dot(before, after))
    assert lay.nodes["Kim Lo"]["color"] == diagrams.GREEN
    green = sorted((t, h) for t, h, e in lay.edges if e.get("color") == diagrams.GREEN)
    assert green == sorted(
        [("Ana Costa", "Kim Lo"), ("Kim Lo", "IT desk"), ("Kim Lo", XSS), ("Store One", "Kim Lo")]
    )
    assert not [e for _, _, e in lay.edges if e.get("style") == "dashed"]


def test_impact_too_large(monkeypatch) -> None:
    org = hostile_org()
    applied = apply_scenario(
        org, parse_scenario({"name": "t", "operations": [{"op": "remove", "unit": "dana"}]})
    )
    monkeypatch.setattr(diagrams, "MAX_DIAGRAM_NODES", 2)
    with pytest.raises(DiagramTooLarge, match="impact diagram would have 6 nodes"):
        impact_dot(applied.before, applied.after)


# --- rendering -------------------------------------------------------------------------------


def test_render_svg_and_png(hostile_graph: nx.DiGraph) -> None:
    source = overview_dot(hostile_graph)
    svg = render_dot(source, "svg")
    assert svg.lstrip().startswith(b"<?xml") and b"IT &lt;b&gt;dept&lt;/b&gt;" in svg
    assert render_dot(source, "png").startswith(b"\x89PNG")


def test_missing_dot_says_how_to_install(monkeypatch) -> None:
    monkeypatch.setattr(render.shutil, "which", lambda name: None)
    with pytest.raises(GraphvizMissing) as err:
        render_dot("digraph { a }")
    assert "apt-get install graphviz" in str(err.value) and "brew install graphviz" in str(err.value)


def test_dot_is_stopped_at_the_time_limit() -> None:
    big = "digraph {" + " ".join(f"n{i} -> n{(i * 7) % 3000};" for i in range(3000)) + "}"
    with pytest.raises(GraphvizFailed, match="longer than 0.001 s"):
        render_dot(big, timeout=0.001)


def test_dot_errors_are_reported() -> None:
    with pytest.raises(GraphvizFailed, match="could not draw"):
        render_dot("digraph { -> }")


def test_every_diagram_is_deterministic(hostile_graph: nx.DiGraph) -> None:
    again = build_graph(hostile_org())
    assert overview_dot(hostile_graph) == overview_dot(again)
    assert chains_dot(hostile_graph, "store-1") == chains_dot(again, "store-1")
