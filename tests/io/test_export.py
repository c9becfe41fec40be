"""Writing organisations and graphs: native round trips, graph formats readable by networkx, atomic writes."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import networkx as nx
import pytest

from orggraph import OrgGraphError, build_graph, export_graph, load_org, rollup, save_org
from tests.io.helpers import BASE_YAML, write


@pytest.fixture
def org(tmp_path: Path):
    return load_org(write(tmp_path, "org.yaml", BASE_YAML))


@pytest.mark.parametrize("name", ["copy.yaml", "copy.yml", "copy.json"])
def test_native_round_trip(tmp_path: Path, org, name: str) -> None:
    assert save_org(org, tmp_path / name) == tmp_path / name
    assert load_org(tmp_path / name) == org


def test_graphml_is_readable_by_networkx_with_flat_attributes(tmp_path: Path, org) -> None:
    export_graph(org, tmp_path / "org.graphml")
    G = nx.read_graphml(tmp_path / "org.graphml")
    assert G.is_directed()
    assert set(G.nodes) == {"ann", "bob", "desk"}
    assert set(G.edges) == {("ann", "desk"), ("ann", "bob"), ("bob", "ann")}
    bob = G.nodes["bob"]
    assert (bob["name"], bob["channel_type"], bob["channel_address"]) == ("Bob Clerk", "email", "bob@x.org")
    assert G.nodes["desk"]["fte"] == 2.0 and G.nodes["desk"]["kind"] == "team"
    assert G.nodes["ann"]["department_name"] == "Operations"
    # ann needs laptop set-up (monthly, high = 12 x 3) from the desk (primary) or bob (backup)
    edge = G.edges["ann", "desk"]
    assert edge["weight"] == 36.0 and edge["criticality"] == "high" and edge["capabilities"] == "laptop-setup"
    assert edge["detail"] == "Laptop setup (monthly, high, provider 1 of 2)"
    assert edge["single_provider"] is False and G.edges["bob", "ann"]["single_provider"] is True
    assert G.graph["org_name"] == "Test Org" and G.graph["direction"] == "consumer -> provider"


def test_gexf_is_readable_by_networkx(tmp_path: Path, org) -> None:
    export_graph(org, tmp_path / "org.gexf")
    G = nx.read_gexf(tmp_path / "org.gexf")
    assert set(G.edges) == {("ann", "desk"), ("ann", "bob"), ("bob", "ann")}
    assert G.nodes["desk"]["label"] == "Service desk"
    assert G.edges["ann", "bob"]["cadences"] == "monthly"


def test_node_link_json_keeps_the_links(tmp_path: Path, org) -> None:
    export_graph(org, tmp_path / "org.json", "json")
    G = nx.node_link_graph(json.loads((tmp_path / "org.json").read_text()), edges="edges")
    assert G.is_directed() and set(G.edges) == {("ann", "desk"), ("ann", "bob"), ("bob", "ann")}
    (link,) = G.edges["ann", "bob"]["links"]
    assert (link["capability"], link["provider_rank"], link["providers"]) == ("laptop-setup", 1, 2)


def test_reporting_lines_can_be_exported(tmp_path: Path, org) -> None:
    export_graph(org, tmp_path / "org.graphml", reporting_lines=True)
    G = nx.read_graphml(tmp_path / "org.graphml")
    assert ("desk", "ann") in G.edges and G.edges["desk", "ann"]["reporting"] is True


def test_a_rollup_graph_can_be_exported(tmp_path: Path, org) -> None:
    export_graph(rollup(build_graph(org), "department"), tmp_path / "departments.graphml")
    G = nx.read_graphml(tmp_path / "departments.graphml")
    assert set(G.nodes) == {"ops", "it"}
    assert G.nodes["ops"]["members"] == "ann; bob" and G.edges["ops", "it"]["count"] == 1


def test_unknown_graph_format_is_refused(tmp_path: Path, org) -> None:
    with pytest.raises(OrgGraphError, match="unknown graph format"):
        export_graph(org, tmp_path / "org.dot")


def test_a_failed_write_leaves_the_previous_file_untouched(tmp_path: Path, org, monkeypatch) -> None:
    target = write(tmp_path, "org.graphml", "previous export")

    def broken(G, path):
        Path(path).write_text("half a file")
        raise OSError("disk full")

    monkeypatch.setattr(nx, "write_graphml", broken)
    with pytest.raises(OSError, match="disk full"):
        export_graph(org, target)
    assert target.read_text() == "previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["org.graphml", "org.yaml"]


def test_new_exports_are_private_and_replaced_files_keep_their_mode(tmp_path: Path, org) -> None:
    save_org(org, tmp_path / "new.yaml")
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o600
    existing = write(tmp_path, "shared.yaml", "old")
    os.chmod(existing, 0o640)
    save_org(org, existing)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640 and load_org(existing) == org


def test_csv_export_replaces_a_previous_export_but_not_a_folder_with_other_files(tmp_path: Path, org) -> None:
    folder = tmp_path / "csv"
    save_org(org, folder)
    save_org(org, folder)  # a previous export is replaced
    assert load_org(folder) == org
    write(folder, "notes.txt", "mine")
    with pytest.raises(OrgGraphError, match="holds other files \\(notes.txt\\)"):
        save_org(org, folder)
    assert (folder / "notes.txt").read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
