"""``orggraph map`` and ``orggraph diagram`` through the CLI, on the sample and a hostile org."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.io.export import save_org
from tests.conftest import SAMPLE
from tests.viz.conftest import XSS, hostile_org, requires_dot
from viz import render

runner = CliRunner()


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    return save_org(hostile_org(), tmp_path / "org.json")


def _data(page: str) -> dict:
    text = re.search(r'<script type="application/json" id="orggraph-data">(.*?)</script>', page, re.S)
    assert text is not None
    return json.loads(text.group(1))


def test_map_writes_one_offline_page(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    result = runner.invoke(app, ["map", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert _data(page)["meta"]["level"] == "person"  # 222 units: under the department threshold
    assert not list(tmp_path.glob(".map.html.*"))  # no temporary file left behind


def test_map_focus_and_view(hostile_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    result = runner.invoke(app, ["map", str(hostile_file), "-o", str(out), "--focus", "omar", "--depth", "1"])
    assert result.exit_code == 0, result.output
    assert {n["id"] for n in _data(out.read_text())["nodes"]} == {"omar", "dana", "store-1"}
    result = runner.invoke(app, ["map", str(hostile_file), "-o", str(out), "--view", "department"])
    assert result.exit_code == 0 and len(_data(out.read_text())["nodes"]) == 4


def test_map_errors_are_plain(hostile_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["map", str(hostile_file), "-o", str(tmp_path / "m.html"), "--focus", "nobody"]
    )
    assert result.exit_code == 1 and "No unit with id 'nobody'" in result.output
    result = runner.invoke(app, ["map", str(hostile_file), "-o", str(tmp_path / "m.png")])
    assert result.exit_code == 1 and "ending in .html" in result.output
    assert not (tmp_path / "m.html").exists()


@requires_dot
@pytest.mark.parametrize("suffix,magic", [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".dot", b"digraph")])
def test_overview_in_each_format(hostile_file: Path, tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"overview{suffix}"
    result = runner.invoke(app, ["diagram", str(hostile_file), "--kind", "overview", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().lstrip().startswith(magic)


@requires_dot
def test_chains_of_the_sample_store(tmp_path: Path) -> None:
    out = tmp_path / "chains.svg"
    result = runner.invoke(
        app, ["diagram", str(SAMPLE), "--kind", "chains", "--front-line", "store-12", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    # the planted slow chain: store-12 waits on Sam Lee, who waits on the freight account being paid
    assert "Store 12 Port Ellen (Islay)" in svg and "Sam Lee" in svg and "Freight account paid" in svg
    result = runner.invoke(app, ["diagram", str(SAMPLE), "--kind", "chains", "-o", str(out)])
    assert result.exit_code == 1 and "--front-line" in result.output


@requires_dot
def test_impact_from_a_scenario_or_a_second_version(hostile_file: Path, tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: Dana leaves\noperations:\n  - {op: remove, unit: dana}\n", encoding="utf-8")
    out = tmp_path / "impact.dot"
    result = runner.invoke(
        app, ["diagram", str(hostile_file), "--kind", "impact", "--scenario", str(scenario), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    from_scenario = out.read_text()
    assert "3 dependencies broken" in from_scenario and "(removed)" in from_scenario

    org = hostile_org()
    after = org.model_copy(
        update={
            "units": tuple(u for u in org.units if u.id != "evil"),
            "capabilities": tuple(
                c.model_copy(update={"providers": ("desk",)}) if c.id == "laptop-setup" else c
                for c in org.capabilities
            ),
        }
    )
    after_file = save_org(after, tmp_path / "after.json")
    result = runner.invoke(
        app, ["diagram", str(hostile_file), "--kind", "impact", "--after", str(after_file), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "1 unit removed" in text and "0 dependencies broken" in text  # the desk still serves laptops
    assert XSS in text  # the removed unit, drawn with its name as a plain label


def test_impact_needs_a_scenario_or_after(hostile_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["diagram", str(hostile_file), "--kind", "impact", "-o", str(tmp_path / "i.svg")]
    )
    assert result.exit_code == 1 and "--scenario FILE or --after OTHER_DATA" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\noperations:\n  - {op: fire, unit: dana}\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "diagram",
            str(hostile_file),
            "--kind",
            "impact",
            "--scenario",
            str(bad),
            "-o",
            str(tmp_path / "i.svg"),
        ],
    )
    assert result.exit_code == 1 and "operation 1" in result.output and "unknown operation" in result.output


def test_without_dot_the_source_is_still_written(hostile_file: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(render.shutil, "which", lambda name: None)
    out = tmp_path / "overview.svg"
    result = runner.invoke(app, ["diagram", str(hostile_file), "--kind", "overview", "-o", str(out)])
    assert result.exit_code == 1
    assert "apt-get install graphviz" in result.output and "brew install graphviz" in result.output
    assert not out.exists()
    assert (tmp_path / "overview.dot").read_text().startswith("digraph")


def test_diagram_to_an_unwritable_path_names_it(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    out = blocker / "overview.dot"
    result = runner.invoke(app, ["diagram", str(SAMPLE), "--kind", "overview", "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"Error: cannot write {out}: ") and "Traceback" not in result.output
    assert blocker.read_text() == "not a folder"
