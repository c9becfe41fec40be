"""``orggraph report``: HTML with the map beside it, Markdown, JSON; where to look; plain errors."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.report_models import HealthReport
from tests.conftest import SAMPLE

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["report", *args])


def test_html_report_writes_the_map_beside_it_and_says_where_to_look(tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.html"  # the folder is created
    result = run(str(SAMPLE), "-o", str(out))
    assert result.exit_code == 0, result.output
    page, map_page = (
        out.read_text(encoding="utf-8"),
        (tmp_path / "out" / "map.html").read_text(encoding="utf-8"),
    )
    assert f"Open {out} in a browser." in result.output
    assert f"Wrote {tmp_path / 'out' / 'map.html'}" in result.output
    assert "[high] Only Dana Reyes provides 'Payroll run'" in result.output
    assert 'href="map.html?focus=dana.reyes&amp;depth=2"' in page and "Dana Reyes" in map_page
    if shutil.which("dot"):
        assert page.count("<svg") >= 2
    # written atomically: nothing else is left in the folder, and only the owner may read HR data
    assert sorted(p.name for p in out.parent.iterdir()) == ["map.html", "report.html"]
    assert out.stat().st_mode & 0o077 == 0


def test_markdown_and_json(tmp_path: Path) -> None:
    md = tmp_path / "report.md"
    result = run(str(SAMPLE), "-o", str(md), "--top", "3")
    assert result.exit_code == 0, result.output
    text = md.read_text(encoding="utf-8")
    assert "## What needs attention" in text and "(<map.html?focus=dana.reyes&depth=2>)" in text
    assert (tmp_path / "map.html").exists()

    js = tmp_path / "report.json"
    result = run(str(SAMPLE), "-o", str(js))
    assert result.exit_code == 0, result.output
    report = HealthReport.model_validate_json(js.read_text(encoding="utf-8"))
    assert report.findings[0].id == "single-point-of-failure:dana.reyes" and report.top == 5


def test_no_map(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run(str(SAMPLE), "-o", str(out), "--no-map")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "map.html").exists() and "?focus=" not in out.read_text(encoding="utf-8")


def test_a_report_named_map_html_does_not_overwrite_its_map(tmp_path: Path) -> None:
    result = run(str(SAMPLE), "-o", str(tmp_path / "map.html"))
    assert result.exit_code == 0, result.output
    assert 'href="map-map.html?focus=' in (tmp_path / "map.html").read_text(encoding="utf-8")
    assert (tmp_path / "map-map.html").exists()


def test_plain_errors(tmp_path: Path) -> None:
    result = run(str(SAMPLE), "-o", str(tmp_path / "report.pdf"))
    assert result.exit_code == 1 and "ending in .html, .md or .json" in result.output
    bad = tmp_path / "org.yaml"
    bad.write_text("units:\n- {id: a}\n", encoding="utf-8")
    result = run(str(bad), "-o", str(tmp_path / "r.html"))
    assert result.exit_code == 1 and "Error:" in result.output and "name" in result.output
    assert not (tmp_path / "r.html").exists()


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["report", "--help"])
    assert (
        result.exit_code == 0
        and "Example: orggraph report data/sample-org.yaml -o out/report.html" in result.output
    )
