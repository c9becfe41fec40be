"""``orggraph export``: graph formats for other tools, and conversion between YAML, JSON and CSV."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from orggraph import load_org
from orggraph.cli import app
from tests.io.helpers import BASE_YAML, write

runner = CliRunner()


@pytest.mark.parametrize(
    ("fmt", "name", "read"),
    [
        ("graphml", "org.graphml", nx.read_graphml),
        ("gexf", "org.gexf", nx.read_gexf),
        (
            "json",
            "org-graph.json",
            lambda p: nx.node_link_graph(json.loads(Path(p).read_text()), edges="edges"),
        ),
    ],
)
def test_export_graph_formats(tmp_path: Path, fmt: str, name: str, read) -> None:
    source = write(tmp_path, "org.yaml", BASE_YAML)
    result = runner.invoke(app, ["export", str(source), "--format", fmt, "-o", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    assert f"to {tmp_path / name}: 3 units, 2 dependencies." in result.stdout
    assert set(read(tmp_path / name).edges) == {("ann", "desk"), ("ann", "bob"), ("bob", "ann")}


@pytest.mark.parametrize(("fmt", "name"), [("yaml", "copy.yaml"), ("org-json", "copy.json"), ("csv", "copy")])
def test_export_converts_the_organisation(tmp_path: Path, fmt: str, name: str) -> None:
    source = write(tmp_path, "org.yaml", BASE_YAML)
    result = runner.invoke(app, ["export", str(source), "-f", fmt, "-o", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    assert load_org(tmp_path / name) == load_org(source)


def test_export_of_invalid_data_fails_and_writes_nothing(tmp_path: Path) -> None:
    source = write(tmp_path, "org.yaml", BASE_YAML.replace("manager: ann, channel", "manager: zed, channel"))
    result = runner.invoke(app, ["export", str(source), "-f", "graphml", "-o", str(tmp_path / "out.graphml")])
    assert result.exit_code == 1 and "[manager]: unit 'bob' reports to 'zed'" in result.stderr
    assert not (tmp_path / "out.graphml").exists()


def test_export_of_a_missing_file_names_it_and_writes_nothing(tmp_path: Path) -> None:
    source, out = tmp_path / "missing.yaml", tmp_path / "out.graphml"
    result = runner.invoke(app, ["export", str(source), "-f", "graphml", "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    assert (
        result.stderr == f"Error: 1 problem in the organisation data:\n  - {source}: no such file or folder\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(("fmt", "name"), [("graphml", "org.graphml"), ("yaml", "org.yaml"), ("csv", "org")])
def test_export_to_an_unwritable_path_names_it(tmp_path: Path, fmt: str, name: str) -> None:
    source = write(tmp_path, "org.yaml", BASE_YAML)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    out = blocker / name
    result = runner.invoke(app, ["export", str(source), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"Error: cannot write {out}: ") and "Traceback" not in result.output
    assert blocker.read_text() == "not a folder"


def test_export_refuses_to_overwrite_a_folder_of_other_files(tmp_path: Path) -> None:
    source = write(tmp_path, "org.yaml", BASE_YAML)
    result = runner.invoke(app, ["export", str(source), "-f", "csv", "-o", str(tmp_path)])
    assert result.exit_code == 1 and "refusing to replace the folder" in result.stderr
    assert (tmp_path / "org.yaml").read_text() == BASE_YAML


def test_export_needs_format_and_output(tmp_path: Path) -> None:
    source = write(tmp_path, "org.yaml", BASE_YAML)
    result = runner.invoke(app, ["export", str(source), "-o", str(tmp_path / "x.graphml")])
    assert result.exit_code == 2 and "--format" in result.output
